"""The shared sentence windows and the negation helper used by every mention component."""

import pytest

from expediente.extractors import negation
from expediente.extractors.sentences import split


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "He violated 21 U.S.C. § 841(a)(1). He pleaded guilty.",
            ["He violated 21 U.S.C. § 841(a)(1).", "He pleaded guilty."],
        ),
        (
            "See United States v. Lopez, No. 19-cr-100. The court agreed.",
            ["See United States v. Lopez, No. 19-cr-100.", "The court agreed."],
        ),
        (
            "Under U.S.S.G. § 5K1.1 and Fed. R. Crim. P. 11 the parties agree.",
            ["Under U.S.S.G. § 5K1.1 and Fed. R. Crim. P. 11 the parties agree."],
        ),
        ("Agent J. Smith arrived. He left.", ["Agent J. Smith arrived.", "He left."]),
        # double-spaced pleading text: a blank line after a wrapped line does not end the sentence
        (
            (
                "Because the defendant admitted his conduct, he is entitled to a reduction "
                "for\n\nacceptance of responsibility."
            ),
            [
                (
                    "Because the defendant admitted his conduct, he is entitled to a reduction "
                    "for\n\nacceptance of responsibility."
                )
            ],
        ),
        (
            "1. Change of Plea\n\nThe defendant will plead guilty.",
            ["1. Change of Plea", "The defendant will plead guilty."],
        ),
    ],
)
def test_split(text, expected):
    assert [w.text for w in split(text)] == expected


def test_window_offsets_point_into_text():
    text = "First one.  Second one here."
    for w in split(text):
        assert text[w.start : w.end] == w.text


@pytest.mark.parametrize(
    ("text", "mention", "status"),
    [
        ("The government will not move for a downward departure under USSG 5K1.1.", "5K1.1", negation.NEGATED),
        ("The defendant agrees not to seek any downward departure.", "downward departure", negation.NEGATED),
        (
            "No promises have been made regarding a substantial assistance motion.",
            "substantial assistance",
            negation.DISCLAIMED,
        ),
        ("The USAO is not obligated to file a motion under 18 U.S.C. 3553(e).", "3553(e)", negation.DISCLAIMED),
        (
            "If the defendant provides substantial assistance, the government will so move.",
            "substantial assistance",
            negation.CONDITIONAL,
        ),
        ("The government may, in its sole discretion, file a Rule 35(b) motion.", "Rule 35(b)", negation.CONDITIONAL),
        ("The defendant requests a downward variance.", "downward variance", negation.CLAIMED),
        (
            "The government will recommend a reduction for acceptance of responsibility.",
            "acceptance of responsibility",
            negation.AFFIRMED,
        ),
        ("(Doc. No. 12) The defendant accepted responsibility.", "accepted responsibility", negation.AFFIRMED),
    ],
)
def test_assess(text, mention, status):
    i = text.index(mention)
    assert negation.assess(text, i, i + len(mention)).status == status

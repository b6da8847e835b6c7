import pytest

from tests._mention_helper import run

GRANTED = 0.7  # at or above: granted or promised; below: conditional, claimed or bare citation


def labels(text, floor=GRANTED):
    return sorted({f.value for f in run("expediente_benefits", text, "benefit") if f.confidence >= floor})


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "At sentencing, the government will move to dismiss the remaining counts of the indictment.",
            ["dismiss_counts"],
        ),
        ("Count(s) 2 and 3 of the Indictment are dismissed on the motion of the United States.", ["dismiss_counts"]),
        ("All remaining counts are dismissed upon motion of the United States.", ["dismiss_counts"]),
        ("(1) Dismissed on Government Motion", ["dismiss_counts"]),
        (
            (
                "The government agrees to recommend a three-level reduction for acceptance "
                "of responsibility under USSG § 3E1.1."
            ),
            ["acceptance_of_responsibility"],
        ),
        (
            "The United States agrees not to prosecute the defendant for any other offense arising from this conduct.",
            ["no_further_charges"],
        ),
        (
            "The parties agree pursuant to Rule 11(c)(1)(C) that a sentence of 120 months is appropriate.",
            ["rule_11c1c_agreed_sentence"],
        ),
        (
            (
                "The government moves for a downward departure under USSG § 5K1.1 based on "
                "the defendant's substantial assistance."
            ),
            ["substantial_assistance_5k1"],  # the departure is the 5K1.1 motion, not another reduction
        ),
        (
            "The government will recommend a sentence at the low end of the applicable guideline range.",
            ["sentence_reduction_other"],
        ),
        ("The parties jointly recommend a sentence of probation.", ["probation"]),
        ("The defendant qualifies for the safety valve under 18 U.S.C. § 3553(f).", ["safety_valve"]),
    ],
)
def test_granted(text, expected):
    assert labels(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The government will not file a motion for a downward departure under USSG § 5K1.1.",
        "The defendant understands that the U.S. Attorney is not obligated to file a substantial assistance motion.",
        "There is no agreement regarding a reduction for acceptance of responsibility.",
        "The defendant did not clearly demonstrate acceptance of responsibility under §3E1.1.",
        (
            "The government will object to any reduction based on acceptance of "
            "responsibility if the defendant obstructs justice."
        ),
        "The defendant agrees not to seek any downward departure.",
        "Count(s)     is   are dismissed on the motion of the United States.",
        "Defendant is ineligible for probation.",
        "USSG § 3E1.1 ........................................................ 6",
        "the U.S. Attorney may pursue any charges that were dismissed under this Agreement",
        "The court imposed the maximum because of his lack of cooperation with investigators.",
    ],
)
def test_disclaimed_or_boilerplate(text):
    assert labels(text, floor=0.5) == []


def test_conditional_kept_low():
    text = (
        "If the defendant provides substantial assistance, the government may, in its "
        "sole discretion, file a motion under 5K1.1."
    )
    found = run("expediente_benefits", text, "benefit")
    assert found and all(f.value == "substantial_assistance_5k1" and f.confidence < 0.5 for f in found)
    assert found[0].attrs["status"] == "conditional"


def test_a_conditional_promise_is_kept_as_what_the_plea_buys():
    text = (
        "The Government agrees that a 2-level reduction will be appropriate, pursuant to U.S.S.G. § 3E1.1, "
        "provided that your client clearly demonstrates acceptance of responsibility."
    )
    found = run("expediente_benefits", text, "benefit")
    assert found and all(0.5 <= f.confidence < GRANTED for f in found)
    assert {(f.value, f.attrs["status"]) for f in found} == {("acceptance_of_responsibility", "conditional")}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a government sentencing memo or hearing: a recommended variance below the range
        (
            "The government's recommended two-level variance reflects the defendant's early plea.",
            ["sentence_reduction_other"],
        ),
        ("The United States recommends a modest variance to offense level 24.", ["sentence_reduction_other"]),
        (
            "A term of 48 months is a downward variance of about 22 months from the low end.",
            ["sentence_reduction_other"],
        ),
        ("For these reasons the Court varies downward and imposes 36 months.", ["sentence_reduction_other"]),
        # a release: the sentence reduced for the defendant's cooperation
        (
            "The judge said that but for the Ortiz brothers' cooperation he would have imposed life.",
            ["substantial_assistance_5k1"],
        ),
        ("He received 10 years in recognition of his extensive cooperation.", ["substantial_assistance_5k1"]),
        # dismissal of counts said in prose or through a diversion agreement
        ("Before trial the government dismissed Count 7 of the second superseding indictment.", ["dismiss_counts"]),
        (
            "Once the period of pretrial diversion ends, the parties will jointly move to dismiss the information.",
            ["dismiss_counts"],
        ),
        # a judgment's checked line after the blank "not guilty" line
        (
            "Sentencing Reform Act of 1984.\n[ ] The defendant has been found not guilty on count(s)\n"
            "[X] Count(s) 2 and 4 of the Indictment [ ] is [X] are dismissed on the motion of the United States.",
            ["dismiss_counts"],
        ),
        (
            "The parties agree that a three-level reduction under USSG § 3E1.1 is appropriate.",
            ["acceptance_of_responsibility"],
        ),
        (
            "The defendant will not be further prosecuted criminally by this Office (except for tax offenses, "
            "if any) for his role in the scheme.",
            ["no_further_charges"],
        ),
        # what a government sentencing position argues for
        (
            "The government recommends a three-level reduction for acceptance of responsibility.",
            ["acceptance_of_responsibility"],
        ),
        (
            "The government moves for a downward departure under USSG 5K1.1 based on the defendant's cooperation.",
            ["substantial_assistance_5k1"],
        ),
        # a dismissal promised by count number
        ("The United States will move to dismiss Counts Two and Three at sentencing.", ["dismiss_counts"]),
        ("The Court grants the government's motion to dismiss the remaining counts.", ["dismiss_counts"]),
    ],
)
def test_granted_in_prose(text, expected):
    assert labels(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The defendant asks the Court to vary downward; the government opposes any variance.",
        "The defendant is not eligible for pretrial diversion, and no counts will be dismissed.",
        "If that were the range, a 70-month term would be a large variance.",
        "The United States will not file a motion for a downward departure under Section 5K1.1.",
        "The defendant recommends that the Court ignore the guidelines; he is not eligible for the safety valve.",
    ],
)
def test_requests_and_denials_are_not_grants(text):
    assert labels(text) == []

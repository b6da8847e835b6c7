"""corpus.clean: what is removed from a page, and the exact map back to the original text."""

from __future__ import annotations

import random

import pytest

from expediente.corpus.clean import clean_page
from expediente.corpus.document import Document, Page
from expediente.extractors.text import DocText

PLEADING_OWN_LINES = "\n".join(
    ["1", "2", "3", "UNITED STATES DISTRICT COURT", "4", "SOUTHERN DISTRICT OF CALIFORNIA", "5", "6"]
    + [str(n) for n in range(7, 29)]
)
PLEADING_PREFIXED = "\n".join(f"{n:>2} {t}" for n, t in enumerate(["A", "B", "C", "D", "E", "F", "G"], 1))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # ECF stamps, with and without PageID, and as OCR damages them
        (
            "Case 3:19-cr-01234-BAS Document 45 Filed 06/12/20 Page 3 of 14\nThe defendant shall forfeit.",
            "The defendant shall forfeit.",
        ),
        (
            "Case: 1:21-cr-00028-APM Doc #: 210 Filed: 05/30/21 Page 5 of 40 PageID #: 123\nCOUNT ONE",
            "COUNT ONE",
        ),
        (
            "Case 8:14-cr-00167-JVS Document 150 Filed 06/07/19 Page 3 of 33 Page ID #:2650\nTHE COURT: Be seated.",
            "THE COURT: Be seated.",
        ),
        (
            "Case 2:22-cr-00115-ILRL-KWR Document61_ Filed 06/14/23. Page1of9\nFACTUAL BASIS",
            "FACTUAL BASIS",
        ),
        (
            "Case 2:22-cr-00115-ILRL-KWR_ = Docuntent 28 ‘Filed 10/13/22 Page1lof1\nCOUNT 2",
            "COUNT 2",
        ),
        (
            "Case 1: 20- -Cr- -00173. NONE- SKO ‘Doctiment 6 Filed 09/23/20 Page 1 of 1\nORDER",
            "ORDER",
        ),
        # a stamp at the bottom of the page is removed too
        (
            "the defendant waives appeal.\n   Case 3:19-cr-01234-BAS   Document 45   Filed 06/12/20   Page 3 of 14",
            "the defendant waives appeal.\n",
        ),
        # a stamp the text layer broke into one line per part, at the top of the page
        (
            "Case 3:17-cr-00095-JLS\n\nDocument 1\n\nFiled 12/14/16\n\nPage 4 of 15\n\nAFFIDAVIT OF AGENT",
            "AFFIDAVIT OF AGENT",
        ),
        # bare page numbers at the top or bottom
        (
            "3\nTHE COURT: Please be seated.\nMR. LOPEZ: Thank you.",
            "THE COURT: Please be seated.\nMR. LOPEZ: Thank you.",
        ),
        ("sentence of 120 months.\n\n- 7 -\n", "sentence of 120 months.\n\n"),
        ("sentence of 120 months.\nPage 7 of 12\n", "sentence of 120 months.\n"),
        # pleading line numbers on their own lines, before text, glued to text
        (PLEADING_OWN_LINES, "UNITED STATES DISTRICT COURT\nSOUTHERN DISTRICT OF CALIFORNIA\n"),
        (PLEADING_PREFIXED, "A\nB\nC\nD\nE\nF\nG"),
        ("\n".join(f"{n}UNITED" if n == 3 else f"{n} x{n}" for n in range(1, 9)), "x1\nx2\nUNITED\nx4\nx5\nx6\nx7\nx8"),
        # transcript: time stamp, line number, text
        (
            "10:02 1 THE CLERK: Calling item one.\n10:02 2 MS. REYES: Good morning.\n10:02 3 THE COURT: Good\n"
            "10:03 4 morning.\n10:03 5 Are you Mr. Soto?\n10:03 6 THE DEFENDANT: Yes.",
            "THE CLERK: Calling item one.\nMS. REYES: Good morning.\nTHE COURT: Good\nmorning.\n"
            "Are you Mr. Soto?\nTHE DEFENDANT: Yes.",
        ),
        # a missing line number in the column is tolerated
        ("1 a\n2 b\n4 d\n5 e\n6 f\n7 g", "a\nb\nd\ne\nf\ng"),
        # runs of blank lines shrink to one blank line
        ("COUNT ONE\n\n\n\n\nCOUNT TWO", "COUNT ONE\n\nCOUNT TWO"),
    ],
)
def test_removed(text, expected):
    assert clean_page(text).text == expected


@pytest.mark.parametrize(
    "text",
    [
        # statutes, quantities and numbered paragraphs at line starts are content, not a column
        "in violation of\n21 U.S.C. § 841(a)(1) and\n18 U.S.C. § 2.",
        "1. The defendant is a citizen of Mexico.\n2. He was extradited in 2019.\n3. He pleaded guilty.\n"
        "4. He was sentenced.\n5. He appealed.",
        "approximately\n5 kilograms of cocaine and\n2 firearms were seized.",
        # a count number alone in the middle of a page is kept
        "Title & Section\nNature of Offense\n1\nConspiracy to import cocaine\nmore text follows here",
        # a year alone at the bottom is not a page number
        "Dated this day of March,\n2021",
        # a sentence that mentions a case number is kept
        "See Case 3:19-cr-01234-BAS, Document 45, filed by the defense.",
    ],
)
def test_kept(text):
    assert clean_page(text).text == text


def _assert_exact_map(original: str) -> None:
    cleaned = clean_page(original)
    for i, ch in enumerate(cleaned.text):
        assert original[cleaned.to_original(i)] == ch, (i, ch)
    for i in range(len(cleaned.text)):
        for j in (i + 1, min(len(cleaned.text), i + 7)):
            start, end = cleaned.to_original(i), cleaned.to_original_end(j)
            assert start < end <= len(original)
            assert original[end - 1] == cleaned.text[j - 1]
    assert cleaned.to_original_end(len(cleaned.text)) <= len(original)


_PIECES = [
    "Case 3:19-cr-01234-BAS Document 45 Filed 06/12/20 Page 3 of 14",
    "Case: 1:21-cr-00028-APM Doc #: 210 Filed: 05/30/21 Page 5 of 40 PageID #: 123",
    "   ",
    "",
    "7",
    "- 2 -",
    "Page 2 of 9",
    "THE COURT: Counsel, approach.",
    "distribution of fifty grams of methamphetamine",
    "21 U.S.C. §§ 952, 960 and 963",
    "10:15",
    "\t",
    "é ñ — “quoted”",
]


def _random_page(rng: random.Random) -> str:
    lines = []
    numbered = rng.random() < 0.5
    for n in range(1, rng.randint(1, 30)):
        piece = rng.choice(_PIECES)
        if numbered:
            glue = rng.choice([" ", "   ", "", "\n"])
            piece = f"{rng.choice(['', '10:02 '])}{n}{glue}{piece}"
        lines.append(piece)
    return rng.choice(["\n", "\r\n"]).join(lines) + rng.choice(["", "\n", "\n\n\n"])


@pytest.mark.parametrize("seed", range(60))
def test_map_is_exact_on_generated_pages(seed):
    _assert_exact_map(_random_page(random.Random(seed)))


@pytest.mark.parametrize("text", ["", "\n", "   \n\n", "1", "Page 1 of 1", PLEADING_OWN_LINES, PLEADING_PREFIXED])
def test_map_is_exact_on_edge_cases(text):
    _assert_exact_map(text)


def test_empty_page_maps_to_zero():
    cleaned = clean_page("")
    assert cleaned.text == ""
    assert cleaned.to_original(0) == 0
    assert cleaned.to_original_end(0) == 0


@pytest.mark.realdocs
def test_map_is_exact_on_real_text_files(realdocs):
    from expediente.corpus.plaintext import read_text

    checked = 0
    for path in sorted(realdocs.glob("*.txt")):
        pages, _ = read_text(str(path))
        for page in pages:
            cleaned = clean_page(page.text)
            assert all(page.text[cleaned.to_original(i)] == ch for i, ch in enumerate(cleaned.text)), path.name
            checked += 1
    assert checked > 100


def test_doctext_locates_evidence_in_original_page():
    original = "\n".join(
        ["Case 3:19-cr-01234-BAS Document 45 Filed 06/12/20 Page 2 of 14"]
        + [f"{n} " + ("defendant Ortega-Villa imported cocaine" if n == 4 else "text") for n in range(1, 10)]
    )
    document = Document("x.pdf", "0" * 64, "pdf", (Page(1, "cover page", "text"), Page(2, original, "text")))
    doc_text = DocText(document)
    start = doc_text.text.index("Ortega-Villa")
    location = doc_text.locate(start, start + len("Ortega-Villa"))
    assert location.page == 2
    assert original[location.start : location.end] == "Ortega-Villa"

"""Counts: headings, ranges, judgment rows, docket entries and plea sentences.

Texts are written in the style of federal filings, not copied from any document.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy

import expediente.extractors.components.counts  # noqa: F401  (registers the factory)
import expediente.extractors.components.statutes  # noqa: F401
from expediente.extractors.findings import of
from expediente.extractors.pipeline import load_nlp

REALDOCS = Path(__file__).resolve().parents[2] / "shared" / "realdocs"


@pytest.fixture(scope="module")
def nlp():
    pipeline = spacy.blank("en")
    pipeline.add_pipe("expediente_statutes")
    pipeline.add_pipe("expediente_counts")
    return pipeline


def counts(nlp, text: str) -> dict[str, dict]:
    return {f.value: f.attrs for f in of(nlp(text), "count")}


INDICTMENT = """UNITED STATES DISTRICT COURT
THE GRAND JURY CHARGES:

COUNT ONE
(Conspiracy to Import Cocaine)

1. Beginning in or about 2015, the defendants knowingly conspired with each other to import
five kilograms and more of cocaine into the United States from Mexico.
All in violation of Title 21, United States Code, Sections 952, 960, and 963.

COUNT TWO
(Conspiracy to Launder Monetary Instruments)

2. The allegations in paragraph 1 of Count One are realleged here. The defendants conspired to
conduct financial transactions with drug proceeds, in violation of Title 18, United States Code,
Section 1956(h).

COUNTS THREE THROUGH FIVE
(Possession of a Firearm in Furtherance of a Drug Trafficking Crime)

3. On or about the dates below, the defendant possessed firearms in furtherance of the offense
charged in Count One, in violation of 18 U.S.C. § 924(c)(1)(A)(i).

FORFEITURE ALLEGATION

4. Upon conviction of the offense alleged in Count One, the defendants shall forfeit to the United
States, pursuant to 21 U.S.C. § 853, any property derived from the proceeds of that offense.

A TRUE BILL
"""


def test_indictment_counts(nlp):
    got = counts(nlp, INDICTMENT)
    assert list(got) == ["1", "2", "3", "4", "5", "Forfeiture"]
    assert got["1"]["statutes"] == ["21 U.S.C. § 952", "21 U.S.C. § 960", "21 U.S.C. § 963"]
    assert got["1"]["description"] == "Conspiracy to Import Cocaine"
    assert got["2"]["statutes"] == ["18 U.S.C. § 1956(h)"]
    assert got["4"]["statutes"] == got["3"]["statutes"] == ["18 U.S.C. § 924(c)(1)(A)(i)"]
    assert got["5"]["description"] == "Possession of a Firearm in Furtherance of a Drug Trafficking Crime"
    assert got["Forfeiture"]["statutes"] == ["21 U.S.C. § 853"]


def test_statute_findings_get_their_count(nlp):
    doc = nlp(INDICTMENT)
    by_value = {f.value: f for f in of(doc, "statute")}
    assert by_value["21 U.S.C. § 963"].attrs["count"] == "1"
    assert by_value["18 U.S.C. § 1956(h)"].attrs["count"] == "2"
    assert by_value["18 U.S.C. § 924(c)(1)(A)(i)"].attrs["counts"] == ["3", "4", "5"]
    assert by_value["21 U.S.C. § 853"].attrs["count"] == "Forfeiture"


HEADING_CASES = [
    # (text, expected labels, statutes of the first label, description of the first label)
    (
        "COUNT ONE (21 U.S.C. §§ 952 and 960 — Importation of Methamphetamine)\n\nOn or about June 1, 2020, ...",
        ["1"],
        ["21 U.S.C. § 952", "21 U.S.C. § 960"],
        "Importation of Methamphetamine",
    ),
    (
        "COUNT 1\n\n(Conspiracy to Distribute Fentanyl)\n\n21 U.S.C. §§ 846 and 841(a)(1)\n\n1. From 2019 ...",
        ["1"],
        ["21 U.S.C. § 846", "21 U.S.C. § 841(a)(1)"],
        "Conspiracy to Distribute Fentanyl",
    ),
    (
        "                    COUNTS 4-6:\n                    18 U.S.C. § 1201(a)(1)\n"
        "                    (Kidnapping)\n                    NMT Life Imprisonment\n",
        ["4", "5", "6"],
        ["18 U.S.C. § 1201(a)(1)"],
        "Kidnapping",
    ),
    (
        "COUNTS 7 & 9\nHostage Taking\n[18 U.S.C. § 1203(a)]\n\nThe grand jury further charges:",
        ["7", "9"],
        ["18 U.S.C. § 1203(a)"],
        "Hostage Taking",
    ),
    (
        "COUNTS ONE AND TWO\nMaintaining a Drug-Involved Premises\n(21 U.S.C. § 856(a)(1))\n",
        ["1", "2"],
        ["21 U.S.C. § 856(a)(1)"],
        "Maintaining a Drug-Involved Premises",
    ),
    (
        "COUNT TWENTY-ONE\n(Bulk Cash Smuggling)\nin violation of 31 U.S.C. § 5332(a).",
        ["21"],
        ["31 U.S.C. § 5332(a)"],
        "Bulk Cash Smuggling",
    ),
    (
        "COUNT I\nMurder in Furtherance of a Continuing Criminal Enterprise\n21 U.S.C. § 848(e)(1)(A)\n",
        ["1"],
        ["21 U.S.C. § 848(e)(1)(A)"],
        "Murder in Furtherance of a Continuing Criminal Enterprise",
    ),
    (
        "Count One: Sexual Exploitation of a Minor, 18 U.S.C. § 2251(a)\n\nThe elements are ...",
        ["1"],
        ["18 U.S.C. § 2251(a)"],
        "Sexual Exploitation of a Minor",
    ),
    (
        "COUNT 2s\n(Reentry of Removed Alien)\nin violation of 8 U.S.C. § 1326(a) and (b).",
        ["2s"],
        ["8 U.S.C. § 1326(a)", "8 U.S.C. § 1326(b)"],
        "Reentry of Removed Alien",
    ),
    (
        "NOTICE OF FORFEITURE\nThe allegations are realleged for forfeiture under 18 U.S.C. § 982(a)(1) "
        "and 21 U.S.C. § 853(p).",
        ["Forfeiture"],
        ["18 U.S.C. § 982(a)(1)", "21 U.S.C. § 853(p)"],
        "",
    ),
]


@pytest.mark.parametrize(("text", "labels", "statutes", "description"), HEADING_CASES)
def test_headings(nlp, text, labels, statutes, description):
    got = counts(nlp, text)
    assert list(got) == labels
    assert got[labels[0]]["statutes"] == statutes
    assert got[labels[0]]["description"] == description


CROSS_REFERENCES = [
    "The allegations of Count One are realleged and incorporated here.",
    "the conspiracy charged in\nCount One of this Indictment, which is incorporated by reference",
    "The defendant was sentenced to 60 months on Count 1, to run concurrently.",
    "The government will move to dismiss Counts Two through Four at sentencing.",
    "Counts 2sss, 3sss, 4ss, and 5ss; each count to run concurrently with each other",
    "Count 3.",
    "COUNT                     VICTIM\n1                         A.B.",
]


@pytest.mark.parametrize("text", CROSS_REFERENCES)
def test_cross_references_are_not_counts(nlp, text):
    assert counts(nlp, text) == {}


def test_first_definition_wins_and_later_fills_gaps(nlp):
    text = (
        "COUNT 1:\n18 U.S.C. §§ 1117 & 1114\n(Conspiracy to Murder a Federal Officer)\n\n"
        "COUNT 2:\n18 U.S.C. § 372\n(Conspiracy to Injure an Officer)\n\n"
        "The Grand Jury charges:\n\nCOUNT 1\n(Conspiracy to Murder a Federal Officer)\n"
        "did conspire, in violation of Title 18, United States Code, Sections 1117 and 1114.\n"
    )
    found = of(nlp(text), "count")
    assert [f.value for f in found] == ["1", "2"]
    assert found[0].start < text.index("COUNT 2:")
    assert found[0].attrs["statutes"] == ["18 U.S.C. § 1117", "18 U.S.C. § 1114"]


JUDGMENT = """The defendant pleaded guilty to count(s) 1 and 3 of the Superseding Indictment.
The defendant is adjudicated guilty of these offenses:
Title & Section               Nature of Offense                                   Offense Ended   Count
21 U.S.C. §§ 952 and 960      Importation of Methamphetamine                       3/1/2019        1s
18 U.S.C. § 924(c)(1)(A)      Possession of a Firearm in Furtherance of a Drug     3/1/2019        3s
                              Trafficking Crime

The defendant is sentenced as provided in pages 2 through 7 of this judgment.
"""

JUDGMENT_CELLS = """Title & Section

Nature of Offense

8 U.S.C. § 1326(a) and (b)(2)

Reentry of a Removed Alien

Offense Ended Count
January 5, 2022

1

The defendant is sentenced as provided in this judgment.
"""


def test_judgment_rows(nlp):
    got = counts(nlp, JUDGMENT)
    assert list(got) == ["1s", "3s"]
    assert got["1s"]["statutes"] == ["21 U.S.C. § 952", "21 U.S.C. § 960"]
    assert got["1s"]["description"] == "Importation of Methamphetamine"
    assert got["3s"]["statutes"] == ["18 U.S.C. § 924(c)(1)(A)"]
    assert got["3s"]["kind"] == "judgment"


def test_judgment_cells_on_separate_lines(nlp):
    got = counts(nlp, JUDGMENT_CELLS)
    assert got["1"]["statutes"] == ["8 U.S.C. § 1326(a)", "8 U.S.C. § 1326(b)(2)"]
    assert got["1"]["description"] == "Reentry of a Removed Alien"


DOCKET = """Pending Counts                                    Disposition

21:952 and 960 IMPORTATION OF COCAINE             Custody of BOP for 120 months
(1)
21:963 CONSPIRACY TO IMPORT COCAINE               Dismissed on motion of the United States
(2-3)

Highest Offense Level (Opening)
Felony
"""


def test_docket_pending_counts(nlp):
    got = counts(nlp, DOCKET)
    assert list(got) == ["1", "2", "3"]
    assert got["1"]["statutes"] == ["21 U.S.C. § 952", "21 U.S.C. § 960"]
    assert got["1"]["description"] == "IMPORTATION OF COCAINE"
    assert got["3"]["statutes"] == ["21 U.S.C. § 963"]


# regression: corpus/html_docket renders a docket's table row on one line, the count label closing the count
DOCKET_ROW = """Pending Counts | Disposition
8:1326(a) and (b)(1) Reentry of Removed Alien (1) | Custody of BOP for 14 months

Highest Offense Level (Opening)
"""


CAPTION = "UNITED STATES OF AMERICA,\nPlaintiff,\nv.\nRAFAEL MORENO-SOTO,\nDefendant.\n\n"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("On June 3, 2024, Quintana pleaded guilty to Counts 7 and 8 of the Indictment.", []),
        ("On June 3, 2024, Moreno-Soto pleaded guilty to Counts 7 and 8 of the Indictment.", ["7", "8"]),
        ("On June 3, 2024, the defendant pleaded guilty to Count 7 of the Indictment.", ["7"]),
    ],
    ids=["co-defendant", "the defendant by name", "the defendant"],
)
def test_a_co_defendants_plea_is_not_a_count_of_this_document(text, expected):
    """Regression: a memo recounting a co-defendant's plea gave that co-defendant's counts."""
    assert list(counts(load_nlp(), CAPTION + text)) == expected  # the full pipeline: caption names the defendant


def test_letter_plea_agreement_names_the_count(nlp):
    text = (
        'This Office will accept a guilty plea from Juan Soto ("the defendant") to Count Two of the '
        "above-referenced Indictment."
    )
    assert list(counts(nlp, text)) == ["2"]


def test_docket_label_closing_a_rendered_table_row(nlp):
    got = counts(nlp, DOCKET_ROW)
    assert list(got) == ["1"]
    assert got["1"]["statutes"] == ["8 U.S.C. § 1326(a)", "8 U.S.C. § 1326(b)(1)"]
    assert got["1"]["description"] == "Reentry of Removed Alien"


PLEA_CASES = [
    (
        "By this Plea Agreement, defendant agrees to enter a voluntary plea of guilty to Count One of the "
        "information, which charges defendant with conspiracy to distribute cocaine, in violation of Title 21, "
        "United States Code, Section 846.",
        {"1": ["21 U.S.C. § 846"]},
        "conspiracy to distribute cocaine",
    ),
    (
        "The defendant agrees to plead guilty to Count One of the Indictment, which charges the defendant "
        "with conspiracy to distribute methamphetamine, in violation of 21 U.S.C. §§ 846 and 841(a)(1).",
        {"1": ["21 U.S.C. § 846", "21 U.S.C. § 841(a)(1)"]},
        "conspiracy to distribute methamphetamine",
    ),
    (
        "Defendant will plead guilty to counts one through three of the Information, each charging Defendant "
        "with money laundering in violation of Title 18, United States Code, Section 1956(a)(1)(B)(i).",
        {n: ["18 U.S.C. § 1956(a)(1)(B)(i)"] for n in ("1", "2", "3")},
        "money laundering",
    ),
    (
        "Mr. Garza pleaded guilty to Count 2 of the Superseding Indictment, charging possession with intent "
        "to distribute fentanyl, in violation of 21 U.S.C. § 841(a)(1), (b)(1)(A)(vi).",
        {"2": ["21 U.S.C. § 841(a)(1)", "21 U.S.C. § 841(b)(1)(A)(vi)"]},
        "possession with intent to distribute fentanyl",
    ),
]


@pytest.mark.parametrize(("text", "expected", "description"), PLEA_CASES)
def test_plea_sentences(nlp, text, expected, description):
    got = counts(nlp, text)
    assert {k: v["statutes"] for k, v in got.items()} == expected
    assert next(iter(got.values()))["description"] == description


def test_count_offsets_point_at_the_label(nlp):
    text = "intro\n\nCOUNT THREE\n(Illegal Reentry)\nin violation of 8 U.S.C. § 1326."
    doc = nlp(text)
    (f,) = of(doc, "count")
    assert doc.text[f.start : f.end] == "COUNT THREE"
    assert f.extractor == "expediente_counts"


# --- real documents ------------------------------------------------------------------


def _real_text(path: Path) -> str:
    if path.suffix == ".html":
        from bs4 import BeautifulSoup

        return BeautifulSoup(path.read_bytes(), "lxml").get_text("\n")
    return path.read_text(errors="replace").replace("\f", "\n\n")


REAL_COUNTS = {
    # file: {label: statutes that count must list}
    "indictment_dma_1-23-cr-10159_teixeira.txt": {
        **{str(n): ["18 U.S.C. § 793(e)"] for n in range(1, 7)},
        "Forfeiture": ["18 U.S.C. § 981(a)(1)(C)"],
    },
    "judgment_edla_2-22-cr-00115_keel.txt": {"1": ["18 U.S.C. § 1349"], "2": ["18 U.S.C. § 912", "18 U.S.C. § 2"]},
    "judgment_edwi_25-cr-69_hounsell.txt": {"1": ["18 U.S.C. § 2422(b)"]},
    "docket_casd_3-11-cr-00045_importation_marijuana.html": {"1": ["21 U.S.C. § 952", "21 U.S.C. § 960"]},
    "docket_casd_3-15-cr-00144_assault_federal_officer.html": {
        "1": ["18 U.S.C. § 758"],
        "2": ["18 U.S.C. § 111(a)(1)"],
    },
    "superseding_indictment_wdmo_22-4065_perry_odell_murder_federal_officers.txt": {
        "1": ["18 U.S.C. § 1117", "18 U.S.C. § 1114"],
        "45": ["18 U.S.C. § 751(a)"],
    },
    "superseding_indictment_dcd_1-21-cr-00028_oath_keepers.txt": {"1": ["18 U.S.C. § 371"]},
}


@pytest.mark.realdocs
@pytest.mark.parametrize("name", sorted(REAL_COUNTS))
def test_real_documents(nlp, name):
    path = REALDOCS / name
    if not path.exists():
        pytest.skip(f"real documents not available at {REALDOCS}")
    got = counts(nlp, _real_text(path))
    for label, statutes in REAL_COUNTS[name].items():
        assert label in got, sorted(got)
        assert set(statutes) <= set(got[label]["statutes"])


@pytest.mark.realdocs
def test_real_third_superseding_indictment_lists_all_counts(nlp):
    path = REALDOCS / "superseding_indictment_wdmo_22-4065_perry_odell_murder_federal_officers.txt"
    if not path.exists():
        pytest.skip(f"real documents not available at {REALDOCS}")
    got = counts(nlp, _real_text(path))
    assert [str(n) for n in range(1, 46)] + ["Forfeiture"] == list(got)


OUTCOME_CASES = [
    ("After a four-day trial the jury found the defendant guilty of Counts 2 through 4.", ["2", "3", "4"]),
    ("The defendant was convicted on Counts One and Three of the Superseding Indictment.", ["1", "3"]),
    ("It is adjudged that the defendant is hereby committed on Counts 1 and 2 of the indictment.", ["1", "2"]),
    ("THE COURT: As to Count 5 of the information, which charges you with\nwire fraud, how do you plead?", ["5"]),
    ("THE COURT: How do you plead to Count Two, guilty or not guilty?", ["2"]),
    ("Q. Did you commit the acts charged in Count Seven of the Indictment?", ["7"]),
    ("THE CLERK: In Count 1 of the Information, you are charged with bulk cash smuggling.", ["1"]),
    ("The United States later dismissed Count 9 of the Second Superseding Indictment.", ["9"]),
    ("She was sentenced after a jury convicted her on a one-count indictment for smuggling.", ["1"]),
    ("Last spring he pleaded guilty to a single-count information charging money laundering.", ["1"]),
    (
        "In May the defendant entered a guilty plea to each of the four counts charged in the indictment.",
        ["1", "2", "3", "4"],
    ),
    ("The defendant pleaded guilty to all 3 counts of the indictment without an agreement.", ["1", "2", "3"]),
]


@pytest.mark.parametrize(("text", "labels"), OUTCOME_CASES)
def test_convictions_colloquies_and_count_totals(nlp, text, labels):
    assert sorted(counts(nlp, text), key=int) == labels


NOT_OUTCOMES = [
    "The jury found him not guilty, and the court imposed no sentence on the remaining charges.",
    "He was indicted in a six-count indictment returned in 2019.",
    "The defendant faces a maximum of 20 years on the count of conviction.",
    "How do you plead to the charge, guilty or not guilty?",
    "Defense counsel asked the Court to dismiss Counts Two and Three at sentencing.",
]


@pytest.mark.parametrize("text", NOT_OUTCOMES)
def test_outcome_phrasings_without_counts(nlp, text):
    assert counts(nlp, text) == {}

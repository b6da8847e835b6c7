"""Statute citations: parsing and normalisation (extractors.citations) and the spaCy component.

Phrasings are written in the style of federal filings (indictments, plea agreements, AO 245B
judgments, PACER dockets, sentencing memoranda, press releases), not copied from any document.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy

import expediente.extractors.components.statutes  # noqa: F401  (registers the factory)
from expediente.extractors.citations import Taxonomy, find_citations, normalize, normalize_all, normalize_citation
from expediente.extractors.findings import of
from expediente.extractors.patterns import load_json

REALDOCS = Path(__file__).resolve().parents[2] / "shared" / "realdocs"


@pytest.fixture(scope="module")
def nlp():
    pipeline = spacy.blank("en")
    pipeline.add_pipe("expediente_statutes")
    return pipeline


def cites(text: str) -> list[str]:
    return [c.normalized for c in find_citations(text)]


# --- parsing and normalisation --------------------------------------------------------

PARSE_CASES = [
    # the common forms
    ("in violation of 21 U.S.C. § 841(a)(1).", ["21 U.S.C. § 841(a)(1)"]),
    ("conspiracy, 18 U.S.C. § 1956(h)", ["18 U.S.C. § 1956(h)"]),
    ("narco-terrorism, 21 U.S.C. § 960a", ["21 U.S.C. § 960a"]),
    ("material support, 18 U.S.C. § 2339B", ["18 U.S.C. § 2339B"]),
    ("aggravated identity theft (18 U.S.C. § 1028A)", ["18 U.S.C. § 1028A"]),
    ("21 U.S.C. §§ 952, 960 and 963", ["21 U.S.C. § 952", "21 U.S.C. § 960", "21 U.S.C. § 963"]),
    ("21 U.S.C. §§ 952, 960, and 963.", ["21 U.S.C. § 952", "21 U.S.C. § 960", "21 U.S.C. § 963"]),
    ("21 U.S.C. §§ 846 & 841(a)(1)", ["21 U.S.C. § 846", "21 U.S.C. § 841(a)(1)"]),
    ("21 U.S.C. § 841(a)(1) and § 846", ["21 U.S.C. § 841(a)(1)", "21 U.S.C. § 846"]),
    (
        "in violation of Title 21, United States Code, Sections 841(a)(1) and 846.",
        ["21 U.S.C. § 841(a)(1)", "21 U.S.C. § 846"],
    ),
    ("Title 21 of the United States Code, Section 963", ["21 U.S.C. § 963"]),
    ("a violation of 21, United States Code, Section 952", ["21 U.S.C. § 952"]),
    ("Title 18 United States Code Section 2", ["18 U.S.C. § 2"]),
    ("Sections 841(a)(1) and 846 of Title 21, United States Code", ["21 U.S.C. § 841(a)(1)", "21 U.S.C. § 846"]),
    # subsection continuations are separate citations of the same section
    (
        "21 U.S.C. §§ 841(a)(1), (b)(1)(A)(ii), and 846",
        ["21 U.S.C. § 841(a)(1)", "21 U.S.C. § 841(b)(1)(A)(ii)", "21 U.S.C. § 846"],
    ),
    (
        "18 U.S.C. § 1832(a)(1), (2), and (3) – Theft of Trade Secrets",
        ["18 U.S.C. § 1832(a)(1)", "18 U.S.C. § 1832(a)(2)", "18 U.S.C. § 1832(a)(3)"],
    ),
    ("18 U.S.C. sections 2251(a) and (e)", ["18 U.S.C. § 2251(a)", "18 U.S.C. § 2251(e)"]),
    ("Section 1512(c)(1)-(2) of Title 18", ["18 U.S.C. § 1512(c)(1)", "18 U.S.C. § 1512(c)(2)"]),
    # without the section sign
    ("21 U.S.C. 841(a)(1)", ["21 U.S.C. § 841(a)(1)"]),
    ("charged under 21 USC 846", ["21 U.S.C. § 846"]),
    ("18 U.S.C. Section 924(c)", ["18 U.S.C. § 924(c)"]),
    ("18 USC Sec. 922(g)(1)", ["18 U.S.C. § 922(g)(1)"]),
    ("Title 18 U.S.C. § 2", ["18 U.S.C. § 2"]),
    ("8 U.S.C.A. § 1326", ["8 U.S.C. § 1326"]),
    # OCR variants
    ("21 U.S.C. 8 841(a)(1)", ["21 U.S.C. § 841(a)(1)"]),
    ("21 U.S.C. S 846", ["21 U.S.C. § 846"]),
    ("21 U.S.C. 88 952 and 960", ["21 U.S.C. § 952", "21 U.S.C. § 960"]),
    ("21 U.S.C.§841", ["21 U.S.C. § 841"]),
    ("21 U. S. C. § 846", ["21 U.S.C. § 846"]),
    ("21 U.S.C. § 841 (a) (1)", ["21 U.S.C. § 841(a)(1)"]),
    ("21 U.S.C. § 841(a)(l)", ["21 U.S.C. § 841(a)(1)"]),
    ("18 U.S.C..§ 912", ["18 U.S.C. § 912"]),
    ("18 U.S.C. §§ 225 1(a) and (e)", ["18 U.S.C. § 2251(a)", "18 U.S.C. § 2251(e)"]),
    ("18 U.S.C. § 924(C)(1)(A)(iii)", ["18 U.S.C. § 924(c)(1)(A)(iii)"]),
    ("21 U.S.C. § 960A", ["21 U.S.C. § 960a"]),
    (
        "in violation of Title 18, United States Code,\n27\n\nII Sections 2251(a) and 2251(e).",
        [
            "18 U.S.C. § 2251(a)",
            "18 U.S.C. § 2251(e)",
        ],
    ),
    # a title given earlier in the sentence
    (
        "in violation of Title 18, United States Code, Section 1956(a)(1)(B)(i), and Sections 1956(h) and 1957.",
        ["18 U.S.C. § 1956(a)(1)(B)(i)", "18 U.S.C. § 1956(h)", "18 U.S.C. § 1957"],
    ),
    ("the factors in 18 U.S.C. § 3553(a). Those § 3553(a) factors", ["18 U.S.C. § 3553(a)", "18 U.S.C. § 3553(a)"]),
    # PACER count descriptions
    ("21:952 and 960 IMPORTATION OF MARIJUANA", ["21 U.S.C. § 952", "21 U.S.C. § 960"]),
    ("8:1326(a) and (b) - Removed Alien Found in the United States", ["8 U.S.C. § 1326(a)", "8 U.S.C. § 1326(b)"]),
    ("18:1201.F KIDNAPPING", ["18 U.S.C. § 1201"]),
    ("18:922G.F UNLAWFUL TRANSPORT OF FIREARMS", ["18 U.S.C. § 922(g)"]),
    ("18:2339B.F MATERIAL SUPPORT", ["18 U.S.C. § 2339B"]),
    ("18:111(a)(1); 18:758 - Assault", ["18 U.S.C. § 111(a)(1)", "18 U.S.C. § 758"]),
    # several titles in one sentence
    (
        "21 U.S.C. §§ 841(a)(1) and 846, and 18 U.S.C. § 2",
        ["21 U.S.C. § 841(a)(1)", "21 U.S.C. § 846", "18 U.S.C. § 2"],
    ),
    ("50 U.S.C. § 1705 and 15 C.F.R. § 764.2(d)", ["50 U.S.C. § 1705"]),
    ("18 U.S.C. §§ 1117 & 1114; 18 U.S.C. § 924(c)", ["18 U.S.C. § 1117", "18 U.S.C. § 1114", "18 U.S.C. § 924(c)"]),
]


@pytest.mark.parametrize(("text", "expected"), PARSE_CASES)
def test_find_citations(text, expected):
    assert cites(text) == expected


NOT_STATUTES = [
    "a downward departure under U.S.S.G. § 5K1.1",
    "the base offense level under USSG §2D1.1(c)(1)",
    "a reduction under § 3E1.1 for acceptance of responsibility",
    "Guidelines Sections 2D1.1 and 3B1.1",
    "an agreement under Rule 11(c)(1)(C)",
    "a motion under Fed. R. Crim. P. 35(b)",
    "15 C.F.R. §§ 764.2(a), (b), and (c)",
    "21 C.F.R. § 1308.12",
    "a fine of not more than $250,000",
    "the hearing at 10:30 a.m. in case 3:19-cr-01234",
    "Transcript 1:145-149",
    "drawn at a scale of 1:100 by the agent",
    "Section 5 of this agreement",
    "118 USC §§ 912",  # no such title
]


@pytest.mark.parametrize("text", NOT_STATUTES)
def test_not_statutes(text):
    assert cites(text) == []


def test_each_listed_section_has_its_own_offsets():
    text = "charged under 21 U.S.C. §§ 952, 960 and 963 today"
    found = find_citations(text)
    assert [text[c.start : c.end] for c in found[1:]] == ["960", "963"]
    assert text[found[0].start : found[0].end] == "21 U.S.C. §§ 952"
    assert len({c.group for c in found}) == 1


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("21 usc 841(a)(1)", "21 U.S.C. § 841(a)(1)"),
        ("18 U.S.C. 1956 (h)", "18 U.S.C. § 1956(h)"),
        ("Title 8, United States Code, Section 1326", "8 U.S.C. § 1326"),
        ("21:846", "21 U.S.C. § 846"),
        ("no citation here", None),
    ],
)
def test_normalize_citation(raw, expected):
    assert normalize_citation(raw) == expected


def test_normalize_helpers():
    assert normalize("021", "841", "(a)(1)") == "21 U.S.C. § 841(a)(1)"
    assert normalize_all("21 U.S.C. §§ 841, 846 and 21 U.S.C. § 841") == ["21 U.S.C. § 841", "21 U.S.C. § 846"]


# --- taxonomy --------------------------------------------------------------------------

TAXONOMY_CASES = [
    ("21", "841", "(a)(1)", "drug_trafficking"),
    ("21", "846", "", "drug_trafficking"),
    ("21", "960a", "", "drug_trafficking"),
    ("46", "70503", "(a)(1)", "drug_trafficking"),
    ("21", "848", "", "continuing_criminal_enterprise"),
    ("21", "848", "(e)(1)(A)", "violent_crime"),
    ("18", "1956", "(h)", "money_laundering"),
    ("31", "5332", "", "money_laundering"),
    ("18", "924", "(c)(1)(A)", "weapons"),
    ("18", "924", "(j)", "violent_crime"),
    ("18", "924", "(d)", "forfeiture"),
    ("22", "2778", "", "weapons"),
    ("26", "5861", "(d)", "weapons"),
    ("18", "1201", "(a)(1)", "violent_crime"),
    ("18", "2243", "", "violent_crime"),
    ("18", "2339B", "", "violent_crime"),
    ("18", "1951", "", "violent_crime"),
    ("18", "1512", "(a)(1)", "violent_crime"),
    ("18", "1512", "(c)(2)", "other"),
    ("8", "1326", "(b)(2)", "immigration"),
    ("18", "1343", "", "fraud"),
    ("18", "1028A", "", "fraud"),
    ("18", "371", "", "other"),
    ("18", "2", "", "accessory"),
    ("18", "3553", "(e)", "procedural"),
    ("18", "3170", "", "procedural"),
    ("28", "2255", "", "procedural"),
    ("21", "853", "(p)", "forfeiture"),
    ("28", "2461", "(c)", "forfeiture"),
    ("18", "982", "(a)(1)", "forfeiture"),
    ("42", "1983", "", "other"),
]


@pytest.mark.parametrize(("title", "section", "subs", "category"), TAXONOMY_CASES)
def test_taxonomy(title, section, subs, category):
    info = Taxonomy.load().lookup(title, section, subs)
    assert info.category == category
    assert info.charge == (category not in ("procedural", "forfeiture"))


def test_taxonomy_file_is_documented_data():
    data = load_json("statute_taxonomy.json")
    assert "uscode.house.gov" in data["_source"]
    assert all(e.get("description") for e in data["entries"])
    assert set(e["category"] for e in data["entries"]) <= set(data["categories"])


# --- the component: category and "charged" -------------------------------------------

CHARGED_CASES = [
    # (text, citation to look at, charged, category)
    (
        "did knowingly conspire to import five kilograms and more of cocaine, in violation of "
        "Title 21, United States Code, Sections 952, 960, and 963.",
        "21 U.S.C. § 963",
        True,
        "drug_trafficking",
    ),
    (
        "All in violation of Title 21, United States Code, Sections 846 and 841(a)(1), (b)(1)(A)(ii).",
        "21 U.S.C. § 841(b)(1)(A)(ii)",
        True,
        "drug_trafficking",
    ),
    (
        "The defendant agrees to plead guilty to Count One of the Indictment, which charges conspiracy to "
        "launder monetary instruments, in violation of 18 U.S.C. § 1956(h).",
        "18 U.S.C. § 1956(h)",
        True,
        "money_laundering",
    ),
    (
        "He was charged with possession of a firearm in furtherance of a drug trafficking crime under "
        "18 U.S.C. § 924(c).",
        "18 U.S.C. § 924(c)",
        True,
        "weapons",
    ),
    (
        "in violation of Title 21, United States Code, Sections 841(a)(1) and 846, and Title 18, United "
        "States Code, Section 2.",
        "18 U.S.C. § 2",
        True,
        "accessory",
    ),
    (
        "COUNT ONE\n(21 U.S.C. §§ 952 and 960 — Importation of Methamphetamine)",
        "21 U.S.C. § 960",
        True,
        "drug_trafficking",
    ),
    ("VIOLATIONS: 8 U.S.C. § 1326(a) and (b)", "8 U.S.C. § 1326(b)", True, "immigration"),
    ("18 U.S.C. § 1343 – Wire Fraud;", "18 U.S.C. § 1343", True, "fraud"),
    (
        "Title & Section      Nature of Offense           Offense Ended    Count\n"
        "21 U.S.C. § 846      Conspiracy to Distribute Methamphetamine   3/1/2019   1",
        "21 U.S.C. § 846",
        True,
        "drug_trafficking",
    ),
    ("Pending Counts\n21:952 and 960 IMPORTATION OF COCAINE\n(1)", "21 U.S.C. § 952", True, "drug_trafficking"),
    # describing the law, procedure, forfeiture
    (
        "Section 3553(a) requires the Court to impose a sentence sufficient but not greater than necessary. "
        "See 18 U.S.C. § 3553(a)(2).",
        "18 U.S.C. § 3553(a)(2)",
        False,
        "procedural",
    ),
    (
        "The government will move under 18 U.S.C. § 3553(e) for a sentence below the minimum.",
        "18 U.S.C. § 3553(e)",
        False,
        "procedural",
    ),
    (
        "pursuant to Title 21, United States Code, Section 853 and Title 28, United States Code, Section 2461(c)",
        "21 U.S.C. § 853",
        False,
        "forfeiture",
    ),
    (
        "upon conviction of the offense in violation of 21 U.S.C. § 846, the defendant shall forfeit under "
        "21 U.S.C. § 853(a)",
        "21 U.S.C. § 853(a)",
        False,
        "forfeiture",
    ),
    (
        "The statutory maximum penalty under 21 U.S.C. § 841(b)(1)(C) is twenty years.",
        "21 U.S.C. § 841(b)(1)(C)",
        False,
        "drug_trafficking",
    ),
    ("See 18 U.S.C. § 1959(a) (violent crimes in aid of racketeering).", "18 U.S.C. § 1959(a)", False, "violent_crime"),
    (
        "The term is defined in 18 U.S.C. § 2256(2) as actual or simulated conduct.",
        "18 U.S.C. § 2256(2)",
        False,
        "procedural",
    ),
    (
        "18 U.S.C. § 2251(a) provides that any person who employs a minor is guilty.",
        "18 U.S.C. § 2251(a)",
        False,
        "violent_crime",
    ),
]


@pytest.mark.parametrize(("text", "citation", "charged", "category"), CHARGED_CASES)
def test_charged_and_category(nlp, text, citation, charged, category):
    doc = nlp(text)
    hits = [f for f in of(doc, "statute") if f.value == citation]
    assert hits, [f.value for f in of(doc, "statute")]
    f = hits[-1]
    assert f.attrs["charged"] is charged
    assert f.attrs["category"] == category
    assert f.attrs["count"] is None
    assert doc.text[f.start : f.end]


def test_confidence_follows_context(nlp):
    doc = nlp("in violation of 21 U.S.C. § 846. The record mentions 18 U.S.C. § 1546 once.")
    by_value = {f.value: f for f in of(doc, "statute")}
    assert by_value["21 U.S.C. § 846"].confidence >= 0.9
    assert by_value["18 U.S.C. § 1546"].attrs["charged"] is False
    assert by_value["18 U.S.C. § 1546"].confidence == pytest.approx(0.6)


def test_finding_attrs(nlp):
    doc = nlp("in violation of Title 21, United States Code, Section 841(b)(1)(A)(viii)")
    (f,) = of(doc, "statute")
    assert f.value == "21 U.S.C. § 841(b)(1)(A)(viii)"
    assert (f.attrs["title"], f.attrs["section"], f.attrs["subsections"]) == ("21", "841", "(b)(1)(A)(viii)")
    assert f.attrs["description"]
    assert f.extractor == "expediente_statutes"


def test_guidelines_and_rules_give_no_findings(nlp):
    doc = nlp(
        "The parties agree that U.S.S.G. § 2D1.1(c)(1) applies, that a reduction under § 3E1.1 is warranted, "
        "and that the agreement is made under Rule 11(c)(1)(C) of the Federal Rules of Criminal Procedure."
    )
    assert of(doc, "statute") == []


def test_context_file_is_valid():
    data = load_json("statute_context.json")
    assert {c["name"] for c in data["before_cues"]} >= {"violation", "reference"}
    json.dumps(data)


# --- real documents ------------------------------------------------------------------

REAL_EXPECTED = {
    # file: (statutes that must be found and charged, statutes that must not be charged)
    "docket_casd_3-11-cr-00045_importation_marijuana.html": ({"21 U.S.C. § 952", "21 U.S.C. § 960"}, set()),
    "docket_azd_2-17-cr-00378_illegal_reentry.html": ({"8 U.S.C. § 1326(a)", "8 U.S.C. § 1326(b)(1)"}, set()),
    "docket_utd_2-08-cr-00125_kidnapping.html": ({"18 U.S.C. § 1201(a)(1)", "18 U.S.C. § 2423(a)"}, set()),
    "judgment_edla_2-22-cr-00115_keel.txt": (
        {"18 U.S.C. § 1349", "18 U.S.C. § 912", "18 U.S.C. § 2"},
        {"18 U.S.C. § 3664(i)", "18 U.S.C. § 3612(f)"},
    ),
    "judgment_edwi_25-cr-69_hounsell.txt": ({"18 U.S.C. § 2422(b)"}, {"18 U.S.C. § 1030(e)(1)"}),
    "plea_agreement_dma_1-23-cr-10159_teixeira.txt": (
        {"18 U.S.C. § 793(e)"},
        {"18 U.S.C. § 3553(a)", "21 U.S.C. § 853(p)"},
    ),
    "superseding_indictment_wdmo_22-4065_perry_odell_murder_federal_officers.txt": (
        {"18 U.S.C. § 1117", "18 U.S.C. § 1114", "18 U.S.C. § 924(c)(1)(A)(iii)", "26 U.S.C. § 5861(h)"},
        {"18 U.S.C. § 981(a)(1)(G)", "28 U.S.C. § 2461(c)"},
    ),
    "press_release_wdtn_2024-11-18_grayson_murder_for_hire.txt": ({"18 U.S.C. § 1958"}, set()),
    "sentencing_memo_wdmo_22-4065_perry_government.txt": ({"18 U.S.C. § 1117"}, {"18 U.S.C. § 3553(a)"}),
    "superseding_indictment_cand_3-24-cr-00141_ding_second.txt": (
        {"18 U.S.C. § 1832(a)(1)", "18 U.S.C. § 1831(a)(1)"},
        {"18 U.S.C. § 1834", "28 U.S.C. § 2461(c)"},
    ),
}


def _real_text(path: Path) -> str:
    if path.suffix == ".html":
        from bs4 import BeautifulSoup

        return BeautifulSoup(path.read_bytes(), "lxml").get_text("\n")
    return path.read_text(errors="replace").replace("\f", "\n\n")


@pytest.mark.realdocs
@pytest.mark.parametrize("name", sorted(REAL_EXPECTED))
def test_real_documents(nlp, name):
    path = REALDOCS / name
    if not path.exists():
        pytest.skip(f"real documents not available at {REALDOCS}")
    charged, not_charged = REAL_EXPECTED[name]
    found = of(nlp(_real_text(path)), "statute")
    got_charged = {f.value for f in found if f.attrs["charged"]}
    assert charged <= got_charged
    assert not (not_charged & got_charged)
    assert not_charged <= {f.value for f in found}


@pytest.mark.realdocs
def test_real_state_indictment_has_no_federal_statutes(nlp):
    path = REALDOCS / "STATE_indictment_nysupct_bronx_43109-2023_slaughtery.pdf"
    if not path.exists():
        pytest.skip(f"real documents not available at {REALDOCS}")
    from expediente.corpus.reader import read_document
    from expediente.extractors.text import DocText

    doc = nlp(DocText(read_document(path)).text)
    assert of(doc, "statute") == []

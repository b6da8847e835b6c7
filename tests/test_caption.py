"""Caption extraction: court, case number, defendants, aliases (table-driven, own wording)."""

import json
from pathlib import Path

import pytest
import spacy

import extractors.components.caption  # noqa: F401  (registers the factory)
import extractors.components.doctype  # noqa: F401
from extractors import case_numbers
from extractors.findings import of

REALDOCS = Path(__file__).resolve().parents[2] / "shared" / "realdocs"


@pytest.fixture(scope="module")
def nlp():
    pipeline = spacy.blank("en")
    pipeline.add_pipe("expediente_doctype")
    pipeline.add_pipe("expediente_caption")
    return pipeline


def best(doc, field):
    found = sorted(of(doc, field), key=lambda f: -f.confidence)
    return found[0] if found else None


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Case 3:19-cr-01234-BAS", "3:19-cr-01234"),
        ("No. 3:11-cr-00045-DMS", "3:11-cr-00045"),
        ("Criminal No. 23-cr-10159-IT", "23-cr-10159"),
        ("CR 20-155 VAP", "20-cr-00155"),
        ("SACR 14-00167 JVS", "14-cr-00167"),
        ("Case No. 22-4065-CR-C-SRB", "22-cr-04065"),
        ("Case No. 22-04065-01-CR-C-BCW", "22-cr-04065"),
        ("25-CR-69", "25-cr-00069"),
        ("1:20-mj-00104", "1:20-mj-00104"),
        ("CASE NO. 1:20-MJ-00104 EPG", "1:20-mj-00104"),
        ("Case No. 17MJ4425", "17-mj-04425"),
        ("CRIMINAL DOCKET FOR CASE #: 3:11-cr-00045-DMS-1", "3:11-cr-00045"),
        ("Case Number: 2:21CR00310-002", "2:21-cr-00310"),
        ("CRIMINAL NO. 21-207", "21-cr-00207"),
        ("NO. CR-18-0330 RS", "18-cr-00330"),
        ("Criminal No. 24\u00a2r10211", "24-cr-10211"),
        ("Ind. No. 43109-2023", "43109-2023"),
    ],
)
def test_case_number_normalised(raw, expected):
    assert case_numbers.normalise(raw) == expected


@pytest.mark.parametrize("text", ["call 619-557-5610", "on 12/14/16 at 3:30", "Civil No. 5:24-cv-00123"])
def test_not_a_criminal_case_number(text):
    assert case_numbers.find(text) == []


CAPTION_MULTI = """UNITED STATES DISTRICT COURT
EASTERN DISTRICT OF NEW YORK

UNITED STATES OF AMERICA,
                    Plaintiff,
        - v. -                              Cr. No. 1:09-cr-00466 (BMC)
JOAQUIN ARCHIVALDO GUZMAN LOERA,
   a/k/a "El Chapo," a/k/a "Chapo Guzman,"
ISMAEL ZAMBADA GARCIA,
   a/k/a "El Mayo,"
                    Defendants.

SUPERSEDING INDICTMENT
"""

CAPTION_NUMBERED = """IN THE UNITED STATES DISTRICT COURT FOR THE
WESTERN DISTRICT OF TEXAS
SAN ANTONIO DIVISION

UNITED STATES OF AMERICA,             §   CRIMINAL NO. SA-21-CR-0412
        Plaintiff,                    §
v.                                    §
(1) MARIA LUISA PEREZ-LOPEZ,          §
(2) KEVIN O'DELL, III,                §
        Defendants.                   §

INDICTMENT
"""

CAPTION_AO245B = """UNITED STATES DISTRICT COURT
Southern District of California
            UNITED STATES OF AMERICA          )    JUDGMENT IN A CRIMINAL CASE
                       v.                     )
                                              )    Case Number: 3:21-CR-01877-JLS
            RAUL ESPINOZA-VALDEZ              )
                                              )    ANNA MARIE MENDEZ
                                              )    Defendant's Attorney
THE DEFENDANT:
"""

LETTER = """U.S. Department of Justice
United States Attorney
District of Arizona

March 3, 2022

RE: United States v. Hector Manuel Soto
Criminal No. 2:21-cr-00455-DJH

Dear Counsel:
The parties agree as follows. Your client will plead guilty to Count One.
"""

DOCKET = """U.S. District Court
Southern District of California (San Diego)
CRIMINAL DOCKET FOR CASE #: 3:18-cr-02211-LAB-2

Case title: USA v. Ramos et al
Defendant (2)
Luis Alberto Ramos                  represented by Jane Roe
TERMINATED: 01/02/2019
also known as
Guero
"""

PRESS = """PRESS RELEASE
Sinaloa Man Sentenced for Smuggling Methamphetamine
Tuesday, May 2, 2023        For Immediate Release
U.S. Attorney's Office, Southern District of California

SAN DIEGO - Jorge Alberto Medina, 38, of Culiacan, Sinaloa, was sentenced today to 120 months.
"""

MEMO_WITH_CITATION = """UNITED STATES DISTRICT COURT
DISTRICT OF NEW MEXICO

UNITED STATES OF AMERICA,
        Plaintiff,
v.                                   No. 1:22-cr-00781-KWR
ANDRES FELIPE GOMEZ,
        Defendant.

UNITED STATES' SENTENCING MEMORANDUM
"""


@pytest.mark.parametrize(
    ("text", "court", "case_number", "defendants", "aliases"),
    [
        (
            CAPTION_MULTI,
            "nyed",
            "1:09-cr-00466",
            ["Joaquin Archivaldo Guzman Loera", "Ismael Zambada Garcia"],
            {"Joaquin Archivaldo Guzman Loera": ["El Chapo", "Chapo Guzman"], "Ismael Zambada Garcia": ["El Mayo"]},
        ),
        (CAPTION_NUMBERED, "txwd", "21-cr-00412", ["Maria Luisa Perez-Lopez", "Kevin O'Dell, III"], {}),
        (CAPTION_AO245B, "casd", "3:21-cr-01877", ["Raul Espinoza-Valdez"], {}),
        (LETTER, "azd", "2:21-cr-00455", ["Hector Manuel Soto"], {}),
        (DOCKET, "casd", "3:18-cr-02211", ["Luis Alberto Ramos"], {"Luis Alberto Ramos": ["Guero"]}),
        (PRESS, "casd", None, ["Jorge Alberto Medina"], {}),
        (MEMO_WITH_CITATION, "nmd", "1:22-cr-00781", ["Andres Felipe Gomez"], {}),
    ],
)
def test_caption(nlp, text, court, case_number, defendants, aliases):
    doc = nlp(text)
    assert best(doc, "court").value == court
    cn = best(doc, "case_number")
    assert (cn.value if cn else None) == case_number
    found = of(doc, "defendant")
    names = [f.value.replace(",", "") for f in found]
    assert names == [d.replace(",", "") for d in defendants]
    for f in found:
        assert doc.text[f.start : f.end].replace("\n", " ").lower().startswith(f.value.split()[0].lower())
        if f.value in aliases:
            assert f.attrs["aliases"] == aliases[f.value]
    assert not any(f.value.upper() in {"PLAINTIFF", "DEFENDANT", "UNITED STATES"} for f in found)


def test_cited_case_number_does_not_win(nlp):
    text = (
        MEMO_WITH_CITATION
        + "\n"
        + ("The Court weighs the factors. " * 200)
        + ("See United States v. Lopez, No. 3:15-cr-00999-BAS (S.D. Cal. 2016).\n")
    )
    doc = nlp(text)
    assert best(doc, "case_number").value == "1:22-cr-00781"
    assert best(doc, "court").value == "nmd"


def test_state_court_caption(nlp):
    text = (
        "SUPREME COURT OF THE STATE OF NEW YORK\nCOUNTY OF KINGS\n\nTHE PEOPLE OF THE STATE OF NEW YORK\n"
        'AGAINST\nMARCUS REED AKA "MOOKIE"\nDEFENDANT\n\nINDICTMENT\nInd. No. 1234-2022\n'
    )
    doc = nlp(text)
    court = best(doc, "court")
    assert court.value == "nysupct"
    assert court.attrs["federal"] is False
    assert best(doc, "case_number").value == "1234-2022"
    assert [f.value for f in of(doc, "defendant")] == ["Marcus Reed"]
    assert [f.value for f in of(doc, "alias")] == ["MOOKIE"]


def test_defendant_repeated_on_every_page_is_emitted_once(nlp):
    pages = [CAPTION_AO245B] + ["DEFENDANT: RAUL ESPINOZA-VALDEZ\nCASE NUMBER: 3:21-CR-01877-JLS\n"] * 3
    doc = nlp("\n\n".join(pages))
    assert [f.value for f in of(doc, "defendant")] == ["Raul Espinoza-Valdez"]


# ------------------------------------------------------------------ real documents
EXPECTED_REAL = {
    "judgment_edla_2-22-cr-00115_keel.txt": ("laed", "2:22-cr-00115", ["Christopher L. Keel"]),
    "superseding_indictment_wdmo_22-4065_perry_odell_murder_federal_officers.txt": (
        "mowd",
        "22-cr-04065",
        ["Bryan C. Perry", "Jonathan S. O’Dell"],
    ),
    "sentencing_memo_cand_2020-cr-00446_export_control.txt": ("cand", "20-cr-00446", ["Lin Chen"]),
    "docket_azd_2-17-cr-00378_illegal_reentry.html": ("azd", "2:17-cr-00378", ["Jose Miguel Santana-Esmeralda"]),
    "press_release_wdtn_2024-11-18_grayson_murder_for_hire.txt": ("tnwd", None, ["Ashley Grayson"]),
}


def _real_text(path: Path) -> str:
    if path.suffix == ".html":
        from bs4 import BeautifulSoup

        return BeautifulSoup(path.read_bytes(), "lxml").get_text("\n")
    return path.read_text(errors="replace").replace("\f", "\n\n")


@pytest.mark.realdocs
@pytest.mark.parametrize("name", sorted(EXPECTED_REAL))
def test_real_documents(nlp, name):
    path = REALDOCS / name
    if not path.exists():
        pytest.skip(f"real documents not available at {REALDOCS}")
    court, case_number, defendants = EXPECTED_REAL[name]
    doc = nlp(_real_text(path))
    assert best(doc, "court").value == court
    cn = best(doc, "case_number")
    # the office number may be filled in from an ECF stamp that carries the same number
    assert (cn.value.split(":")[-1] if cn else None) == (case_number.split(":")[-1] if case_number else None)
    assert [f.value for f in of(doc, "defendant")] == defendants


def test_patterns_file_is_valid_json():
    path = Path(extractors.components.caption.__file__).parents[1] / "data" / "caption_patterns.json"
    assert "stopwords" in json.loads(path.read_text())

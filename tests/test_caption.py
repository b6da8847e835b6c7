"""Caption extraction: court, case number, defendants, aliases (table-driven, own wording)."""

import json
from pathlib import Path

import pytest
import spacy

import expediente.extractors.caption
import expediente.extractors.components.case_number  # noqa: F401  (registers the factories)
import expediente.extractors.components.court  # noqa: F401
import expediente.extractors.components.defendants  # noqa: F401
import expediente.extractors.components.doctype  # noqa: F401
from expediente.corpus.clean import stamp_case_numbers
from expediente.corpus.document import Document, Page
from expediente.extractors import case_numbers
from expediente.extractors.caption import caption_patterns, head
from expediente.extractors.case_numbers import read_case_numbers
from expediente.extractors.courts import caption_court
from expediente.extractors.findings import of
from expediente.extractors.parties import read_parties
from expediente.extractors.text import DocText

REALDOCS = Path(__file__).resolve().parents[2] / "shared" / "realdocs"


@pytest.fixture(scope="module")
def nlp():
    pipeline = spacy.blank("en")
    for name in ("expediente_doctype", "expediente_court", "expediente_case_number", "expediente_defendants"):
        pipeline.add_pipe(name)
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
        # New York: year, abbreviated type, sequence, judge in parentheses; "S1" marks a superseding filing
        ("S2 18 Cr. 417 (KPF)", "18-cr-00417"),
        ("Re: United States v. Doe, 21 Cr. 88 (AT)", "21-cr-00088"),
        ("19 Mag. 10562", "19-mj-10562"),
        # Southern District of Texas: division letter before the year
        ("CRIMINAL NO. L-21-1190", "21-cr-01190"),
        # OCR read the "j" of MJ as "y" and spaced the parts out
        ("CASE NO. 2: 21-My- 00731 BAM", "2:21-mj-00731"),
    ],
)
def test_case_number_normalised(raw, expected):
    assert case_numbers.normalise(raw) == expected


@pytest.mark.parametrize(
    "text",
    ["call 619-557-5610", "on 12/14/16 at 3:30", "Civil No. 5:24-cv-00123", "all 20 my 3 brothers", "18 Crowley 4"],
)
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


# ------------------------------------------------------------------ ECF stamps
@pytest.mark.parametrize(
    ("page", "expected"),
    [
        ("Case 2:19-cr-00311-GMN Document 52 Filed 03/02/20 Page 1 of 6\nCOUNT ONE\n", [("2:19-cr-00311", "52")]),
        ("Case: 1:22-cr-00140 Document #: 77 Filed: 11/04/22 Page 3 of 9 PageID #:412\n", [("1:22-cr-00140", "77")]),
        # OCR spacing, doubled dashes, a misread "Document" and the letter O for a zero
        ("Case 4: 21- -Cr- -0O172. KGB- AB ‘Docunent 9 Filed 01/12/21 Page 1 of 2\n", [("4:21-cr-00172", "9")]),
        # a stamp the text layer broke into one line per part, at the bottom of the page
        (
            "the defendant.\n\nCase 3:20-mj-04411-AHG\n\nFiled 08/01/20\n\nPage 2 of 4\n\nDocument 3\n",
            [("3:20-mj-04411", "3")],
        ),
        # the number cited in a sentence is not a stamp; nor is a lone "Case" line with nothing after it
        ("See Case 1:18-cr-00204-NGG Document 12 for the order.\n", []),
        ("Case 1:18-cr-00204-NGG\nThe parties agree.\n", []),
    ],
)
def test_stamp_case_numbers(page, expected):
    found = [(f"{s.office}:{s.year}-{s.case_type}-{int(s.seq):05d}", s.document) for s in stamp_case_numbers(page)]
    assert found == expected
    for s in stamp_case_numbers(page):
        assert page[s.start : s.end].replace(" ", "")[:1] == s.office


def run_pages(nlp, pages: list[str]):
    """Run the pipeline over pages as extractors.pipeline does: cleaned text plus page views."""
    document = Document("x.pdf", "0" * 64, "pdf", tuple(Page(i + 1, t, "text") for i, t in enumerate(pages)))
    text = DocText(document)
    doc = nlp.make_doc(text.text)
    doc._.pages = text.pages
    return nlp(doc)


def stamp(number: str, page: int, of_pages: int = 2, entry: int = 41) -> str:
    return f"Case {number} Document {entry} Filed 05/11/22 Page {page} of {of_pages}\n"


CAPTION_NO_OFFICE = (
    "UNITED STATES DISTRICT COURT\nDISTRICT OF MASSACHUSETTS\n\nUNITED STATES OF AMERICA\n\nv.\n\n"
    "PAULO SERRA-VIDAL,\n   Defendant.\n\nCriminal No. 22-cr-10311-ADB\n\nINDICTMENT\n"
)
CAPTION_MAGISTRATE = (
    "UNITED STATES DISTRICT COURT\nEASTERN DISTRICT OF CALIFORNIA\n\nUNITED STATES OF AMERICA,\n   Plaintiff,\n"
    "v.\nRAMON ARTURO LUGO-PENA,\n   Defendant.\n\nCase No. 1:21-mj-00088 SAB\n\n"
    "ORDER TO UNSEAL COMPLAINT\n"
)


@pytest.mark.parametrize(
    ("pages", "value", "source", "page"),
    [
        # the caption lacks the office number; the stamp of the same case supplies it
        (
            [stamp("1:22-cr-10311-ADB", 1) + CAPTION_NO_OFFICE, stamp("1:22-cr-10311-ADB", 2) + "COUNT ONE\n"],
            "1:22-cr-10311",
            "ecf_stamp",
            1,
        ),
        # first pages blank but for their stamps: the stamp is the only number
        (
            [stamp("1:21-cr-00400-TJK", p, 3, 210) for p in (1, 2)]
            + [stamp("1:21-cr-00400-TJK", 3, 3, 210) + "The Grand Jury further charges that the defendants agreed.\n"],
            "1:21-cr-00400",
            "ecf_stamp",
            1,
        ),
        # an order in a magistrate case filed again in the criminal case: the caption's own number wins
        ([stamp("1:21-cr-00191-NONE-SKO", 1, 1) + CAPTION_MAGISTRATE], "1:21-mj-00088", None, None),
        # caption and stamp agree in full: the caption's own words are the evidence
        (
            [stamp("1:21-mj-00088-SAB", 1, 1) + CAPTION_MAGISTRATE],
            "1:21-mj-00088",
            None,
            None,
        ),
    ],
)
def test_case_number_from_ecf_stamps(nlp, pages, value, source, page):
    doc = run_pages(nlp, pages)
    cn = best(doc, "case_number")
    assert cn.value == value
    assert cn.attrs.get("source") == source
    if page is None:
        assert cn.location is None
        return
    p, start, end = cn.location
    assert p == page
    original = doc._.pages[p - 1].original
    assert original[start:end].startswith(value.split("-")[0].split(":")[0])
    assert "Case" in original[max(0, start - 6) : start]


def test_stamp_read_without_page_views(nlp):
    doc = nlp(stamp("2:23-cr-00015-RJS", 1) + "The Grand Jury further charges that the defendant agreed.\n")
    cn = best(doc, "case_number")
    assert (cn.value, cn.location, doc.text[cn.start : cn.end]) == ("2:23-cr-00015", None, "2:23-cr-00015-RJS")


def test_court_named_on_page_two_is_not_the_caption(nlp):
    page1 = "U.S. Department of Justice\nUnited States Attorney\n\nMay 2, 2022\n\n" + "Dear Counsel: thank you. " * 8
    page2 = "We also note the United States District Court for the District of Oregon handled a related matter.\n"
    with_pages = best(run_pages(nlp, [page1, page2]), "court")
    without = best(nlp(page1 + "\n\n" + page2), "court")
    assert with_pages.value == without.value == "ord"
    assert with_pages.confidence < without.confidence


# ------------------------------------------------------------------ the readers, without spaCy
PATTERNS = caption_patterns("caption_patterns.json")


def page_views(pages: list[str]) -> DocText:
    return DocText(Document("x.pdf", "0" * 64, "pdf", tuple(Page(i + 1, t, "text") for i, t in enumerate(pages))))


@pytest.mark.parametrize(
    ("text", "court", "confidence"),
    [
        # named in the caption block
        (CAPTION_MULTI, "nyed", 0.95),
        # named on the first page, outside the caption
        ("UNITED STATES v. DOE\n\nThe Southern District of Texas is where he lived.\n", "txsd", 0.8),
        # named only deep in the body
        ("Dear Counsel. " * 300 + "the District of Oregon handled it.", "ord", 0.4),
        ("Nothing here names a court.", None, None),
    ],
)
def test_caption_court_reader(text, court, confidence):
    found = caption_court(text, head(None, text, PATTERNS), PATTERNS)
    assert ((found[0].id, found[1]) if found else (None, None)) == (court, confidence)


@pytest.mark.parametrize(
    ("pages", "expected"),
    [
        ([CAPTION_MAGISTRATE], [("1:21-mj-00088", 0.95, None)]),
        # the stamp of the caption's own case adds the office number, and is a little surer
        (
            [stamp("1:22-cr-10311-ADB", 1) + CAPTION_NO_OFFICE, stamp("1:22-cr-10311-ADB", 2) + "COUNT ONE\n"],
            [("22-cr-10311", 0.95, None), ("1:22-cr-10311", 0.97, (1, 5, 22))],
        ),
        # another case's stamp: the caption wins
        (
            [stamp("1:21-cr-00191-NONE-SKO", 1, 1) + CAPTION_MAGISTRATE],
            [("1:21-mj-00088", 0.95, None), ("1:21-cr-00191", 0.5, (1, 5, 27))],
        ),
        # no number but the stamps'
        ([stamp("1:21-cr-00400-TJK", p, 2, 210) for p in (1, 2)], [("1:21-cr-00400", 0.85, (1, 5, 22))]),
        # an information printing the complaint's magistrate number above its own criminal number
        (
            ["United States v. Hector Ruiz\nMagistrate No. 21-mj-01234\nCR-21-00345-PHX-DJH\nINFORMATION\n"],
            [("21-cr-00345", 0.95, None)],
        ),
    ],
)
def test_case_number_reader(pages, expected):
    text = page_views(pages)
    views = text.pages
    readings = read_case_numbers(text.text, views, head(views, text.text, PATTERNS), PATTERNS)
    assert [(r.number.normalised, r.confidence, r.stamp and r.stamp.location) for r in readings] == expected


@pytest.mark.parametrize(
    ("text", "doc_type", "expected"),
    [
        (
            CAPTION_MULTI,
            "superseding_indictment",
            [("Joaquin Archivaldo Guzman Loera", ["El Chapo", "Chapo Guzman"]), ("Ismael Zambada Garcia", ["El Mayo"])],
        ),
        (DOCKET, "docket", [("Luis Alberto Ramos", ["Guero"])]),
        (PRESS, "press_release", [("Jorge Alberto Medina", [])]),
        (LETTER, "plea_agreement", [("Hector Manuel Soto", [])]),
        ("Nothing here names a defendant.", None, []),
    ],
)
def test_party_reader(text, doc_type, expected):
    parties = read_parties(PATTERNS, text, doc_type, head(None, text, PATTERNS))
    assert [(p.name, [alias for alias, _, _ in p.distinct_aliases()]) for p in parties] == expected


# ------------------------------------------------------------------ OCR-damaged captions (regressions)
@pytest.mark.parametrize(
    ("text", "defendants"),
    [
        # the "v." sits below a long right-hand column of violations
        (
            "UNITED STATES DISTRICT COURT\nFOR THE DISTRICT OF COLUMBIA\n\n"
            "UNITED STATES OF AMERICA   Criminal No. 21-cr-9\n\n"
            + "".join(f"VIOLATIONS line {i}\n\n" for i in range(8))
            + 'v.\n\nRAFAEL ORTIZ- MONTANO, also known\nas "El Flaco",\n\nand\n\n‘LUIS ENRIQUE SOTO-RAMOS,\n\n'
            "Defendants.\n\nSUPERSEDING INDICTMENT\n",
            ["Rafael Ortiz-Montano", "Luis Enrique Soto-Ramos"],
        ),
        # a scanned table: its border read as "|", words run together, "v." read as "Ve"
        (
            "EASTERN DISTRICT OF CALIFORNIA\nUNITED STATESOFAMERICA, | CASENO. 1: 21-My- 00088 SAB\n| Plaintiff, |\n"
            "| Ve ORDER TO UNSEAL |\nxx ee. |\nRamon Arturo LUGO-PENA, | COMPLAINT\n",
            ["Ramon Arturo Lugo-Pena"],
        ),
    ],
)
def test_ocr_damaged_caption(nlp, text, defendants):
    assert [f.value for f in of(nlp(text), "defendant")] == defendants


def test_press_release_alias_before_age(nlp):
    text = (
        "FOR IMMEDIATE RELEASE\nU.S. Attorney's Office, Western District of Texas\n\n"
        'Ernesto Villa-Luna, also known as "El Pato," 47, of Chihuahua, Mexico, was sentenced today to 15 years.\n'
    )
    assert [f.value for f in of(nlp(text), "defendant")] == ["Ernesto Villa-Luna"]


PIPELINE_REAL = {
    # first pages blank in the text extraction: only the ECF stamps name the case
    "superseding_indictment_dcd_1-21-cr-00028_oath_keepers.txt": ("1:21-cr-00028", "1:21-cr-00028-APM"),
    # the caption has no office number; the stamps of the same case do
    "plea_agreement_dma_1-23-cr-10159_teixeira.txt": ("1:23-cr-10159", "1:23-cr-10159-IT"),
    # an order in a magistrate case, stamped with the criminal case it was filed in: the caption wins
    "order_caed_1-20-mj-00104_gonzalez-burgos_redacted_complaint.pdf": ("1:20-mj-00104", "1:20-MJ-00104 EPG"),
}


@pytest.mark.realdocs
@pytest.mark.parametrize("name", sorted(PIPELINE_REAL))
def test_real_case_number_through_pipeline(realdocs, name):
    from expediente.corpus.reader import read_document
    from expediente.extractors.pipeline import extract

    value, evidence_text = PIPELINE_REAL[name]
    record = extract(read_document(realdocs / name))
    assert record.value("case_number") == value
    assert record.values["case_number"].evidence.text == evidence_text


def test_patterns_file_is_valid_json():
    path = Path(expediente.extractors.caption.__file__).parent / "data" / "caption_patterns.json"
    assert "stopwords" in json.loads(path.read_text())


# ------------------------------------------------------------------ aliases, however they are written
def aliases_by_defendant(doc) -> dict[str, list[str]]:
    return {f.value: f.attrs["aliases"] for f in of(doc, "defendant")}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the cue wraps onto the next line, beside a right-hand column of statutes cut off by ")"
        (
            "UNITED STATES OF AMERICA ) No. 22 CR 301\n)\nv. ) Violations: Title 21, United States Code,\n"
            ') Section 846\nMARCO ANTONIO SOLIS-RIVAS, also known ) Section 1956(h)\nas "Tono" )\n'
            ") Judge Ann Doe\nCOUNT ONE\n",
            {"Marco Antonio Solis-Rivas": ["Tono"]},
        ),
        # a quoted nickname broken over two lines after a colon-ruled right column
        (
            "UNITED STATES OF AMERICA\n:\n- v. - : SUPERSEDING\n: INDICTMENT\n"
            "RENE ARMENTA-LUGO, a/k/a “El :\nPajaro”, :\nand : S2 21 Cr. 77 (ABC)\n"
            "DIANA OSUNA, a/k/a “La Dama”, :\nDefendants.\n",
            {"Rene Armenta-Lugo": ["El Pajaro"], "Diana Osuna": ["La Dama"]},
        ),
        # the cue ends a line, the alias opens the next one
        (
            "UNITED STATES OF AMERICA      §\nv.                            §   CRIMINAL NO. H-22-101\n"
            "      JAVIER TORRES-MEZA, a.k.a.       §\n"
            '      "El Gordo"                       §\n      and                              §\n'
            '      ALMA RUIZ, aka "Tia", aka "La Jefa"   §\n\n    INDICTMENT\n',
            {"Javier Torres-Meza": ["El Gordo"], "Alma Ruiz": ["Tia", "La Jefa"]},
        ),
        # a list of aliases that wraps a line: "also\nknown as “A” and “B” and “C”", statutes beside it
        (
            "UNITED STATES OF AMERICA\n- against -\nCr. No. 19-88 (S-1) (XYZ)\n"
            "RAMÓN LÓPEZ-NÚÑEZ, also (T. 21, U.S.C., §§ 848(a), 848(b),\n"
            "known as “El Viejo” and “Don Mon” and “El 853(a), 960(b)(1)(B)(ii), 963\n"
            "Patrón”, and 970; T. 18, U.S.C., §§ 3551 et seq.)\nDefendant.\n",
            {"Ramón López-Núñez": ["El Viejo", "Don Mon", "El Patrón"]},
        ),
    ],
)
def test_caption_aliases_wrapped(nlp, text, expected):
    assert aliases_by_defendant(nlp(text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the alias on the line of its cue, one alias per cue
        (
            "CRIMINAL DOCKET FOR CASE #: 2:19-cr-00310-ABC-1\n\nDefendant (1)\nEfrain Castro-Lugo\n"
            "TERMINATED: 05/06/2020\nalso known as Efren Castro\nTERMINATED: 05/06/2020\n"
            "also known as Juan Lugo\nrepresented by\nJane Roe\n",
            {"Efrain Castro-Lugo": ["Efren Castro", "Juan Lugo"]},
        ),
        # one cue, several aliases listed one per line, beside the attorney column
        (
            "CRIMINAL DOCKET FOR CASE #: 3:20-cr-00412-XYZ\n\nDefendant (1)\n"
            "Omar Beltran Soto                 represented by John Doe\n"
            "also known as                              Federal Defenders\n"
            "El Flaco                                   225 Broadway\n"
            "Omar Beltran\n"
            "TERMINATED: 01/01/2021\n\nPending Counts\n",
            {"Omar Beltran Soto": ["El Flaco", "Omar Beltran"]},
        ),
    ],
)
def test_docket_aliases(nlp, text, expected):
    assert aliases_by_defendant(nlp(text)) == expected


# ------------------------------------------------------------------ defendants named only in the body
INDICTMENT_NO_CAPTION = """The Grand Jury charges that at all times material to this Indictment:
Background
1. CC-1 was a leader of a drug trafficking organization based in Sinaloa, Mexico.
2. Defendant LUIS ALBERTO MEZA-ROJAS was a citizen of Mexico who lived in Tucson, Arizona.
3. ADRIANA PEÑA was a 41-year-old resident of Nogales, Arizona. PEÑA used the nicknames “La Güera” and “Gata.”
4. Victim-1, JOSE GARCIA, was a truck driver. Special Agent MARK HILL of the DEA observed the load.
COUNT ONE
5. From in or about 2019 through in or about 2021, in the District of Arizona and elsewhere, the defendants,
LUIS ALBERTO MEZA-ROJAS, and
ADRIANA PEÑA,
did knowingly and intentionally conspire with each other and with CC-1 to distribute methamphetamine.
"""


def test_defendants_named_in_the_body(nlp):
    doc = nlp(INDICTMENT_NO_CAPTION)
    assert aliases_by_defendant(doc) == {"Luis Alberto Meza-Rojas": [], "Adriana Peña": ["La Güera", "Gata"]}


@pytest.mark.parametrize(
    "text",
    [
        # people introduced in the body who are not charged: agents, victims, co-conspirators
        "1. JOHN SMITH, a co-conspirator not named as a defendant, was a resident of Dallas, Texas.\n",
        "Special Agent MARIA LOPEZ interviewed the victim, PEDRO RUIZ, who was a resident of El Paso.\n",
        "The defendant met with CC-1 and CARLOS DIAZ, who knowingly sold him two kilograms.\n",
    ],
)
def test_body_people_who_are_not_defendants(nlp, text):
    assert of(nlp(text), "defendant") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a caption by surname: the letter writes the full name further down
        (
            "Re: United States v. Quintero, et al., 20-cr-311 (VEC)\n\nDear Judge Doe:\n"
            "We write on behalf of our client Mr. Quintero. The government produced messages between "
            "Rafael Quintero and others.\n",
            ["Rafael Quintero"],
        ),
        # two different people with that surname: the surname stays as it is
        (
            "Re: United States v. Quintero, et al., 20-cr-311 (VEC)\n\nDear Judge Doe:\n"
            "Messages between Rafael Quintero and Sofia Quintero are at issue.\n",
            ["Quintero"],
        ),
    ],
)
def test_surname_only_defendant_expanded(nlp, text, expected):
    assert [f.value for f in of(nlp(text), "defendant")] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the caption names the defendant; the body gives the alias
        (
            "RE: United States v. Heriberto Ruelas-Soto\nCriminal No. 2:21-cr-00455\n\nDear Judge Doe:\n"
            "The government submits this letter before the sentencing of defendant Heriberto Ruelas-Soto, "
            'also known as "El Chino," set for May 4.\n',
            {"Heriberto Ruelas-Soto": ["El Chino"]},
        ),
        # someone else with the defendant's surname: the alias is not the defendant's
        (
            "RE: United States v. Heriberto Ruelas-Soto\nCriminal No. 2:21-cr-00455\n\nDear Judge Doe:\n"
            'The witness identified MARIO RUELAS-SOTO, a/k/a "El Primo," as the driver.\n',
            {"Heriberto Ruelas-Soto": []},
        ),
    ],
)
def test_body_aliases_tied_to_the_defendant(nlp, text, expected):
    assert aliases_by_defendant(nlp(text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a docket excerpt without "Defendant (n)" sections: the entries name each defendant with their number
        (
            "CRIMINAL DOCKET FOR CASE #: 2:14-cr-00648-CAS-3\nDate Filed | # | Docket Text\n"
            "03/02/2016 | 210 | JUDGMENT AND COMMITMENT as to Defendant Luis Alberto Romo (3), Count(s) 1.\n"
            "03/04/2016 | 212 | NOTICE OF APPEAL as to Ana Ruiz Peña (4).",
            ["Luis Alberto Romo", "Ana Ruiz Peña"],
        ),
        # a judgment form's "Defendant" row, the name between wide gaps
        (
            "UNITED STATES OF AMERICA vs.          Docket No.   SACR 18-45-DOC-1\n\n"
            "Defendant    ERNESTO VALDEZ SOLIS            Social Security No.  N O N E\n",
            ["Ernesto Valdez Solis"],
        ),
        # a minutes caption: "Defendants: 3) NAME"
        (
            "CRIMINAL MINUTES - GENERAL\nCase No. CR 14-648 CAS   Date May 4, 2016\n"
            "Defendants: 3) LUIS ALBERTO ROMO\nProceedings: (IN CHAMBERS) ORDER",
            ["Luis Alberto Romo"],
        ),
    ],
)
def test_defendants_of_docket_entries_and_minutes(text, expected):
    from expediente.extractors.caption import caption_patterns, head
    from expediente.extractors.parties import read_parties

    p = caption_patterns("caption_patterns.json")
    assert [party.name for party in read_parties(p, text, "docket", head(None, text, p))] == expected

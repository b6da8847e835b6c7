"""Document type rules: titles near the top win over words mentioned in the body."""

from pathlib import Path

import pytest
import spacy

import expediente.extractors.components.doctype  # noqa: F401  (registers the factory)
from expediente.extractors.findings import of

REALDOCS = Path(__file__).resolve().parents[2] / "shared" / "realdocs"
FILLER = "The parties discussed the schedule and the exhibits at some length. " * 40


@pytest.fixture(scope="module")
def nlp():
    pipeline = spacy.blank("en")
    pipeline.add_pipe("expediente_doctype")
    return pipeline


def label(nlp, text):
    found = of(nlp(text), "doc_type")
    assert len(found) == 1
    return found[0]


CAPTION = (
    "UNITED STATES DISTRICT COURT\nDISTRICT OF ARIZONA\n\nUNITED STATES OF AMERICA,\nv.\nJUAN DOE,\nDefendant.\n\n"
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (CAPTION + "INDICTMENT\n\nThe Grand Jury charges:\n" + FILLER, "indictment"),
        # the Central District of California's judgment form
        (CAPTION + "JUDGMENT AND PROBATION/COMMITMENT ORDER\n\nIn the presence of the attorney\n" + FILLER, "judgment"),
        (CAPTION + "SECOND SUPERSEDING INDICTMENT\n\nThe Grand Jury charges:\n" + FILLER, "superseding_indictment"),
        (CAPTION + "SUPERSEDING INDICTMENT FOR CONSPIRACY TO IMPORT COCAINE\n" + FILLER, "superseding_indictment"),
        (CAPTION + "INFORMATION\n\nThe United States Attorney charges:\n" + FILLER, "information"),
        (
            CAPTION + "CRIMINAL COMPLAINT\n\nThe undersigned complainant, being duly sworn, states:\n" + FILLER,
            "complaint",
        ),
        (CAPTION + "PLEA AGREEMENT\n\n" + FILLER + "the indictment charges two counts", "plea_agreement"),
        (
            "U.S. Department of Justice\nUnited States Attorney\n\nRe: United States v. Juan Doe\n\nDear Counsel:\n"
            "This office and your client agree as follows: the defendant will plead guilty to Count One of the "
            "Indictment.\n" + FILLER,
            "plea_agreement",
        ),
        (
            "AO 245B (Rev. 09/19) Judgment in a Criminal Case\nUNITED STATES DISTRICT COURT\n"
            "UNITED STATES OF AMERICA ) JUDGMENT IN A CRIMINAL CASE\n"
            "pleaded guilty to count 1 of the SUPERSEDING INDICTMENT\n" + FILLER,
            "judgment",
        ),
        (
            CAPTION + "GOVERNMENT'S SENTENCING MEMORANDUM\n\n" + FILLER + "Under this plea agreement the defendant "
            "pleaded guilty to the indictment.",
            "sentencing_memo",
        ),
        (CAPTION + "UNITED STATES' POSITION REGARDING SENTENCING\n" + FILLER, "sentencing_memo"),
        (
            "U.S. District Court\nDistrict of Arizona (Tucson)\nCRIMINAL DOCKET FOR CASE #: 4:19-cr-01234-RM-1\n"
            "INDICTMENT as to Juan Doe. PLEA AGREEMENT filed. JUDGMENT entered.\n" + FILLER,
            "docket",
        ),
        (
            "PRESS RELEASE\nMexican National Sentenced for Fentanyl Importation\nFor Immediate Release\n"
            "U.S. Attorney's Office, District of Arizona\nA federal grand jury returned an indictment.\n" + FILLER,
            "press_release",
        ),
        (CAPTION + "REPORTER'S TRANSCRIPT OF PROCEEDINGS\nCHANGE OF PLEA\n" + FILLER + "the information", "other"),
        (CAPTION + "ORDER PERMITTING DISCLOSURE OF REDACTED COMPLAINT\n" + FILLER, "other"),
        (CAPTION + "VERDICT FORM\nWE, THE JURY, find the defendant\n" + FILLER, "other"),
        (CAPTION + "UNITED STATES' TRIAL BRIEF\n" + FILLER + "The indictment charges", "other"),
        (CAPTION + "FACTUAL BASIS\nThe defendant has decided to plead guilty.\n" + FILLER, "other"),
        ("May 1, 2021\nThe Honorable Jane Roe\nUnited States District Judge\n\nDear Judge Roe:\n" + FILLER, "other"),
        (FILLER, "other"),
        # New York captions: a ":" column between the parties and a title broken over two lines
        (
            "UNITED STATES DISTRICT COURT\nSOUTHERN DISTRICT OF NEW YORK\n- - - - - - - x\n"
            "UNITED STATES OF AMERICA\n:\n"
            "- v. - : SEALED SUPERSEDING\n: INDICTMENT\nHUGO PARRA-LEAL, :\n: S1 21 Cr. 240 (LGS)\nDefendant.\n"
            "- - - - - - - x\nCOUNT ONE\nThe Grand Jury charges:\n" + FILLER,
            "superseding_indictment",
        ),
        # plea agreement written as a letter to defense counsel
        (
            "U.S. Department of Justice\nUnited States Attorney\n\nRe: United States v. Hugo Parra-Leal\n\n"
            "Dear Ms. Counsel:\nOn the understandings specified below, this Office will accept a guilty plea from "
            "Hugo Parra-Leal to Count One of the Indictment.\n" + FILLER,
            "plea_agreement",
        ),
        # the government's sentencing submission written as a letter to the judge
        (
            "U.S. Department of Justice\nUnited States Attorney\n\nThe Honorable Ann Roe\nUnited States District "
            "Judge\n\nRe: United States v. Hugo Parra-Leal\n\nDear Judge Roe:\nThe government respectfully "
            "submits this letter in advance of the defendant's sentencing, scheduled for May 3.\n" + FILLER,
            "sentencing_memo",
        ),
        # a defense letter about discovery stays "other"
        (
            "Dear Judge Roe:\nWe write on behalf of our client to ask that the Court order production of the "
            "search warrant returns before the sentencing hearing.\n" + FILLER,
            "other",
        ),
    ],
)
def test_doc_type(nlp, text, expected):
    found = label(nlp, text)
    assert found.value == expected
    assert 0.0 <= found.confidence <= 1.0
    assert set(found.attrs["scores"]) >= {"indictment", "judgment", "other"}


def test_title_on_first_page_beats_body_mentions(nlp):
    body = ("JUDGMENT IN A CRIMINAL CASE was entered in the related matter. " * 3) + FILLER
    text = CAPTION + "SENTENCING MEMORANDUM\n" + FILLER * 3 + body
    assert label(nlp, text).value == "sentencing_memo"


def test_letter_spaced_heading(nlp):
    assert label(nlp, "INDIC TMENT\nSUPREME COURT OF THE STATE OF NEW YORK\n" + FILLER).value == "indictment"


def test_true_bill_at_the_end_of_an_untitled_indictment(nlp):
    text = FILLER * 8 + "\nA TRUE BILL\n\nFOREPERSON\n"
    assert label(nlp, text).value == "indictment"


REAL = {
    "judgment_edwi_25-cr-69_hounsell.txt": "judgment",
    "plea_agreement_dma_1-23-cr-10159_teixeira.txt": "plea_agreement",
    "sentencing_memo_dma_1-23-cr-10159_teixeira.txt": "sentencing_memo",
    "superseding_indictment_wdmo_22-4065_perry_odell_murder_federal_officers.txt": "superseding_indictment",
    "indictment_dma_1-23-cr-10159_teixeira.txt": "indictment",
    "factual_basis_edla_2-22-cr-00115_keel.txt": "other",
    "docket_wdtn_2-23-cr-20121_murder_for_hire.txt": "docket",
    "trial_brief_caed_1-20-cr-00252_gastelo.txt": "other",
}


@pytest.mark.realdocs
@pytest.mark.parametrize("name", sorted(REAL))
def test_real_documents(nlp, name):
    path = REALDOCS / name
    if not path.exists():
        pytest.skip(f"real documents not available at {REALDOCS}")
    text = path.read_text(errors="replace").replace("\f", "\n\n")
    assert label(nlp, text).value == REAL[name]

"""The mention components over the real filings in ../shared/realdocs (text files only: the PDFs and
dockets need the corpus readers). Checks by kind of document, not by file-specific answers."""

from pathlib import Path

import pytest
import spacy

import expediente.extractors.components.benefits  # noqa: F401
import expediente.extractors.components.custody  # noqa: F401
import expediente.extractors.components.drugs  # noqa: F401
import expediente.extractors.components.officials  # noqa: F401
import expediente.extractors.components.plea  # noqa: F401
import expediente.extractors.components.sentence  # noqa: F401
import expediente.extractors.components.victims  # noqa: F401
import expediente.extractors.components.violence  # noqa: F401

REALDOCS = Path(__file__).resolve().parents[2] / "shared" / "realdocs"
COMPONENTS = [
    "expediente_drugs",
    "expediente_violence",
    "expediente_victims",
    "expediente_benefits",
    "expediente_custody",
    "expediente_plea",
    "expediente_sentence",
    "expediente_officials",
]

pytestmark = pytest.mark.realdocs


@pytest.fixture(scope="module")
def docs():
    if not REALDOCS.is_dir():
        pytest.skip(f"real documents not present at {REALDOCS}")
    nlp = spacy.blank("en")
    for name in COMPONENTS:
        nlp.add_pipe(name)
    out = {}
    for path in sorted(REALDOCS.glob("*.txt")):
        text = path.read_text(encoding="utf-8", errors="replace")
        out[path.name] = nlp(text)
    return out


def best(doc, field):
    found = [f for f in doc._.findings or [] if f.field == field]
    return max(found, key=lambda f: f.confidence) if found else None


def test_offsets_and_confidences_are_sane(docs):
    for name, doc in docs.items():
        for f in doc._.findings or []:
            assert 0 <= f.start < f.end <= len(doc.text), name
            assert 0 < f.confidence <= 1, name


def test_judgments_give_an_imposed_prison_term(docs):
    judgments = [d for n, d in docs.items() if n.startswith("judgment_")]
    assert judgments
    for doc in judgments:
        f = best(doc, "sentence")
        assert f and f.attrs["kind"] == "imprisonment" and f.confidence >= 0.9
        assert best(doc, "plea").value == "plea"


def test_indictments_grant_no_benefits_and_impose_no_sentence(docs):
    for name, doc in docs.items():
        if "indictment" in name and not name.startswith("STATE"):
            assert not [f for f in doc._.findings or [] if f.field == "benefit" and f.confidence >= 0.5], name
            assert not [f for f in doc._.findings or [] if f.field == "sentence" and f.confidence > 0.3], name


def test_plea_agreements_promise_benefits(docs):
    agreements = [d for n, d in docs.items() if n.startswith("plea_agreement_")]
    assert agreements
    for doc in agreements:
        granted = {f.value for f in doc._.findings if f.field == "benefit" and f.confidence >= 0.7}
        assert granted
        assert best(doc, "plea").value == "plea"

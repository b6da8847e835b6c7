"""The embedded sample corpus: deterministic generation, truth rows that match the files, text layers
where there should be one and none where the page is a scan."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pdfplumber
import pytest

from expediente.extractors.fields import iso_date, registry
from tests.samplegen import generate
from tests.samplegen.layout import LayoutError, strip_markup

SAMPLE = generate.HERE
DOCS = SAMPLE / "docs"
TRUTH = SAMPLE / "truth.jsonl"
REGISTRY = registry()
EXPORT_KEYS = set(REGISTRY.export_keys())  # a truth row holds every key of the export, no other
LABELS = {  # doc_type, benefits, custody, plea
    f.name: set(f.vocabulary)
    for f in REGISTRY.fields
    if f.vocabulary and (f.kind == "single" or f.export.get("shape") == "labels")
}
DATES = [f.name for f in REGISTRY.fields if f.type.name == "date"]


def truth_rows() -> list[dict]:
    return [json.loads(line) for line in TRUTH.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="module")
def regenerated(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("sample")
    generate.generate(out)
    return out


def test_generation_is_byte_deterministic_and_matches_truth(regenerated):
    for row in truth_rows():
        data = (regenerated / row["file"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == row["sha256"], row["file"]


def test_generated_file_set_equals_truth(regenerated):
    assert sorted(p.name for p in regenerated.iterdir()) == sorted(r["file"] for r in truth_rows())


@pytest.mark.parametrize("row", truth_rows(), ids=lambda r: r["file"])
def test_truth_row_shape_and_committed_file(row):
    assert set(row) == EXPORT_KEYS
    path = DOCS / row["file"]
    assert path.exists(), f"{row['file']} listed in truth.jsonl but not committed"
    assert hashlib.sha256(path.read_bytes()).hexdigest() == row["sha256"]
    for name, values in LABELS.items():
        given = row[name] if isinstance(row[name], list) else [row[name]]
        assert set(given) <= values, name
    assert row["sentence_months"] is None or isinstance(row["sentence_months"], int)
    for key in DATES:
        assert row[key] is None or iso_date(row[key]) == row[key], key
    for count in row["counts"]:
        assert set(count) == {"count", "statutes", "description"}
        assert set(count["statutes"]) <= set(row["statutes_cited"])
    for mention in row["violent_crime_mentions"] + row["victims"]:
        assert set(mention) == {"text", "label", "page", "start", "end"}


def _pdf_pages_with_text(path: Path) -> list[bool]:
    with pdfplumber.open(path) as pdf:
        return [bool((page.extract_text() or "").strip()) for page in pdf.pages]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("dcd_20cr187_superseding_indictment.scanned.pdf", [False, False]),
        ("flsd_19cr20417_judgment_benitez.scanned.pdf", [False, False]),
        ("nyed_17cr352_government_sentencing_memo.pdf", [True, False]),
        ("casd_19cr2871_plea_agreement_quinones.pdf", [True, True, True]),
    ],
)
def test_text_layers(name, expected):
    assert _pdf_pages_with_text(DOCS / name) == expected


def test_every_born_digital_pdf_has_text_on_every_page():
    born = [p for p in DOCS.glob("*.pdf") if ".scanned." not in p.name and "sentencing_memo" not in p.name]
    assert born
    for path in born:
        assert all(_pdf_pages_with_text(path)), path.name


def test_pleading_paper_has_line_numbers_and_ecf_header():
    with pdfplumber.open(DOCS / "casd_19cr2871_plea_agreement_quinones.pdf") as pdf:
        text = pdf.pages[1].extract_text()
    assert "Case 3:19-cr-02871-CAB" in text and "Page 2 of" in text
    assert {str(n) for n in range(1, 29)} <= set(text.split())


def test_corpus_budget():
    files = list(DOCS.iterdir())
    assert 16 <= len(files) <= 20
    assert sum(p.stat().st_size for p in files) < 6_000_000


@pytest.mark.parametrize(
    ("marked", "plain", "spans"),
    [
        ("no markup here", "no markup here", []),
        ("they [[v:murder|killed]] him", "they killed him", [("violence", "murder", 5, 11)]),
        ("held [[x:minor|Victim-2, a child]].", "held Victim-2, a child.", [("victim", "minor", 5, 22)]),
    ],
)
def test_strip_markup(marked, plain, spans):
    assert strip_markup(marked) == (plain, spans)


def test_unbalanced_markup_is_an_error():
    with pytest.raises(LayoutError):
        strip_markup("a [[v:murder|broken mention")


def test_unmarked_violence_word_fails_generation():
    doc = generate.all_docs(generate.DEFAULT_SEED)[0]
    from tests.samplegen.layout import P

    doc.blocks = [*doc.blocks, P("The courier was later murdered.")]
    with pytest.raises(generate.TruthIncomplete):
        generate.render(doc)

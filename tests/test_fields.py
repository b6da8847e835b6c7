"""The field registry: declarations checked, values typed, and a new field working end to end from one declaration.

The end-to-end tests declare fields the shipped registry does not have (with ``fields.use``) and follow them
from findings to the roll-up, the dataset and its views, corrections, cases, the export, gold validation and
scoring, without touching any other code: that is what "one declaration per field" promises.
"""

from __future__ import annotations

import hashlib
import json

import pytest

from expediente.annotations.gold import GoldError, validate
from expediente.annotations.scoring import Board, score_document
from expediente.casedata import store
from expediente.casedata.corrections import Correction, add_correction
from expediente.casedata.db import connect
from expediente.casedata.errors import CorrectionError
from expediente.casedata.export import export_keys, iter_defendants, iter_documents
from expediente.corpus.document import Document, Page
from expediente.extractors.fields import FieldValueError, RegistryError, build, declarations, registry, use
from expediente.extractors.findings import Finding
from expediente.extractors.rollup import roll_up
from expediente.extractors.text import DocText

TEXT = "UNITED STATES v. JUAN PEREZ. The defendant, a Mexican national, led a cell of the Sinaloa Cartel."
NATIONALITY = {
    "name": "citizenship",
    "title": "citizenship",
    "kind": "single",
    "finding": "citizenship",
    "type": "label",
    "vocabulary": ["mexican", "us", "other", "unknown"],
    "default": "unknown",
    "min_confidence": 0.5,
    "case": {"rule": "priority", "order": ["mexican", "us", "other"], "default": "unknown"},
    "score": "exact",
    "stats": True,
    "person": {"rule": "precedence"},
}
ORGANISATIONS = {
    "name": "affiliations",
    "title": "criminal affiliations",
    "kind": "mentions",
    "finding": "organisation",
    "type": "text",
    "min_confidence": 0.5,
    "export": {"shape": "labels"},
    "case": {"rule": "union"},
    "score": "folded",
    "person": {"rule": "union"},
}


def with_fields(*extra: dict) -> list[dict]:
    return declarations() + list(extra)


def span(text: str, word: str) -> tuple[int, int]:
    start = text.index(word)
    return start, start + len(word)


def extracted() -> tuple:
    """A one-page document and the record rolled up from findings of the two new fields (and a doc type)."""
    raw = TEXT.encode()
    doc = Document(
        path="n.txt",
        sha256=hashlib.sha256(raw).hexdigest(),
        kind="text",
        pages=(Page(number=1, text=TEXT, method="plain"),),
    )
    text = DocText(doc)
    findings = [
        Finding("doc_type", "indictment", *span(text.text, "UNITED STATES"), 0.9, "test", "1"),
        Finding("defendant", "Juan Perez", *span(text.text, "JUAN PEREZ"), 0.9, "test", "1"),
        Finding("citizenship", "mexican", *span(text.text, "a Mexican national"), 0.8, "test", "1"),
        Finding("citizenship", "us", *span(text.text, "JUAN PEREZ"), 0.3, "test", "1"),  # under min_confidence
        Finding("organisation", "Sinaloa Cartel", *span(text.text, "Sinaloa Cartel"), 0.9, "test", "1"),
    ]
    return doc, roll_up(doc, text, findings, "v1")


def test_a_new_single_and_mentions_field_work_end_to_end_from_their_declarations(tmp_path):
    with use(with_fields(NATIONALITY, ORGANISATIONS)):
        doc, rec = extracted()
        assert rec.value("citizenship") == "mexican"
        assert rec.values["citizenship"].evidence.text == "a Mexican national"
        assert [m.value for m in rec.mentions if m.field == "affiliations"] == ["Sinaloa Cartel"]

        conn = connect(tmp_path / "ds.sqlite")
        store.write_document(conn, rec, None)
        row = conn.execute("SELECT citizenship FROM documents_effective").fetchone()
        assert row[0] == "mexican"
        obj = next(iter_documents(conn))
        assert tuple(obj) == export_keys() and export_keys()[-3:-1] == ("citizenship", "affiliations")
        assert (obj["citizenship"], obj["affiliations"]) == ("mexican", ["Sinaloa Cartel"])
        case = conn.execute("SELECT citizenship, affiliations FROM cases").fetchone()
        assert (case[0], json.loads(case[1])) == ("mexican", ["Sinaloa Cartel"])
        (person,) = obj["people"]
        assert (person["name"], person["citizenship"], person["affiliations"]) == (
            "Juan Perez",
            "mexican",
            ["Sinaloa Cartel"],
        )
        (defendant,) = iter_defendants(conn)
        assert (defendant["citizenship"], defendant["affiliations"]) == ("mexican", ["Sinaloa Cartel"])

        add_correction(conn, Correction(doc.sha256, "citizenship", "set", "US"))
        add_correction(conn, Correction(doc.sha256, "affiliations", "add", "CJNG"))
        with pytest.raises(CorrectionError, match="'martian' is not one of mexican, us, other, unknown"):
            add_correction(conn, Correction(doc.sha256, "citizenship", "set", "martian"))
        obj = next(iter_documents(conn))
        assert (obj["citizenship"], obj["affiliations"]) == ("us", ["CJNG", "Sinaloa Cartel"])

        label = {"file": "n.txt", "sha256": doc.sha256, "doc_type": "indictment", "citizenship": "mexican"}
        validate(label, "test")
        with pytest.raises(GoldError, match="'citizenship' has unknown label"):
            validate({**label, "citizenship": "martian"}, "test")
        board = Board()
        score_document(board, {**label, "affiliations": ["Sinaloa Cartel", "Gulf Cartel"]}, obj, {1: TEXT})
        assert board.scalars["citizenship"].value == 0.0  # corrected to "us", gold says "mexican"
        assert (board.sets["affiliations"].recall, board.sets["affiliations"].precision) == (0.5, 0.5)
        conn.close()


def test_the_dataset_follows_the_registry_when_it_changes(tmp_path):
    """Views and cases are derived: a dataset made before a field was declared gains it on the next open."""
    path = tmp_path / "ds.sqlite"
    connect(path).close()
    with use(with_fields(NATIONALITY)):
        conn = connect(path)
        assert "citizenship" in {r[1] for r in conn.execute("PRAGMA table_info(cases)")}
        conn.close()
        connect(path, readonly=True).close()
    conn = connect(path)
    assert "citizenship" not in {r[1] for r in conn.execute("PRAGMA table_info(cases)")}


def test_a_read_only_open_sees_the_current_fields_and_leaves_the_file_as_it_is(tmp_path):
    path = tmp_path / "ds.sqlite"
    conn = connect(path)
    store.write_document(conn, extracted()[1], None)
    conn.close()
    before = path.read_bytes()
    with use(with_fields(NATIONALITY)):
        conn = connect(path, readonly=True)
        row = conn.execute("SELECT citizenship FROM documents_effective").fetchone()
        assert tuple(row) == (None,)  # declared after the document was extracted: no value yet
        assert "citizenship" in {r[1] for r in conn.execute("PRAGMA table_info(cases)")}
        conn.close()
    assert path.read_bytes() == before


def _declared(**change) -> list[dict]:
    fields = declarations()
    fields[-1] = {**fields[-1], **change}
    return fields


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        (_declared(type="colour"), "unknown type 'colour'"),
        (_declared(kind="several"), "kind 'several'"),
        (_declared(score="vibes"), "score 'vibes'"),
        (_declared(case={"rule": "average"}), "case rule"),
        (_declared(name="custody"), "declared twice: ['custody']"),
        (declarations()[1:], "'doc_type' must be the first single field"),
        (with_fields({**NATIONALITY, "default": "martian"}), "default 'martian'"),
        (with_fields({**ORGANISATIONS, "export": {"shape": "pie"}}), "export"),
        (with_fields({**ORGANISATIONS, "kind": "counts"}), "exactly one field of kind 'counts'"),
        (_declared(min_confidnce=0.5), "unknown keys ['min_confidnce']"),
        (with_fields({"name": "x", "kind": "single", "type": "text"}), "lacks ['finding', 'score', 'title']"),
    ],
    ids=[
        "type",
        "kind",
        "score",
        "case-rule",
        "duplicate",
        "doc-type-first",
        "default",
        "export",
        "one-counts",
        "typo",
        "missing",
    ],
)
def test_bad_declarations_are_refused(fields, message):
    with pytest.raises(RegistryError, match=message.replace("[", r"\[").replace("]", r"\]")):
        build(fields)


@pytest.mark.parametrize(
    ("field", "typed", "stored"),
    [
        ("doc_type", " Judgment ", "judgment"),
        ("court_id", "NYSD", "nysd"),
        ("case_number", "3:19-CR-1234-BAS", "3:19-cr-01234"),
        ("sentence_months", "120", "120"),
        ("sentence_months", "46 months", "46"),
        ("sentence_months", "Life", "life"),
        ("sentence_months", "time  served", "time served"),
        ("public_official", "Yes", "true"),
        ("public_official", "0", "false"),
        ("statutes_cited", "21 usc 841(a)(1)", "21 U.S.C. § 841(a)(1)"),
        ("counts", "2S", "2s"),
        ("defendants", "  Juan   Pérez ", "Juan Pérez"),
        ("drugs", "xylazine", "xylazine"),
    ],
)
def test_values_are_stored_in_their_normal_form(field, typed, stored):
    assert registry()[field].parse(typed) == stored


@pytest.mark.parametrize(
    ("field", "typed"),
    [
        ("custody", "banana"),
        ("sentence_months", "-5 years"),
        ("sentence_months", "twenty years"),
        ("public_official", "maybe"),
        ("court_id", "gotham"),
        ("case_number", "soon"),
        ("statutes_cited", "U.S.S.G. § 2D1.1"),
        ("counts", "Count One"),
        ("defendants", "---"),
        ("benefits", "not_a_benefit"),
        ("plea", ""),
        ("plea", None),
    ],
)
def test_values_outside_a_fields_type_are_refused(field, typed):
    with pytest.raises(FieldValueError, match=field):
        registry()[field].parse(typed)


def test_export_values_by_type():
    reg = registry()
    assert reg["sentence_months"].export_value("120") == 120
    assert reg["sentence_months"].export_value("life") is None  # the export's sentence is months or null
    assert reg["public_official"].export_value("true") is True
    assert reg["public_official"].export_value(None) is False  # its default
    assert reg["custody"].export_value(None) == "unknown"


def test_every_declared_field_has_an_extractor():
    """A declaration without a component emitting its findings would silently stay empty."""
    from expediente.extractors.families import family
    from expediente.extractors.pipeline import load_nlp

    nlp = load_nlp()
    assigned = {attr for name in nlp.pipe_names for attr in nlp.get_pipe_meta(name).assigns}
    missing = [f.name for f in registry() if family(f.finding) not in assigned]
    assert missing == []


@pytest.mark.parametrize(
    ("typed", "iso"),
    [
        ("06/12/21", "2021-06-12"),
        ("6/12/1999", "1999-06-12"),
        ("June 12, 2021", "2021-06-12"),
        ("Sept. 3, 2019", "2019-09-03"),
        ("12 June 2021", "2021-06-12"),
        ("2021-06-12", "2021-06-12"),
        ("02/30/2021", None),
        ("next week", None),
    ],
)
def test_dates_in_their_iso_form(typed, iso):
    from expediente.extractors.fields import iso_date

    assert iso_date(typed) == iso

"""The case dataset: migrations, writes, re-processing, corrections, export keys, stats."""

from __future__ import annotations

import io
import json
import sqlite3

import pytest

from expediente.casedata import store
from expediente.casedata.cases import case_key
from expediente.casedata.corrections import Correction, add_correction, charge_key, mention_key
from expediente.casedata.db import connect, migrations
from expediente.casedata.errors import CorrectionError, DatasetError, MigrationError
from expediente.casedata.export import EXPORT_KEYS, iter_documents, write_csv, write_jsonl
from expediente.casedata.stats import summary
from expediente.corpus.errors import Failure
from expediente.extractors.records import Count, Defendant, DocumentRecord, Evidence, PageInfo, Statute, Value


def ev(page=1, start=0, end=5, text="x", conf=0.9):
    return Evidence(page, start, end, text, "test", "1", conf)


def record(
    sha="a" * 64,
    custody="extradited",
    case="3:19-cr-01234",
    sentence=None,
    benefits=("dismiss_counts",),
    doc_type="plea_agreement",
    version="v1",
):
    rec = DocumentRecord(
        sha256=sha,
        file=f"{sha[:4]}.pdf",
        path=f"/in/{sha[:4]}.pdf",
        kind="pdf",
        pipeline_version=version,
        status="done",
        pages=[PageInfo(1, "text", None, 100, None)],
    )
    rec.doc_type = Value("doc_type", doc_type, ev())
    rec.court = Value("court", "casd", ev(), {"name": "Southern District of California"})
    rec.case_number = Value("case_number", case, ev(start=10, end=24))
    rec.defendants = [Defendant("Juan Perez-Lopez", ("El Gordo",), ev(start=30, end=46))]
    st = Statute("21 U.S.C. § 952", "21", "952", "drug_trafficking", ev(start=50, end=65))
    rec.counts = [Count("1", (st,), "Importation of cocaine", ev(start=48, end=70))]
    rec.statutes_cited = [st]
    rec.mentions = [Value("benefit", b, ev(start=100 + i, end=110 + i)) for i, b in enumerate(benefits)]
    rec.mentions.append(Value("drug", "cocaine", ev(start=200, end=207), {"quantity": "5 kilograms"}))
    rec.mentions.append(Value("violence", "kidnapping", ev(start=300, end=310), {"charged": False}))
    rec.custody = Value("custody", custody, ev(start=400, end=420))
    rec.plea = Value("plea", "plea", ev(start=500, end=510))
    if sentence is not None:
        rec.sentence_months = Value("sentence", str(sentence), ev(start=600, end=610), {"months": sentence})
    rec.public_official = Value("public_official", "false", None)
    return rec


@pytest.fixture
def conn(tmp_path):
    c = connect(tmp_path / "cases.sqlite")
    yield c
    c.close()


def test_migrations_are_recorded_and_idempotent(tmp_path):
    path = tmp_path / "m.sqlite"
    connect(path).close()
    conn = connect(path)
    versions = [r[0] for r in conn.execute("SELECT version FROM schema_migrations ORDER BY version")]
    assert versions == [n for n, _, _ in migrations()]


def test_unknown_newer_schema_is_refused(tmp_path):
    path = tmp_path / "m.sqlite"
    conn = connect(path)
    conn.execute("INSERT INTO schema_migrations VALUES (9999, 'future', 'now')")
    conn.commit()
    with pytest.raises(MigrationError, match="upgrade expediente"):
        connect(path)


def test_readonly_connect_of_missing_dataset_says_what_to_do(tmp_path):
    with pytest.raises(DatasetError, match="expediente process"):
        connect(tmp_path / "none.sqlite", readonly=True)


def test_reprocessing_replaces_machine_rows(conn):
    store.write_document(conn, record(benefits=("dismiss_counts", "safety_valve")), None)
    store.write_document(conn, record(benefits=("safety_valve",), version="v2"), None)
    labels = [r[0] for r in conn.execute("SELECT label FROM mentions WHERE kind = 'benefit'")]
    assert labels == ["safety_valve"]
    assert conn.execute("SELECT pipeline_version FROM documents").fetchone()[0] == "v2"
    assert store.is_current(conn, "a" * 64, "v2") and not store.is_current(conn, "a" * 64, "v1")


def test_failure_never_overwrites_a_stored_document(conn):
    store.write_document(conn, record(), None)
    failed = DocumentRecord(
        sha256="a" * 64,
        file="aaaa.pdf",
        path="/in/aaaa.pdf",
        kind="pdf",
        pipeline_version="v2",
        status="failed",
        error=Failure("ocr_failed", "engine crashed"),
    )
    store.write_document(conn, failed, None)
    doc = conn.execute("SELECT status, custody FROM documents").fetchone()
    assert tuple(doc) == ("done", "extradited")
    assert conn.execute("SELECT reason, message FROM failures").fetchone()[:] == (
        "ocr_failed",
        "engine crashed",
    )


@pytest.mark.parametrize(
    ("correction", "query", "expected"),
    [
        (
            Correction("a" * 64, "document", "custody", "set", "surrendered"),
            "SELECT custody FROM documents_effective",
            "surrendered",
        ),
        (
            Correction("a" * 64, "mention", "benefit", "reject", item_key=mention_key("dismiss_counts", 1, 100)),
            "SELECT COUNT(*) FROM mentions_effective WHERE kind = 'benefit'",
            0,
        ),
        (
            Correction("a" * 64, "mention", "benefit", "add", "safety_valve"),
            "SELECT COUNT(*) FROM mentions_effective WHERE kind = 'benefit'",
            2,
        ),
        (
            Correction(
                "a" * 64,
                "charge",
                "statute",
                "set",
                "21 U.S.C. § 960",
                item_key=charge_key("1", "21 U.S.C. § 952"),
            ),
            "SELECT statute FROM charges_effective",
            "21 U.S.C. § 960",
        ),
        (
            Correction("a" * 64, "defendant", "name", "reject", item_key="Juan Perez-Lopez"),
            "SELECT COUNT(*) FROM defendants_effective",
            0,
        ),
    ],
    ids=["set-document-field", "reject-mention", "add-mention", "edit-charge", "reject-defendant"],
)
def test_corrections_apply_and_survive_reprocessing(conn, correction, query, expected):
    store.write_document(conn, record(), None)
    add_correction(conn, correction)
    assert conn.execute(query).fetchone()[0] == expected
    store.write_document(conn, record(version="v2"), None)  # re-processing
    assert conn.execute(query).fetchone()[0] == expected
    assert conn.execute("SELECT COUNT(*) FROM corrections").fetchone()[0] == 1


@pytest.mark.parametrize(
    ("correction", "message"),
    [
        (Correction("b" * 64, "document", "custody", "set", "x"), "process the file first"),
        (Correction("a" * 64, "document", "colour", "set", "x"), "no field"),
        (Correction("a" * 64, "mention", "benefit", "reject"), "item key"),
        (Correction("a" * 64, "mention", "benefit", "explode", "x"), "unknown action"),
    ],
)
def test_bad_corrections_are_refused_with_a_reason(conn, correction, message):
    store.write_document(conn, record(), None)
    with pytest.raises(CorrectionError, match=message):
        add_correction(conn, correction)


def test_cases_roll_up_documents_of_one_case(conn):
    store.write_document(conn, record(sha="a" * 64, doc_type="indictment", custody="unknown"), None)
    store.write_document(conn, record(sha="b" * 64, case="19-cr-01234", doc_type="judgment", sentence=120), None)
    rows = conn.execute("SELECT * FROM cases").fetchall()
    assert len(rows) == 1
    case = rows[0]
    assert case["case_key"] == case_key("casd", "19-cr-01234", "")
    assert (case["n_documents"], case["custody"], case["sentence_months"]) == (2, "extradited", 120)
    assert json.loads(case["benefits"]) == ["dismiss_counts"]


def test_correcting_a_case_number_moves_the_document_between_cases(conn):
    store.write_document(conn, record(sha="a" * 64), None)
    store.write_document(conn, record(sha="b" * 64), None)
    add_correction(conn, Correction("b" * 64, "document", "case_number", "set", "3:20-cr-00001"))
    keys = sorted(r[0] for r in conn.execute("SELECT case_key FROM cases"))
    assert keys == ["casd|19-cr-01234", "casd|20-cr-00001"]


def test_export_jsonl_has_exactly_the_contract_keys(conn):
    store.write_document(conn, record(sentence=60), None)
    buf = io.StringIO()
    assert write_jsonl(conn, buf) == 1
    obj = json.loads(buf.getvalue())
    assert tuple(obj) == EXPORT_KEYS
    assert obj["counts"] == [{"count": "1", "statutes": ["21 U.S.C. § 952"], "description": "Importation of cocaine"}]
    assert obj["drugs"] == [{"drug": "cocaine", "quantity": "5 kilograms"}]
    assert obj["violent_crime_mentions"][0]["label"] == "kidnapping"
    assert obj["violent_crime_mentions"][0]["charged"] is False
    assert (obj["sentence_months"], obj["public_official"], obj["benefits"]) == (
        60,
        False,
        ["dismiss_counts"],
    )


def test_a_count_without_a_statute_is_still_exported(conn):
    """Regression: verdict forms and transcripts name counts without citing a statute."""
    rec = record()
    rec.counts.append(Count("2", (), "Kidnapping", ev(start=80, end=90)))
    store.write_document(conn, rec, None)
    obj = next(iter_documents(conn))
    assert [c["count"] for c in obj["counts"]] == ["1", "2"]
    assert obj["counts"][1] == {"count": "2", "statutes": [], "description": "Kidnapping"}


def test_export_csv_one_row_per_document(conn):
    store.write_document(conn, record(), None)
    store.write_document(conn, record(sha="c" * 64, case="3:20-cr-00002"), None)
    buf = io.StringIO()
    assert write_csv(conn, buf) == 2
    assert buf.getvalue().splitlines()[0].split(",") == list(EXPORT_KEYS)


def test_stats_shares(conn):
    store.write_document(conn, record(sha="a" * 64, custody="extradited"), None)
    store.write_document(conn, record(sha="b" * 64, case="3:20-cr-00002", custody="arrested_us"), None)
    tables = {t.title: t for t in summary(conn)}
    custody = dict(tables["Cases by custody route"].rows)
    assert custody == {"extradited": 1, "arrested_us": 1}
    benefit_rows = dict(tables["Plea cases with each sentencing benefit"].rows)
    assert benefit_rows["any benefit"] == 2


def test_dataset_is_a_plain_sqlite_file(tmp_path):
    path = tmp_path / "plain.sqlite"
    connect(path).close()
    tables = {r[0] for r in sqlite3.connect(path).execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {
        "documents",
        "pages",
        "defendants",
        "charges",
        "mentions",
        "cases",
        "corrections",
        "runs",
    } <= tables

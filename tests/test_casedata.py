"""The case dataset: migrations, writes, re-processing, corrections, export keys, cases, stats."""

from __future__ import annotations

import csv
import io
import json
import re
import sqlite3

import pytest

from expediente.casedata import store
from expediente.casedata.cases import case_key
from expediente.casedata.corrections import Correction, add_correction, item_keys
from expediente.casedata.db import connect, migrations
from expediente.casedata.errors import CorrectionError, DatasetError, MigrationError
from expediente.casedata.export import export_keys, iter_documents, write_csv, write_jsonl
from expediente.casedata.keys import SQL_KEYS, charge_key, mention_key
from expediente.casedata.stats import summary
from expediente.corpus.errors import Failure
from expediente.extractors.fields import MENTIONS, registry
from expediente.extractors.records import Count, Defendant, DocumentRecord, Evidence, PageInfo, Statute, Value

SHA = "a" * 64


def ev(page=1, start=0, end=5, text="x", conf=0.9):
    return Evidence(page, start, end, text, "test", "1", conf)


def record(
    sha=SHA,
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
    rec.values = {
        "doc_type": Value("doc_type", doc_type, ev()),
        "court_id": Value("court_id", "casd", ev(), {"name": "Southern District of California"}),
        "case_number": Value("case_number", case, ev(start=10, end=24)),
        "custody": Value("custody", custody, ev(start=400, end=420)),
        "plea": Value("plea", "plea", ev(start=500, end=510)),
        "public_official": Value("public_official", "false", None),
    }
    if sentence is not None:
        rec.values["sentence_months"] = Value("sentence_months", str(sentence), ev(start=600, end=610))
    rec.defendants = [Defendant("Juan Perez-Lopez", ("El Gordo",), ev(start=30, end=46))]
    st = Statute("21 U.S.C. § 952", "21", "952", "drug_trafficking", ev(start=50, end=65))
    rec.counts = [Count("1", (st,), "Importation of cocaine", ev(start=48, end=70))]
    rec.statutes_cited = [st]
    rec.mentions = [Value("benefits", b, ev(start=100 + i, end=110 + i)) for i, b in enumerate(benefits)]
    rec.mentions.append(Value("drugs", "cocaine", ev(start=200, end=207), {"quantity": "5 kilograms"}))
    rec.mentions.append(Value("violent_crime_mentions", "kidnapping", ev(start=300, end=310), {"charged": False}))
    return rec


@pytest.fixture
def stored(conn):
    store.write_document(conn, record(), None)
    return conn


def exported(conn) -> dict:
    return next(iter_documents(conn))


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
    labels = [r[0] for r in conn.execute("SELECT value FROM mentions WHERE field = 'benefits'")]
    assert labels == ["safety_valve"]
    assert conn.execute("SELECT pipeline_version FROM documents").fetchone()[0] == "v2"
    assert store.is_current(conn, SHA, "v2") and not store.is_current(conn, SHA, "v1")


def test_every_single_field_has_its_row_even_when_nothing_was_found(stored):
    rows = dict(stored.execute("SELECT field, value FROM values_effective WHERE sha256 = ?", (SHA,)).fetchall())
    assert set(rows) == {f.name for f in registry().of_kind("single")}
    assert rows["sentence_months"] is None and rows["custody"] == "extradited"


def test_failure_never_overwrites_a_stored_document(stored):
    failed = DocumentRecord(
        sha256=SHA,
        file="aaaa.pdf",
        path="/in/aaaa.pdf",
        kind="pdf",
        pipeline_version="v2",
        status="failed",
        error=Failure("ocr_failed", "engine crashed"),
    )
    store.write_document(stored, failed, None)
    doc = stored.execute("SELECT status, custody FROM documents_effective").fetchone()
    assert tuple(doc) == ("done", "extradited")
    assert stored.execute("SELECT reason, message FROM failures").fetchone()[:] == ("ocr_failed", "engine crashed")


@pytest.mark.parametrize(
    ("correction", "query", "expected"),
    [
        (
            Correction(SHA, "custody", "set", "Surrendered"),
            "SELECT custody FROM documents_effective",
            "surrendered",
        ),
        (
            Correction(SHA, "sentence_months", "set", "46 months"),
            "SELECT sentence_months FROM documents_effective",
            46,
        ),
        (
            Correction(SHA, "sentence_months", "set", "life"),
            "SELECT sentence_months FROM documents_effective",
            "life",
        ),
        (
            Correction(SHA, "public_official", "set", "yes"),
            "SELECT public_official FROM documents_effective",
            1,
        ),
        (
            Correction(SHA, "court_id", "set", "NYSD"),
            "SELECT court FROM documents_effective",
            "United States District Court for the Southern District of New York",
        ),
        (
            Correction(SHA, "benefits", "reject", item_key=mention_key("dismiss_counts", 1, 100)),
            "SELECT COUNT(*) FROM mentions_effective WHERE field = 'benefits'",
            0,
        ),
        (
            Correction(SHA, "benefits", "add", "safety_valve"),
            "SELECT COUNT(*) FROM mentions_effective WHERE field = 'benefits'",
            2,
        ),
        (
            Correction(SHA, "statutes_cited", "set", "21 usc 960", item_key=charge_key("1", "21 U.S.C. § 952")),
            "SELECT statute FROM charges_effective",
            "21 U.S.C. § 960",
        ),
        (
            Correction(SHA, "defendants", "reject", item_key="Juan Perez-Lopez"),
            "SELECT COUNT(*) FROM defendants_effective",
            0,
        ),
        (
            Correction(SHA, "counts", "reject", item_key="1"),
            "SELECT COUNT(*) FROM counts_effective",
            0,
        ),
    ],
    ids=[
        "set-label",
        "set-months",
        "set-life",
        "set-bool",
        "set-court-renames-it",
        "reject-mention",
        "add-mention",
        "edit-charge",
        "reject-defendant",
        "reject-count",
    ],
)
def test_corrections_apply_and_survive_reprocessing(stored, correction, query, expected):
    add_correction(stored, correction)
    assert stored.execute(query).fetchone()[0] == expected
    store.write_document(stored, record(version="v2"), None)  # re-processing
    assert stored.execute(query).fetchone()[0] == expected
    assert stored.execute("SELECT COUNT(*) FROM corrections").fetchone()[0] == 1


def test_the_latest_decision_on_an_item_counts(stored):
    key = mention_key("dismiss_counts", 1, 100)
    add_correction(stored, Correction(SHA, "benefits", "reject", item_key=key))
    add_correction(stored, Correction(SHA, "benefits", "accept", item_key=key))
    assert exported(stored)["benefits"] == ["dismiss_counts"]


@pytest.mark.parametrize(
    ("correction", "message"),
    [
        (Correction("b" * 64, "custody", "set", "surrendered"), "process the file first"),
        (Correction(SHA, "colour", "set", "x"), "there is no field 'colour'"),
        (Correction(SHA, "custody", "set", "banana"), "'banana' is not one of extradited"),
        (Correction(SHA, "custody", "add", "extradited"), "custody takes accept, reject, set, not 'add'"),
        (Correction(SHA, "custody", "set", "surrendered", item_key="x"), "give no --key"),
        (Correction(SHA, "plea", "set"), "a value is needed"),
        (Correction(SHA, "sentence_months", "set", "-5 years"), "a whole number of months, 'life' or 'time served'"),
        (Correction(SHA, "public_official", "set", "maybe"), "not true or false"),
        (Correction(SHA, "court_id", "set", "gotham"), "not a courts-db court id"),
        (Correction(SHA, "case_number", "set", "next tuesday"), "is not a case number"),
        (Correction(SHA, "benefits", "add", "not_a_benefit"), "'not_a_benefit' is not one of"),
        (Correction(SHA, "benefits", "reject"), "needs the item's --key; its keys are 'dismiss_counts@1:100'"),
        (Correction(SHA, "benefits", "reject", item_key="safety_valve@9:9"), "no benefits item has the key"),
        (Correction(SHA, "victims", "reject", item_key="minor@1:1"), "the machine found none"),
        (Correction(SHA, "defendants", "reject", item_key="Nobody"), "no defendants item has the key 'Nobody'"),
        (Correction(SHA, "statutes_cited", "add", "U.S.S.G. § 2D1.1"), "not a U.S.C. citation"),
        (Correction(SHA, "statutes_cited", "add", "21 U.S.C. § 846", item_key="count one"), "not a count label"),
        (Correction(SHA, "aliases", "add", "El Flaco"), "correct its defendant instead"),
        (Correction(SHA, "benefits", "explode", "x"), "unknown action"),
    ],
)
def test_bad_corrections_are_refused_with_a_reason(stored, correction, message):
    with pytest.raises(CorrectionError, match=re.escape(message)):
        add_correction(stored, correction)
    assert stored.execute("SELECT COUNT(*) FROM corrections").fetchone()[0] == 0


def test_item_keys_are_the_same_in_python_and_sql(stored):
    """The views key items with SQL, `correct` and `show` with Python (casedata/keys.py): they must agree."""
    tables = {"mentions": "mentions", "defendants": "defendants", "counts": "counts", "statutes": "charges"}
    for f in registry():
        if f.kind not in SQL_KEYS:
            continue
        sql = SQL_KEYS[f.kind].format(t="t")
        where = " AND field = ? AND chosen = 0" if f.kind == MENTIONS else ""
        params = (SHA, f.name) if f.kind == MENTIONS else (SHA,)
        rows = stored.execute(f"SELECT {sql} FROM {tables[f.kind]} t WHERE sha256 = ?{where} ORDER BY id", params)
        assert list(dict.fromkeys(r[0] for r in rows)) == item_keys(stored, SHA, f), f.name


def test_a_rejected_charge_leaves_its_count_and_the_statutes(stored):
    add_correction(stored, Correction(SHA, "statutes_cited", "reject", item_key=charge_key("1", "21 U.S.C. § 952")))
    obj = exported(stored)
    assert obj["counts"] == [{"count": "1", "statutes": [], "description": "Importation of cocaine"}]
    assert obj["statutes_cited"] == []


def test_a_rejected_count_takes_its_statutes_along(stored):
    add_correction(stored, Correction(SHA, "counts", "reject", item_key="1"))
    obj = exported(stored)
    assert (obj["counts"], obj["statutes_cited"]) == ([], [])


def test_an_added_statute_joins_its_count(stored):
    add_correction(stored, Correction(SHA, "statutes_cited", "add", "21 U.S.C. § 963", item_key="1"))
    obj = exported(stored)
    assert obj["counts"][0]["statutes"] == ["21 U.S.C. § 952", "21 U.S.C. § 963"]


def test_cases_roll_up_documents_of_one_case(conn):
    store.write_document(conn, record(sha="a" * 64, doc_type="indictment", custody="unknown"), None)
    store.write_document(conn, record(sha="b" * 64, case="19-cr-01234", doc_type="judgment", sentence=120), None)
    rows = conn.execute("SELECT * FROM cases").fetchall()
    assert len(rows) == 1
    case = rows[0]
    assert case["case_key"] == case_key("casd", "19-cr-01234", "")
    assert (case["n_documents"], case["custody"], case["sentence_months"]) == (2, "extradited", 120)
    assert json.loads(case["benefits"]) == ["dismiss_counts"]
    assert json.loads(case["doc_type"]) == ["indictment", "judgment"]
    assert json.loads(case["charge_categories"]) == ["drug_trafficking"]


def test_correcting_a_case_number_moves_the_document_between_cases(conn):
    store.write_document(conn, record(sha="a" * 64), None)
    store.write_document(conn, record(sha="b" * 64), None)
    add_correction(conn, Correction("b" * 64, "case_number", "set", "3:20-cr-00001"))
    keys = sorted(r[0] for r in conn.execute("SELECT case_key FROM cases"))
    assert keys == ["casd|19-cr-01234", "casd|20-cr-00001"]


def test_a_write_rebuilds_only_the_cases_it_touches(conn):
    """Regression: every write used to rebuild every case from every document (O(N²) over a batch)."""
    store.write_document(conn, record(sha="a" * 64), None)
    store.write_document(conn, record(sha="b" * 64, case="3:20-cr-00002"), None)
    with conn:
        conn.execute("UPDATE cases SET n_documents = 99 WHERE case_key = 'casd|20-cr-00002'")
    store.write_document(conn, record(sha="c" * 64), None)
    n = dict(conn.execute("SELECT case_key, n_documents FROM cases").fetchall())
    assert n == {"casd|19-cr-01234": 2, "casd|20-cr-00002": 99}


def test_export_jsonl_has_exactly_the_contract_keys(conn):
    store.write_document(conn, record(sentence=60), None)
    buf = io.StringIO()
    assert write_jsonl(conn, buf) == 1
    obj = json.loads(buf.getvalue())
    assert tuple(obj) == export_keys()
    assert obj["counts"] == [{"count": "1", "statutes": ["21 U.S.C. § 952"], "description": "Importation of cocaine"}]
    assert obj["drugs"] == [{"drug": "cocaine", "quantity": "5 kilograms"}]
    assert obj["violent_crime_mentions"][0]["label"] == "kidnapping"
    assert obj["violent_crime_mentions"][0]["charged"] is False
    assert (obj["sentence_months"], obj["public_official"], obj["benefits"]) == (60, False, ["dismiss_counts"])
    assert obj["court"] == "Southern District of California"


def test_a_count_without_a_statute_is_still_exported(conn):
    """Regression: verdict forms and transcripts name counts without citing a statute."""
    rec = record()
    rec.counts.append(Count("2", (), "Kidnapping", ev(start=80, end=90)))
    store.write_document(conn, rec, None)
    obj = exported(conn)
    assert [c["count"] for c in obj["counts"]] == ["1", "2"]
    assert obj["counts"][1] == {"count": "2", "statutes": [], "description": "Kidnapping"}


def test_export_csv_one_row_per_document(conn):
    store.write_document(conn, record(), None)
    store.write_document(conn, record(sha="c" * 64, case="3:20-cr-00002"), None)
    buf = io.StringIO()
    assert write_csv(conn, buf) == 2
    lines = buf.getvalue().splitlines()
    assert lines[0].split(",") == list(export_keys())
    assert "cocaine (5 kilograms)" in lines[1] and "1: 21 U.S.C. § 952" in lines[1]


def test_csv_cells_are_never_run_as_formulas_nor_carry_control_sequences(conn):
    """Regression: file names and aliases read from documents went to CSV unchanged."""
    rec = record()
    rec.file = "=HYPERLINK(evil).pdf"
    rec.defendants = [Defendant("-Juan Perez", ("@SUM(A1)", "+1 El Gordo"), ev())]
    rec.values["case_number"] = Value("case_number", "3:19-cr-01234\x1b[31m", ev())
    store.write_document(conn, rec, None)
    row = next(csv.DictReader(io.StringIO(_csv(conn))))
    assert row["file"] == "'=HYPERLINK(evil).pdf"
    assert row["defendants"] == "'-Juan Perez" and row["aliases"] == "'@SUM(A1); +1 El Gordo"
    assert row["case_number"] == "3:19-cr-01234"


def _csv(conn) -> str:
    buf = io.StringIO()
    write_csv(conn, buf)
    return buf.getvalue()


def test_stats_shares(conn):
    store.write_document(conn, record(sha="a" * 64, custody="extradited"), None)
    store.write_document(conn, record(sha="b" * 64, case="3:20-cr-00002", custody="arrested_us"), None)
    tables = {t.title: t for t in summary(conn, "case")}
    custody = dict(tables["Cases by custody route"].rows)
    assert custody == {"extradited": 1, "arrested_us": 1}
    benefit_rows = dict(tables["Cases who pleaded guilty, with each sentencing benefit"].rows)
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
        "counts",
        "mentions",
        "cases",
        "corrections",
        "runs",
    } <= tables


def test_a_second_connection_in_a_process_never_loses_the_first_ones_writes(tmp_path):
    """Regression: connect() read the file's header with open()/close(), which drops every POSIX lock this
    process's SQLite connections hold on it; another process closing its connection then believed it was the
    last, checkpointed and deleted the WAL, and later commits of the first connection went to a deleted file."""
    import subprocess
    import sys

    path = tmp_path / "locks.sqlite"
    first = connect(path)
    store.write_document(first, record(), None)
    connect(path).close()  # a second connection of this process, as each server thread opens one
    other = "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.execute('SELECT 1 FROM documents'); c.close()"
    subprocess.run([sys.executable, "-c", other, str(path)], check=True)
    add_correction(first, Correction(SHA, "custody", "set", "surrendered"))
    count = "import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute('SELECT COUNT(*) FROM corrections')"
    count += ".fetchone()[0])"
    seen = subprocess.run([sys.executable, "-c", count, str(path)], check=True, capture_output=True, text=True)
    assert seen.stdout.strip() == "1"
    first.close()

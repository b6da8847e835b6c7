"""Real Prefect flow runs: the sample corpus, re-runs, bad input and an injected OCR crash."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from tests import factories

SAMPLE = Path(__file__).resolve().parents[1] / "corpus" / "sample"

pytestmark = [pytest.mark.flow, pytest.mark.xdist_group("prefect")]


def run(paths, db, **kw):
    from expediente.corpus.discover import discover
    from expediente.flows.batch import process_batch

    found, rejected = discover([str(p) for p in paths])
    return process_batch(found, str(db), rejected=rejected, **kw)


@pytest.fixture(scope="module")
def sample_db(prefect, tmp_path_factory):
    db = tmp_path_factory.mktemp("sample") / "sample.sqlite"
    summary = run([SAMPLE / "docs"], db)
    return db, summary


def truth() -> dict[str, dict]:
    rows = [json.loads(line) for line in (SAMPLE / "truth.jsonl").read_text().splitlines() if line.strip()]
    return {r["file"]: r for r in rows}


def test_sample_corpus_every_file_is_stored(sample_db):
    db, summary = sample_db
    assert not summary.failed, summary.failed
    conn = sqlite3.connect(db)
    files = {r[0] for r in conn.execute("SELECT file FROM documents WHERE status = 'done'")}
    assert files == set(truth())
    methods = {r[0] for r in conn.execute("SELECT DISTINCT method FROM pages")}
    assert {"text", "ocr", "plain", "html"} <= methods


def test_sample_corpus_fields_match_truth(sample_db):
    """A floor on the flow's output against the generator's truth (the evaluation command gives the details)."""
    from expediente.casedata.db import connect
    from expediente.casedata.export import iter_documents

    db, _ = sample_db
    expected = truth()
    got = {obj["file"]: obj for obj in iter_documents(connect(db))}
    fields = ("doc_type", "court_id", "custody", "plea")
    hits = {f: sum(got[name][f] == row[f] for name, row in expected.items()) for f in fields}
    for f in fields:
        assert hits[f] / len(expected) >= 0.75, (f, hits[f], len(expected))
    cited = sum(
        bool(set(row["statutes_cited"]) & set(got[name]["statutes_cited"]))
        for name, row in expected.items()
        if row["statutes_cited"]
    )
    assert cited / sum(1 for row in expected.values() if row["statutes_cited"]) >= 0.8


def test_every_evidence_span_points_at_its_page_text(sample_db):
    """Offsets survive cleaning: the stored text is exactly the page's original characters at those offsets."""
    from expediente.corpus.reader import read_document

    db, _ = sample_db
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    for doc in conn.execute("SELECT sha256, path FROM documents WHERE kind IN ('text', 'html', 'pdf')"):
        document = read_document(doc["path"])
        if any(p.method == "ocr" for p in document.pages):
            continue  # OCR output is checked by the OCR tests; re-running it here only costs time
        pages = {p.number: p.text for p in document.pages}
        rows = conn.execute(
            'SELECT page, start, "end", text FROM mentions WHERE sha256 = ? AND page IS NOT NULL '
            'UNION ALL SELECT page, start, "end", text FROM charges WHERE sha256 = ? AND page IS NOT NULL',
            (doc["sha256"], doc["sha256"]),
        ).fetchall()
        assert rows
        for r in rows:
            assert pages[r["page"]][r["start"] : r["end"]] == r["text"]


def test_second_run_skips_everything(sample_db):
    db, _ = sample_db
    summary = run([SAMPLE / "docs"], db)
    assert (len(summary.done), len(summary.failed)) == (0, 0)
    assert len(summary.skipped) == len(truth())


def test_same_bytes_under_two_names_is_one_document(prefect, tmp_path):
    src = SAMPLE / "docs" / "txsd_19cr738_indictment_hostage_taking.txt"
    for name in ("a.txt", "b.txt"):
        shutil.copy(src, tmp_path / name)
    summary = run([tmp_path], tmp_path / "two.sqlite")
    assert (len(summary.done), len(summary.skipped)) == (1, 1)
    conn = sqlite3.connect(tmp_path / "two.sqlite")
    assert conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0] == 1
    assert conn.execute("SELECT COUNT(*) FROM document_files").fetchone()[0] == 2


BAD_INPUTS = [
    ("corrupt.pdf", lambda p: p.write_bytes(b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nbroken")),
    ("truncated.pdf", lambda p: p.write_bytes(factories.born_digital_pdf(p, [["COUNT ONE"]]).read_bytes()[:300])),
    ("encrypted.pdf", lambda p: factories.encrypted_pdf(p, "secret")),
    ("empty.pdf", lambda p: p.write_bytes(b"")),
    ("zero_pages.pdf", factories.zero_page_pdf),
    ("zero_pages_stray.pdf", factories.stray_page_pdf),
    ("notes.pdf", lambda p: p.write_text("UNITED STATES v. SOMEONE\nThis is plain text named like a PDF.\n")),
    ("blank.txt", lambda p: p.write_text("   \n\n  ")),
]


def test_bad_input_is_recorded_and_the_batch_goes_on(prefect, tmp_path):
    db = tmp_path / "bad.sqlite"
    good = SAMPLE / "docs" / "txsd_19cr738_indictment_hostage_taking.txt"
    run([good], db)
    conn = sqlite3.connect(db)
    snapshot = ("SELECT * FROM documents WHERE status = 'done'", "SELECT * FROM charges", "SELECT * FROM mentions")
    before = [conn.execute(q).fetchall() for q in snapshot]

    bad_dir = tmp_path / "bad"
    bad_dir.mkdir()
    for name, make in BAD_INPUTS:
        make(bad_dir / name)
    summary = run([bad_dir, good], db, force=False)
    failed = dict(summary.failed)
    reasons = {Path(p).name: e.reason for p, e in failed.items()}
    assert reasons == {
        "corrupt.pdf": "corrupt",
        "truncated.pdf": "corrupt",
        "encrypted.pdf": "encrypted",
        "empty.pdf": "empty",
        "zero_pages.pdf": "empty",
        "zero_pages_stray.pdf": "empty",
        "notes.pdf": "mislabelled",
        "blank.txt": "empty",
    }
    assert summary.skipped == [str(good)]
    stored = conn.execute("SELECT file, status, error_reason, error FROM documents WHERE status = 'failed'").fetchall()
    assert {r[0] for r in stored} == {Path(p).name for p in failed}
    assert all(r[3] for r in stored)  # every failure carries its message
    notes = conn.execute("SELECT error FROM documents WHERE file = 'notes.pdf'").fetchone()
    assert "named .pdf but contains plain text" in notes[0]
    assert [conn.execute(q).fetchall() for q in snapshot] == before  # nothing already stored changed


class CrashingEngine:
    calls = 0

    def ocr(self, image_path):
        CrashingEngine.calls += 1
        from expediente.corpus.errors import OcrError

        raise OcrError("tesseract crashed (injected)")


def test_ocr_engine_crash_is_retried_then_recorded(prefect, tmp_path, monkeypatch):
    """An injected crashing OCR engine: retried, then a failed document with its reason; the batch goes on."""
    from expediente.corpus import reader

    CrashingEngine.calls = 0
    monkeypatch.setattr(reader, "get_engine", lambda: CrashingEngine())
    monkeypatch.setenv("EXPEDIENTE_RETRY_DELAY_S", "0")
    folder = tmp_path / "in"
    folder.mkdir()
    factories.scanned_pdf(folder / "scan.pdf", [["UNITED STATES DISTRICT COURT", "INDICTMENT"]])
    (folder / "ok.txt").write_text("UNITED STATES DISTRICT COURT\nINDICTMENT\nCOUNT ONE\n21 U.S.C. 846\n")
    summary = run([folder], tmp_path / "crash.sqlite")
    assert [Path(p).name for p in summary.done] == ["ok.txt"]
    assert [(Path(p).name, e.reason) for p, e in summary.failed] == [("scan.pdf", "ocr_failed")]
    conn = sqlite3.connect(tmp_path / "crash.sqlite")
    row = conn.execute("SELECT status, error_reason, error FROM documents WHERE file = 'scan.pdf'").fetchone()
    assert row[:2] == ("failed", "ocr_failed") and "injected" in row[2]
    from expediente.flows.settings import FLOW_SETTINGS

    assert CrashingEngine.calls == 1 + FLOW_SETTINGS.ocr_retries  # one page, tried once and retried


def test_the_documents_of_a_parcel_fail_alone(tmp_path, monkeypatch):
    """One parcel (one task): a scan whose OCR engine crashes is retried alone, a text whose extraction raises fails
    with the error's type, and the good text between them is done."""
    import dataclasses

    from expediente.corpus import reader
    from expediente.corpus.discover import inspect
    from expediente.extractors import pipeline
    from expediente.flows import tasks

    CrashingEngine.calls = 0
    monkeypatch.setattr(reader, "get_engine", lambda: CrashingEngine())
    monkeypatch.setattr(tasks, "FLOW_SETTINGS", dataclasses.replace(tasks.FLOW_SETTINGS, retry_delay_s=0))
    factories.scanned_pdf(tmp_path / "scan.pdf", [["UNITED STATES DISTRICT COURT", "INDICTMENT"]])
    for name in ("good.txt", "bug.txt"):
        (tmp_path / name).write_text(f"UNITED STATES DISTRICT COURT\nINDICTMENT ({name})\nCOUNT ONE\n21 U.S.C. 846\n")
    parcel = [inspect(tmp_path / name) for name in ("scan.pdf", "good.txt", "bug.txt")]

    def extract(document):
        if document.file_name == "bug.txt":
            raise KeyError("injected")
        return real_extract(document)

    real_extract = pipeline.extract
    monkeypatch.setattr(pipeline, "extract", extract)
    records = tasks.read_parcel(parcel)
    assert [(r.file, r.status, r.error and r.error.reason) for r in records] == [
        ("scan.pdf", "failed", "ocr_failed"),
        ("good.txt", "done", None),
        ("bug.txt", "failed", "extract_error"),
    ]
    assert "KeyError" in records[2].error.message
    assert CrashingEngine.calls == 1 + tasks.FLOW_SETTINGS.ocr_retries  # only the scan was tried again


@pytest.mark.parametrize("command", [["show", "--json"], ["stats", "--json"], ["export", "--format", "csv"]])
def test_read_only_commands_on_the_processed_sample(sample_db, command, capsys):
    from expediente.flows.cli import main

    db, _ = sample_db
    name = "casd_19cr2871_judgment_quinones.pdf"
    args = [command[0], *([name] if command[0] == "show" else []), *command[1:], "--db", str(db)]
    assert main(args) == 0
    out = capsys.readouterr().out
    if command[0] == "show":
        shown = json.loads(out)
        assert shown["file"] == name and shown["status"] == "done"
        counts = shown["evidence"]["items"]["counts"]
        assert counts and all(c["page"] and c["key"] == c["label"] for c in counts)
        assert shown["sentence_months"] == truth()[name]["sentence_months"]
    elif command[0] == "stats":
        assert {t["title"] for t in json.loads(out)} >= {"Defendants by custody route", "Defendants by plea status"}
    else:
        assert len(out.strip().splitlines()) == 1 + len(truth())


def test_keys_printed_by_show_are_taken_by_correct(sample_db, tmp_path, capsys):
    """`show --json` prints each item's ready-made key; `correct` takes it, and refuses one that matches nothing."""
    import sqlite3

    from expediente.flows.cli import main

    db = tmp_path / "copy.sqlite"
    with sqlite3.connect(sample_db[0]) as src, sqlite3.connect(db) as dst:
        src.backup(dst)
    name = "casd_19cr2871_plea_agreement_quinones.pdf"
    assert main(["show", name, "--json", "--db", str(db)]) == 0
    benefit = json.loads(capsys.readouterr().out)["evidence"]["items"]["benefits"][0]
    args = ["correct", name, "benefits", "reject", "--db", str(db)]
    assert main([*args, "--key", benefit["key"]]) == 0
    assert main([*args, "--key", benefit["key"] + "0"]) != 0
    assert "no benefits item has the key" in capsys.readouterr().err
    assert main(["show", name, "--json", "--db", str(db)]) == 0
    keys = [b["key"] for b in json.loads(capsys.readouterr().out)["evidence"]["items"]["benefits"]]
    assert benefit["key"] not in keys


def test_show_names_an_unknown_file_clearly(sample_db, capsys):
    from expediente.flows.cli import main

    db, _ = sample_db
    assert main(["show", "no-such-filing.pdf", "--db", str(db)]) != 0
    assert "no processed document matches" in capsys.readouterr().err


def test_a_new_model_artifact_makes_process_re_extract(prefect, tmp_path, monkeypatch):
    """The pipeline version covers the model artifacts in use: after a training, documents are re-extracted,
    not skipped (Prefect's cache used to hand back records made by the old models)."""
    from expediente.extractors.version import pipeline_version
    from expediente.models import datasets, doctype, training
    from tests.test_models import PAGE_TEXTS, _doc

    monkeypatch.setenv("EXPEDIENTE_DATA_DIR", str(tmp_path / "data"))
    db, folder = tmp_path / "ds.sqlite", tmp_path / "in"
    folder.mkdir()
    shutil.copy(SAMPLE / "docs" / "txsd_19cr738_indictment_hostage_taking.txt", folder)
    shipped = pipeline_version()
    assert run([folder], db).done and run([folder], db).skipped

    docs = [_doc(f"{label}_{k}.txt", label, k) for k in range(4) for label in PAGE_TEXTS]
    training.save("doctype", doctype.train(datasets.doctype_examples(docs)), "retrained", None, {})
    assert (tmp_path / "data" / "models" / "latest.json").is_file()  # the user's data directory, not the package
    retrained = pipeline_version()
    assert retrained != shipped
    second = run([folder], db)
    assert second.done and not second.skipped
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT DISTINCT pipeline_version FROM documents").fetchall() == [(retrained,)]

    shutil.rmtree(tmp_path / "data")  # back to the shipped artifacts: back to the shipped version
    assert pipeline_version() == shipped


def test_prefect_keeps_no_results_and_datasets_never_share_them(prefect, tmp_path):
    """Regression: Prefect's result cache (cloudpickle files shared by every dataset on the machine) reported a
    zero-byte PDF under another file's name. The dataset is the only cache now."""
    import os

    for name in ("a", "b"):
        folder = tmp_path / f"in_{name}"
        folder.mkdir()
        (folder / f"empty_{name}.pdf").write_bytes(b"")
        factories.born_digital_pdf(folder / f"good_{name}.pdf", [factories.BODY])
        summary = run([folder], tmp_path / f"{name}.sqlite")
        assert [Path(path).name for path, _ in summary.failed] == [f"empty_{name}.pdf"]
        conn = sqlite3.connect(tmp_path / f"{name}.sqlite")
        paths = {Path(p).name for (p,) in conn.execute("SELECT path FROM failures")}
        paths |= {Path(p).name for (p,) in conn.execute("SELECT path FROM documents")}
        assert paths == {f"empty_{name}.pdf", f"good_{name}.pdf"}
    storage = Path(os.environ["PREFECT_HOME"]) / "storage"
    assert not storage.exists() or not any(storage.rglob("*"))

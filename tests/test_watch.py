"""`expediente watch DIR`, the inbox: files taken once they hold still, once each, failures reported once, restarts
re-doing nothing, SIGTERM and SIGINT stopping it with exit code 0.

The rule that keeps a half-written file out is tested poll by poll on real files (:class:`Inbox`, no clock);
the command runs as real `expediente watch` processes on a real folder and SQLite dataset, with files dropped
while it runs. Nothing here asserts a duration: every wait polls the dataset or the log up to a generous deadline.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from expediente.casedata import store
from expediente.casedata.db import connect
from expediente.corpus.errors import ExitCode, Failure
from expediente.extractors.records import DocumentRecord
from expediente.flows.cli import main
from expediente.flows.watch import Inbox

SAMPLE_DOCS = Path(__file__).resolve().parents[1] / "corpus" / "sample" / "docs"
SAMPLE_TEXT = SAMPLE_DOCS / "txsd_19cr738_indictment_hostage_taking.txt"
SAMPLE_HTML = SAMPLE_DOCS / "azd_20cr914_docket.html"
CORRUPT_PDF = b"%PDF-1.7 garbage"
DEADLINE_S = 600  # a loaded 2-core machine; the waits end as soon as their condition holds


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# --- the inbox's rule, poll by poll ------------------------------------------------------------------------------


def test_a_file_is_taken_only_once_it_held_still_for_a_whole_poll(tmp_path):
    inbox = Inbox(tmp_path)
    slow = tmp_path / "slow.txt"
    with open(slow, "wb") as fh:
        fh.write(b"UNITED STATES DISTRICT COURT\n")
        fh.flush()
        assert inbox.poll() == ([], [])  # first seen, half written
        fh.write(b"UNITED STATES v. JUAN PEREZ\nINDICTMENT\n")
    assert inbox.poll() == ([], [])  # it changed since the last poll
    assert inbox.pending()
    assert inbox.poll() == ([str(slow)], [])  # unchanged for one poll: ready
    inbox.take(str(slow))
    assert not inbox.pending()
    assert inbox.poll() == ([], [])  # taken with this stat: not looked at again
    slow.write_bytes(b"UNITED STATES v. MARIA LOPEZ\nINFORMATION\n")  # replaced in place
    assert inbox.poll() == ([], [])
    assert inbox.poll() == ([str(slow)], [])


@pytest.mark.parametrize(
    "relative, watched",
    [
        ("filing.pdf", True),
        ("2026/12/filing.pdf", True),
        (".filing.pdf.part", False),  # hidden, as rsync's and many copiers' temporary files are
        (".git/objects/filing.pdf", False),
        ("__pycache__/filing.pdf", False),
        ("node_modules/filing.pdf", False),
    ],
)
def test_the_inbox_walks_a_folder_as_process_does(tmp_path, relative, watched):
    path = tmp_path / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(CORRUPT_PDF)
    inbox = Inbox(tmp_path)
    inbox.poll()
    assert inbox.poll()[0] == ([str(path)] if watched else [])


def test_a_file_gone_and_back_is_taken_again(tmp_path):
    inbox = Inbox(tmp_path)
    path = tmp_path / "filing.txt"
    path.write_bytes(b"INDICTMENT\n")
    inbox.poll()
    inbox.take(inbox.poll()[0][0])
    saved = path.read_bytes()
    path.unlink()
    assert inbox.poll() == ([], [])
    path.write_bytes(saved)
    inbox.poll()
    assert inbox.poll()[0] == [str(path)]


@pytest.mark.skipif(os.geteuid() == 0, reason="root lists any folder")
def test_a_folder_that_cannot_be_listed_is_reported_once(tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0)
    try:
        inbox = Inbox(tmp_path)
        ready, problems = inbox.poll()
        assert [(p, f.reason) for p, f in problems] == [(str(locked), "unreadable")]
        assert inbox.poll() == ([], [])
    finally:
        locked.chmod(0o755)


@pytest.mark.parametrize(
    "status, version, settled",
    [
        ("done", "v2", True),
        ("failed", "v2", True),  # a failure under this version is final for watch (process retries it)
        ("done", "v1", False),  # extracted by another version: to do again
        ("failed", "v1", False),
    ],
)
def test_settled_documents_are_those_this_version_finished_with(tmp_path, status, version, settled):
    conn = connect(tmp_path / "cases.sqlite")
    record = DocumentRecord(
        sha256="a" * 64,
        file="x.pdf",
        path="/in/x.pdf",
        kind="pdf",
        pipeline_version=version,
        status=status,
        error=Failure("corrupt", "damaged") if status == "failed" else None,
    )
    store.write_document(conn, record, None)
    assert store.settled(conn, ["a" * 64, "b" * 64], "v2") == ({"a" * 64} if settled else set())
    assert store.is_current(conn, "a" * 64, "v2") == (settled and status == "done")


# --- the command ------------------------------------------------------------------------------------------------


def hermetic_env(tmp_path: Path) -> dict[str, str]:
    """This machine's environment without its Prefect settings, and a Prefect home of the test's own."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    return env | {"PREFECT_HOME": str(tmp_path / "prefect-home")}


class Watch:
    """A real `expediente watch` process, its standard error and output in a log file."""

    def __init__(self, tmp_path: Path, inbox: Path, db: Path, log: str, *extra: str) -> None:
        self.log = tmp_path / log
        command = [sys.executable, "-m", "expediente.flows.cli", "watch", str(inbox), "--db", str(db), *extra]
        with open(self.log, "wb") as out:
            self.proc = subprocess.Popen(command, env=hermetic_env(tmp_path), stdout=out, stderr=subprocess.STDOUT)
        self.wait_for(lambda: "watching" in self.text())

    def text(self) -> str:
        return self.log.read_text(encoding="utf-8")

    def wait_for(self, condition, what: str = "") -> None:
        deadline = time.monotonic() + DEADLINE_S
        while not condition():
            assert self.proc.poll() is None, f"watch ended ({self.proc.returncode}) {what}:\n{self.text()}"
            assert time.monotonic() < deadline, f"gave up waiting {what}:\n{self.text()}"
            time.sleep(0.2)

    def stop(self, signum: int) -> int:
        self.proc.send_signal(signum)
        return self.proc.wait(timeout=DEADLINE_S)


def rows(db: Path, sql: str) -> list[tuple]:
    conn = sqlite3.connect(db.resolve().as_uri() + "?mode=ro", uri=True, timeout=30)
    try:
        return conn.execute(sql).fetchall()
    except sqlite3.OperationalError:  # the first write has not created the tables yet
        return []
    finally:
        conn.close()


def batches_finished(watch: Watch, db: Path, since: int = 0) -> bool:
    """Every run after ``since`` is finished and its line is in the watcher's log (it is back between polls)."""
    runs = rows(db, f"SELECT id, finished_at FROM runs WHERE id > {since}")
    return all(done for _, done in runs) and all(f"(run {run_id})" in watch.text() for run_id, _ in runs)


def documents(db: Path) -> dict[str, tuple]:
    return {r[0]: r[1:] for r in rows(db, "SELECT sha256, status, run_id, processed_at, path FROM documents")}


@pytest.mark.flow
@pytest.mark.xdist_group("prefect")
def test_watch_processes_files_as_they_land_once_each_and_a_restart_redoes_nothing(tmp_path):
    inbox, db = tmp_path / "inbox", tmp_path / "cases.sqlite"
    (inbox / "2026").mkdir(parents=True)
    text = SAMPLE_TEXT.read_bytes()
    slow = text.replace(b"INDICTMENT", b"SUPERSEDING INDICTMENT", 1)
    parts = [slow[i : i + len(slow) // 5 + 1] for i in range(0, len(slow), len(slow) // 5 + 1)]

    first = Watch(tmp_path, inbox, db, "first.log", "--interval", "1")
    shutil.copy(SAMPLE_TEXT, inbox / "indictment.txt")
    (inbox / "2026" / "broken.pdf").write_bytes(CORRUPT_PDF)
    with open(inbox / "slow.txt", "wb") as fh:  # written in parts, each well within one interval of the last
        for part in parts:
            fh.write(part)
            fh.flush()
            time.sleep(0.2)
    expected = {sha(text): "done", sha(slow): "done", sha(CORRUPT_PDF): "failed"}
    first.wait_for(
        lambda: set(documents(db)) >= set(expected) and batches_finished(first, db), "for the three documents"
    )
    assert {k: v[0] for k, v in documents(db).items()} == expected  # nothing read half-written
    assert rows(db, "SELECT reason, path FROM failures") == [("corrupt", str(inbox / "2026" / "broken.pdf"))]
    done, failed = rows(db, "SELECT sum(n_done), sum(n_failed) FROM runs")[0]
    assert (done, failed) == (2, 1)  # each document read once
    broken = inbox / "2026" / "broken.pdf"
    assert first.text().count(f"failed {inbox}") == 1 and f"failed {broken}: corrupt" in first.text()
    assert first.stop(signal.SIGTERM) == ExitCode.OK
    assert "stopped; this session: 2 done, 1 failed" in first.text()

    runs_before, documents_before = rows(db, "SELECT * FROM runs"), documents(db)
    second = Watch(tmp_path, inbox, db, "second.log", "--interval", "1")
    shutil.copy(SAMPLE_HTML, inbox / "2026" / "docket.html")
    arrived = sha(SAMPLE_HTML.read_bytes())
    second.wait_for(lambda: arrived in documents(db) and batches_finished(second, db, len(runs_before)), "for it")
    runs_after = rows(db, "SELECT * FROM runs")
    assert runs_after[: len(runs_before)] == runs_before
    assert [(r[5], r[6], r[7]) for r in runs_after[len(runs_before) :]] == [(1, 0, 0)]  # the new file, alone
    assert {k: v for k, v in documents(db).items() if k in documents_before} == documents_before
    assert rows(db, "SELECT count(*) FROM failures") == [(1,)] and f"failed {inbox}" not in second.text()
    assert second.stop(signal.SIGINT) == ExitCode.OK
    assert "stopped; this session: 1 done, 0 failed, 3 already in the dataset" in second.text()


def run_once(tmp_path: Path, inbox: Path, db: Path) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "expediente.flows.cli", "watch", str(inbox), "--db", str(db)]
    return subprocess.run(
        [*command, "--once", "--interval", "0.2"],
        env=hermetic_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=DEADLINE_S,
    )


def test_once_reports_new_failures_by_exit_code_once_and_never_starts_prefect(tmp_path):
    """Files no reader takes fail before any task: `--once` records and reports them (exit 11, all failed); the
    next `--once` finds them settled and exits 0; Prefect's local server never started (no prefect.db)."""
    inbox, db = tmp_path / "inbox", tmp_path / "cases.sqlite"
    inbox.mkdir()
    (inbox / "empty.pdf").write_bytes(b"")
    (inbox / "notes.md").write_text("# not a filing\n")
    done = run_once(tmp_path, inbox, db)
    assert done.returncode == ExitCode.ALL_DOCUMENTS_FAILED, done.stderr
    assert done.stderr.count(f"failed {inbox}") == 2 and "empty.pdf: empty" in done.stderr, done.stderr
    assert "Traceback" not in done.stderr
    again = run_once(tmp_path, inbox, db)
    assert again.returncode == ExitCode.OK, again.stderr
    assert f"failed {inbox}" not in again.stderr and "0 done, 0 failed, 2 already in the dataset" in again.stderr
    assert rows(db, "SELECT count(*) FROM runs") == [(1,)] and rows(db, "SELECT count(*) FROM failures") == [(2,)]
    assert not (tmp_path / "prefect-home" / "prefect.db").exists()


@pytest.mark.parametrize(
    "make, message",
    [
        (lambda p: None, "does not exist"),
        (lambda p: p.write_text("x"), "is not a folder"),
    ],
)
def test_watch_names_a_folder_it_cannot_watch(tmp_path, capsys, make, message):
    target = tmp_path / "inbox"
    make(target)
    assert main(["watch", str(target), "--once", "--db", str(tmp_path / "cases.sqlite")]) == ExitCode.INPUT_FILE
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err

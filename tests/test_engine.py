"""Where documents are read: one thread, local worker processes, a real Dask cluster; and clean stops.

Every run here is a real `expediente process` command: a real Prefect server (started and tied to the
command), real worker processes, real Tesseract, real SQLite. The stop tests signal a real run mid-batch.
"""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

from tests.conftest import SAMPLE_DOCS

pytestmark = [pytest.mark.flow, pytest.mark.xdist_group("engine")]

EXPEDIENTE = [sys.executable, "-m", "expediente.flows.cli"]
# a text, a docket, born-digital PDFs and a scan: every reading path, in a few seconds of work each
MIXED = (
    "txsd_19cr738_indictment_hostage_taking.txt",
    "azd_20cr914_docket.html",
    "casd_19cr2871_indictment.pdf",
    "casd_19cr2871_judgment_quinones.pdf",
    "ilnd_21cr455_plea_agreement_ochoa.pdf",
    "flsd_19cr20417_judgment_benitez.scanned.pdf",
)
RUN_FIELDS = ("run_id", "seconds", "processed_at", "path")  # what differs between two runs of one document


def _env(tmp_path: Path, **more: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_API")}
    env.update(PREFECT_HOME=str(tmp_path / "prefect-home"), EXPEDIENTE_WORKERS="2", **more)
    return env


def _folder(tmp_path: Path, names=MIXED, copies: int = 1) -> Path:
    """The sample documents named, ``copies`` times each (a copy gets one more byte: another document)."""
    folder = tmp_path / "in"
    folder.mkdir()
    for name in names:
        data = (SAMPLE_DOCS / name).read_bytes()
        for i in range(copies):
            (folder / f"{i}_{name}").write_bytes(data + b"\n" * i)
    return folder


def _process(tmp_path: Path, folder: Path, db: Path, *args: str, **env: str) -> subprocess.CompletedProcess:
    command = [*EXPEDIENTE, "process", str(folder), "--db", str(db), "--no-progress", *args]
    return subprocess.run(command, capture_output=True, text=True, env=_env(tmp_path, **env), timeout=600)


def _exported(db: Path) -> dict[str, dict]:
    from expediente.casedata.db import connect
    from expediente.casedata.export import iter_documents

    conn = connect(db, readonly=True)
    objects = {o["file"]: {k: v for k, v in o.items() if k not in RUN_FIELDS} for o in iter_documents(conn)}
    conn.close()
    return objects


@pytest.fixture(scope="module")
def one_thread(tmp_path_factory) -> dict[str, dict]:
    """The mixed folder processed in the command's own thread: what every engine must give."""
    tmp = tmp_path_factory.mktemp("one-thread")
    db = tmp / "one.sqlite"
    done = _process(tmp, _folder(tmp), db, "--workers", "1")
    assert done.returncode == 0, done.stderr
    return _exported(db)


@pytest.fixture
def dask_cluster(tmp_path):
    """A real Dask LocalCluster of two worker processes, started apart from the command, as a team's would be;
    its workers load nothing of ours in advance."""
    script = (
        "import sys, time\n"
        "from distributed import LocalCluster\n"
        "cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host='127.0.0.1',"
        " dashboard_address=None)\n"
        "print(cluster.scheduler_address, flush=True)\n"
        "sys.stdin.read()\n"  # until the test closes our standard input
    )
    cluster = subprocess.Popen(
        [sys.executable, "-c", script],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        cwd=tmp_path,
        env=_env(tmp_path),
    )
    address = cluster.stdout.readline().strip()
    assert address.startswith("tcp://"), "the Dask cluster did not start"
    yield address
    cluster.stdin.close()
    try:
        cluster.wait(timeout=30)
    except subprocess.TimeoutExpired:
        cluster.kill()


def test_worker_processes_store_what_one_thread_does(tmp_path, one_thread, tesseract):
    db = tmp_path / "workers.sqlite"
    done = _process(tmp_path, _folder(tmp_path), db, "--workers", "2")
    assert done.returncode == 0, done.stderr
    assert "on 2 worker processes" in " ".join(done.stderr.split()) and "Traceback" not in done.stderr
    assert _exported(db) == one_thread


def test_a_dask_cluster_stores_what_one_thread_does(tmp_path, one_thread, dask_cluster, tesseract):
    """Documents shipped as bytes (worker processes of a local cluster read from paths: the test above)."""
    db = tmp_path / "dask.sqlite"
    done = _process(tmp_path, _folder(tmp_path), db, "--dask-address", dask_cluster, "--ship", "bytes")
    assert done.returncode == 0, done.stderr
    assert f"on the Dask cluster at {dask_cluster}, documents sent by bytes" in " ".join(done.stderr.split())
    assert _exported(db) == one_thread


def test_a_worker_lost_mid_parcel_fails_only_its_document(tmp_path, tesseract):
    """Injected fault: a `tesseract` that kills the worker process running it. The scan's parcel is lost with its
    worker; its documents are tried again one by one, and only the scan fails, as `worker_lost`."""
    fake = tmp_path / "bin" / "tesseract"
    fake.parent.mkdir()
    fake.write_text(f'#!/bin/sh\ncase "$1" in --*) exec {tesseract} "$@";; esac\nkill -9 $PPID\n')
    fake.chmod(0o755)
    folder = _folder(tmp_path, names=MIXED[:1], copies=15)  # 16 documents on 2 workers: parcels of 2
    shutil.copy(SAMPLE_DOCS / MIXED[-1], folder / "scan.pdf")
    db = tmp_path / "lost.sqlite"
    done = _process(tmp_path, folder, db, "--workers", "2", PATH=f"{fake.parent}:{os.environ['PATH']}")
    assert done.returncode == 10, done.stderr
    assert "Traceback" not in done.stderr
    conn = sqlite3.connect(db)
    stored = conn.execute("SELECT file, status, error_reason FROM documents ORDER BY file").fetchall()
    texts = sorted((f"{i}_{MIXED[0]}", "done", None) for i in range(15))
    assert stored == [*texts, ("scan.pdf", "failed", "worker_lost")]


def test_a_worker_that_cannot_see_a_path_says_what_to_do(tmp_path):
    from expediente.corpus.discover import inspect
    from expediente.flows.tasks import read_and_extract

    found = inspect(shutil.copy(SAMPLE_DOCS / MIXED[0], tmp_path / "filing.txt"))
    data = Path(found.path).read_bytes()
    Path(found.path).unlink()  # as on a worker of another machine
    missing = read_and_extract(found)
    assert missing.status == "failed" and missing.error.reason == "not_on_worker"
    assert "--ship bytes" in missing.error.message
    shipped = read_and_extract(found, data)
    assert shipped.status == "done" and shipped.path == found.path and shipped.file == "filing.txt"


@pytest.mark.parametrize(
    ("value", "message"),
    [("0", "--workers: 0 is not a whole number of 1 or more"), ("x", "--workers: x is not a whole number")],
)
def test_a_bad_worker_count_is_refused_before_any_work(tmp_path, value, message):
    done = _process(tmp_path, _folder(tmp_path, names=MIXED[:1]), tmp_path / "d.sqlite", "--workers", value)
    assert done.returncode == 2 and message in done.stderr
    assert "Traceback" not in done.stderr


def _descendants(pid: int) -> list[psutil.Process]:
    try:
        return psutil.Process(pid).children(recursive=True)
    except psutil.NoSuchProcess:
        return []


def _done_count(db: Path) -> int:
    if not db.exists():
        return 0
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return conn.execute("SELECT COUNT(*) FROM documents WHERE status = 'done'").fetchone()[0]
    except sqlite3.OperationalError:  # the dataset is being created
        return 0
    finally:
        conn.close()


def _start_and_wait_for_work(tmp_path: Path, folder: Path, db: Path) -> tuple[subprocess.Popen, list]:
    """A real run, once it has stored a document and its workers and Prefect's server are up."""
    command = [*EXPEDIENTE, "process", str(folder), "--db", str(db), "--no-progress", "--workers", "2"]
    run = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=_env(tmp_path))
    deadline = time.monotonic() + 300
    while _done_count(db) < 1 or len(_descendants(run.pid)) < 3:  # the server and two workers at least
        assert run.poll() is None, run.communicate()
        assert time.monotonic() < deadline, "the run stored no document in 300 s"
        time.sleep(0.2)
    return run, _descendants(run.pid)


def _left_behind(processes: list[psutil.Process], wait_s: float) -> list[str]:
    deadline = time.monotonic() + wait_s
    while True:
        alive = [p for p in processes if p.is_running() and p.status() != psutil.STATUS_ZOMBIE]
        if not alive or time.monotonic() > deadline:
            return [" ".join(p.cmdline()[:4]) for p in alive]
        time.sleep(0.2)


@pytest.mark.parametrize(("sig", "resume"), [(signal.SIGTERM, True), (signal.SIGINT, False)])
def test_a_signal_stops_the_run_and_its_processes_and_the_next_run_resumes(tmp_path, tesseract, sig, resume):
    folder = _folder(tmp_path, copies=2)
    db = tmp_path / "stopped.sqlite"
    run, children = _start_and_wait_for_work(tmp_path, folder, db)
    run.send_signal(sig)
    started = time.monotonic()
    run.wait(timeout=60)
    print(f"{sig.name}: the command was gone {time.monotonic() - started:.1f} s later")  # the note quotes this
    _, stderr = run.communicate(timeout=60)
    assert run.returncode == 130, stderr
    assert "interrupted" in stderr and "Traceback" not in stderr
    assert _left_behind(children, wait_s=10) == []

    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    kept = _done_count(db)
    assert 1 <= kept < len(MIXED) * 2
    (pages_missing,) = conn.execute(
        "SELECT COUNT(*) FROM documents d WHERE status = 'done' AND NOT EXISTS "
        "(SELECT 1 FROM pages p WHERE p.sha256 = d.sha256)"
    ).fetchone()
    assert pages_missing == 0  # a document is stored whole or not at all
    conn.close()
    if resume:
        again = _process(tmp_path, folder, db)
        assert again.returncode == 0, again.stderr
        assert f"{len(MIXED) * 2 - kept} done, {kept} skipped, 0 failed" in again.stderr


def test_a_killed_run_leaves_no_process_behind(tmp_path, tesseract):
    folder = _folder(tmp_path, copies=2)
    run, children = _start_and_wait_for_work(tmp_path, folder, tmp_path / "killed.sqlite")
    run.kill()  # SIGKILL: nothing of ours runs in the command any more
    run.communicate(timeout=30)
    assert _left_behind(children, wait_s=30) == []


def test_an_unreachable_dask_scheduler_is_a_clear_error(tmp_path):
    from expediente.corpus.errors import ExitCode

    folder = _folder(tmp_path, names=MIXED[:1])
    done = _process(
        tmp_path,
        folder,
        tmp_path / "d.sqlite",
        "--dask-address",
        "tcp://127.0.0.1:9",
        EXPEDIENTE_DASK_CONNECT_TIMEOUT_S="3",
    )
    assert done.returncode == ExitCode.ENGINE, done.stderr
    assert "tcp://127.0.0.1:9" in done.stderr and "Traceback" not in done.stderr


def test_local_workers_keep_no_statistical_profile():
    """distributed's profiler keeps a profile of every second of a worker's last 1,000 (for a dashboard a batch does
    not serve): a worker's memory grew with the batch's length. The command's Dask configuration reaches them."""
    from distributed import Client

    from expediente.flows.engine import Engine, _local_cluster

    cluster = _local_cluster({**Engine(workers=2).cluster_kwargs(2), "preload": []})
    try:
        with Client(cluster, set_as_default=False) as client:
            callbacks = client.run(lambda dask_worker: set(dask_worker.periodic_callbacks))
    finally:
        cluster.close()
    assert len(callbacks) == 2
    for names in callbacks.values():
        assert "heartbeat" in names  # a worker's periodic callbacks, read
        assert not names & {"profile", "profile-cycle"}

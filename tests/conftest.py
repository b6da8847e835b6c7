"""Shared test helpers: where the real documents are, and skips when they or Tesseract are absent."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

# hermetic: models a user trained on this machine (in their data directory) never reach the tests
os.environ["EXPEDIENTE_DATA_DIR"] = tempfile.mkdtemp(prefix="expediente-test-data-")
# one worker (a thread of the test's process) unless a test asks for more: tests/test_engine.py runs the
# default engine, worker processes and a Dask cluster
os.environ.setdefault("EXPEDIENTE_WORKERS", "1")

REALDOCS = Path(__file__).resolve().parents[2] / "shared" / "realdocs"
SAMPLE_DOCS = Path(__file__).resolve().parents[1] / "corpus" / "sample" / "docs"
CHROMIUM = Path("/usr/bin/chromium")  # Debian's package (make setup)
# a test using one of these fixtures (directly or through another, like sample_dataset) carries the mark,
# so `make test-fast` (-m "not flow and not ocr") leaves it out
MARK_OF_FIXTURE = {"tesseract": "ocr", "prefect": "flow"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        for fixture, mark in MARK_OF_FIXTURE.items():
            if fixture in getattr(item, "fixturenames", ()):
                item.add_marker(mark)


def process_into(folder: Path, db: Path) -> Path:
    """Every file under ``folder`` read, extracted and stored in a new dataset at ``db``, without Prefect."""
    from expediente.casedata.db import connect
    from expediente.casedata.store import write_document
    from expediente.corpus.discover import discover
    from expediente.flows.tasks import read_and_extract

    found, _ = discover([str(folder)])
    conn = connect(db)
    try:
        for item in found:
            write_document(conn, read_and_extract(item), None)
    finally:
        conn.close()
    return db


@pytest.fixture
def conn(tmp_path):
    """A new, empty case dataset, closed after the test."""
    from expediente.casedata.db import connect

    c = connect(tmp_path / "dataset.sqlite")
    yield c
    c.close()


@pytest.fixture(scope="session")
def realdocs() -> Path:
    """The folder of real filings; the test is skipped where it is absent."""
    if not REALDOCS.is_dir():
        pytest.skip(f"real documents not present at {REALDOCS}")
    return REALDOCS


@pytest.fixture(scope="session")
def tesseract() -> str:
    """The tesseract binary; the test is skipped where it is not installed."""
    path = shutil.which("tesseract")
    if path is None:
        pytest.skip("tesseract is not installed (apt-get install tesseract-ocr)")
    return path


@pytest.fixture(scope="session")
def sample_dataset(tmp_path_factory, tesseract) -> Path:
    """The sample corpus processed once per session (tests using it share the "datasets" xdist group)."""
    return process_into(SAMPLE_DOCS, tmp_path_factory.mktemp("sample") / "sample.sqlite")


@pytest.fixture(scope="session")
def realdocs_dataset(tmp_path_factory, realdocs, tesseract) -> Path:
    """Every real document processed once per session (tests using it share the "datasets" xdist group)."""
    return process_into(realdocs, tmp_path_factory.mktemp("realdocs") / "realdocs.sqlite")


@pytest.fixture(scope="session")
def prefect(tmp_path_factory):
    """One offline Prefect server for the session (tests using it share the "prefect" xdist group)."""
    home = tmp_path_factory.mktemp("prefect-home")
    os.environ.update(
        PREFECT_HOME=str(home),
        PREFECT_SERVER_ANALYTICS_ENABLED="false",
        PREFECT_LOGGING_LEVEL="WARNING",
        PREFECT_LOGGING_TO_API_ENABLED="false",
    )
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, headless, driven by Playwright through ``executable_path`` (Playwright's own browser
    downloads are never used); the test is skipped, saying why, where either is missing."""
    if not CHROMIUM.exists():
        pytest.skip(f"Chromium is not installed at {CHROMIUM} (make setup installs it: apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install -e .[dev])")
    with sync_api.sync_playwright() as pw:
        # Chromium's sandbox cannot start as root (containers, CI): run without it only there
        args = ["--no-sandbox"] if os.geteuid() == 0 else []
        launched = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=args)
        yield launched
        launched.close()

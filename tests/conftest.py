"""Shared test helpers: where the real documents are, and skips when they or Tesseract are absent."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

REALDOCS = Path(__file__).resolve().parents[2] / "shared" / "realdocs"


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

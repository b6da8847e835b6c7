"""Task bodies: read → extract for one file. Plain functions, wrapped as Prefect tasks in process.py."""

from __future__ import annotations

import time
from pathlib import Path

from expediente.corpus.discover import FoundFile
from expediente.corpus.errors import Failure, UnreadableDocument
from expediente.corpus.reader import read_document
from expediente.extractors.pipeline import extract, pipeline_version
from expediente.extractors.records import DocumentRecord


def failed_record(found: FoundFile, failure: Failure, seconds: float = 0.0) -> DocumentRecord:
    return DocumentRecord(
        sha256=found.sha256,
        file=Path(found.path).name,
        path=str(found.path),
        kind=found.detected,
        pipeline_version=pipeline_version(),
        status="failed",
        error=failure,
        seconds=seconds,
    )


def read_and_extract(found: FoundFile) -> DocumentRecord:
    """One document end to end. Bad input becomes a failed record; OCR engine faults raise (to be retried)."""
    started = time.perf_counter()
    try:
        document = read_document(found)  # an OcrError (engine fault, not bad input) propagates to be retried
    except UnreadableDocument as exc:
        return failed_record(found, exc.failure(), time.perf_counter() - started)
    record = extract(document)
    record.seconds = round(time.perf_counter() - started, 3)
    return record

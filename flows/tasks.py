"""Task bodies: read → extract for one file. Plain functions, wrapped as Prefect tasks in process.py."""

from __future__ import annotations

import dataclasses
import tempfile
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


class WorkerCannotSeeFile(UnreadableDocument):
    """A Dask worker was given a path it cannot see."""

    reason = "not_on_worker"


def read_and_extract(found: FoundFile, data: bytes | None = None) -> DocumentRecord:
    """One document end to end. Bad input becomes a failed record; OCR engine faults raise (to be retried).

    ``data``: the file's bytes, shipped to a worker that cannot see ``found.path``; the record keeps the path.
    """
    if data is None:
        return _read_and_extract(found)
    with tempfile.TemporaryDirectory(prefix="expediente-") as folder:
        copy = Path(folder) / Path(found.path).name
        copy.write_bytes(data)
        record = _read_and_extract(dataclasses.replace(found, path=str(copy)))
    return dataclasses.replace(record, path=str(found.path))


def _read_and_extract(found: FoundFile) -> DocumentRecord:
    started = time.perf_counter()
    try:
        if not Path(found.path).exists():
            raise WorkerCannotSeeFile(
                f"{found.path}: not found where it was read (a Dask worker on another machine?): mount the "
                "folder at the same path on every worker, or ship the documents with --ship bytes"
            )
        document = read_document(found)  # an OcrError (engine fault, not bad input) propagates to be retried
    except UnreadableDocument as exc:
        return failed_record(found, exc.failure(), time.perf_counter() - started)
    record = extract(document)
    record.seconds = round(time.perf_counter() - started, 3)
    return record

"""Task bodies: read → extract for a parcel of files, one by one. Plain functions, wrapped as a Prefect task in
process.py. Each document fails or succeeds alone: an OCR engine fault is retried for that document only, and any
other error becomes its failed record; the parcel's other documents go on."""

from __future__ import annotations

import dataclasses
import tempfile
import time
from pathlib import Path

from expediente.corpus.discover import FoundFile
from expediente.corpus.errors import ExpedienteError, Failure, OcrError, UnreadableDocument
from expediente.corpus.reader import read_document
from expediente.extractors.records import DocumentRecord
from expediente.extractors.version import pipeline_version
from expediente.flows.settings import FLOW_SETTINGS


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


def read_parcel(parcel: list[FoundFile], data: list[bytes] | None = None) -> list[DocumentRecord]:
    """Every document of ``parcel`` end to end, in order; ``data``: their bytes, when shipped to the worker."""
    return [_attempts(found, None if data is None else data[i]) for i, found in enumerate(parcel)]


def _attempts(found: FoundFile, data: bytes | None) -> DocumentRecord:
    """One document, its OCR engine faults (a crash, a timeout) retried; bad input and extraction bugs fail at once."""
    retried = 0
    while True:
        try:
            return read_and_extract(found, data)
        except OcrError as exc:
            if retried < FLOW_SETTINGS.ocr_retries:
                retried += 1
                time.sleep(FLOW_SETTINGS.retry_delay_s)
                continue
            failure = exc.failure()
        except ExpedienteError as exc:
            failure = exc.failure()
        except Exception as exc:  # an extraction bug: recorded with its type, to be reported
            failure = Failure("extract_error", f"{type(exc).__name__}: {exc}")
        return failed_record(found, failure)


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
    from expediente.extractors.pipeline import extract  # spaCy: loaded by the processes that extract only

    record = extract(document)
    record.seconds = round(time.perf_counter() - started, 3)
    return record

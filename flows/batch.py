"""A batch of documents: what needs work, decided from the files' hashes and the dataset before any Prefect
machinery starts (a batch with nothing new never imports Prefect nor starts its local server), then the
Prefect flow (flows/process.py) for the documents that need reading; the summary and its exit codes."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field

from expediente.casedata import store
from expediente.casedata.db import connect
from expediente.corpus.discover import FoundFile, check_label
from expediente.corpus.errors import ExitCode, ExpedienteError, Failure, UnreadableDocument
from expediente.extractors.records import DocumentRecord
from expediente.extractors.version import pipeline_version
from expediente.flows import tasks
from expediente.flows.engine import Engine
from expediente.flows.lifetime import stopping_on_signals
from expediente.flows.prefect_server import quiet_prefect


class SomeDocumentsFailed(ExpedienteError):
    """Some documents of a batch failed; the others are stored."""

    exit_code = ExitCode.SOME_DOCUMENTS_FAILED
    reason = "some_failed"


class AllDocumentsFailed(ExpedienteError):
    """Every document a batch considered failed: nothing was stored or already there."""

    exit_code = ExitCode.ALL_DOCUMENTS_FAILED
    reason = "all_failed"


@dataclass
class BatchSummary:
    run_id: int
    done: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    failed: list[tuple[str, Failure]] = field(default_factory=list)  # (path, why)
    seconds: float = 0.0
    engine: str = ""  # where the documents were read, when any was (flows/engine.py)

    def line(self) -> str:
        counts = f"{len(self.done)} done, {len(self.skipped)} skipped, {len(self.failed)} failed"
        return f"{counts}, on {self.engine}" if self.engine else counts

    def raise_for_failures(self) -> None:
        """Raise when any document failed, so the command exits non-zero and a scheduler notices."""
        if not self.failed:
            return
        total = len(self.done) + len(self.skipped) + len(self.failed)
        where = f"each failure is listed above and in the dataset's `failures` table (run_id = {self.run_id})"
        if self.done or self.skipped:
            raise SomeDocumentsFailed(f"{len(self.failed)} of {total} documents failed; the others are stored; {where}")
        raise AllDocumentsFailed(f"all {total} documents failed; {where}")


def store_record(conn, record: DocumentRecord, run_id: int, summary: BatchSummary) -> None:
    store.write_document(conn, record, run_id)
    if record.status == "done":
        summary.done.append(record.path)
    else:
        summary.failed.append((record.path, record.error))


def process_batch(
    found: list[FoundFile],
    db_path: str,
    rejected: list[tuple[str, Failure]] | None = None,
    force: bool = False,
    on_progress: Callable[[str, str], None] | None = None,
    engine: Engine | None = None,
) -> BatchSummary:
    """Extract every new document in ``found`` into the dataset at ``db_path``.

    What needs work is decided from the files' hashes and the dataset before any Prefect machinery starts:
    a batch with nothing new (every document done by this pipeline version) never starts Prefect's local
    server. ``rejected`` are (path, failure) pairs discovery could not even hash; they are recorded as
    failures too. ``on_progress(path, outcome)`` is called per document. ``engine`` says where documents are
    read (flows/engine.py; default: one worker process per core). SIGINT or SIGTERM stops the batch, its
    workers and Prefect's server (flows/lifetime.py); what was stored stays, and the next run resumes.
    """
    conn = connect(db_path)
    version = pipeline_version()
    run_id = store.start_run(conn, version, "process")
    summary = BatchSummary(run_id=run_id)
    notify = on_progress or (lambda path, outcome: None)
    for path, failure in rejected or []:
        record = DocumentRecord(
            sha256="",
            file=os.path.basename(path),
            path=path,
            kind="",
            pipeline_version=version,
            status="failed",
            error=failure,
        )
        store_record(conn, record, run_id, summary)
        notify(path, f"failed ({failure.reason})")

    todo: list[FoundFile] = []
    seen: set[str] = set()
    for item in found:
        store.remember_path(conn, item.sha256, str(item.path))
        if item.sha256 in seen or (not force and store.is_current(conn, item.sha256, version)):
            summary.skipped.append(str(item.path))
            notify(str(item.path), "skipped")
            continue
        seen.add(item.sha256)
        try:
            check_label(item)  # a file no reader takes (a .md, a text named .pdf) fails here, with no task to run
        except UnreadableDocument as exc:
            record = tasks.failed_record(item, exc.failure())
            store_record(conn, record, run_id, summary)
            notify(str(item.path), f"failed ({record.error.reason})")
            continue
        todo.append(item)
    if todo:
        quiet_prefect()
        from expediente.flows import process  # Prefect is imported only when there is work

        with stopping_on_signals():
            process.run(todo, conn, summary, notify, engine or Engine())
    store.finish_run(conn, run_id, len(summary.done), len(summary.skipped), len(summary.failed))
    conn.close()
    return summary

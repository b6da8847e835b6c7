"""The Prefect flow of a batch: one task per document (read -> extract), written to the dataset in one place.

The engine (flows/engine.py) decides where tasks run: a thread of this process, local worker processes or a
Dask cluster. A bounded number of documents is in flight at once, so a batch of any size holds only that
many documents' bytes and results in memory.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from pathlib import Path

from prefect import flow, task
from prefect.cache_policies import NO_CACHE
from prefect.context import FlowRunContext
from prefect.futures import as_completed

from expediente.corpus.discover import FoundFile
from expediente.corpus.errors import ExpedienteError, Failure, OcrError
from expediente.flows import tasks
from expediente.flows.batch import BatchSummary, store_record
from expediente.flows.engine import Engine, interleaved
from expediente.flows.lifetime import raise_if_stopping, reclaim_signals
from expediente.flows.prefect_server import prefect_api
from expediente.flows.settings import FLOW_SETTINGS


def _retry_on_ocr_fault(task, task_run, state) -> bool:
    """Retry only OCR engine faults (crash, timeout); bad input and extraction bugs fail at once."""
    return isinstance(state.result(raise_on_failure=False), OcrError)


process_document = task(
    tasks.read_and_extract,
    name="read-and-extract",
    retries=FLOW_SETTINGS.ocr_retries,
    retry_delay_seconds=FLOW_SETTINGS.retry_delay_s,
    retry_condition_fn=_retry_on_ocr_fault,
    # the dataset is the cache (a document done under this pipeline version is skipped before any task runs):
    # Prefect keeps no results, so nothing is pickled to disk or shared between datasets
    cache_policy=NO_CACHE,
    persist_result=False,
    log_prints=False,
)


class Sink:
    """Where the flow puts each document's record: the dataset (the flow's thread is its one writer) and the
    progress callback. Prefect ships a flow run's parameters with every task to remote workers: a sink
    travels as an empty stand-in (no connection leaves this process). Not a dataclass: Prefect would dump
    one field by field."""

    def __init__(self, conn, summary: BatchSummary, notify: Callable[[str, str], None]):
        self.conn, self.summary, self.notify = conn, summary, notify

    def take(self, item: FoundFile, record) -> None:
        store_record(self.conn, record, self.summary.run_id, self.summary)
        self.notify(str(item.path), record.status if record.status == "done" else f"failed ({record.error.reason})")

    def __reduce__(self):
        return (_stand_in, ())


def _stand_in() -> None:
    return None


@flow(name="process-batch", validate_parameters=False, log_prints=False)
def extract_batch(todo: list[FoundFile], sink: Sink, engine: Engine) -> None:
    """Read and extract ``todo`` in tasks on ``engine``, each record written by ``sink`` as it comes back."""
    reclaim_signals()
    pending = deque(interleaved(todo))
    window = engine.in_flight(len(todo))
    running = {}
    while pending or running:
        raise_if_stopping()
        while pending and len(running) < window:
            item = pending.popleft()
            data = Path(item.path).read_bytes() if engine.ship == "bytes" else None
            running[process_document.submit(item, data)] = item
        future = next(as_completed(list(running)))
        item = running.pop(future)
        try:
            record = _forget(future.result())
        except ExpedienteError as exc:  # the task failed after its retries: the document fails, the batch goes on
            record = tasks.failed_record(item, exc.failure())
        except Exception as exc:  # an extraction bug, or a worker lost: recorded with its type, to be reported
            record = tasks.failed_record(item, _failure_of(exc))
        raise_if_stopping()  # a document whose worker a stop killed is not a failure: the next run reads it
        sink.take(item, record)


def _forget(record):
    """Drop the flow run's link to a task's result: Prefect keeps one per result (for dependency tracking), which
    kept every document's record, pages and boxes in memory to the end of the batch (2.7 GB at 2,000 documents)."""
    context = FlowRunContext.get()
    if context is not None:
        context.run_results.pop(id(record), None)
    return record


def _failure_of(exc: Exception) -> Failure:
    if type(exc).__name__ == "KilledWorker":  # distributed's: the worker died (memory limit, crash) on it
        return Failure(
            "worker_lost",
            f"the worker reading it died (more than EXPEDIENTE_WORKER_MEMORY_MB={FLOW_SETTINGS.worker_memory_mb} "
            f"MiB, or a crash): {exc}",
        )
    return Failure("extract_error", f"{type(exc).__name__}: {exc}")


def run(todo: list[FoundFile], conn, summary: BatchSummary, notify: Callable[[str, str], None], engine: Engine):
    """The flow on ``engine``'s task runner, with Prefect's API up for it and stopped after."""
    engine.check()
    summary.engine = engine.describe(len(todo))
    with prefect_api():
        extract_batch.with_options(task_runner=engine.task_runner(len(todo)))(todo, Sink(conn, summary, notify), engine)

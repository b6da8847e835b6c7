"""The Prefect flow of a batch: one task per parcel of documents (read -> extract each), every record written to
the dataset in one place.

The engine (flows/engine.py) decides where tasks run (a thread of this process, local worker processes or a
Dask cluster) and how documents are parcelled. A bounded number of parcels is in flight at once, so a batch of
any size holds only that many documents' bytes and results in memory.
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
from expediente.corpus.errors import ExpedienteError, Failure
from expediente.flows import tasks
from expediente.flows.batch import BatchSummary, store_record
from expediente.flows.engine import Engine
from expediente.flows.lifetime import raise_if_stopping, reclaim_signals
from expediente.flows.prefect_server import prefect_api
from expediente.flows.settings import FLOW_SETTINGS

# a document fails as `worker_lost` when lost this many times alone: a worker that dies while busy with no fault of
# its document's (the machine loaded, a heartbeat missed) does not fail it
TRIES_ALONE = 2

process_parcel = task(
    tasks.read_parcel,  # retries each document's OCR faults itself: a parcel's other documents are not re-done
    name="read-and-extract",
    # the dataset is the cache (a document done under this pipeline version is skipped before any task runs):
    # Prefect keeps no results, so nothing is pickled to disk or shared between datasets
    cache_policy=NO_CACHE,
    persist_result=False,
    log_prints=False,
)


class StaysHere:
    """A flow parameter that stays in this process. Prefect ships a flow run's parameters with every task (the
    flow run's context and its API record travel with each, to remote workers too): pickled, such an object
    travels as an empty stand-in, and it is stored in Prefect's API as a placeholder (no ``__dict__`` for
    FastAPI's encoder to walk). Not a dataclass: Prefect would dump one field by field."""

    __slots__ = ()

    def __reduce__(self):
        return (_stand_in, ())


def _stand_in() -> None:
    return None


class Batch(StaysHere):
    """The documents the flow reads. As a plain list they travelled with every task, all of them: each of a
    batch's N/8 tasks pickled, sent and unpickled the N documents' paths and hashes twice (its parameters and
    the flow run's record), O(N²) bytes that made the command's memory grow with the batch."""

    __slots__ = ("todo",)

    def __init__(self, todo: list[FoundFile]):
        self.todo = todo


class Sink(StaysHere):
    """Where the flow puts each document's record: the dataset (the flow's thread is its one writer) and the
    progress callback. No connection leaves this process."""

    __slots__ = ("conn", "summary", "notify")

    def __init__(self, conn, summary: BatchSummary, notify: Callable[[str, str], None]):
        self.conn, self.summary, self.notify = conn, summary, notify

    def take(self, item: FoundFile, record) -> None:
        store_record(self.conn, record, self.summary.run_id, self.summary)
        self.notify(str(item.path), record.status if record.status == "done" else f"failed ({record.error.reason})")


@flow(name="process-batch", validate_parameters=False, log_prints=False)
def extract_batch(batch: Batch, sink: Sink, engine: Engine) -> None:
    """Read and extract ``batch`` in tasks on ``engine``, each record written by ``sink`` as it comes back."""
    reclaim_signals()
    todo = batch.todo
    pending = deque(engine.parcels(todo))
    suspects: deque[list[FoundFile]] = deque()  # documents of a parcel that failed, to be tried alone
    tried_alone: dict[str, int] = {}  # sha256 -> times submitted alone
    window = engine.in_flight(len(todo))
    running: dict = {}

    def submit(parcel: list[FoundFile]) -> None:
        data = [Path(item.path).read_bytes() for item in parcel] if engine.ship == "bytes" else None
        running[process_parcel.submit(parcel, data)] = parcel

    while pending or suspects or running:
        raise_if_stopping()
        if suspects and not any(p[0].sha256 in tried_alone for p in running.values()):
            # one suspect at a time: a document that kills its worker takes no other suspect with it (the scheduler
            # fails every task given to a worker that dies, queued or running)
            sha256 = suspects[0][0].sha256
            tried_alone[sha256] = tried_alone.get(sha256, 0) + 1
            submit(suspects.popleft())
        while pending and len(running) < window:
            submit(pending.popleft())
        future = next(as_completed(list(running)))
        parcel = running.pop(future)
        try:
            records = _forget(future.result())
        except Exception as exc:  # the parcel's worker was lost (memory, a crash), or a bug outside any document
            if len(parcel) > 1 or tried_alone.get(parcel[0].sha256, 0) < TRIES_ALONE:
                suspects.extend([item] for item in parcel)  # each tried again alone: only the one at fault fails
                continue
            records = [tasks.failed_record(parcel[0], _failure_of(exc))]
        raise_if_stopping()  # a document whose worker a stop killed is not a failure: the next run reads it
        for item, record in zip(parcel, records, strict=True):
            sink.take(item, record)


def _forget(records: list):
    """Drop the flow run's links to a task's result (the list and each record): Prefect keeps one per result, for
    dependency tracking, and the links of 2,000 documents grew the command by gigabytes."""
    context = FlowRunContext.get()
    if context is not None:
        for result in (records, *records):
            context.run_results.pop(id(result), None)
    return records


def _failure_of(exc: Exception) -> Failure:
    if isinstance(exc, ExpedienteError):
        return exc.failure()
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
    with engine.starting(len(todo)) as task_runner, prefect_api():
        extract_batch.with_options(task_runner=task_runner())(Batch(todo), Sink(conn, summary, notify), engine)

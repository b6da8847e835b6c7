"""Where a batch's documents are read and extracted: this process, local worker processes, or a Dask cluster.

- One worker (``--workers 1``) or one document: a thread of this process.
- ``--workers N`` (default: the number of cores): a Dask ``LocalCluster`` of N worker processes, one thread
  each, through Prefect's Dask task runner. Each worker loads the spaCy pipeline and models once, when it
  starts (:mod:`flows.worker_setup`); OCRs a document's pages on every core (``EXPEDIENTE_OCR_WORKERS``), as
  a worker given a long scan while the others read texts would otherwise leave cores idle: when several
  workers OCR at once the system shares the cores out; and is restarted by its nanny when it uses more than
  ``FLOW_SETTINGS.worker_memory_mb``, its document failing as ``worker_lost`` while the batch goes on.
- ``--dask-address tcp://HOST:PORT``: the tasks of the same flow run on an existing Dask cluster. Its workers
  read each document from the path this process gave (``--ship path``: the folder must be mounted at the same
  path on every worker) or from its bytes, shipped with the task (``--ship bytes``).

Whatever the engine, results come back to the flow, whose thread is the dataset's one writer.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from expediente.corpus.discover import FoundFile
from expediente.corpus.errors import ExitCode, ExpedienteError
from expediente.flows.lifetime import before_stop
from expediente.flows.settings import FLOW_SETTINGS

SHIP = ("path", "bytes")
OCR_KINDS = ("pdf", "image")  # documents that may need OCR: interleaved with texts so neither waits for the other


class EngineError(ExpedienteError):
    """The engine asked for cannot run: the Dask scheduler named, or Prefect's local server, does not answer."""

    exit_code = ExitCode.ENGINE
    reason = "engine"


@dataclass(frozen=True)
class Engine:
    workers: int = FLOW_SETTINGS.workers
    dask_address: str | None = None
    ship: str = "path"

    def describe(self, documents: int) -> str:
        if self.dask_address:
            return f"the Dask cluster at {self.dask_address}, documents sent by {self.ship}"
        workers = self.local_workers(documents)
        return "one thread of this process" if workers == 1 else f"{workers} worker processes"

    def local_workers(self, documents: int) -> int:
        return max(1, min(self.workers, documents))

    def check(self) -> None:
        """Raise :class:`EngineError` when the Dask scheduler named does not answer (before Prefect starts)."""
        if not self.dask_address:
            return
        from distributed import Client

        timeout = FLOW_SETTINGS.dask_connect_timeout_s
        try:
            Client(self.dask_address, timeout=timeout, set_as_default=False).close()
        except (OSError, TimeoutError) as exc:
            raise EngineError(
                f"the Dask scheduler at {self.dask_address} did not answer within {timeout:.0f} s ({exc}): is the "
                "cluster up, and its address reachable from here? (EXPEDIENTE_DASK_CONNECT_TIMEOUT_S waits longer)"
            ) from exc

    def in_flight(self, documents: int) -> int:
        """How many parcels are submitted ahead of the results: enough to keep every worker busy."""
        if self.dask_address:
            return FLOW_SETTINGS.dask_in_flight
        return 2 * self.local_workers(documents)

    def parcels(self, todo: list[FoundFile]) -> list[list[FoundFile]]:
        """``todo`` in :func:`interleaved` order, cut in parcels of at most ``parcel_docs`` documents and
        ``parcel_bytes`` bytes (a larger document goes alone), and small enough that every worker gets several."""
        most = max(1, min(FLOW_SETTINGS.parcel_docs, len(todo) // (2 * self.in_flight(len(todo)))))
        parcels: list[list[FoundFile]] = []
        size = 0
        for item in interleaved(todo):
            if not parcels or len(parcels[-1]) == most or size + item.size > FLOW_SETTINGS.parcel_bytes:
                parcels.append([])
                size = 0
            parcels[-1].append(item)
            size += item.size
        return parcels

    def cluster_kwargs(self, documents: int) -> dict | None:
        """The local Dask cluster of a batch of ``documents``; None when it runs in a thread or on a cluster."""
        workers = self.local_workers(documents)
        if self.dask_address or workers == 1:
            return None
        return {
            "n_workers": workers,
            "threads_per_worker": 1,
            "processes": True,
            "memory_limit": f"{FLOW_SETTINGS.worker_memory_mb}MiB",
            "dashboard_address": None,
            "host": "127.0.0.1",
            "preload": ["expediente.flows.worker_setup"],
            "silence_logs": 50,  # logging.CRITICAL: see _dask_config
        }

    @contextlib.contextmanager
    def starting(self, documents: int) -> Iterator[Callable[[], object]]:
        """Start what reads a batch of ``documents`` in a thread, so that it overlaps Prefect's server starting
        (each takes seconds): a local cluster's workers, each loading the pipeline, or this process's pipeline.
        Yields a function that waits for it and gives the Prefect task runner; a local cluster is closed on the
        way out."""
        kwargs = self.cluster_kwargs(documents)
        with ThreadPoolExecutor(1, thread_name_prefix="engine-start") as pool:
            if kwargs is not None:
                started = pool.submit(_local_cluster, kwargs)
            elif self.dask_address is None:
                from expediente.flows.worker_setup import ready_pipeline

                started = pool.submit(ready_pipeline)
            else:
                started = None
            try:
                hook = before_stop(lambda: _no_restarts(started)) if kwargs is not None else contextlib.nullcontext()
                with hook:
                    yield lambda: self._task_runner(started.result() if started else None)
            finally:
                if kwargs is not None and started.exception() is None:
                    started.result().close()

    def _task_runner(self, cluster):
        if self.dask_address or cluster is not None:
            return _dask_runner(self.dask_address or cluster.scheduler_address)
        from prefect.task_runners import ThreadPoolTaskRunner

        return ThreadPoolTaskRunner(max_workers=1)


def _dask_config() -> None:
    import logging

    import dask

    # a task whose worker dies (memory, a crash) fails at once, rather than killing three workers: the flow decides
    # what is tried again (flows/process.py)
    dask.config.set({"distributed.scheduler.allowed-failures": 0})
    # distributed's statistical profiler (for its dashboard, which a batch does not serve) keeps a profile of every
    # second of a worker's last 1,000: a worker's memory grew with the batch's length (430 -> 514 MB from 100 to 800
    # documents, ~120 MB at 2,000). A local cluster's nannies hand this configuration to their workers
    dask.config.set({"distributed.worker.profile.enabled": False})
    # the scheduler of a local cluster runs here. A lost worker is reported as its documents' failures; distributed's
    # own lines about it (a task marked failed, a heartbeat's traceback from a worker left behind) would only add
    # noise, and a traceback on the screen reads as our bug
    logging.getLogger("distributed").setLevel(logging.CRITICAL)


def _no_restarts(started) -> None:
    """A stop is under way: the local cluster's nannies must not start new workers for those it kills (a worker
    spawned as the command exits dies mid-start, with a traceback on the screen)."""
    if started.done() and started.exception() is None:
        for nanny in started.result().workers.values():
            nanny.close_gracefully(reason="expediente is stopping")


def _local_cluster(kwargs: dict):
    from distributed import LocalCluster  # first: importing distributed sets its loggers' levels

    _dask_config()
    return LocalCluster(**kwargs)


def _dask_runner(address: str):
    from prefect_dask import DaskTaskRunner

    _dask_config()
    return DaskTaskRunner(address=address)


def interleaved(todo: list[FoundFile]) -> list[FoundFile]:
    """``todo`` in an order where documents that may need OCR alternate with texts and dockets, the largest
    first (a long scan started last would keep one worker busy after all the others are done)."""
    maybe_ocr = sorted((item for item in todo if item.kind in OCR_KINDS), key=lambda item: -item.size)
    texts = [item for item in todo if item.kind not in OCR_KINDS]
    out = []
    for i in range(max(len(maybe_ocr), len(texts))):
        out.extend(group[i] for group in (maybe_ocr, texts) if i < len(group))
    return out

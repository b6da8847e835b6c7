"""The Prefect flow of a batch: one task per document (read -> extract), written to the dataset in one place."""

from __future__ import annotations

from collections.abc import Callable

from prefect import flow, task
from prefect.cache_policies import NO_CACHE
from prefect.futures import as_completed
from prefect.task_runners import ThreadPoolTaskRunner

from expediente.corpus.discover import FoundFile
from expediente.corpus.errors import ExpedienteError, Failure, OcrError
from expediente.flows import tasks
from expediente.flows.batch import BatchSummary, store_record
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


@flow(
    name="process-batch",
    task_runner=ThreadPoolTaskRunner(max_workers=FLOW_SETTINGS.document_workers),
    validate_parameters=False,
    log_prints=False,
)
def extract_batch(
    todo: list[FoundFile], conn, summary: BatchSummary, notify: Callable[[str, str], None]
) -> BatchSummary:
    """Read and extract ``todo`` in parallel tasks; this flow's thread is the dataset's one writer (``conn``)."""
    futures = {process_document.submit(item): item for item in todo}
    for future in as_completed(list(futures)):
        item = futures[future]
        try:
            record = future.result()
        except ExpedienteError as exc:  # the task failed after its retries: the document fails, the batch goes on
            record = tasks.failed_record(item, exc.failure())
        except Exception as exc:  # an extraction bug: recorded with its type, so it can be reported
            record = tasks.failed_record(item, Failure("extract_error", f"{type(exc).__name__}: {exc}"))
        store_record(conn, record, summary.run_id, summary)
        notify(str(item.path), record.status if record.status == "done" else f"failed ({record.error.reason})")
    return summary

"""How the flow orchestrates: workers, retries. Overridable by environment variables (EXPEDIENTE_<FIELD>)."""

from __future__ import annotations

import os
from dataclasses import dataclass

from expediente.corpus.settings import from_env


@dataclass(frozen=True)
class FlowSettings:
    workers: int = max(1, os.cpu_count() or 1)  # worker processes reading and extracting (`process --workers`)
    worker_memory_mb: int = 2048  # a local worker using more is restarted; its document fails as `worker_lost`
    dask_connect_timeout_s: float = 10.0  # `process --dask-address`: the scheduler must answer within this
    dask_in_flight: int = 64  # parcels submitted ahead to a Dask cluster (`process --dask-address`)
    # documents go to workers in parcels, one Prefect task each (a task's bookkeeping costs ~0.2 core-seconds, a
    # quarter of a 20-page text document's work): at most this many documents, or this many bytes, in a parcel
    parcel_docs: int = 8
    parcel_bytes: int = 1_000_000
    ocr_retries: int = 2
    retry_delay_s: float = 1.0
    prefect_start_timeout_s: int = 120  # Prefect's local server must answer within this (a loaded machine is slow)
    stop_s: float = 4.0  # on SIGINT/SIGTERM the command is gone within this: children ended, then it exits
    watch_interval_s: float = 10.0  # `watch`: seconds between polls of the inbox; a file must hold still this long


FLOW_SETTINGS = from_env(FlowSettings)

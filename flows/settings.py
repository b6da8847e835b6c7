"""How the flow orchestrates: workers, retries. Overridable by environment variables (EXPEDIENTE_<FIELD>)."""

from __future__ import annotations

import os
from dataclasses import dataclass

from expediente.corpus.settings import from_env


@dataclass(frozen=True)
class FlowSettings:
    document_workers: int = max(1, os.cpu_count() or 1)
    ocr_retries: int = 2
    retry_delay_s: float = 1.0
    watch_interval_s: float = 10.0  # `watch`: seconds between polls of the inbox; a file must hold still this long


FLOW_SETTINGS = from_env(FlowSettings)

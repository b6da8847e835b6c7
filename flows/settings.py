"""How the flow orchestrates: workers, retries, caching. Overridable by environment variables."""

from __future__ import annotations

import os
from dataclasses import dataclass


@dataclass(frozen=True)
class FlowSettings:
    document_workers: int = int(os.environ.get("EXPEDIENTE_DOCUMENT_WORKERS", max(1, os.cpu_count() or 1)))
    ocr_retries: int = int(os.environ.get("EXPEDIENTE_OCR_RETRIES", 2))
    retry_delay_s: float = float(os.environ.get("EXPEDIENTE_RETRY_DELAY_S", 1))


FLOW_SETTINGS = FlowSettings()

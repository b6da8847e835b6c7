"""Load the pattern and table files kept in extractors/data/."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

DATA_DIR = Path(__file__).parent / "data"


@cache
def load_json(name: str):
    """Parsed content of extractors/data/<name> (cached; treat as read-only)."""
    path = DATA_DIR / name
    with path.open(encoding="utf-8") as fh:
        return json.load(fh)

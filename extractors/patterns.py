"""Load the pattern and table files kept in extractors/data/."""

from __future__ import annotations

import json
from functools import cache

from expediente.corpus.locations import shipped


@cache
def load_json(name: str):
    """Parsed content of extractors/data/<name> (cached; treat as read-only)."""
    path = shipped("extractors", "data", name)
    with path.open(encoding="utf-8") as fh:
        return json.load(fh)

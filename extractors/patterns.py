"""Load the pattern and table files kept in extractors/data/."""

from __future__ import annotations

import json
from functools import cache

from expediente.corpus.errors import ExpedienteError
from expediente.corpus.locations import shipped


class PatternDataError(ExpedienteError):
    """A data file under extractors/data/ that breaks a rule its component relies on."""

    reason = "pattern_data"


@cache
def load_json(name: str):
    """Parsed content of extractors/data/<name> (cached; treat as read-only)."""
    path = shipped("extractors", "data", name)
    with path.open(encoding="utf-8") as fh:
        return json.load(fh)

"""Corrections: an annotator's accept, reject, set or add over a machine value.

A correction is keyed by the document's SHA-256 and a stable item key, never by a
machine row id, so it survives re-processing. Keys:

- target ``document``: ``field`` is a column of ``documents`` (doc_type, custody, ...), no item key;
- target ``mention``: ``field`` is the mention kind, item key ``label@page:start``;
- target ``charge``: ``field`` is ``statute``, item key ``count_label|statute`` (``|statute`` outside counts);
- target ``defendant``: ``field`` is ``name``, item key the machine name.

For ``add``, ``value`` is the new item (a label, a statute, a name) and the item key
of a charge is its count label.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from expediente.casedata.cases import case_key, rebuild_cases
from expediente.casedata.db import now
from expediente.casedata.errors import CorrectionError

DOCUMENT_FIELDS = (
    "doc_type",
    "court_id",
    "court",
    "case_number",
    "custody",
    "plea",
    "sentence_months",
    "sentence",
    "public_official",
)
TARGETS = ("document", "mention", "charge", "defendant")
ACTIONS = ("accept", "reject", "set", "add")


@dataclass(frozen=True)
class Correction:
    sha256: str
    target: str
    field: str
    action: str
    value: str | None = None
    item_key: str = ""
    author: str = ""
    note: str = ""


def mention_key(label: str, page: int | None, start: int | None) -> str:
    return f"{label}@{page}:{start}"


def charge_key(count_label: str | None, statute: str) -> str:
    return f"{count_label or ''}|{statute}"


def _validate(conn: sqlite3.Connection, c: Correction) -> None:
    if c.target not in TARGETS:
        raise CorrectionError(f"unknown target {c.target!r}: use one of {', '.join(TARGETS)}")
    if c.action not in ACTIONS:
        raise CorrectionError(f"unknown action {c.action!r}: use one of {', '.join(ACTIONS)}")
    if conn.execute("SELECT 1 FROM documents WHERE sha256 = ?", (c.sha256,)).fetchone() is None:
        raise CorrectionError(f"no document with sha256 {c.sha256}: process the file first")
    if c.target == "document":
        if c.field not in DOCUMENT_FIELDS:
            raise CorrectionError(f"documents have no field {c.field!r}: use one of {', '.join(DOCUMENT_FIELDS)}")
        if c.action not in ("set", "accept"):
            raise CorrectionError("a document field takes 'set' (or 'accept'), not " + repr(c.action))
    elif c.action in ("accept", "reject", "set") and not c.item_key:
        raise CorrectionError(f"'{c.action}' on a {c.target} needs the item key of the machine value")
    if c.action in ("set", "add") and c.value is None and c.target != "document":
        raise CorrectionError(f"'{c.action}' needs a value")


def add_correction(conn: sqlite3.Connection, c: Correction) -> int:
    """Store a correction and refresh the case it belongs to. Returns the correction id."""
    _validate(conn, c)
    before = conn.execute(
        "SELECT court_id, case_number FROM documents_effective WHERE sha256 = ?", (c.sha256,)
    ).fetchone()
    with conn:
        cur = conn.execute(
            """INSERT INTO corrections (sha256, target, field, item_key, action, value, author, note, created_at)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            (c.sha256, c.target, c.field, c.item_key, c.action, c.value, c.author, c.note, now()),
        )
        after = conn.execute(
            "SELECT court_id, case_number FROM documents_effective WHERE sha256 = ?", (c.sha256,)
        ).fetchone()
        rebuild_cases(conn, {case_key(r["court_id"], r["case_number"], c.sha256) for r in (before, after)})
    return cur.lastrowid

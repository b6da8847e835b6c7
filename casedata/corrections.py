"""Corrections: an annotator's accept, reject, set or add over a machine value.

A correction names a document (SHA-256), a field of the registry and, for a field with many items, the
item's stable key (:mod:`casedata.keys`), never a machine row id, so it survives re-processing. What each
field accepts comes from the registry: which actions its kind allows, and the type and vocabulary a value
must fit. A key must name an item the machine found in that document (``expediente show FILE --json``
prints each item's key); ``add`` takes the new item as its value (for a statute, its count label as key).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from expediente.casedata.cases import rebuild_cases, update_case_keys
from expediente.casedata.db import now
from expediente.casedata.errors import CorrectionError
from expediente.casedata.keys import row_key
from expediente.extractors.fields import (
    COUNTS,
    DEFENDANTS,
    MENTIONS,
    SINGLE,
    STATUTES,
    Field,
    FieldValueError,
    registry,
)

ACTIONS = ("accept", "reject", "set", "add")
# the machine items of each kind: (table, field filter) -- their keys are computed by casedata.keys.row_key
ITEM_TABLES = {
    MENTIONS: ("mentions", "AND field = ? AND chosen = 0"),
    DEFENDANTS: ("defendants", ""),
    COUNTS: ("counts", ""),
    STATUTES: ("charges", ""),
}


@dataclass(frozen=True)
class Correction:
    sha256: str
    field: str
    action: str
    value: str | None = None
    item_key: str = ""
    author: str = ""
    note: str = ""


def item_keys(conn: sqlite3.Connection, sha256: str, f: Field) -> list[str]:
    """The keys of the machine items of field ``f`` in a document, in stored order."""
    table, where = ITEM_TABLES[f.kind]
    params = (sha256, f.name) if "field = ?" in where else (sha256,)
    rows = conn.execute(f"SELECT * FROM {table} WHERE sha256 = ? {where} ORDER BY id", params).fetchall()
    return list(dict.fromkeys(row_key(f.kind, r) for r in rows))


def _field(name: str) -> Field:
    reg = registry()
    if name not in reg:
        raise CorrectionError(f"there is no field {name!r}: use one of {', '.join(reg.names)}")
    return reg[name]


def validate(conn: sqlite3.Connection, c: Correction) -> Correction:
    """The correction with its value in stored form, or CorrectionError saying what is wrong."""
    if c.action not in ACTIONS:
        raise CorrectionError(f"unknown action {c.action!r}: use one of {', '.join(ACTIONS)}")
    f = _field(c.field)
    if c.action not in f.actions:
        allowed = ", ".join(f.actions) or "no correction (correct its defendant instead)"
        raise CorrectionError(f"{f.name} takes {allowed}, not {c.action!r}")
    if conn.execute("SELECT 1 FROM documents WHERE sha256 = ? AND status = 'done'", (c.sha256,)).fetchone() is None:
        raise CorrectionError(f"no extracted document with sha256 {c.sha256}: process the file first")
    value = c.value
    try:
        if c.action in ("set", "add"):
            value = f.parse(c.value)
        if f.kind == STATUTES and c.action == "add" and c.item_key:
            registry().one(COUNTS).parse(c.item_key)  # the count the statute is added to
    except FieldValueError as exc:
        raise CorrectionError(str(exc)) from exc
    if f.kind == SINGLE:
        if c.item_key:
            raise CorrectionError(f"{f.name} is one value per document: give no --key")
    elif c.action != "add":
        keys = item_keys(conn, c.sha256, f)
        if not c.item_key:
            raise CorrectionError(f"'{c.action}' on {f.name} needs the item's --key; {_listing(keys)}")
        if c.item_key not in keys:
            raise CorrectionError(f"no {f.name} item has the key {c.item_key!r} in this document; {_listing(keys)}")
    return Correction(c.sha256, f.name, c.action, value, c.item_key, c.author, c.note)


def _listing(keys: list[str]) -> str:
    if not keys:
        return "the machine found none (use 'add')"
    shown = ", ".join(repr(k) for k in keys[:8])
    more = f" and {len(keys) - 8} more (expediente show FILE --json)" if len(keys) > 8 else ""
    return f"its keys are {shown}{more}"


def add_correction(conn: sqlite3.Connection, c: Correction) -> int:
    """Store a correction and refresh the cases it touches. Returns the correction id."""
    c = validate(conn, c)
    with conn:
        cur = conn.execute(
            """INSERT INTO corrections (sha256, field, item_key, action, value, author, note, created_at)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
            (c.sha256, c.field, c.item_key, c.action, c.value, c.author, c.note, now()),
        )
        rebuild_cases(conn, update_case_keys(conn, [c.sha256]))
    return cur.lastrowid

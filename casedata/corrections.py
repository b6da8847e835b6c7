"""Corrections: an annotator's accept, reject, set or add over a machine value.

A correction names a document (SHA-256), a field of the registry and, for a field with many items, the
item's stable key (:mod:`casedata.keys`), never a machine row id, so it survives re-processing. What each
field accepts comes from the registry: which actions its kind allows, and the type and vocabulary a value
must fit. A key must name an item the machine found in that document (``expediente show FILE --json``
prints each item's key); ``add`` takes the new item as its value (for a statute, its count label as key) and,
optionally, where it stands: a page and character offsets into that page's original text (an annotator's
selection), whose text is read from the page, never taken from the request.

Each correction keeps the item's effective value it replaced (``previous``). Its annotator can undo it
(:func:`undo`): the row stays, marked undone, and counts for nothing.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass

from expediente.casedata.cases import KEY_FIELDS, rebuild_cases, reindex_names, update_case_keys
from expediente.casedata.db import now
from expediente.casedata.errors import CorrectionError
from expediente.casedata.keys import key_value, row_key
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
DECISIONS = ("accept", "reject", "set")  # the actions that decide on an item the machine found
MAX_SELECTION = 2000  # characters an added item's evidence may span
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
    page: int | None = None  # an added item's evidence: a page and offsets into its original text
    start: int | None = None
    end: int | None = None
    attrs: dict | None = None  # a set or added mention's attributes (Field.attributes: charged, quantity)


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
    if c.attrs is not None and c.action not in ("set", "add"):
        raise CorrectionError(f"attributes go with 'set' or 'add', not {c.action!r}")
    try:
        attrs = f.parse_attributes(c.attrs)
    except FieldValueError as exc:
        raise CorrectionError(str(exc)) from exc
    return Correction(c.sha256, f.name, c.action, value, c.item_key, c.author, c.note, c.page, c.start, c.end, attrs)


def selected_text(conn: sqlite3.Connection, c: Correction) -> str | None:
    """The page text an added item's selection covers, or CorrectionError when it is not a span of that page."""
    if c.page is None and c.start is None and c.end is None:
        return None
    if c.action != "add":
        raise CorrectionError(f"only 'add' takes a page selection, not {c.action!r}")
    row = conn.execute("SELECT text FROM pages WHERE sha256 = ? AND number = ?", (c.sha256, c.page)).fetchone()
    if row is None or row["text"] is None:
        raise CorrectionError(f"the document has no page {c.page} with text: select the text on one of its pages")
    if c.start is None or c.end is None or not 0 <= c.start < c.end <= len(row["text"]):
        raise CorrectionError(
            f"characters {c.start}-{c.end} are not a span of page {c.page} ({len(row['text'])} characters)"
        )
    if c.end - c.start > MAX_SELECTION:
        raise CorrectionError(
            f"a selection of {c.end - c.start} characters is too long: select at most {MAX_SELECTION}"
        )
    return row["text"][c.start : c.end]


def current_value(conn: sqlite3.Connection, sha256: str, f: Field, item_key: str) -> str | None:
    """An item's effective value: its latest live set value, none once its latest decision rejects it, else
    the machine's."""
    latest = conn.execute(
        """SELECT action, value FROM corrections WHERE sha256 = ? AND field = ? AND item_key = ?
           AND action IN ('accept', 'reject', 'set') AND undone_at IS NULL ORDER BY id DESC""",
        (sha256, f.name, item_key),
    ).fetchall()
    if latest and latest[0]["action"] == "reject":
        return None
    value = next((r["value"] for r in latest if r["action"] == "set"), None)
    if value is not None:
        return value
    if f.kind == SINGLE:
        row = conn.execute(
            "SELECT value FROM mentions WHERE sha256 = ? AND field = ? AND chosen = 1", (sha256, f.name)
        ).fetchone()
        return row["value"] if row else None
    return key_value(f.kind, item_key)


def _listing(keys: list[str]) -> str:
    if not keys:
        return "the machine found none (use 'add')"
    shown = ", ".join(repr(k) for k in keys[:8])
    more = f" and {len(keys) - 8} more (expediente show FILE --json)" if len(keys) > 8 else ""
    return f"its keys are {shown}{more}"


def add_correction(conn: sqlite3.Connection, c: Correction) -> int:
    """Store a correction and refresh the cases it touches, in one transaction. Returns the correction id."""
    return add_corrections(conn, [c])[0]


def add_corrections(conn: sqlite3.Connection, corrections: list[Correction]) -> list[int]:
    """Store corrections all or none (one transaction, one refresh of the cases they touch); their ids.
    Each is checked against the dataset as the ones before it leave it."""
    ids, shas, moves, renames = [], [], False, False
    with conn:
        for c in corrections:
            c = validate(conn, c)
            text = selected_text(conn, c)
            previous = None if c.action == "add" else current_value(conn, c.sha256, registry()[c.field], c.item_key)
            cur = conn.execute(
                """INSERT INTO corrections (sha256, field, item_key, action, value, author, note, created_at,
                       previous, page, start, "end", text, attrs)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                (
                    c.sha256,
                    c.field,
                    c.item_key,
                    c.action,
                    c.value,
                    c.author,
                    c.note,
                    now(),
                    previous,
                    c.page,
                    c.start,
                    c.end,
                    text,
                    None if c.attrs is None else json.dumps(c.attrs),
                ),
            )
            ids.append(cur.lastrowid)
            shas.append(c.sha256)
            moves = moves or _may_move(c.field, c.action)
            renames = renames or _renames(c.field, c.action)
        if shas:
            rebuild_cases(conn, _touched(conn, list(dict.fromkeys(shas)), moves, renames), review=moves)
    return ids


def _may_move(field: str, action: str) -> bool:
    """Whether a decision (or undoing it) can change a document's court or case number, so its case."""
    return field in KEY_FIELDS and action in ("set", "reject")


def _renames(field: str, action: str) -> bool:
    """Whether a decision (or undoing it) changes a document's defendants' names, which case keys are found by."""
    return registry()[field].kind == DEFENDANTS and action in ("set", "reject", "add")


def _touched(conn: sqlite3.Connection, shas: list[str], moves: bool, renames: bool) -> set[str]:
    """The cases to rebuild after decisions on ``shas``: where a court or case number changed, the documents'
    case keys are recomputed (a document may move); otherwise their cases stay theirs."""
    if moves:
        return update_case_keys(conn, shas)
    if renames:  # later look-ups see the corrected names; the documents stay in their cases
        reindex_names(conn, shas)
    marks = ",".join("?" * len(shas))
    return {r[0] for r in conn.execute(f"SELECT case_key FROM documents WHERE sha256 IN ({marks})", shas) if r[0]}


def undo(conn: sqlite3.Connection, author: str, correction_id: int | None = None) -> sqlite3.Row | None:
    """Undo ``author``'s correction ``correction_id`` (default: their latest live one); returns its row, or
    None when there is nothing of theirs to undo. Another annotator's decision cannot be undone here."""
    where = "author = ? AND undone_at IS NULL" + (" AND id = ?" if correction_id is not None else "")
    params = (author,) if correction_id is None else (author, correction_id)
    row = conn.execute(f"SELECT * FROM corrections WHERE {where} ORDER BY id DESC LIMIT 1", params).fetchone()
    if row is None:
        return None
    with conn:
        conn.execute("UPDATE corrections SET undone_at = ? WHERE id = ?", (now(), row["id"]))
        moves = _may_move(row["field"], row["action"])
        renames = _renames(row["field"], row["action"])
        rebuild_cases(conn, _touched(conn, [row["sha256"]], moves, renames), review=moves)
    return row

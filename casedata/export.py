"""Exports of the dataset with corrections applied: one object per document, its keys from the field registry.

The JSONL keys (``export_keys()``: ``file``, ``sha256``, then each field in registry order, a type's
companion key right after its field) are a contract with outside scoring tools and the gold format.
"""

from __future__ import annotations

import csv
import json
import sqlite3
from collections.abc import Iterator
from typing import IO

from expediente.corpus.safetext import neutralise_formula, strip_control_sequences
from expediente.extractors.fields import ALIASES, COUNTS, DEFENDANTS, MENTIONS, SINGLE, STATUTES, Field, registry

MACHINE_FIRST = "ORDER BY id IS NULL, id"  # machine items in the order found, then the items annotators added


def export_keys() -> tuple[str, ...]:
    return registry().export_keys()


def _flags(row: sqlite3.Row, flags: list[str]) -> dict:
    attrs = json.loads(row["attrs"] or "{}")
    return {flag: bool(attrs.get(flag)) for flag in flags}


def _mentions(f: Field, rows: list[sqlite3.Row]) -> list:
    """A mentions field in its export shape (fields.json ``export``)."""
    shape = f.export["shape"]
    if shape == "spans":
        keys = ("text", "value", "page", "start", "end")
        return [
            {("label" if k == "value" else k): r[k] for k in keys} | _flags(r, f.export.get("flags", [])) for r in rows
        ]
    if shape == "items":
        items = []
        for r in rows:
            attrs = json.loads(r["attrs"] or "{}")
            item = {f.export["label_key"]: r["value"], **{a: attrs.get(a) for a in f.export.get("attrs", [])}}
            if item not in items:
                items.append(item)
        return items
    return list(dict.fromkeys(r["value"] for r in rows))  # labels


def document_object(conn: sqlite3.Connection, doc: sqlite3.Row) -> dict:
    """The export object of one document (a ``documents_effective`` row)."""
    sha = doc["sha256"]
    values = {r["field"]: r["value"] for r in conn.execute("SELECT * FROM values_effective WHERE sha256 = ?", (sha,))}
    mentions = conn.execute(
        "SELECT * FROM mentions_effective WHERE sha256 = ? ORDER BY page, start, id", (sha,)
    ).fetchall()
    defendants = conn.execute(
        f"SELECT name, aliases FROM defendants_effective WHERE sha256 = ? {MACHINE_FIRST}", (sha,)
    ).fetchall()
    charges = conn.execute(
        f"SELECT count_label, count_description, statute FROM charges_effective WHERE sha256 = ? {MACHINE_FIRST}",
        (sha,),
    ).fetchall()
    obj: dict = {"file": doc["file"], "sha256": sha}
    for f in registry():
        if f.kind == SINGLE:
            obj[f.name] = f.export_value(values.get(f.name))
            if f.type.companion:
                obj[f.type.companion] = doc[f.type.companion]
        elif f.kind == MENTIONS:
            obj[f.name] = _mentions(f, [m for m in mentions if m["field"] == f.name])
        elif f.kind == DEFENDANTS:
            obj[f.name] = [d["name"] for d in defendants]
        elif f.kind == ALIASES:
            obj[f.name] = list(dict.fromkeys(a for d in defendants for a in json.loads(d["aliases"] or "[]")))
        elif f.kind == COUNTS:
            obj[f.name] = _counts(conn, sha, charges)
        elif f.kind == STATUTES:
            obj[f.name] = list(dict.fromkeys(ch["statute"] for ch in charges))
    return obj


def _counts(conn: sqlite3.Connection, sha: str, charges: list[sqlite3.Row]) -> list[dict]:
    rows = conn.execute(f"SELECT label, description FROM counts_effective WHERE sha256 = ? {MACHINE_FIRST}", (sha,))
    counts = {c["label"]: {"count": c["label"], "statutes": [], "description": c["description"]} for c in rows}
    for ch in charges:
        if ch["count_label"] is None:
            continue
        entry = counts.setdefault(
            ch["count_label"],
            {"count": ch["count_label"], "statutes": [], "description": ch["count_description"]},
        )
        if ch["statute"] not in entry["statutes"]:
            entry["statutes"].append(ch["statute"])
    return list(counts.values())


def iter_documents(conn: sqlite3.Connection) -> Iterator[dict]:
    for doc in conn.execute("SELECT * FROM documents_effective WHERE status = 'done' ORDER BY file, sha256"):
        yield document_object(conn, doc)


def write_jsonl(conn: sqlite3.Connection, out: IO[str]) -> int:
    n = 0
    for obj in iter_documents(conn):
        out.write(json.dumps(obj, ensure_ascii=False) + "\n")
        n += 1
    return n


def _cell(f: Field, value) -> str | object:
    """A list field as one CSV cell: items joined with '; ' (counts as 'label: statutes')."""
    if f.kind == COUNTS:
        return "; ".join(f"{c['count']}: {', '.join(c['statutes'])}" for c in value)
    if f.kind == MENTIONS and f.export["shape"] == "spans":
        return "; ".join(sorted({m["label"] for m in value}))
    if f.kind == MENTIONS and f.export["shape"] == "items":
        key, attrs = f.export["label_key"], f.export.get("attrs", [])
        return "; ".join(
            f"{i[key]} ({', '.join(str(i[a]) for a in attrs if i[a])})" if any(i[a] for a in attrs) else i[key]
            for i in value
        )
    return "; ".join(value)


def _safe(value):
    """A text cell as a spreadsheet should get it: no control sequences, never run as a formula."""
    return neutralise_formula(strip_control_sequences(value)) if isinstance(value, str) else value


def write_csv(conn: sqlite3.Connection, out: IO[str]) -> int:
    """One row per document; list fields joined into one cell each; text cells made safe for spreadsheets."""
    fields = [f for f in registry() if f.kind != SINGLE]
    writer = csv.DictWriter(out, fieldnames=export_keys())
    writer.writeheader()
    n = 0
    for obj in iter_documents(conn):
        row = obj | {f.name: _cell(f, obj[f.name]) for f in fields}
        writer.writerow({k: _safe(v) for k, v in row.items()})
        n += 1
    return n

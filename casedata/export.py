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

from expediente.casedata.people import defendant_object, document_people_objects, empty_row
from expediente.casedata.schema import CATEGORIES, person_companions
from expediente.corpus.safetext import neutralise_formula, strip_control_sequences
from expediente.extractors.fields import ALIASES, COUNTS, DEFENDANTS, MENTIONS, SINGLE, STATUTES, Field, registry

MACHINE_FIRST = "ORDER BY id IS NULL, id"  # machine items in the order found, then the items annotators added


def export_keys() -> tuple[str, ...]:
    return (*registry().export_keys(), "people")


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
    obj["people"] = document_people_objects(conn, doc)
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
    """One row per document; list fields joined into one cell each (people as JSON); text cells made safe."""
    fields = [f for f in registry() if f.kind != SINGLE]
    writer = csv.DictWriter(out, fieldnames=export_keys())
    writer.writeheader()
    n = 0
    for obj in iter_documents(conn):
        row = obj | {f.name: _cell(f, obj[f.name]) for f in fields} | {"people": json.dumps(obj["people"])}
        writer.writerow({k: _safe(v) for k, v in row.items()})
        n += 1
    return n


# --- one object per defendant in a case -----------------------------------------------------------------------


def iter_defendants(conn: sqlite3.Connection) -> Iterator[dict]:
    for row in conn.execute("SELECT * FROM case_defendants ORDER BY court_id, case_number, defendant, person"):
        yield defendant_object(row)


def flat(obj: dict) -> dict:
    """A defendant object as one table row: nested objects as ``group.key`` columns, lists of text joined with
    '; ', other lists (conflicts) as JSON."""
    out: dict = {}
    for key, value in obj.items():
        if isinstance(value, dict):
            out |= {f"{key}.{k}": v for k, v in value.items()}
        elif isinstance(value, list):
            plain = all(isinstance(v, str) for v in value)
            out[key] = "; ".join(value) if plain else json.dumps(value, ensure_ascii=False)
        else:
            out[key] = value
    return out


def write_defendants_jsonl(conn: sqlite3.Connection, out: IO[str]) -> int:
    n = 0
    for obj in iter_defendants(conn):
        out.write(json.dumps(obj, ensure_ascii=False) + "\n")
        n += 1
    return n


def write_defendants_csv(conn: sqlite3.Connection, out: IO[str]) -> int:
    rows = [flat(obj) for obj in iter_defendants(conn)]
    writer = csv.DictWriter(out, fieldnames=list(flat(_empty_defendant())))
    writer.writeheader()
    for row in rows:
        writer.writerow({k: _safe(v) for k, v in row.items()})
    return len(rows)


def write_defendants_parquet(conn: sqlite3.Connection, path: str) -> int:
    """One row per defendant, its columns typed by the registry (whatever the rows hold): lists of text as
    lists, true/false as booleans, counts as integers, a sentence and other values as text (months or "life"),
    nested objects as ``group.key`` columns, conflicts as JSON."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    types = _arrow_types()
    rows = [_arrow_row(obj) for obj in iter_defendants(conn)]
    columns = {key: [_arrow_value(row.get(key), kind) for row in rows] for key, kind in types.items()}
    pq.write_table(pa.table({key: pa.array(values, type=types[key]) for key, values in columns.items()}), path)
    return len(rows)


def _empty_defendant() -> dict:
    """A defendant object with no values: its keys, for an export with no defendant."""
    return defendant_object(empty_row())


def _arrow_types() -> dict:
    """The parquet type of each column of the defendant export."""
    import pyarrow as pa

    by_rule = {"union": pa.list_(pa.string()), "any": pa.bool_(), "any_flag": pa.bool_(), "count": pa.int64()}
    types = {"court_id": pa.string(), "case_number": pa.string(), "defendant": pa.string()}
    types["aliases"] = pa.list_(pa.string())
    for f in registry().of_person():
        key = f"{f.person['group']}.{f.person_key}" if f.person.get("group") else f.person_key
        types[key] = by_rule.get(f.person["rule"], pa.string())
        for name, sql_type in person_companions(f):
            plain = by_rule["any"] if sql_type == "INTEGER" else pa.string()
            types[name] = by_rule["union"] if name == CATEGORIES else plain
    return types | {"documents": pa.list_(pa.string()), "conflicts": pa.string()}


def _arrow_row(obj: dict) -> dict:
    out: dict = {}
    for key, value in obj.items():
        if isinstance(value, dict):
            out |= {f"{key}.{k}": v for k, v in value.items()}
        else:
            out[key] = json.dumps(value, ensure_ascii=False) if key == "conflicts" else value
    return out


def _arrow_value(value, kind):
    import pyarrow as pa

    if value is None or kind != pa.string():
        return value
    return str(value)


# what `expediente export` writes, by unit and format (parquet is written to a path, the others to a stream)
WRITERS = {
    ("document", "jsonl"): write_jsonl,
    ("document", "csv"): write_csv,
    ("defendant", "jsonl"): write_defendants_jsonl,
    ("defendant", "csv"): write_defendants_csv,
    ("defendant", "parquet"): write_defendants_parquet,
}

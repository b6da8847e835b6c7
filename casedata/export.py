"""Exports of the dataset with corrections applied: one object per document.

The JSONL keys are a contract with outside scoring tools (``EXPORT_KEYS``).
"""

from __future__ import annotations

import csv
import json
import sqlite3
from collections.abc import Iterator
from typing import IO

EXPORT_KEYS = (
    "file",
    "sha256",
    "doc_type",
    "court_id",
    "court",
    "case_number",
    "defendants",
    "aliases",
    "counts",
    "statutes_cited",
    "drugs",
    "violent_crime_mentions",
    "victims",
    "benefits",
    "custody",
    "plea",
    "sentence_months",
    "public_official",
)


def _span(row: sqlite3.Row) -> dict:
    return {
        "text": row["text"],
        "label": row["label"],
        "page": row["page"],
        "start": row["start"],
        "end": row["end"],
    }


def _violence(row: sqlite3.Row) -> dict:
    """A violence mention also says whether the document charges the act or only describes it."""
    return {**_span(row), "charged": bool(json.loads(row["attrs"] or "{}").get("charged"))}


def document_object(conn: sqlite3.Connection, doc: sqlite3.Row) -> dict:
    sha = doc["sha256"]
    defendants = conn.execute("SELECT name, aliases FROM defendants_effective WHERE sha256 = ?", (sha,)).fetchall()
    aliases: list[str] = []
    for d in defendants:
        aliases += [a for a in json.loads(d["aliases"] or "[]") if a not in aliases]
    charges = conn.execute(
        "SELECT count_label, count_description, statute FROM charges_effective WHERE sha256 = ? ORDER BY id",
        (sha,),
    ).fetchall()
    counts: dict[str, dict] = {
        c["label"]: {"count": c["label"], "statutes": [], "description": c["description"]}
        for c in conn.execute("SELECT label, description FROM counts WHERE sha256 = ? ORDER BY id", (sha,))
    }
    for ch in charges:
        if ch["count_label"] is None:
            continue
        entry = counts.setdefault(
            ch["count_label"],
            {"count": ch["count_label"], "statutes": [], "description": ch["count_description"]},
        )
        if ch["statute"] not in entry["statutes"]:
            entry["statutes"].append(ch["statute"])
    statutes = list(dict.fromkeys(ch["statute"] for ch in charges))
    mentions = conn.execute(
        "SELECT * FROM mentions_effective WHERE sha256 = ? AND chosen = 0 ORDER BY page, start", (sha,)
    ).fetchall()
    drugs, benefits = [], []
    for m in mentions:
        if m["kind"] == "drug":
            item = {"drug": m["label"], "quantity": json.loads(m["attrs"] or "{}").get("quantity")}
            if item not in drugs:
                drugs.append(item)
        elif m["kind"] == "benefit" and m["label"] not in benefits:
            benefits.append(m["label"])
    official = doc["public_official"]
    return {
        "file": doc["file"],
        "sha256": sha,
        "doc_type": doc["doc_type"],
        "court_id": doc["court_id"],
        "court": doc["court"],
        "case_number": doc["case_number"],
        "defendants": [d["name"] for d in defendants],
        "aliases": aliases,
        "counts": list(counts.values()),
        "statutes_cited": statutes,
        "drugs": drugs,
        "violent_crime_mentions": [_violence(m) for m in mentions if m["kind"] == "violence"],
        "victims": [_span(m) for m in mentions if m["kind"] == "victim"],
        "benefits": benefits,
        "custody": doc["custody"] or "unknown",
        "plea": doc["plea"] or "unknown",
        "sentence_months": doc["sentence_months"],
        "public_official": bool(official),
    }


def iter_documents(conn: sqlite3.Connection) -> Iterator[dict]:
    for doc in conn.execute("SELECT * FROM documents_effective WHERE status = 'done' ORDER BY file, sha256"):
        yield document_object(conn, doc)


def write_jsonl(conn: sqlite3.Connection, out: IO[str]) -> int:
    n = 0
    for obj in iter_documents(conn):
        out.write(json.dumps(obj, ensure_ascii=False) + "\n")
        n += 1
    return n


def write_csv(conn: sqlite3.Connection, out: IO[str]) -> int:
    """One row per document; lists are joined with '; ', counts as 'label: statutes'."""
    writer = csv.DictWriter(out, fieldnames=EXPORT_KEYS)
    writer.writeheader()
    n = 0
    for obj in iter_documents(conn):
        row = dict(obj)
        row["defendants"] = "; ".join(obj["defendants"])
        row["aliases"] = "; ".join(obj["aliases"])
        row["counts"] = "; ".join(f"{c['count']}: {', '.join(c['statutes'])}" for c in obj["counts"])
        row["statutes_cited"] = "; ".join(obj["statutes_cited"])
        row["drugs"] = "; ".join(f"{d['drug']} ({d['quantity']})" if d["quantity"] else d["drug"] for d in obj["drugs"])
        row["violent_crime_mentions"] = "; ".join(sorted({m["label"] for m in obj["violent_crime_mentions"]}))
        row["victims"] = "; ".join(sorted({m["label"] for m in obj["victims"]}))
        row["benefits"] = "; ".join(obj["benefits"])
        writer.writerow(row)
        n += 1
    return n

"""Terminal output of the read-only commands (rich tables), and `show --json`, laid out by the field registry."""

from __future__ import annotations

import json
import sqlite3

from rich.console import Console
from rich.table import Table as RichTable
from rich.text import Text

from expediente.casedata.export import MACHINE_FIRST, document_object
from expediente.casedata.keys import row_key
from expediente.casedata.stats import Table
from expediente.corpus.safetext import strip_control_sequences
from expediente.extractors.fields import COUNTS, DEFENDANTS, MENTIONS, SINGLE, STATUTES, registry

console = Console()


def plain(value, style: str = "") -> Text:
    """Untrusted text (from documents, file names, corrections) for a rich table or line: shown as it is,
    never read as markup, without terminal control sequences."""
    return Text(strip_control_sequences("" if value is None else str(value)), style=style)


# the effective view of each item kind (corrections applied), for `show`
ITEM_VIEWS = {
    MENTIONS: "mentions_effective",
    DEFENDANTS: "defendants_effective",
    COUNTS: "counts_effective",
    STATUTES: "charges_effective",
}


def print_tables(tables: list[Table]) -> None:
    for t in tables:
        rt = RichTable(title=f"{t.title} (n = {t.total})", title_justify="left")
        rt.add_column("")
        rt.add_column("n", justify="right")
        rt.add_column("share", justify="right")
        for label, n in t.rows:
            rt.add_row(plain(label), str(n), f"{n / t.total:.0%}" if t.total else "-")
        console.print(rt)


def _where(row) -> str:
    if row["page"] is None:
        return "(no span)"
    return f"p.{row['page']} [{row['start']}:{row['end']}] conf {row['confidence']:.2f} {row['extractor']}"


def _items(conn: sqlite3.Connection, sha: str, kind: str, field: str) -> list[dict]:
    """The effective items of a field with their correction keys (None: added by an annotator)."""
    where = "AND field = ?" if kind == MENTIONS else ""
    params = (sha, field) if kind == MENTIONS else (sha,)
    rows = conn.execute(f"SELECT * FROM {ITEM_VIEWS[kind]} WHERE sha256 = ? {where} {MACHINE_FIRST}", params)
    return [{"field": field, "key": row_key(kind, r) if r["id"] is not None else None, **dict(r)} for r in rows]


def document_with_evidence(conn: sqlite3.Connection, doc: sqlite3.Row) -> dict:
    """The export object plus every value and item with its evidence and the key a correction names."""
    sha = doc["sha256"]
    out = document_object(conn, doc) if doc["status"] == "done" else {"file": doc["file"], "sha256": sha}
    out["status"] = doc["status"]
    out["error"] = doc["error"]
    out["warnings"] = json.loads(doc["warnings"] or "[]")
    out["pages"] = [
        dict(r)
        for r in conn.execute(
            "SELECT number, method, ocr_confidence, char_count, error FROM pages WHERE sha256 = ? ORDER BY number",
            (sha,),
        )
    ]
    values = [
        {"key": "", **dict(r)}
        for r in conn.execute("SELECT * FROM values_effective WHERE sha256 = ? ORDER BY id", (sha,))
    ]
    candidates = conn.execute(
        "SELECT * FROM mentions WHERE sha256 = ? AND chosen = 0 AND field IN "
        f"({','.join('?' * len(registry().of_kind(SINGLE)))}) ORDER BY id",
        (sha, *(f.name for f in registry().of_kind(SINGLE))),
    ).fetchall()
    items = {f.name: _items(conn, sha, f.kind, f.name) for f in registry() if f.kind in ITEM_VIEWS}
    out["evidence"] = {"values": values, "candidates": [dict(r) for r in candidates], "items": items}
    return out


def print_document(conn: sqlite3.Connection, doc: sqlite3.Row) -> None:
    sha = doc["sha256"]
    console.print(
        plain(doc["file"], "bold") + Text(f"  sha256 {sha[:16]}…  {doc['status']}  {doc['n_pages'] or 0} pages")
    )
    if doc["status"] != "done":
        console.print(plain(f"failed: {doc['error_reason']}: {doc['error']}", "red"))
        return
    for w in json.loads(doc["warnings"] or "[]"):
        console.print(plain(f"warning: {w}", "yellow"))
    pages = conn.execute(
        "SELECT method, COUNT(*) n, AVG(ocr_confidence) c FROM pages WHERE sha256 = ? GROUP BY method", (sha,)
    ).fetchall()
    console.print(
        "pages: "
        + ", ".join(
            f"{r['n']} {r['method']}" + (f" (mean OCR confidence {r['c']:.0f})" if r["c"] is not None else "")
            for r in pages
        )
    )
    reg = registry()
    t = RichTable(title="Document fields", title_justify="left", show_lines=False)
    for col in ("field", "value", "evidence", "text"):
        t.add_column(col, overflow="fold")
    values = {r["field"]: r for r in conn.execute("SELECT * FROM values_effective WHERE sha256 = ?", (sha,))}
    for f in reg.of_kind(SINGLE):
        row = values.get(f.name)
        if row is None:
            t.add_row(f.name, plain(f.default), "", "")
        else:
            mark = " (corrected)" if row["corrected"] else ""
            value = row["value"] if row["value"] is not None else "-"
            t.add_row(f.name, plain(f"{value}{mark}"), plain(_where(row)), plain((row["text"] or "")[:80]))
        if f.type.companion:
            t.add_row(f.type.companion, plain(doc[f.type.companion]), "", "")
    console.print(t)

    for f in reg:
        if f.kind not in ITEM_VIEWS:
            continue
        t = RichTable(title=f"{f.title} ({f.name})", title_justify="left")
        for col in ("key", "value", "detail", "evidence", "text"):
            t.add_column(col, overflow="fold")
        for item in _items(conn, sha, f.kind, f.name):
            t.add_row(*(plain(cell) for cell in _item_cells(f.kind, item)))
        console.print(t)


def _item_cells(kind: str, item: dict) -> tuple[str, ...]:
    key = item["key"] if item["key"] is not None else "(added)"
    text = (item["text"] or "")[:70]
    if kind == MENTIONS:
        attrs = {k: v for k, v in json.loads(item["attrs"] or "{}").items() if k != "context"}
        return key, item["value"], json.dumps(attrs)[:60] if attrs else "", _where(item), text
    if kind == DEFENDANTS:
        return key, item["name"], ", ".join(json.loads(item["aliases"] or "[]")), _where(item), text
    if kind == COUNTS:
        return key, item["label"], item["description"] or "", _where(item), text
    return key, item["statute"], f"count {item['count_label'] or '-'}, {item['category'] or ''}", _where(item), text

"""Terminal output of the read-only commands (rich tables)."""

from __future__ import annotations

import json
import sqlite3

from rich.console import Console
from rich.table import Table as RichTable

from expediente.casedata.export import document_object
from expediente.casedata.stats import Table

console = Console()


def print_tables(tables: list[Table]) -> None:
    for t in tables:
        rt = RichTable(title=f"{t.title} (n = {t.total})", title_justify="left")
        rt.add_column("")
        rt.add_column("n", justify="right")
        rt.add_column("share", justify="right")
        for label, n in t.rows:
            rt.add_row(label, str(n), f"{n / t.total:.0%}" if t.total else "-")
        console.print(rt)


def _where(row) -> str:
    if row["page"] is None:
        return "(no span)"
    return f"p.{row['page']} [{row['start']}:{row['end']}] conf {row['confidence']:.2f} {row['extractor']}"


def document_with_evidence(conn: sqlite3.Connection, doc: sqlite3.Row) -> dict:
    sha = doc["sha256"]
    out = document_object(conn, doc) if doc["status"] == "done" else {"file": doc["file"], "sha256": sha}
    out["status"] = doc["status"]
    out["error"] = doc["error"]
    out["warnings"] = json.loads(doc["warnings"] or "[]")
    out["pages"] = [dict(r) for r in conn.execute("SELECT * FROM pages WHERE sha256 = ? ORDER BY number", (sha,))]
    cols = 'kind, label, chosen, attrs, page, start, "end", text, extractor, version, confidence'
    out["evidence"] = {
        "mentions": [dict(r) for r in conn.execute(f"SELECT {cols} FROM mentions_effective WHERE sha256 = ?", (sha,))],
        "charges": [dict(r) for r in conn.execute("SELECT * FROM charges_effective WHERE sha256 = ?", (sha,))],
        "defendants": [dict(r) for r in conn.execute("SELECT * FROM defendants_effective WHERE sha256 = ?", (sha,))],
        "counts": [dict(r) for r in conn.execute("SELECT * FROM counts WHERE sha256 = ? ORDER BY id", (sha,))],
    }
    return out


def print_document(conn: sqlite3.Connection, doc: sqlite3.Row) -> None:
    sha = doc["sha256"]
    console.print(f"[bold]{doc['file']}[/bold]  sha256 {sha[:16]}…  {doc['status']}  {doc['n_pages'] or 0} pages")
    if doc["status"] != "done":
        console.print(f"[red]failed: {doc['error_reason']}: {doc['error']}[/red]")
        return
    for w in json.loads(doc["warnings"] or "[]"):
        console.print(f"[yellow]warning: {w}[/yellow]")
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

    t = RichTable(title="Document fields", title_justify="left", show_lines=False)
    for col in ("field", "value", "evidence", "text"):
        t.add_column(col, overflow="fold")
    chosen = {
        r["kind"]: r for r in conn.execute("SELECT * FROM mentions_effective WHERE sha256 = ? AND chosen = 1", (sha,))
    }
    for field, kind in (
        ("doc_type", "doc_type"),
        ("court_id", "court"),
        ("court", None),
        ("case_number", "case_number"),
        ("custody", "custody"),
        ("plea", "plea"),
        ("sentence", "sentence"),
        ("public_official", "public_official"),
    ):
        ev = chosen.get(kind) if kind else None
        t.add_row(field, str(doc[field]), _where(ev) if ev else "", (ev["text"] or "")[:80] if ev else "")
    console.print(t)

    t = RichTable(title="Defendants", title_justify="left")
    for col in ("name", "aliases", "evidence"):
        t.add_column(col, overflow="fold")
    for r in conn.execute("SELECT * FROM defendants_effective WHERE sha256 = ?", (sha,)):
        t.add_row(r["name"], ", ".join(json.loads(r["aliases"] or "[]")), _where(r))
    console.print(t)

    t = RichTable(title="Counts", title_justify="left")
    for col in ("count", "description", "evidence", "text"):
        t.add_column(col, overflow="fold")
    for r in conn.execute("SELECT * FROM counts WHERE sha256 = ? ORDER BY id", (sha,)):
        t.add_row(r["label"], r["description"] or "", _where(r), (r["text"] or "")[:60])
    console.print(t)

    t = RichTable(title="Charges", title_justify="left")
    for col in ("count", "statute", "category", "description", "evidence", "text"):
        t.add_column(col, overflow="fold")
    for r in conn.execute("SELECT * FROM charges_effective WHERE sha256 = ? ORDER BY id", (sha,)):
        t.add_row(
            r["count_label"] or "-",
            r["statute"],
            r["category"] or "",
            r["count_description"] or "",
            _where(r),
            (r["text"] or "")[:60],
        )
    console.print(t)

    t = RichTable(title="Mentions", title_justify="left")
    for col in ("kind", "label", "attrs", "evidence", "text"):
        t.add_column(col, overflow="fold")
    for r in conn.execute(
        "SELECT * FROM mentions_effective WHERE sha256 = ? AND chosen = 0 ORDER BY kind, page, start", (sha,)
    ):
        attrs = {k: v for k, v in json.loads(r["attrs"] or "{}").items() if k != "context"}
        t.add_row(r["kind"], r["label"], json.dumps(attrs)[:60] if attrs else "", _where(r), (r["text"] or "")[:70])
    console.print(t)

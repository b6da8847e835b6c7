"""Writes to the case dataset. Re-processing a document replaces its machine rows in one transaction."""

from __future__ import annotations

import json
import sqlite3

from expediente.casedata.cases import rebuild_cases, update_case_keys
from expediente.casedata.db import now
from expediente.corpus.boxes import encode
from expediente.corpus.errors import Failure
from expediente.extractors.fields import SINGLE, registry
from expediente.extractors.records import DocumentRecord, Evidence, Value

_EVIDENCE_COLS = 'page, start, "end", text, extractor, version, confidence'


def _evidence(ev: Evidence | None) -> tuple:
    if ev is None:
        return (None, None, None, None, None, None, None)
    return (ev.page, ev.start, ev.end, ev.text, ev.extractor, ev.version, ev.confidence)


def start_run(conn: sqlite3.Connection, pipeline_version: str, command: str) -> int:
    with conn:
        cur = conn.execute(
            "INSERT INTO runs (started_at, pipeline_version, command) VALUES (?, ?, ?)",
            (now(), pipeline_version, command),
        )
    return cur.lastrowid


def finish_run(conn: sqlite3.Connection, run_id: int, done: int, skipped: int, failed: int) -> None:
    with conn:
        conn.execute(
            "UPDATE runs SET finished_at = ?, n_done = ?, n_skipped = ?, n_failed = ? WHERE id = ?",
            (now(), done, skipped, failed, run_id),
        )


def is_current(conn: sqlite3.Connection, sha256: str, pipeline_version: str) -> bool:
    """True when the document was already extracted by this pipeline version (nothing to do)."""
    row = conn.execute(
        "SELECT 1 FROM documents WHERE sha256 = ? AND status = 'done' AND pipeline_version = ?",
        (sha256, pipeline_version),
    ).fetchone()
    return row is not None


def settled(conn: sqlite3.Connection, sha256s: list[str], pipeline_version: str) -> set[str]:
    """The documents among ``sha256s`` this pipeline version has finished with: extracted, or failed.

    `watch` takes a failure as final (it is reported once, not retried at every poll); `process` retries failed
    documents (:func:`is_current` holds only for those done).
    """
    out: set[str] = set()
    for i in range(0, len(sha256s), 500):  # under SQLite's limit of bound parameters
        chunk = sha256s[i : i + 500]
        rows = conn.execute(
            f"""SELECT sha256 FROM documents WHERE pipeline_version = ? AND status IN ('done', 'failed')
                AND sha256 IN ({", ".join("?" * len(chunk))})""",
            (pipeline_version, *chunk),
        )
        out.update(row[0] for row in rows)
    return out


def remember_path(conn: sqlite3.Connection, sha256: str, path: str) -> None:
    with conn:
        conn.execute(
            "INSERT OR IGNORE INTO document_files (sha256, path, first_seen) VALUES (?, ?, ?)",
            (sha256, path, now()),
        )


def record_failure(conn: sqlite3.Connection, record: DocumentRecord, run_id: int | None) -> None:
    """Log a failed document. A document already stored as done keeps its rows untouched."""
    failure = record.error or Failure("error", "unknown")
    with conn:
        conn.execute(
            "INSERT INTO failures (run_id, sha256, path, reason, message, at) VALUES (?, ?, ?, ?, ?, ?)",
            (run_id, record.sha256 or None, record.path, failure.reason, failure.message, now()),
        )
        if not record.sha256:
            return
        existing = conn.execute("SELECT status FROM documents WHERE sha256 = ?", (record.sha256,)).fetchone()
        if existing and existing["status"] == "done":
            return
        conn.execute(
            """INSERT INTO documents (sha256, file, path, kind, status, error_reason, error, warnings,
                   pipeline_version, run_id, processed_at, seconds, n_pages)
               VALUES (?, ?, ?, ?, 'failed', ?, ?, ?, ?, ?, ?, ?, ?)
               ON CONFLICT(sha256) DO UPDATE SET path = excluded.path, kind = excluded.kind,
                   error_reason = excluded.error_reason, error = excluded.error, warnings = excluded.warnings,
                   pipeline_version = excluded.pipeline_version, run_id = excluded.run_id,
                   processed_at = excluded.processed_at, seconds = excluded.seconds""",
            (
                record.sha256,
                record.file,
                record.path,
                record.kind,
                failure.reason,
                failure.message,
                json.dumps(record.warnings),
                record.pipeline_version,
                run_id,
                now(),
                record.seconds,
                len(record.pages) or None,
            ),
        )


def write_document(conn: sqlite3.Connection, record: DocumentRecord, run_id: int | None) -> None:
    """Store a successfully extracted document, replacing its previous machine rows atomically."""
    if record.status != "done":
        record_failure(conn, record, run_id)
        return
    sha = record.sha256
    with conn:
        for table in ("pages", "defendants", "counts", "charges", "mentions"):
            conn.execute(f"DELETE FROM {table} WHERE sha256 = ?", (sha,))
        conn.execute(
            """INSERT INTO documents (sha256, file, path, kind, status, error_reason, error, warnings,
                   pipeline_version, run_id, processed_at, seconds, n_pages)
               VALUES (?, ?, ?, ?, 'done', NULL, NULL, ?, ?, ?, ?, ?, ?)
               ON CONFLICT(sha256) DO UPDATE SET path = excluded.path, kind = excluded.kind,
                   status = 'done', error_reason = NULL, error = NULL, warnings = excluded.warnings,
                   pipeline_version = excluded.pipeline_version, run_id = excluded.run_id,
                   processed_at = excluded.processed_at, seconds = excluded.seconds,
                   n_pages = excluded.n_pages""",
            (
                sha,
                record.file,
                record.path,
                record.kind,
                json.dumps(record.warnings),
                record.pipeline_version,
                run_id,
                now(),
                record.seconds,
                len(record.pages),
            ),
        )
        conn.executemany(
            """INSERT INTO pages (sha256, number, method, ocr_confidence, char_count, error, text, boxes)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
            [
                (
                    sha,
                    p.number,
                    p.method,
                    p.ocr_confidence,
                    p.char_count,
                    p.error,
                    p.text,
                    encode(p.boxes) if p.boxes else None,
                )
                for p in record.pages
            ],
        )
        conn.executemany(
            f"INSERT INTO defendants (sha256, name, aliases, {_EVIDENCE_COLS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(sha, d.name, json.dumps(list(d.aliases)), *_evidence(d.evidence)) for d in record.defendants],
        )
        conn.executemany(
            f"""INSERT INTO counts (sha256, label, description, defendants, {_EVIDENCE_COLS})
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            [
                (sha, c.label, c.description, json.dumps(list(c.defendants)), *_evidence(c.evidence))
                for c in record.counts
            ],
        )
        conn.executemany(
            f"""INSERT INTO charges (sha256, count_label, count_description, statute, title, section, category,
                   {_EVIDENCE_COLS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            [(sha, *row) for row in _charge_rows(record)],
        )
        # every single field gets its chosen row (value NULL where nothing was found), so that a correction of
        # it always has a row to apply to; then the mentions and the other candidates
        values = [record.values.get(f.name) or Value(f.name, None, None) for f in registry().of_kind(SINGLE)]
        conn.executemany(
            f"""INSERT INTO mentions (sha256, field, value, chosen, attrs, {_EVIDENCE_COLS})
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            [
                (sha, v.field, v.value, chosen, json.dumps(v.attrs, default=str), *_evidence(v.evidence))
                for vs, chosen in ((values, 1), (record.mentions, 0))
                for v in vs
            ],
        )
        touched = update_case_keys(conn, [sha])
        rebuild_cases(conn, touched)


def _charge_rows(record: DocumentRecord) -> list[tuple]:
    """(count label, description, statute, title, section, category, evidence...) of each charged statute."""
    rows = []
    in_counts = set()
    for count in record.counts:
        for st in count.statutes:
            in_counts.add(st.citation)
            ev = _evidence(st.evidence or count.evidence)
            rows.append((count.label, count.description, st.citation, st.title, st.section, st.category, *ev))
    for st in record.statutes_cited:
        if st.citation not in in_counts:
            rows.append((None, None, st.citation, st.title, st.section, st.category, *_evidence(st.evidence)))
    return rows

"""Writes to the case dataset. Re-processing a document replaces its machine rows in one transaction."""

from __future__ import annotations

import json
import sqlite3

from expediente.casedata.cases import case_key, rebuild_cases
from expediente.casedata.db import now
from expediente.corpus.errors import Failure
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


def _value(v: Value | None) -> str | None:
    return v.value if v is not None else None


def write_document(conn: sqlite3.Connection, record: DocumentRecord, run_id: int | None) -> None:
    """Store a successfully extracted document, replacing its previous machine rows atomically."""
    if record.status != "done":
        record_failure(conn, record, run_id)
        return
    sha = record.sha256
    sentence = _value(record.sentence_months)
    months = record.sentence_months.attrs.get("months") if record.sentence_months else None
    official = record.public_official.value == "true" if record.public_official else None
    old = conn.execute("SELECT court_id, case_number FROM documents_effective WHERE sha256 = ?", (sha,)).fetchone()
    with conn:
        for table in ("pages", "defendants", "counts", "charges", "mentions"):
            conn.execute(f"DELETE FROM {table} WHERE sha256 = ?", (sha,))
        conn.execute(
            """INSERT INTO documents (sha256, file, path, kind, status, error_reason, error, warnings,
                   pipeline_version, run_id, processed_at, seconds, n_pages, doc_type, court_id, court,
                   case_number, custody, plea, sentence_months, sentence, public_official)
               VALUES (?, ?, ?, ?, 'done', NULL, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
               ON CONFLICT(sha256) DO UPDATE SET path = excluded.path, kind = excluded.kind,
                   status = 'done', error_reason = NULL, error = NULL, warnings = excluded.warnings,
                   pipeline_version = excluded.pipeline_version, run_id = excluded.run_id,
                   processed_at = excluded.processed_at, seconds = excluded.seconds,
                   n_pages = excluded.n_pages, doc_type = excluded.doc_type, court_id = excluded.court_id,
                   court = excluded.court, case_number = excluded.case_number, custody = excluded.custody,
                   plea = excluded.plea, sentence_months = excluded.sentence_months,
                   sentence = excluded.sentence, public_official = excluded.public_official""",
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
                _value(record.doc_type),
                _value(record.court),
                record.court.attrs.get("name") if record.court else None,
                _value(record.case_number),
                _value(record.custody),
                _value(record.plea),
                months,
                sentence,
                official,
            ),
        )
        conn.executemany(
            "INSERT INTO pages (sha256, number, method, ocr_confidence, char_count, error) VALUES (?, ?, ?, ?, ?, ?)",
            [(sha, p.number, p.method, p.ocr_confidence, p.char_count, p.error) for p in record.pages],
        )
        conn.executemany(
            f"INSERT INTO defendants (sha256, name, aliases, {_EVIDENCE_COLS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(sha, d.name, json.dumps(list(d.aliases)), *_evidence(d.evidence)) for d in record.defendants],
        )
        conn.executemany(
            f"INSERT INTO counts (sha256, label, description, {_EVIDENCE_COLS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(sha, c.label, c.description, *_evidence(c.evidence)) for c in record.counts],
        )
        charge_rows = []
        in_counts = set()
        for count in record.counts:
            for st in count.statutes:
                in_counts.add(st.citation)
                charge_rows.append(
                    (
                        sha,
                        count.label,
                        count.description,
                        st.citation,
                        st.title,
                        st.section,
                        st.category,
                        *_evidence(st.evidence or count.evidence),
                    )
                )
        for st in record.statutes_cited:
            if st.citation not in in_counts:
                charge_rows.append(
                    (sha, None, None, st.citation, st.title, st.section, st.category, *_evidence(st.evidence))
                )
        conn.executemany(
            f"""INSERT INTO charges (sha256, count_label, count_description, statute, title, section, category,
                   {_EVIDENCE_COLS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            charge_rows,
        )
        chosen = [
            record.doc_type,
            record.court,
            record.case_number,
            record.custody,
            record.plea,
            record.sentence_months,
            record.public_official,
        ]
        mention_rows = [(v, 1) for v in chosen if v is not None and v.evidence is not None]
        mention_rows += [(v, 0) for v in record.mentions]
        conn.executemany(
            f"""INSERT INTO mentions (sha256, kind, label, chosen, attrs, {_EVIDENCE_COLS})
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            [
                (sha, v.field, v.value, flag, json.dumps(v.attrs, default=str), *_evidence(v.evidence))
                for v, flag in mention_rows
            ],
        )
        new = conn.execute("SELECT court_id, case_number FROM documents_effective WHERE sha256 = ?", (sha,)).fetchone()
        keys = {case_key(row["court_id"], row["case_number"], sha) for row in (old, new) if row is not None}
        rebuild_cases(conn, keys)

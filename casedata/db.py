"""Open the case dataset, creating it and applying numbered migrations as needed.

Migrations are the files ``casedata/migrations/NNNN_name.sql``; each applied one
is recorded in ``schema_migrations`` so a database is upgraded in place.
"""

from __future__ import annotations

import os
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from expediente.casedata import schema
from expediente.casedata.cases import rebuild_cases, update_case_keys
from expediente.casedata.errors import MigrationError
from expediente.corpus.locations import shipped
from expediente.extractors import courts

DEFAULT_DB = "expediente.sqlite"


def default_path() -> str:
    return os.environ.get("EXPEDIENTE_DB", DEFAULT_DB)


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def migrations() -> list[tuple[int, str, Path]]:
    found = []
    for path in sorted(shipped("casedata", "migrations").glob("*.sql")):
        number, _, name = path.stem.partition("_")
        found.append((int(number), name, path))
    return found


def connect(path: str | os.PathLike | None = None, *, readonly: bool = False) -> sqlite3.Connection:
    """A connection to the dataset at ``path`` (default: $EXPEDIENTE_DB or ./expediente.sqlite)."""
    path = str(path or default_path())
    if readonly:
        if not Path(path).exists():
            raise MigrationError(f"no case dataset at {path}: run `expediente process PATH` first or pass --db")
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    else:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(path, timeout=30)
        conn.execute("PRAGMA journal_mode=WAL")
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA foreign_keys=ON")
    if not readonly:
        migrate(conn)
        refresh_derived(conn)
    elif not schema.is_current(conn):
        conn.close()
        raise MigrationError(
            f"the dataset at {path} was written by another version of expediente (its views and cases are "
            "not those of this version's fields): open it once with a writing command, "
            "e.g. `expediente process PATH --db " + path + "`, to upgrade it"
        )
    return conn


def applied(conn: sqlite3.Connection) -> set[int]:
    conn.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT, applied_at TEXT)"
    )
    return {row[0] for row in conn.execute("SELECT version FROM schema_migrations")}


def migrate(conn: sqlite3.Connection) -> list[int]:
    """Apply every migration not yet recorded; return the versions applied now."""
    done = applied(conn)
    known = {number for number, _, _ in migrations()}
    newer = done - known
    if newer:
        raise MigrationError(
            f"the dataset has schema version(s) {sorted(newer)} this expediente does not know: upgrade expediente"
        )
    new = []
    for number, name, path in migrations():
        if number in done:
            continue
        try:
            with conn:
                conn.executescript("BEGIN;\n" + path.read_text(encoding="utf-8") + "\n;")
                conn.execute(
                    "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                    (number, name, now()),
                )
        except sqlite3.Error as exc:
            raise MigrationError(f"migration {path.name} failed: {exc}") from exc
        new.append(number)
    return new


def refresh_derived(conn: sqlite3.Connection) -> bool:
    """Rebuild the views and the cases table when the field registry or their SQL changed (casedata/schema.py)."""
    if schema.is_current(conn):
        return False
    with conn:
        conn.execute("CREATE TABLE IF NOT EXISTS schema_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        for view in schema.VIEWS:
            conn.execute(f"DROP VIEW IF EXISTS {view}")
        conn.execute("DROP TABLE IF EXISTS cases")
        for sql in schema.statements():
            conn.execute(sql)
        conn.execute("CREATE TABLE IF NOT EXISTS court_names (id TEXT PRIMARY KEY, name TEXT NOT NULL)")
        conn.execute("DELETE FROM court_names")
        conn.executemany("INSERT INTO court_names VALUES (?, ?)", courts.all_names())
        update_case_keys(conn)
        rebuild_cases(conn)
        conn.execute("INSERT OR REPLACE INTO schema_meta VALUES ('derived', ?)", (schema.fingerprint(),))
    return True

"""Open the case dataset, creating it and applying numbered migrations as needed.

Migrations are the files ``casedata/migrations/NNNN_name.sql``; each applied one
is recorded in ``schema_migrations`` so a database is upgraded in place.
"""

from __future__ import annotations

import os
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from expediente.casedata.errors import MigrationError
from expediente.corpus.locations import shipped

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

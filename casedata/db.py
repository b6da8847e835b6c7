"""Open the case dataset: one check on open, creating it and applying numbered migrations as needed.

Migrations are the files ``casedata/migrations/NNNN_name.sql``; each applied one
is recorded in ``schema_migrations`` so a database is upgraded in place.

Every command opens the dataset through :func:`connect`, which refuses with a
:class:`~casedata.errors.DatasetError` (one exit code) anything that is not a case dataset
of this code's schema: a missing path (unless the command creates it), a folder, a file
that is not SQLite, an unrelated SQLite database, or a schema newer (or, read-only, older)
than this code.
"""

from __future__ import annotations

import os
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from expediente.casedata import schema
from expediente.casedata.cases import rebuild_cases, update_case_keys
from expediente.casedata.errors import DatasetError, MigrationError
from expediente.corpus.locations import shipped
from expediente.extractors import courts

DEFAULT_DB = "expediente.sqlite"
LEDGER = "schema_migrations"


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


def connect(
    path: str | os.PathLike | None = None, *, readonly: bool = False, create: bool = True
) -> sqlite3.Connection:
    """A connection to the dataset at ``path`` (default: $EXPEDIENTE_DB or ./expediente.sqlite).

    ``readonly``: for commands that only read (``show``, ``export``, ``stats``); the dataset must exist
    at this code's schema. Otherwise the dataset is opened for writing and upgraded in place; a missing
    path is created when ``create`` (``process``) and refused when not (``correct``).
    """
    path = Path(path or default_path())
    _check_file(path, must_exist=readonly or not create)
    if readonly:
        conn = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(path, timeout=30)
    conn.row_factory = sqlite3.Row
    try:
        _check_schema(conn, path, readonly)
        if not readonly:
            conn.execute("PRAGMA journal_mode=WAL")
            migrate(conn)
        derive(conn, temporary=readonly)
        conn.execute("PRAGMA foreign_keys=ON")
    except sqlite3.DatabaseError as exc:
        conn.close()
        if "not a database" in str(exc):
            raise DatasetError(
                f"{path} is not a case dataset (not a SQLite database): pass the file `expediente process` wrote"
            ) from exc
        raise DatasetError(
            f"{path} cannot be opened as a case dataset ({exc}): pass the file `expediente process` wrote"
        ) from exc
    except DatasetError:
        conn.close()
        raise
    return conn


def _check_file(path: Path, must_exist: bool) -> None:
    """Refuse what cannot be a dataset before SQLite touches it (SQLite would create, or fail late)."""
    if path.is_dir():
        raise DatasetError(
            f"{path} is a folder, not a case dataset: pass the dataset file (e.g. --db {path / DEFAULT_DB})"
        )
    if not path.exists():
        if must_exist:
            raise DatasetError(
                f"no case dataset at {path}: run `expediente process PATH --db {path}` first, "
                "or pass --db (or set EXPEDIENTE_DB) to the dataset's path"
            )
        return
    if not path.is_file():
        raise DatasetError(f"{path} is not a regular file, so not a case dataset: pass the dataset file with --db")
    # the size, never the bytes: opening and closing the file here would drop the POSIX locks every SQLite
    # connection of this process holds on it, and another process could then delete the WAL under them
    # (a non-SQLite file is refused by SQLite itself, in connect)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise DatasetError(f"cannot read the dataset {path}: {exc.strerror or exc}") from exc
    if size == 0 and must_exist:
        raise DatasetError(f"{path} is empty (0 bytes), not a case dataset: run `expediente process` into it first")


def _check_schema(conn: sqlite3.Connection, path: Path, readonly: bool) -> None:
    """Refuse an unrelated database, a newer schema, or (read-only, where it cannot be upgraded) an older one."""
    known = {number: name for number, name, _ in migrations()}
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")}
    if not tables:
        if readonly:
            raise DatasetError(f"{path} is an empty SQLite database, not a case dataset: run `expediente process`")
        return
    if LEDGER not in tables:
        listed = ", ".join(sorted(tables)[:5]) + (", …" if len(tables) > 5 else "")
        raise DatasetError(
            f"{path} is a SQLite database but not an expediente case dataset (it holds {listed}); "
            "expediente never adds its tables to another database: pass a case dataset or a new path with --db"
        )
    try:
        done = {row[0]: row[1] for row in conn.execute(f"SELECT version, name FROM {LEDGER}")}
    except sqlite3.OperationalError as exc:
        raise DatasetError(
            f"{path} is a SQLite database but not an expediente case dataset (its {LEDGER} is not ours: {exc}); "
            "pass a case dataset or a new path with --db"
        ) from exc
    if (tables != {LEDGER} and not done) or any(known.get(v, name) != name for v, name in done.items()):
        raise DatasetError(
            f"{path} is a SQLite database but not an expediente case dataset (its {LEDGER} are not expediente's); "
            "pass a case dataset or a new path with --db"
        )
    newer = sorted(set(done) - set(known))
    if newer:
        raise MigrationError(
            f"the dataset {path} has schema version(s) {newer} this expediente does not know: upgrade expediente"
        )
    pending = sorted(set(known) - set(done))
    if readonly and pending:
        raise MigrationError(
            f"{path} has an older schema than this expediente (migrations {pending} not applied): "
            f"upgrade it in place by processing into it once (`expediente process PATH --db {path}`)"
        )


def migrate(conn: sqlite3.Connection) -> list[int]:
    """Apply every migration not yet recorded; return the versions applied now."""
    conn.execute(f"CREATE TABLE IF NOT EXISTS {LEDGER} (version INTEGER PRIMARY KEY, name TEXT, applied_at TEXT)")
    done = {row[0] for row in conn.execute(f"SELECT version FROM {LEDGER}")}
    new = []
    for number, name, path in migrations():
        if number in done:
            continue
        try:
            with conn:
                conn.executescript("BEGIN;\n" + path.read_text(encoding="utf-8") + "\n;")
                conn.execute(
                    f"INSERT INTO {LEDGER} (version, name, applied_at) VALUES (?, ?, ?)",
                    (number, name, now()),
                )
        except sqlite3.Error as exc:
            raise MigrationError(f"migration {path.name} failed: {exc}") from exc
        new.append(number)
    return new


def derive(conn: sqlite3.Connection, *, temporary: bool = False) -> bool:
    """Build the views and the cases table (casedata/schema.py) when the registry or their SQL changed.

    A dataset opened for writing is updated in place. One opened read-only keeps its file as it is: the
    current views and cases are built as TEMP objects of this connection, which shadow the stored ones.
    Returns whether anything was built.
    """
    if schema.is_current(conn):
        return False
    temp = " TEMP" if temporary else ""
    with conn:
        if not temporary:
            for view in schema.VIEWS:
                conn.execute(f"DROP VIEW IF EXISTS {view}")
            for table in schema.DERIVED_TABLES:
                conn.execute(f"DROP TABLE IF EXISTS {table}")
        for sql in schema.statements():
            conn.execute(
                sql.replace("CREATE VIEW", f"CREATE{temp} VIEW").replace("CREATE TABLE", f"CREATE{temp} TABLE")
            )
        conn.execute(f"CREATE{temp} TABLE IF NOT EXISTS court_names (id TEXT PRIMARY KEY, name TEXT NOT NULL)")
        conn.execute("DELETE FROM court_names")
        conn.executemany("INSERT INTO court_names VALUES (?, ?)", courts.all_names())
        if not temporary:
            update_case_keys(conn)
        rebuild_cases(conn)
        if not temporary:
            conn.execute("CREATE TABLE IF NOT EXISTS schema_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
            conn.execute("INSERT OR REPLACE INTO schema_meta VALUES ('derived', ?)", (schema.fingerprint(),))
    return True

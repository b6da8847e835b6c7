"""`expediente browse`: Datasette on the case dataset, read-only, on 127.0.0.1.

The dataset is first brought to this expediente's schema (migrations and the views derived from the field
registry, in place, as ``process`` does; nothing is lost), then served through connections SQLite opens
read-only (``mode=ro``): Datasette's SQL page accepts only SELECT and nothing else can write. Metadata,
facets, full-text search and canned queries come from :mod:`casedata.catalog`.
"""

from __future__ import annotations

import importlib
import socket
import sys
from pathlib import Path

from expediente.casedata import catalog, schema
from expediente.casedata.db import connect, default_path
from expediente.casedata.errors import MigrationError
from expediente.corpus.errors import ExitCode, ExpedienteError

HOST = "127.0.0.1"  # never another interface: the dataset holds unpublished research
SETTINGS = {"sql_time_limit_ms": 5000, "default_page_size": catalog.PAGE_SIZE, "max_returned_rows": 5000}


class ServerError(ExpedienteError):
    """The local server cannot listen."""

    exit_code = ExitCode.SERVER
    reason = "server"


def prepare(db: str | None) -> Path:
    """The dataset's path once it is a case dataset of this expediente's schema (upgraded in place if older)."""
    path = Path(db or default_path())
    try:
        conn = connect(path, readonly=True)
        current = schema.is_current(conn)
        conn.close()
    except MigrationError:
        current = False  # an older schema: upgraded below (a newer one is refused again there)
    if not current:
        connect(path, create=False).close()
        print(f"upgraded {path} to this expediente's schema (in place; nothing removed)", file=sys.stderr)
    return path.resolve()


def listen(port: int, host: str = HOST) -> socket.socket:
    """A listening socket on ``host:port`` (port 0: any free one), or ServerError saying what to change."""
    sock = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET, socket.SOCK_STREAM)
    # accepted connections inherit it: without it a response's headers and body are two small writes, and the
    # body waits for the client's delayed acknowledgement (40 ms a request)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        raise ServerError(
            f"cannot listen on {host}:{port} ({exc.strerror or exc}): pass another --port, or 0 for any free one"
        ) from exc
    sock.listen(128)
    return sock


def read_only(app):
    """The ASGI app, answering 405 to any request that could change something (only GET and HEAD pass)."""

    async def guarded(scope, receive, send):
        if scope["type"] == "http" and scope["method"] not in ("GET", "HEAD"):
            body = b"expediente browse is read-only: correct values with `expediente correct`\n"
            headers = [(b"content-type", b"text/plain; charset=utf-8"), (b"allow", b"GET, HEAD")]
            await send({"type": "http.response.start", "status": 405, "headers": headers})
            await send({"type": "http.response.body", "body": body})
            return
        await app(scope, receive, send)

    return guarded


def serve(db: str | None, port: int) -> None:
    """Serve the dataset until interrupted."""
    import uvicorn
    from datasette.app import Datasette
    from datasette.database import Database

    # Datasette prints every refused query's traceback, with its locals, when rich is installed (it is, for
    # the progress bars): the browser shows the error, so the terminal stays quiet. (Imported after
    # datasette.app, which registers this module's error handler.)
    importlib.import_module("datasette.handle_exception").rich = None

    path = prepare(db)
    sock = listen(port)
    ds = Datasette(metadata=catalog.metadata(), settings=SETTINGS)
    ds.add_database(Database(ds, path=str(path), is_mutable=True), name=catalog.DATABASE)
    url = f"http://{HOST}:{sock.getsockname()[1]}/{catalog.DATABASE}"
    print(f"serving {path} read-only at {url} (Ctrl-C stops)", flush=True)
    server = uvicorn.Server(uvicorn.Config(read_only(ds.app()), log_level="warning", lifespan="on"))
    server.run(sockets=[sock])

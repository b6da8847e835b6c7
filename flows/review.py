"""`expediente review`: serve the review workbench, and manage its accounts.

Served on 127.0.0.1 by default. Served there to a dataset without accounts, whoever opens it is the local user
(a reviewer), as with any local tool. Any other ``--host`` makes the workbench reachable by others: it then
refuses to start until accounts exist (``expediente review add-user NAME``), and every request needs a login.
"""

from __future__ import annotations

import getpass
import ipaddress
import os
import socket
import sys

from expediente.casedata import accounts
from expediente.casedata.db import connect
from expediente.casedata.errors import AccountError
from expediente.flows.browse import ServerError, prepare

LOOPBACK = "127.0.0.1"


def is_loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"


def listen(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        raise ServerError(
            f"cannot listen on {host}:{port} ({exc.strerror or exc}): pass another --port, or 0 for any free one"
        ) from exc
    sock.listen(128)
    return sock


def serve(db: str | None, host: str, port: int, double_share: float) -> None:
    """Serve the workbench until interrupted."""
    import uvicorn

    from expediente.annotations.workbench.app import Settings, create_app

    path = prepare(db)
    conn = connect(path, create=False)
    with_accounts = accounts.has_users(conn)
    conn.close()
    if not is_loopback(host) and not with_accounts:
        raise AccountError(
            f"--host {host} would let other machines reach the workbench, and the dataset has no accounts: "
            "create them first (expediente review add-user NAME), or serve on 127.0.0.1"
        )
    local_user = None if with_accounts else os.environ.get("USER") or "local"
    sock = listen(host, port)
    app = create_app(Settings(path, local_user=local_user, double_share=double_share))
    shown = f"[{host}]" if ":" in host else host
    who = "log in with an account" if with_accounts else f"as {local_user}, without accounts"
    print(f"reviewing {path} at http://{shown}:{sock.getsockname()[1]}/ ({who}; Ctrl-C stops)", flush=True)
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
    server.run(sockets=[sock])


def add_user(db: str | None, name: str, role: str, password_stdin: bool) -> None:
    """Create an account; the password is read from the terminal (twice), or one line of standard input."""
    if password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = getpass.getpass(f"password for {name}: ")
        if getpass.getpass("again: ") != password:
            raise AccountError("the two passwords differ: run the command again")
    conn = connect(db, create=False)
    accounts.add_user(conn, name, password, role)
    print(f"user {name} ({role}) added", file=sys.stderr)

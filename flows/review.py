"""`expediente review`: serve the review workbench, and manage its accounts.

Served on 127.0.0.1 by default. Served there to a dataset without accounts, whoever opens it is the local user
(a reviewer), as with any local tool. Any other ``--host`` makes the workbench reachable by others: it then
refuses to start until accounts exist (``expediente review add-user NAME``), and every request needs a login.
"""

from __future__ import annotations

import getpass
import ipaddress
import json
import os
import sys
from pathlib import Path

from expediente.casedata import accounts
from expediente.casedata.db import connect
from expediente.casedata.errors import AccountError
from expediente.flows.browse import listen, prepare

LOOPBACK = "127.0.0.1"


def is_loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"


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
    sock = listen(port, host)
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


def export_gold(db: str | None, folder: str) -> None:
    from expediente.annotations.gold_export import export_gold as write

    written = write(connect(db, readonly=True), folder)
    print(f"wrote {len(written)} reviewed documents as gold labels into {folder}", file=sys.stderr)


def export_labelstudio(db: str | None, output: str) -> None:
    from expediente.annotations.labelstudio import export_tasks, labelling_config

    tasks = export_tasks(connect(db, readonly=True))
    Path(output).write_text(json.dumps(tasks, ensure_ascii=False, indent=1), encoding="utf-8")
    config = Path(output).with_suffix(".xml")
    config.write_text(labelling_config(), encoding="utf-8")
    print(f"wrote {len(tasks)} Label Studio tasks to {output} and their labelling config to {config}", file=sys.stderr)


def import_labelstudio(db: str | None, export: str, author: str) -> None:
    from expediente.annotations.labelstudio import LabelStudioError, import_export

    try:
        data = json.loads(Path(export).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise LabelStudioError(f"cannot read the Label Studio export {export}: {exc}") from exc
    summary = import_export(connect(db, create=False), data, author)
    written = ", ".join(f"{n} {action}" for action, n in sorted(summary.written.items())) or "nothing new"
    print(
        f"{summary.tasks} tasks, {summary.annotations} annotations: recorded {written}; "
        f"{summary.unchanged} already recorded"
        + (f"; {len(summary.problems)} not recorded: " + "; ".join(summary.problems[:5]) if summary.problems else ""),
        file=sys.stderr,
    )

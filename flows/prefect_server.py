"""Prefect's API for a command's flows: the user's server when ``PREFECT_API_URL`` names one, else a local one
started for the command and tied to it.

Prefect would start its own temporary server, but that process outlives a killed parent and keeps listening,
and a slow start ends in a traceback. This one is the same ASGI app under uvicorn on a free loopback port,
started with :func:`~flows.lifetime.die_with_parent` (the kernel kills it when the command dies, even by
``kill -9``), stopped when the command's work is done, and given ``FLOW_SETTINGS.prefect_start_timeout_s`` to
answer before :class:`PrefectServerError` says what to do.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from functools import partial

from expediente.flows.engine import EngineError
from expediente.flows.lifetime import die_with_parent
from expediente.flows.settings import FLOW_SETTINGS

HOST = "127.0.0.1"
PREFECT_DEFAULTS = {  # quiet, local, no telemetry (a user's own environment variables win)
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "PREFECT_LOGGING_LEVEL": "WARNING",
    "PREFECT_LOGGING_TO_API_ENABLED": "false",
    "PREFECT_UI_ENABLED": "false",
}


class PrefectServerError(EngineError):
    """Prefect's local server did not start or answer in time."""

    reason = "prefect_server"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/health", timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


def _start(timeout_s: float) -> tuple[subprocess.Popen, str]:
    port = _free_port()
    url = f"http://{HOST}:{port}/api"
    env = {**os.environ, "PREFECT_UI_ENABLED": "0", "PREFECT__SERVER_EPHEMERAL": "1", "PREFECT__SERVER_FINAL": "1"}
    command = [sys.executable, "-m", "uvicorn", "--factory", "prefect.server.api.server:create_app"]
    command += ["--host", HOST, "--port", str(port), "--log-level", "error", "--lifespan", "on"]
    server = subprocess.Popen(
        command,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        preexec_fn=partial(die_with_parent, os.getpid()),
    )
    deadline = time.monotonic() + timeout_s
    while not _answers(url):
        if server.poll() is not None:
            error = server.stderr.read().decode(errors="replace").strip().splitlines()[-3:]
            raise PrefectServerError(
                f"Prefect's local server exited with code {server.returncode} before answering: "
                f"{' / '.join(error) or 'no message'}; check that PREFECT_HOME "
                f"({os.environ.get('PREFECT_HOME', '~/.prefect')}) is writable"
            )
        if time.monotonic() > deadline:
            _stop(server)
            raise PrefectServerError(
                f"Prefect's local server did not answer within {timeout_s:.0f} s (a loaded machine?): "
                "raise EXPEDIENTE_PREFECT_START_TIMEOUT_S, or run a Prefect server and set PREFECT_API_URL"
            )
        time.sleep(0.1)
    return server, url


def _stop(server: subprocess.Popen) -> None:
    server.terminate()
    try:
        server.wait(timeout=5)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def quiet_prefect() -> None:
    """Prefect's defaults for this tool, set before Prefect is first imported (it reads them then)."""
    for key, value in PREFECT_DEFAULTS.items():
        os.environ.setdefault(key, value)


@contextlib.contextmanager
def prefect_api(timeout_s: float = FLOW_SETTINGS.prefect_start_timeout_s) -> Iterator[str]:
    """Within: Prefect's client talks to the user's server (``PREFECT_API_URL``) or to a local one; its URL."""
    quiet_prefect()
    from prefect.settings import PREFECT_API_URL, temporary_settings

    if PREFECT_API_URL.value():  # the user's server (or a test harness's)
        yield PREFECT_API_URL.value()
        return
    server, url = _start(timeout_s)
    try:
        with temporary_settings({PREFECT_API_URL: url}):
            yield url
    finally:
        _stop(server)

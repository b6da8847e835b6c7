"""The lifetime of a command's child processes: they stop when it stops, and die when it dies.

- :func:`die_with_parent` (Linux) asks the kernel to kill the calling process when its parent dies, even by
  ``kill -9``: Prefect's local server and the worker processes call it first thing, so none outlives the
  ``expediente`` process that started it.
- :func:`stopping_on_signals`: on SIGINT or SIGTERM every descendant process (workers, OCR engines, the
  server) is killed at once, and the flow raises ``KeyboardInterrupt`` at its next safe point (between two
  documents' writes); should the command still be running ``FLOW_SETTINGS.stop_s`` later (a thread busy in
  a long document cannot be interrupted), it exits there. Documents already written stay in the
  dataset (each is its own transaction, and an unfinished one is rolled back); the next run resumes.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import threading
from collections.abc import Callable, Iterator

import psutil

from expediente.corpus.errors import ExitCode
from expediente.flows.settings import FLOW_SETTINGS

PR_SET_PDEATHSIG = 1  # linux/prctl.h
SIGNALS = (signal.SIGINT, signal.SIGTERM)
_BEFORE_STOP: list[Callable[[], None]] = []


def die_with_parent(parent_pid: int | None = None) -> None:
    """Have the kernel send SIGKILL to this process when its parent dies (no-op off Linux).

    ``parent_pid``, when given, closes the race of a parent that died before the call: then exit at once.
    """
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):  # not Linux: children are still ended on SIGINT/SIGTERM
        return
    if parent_pid is not None and os.getppid() != parent_pid:
        os._exit(1)


def end_descendants() -> list[int]:
    """SIGKILL every descendant of this process (workers, OCR engines, Prefect's server); their pids.

    None holds anything of the dataset's (this process is its one writer) and SQLite survives a kill, so
    there is nothing to wait for; a polite SIGTERM would only make them print tracebacks on the way out.
    """
    try:
        children = [child for child in psutil.Process().children(recursive=True) if not _exits_with_us(child)]
    except psutil.Error:
        return []
    for child in children:
        with contextlib.suppress(psutil.Error):
            child.kill()
    psutil.wait_procs(children, timeout=FLOW_SETTINGS.stop_s / 2)
    return [child.pid for child in children]


def _exits_with_us(child: psutil.Process) -> bool:
    """multiprocessing's resource tracker: it ends by itself when this process does (killed before, another
    one would start and print a traceback over the bookkeeping the first one kept)."""
    with contextlib.suppress(psutil.Error):
        return any("resource_tracker" in part for part in child.cmdline())
    return False


_STOP = threading.Event()


def _exit_when_overdue() -> None:
    end_descendants()
    os.write(2, b"expediente: interrupted (exited before the run could wind down)\n")
    os._exit(ExitCode.INTERRUPTED)


def _stop(signum, frame) -> None:
    """Kill the children and note the stop; the flow raises at its next safe point (:func:`raise_if_stopping`).

    Raising here instead could land inside a library's callback (Prefect's serializers wrap exceptions into
    their own) and be taken for a document's failure."""
    if _STOP.is_set():  # a second signal while the first is handled changes nothing
        return
    _STOP.set()
    deadline = threading.Timer(FLOW_SETTINGS.stop_s, _exit_when_overdue)
    deadline.daemon = True
    deadline.start()
    for callback in list(_BEFORE_STOP):
        with contextlib.suppress(Exception):  # the stop goes on whatever a callback does
            callback()
    end_descendants()


@contextlib.contextmanager
def before_stop(callback: Callable[[], None]) -> Iterator[None]:
    """While within: a signal that stops the command runs ``callback`` first, before its children are killed."""
    _BEFORE_STOP.append(callback)
    try:
        yield
    finally:
        _BEFORE_STOP.remove(callback)


def raise_if_stopping() -> None:
    """At a point where stopping leaves everything whole: raise ``KeyboardInterrupt`` once a signal came."""
    if _STOP.is_set():
        raise KeyboardInterrupt("stopped by a signal")


def reclaim_signals() -> None:
    """Prefect's flow engine takes SIGTERM for the length of a flow run: take it back (main thread only)."""
    if threading.current_thread() is threading.main_thread():
        for sig in SIGNALS:
            signal.signal(sig, _stop)


@contextlib.contextmanager
def stopping_on_signals() -> Iterator[None]:
    """SIGINT or SIGTERM: end every child process, stop the work at its next safe point, and be gone in time."""
    if threading.current_thread() is not threading.main_thread():  # signals reach only the main thread
        yield
        return
    _STOP.clear()
    previous = {sig: signal.signal(sig, _stop) for sig in SIGNALS}
    try:
        yield
        raise_if_stopping()  # a signal that came after the last document still ends the command as stopped
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)

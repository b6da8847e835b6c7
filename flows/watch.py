"""`expediente watch DIR`: an inbox. Filings are processed as they land in a folder, once each.

A poll loop, the issue's "scheduled flow": every interval the folder is listed (recursively, skipping what
`process` skips: hidden files and folders, ``__pycache__``, ``node_modules``) and each file's ``os.stat``
compared with the previous poll's. A file is taken once its inode, size, modification and change times have
held still for one interval, so a file still being copied is never read half-written. A file this session
already took with the same stat is not looked at again, so an idle poll reads no file and opens no dataset.
Files taken are hashed (SHA-256, as `process` does) and those the dataset already holds under this pipeline
version, done *or failed*, are skipped: a restart re-hashes the folder once and re-does no work, and a file
that failed is reported once, not retried at every poll (`expediente process DIR` retries failed documents).
The rest go to :func:`~expediente.flows.batch.process_batch`, which runs the Prefect flow for them.

Why a loop that calls the flow only when there is work, and not a Prefect deployment served by the command:
a served deployment keeps Prefect's API up the whole time, idle or not (here its temporary local server: a
uvicorn process with its own database, 9-17 s to start as the issue measured), plus a runner polling it for
scheduled runs. Here an idle poll is a folder listing, without Prefect and without opening the dataset.
Prefect is imported at the first file to read (as by `process`), and its local server runs for the length of
each batch (flows/prefect_server.py): an idle inbox holds no server.

Stopping: SIGINT or SIGTERM between polls ends the loop at once (within a fraction of a second) with exit
code 0 and the session's totals; during a batch (or a second time) either raises KeyboardInterrupt, which
this module never catches, so a batch stops as `process` stops.
"""

from __future__ import annotations

import os
import signal
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from expediente.casedata import store
from expediente.casedata.db import connect, default_path
from expediente.corpus.discover import FoundFile, discover, walk
from expediente.corpus.errors import ExitCode, Failure, UnreadableDocument
from expediente.corpus.safetext import strip_control_sequences
from expediente.corpus.settings import SettingError

Stat = tuple[int, int, int, int]  # inode, size, mtime_ns, ctime_ns: a file holding still keeps all four
SLEEP_SLICE_S = 0.2  # the longest a stop request waits while the loop sleeps


class InboxError(UnreadableDocument):
    """The folder to watch does not exist or is not a folder (the input cannot be read: exit code 3)."""

    reason = "inbox"


def file_stat(path: str) -> Stat | None:
    """The stat a file is watched by (a symbolic link's own when it leads nowhere); None once it is gone."""
    try:
        st = os.stat(path)
    except OSError:
        try:
            st = os.lstat(path)
        except OSError:
            return None
    return (st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)


def listing(root: Path, problems: list[tuple[str, Failure]]) -> dict[str, Stat]:
    """Every visible file under ``root`` with its stat, walked as `process` walks a folder; a folder that
    cannot be listed is added to ``problems``."""
    stats = ((str(path), file_stat(str(path))) for path in walk(root, problems))
    return {path: st for path, st in stats if st is not None}


@dataclass
class Inbox:
    """Which files of a folder are ready: unchanged since the previous poll and not yet taken with that stat."""

    folder: Path
    previous: dict[str, Stat] = field(default_factory=dict)
    taken: dict[str, Stat] = field(default_factory=dict)
    reported: set[tuple[str, str]] = field(default_factory=set)  # folder problems already reported

    def poll(self) -> tuple[list[str], list[tuple[str, Failure]]]:
        """``(ready, problems)``: the files ready to take, and folder problems not reported before."""
        problems: list[tuple[str, Failure]] = []
        current = listing(self.folder, problems)
        ready = [p for p, st in current.items() if self.previous.get(p) == st and self.taken.get(p) != st]
        self.previous = current
        self.taken = {p: st for p, st in self.taken.items() if p in current}  # a file gone and back is new
        fresh = [(p, f) for p, f in problems if (p, f.message) not in self.reported]
        self.reported.update((p, f.message) for p, f in fresh)
        return ready, fresh

    def take(self, path: str) -> None:
        """Mark ``path`` as taken with the stat this poll saw: it is looked at again only once it changes."""
        if path in self.previous:
            self.taken[path] = self.previous[path]

    def pending(self) -> bool:
        """Whether a file seen by the last poll is still to take (it changed since, or is new)."""
        return any(self.taken.get(p) != st for p, st in self.previous.items())


@dataclass
class Totals:
    """What one watch session did."""

    done: int = 0
    failed: int = 0
    skipped: int = 0  # already in the dataset (done or failed under this pipeline version)

    def line(self) -> str:
        return f"{self.done} done, {self.failed} failed, {self.skipped} already in the dataset"


class StopRequest:
    """SIGINT and SIGTERM while installed: between polls they ask the loop to stop; during a batch, or when a
    stop was already asked, they raise KeyboardInterrupt (never caught here: a batch stops as `process` does)."""

    SIGNALS = (signal.SIGINT, signal.SIGTERM)

    def __init__(self) -> None:
        self.requested = False
        self.busy = False
        self._previous: dict[int, object] = {}

    def __enter__(self) -> StopRequest:
        for signum in self.SIGNALS:
            self._previous[signum] = signal.signal(signum, self._handle)
        return self

    def __exit__(self, *exc) -> None:
        for signum, handler in self._previous.items():
            signal.signal(signum, handler)

    def _handle(self, signum, frame) -> None:
        if self.busy or self.requested:
            raise KeyboardInterrupt
        self.requested = True


class Watcher:
    """The poll loop over one folder into one dataset."""

    def __init__(self, folder: str, db_path: str, interval: float, out: TextIO | None = None) -> None:
        self.inbox = Inbox(Path(folder))
        self.db_path = db_path
        self.interval = interval
        self.out = out
        self.totals = Totals()
        self.stop = StopRequest()

    def say(self, text: str) -> None:
        stamp = time.strftime("%Y-%m-%d %H:%M:%S")
        print(strip_control_sequences(f"{stamp} {text}"), file=self.out or sys.stderr, flush=True)

    def run(self, once: bool = False) -> Totals:
        """Poll until stopped (``once``: two polls one interval apart, so a file must hold still, then return)."""
        with self.stop:
            try:
                polls = 0
                while not self.stop.requested:
                    self.poll()
                    polls += 1
                    if once and polls == 2:
                        break
                    self.sleep(self.interval)
            finally:
                self.say(f"expediente watch: stopped; this session: {self.totals.line()}")
        return self.totals

    def sleep(self, seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while not self.stop.requested and (left := deadline - time.monotonic()) > 0:
            time.sleep(min(left, SLEEP_SLICE_S))

    def poll(self) -> None:
        """One poll: take the files that are ready and process them."""
        ready, rejected = self.inbox.poll()
        if not ready and not rejected:
            return
        found: list[FoundFile] = []
        for path in ready:
            if self.stop.requested:
                return  # nothing is marked taken: the next session takes these files
            hashed, problems = discover([path])
            found += hashed
            rejected += [(p, f) for p, f in problems if os.path.lexists(p)]  # a file moved away is no failure
        todo = self.unsettled(found)
        self.totals.skipped += len(found) - len(todo)
        if todo or rejected:
            self.process(todo, rejected)
        for path in ready:
            self.inbox.take(path)

    def unsettled(self, found: list[FoundFile]) -> list[FoundFile]:
        """The files whose documents this pipeline version has not finished with (their paths are recorded)."""
        if not found:
            return []
        from expediente.extractors.version import pipeline_version

        conn = connect(self.db_path)
        try:
            done = store.settled(conn, sorted({f.sha256 for f in found}), pipeline_version())
            for item in found:
                if item.sha256 in done:
                    store.remember_path(conn, item.sha256, str(item.path))
        finally:
            conn.close()
        return [f for f in found if f.sha256 not in done]

    def process(self, todo: list[FoundFile], rejected: list[tuple[str, Failure]]) -> None:
        from expediente.flows.batch import process_batch  # Prefect itself only when `todo` has documents

        def on_progress(path: str, outcome: str) -> None:
            if outcome == "done":
                self.say(f"done {path}")

        self.stop.busy = True
        try:
            summary = process_batch(todo, self.db_path, rejected=rejected, on_progress=on_progress)
        finally:
            self.stop.busy = False
        for path, failure in summary.failed:
            self.say(f"failed {path}: {failure}")
        self.totals.done += len(summary.done)
        self.totals.failed += len(summary.failed)
        self.totals.skipped += len(summary.skipped)
        self.say(f"{summary.line()} (run {summary.run_id})")


def watch(folder: str, db_path: str | None, interval: float | None, once: bool = False) -> ExitCode:
    """Run the inbox on ``folder`` until SIGINT or SIGTERM (``once``: one poll); the exit code.

    With ``once``, new failures make the exit code 10 or 11 as `process`'s do, so cron notices them.
    """
    from expediente.flows.settings import FLOW_SETTINGS

    interval = FLOW_SETTINGS.watch_interval_s if interval is None else interval
    if interval <= 0:
        raise SettingError(f"the interval between polls must be more than 0 seconds, not {interval}")
    root = Path(folder)
    if not root.is_dir():
        what = "is not a folder" if root.exists() else "does not exist"
        raise InboxError(f"{folder} {what}: pass the folder new filings are copied into")
    db_path = db_path or default_path()
    connect(db_path).close()  # the dataset is checked (and created or upgraded) before the first poll
    watcher = Watcher(folder, db_path, interval)
    watcher.say(f"expediente watch: watching {folder} every {interval:g} s, dataset {db_path} (Ctrl-C stops)")
    totals = watcher.run(once=once)
    if once and totals.failed:
        from expediente.flows.batch import AllDocumentsFailed, SomeDocumentsFailed

        where = "each failure is listed above and in the dataset's `failures` table"
        if totals.done or totals.skipped:
            raise SomeDocumentsFailed(f"{totals.failed} new files failed; the others are stored; {where}")
        raise AllDocumentsFailed(f"all {totals.failed} new files failed; {where}")
    return ExitCode.OK

"""`expediente process`: discover files, run the batch flow with a progress bar, print the summary.

File names and failure messages are untrusted text: they are printed with rich markup off and without
terminal control sequences (a name holding ``[/]`` or ``[sealed]`` is shown as it is), one a line.
"""

from __future__ import annotations

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.text import Text

from expediente.casedata.db import connect, default_path
from expediente.corpus.discover import discover
from expediente.corpus.safetext import strip_control_sequences
from expediente.flows.batch import BatchSummary, process_batch
from expediente.flows.engine import Engine

console = Console(stderr=True)


def run_with_progress(
    paths: list[str], db_path: str | None = None, force: bool = False, show: bool = True, engine: Engine | None = None
) -> BatchSummary:
    db_path = db_path or default_path()
    connect(db_path).close()  # the dataset is checked (and created or upgraded) before any work starts
    found, rejected = discover(paths)
    total = len(found) + len(rejected)
    header = strip_control_sequences(f"expediente: {total} files to consider, dataset {db_path}")
    console.print(header, markup=False, soft_wrap=True)
    with Progress(
        TextColumn("{task.description}", markup=False),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        disable=not show,
        transient=False,
    ) as progress:
        bar = progress.add_task("processing", total=total)

        def on_progress(path: str, outcome: str) -> None:
            progress.update(bar, advance=1, description=f"{strip_control_sequences(outcome)[:40]:40}")

        summary = process_batch(found, db_path, rejected=rejected, force=force, on_progress=on_progress, engine=engine)
    print_summary(summary)
    return summary


def print_summary(summary: BatchSummary, out: Console = console) -> None:
    out.print(Text(summary.line(), style="bold"), Text(f"(run {summary.run_id})"))
    for path, failure in summary.failed:
        line = Text("  ")
        line.append("failed", style="red")
        line.append(strip_control_sequences(f" {path}: {failure}"))
        out.print(line, soft_wrap=True)  # one failure a line, a path never cut: logs stay greppable

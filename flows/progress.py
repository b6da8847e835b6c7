"""`expediente process`: discover files, run the batch flow with a progress bar, print the summary."""

from __future__ import annotations

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from expediente.casedata.db import default_path
from expediente.corpus.discover import discover
from expediente.flows.process import BatchSummary, process_batch

console = Console(stderr=True)


def run_with_progress(
    paths: list[str], db_path: str | None = None, force: bool = False, show: bool = True
) -> BatchSummary:
    db_path = db_path or default_path()
    found, rejected = discover(paths)
    total = len(found) + len(rejected)
    console.print(f"expediente: {total} files to consider, dataset {db_path}")
    with Progress(
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        disable=not show,
        transient=False,
    ) as progress:
        bar = progress.add_task("processing", total=total)

        def on_progress(path: str, outcome: str) -> None:
            progress.update(bar, advance=1, description=f"{outcome[:40]:40}")

        summary = process_batch(found, db_path, rejected=rejected, force=force, on_progress=on_progress)
    console.print(f"[bold]{summary.line()}[/bold] (run {summary.run_id})")
    for path, error in summary.failed:
        console.print(f"  [red]failed[/red] {path}: {error}")
    return summary

"""The `expediente` command line. Named errors become exit codes here and only here (:func:`main`).

The codes are :class:`~corpus.errors.ExitCode`, documented in the README's exit-code table.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import sys
from pathlib import Path

from expediente.casedata.accounts import ROLES
from expediente.casedata.corrections import ACTIONS
from expediente.casedata.stats import UNITS
from expediente.corpus.errors import ExitCode, ExpedienteError
from expediente.corpus.safetext import strip_control_sequences
from expediente.extractors.fields import registry


class OutputFileError(ExpedienteError):
    """The file a command writes cannot be opened."""

    exit_code = ExitCode.OUTPUT_FILE
    reason = "output"


def _db_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", default=None, help="case dataset path (default: $EXPEDIENTE_DB or ./expediente.sqlite)")


def _positive_int(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"{text} is not a whole number of 1 or more")
    return int(text)


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = 0.0
    if not value > 0:  # also refuses nan
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds above 0")
    return value


def build_parser() -> argparse.ArgumentParser:
    from expediente.flows.engine import SHIP
    from expediente.flows.settings import FLOW_SETTINGS

    parser = argparse.ArgumentParser(
        prog="expediente",
        description="US federal criminal court filings in, a traceable case dataset out.",
    )
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("process", help="read, OCR and extract files or folders into the dataset")
    p.add_argument("paths", nargs="+", help="files or folders (walked recursively)")
    p.add_argument("--force", action="store_true", help="re-process documents already extracted by this version")
    p.add_argument("--no-progress", action="store_true", help="no progress bar")
    p.add_argument(
        "--workers",
        type=_positive_int,
        default=FLOW_SETTINGS.workers,
        help=f"worker processes (default: $EXPEDIENTE_WORKERS, else one per core: {FLOW_SETTINGS.workers})",
    )
    p.add_argument("--dask-address", default=None, metavar="tcp://HOST:PORT", help="run on this Dask cluster")
    p.add_argument(
        "--ship",
        choices=SHIP,
        default="path",
        help="how a Dask cluster's workers get a document: its path (mounted alike on every worker) or its bytes",
    )
    _db_arg(p)

    p = sub.add_parser("watch", help="an inbox: process files as they land in a folder, once each, until stopped")
    p.add_argument("folder", help="the folder new filings are copied into (walked recursively, as by process)")
    p.add_argument(
        "--interval",
        type=_seconds,
        default=None,
        metavar="SECONDS",
        help="between polls; a file is taken once it held still this long (default $EXPEDIENTE_WATCH_INTERVAL_S or 10)",
    )
    p.add_argument("--once", action="store_true", help="one poll, then exit (cron): exit code 10/11 on new failures")
    _db_arg(p)

    p = sub.add_parser("export", help="write one object per document or per defendant in a case, corrected")
    p.add_argument("--unit", choices=("document", "defendant"), default="document", help="what one object is")
    p.add_argument("--format", choices=("jsonl", "csv", "parquet"), default="jsonl", help="parquet: --unit defendant")
    p.add_argument("--output", "-o", default="-", help="output file (default: standard output)")
    _db_arg(p)

    p = sub.add_parser("stats", help="the study's summary tables over the dataset")
    p.add_argument("--unit", choices=UNITS, default=UNITS[0], help="what is counted (default: defendants in cases)")
    p.add_argument("--json", action="store_true", help="print JSON instead of tables")
    _db_arg(p)

    p = sub.add_parser("report", help="the study's figures over the defendants, as one self-contained HTML file")
    p.add_argument("--output", "-o", default="report.html", help="the HTML file to write (default: report.html)")
    p.add_argument(
        "--compare",
        metavar="PROFILE",
        default=None,
        help="a published study's figures beside ours: a profile file, or a shipped profile's name "
        "(extraditing_the_truth)",
    )
    _db_arg(p)

    p = sub.add_parser("show", help="what was extracted from one document, with evidence")
    p.add_argument("file", help="a processed file's path, name, or SHA-256 (prefix)")
    p.add_argument("--json", action="store_true", help="print the export object plus evidence as JSON")
    _db_arg(p)

    p = sub.add_parser("correct", help="record an annotator's correction (survives re-processing)")
    p.add_argument("file", help="a processed file's path, name, or SHA-256 (prefix)")
    p.add_argument("field", help="a field: " + ", ".join(registry().names))
    p.add_argument("action", choices=ACTIONS)
    p.add_argument("--value", default=None, help="the new value (set) or item (add), checked against the field")
    p.add_argument("--key", default="", help="the item's key, as `show FILE --json` prints it (fields with items)")
    p.add_argument("--author", default=os.environ.get("USER", ""))
    p.add_argument("--note", default="")
    _db_arg(p)
    p = sub.add_parser("evaluate", help="score extraction against gold labels, beside eyecite and courts-db")
    p.add_argument("gold", nargs="+", help="gold label files or folders (.json, .jsonl)")
    p.add_argument("--db", default=None, help="score an existing dataset instead of processing the documents")
    p.add_argument("--docs", default=None, help="folder holding the labelled documents (default: ../shared/realdocs)")
    p.add_argument("--json", dest="json_out", default="out/evaluation.json", help="where to write the JSON report")
    p.add_argument("--misses", action="store_true", help="print every document's misses and false hits")

    p = sub.add_parser("browse", help="query the dataset in Datasette (read-only, on 127.0.0.1)")
    p.add_argument("--port", type=int, default=8001, help="port on 127.0.0.1 (default 8001; 0: any free one)")
    _db_arg(p)

    p = sub.add_parser("review", help="the review workbench: decide on extracted values in a browser")
    p.add_argument("--host", default="127.0.0.1", help="interface (default 127.0.0.1; another needs accounts)")
    p.add_argument("--port", type=int, default=8002, help="port (default 8002; 0: any free one)")
    p.add_argument(
        "--double", type=float, default=0.0, metavar="SHARE", help="share of items shown to two annotators (0-1)"
    )
    _db_arg(p)
    tasks = p.add_subparsers(dest="review_command")
    t = tasks.add_parser("add-user", help="create an annotator's account")
    t.add_argument("name")
    t.add_argument("--role", choices=ROLES, default=ROLES[0], help="a reviewer also adjudicates disagreements")
    t.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    _db_arg(t)
    t = tasks.add_parser("export-gold", help="write the reviewed documents as gold labels (evaluate, train --gold)")
    t.add_argument("folder", help="the folder to write one <file>.json per reviewed document into")
    _db_arg(t)
    t = tasks.add_parser("export-labelstudio", help="Label Studio tasks with the pipeline's predictions")
    t.add_argument("output", help="the tasks' JSON file (the labelling config is written beside it, as .xml)")
    _db_arg(t)
    t = tasks.add_parser("import-labelstudio", help="a Label Studio JSON export, recorded as corrections")
    t.add_argument("export", help="the JSON file Label Studio exported")
    t.add_argument("--author", default=os.environ.get("USER", ""), help="for annotations naming no annotator")
    _db_arg(t)

    p = sub.add_parser("train", help="rebuild the classifiers from annotations/ (a Prefect flow)")
    p.add_argument("--out", default=None, help="artifact folder (default: the user's data directory, see README)")
    p.add_argument(
        "--gold", action="append", metavar="DIR", help="also learn from this folder's gold (review export-gold)"
    )
    return parser


def cmd_process(args) -> ExitCode:
    from expediente.flows.engine import Engine
    from expediente.flows.progress import run_with_progress

    engine = Engine(workers=args.workers, dask_address=args.dask_address, ship=args.ship)
    summary = run_with_progress(args.paths, db_path=args.db, force=args.force, show=not args.no_progress, engine=engine)
    summary.raise_for_failures()
    return ExitCode.OK


def cmd_watch(args) -> ExitCode:
    from expediente.flows.watch import watch

    return watch(args.folder, args.db, args.interval, once=args.once)


def cmd_export(args) -> ExitCode:
    from expediente.casedata.db import connect
    from expediente.casedata.export import WRITERS

    writer = WRITERS[args.unit, args.format]
    conn = connect(args.db, readonly=True)
    if args.format == "parquet":
        n = writer(conn, _writable(args.output, binary=True))
    elif args.output == "-":
        n = writer(conn, sys.stdout)
    else:
        with open(_writable(args.output), "w", encoding="utf-8", newline="") as out:
            n = writer(conn, out)
    print(f"exported {n} {args.unit}s", file=sys.stderr)
    return ExitCode.OK


def _writable(path: str, binary: bool = False) -> str:
    """``path`` once checked that it can be written, or OutputFileError saying why not."""
    try:
        with open(path, "ab" if binary else "a", encoding=None if binary else "utf-8"):
            pass
    except OSError as exc:
        raise OutputFileError(f"cannot write {path}: {exc.strerror or exc}") from exc
    return path


def cmd_stats(args) -> ExitCode:
    from expediente.casedata.db import connect
    from expediente.casedata.stats import summary
    from expediente.flows.render import print_tables

    tables = summary(connect(args.db, readonly=True), args.unit)
    if args.json:
        print(json.dumps([t.as_dict() for t in tables], indent=2))
    else:
        print_tables(tables)
    return ExitCode.OK


def cmd_report(args) -> ExitCode:
    from expediente.casedata.compare import load_profile
    from expediente.casedata.db import connect, default_path
    from expediente.flows.report import build, render

    profile = load_profile(args.compare) if args.compare else None  # a bad profile stops before any work
    conn = connect(args.db, readonly=True)
    report, comparisons = build(conn, profile)
    name = Path(args.db or default_path()).name
    page = render(report, f"expediente report: {name}", profile, comparisons)
    with open(_writable(args.output), "w", encoding="utf-8") as out:
        out.write(page)
    print(
        f"wrote {args.output}: {len(report.figures)} figures over {len(report.defendants)} defendants"
        + (f", {len(comparisons)} published figures beside them" if comparisons else ""),
        file=sys.stderr,
    )
    return ExitCode.OK


def cmd_show(args) -> ExitCode:
    from expediente.casedata.db import connect
    from expediente.casedata.lookup import find_document
    from expediente.flows.render import document_with_evidence, print_document

    conn = connect(args.db, readonly=True)
    doc = find_document(conn, args.file)
    if args.json:
        print(json.dumps(document_with_evidence(conn, doc), indent=2, ensure_ascii=False))
    else:
        print_document(conn, doc)
    return ExitCode.OK


def cmd_correct(args) -> ExitCode:
    from expediente.casedata.corrections import Correction, add_correction
    from expediente.casedata.db import connect
    from expediente.casedata.lookup import find_document

    conn = connect(args.db, create=False)  # a correction needs a processed document: never a new dataset
    doc = find_document(conn, args.file)
    cid = add_correction(
        conn,
        Correction(doc["sha256"], args.field, args.action, args.value, args.key, args.author, args.note),
    )
    print(strip_control_sequences(f"correction {cid} recorded for {doc['file']}"))
    return ExitCode.OK


def cmd_evaluate(args) -> ExitCode:
    from expediente.flows.evaluate import run_evaluation

    return ExitCode(run_evaluation(args))


def cmd_train(args) -> ExitCode:
    from expediente.flows.prefect_server import quiet_prefect

    quiet_prefect()
    from expediente.flows.train import run_training

    return ExitCode(run_training(args))


def cmd_browse(args) -> ExitCode:
    from expediente.flows.browse import serve

    serve(args.db, args.port)
    return ExitCode.OK


def cmd_review(args) -> ExitCode:
    from expediente.flows import review

    if args.review_command is None:
        review.serve(args.db, args.host, args.port, args.double)
    elif args.review_command == "add-user":
        review.add_user(args.db, args.name, args.role, args.password_stdin)
    elif args.review_command == "export-gold":
        review.export_gold(args.db, args.folder)
    elif args.review_command == "export-labelstudio":
        review.export_labelstudio(args.db, _writable(args.output))
    else:
        review.import_labelstudio(args.db, args.export, args.author)
    return ExitCode.OK


COMMANDS = {
    "process": cmd_process,
    "watch": cmd_watch,
    "export": cmd_export,
    "stats": cmd_stats,
    "report": cmd_report,
    "show": cmd_show,
    "correct": cmd_correct,
    "evaluate": cmd_evaluate,
    "train": cmd_train,
    "browse": cmd_browse,
    "review": cmd_review,
}


def _stdout_to_devnull() -> None:
    """Point standard output at /dev/null, so the interpreter's final flush cannot fail on a closed pipe."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)


def main(argv: list[str] | None = None) -> int:
    """Run one command; return its exit status (a usage error exits 2 from argparse itself)."""
    try:
        code = _run(argv)
        sys.stdout.flush()  # a reader that went away (`| head`) is noticed here, not at interpreter exit
    except ExpedienteError as exc:
        print(f"expediente: error: {strip_control_sequences(str(exc))}", file=sys.stderr)
        code = exc.exit_code
    except BrokenPipeError:
        _stdout_to_devnull()
        code = ExitCode.BROKEN_PIPE
    except SystemExit as exc:
        # rich's Console.on_broken_pipe has already pointed stdout at /dev/null and exits 1 from inside its
        # `except BrokenPipeError`: the same event, so the same code
        if not isinstance(exc.__context__, BrokenPipeError):
            raise
        code = ExitCode.BROKEN_PIPE
    except KeyboardInterrupt:
        print("expediente: interrupted", file=sys.stderr)
        code = ExitCode.INTERRUPTED
    # the command ends here: the interpreter's last collection over Prefect's and spaCy's objects took 1.4-3.6 s
    # of a loaded machine's time at exit; frozen, they are left to the process's end (0.1 s)
    gc.freeze()
    return int(code)


def _run(argv: list[str] | None) -> ExitCode:
    parser = build_parser()  # reads the flow settings (defaults): a bad EXPEDIENTE_* is a named error
    args = parser.parse_args(argv)
    if args.command == "export" and args.format == "parquet":
        if args.unit != "defendant":
            parser.error("--format parquet is written for --unit defendant")
        if args.output == "-":
            parser.error("--format parquet writes a binary file: give its path with -o FILE")
    if args.command == "review" and not 0.0 <= args.double <= 1.0:
        parser.error("--double is a share of items, between 0 and 1")
    if getattr(args, "db", None):
        args.db = str(Path(args.db))
    return COMMANDS[args.command](args)


if __name__ == "__main__":
    sys.exit(main())

"""`expediente evaluate`: score extraction against gold labels, beside eyecite and courts-db.

Orchestration only: labels come from :mod:`annotations.gold`, comparisons from
:mod:`annotations.scoring`, the peer tools from :mod:`annotations.baselines`.

Predictions are either made here (each labelled document read once, extracted, written to a temporary
dataset and exported with ``casedata.export.document_object``, no Prefect), or read from an existing
dataset with ``--db`` (documents matched by SHA-256; those missing from it are reported and not scored).
Each document is read once: its original page text locates the gold quotes, and its cleaned text is
what the peer tools read.
"""

from __future__ import annotations

import json
import sqlite3
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from rich.console import Console
from rich.table import Table
from rich.text import Text

from expediente.annotations import baselines, defendants
from expediente.annotations.gold import GoldLabel, load_gold
from expediente.annotations.scoring import (
    ALL_CITED_ROWS,
    REPORT_METRICS,
    Board,
    coverage,
    score_all_cited,
    score_document,
    score_peer_court,
    score_peer_statutes,
    scored,
)
from expediente.casedata.db import connect
from expediente.casedata.export import document_object, iter_defendants
from expediente.casedata.people import person_object
from expediente.casedata.store import write_document
from expediente.corpus.document import Document
from expediente.corpus.errors import Failure, OcrError, UnreadableDocument
from expediente.corpus.reader import read_document
from expediente.extractors.citations import find_citations
from expediente.extractors.pipeline import extract, pipeline_version
from expediente.extractors.text import DocText
from expediente.flows.render import plain
from expediente.flows.tasks import failed_record

console = Console()

PEERS = ("eyecite", "courts-db")
MISSING = {"missing": True}  # a labelled document absent from the --db dataset: reported, not scored


@dataclass
class Timer:
    seconds: dict[str, float] = field(default_factory=dict)

    @contextmanager
    def phase(self, name: str):
        t0 = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[name] = self.seconds.get(name, 0.0) + time.perf_counter() - t0

    def as_dict(self) -> dict[str, float]:
        return {k: round(v, 2) for k, v in sorted(self.seconds.items(), key=lambda kv: -kv[1])}


@dataclass
class Read:
    document: Document | None
    error: Failure | None = None
    seconds: float = 0.0


def _read(label: GoldLabel) -> Read:
    t0 = time.perf_counter()
    try:
        read = Read(read_document(label.found))
    except (UnreadableDocument, OcrError) as exc:
        read = Read(None, exc.failure())
    read.seconds = round(time.perf_counter() - t0, 2)
    return read


def _exported(conn: sqlite3.Connection, sha256: str) -> dict | None:
    row = conn.execute("SELECT * FROM documents_effective WHERE sha256 = ?", (sha256,)).fetchone()
    if row is None or row["status"] != "done":
        return None
    return document_object(conn, row)


def _predict_in_process(labels: list[GoldLabel], reads: list[Read], timer: Timer) -> tuple[list, list, list, str]:
    predictions, notes = [], []
    with tempfile.TemporaryDirectory(prefix="expediente-eval-") as tmp:
        conn = connect(Path(tmp) / "evaluate.sqlite")
        try:
            for label, read in zip(labels, reads, strict=True):
                with timer.phase("extract"):
                    if read.document is None:
                        record = failed_record(label.found, read.error)
                        notes.append(f"{label.file}: not extracted ({read.error})")
                    else:
                        record = extract(read.document)
                with timer.phase("store and export"):
                    write_document(conn, record, None)
                    predictions.append(_exported(conn, label.sha256))
            people = list(iter_defendants(conn))
        finally:
            conn.close()
    return predictions, people, notes, pipeline_version()


def _predict_from_db(labels: list[GoldLabel], db: str) -> tuple[list, list, list, str]:
    conn = connect(db, readonly=True)
    predictions, notes, versions = [], [], set()
    try:
        for label in labels:
            row = conn.execute(
                "SELECT status, pipeline_version FROM documents WHERE sha256 = ?", (label.sha256,)
            ).fetchone()
            if row is None:
                notes.append(f"{label.file}: not in {db} (process it first); not scored")
                predictions.append(MISSING)
                continue
            versions.add(row["pipeline_version"])
            obj = _exported(conn, label.sha256)
            if obj is None:
                notes.append(f"{label.file}: failed in {db}; every labelled value counts as missed")
            predictions.append(obj)
        people = list(iter_defendants(conn))  # only the cases of the defendant gold are scored
    finally:
        conn.close()
    return predictions, people, notes, ", ".join(sorted(v for v in versions if v)) or "unknown"


def _peers(
    label: GoldLabel, document: Document | None, boards: dict[str, Board], all_cited: dict[str, Board], timer: Timer
) -> dict:
    text = DocText(document) if document is not None else None
    out: dict = {}
    ours = [c.normalized for c in find_citations(text.text)] if text else []
    score_all_cited(all_cited.setdefault("ours", Board()), label.label, ours)
    if baselines.eyecite_available():
        with timer.phase("eyecite"):
            cited = baselines.eyecite_statutes(text.text) if text else []
        score_peer_statutes(boards["eyecite"], label.label, cited)
        score_all_cited(all_cited.setdefault("eyecite", Board()), label.label, cited)
        out["eyecite_statutes"] = cited
    with timer.phase("courts-db"):
        first = text.pages[0] if text and text.pages else None
        court = baselines.courts_db_court(text.text[first.start : first.end]) if first else None
    score_peer_court(boards["courts-db"], label.label, court)
    out["courts_db_court"] = court
    return out


SCANNED = ".scanned."  # "letter.scanned.pdf": a scan of "letter.pdf", labelled alike


def scanned_twins(files: list[str]) -> set[str]:
    """The labelled scans whose born-digital original is also labelled: their gold is the original's, so they
    are scored as their own set (OCR robustness), not a second time in the totals."""
    names = set(files)
    return {f for f in files if SCANNED in f and f.replace(SCANNED, ".") in names}


def _sealed(entry: dict) -> dict:
    """A lockbox document's report entry: that it was scored, not what it missed."""
    return {"file": entry["file"], "lockbox": True, "read_seconds": entry.get("read_seconds")}


def evaluate(gold: list[str], db: str | None = None, docs: str | None = None) -> dict:
    """Score the labelled documents; return the report (the JSON written by the command)."""
    timer = Timer()
    shape = person_object({})  # what a person's object holds, by the registry's person rules
    with timer.phase("load gold"):
        labels = load_gold(gold, docs)
        people_gold = defendants.load(gold, shape)
    reads: list[Read] = []
    for label in labels:
        with timer.phase("read (text layer + OCR)"):
            reads.append(_read(label))
    if db:
        predictions, people, notes, version = _predict_from_db(labels, db)
    else:
        predictions, people, notes, version = _predict_in_process(labels, reads, timer)

    ours, twins = Board(), Board()
    boards = {name: Board() for name in PEERS}
    all_cited: dict[str, Board] = {}  # every cited statute, ours and eyecite's, where the gold lists them all
    twin_files = scanned_twins([label.file for label in labels])
    per_document, scored, scored_twins = [], 0, 0
    for label, read, pred in zip(labels, reads, predictions, strict=True):
        if pred is MISSING:
            continue
        pages = {p.number: p.text for p in read.document.pages} if read.document else {}
        if label.file in twin_files:  # the same gold as its born-digital twin: scored on its own, for OCR
            scored_twins += 1
            with timer.phase("score"):
                result = score_document(twins, label.label, pred, pages)
            per_document.append(result.as_dict() | {"scanned_twin": True, "read_seconds": read.seconds})
            continue
        scored += 1
        with timer.phase("score"):
            result = score_document(ours, label.label, pred, pages)
        peer = _peers(label, read.document, boards, all_cited, timer)
        entry = result.as_dict()
        entry["peers"] = peer
        entry["read_seconds"] = read.seconds
        if read.error:
            entry["error"] = str(read.error)
        per_document.append(entry)
    people_board = Board()
    evaluated = {label.file for label, pred in zip(labels, predictions, strict=True) if pred is not MISSING}
    with timer.phase("score defendants"):
        people_problems = defendants.score(people_board, people_gold, people, evaluated)
    lockbox = {label.file for label in labels if label.lockbox}
    if lockbox:  # held-out gold: its scores are reported, what it missed is not
        per_document = [_sealed(doc) if doc["file"] in lockbox else doc for doc in per_document]
        people_problems = []
    return {
        "generated": date.today().isoformat(),
        "pipeline_version": version,
        "documents": scored,
        "gold": [str(g) for g in gold],
        "lockbox": len(lockbox),
        "coverage": coverage(
            [label.label for label in labels if label.in_scope and label.file not in twin_files], people_gold
        ),
        "fields": ours.as_dict(),
        "scanned_twins": {"documents": scored_twins, "fields": twins.as_dict()},
        "baselines": {name: b.as_dict() for name, b in boards.items() if b.scalars or b.sets},
        "all_cited": {name: b.as_dict(ALL_CITED_ROWS) for name, b in all_cited.items() if b.sets},
        "people": people_board.as_dict(defendants.row_names(shape)),
        "people_problems": people_problems,
        "notes": notes,
        "timings_seconds": timer.as_dict(),
        "per_document": per_document,
    }


# --- output ------------------------------------------------------------------------------


def _table(title: str, columns: tuple[str, ...], left: tuple[str, ...] = ("field", "metric")) -> Table:
    """A report table: the ``left`` columns name rows, the others hold numbers."""
    table = Table(title=title, title_justify="left")
    for col in columns:
        table.add_column(col, justify="left" if col in left else "right")
    return table


def _fmt(value) -> str:
    return "–" if value is None else f"{value:.3f}"


def table_rows(report: dict) -> list[tuple[str, str, str, str, str, str]]:
    """(field, metric, ours, eyecite, courts-db, n) for every scored field and metric."""
    rows = []
    peers = report["baselines"]
    for row in scored():
        name = row.name
        ours = report["fields"].get(name)
        if not ours:
            continue
        for metric in REPORT_METRICS:
            if metric not in ours:
                continue
            n = ours.get("charged_n" if metric == "charged_accuracy" else "n")
            if metric == "precision":
                n = f"{ours['predicted']} of {ours['emitted']} emitted"
            cells = [_fmt(ours[metric])]
            for peer in PEERS:
                theirs = peers.get(peer, {}).get(name)
                cells.append(_fmt(theirs[metric]) if theirs and metric in theirs else "")
            rows.append((row.title, metric.replace("_", " "), *cells, str(n)))
    return rows


def people_rows(report: dict) -> list[tuple[str, str, str, str]]:
    """(defendant-level row, metric, ours, n) for every scored row of the defendant gold."""
    rows = []
    for name, numbers in report.get("people", {}).items():
        for metric in ("accuracy", "precision", "recall", "f1"):
            if metric in numbers:
                rows.append((name, metric, _fmt(numbers[metric]), str(numbers["n"])))
    return rows


def _print_people(report: dict, misses: bool) -> None:
    rows = people_rows(report)
    if not rows:
        return
    persons = report["people"].get(defendants.PERSONS, {})
    table = _table(f"defendants in cases: {persons.get('n', 0)} labelled", ("field", "metric", "ours", "n"))
    last = None
    for row in rows:
        table.add_row(row[0] if row[0] != last else "", *row[1:])
        last = row[0]
    console.print(table)
    if misses:
        for problem in report["people_problems"]:
            console.print(plain("  " + json.dumps(problem, ensure_ascii=False)))


def _item(item) -> str:
    """One miss, false hit or wrong value, on one line."""
    if isinstance(item, dict) and "gold" in item:
        where = f" at p.{item['page']} {item['text']!r}" if "text" in item else ""
        return f"{item['gold']!r} -> {item['predicted']!r}{where}"
    if isinstance(item, dict) and "text" in item:
        extra = f", charged={item['charged']}" if item.get("charged") is not None else ""
        return f"p.{item.get('page')} {item['text']!r} ({item.get('label')}{extra})"
    return str(item)


def _print_twins(report: dict) -> None:
    twins = report.get("scanned_twins") or {}
    if not twins.get("documents"):
        return
    title = f"scanned twins (OCR robustness): {twins['documents']} scans of labelled born-digital documents"
    table = _table(title, ("field", "metric", "ours", "n"))
    last = None
    for row in table_rows({"fields": twins["fields"], "baselines": {}}):
        if row[-1] == "0":
            continue  # a field the two scans' gold does not hold
        table.add_row(row[0] if row[0] != last else "", row[1], row[2], row[-1])
        last = row[0]
    console.print(table)


def _print_all_cited(report: dict) -> None:
    tools = report.get("all_cited") or {}
    if not tools.get("ours"):
        return
    table = _table(
        "every cited U.S. Code section (gold statutes_all), each tool's citation finder",
        ("level", "metric", *tools, "n"),
        ("level", "metric"),
    )
    for row in ALL_CITED_ROWS:
        for metric in ("precision", "recall", "f1"):
            cells = [_fmt(tools[t].get(row, {}).get(metric)) for t in tools]
            table.add_row(row if metric == "precision" else "", metric, *cells, str(tools["ours"][row]["n"]))
    console.print(table)


def _print_coverage(report: dict) -> None:
    table = _table(
        "gold coverage: labelled documents / defendants per value",
        ("field", "value", "documents", "defendants"),
        ("field", "value"),
    )
    for name, values in report.get("coverage", {}).items():
        for i, (value, (docs, people)) in enumerate(values.items()):
            table.add_row(name if i == 0 else "", value, str(docs), str(people))
    console.print(table)


def _lockbox_note(report: dict) -> str:
    n = report.get("lockbox")
    return f" ({n} from a lockbox: per-document misses not shown)" if n else ""


def print_report(report: dict, misses: bool) -> None:
    title = f"evaluation: {report['documents']} documents{_lockbox_note(report)}"
    table = _table(f"{title}, pipeline {report['pipeline_version']}", ("field", "metric", "ours", *PEERS, "n"))
    last = None
    for row in table_rows(report):
        table.add_row(row[0] if row[0] != last else "", *row[1:])
        last = row[0]
    console.print(table)
    _print_twins(report)
    _print_all_cited(report)
    for note in report["notes"]:
        console.print(Text("note: ", "yellow") + plain(note))
    for doc in report["per_document"]:
        for problem in doc.get("gold_problems", []):
            console.print(Text("gold: ", "yellow") + plain(f"{doc['file']}: {problem}"))
    if misses:
        for doc in report["per_document"]:
            if not (doc.get("misses") or doc.get("false_hits") or doc.get("wrong")):
                continue
            console.print(Text("\n") + plain(doc["file"], "bold"))
            for name, values in doc["wrong"].items():
                items = values if isinstance(values, list) else [values]
                console.print(plain(f"  wrong {name}: " + "; ".join(_item(v) for v in items)))
            for name, items in doc["misses"].items():
                console.print(plain(f"  missed {name}: " + "; ".join(_item(v) for v in items)))
            for name, items in doc["false_hits"].items():
                console.print(plain(f"  false hit {name}: " + "; ".join(_item(v) for v in items)))
    _print_people(report, misses)
    _print_coverage(report)
    slowest = next(iter(report["timings_seconds"].items()), None)
    if slowest:
        console.print(f"slowest part: {slowest[0]} ({slowest[1]:.1f} s)")


def run_evaluation(args) -> int:
    report = evaluate(args.gold, db=args.db, docs=args.docs)
    print_report(report, args.misses)
    if args.json_out:
        out = Path(args.json_out)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        console.print(f"report written to {out}")
    return 0

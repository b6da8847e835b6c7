"""Benchmark of ratios: our reading, OCR, extraction and the real command, each measured side by side in one run
with a reference tool on the same pages, plus absolute numbers, printed as a table and written as JSON.

    python -m expediente.flows.bench [--docs 100 2000] [--realdocs DIR | --no-realdocs] [--json out/bench.json]

1. Born-digital text: ``read_document`` on PDFs whose every page has a usable text layer, against pypdfium2's raw
   text (``get_text_range``) and ``pdftotext -layout`` (one process per document) on the same files.
2. OCR: ``read_document`` on documents whose every page is OCR'd, and the real command on them (``--workers N``,
   N = cores), against the ``tesseract`` command on the same pages rendered once at ``ocr_dpi`` by our renderer,
   N at once; then the same on ``--scan-pages`` generated scanned pages, enough that the command's start-up
   weighs little in its throughput.
3. Extraction: ``extract`` on the documents read in 1 (one process), against ``spacy.blank("en")`` tokenising
   the same texts.
4. End to end: ``expediente process DIR --workers 1`` and ``--workers 2`` on a fresh dataset, then the same
   command again on the unchanged folder (the re-run's seconds as a share of the first run's).
5. Peak memory: the command's process tree sampled every 0.2 s (the command, each worker process).
6. Cost per page at each generated size, 2 workers.

Inputs: the real documents (``../shared/realdocs``; skipped with a message where absent), the sample corpus's
scanned documents (OCR) and a generated corpus of ``--docs`` documents (~20 pages each) built once into
``out/bench-corpus`` by ``tests/samplegen/bulk.py``, so the benchmark runs from a checkout. The machine's load is
recorded with the numbers: a ratio measured side by side survives a busy machine better than an absolute.
Numbers go into issue notes and the README, never into timed tests.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from expediente.corpus.discover import discover
from expediente.corpus.document import Document
from expediente.corpus.errors import ExpedienteError
from expediente.corpus.locations import checkout, realdocs_dir
from expediente.corpus.reader import read_document
from expediente.corpus.settings import SETTINGS

GENERATED_SIZES = (100, 2000)
SCAN_PAGES = 120  # generated scanned pages for OCR end to end: ~1 minute of tesseract on 2 cores
SAMPLE_DIR = checkout("corpus", "sample", "docs")
CORPUS_ROOT = checkout("out", "bench-corpus")
WORK_DIR = checkout("out", "bench-work")
JSON_OUT = checkout("out", "bench.json")
SAMPLE_EVERY_S = 0.2
# every ratio the JSON holds (None when its input was skipped): ours over the reference, higher is better for
# throughput ratios; shares and growths are lower-is-better
RATIO_KEYS = (
    "text_vs_pdfium.realdocs",
    "text_vs_pdftotext.realdocs",
    "text_vs_pdfium.generated",
    "text_vs_pdftotext.generated",
    "ocr_read_vs_tesseract",
    "ocr_e2e_vs_tesseract",
    "ocr_e2e_vs_tesseract.generated",
    "extract_vs_spacy_blank.realdocs",
    "extract_vs_spacy_blank.generated",
    "e2e_scaling_1_to_2_workers.realdocs",
    "e2e_scaling_1_to_2_workers.generated",
    "rerun_share.realdocs",
    "rerun_share.generated",
    "worker_rss_growth",
    "command_rss_growth",
    "cost_per_page_growth",
)


class BenchError(ExpedienteError):
    """The benchmark cannot run: a tool or the bulk generator is missing."""


@dataclass
class Read:
    """One document read by our path, timed on its own."""

    path: str
    kind: str
    seconds: float
    document: Document

    @property
    def pages(self) -> int:
        return len(self.document.pages)

    def all_pages(self, method: str) -> bool:
        return all(page.method == method for page in self.document.pages)


@dataclass
class Run:
    """One run of the real command, with its process tree's peak memory."""

    seconds: float
    exit_code: int
    command_peak_mb: float = 0.0
    worker_peaks_mb: list[float] = field(default_factory=list)
    tree_peak_mb: float = 0.0


def rate(amount: float, seconds: float) -> float | None:
    return round(amount / seconds, 2) if seconds > 0 else None


def ratio(ours: float | None, theirs: float | None) -> float | None:
    return round(ours / theirs, 3) if ours and theirs else None


# ---- 1. reading: ours, pypdfium2, pdftotext ----


def read_all(paths: list[Path], log=print) -> list[Read]:
    """Every document read by ``read_document``, one after another, each timed; failures are reported, skipped."""
    found, rejected = discover([str(p) for p in paths])
    for path, failure in rejected:
        log(f"  {Path(path).name}: rejected ({failure.reason})")
    if found:  # the first document also pays for imports and lazy setup: read it once untimed
        with contextlib.suppress(Exception):  # a failure is reported below
            read_document(found[0])
    reads = []
    for item in found:
        t0 = time.perf_counter()
        try:
            document = read_document(item)
        except Exception as exc:  # a benchmark reports failures and goes on
            log(f"  {Path(item.path).name}: failed to read ({type(exc).__name__}: {exc})")
            continue
        reads.append(Read(str(item.path), item.kind, time.perf_counter() - t0, document))
    return reads


def born_digital(reads: list[Read]) -> list[Read]:
    return [r for r in reads if r.kind == "pdf" and r.all_pages("text")]


def scanned(reads: list[Read]) -> list[Read]:
    return [r for r in reads if r.kind in ("pdf", "image") and r.all_pages("ocr")]


def time_pdfium(paths: list[str]) -> tuple[int, float]:
    """Pages and seconds of pypdfium2's raw text of every page."""
    import pypdfium2 as pdfium

    pages, t0 = 0, time.perf_counter()
    for path in paths:
        pdf = pdfium.PdfDocument(path)
        for i in range(len(pdf)):
            page = pdf[i]
            textpage = page.get_textpage()
            textpage.get_text_range()
            textpage.close()
            page.close()
            pages += 1
        pdf.close()
    return pages, time.perf_counter() - t0


def time_pdftotext(paths: list[str]) -> float:
    """Seconds of ``pdftotext -layout`` on every file, one process per file."""
    tool = _tool("pdftotext", "poppler-utils")
    t0 = time.perf_counter()
    for path in paths:
        subprocess.run([tool, "-layout", path, "-"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - t0


def _tool(name: str, package: str) -> str:
    found = shutil.which(name)
    if not found:
        raise BenchError(f"the benchmark needs the `{name}` program: apt-get install {package}")
    return found


def text_measures(reads: list[Read]) -> dict:
    docs = born_digital(reads)
    paths = [r.path for r in docs]
    pages = sum(r.pages for r in docs)
    ours_s = sum(r.seconds for r in docs)
    pdfium_pages, pdfium_s = time_pdfium(paths)
    pdftotext_s = time_pdftotext(paths) if paths else 0.0
    return {
        "documents": len(docs),
        "pages": pages,
        "ours_s": round(ours_s, 3),
        "pdfium_s": round(pdfium_s, 3),
        "pdftotext_s": round(pdftotext_s, 3),
        "ours_pages_per_s": rate(pages, ours_s),
        "pdfium_pages_per_s": rate(pdfium_pages, pdfium_s),
        "pdftotext_pages_per_s": rate(pages, pdftotext_s),
    }


# ---- 2. OCR: ours against the tesseract command on the same page images ----


def render_pages(reads: list[Read], folder: Path, dpi: int) -> list[Path]:
    """The OCR'd pages as image files at ``dpi``, rendered as our reader renders them; an image file is itself."""
    images: list[Path] = []
    for n, read in enumerate(reads):
        if read.kind == "image":
            images.append(Path(read.path))
            continue
        numbers = [page.number for page in read.document.pages if page.method == "ocr"]
        images += _rendered(read.path, numbers, folder / f"{n:04d}", dpi)
    return images


def _rendered(path: str, numbers, folder: Path, dpi: int) -> list[Path]:
    """Pages ``numbers`` of the PDF at ``path``, rendered into ``folder`` by our reader's renderer."""
    from expediente.corpus.pdf import PageRenderer

    folder.mkdir()
    renderer = PageRenderer(path, dpi, folder)
    try:
        return [renderer.render(number) for number in numbers]
    finally:
        renderer.close()


def time_tesseract(images: list[Path], parallel: int, language: str = SETTINGS.ocr_language) -> float:
    """Seconds for ``tesseract IMAGE - tsv`` on every image, ``parallel`` processes at once, one thread each."""
    tool = _tool("tesseract", "tesseract-ocr")
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}

    def one(image: Path) -> None:
        command = [tool, str(image), "-", "-l", language, "tsv"]
        subprocess.run(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)

    t0 = time.perf_counter()
    with ThreadPoolExecutor(max_workers=max(1, parallel)) as pool:
        list(pool.map(one, images))
    return time.perf_counter() - t0


def ocr_measures(reads: list[Read], parallel: int, work: Path) -> dict:
    docs = scanned(reads)
    pages = sum(r.pages for r in docs)
    ours_s = sum(r.seconds for r in docs)
    with tempfile.TemporaryDirectory(prefix="bench-ocr-", dir=work) as tmp:
        images = render_pages(docs, Path(tmp), SETTINGS.ocr_dpi)
        tesseract_s = time_tesseract(images, parallel) if images else 0.0
    return {
        "documents": len(docs),
        "pages": pages,
        "dpi": SETTINGS.ocr_dpi,
        "parallel": parallel,
        "ours_read_s": round(ours_s, 3),
        "tesseract_s": round(tesseract_s, 3),
        "ours_read_pages_per_s": rate(pages, ours_s),
        "tesseract_pages_per_s": rate(len(images), tesseract_s),
    }


def generated_ocr_measures(folder: Path, rows: list[dict], parallel: int, work: Path) -> dict:
    """The command on generated scans (enough pages that its start-up weighs little), against the ``tesseract``
    command on the same pages, rendered by our renderer, ``parallel`` at once."""
    with tempfile.TemporaryDirectory(prefix="bench-scans-", dir=work) as tmp:
        images = []
        for n, row in enumerate(rows):
            pages = range(1, row["pages"] + 1)
            images += _rendered(str(folder / row["file"]), pages, Path(tmp) / f"{n:04d}", SETTINGS.ocr_dpi)
        tesseract_s = time_tesseract(images, parallel)
    db = work / "ocr-generated.sqlite"
    db.unlink(missing_ok=True)
    run = run_command(folder, db, parallel, work / "ocr-generated.log")
    pages = sum(row["pages"] for row in rows)
    return {
        **run.__dict__,
        "documents": len(rows),
        "pages": pages,
        "parallel": parallel,
        "pages_per_s": rate(pages, run.seconds),
        "tesseract_s": round(tesseract_s, 3),
        "tesseract_pages_per_s": rate(len(images), tesseract_s),
    }


# ---- 3. extraction: ours against spaCy's blank English tokenizer ----


def extraction_measures(reads: list[Read]) -> dict:
    import spacy

    from expediente.extractors.pipeline import extract
    from expediente.extractors.text import DocText
    from expediente.flows.worker_setup import ready_pipeline

    documents = [r.document for r in reads]
    texts = [DocText(d).text for d in documents]
    words = sum(len(t.split()) for t in texts)
    ready_pipeline()  # loaded once, outside the timing, as a worker does when it starts
    t0 = time.perf_counter()
    for document in documents:
        extract(document)
    ours_s = time.perf_counter() - t0
    blank = spacy.blank("en")
    blank.max_length = max([blank.max_length, *(len(t) + 1 for t in texts)])
    t0 = time.perf_counter()
    for _ in blank.pipe(texts):
        pass
    blank_s = time.perf_counter() - t0
    return {
        "documents": len(documents),
        "words": words,
        "ours_s": round(ours_s, 3),
        "spacy_blank_s": round(blank_s, 3),
        "ours_words_per_s": rate(words, ours_s),
        "spacy_blank_words_per_s": rate(words, blank_s),
    }


# ---- 4-6. the real command, with its process tree sampled ----


def _command() -> list[str]:
    script = Path(sys.executable).with_name("expediente")
    return [str(script)] if script.exists() else [sys.executable, "-m", "expediente.flows.cli"]


def _is_worker(process) -> bool:
    """A Dask worker process (spawned by multiprocessing), not its resource tracker."""
    try:
        cmdline = " ".join(process.cmdline())
    except Exception:  # gone, or not ours to look at
        return False
    return ("spawn_main" in cmdline or "forkserver" in cmdline) and "resource_tracker" not in cmdline


def run_command(folder: Path, db: Path, workers: int, log_path: Path) -> Run:
    """``expediente process FOLDER --db DB --no-progress --workers N``, timed, its process tree sampled."""
    import psutil

    command = [*_command(), "process", str(folder), "--db", str(db), "--no-progress", "--workers", str(workers)]
    peaks: dict[int, float] = {}
    command_peak = tree_peak = 0.0
    with open(log_path, "ab") as log:
        t0 = time.perf_counter()
        child = subprocess.Popen(command, stdout=log, stderr=log, stdin=subprocess.DEVNULL)
        parent = psutil.Process(child.pid)
        while child.poll() is None:
            try:
                rss = parent.memory_info().rss
                command_peak, tree = max(command_peak, rss), rss
                for process in parent.children(recursive=True):
                    try:
                        child_rss = process.memory_info().rss
                    except psutil.Error:
                        continue
                    tree += child_rss
                    if _is_worker(process):
                        peaks[process.pid] = max(peaks.get(process.pid, 0), child_rss)
                tree_peak = max(tree_peak, tree)
            except psutil.Error:
                pass
            time.sleep(SAMPLE_EVERY_S)
        seconds = time.perf_counter() - t0
    mb = 1024 * 1024
    return Run(
        round(seconds, 2),
        child.returncode,
        round(command_peak / mb, 1),
        sorted(round(v / mb, 1) for v in peaks.values()),
        round(tree_peak / mb, 1),
    )


def e2e_measures(folder: Path, pages: int, work: Path, name: str, scaling: bool, log=print) -> dict:
    """The command on ``folder`` with 2 workers (and 1 when ``scaling``) on fresh datasets, then a re-run."""
    out: dict = {"pages": pages}
    log_path = work / f"{name}.log"
    for workers in (1, 2) if scaling else (2,):
        db = work / f"{name}-w{workers}.sqlite"
        db.unlink(missing_ok=True)
        run = run_command(folder, db, workers, log_path)
        log(f"  {name}: --workers {workers}: {run.seconds:.1f} s (exit {run.exit_code})")
        out[f"workers_{workers}"] = {**run.__dict__, "pages_per_s": rate(pages, run.seconds)}
    rerun = run_command(folder, work / f"{name}-w2.sqlite", 2, log_path)
    log(f"  {name}: re-run on the unchanged folder: {rerun.seconds:.1f} s (exit {rerun.exit_code})")
    out["rerun"] = rerun.__dict__
    first = out["workers_2"]["seconds"]
    out["rerun_share"] = ratio(rerun.seconds, first)
    out["ms_per_page"] = round(first * 1000 / pages, 2) if pages else None
    if scaling:
        out["scaling_1_to_2"] = ratio(out["workers_1"]["seconds"], first)
    return out


# ---- inputs ----


def linked_folder(paths: list[Path], folder: Path) -> Path:
    """A folder holding exactly ``paths`` (hard links, or copies across file systems)."""
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    for path in paths:
        try:
            os.link(path, folder / path.name)
        except OSError:
            shutil.copyfile(path, folder / path.name)
    return folder


def real_files(folder: Path, limit: int | None) -> list[Path]:
    found, _ = discover([str(folder)])
    paths = sorted(Path(item.path) for item in found)
    return paths[:limit] if limit else paths


def _bulk():
    """tests/samplegen/bulk.py, the generator of the bench's corpora (imported only here)."""
    here = str(Path.cwd())
    if here not in sys.path:
        sys.path.insert(0, here)
    try:
        from tests.samplegen import bulk
    except ImportError as exc:
        raise BenchError(
            "the generated corpus is built by tests/samplegen/bulk.py, part of a checkout: run the benchmark "
            f"from the repository's root (`make bench`) ({exc})"
        ) from exc
    return bulk


# ---- the run ----


def measure(args: argparse.Namespace, log=print) -> dict:
    cores = args.cores
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    results: dict = {
        "when": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "cores": cores,
        "load_average_start": [round(v, 2) for v in os.getloadavg()],
        "inputs": {},
        "measures": {},
    }
    inputs, measures = results["inputs"], results["measures"]

    real: list[Path] = []
    if args.realdocs:
        if Path(args.realdocs).is_dir():
            real = real_files(Path(args.realdocs), args.realdocs_limit)
        else:
            log(f"real documents: {args.realdocs} is absent; the real-document measures are skipped")
    sizes = sorted(set(args.docs))
    generated = {n: _bulk().generate(n, Path(args.corpus_root), log=log) for n in sizes}
    inputs["realdocs"] = {"folder": str(args.realdocs) if real else None, "documents": len(real)}
    inputs["generated"] = {
        str(n): {"folder": str(folder), "documents": len(rows), "pages": sum(r["pages"] for r in rows)}
        for n, (folder, rows) in generated.items()
    }

    log("reading with our path (one document after another) ...")
    real_reads = read_all(real, log) if real else []
    small_folder, _ = generated[sizes[0]] if sizes else (None, [])
    gen_reads = read_all([small_folder], log) if small_folder else []
    ocr_reads = list(real_reads)
    if args.ocr:
        sample = [p for p in sorted(SAMPLE_DIR.glob("*")) if ".scanned." in p.name or p.suffix == ".png"]
        ocr_reads += read_all(sample, log)

    for source, reads in (("realdocs", real_reads), ("generated", gen_reads)):
        if not reads:
            continue
        log(f"born-digital text and extraction, {source} ...")
        measures[f"text.{source}"] = text_measures(reads)
        measures[f"extraction.{source}"] = extraction_measures(reads)

    if args.ocr and scanned(ocr_reads):
        log(f"OCR: tesseract on the same pages, {cores} at once ...")
        measures["ocr"] = ocr_measures(ocr_reads, cores, work)

    if args.cli:
        if real:
            log("end to end, real documents ...")
            pages = sum(r.pages for r in real_reads)
            folder = linked_folder(real, work / "realdocs")  # exactly the files read above
            measures["e2e.realdocs"] = e2e_measures(folder, pages, work, "realdocs", True, log)
        if args.ocr and scanned(ocr_reads):
            log(f"end to end, OCR documents, --workers {cores} ...")
            docs = scanned(ocr_reads)
            folder = linked_folder([Path(r.path) for r in docs], work / "ocr-docs")
            db = work / "ocr.sqlite"
            db.unlink(missing_ok=True)
            run = run_command(folder, db, cores, work / "ocr.log")
            pages = sum(r.pages for r in docs)
            log(f"  {len(docs)} OCR documents, {pages} pages: {run.seconds:.1f} s (exit {run.exit_code})")
            measures["e2e.ocr"] = {**run.__dict__, "pages": pages, "pages_per_s": rate(pages, run.seconds)}
        if args.ocr and args.scan_pages:
            folder, rows = _bulk().scans(args.scan_pages, Path(args.corpus_root))
            log(f"OCR end to end, {args.scan_pages} generated scanned pages, --workers {cores}, and tesseract ...")
            measures["ocr.generated"] = generated_ocr_measures(folder, rows, cores, work)
        for n, (folder, rows) in generated.items():
            log(f"end to end, {n} generated documents ...")
            pages = sum(r["pages"] for r in rows)
            e2e = e2e_measures(folder, pages, work, f"generated-{n}", n == sizes[0], log)
            e2e["pdf_pages"] = sum(r["pages"] for r in rows if r["kind"] == "pdf")  # the rest: text files, dockets
            measures[f"e2e.generated.{n}"] = e2e

    results["load_average_end"] = [round(v, 2) for v in os.getloadavg()]
    results["ratios"] = ratios(measures, sizes)
    results["targets"] = targets(measures, results["ratios"], sizes)
    return results


def ratios(m: dict, sizes: list[int]) -> dict:
    def get(*keys):
        value = m
        for key in keys:
            if not isinstance(value, dict) or key not in value:
                return None
            value = value[key]
        return value

    out = {}
    for source in ("realdocs", "generated"):
        out[f"text_vs_pdfium.{source}"] = ratio(
            get(f"text.{source}", "ours_pages_per_s"), get(f"text.{source}", "pdfium_pages_per_s")
        )
        out[f"text_vs_pdftotext.{source}"] = ratio(
            get(f"text.{source}", "ours_pages_per_s"), get(f"text.{source}", "pdftotext_pages_per_s")
        )
        out[f"extract_vs_spacy_blank.{source}"] = ratio(
            get(f"extraction.{source}", "ours_words_per_s"), get(f"extraction.{source}", "spacy_blank_words_per_s")
        )
    out["ocr_read_vs_tesseract"] = ratio(get("ocr", "ours_read_pages_per_s"), get("ocr", "tesseract_pages_per_s"))
    out["ocr_e2e_vs_tesseract"] = ratio(get("e2e.ocr", "pages_per_s"), get("ocr", "tesseract_pages_per_s"))
    out["ocr_e2e_vs_tesseract.generated"] = ratio(
        get("ocr.generated", "pages_per_s"), get("ocr.generated", "tesseract_pages_per_s")
    )
    small, large = (f"e2e.generated.{sizes[0]}", f"e2e.generated.{sizes[-1]}") if sizes else ("", "")
    out["e2e_scaling_1_to_2_workers.realdocs"] = get("e2e.realdocs", "scaling_1_to_2")
    out["e2e_scaling_1_to_2_workers.generated"] = get(small, "scaling_1_to_2")
    out["rerun_share.realdocs"] = get("e2e.realdocs", "rerun_share")
    out["rerun_share.generated"] = get(large, "rerun_share")
    small_workers, large_workers = (
        get(small, "workers_2", "worker_peaks_mb"),
        get(large, "workers_2", "worker_peaks_mb"),
    )
    out["worker_rss_growth"] = ratio(max(large_workers or [0]), max(small_workers or [0]))
    out["command_rss_growth"] = ratio(
        get(large, "workers_2", "command_peak_mb"), get(small, "workers_2", "command_peak_mb")
    )
    out["cost_per_page_growth"] = ratio(get(large, "ms_per_page"), get(small, "ms_per_page"))
    return {key: out.get(key) for key in RATIO_KEYS}


def targets(m: dict, r: dict, sizes: list[int]) -> list[dict]:
    """The issue's targets beside what was measured (``met`` is None when the measure was skipped)."""
    large = m.get(f"e2e.generated.{sizes[-1]}", {}) if sizes else {}
    rows = [
        ("born-digital pages/s end to end, 2 workers", large.get("workers_2", {}).get("pages_per_s"), ">=", 40),
        ("OCR end to end / tesseract, real and sample scans", r["ocr_e2e_vs_tesseract"], ">=", 0.90),
        ("OCR end to end / tesseract, generated scans", r["ocr_e2e_vs_tesseract.generated"], ">=", 0.90),
        (
            "extraction words/s per core, generated",
            m.get("extraction.generated", {}).get("ours_words_per_s"),
            ">=",
            40_000,
        ),
        (
            "extraction words/s per core, real documents",
            m.get("extraction.realdocs", {}).get("ours_words_per_s"),
            ">=",
            40_000,
        ),
        ("re-run / first run, generated", r["rerun_share.generated"], "<", 0.02),
        ("re-run / first run, real documents", r["rerun_share.realdocs"], "<", 0.02),
        (
            f"peak RSS per worker, {sizes[-1] if sizes else '-'} / {sizes[0] if sizes else '-'} docs",
            r["worker_rss_growth"],
            "<=",
            1.10,
        ),
    ]
    out = []
    for name, value, op, target in rows:
        met = (
            None
            if value is None
            else (value >= target if op == ">=" else value < target if op == "<" else value <= target)
        )
        out.append({"target": name, "measured": value, "op": op, "goal": target, "met": met})
    return out


def table(results: dict) -> str:
    m, r = results["measures"], results["ratios"]
    lines = [
        f"{results['cores']} cores; load average {results['load_average_start']} at the start, "
        f"{results['load_average_end']} at the end (a shared machine makes absolutes noisy; ratios less so)",
        "",
        f"{'measure':<46} {'ours':>12} {'reference':>12} {'ratio':>8}",
    ]

    def row(name, ours, ref, value, unit=""):
        def fmt(v):
            return "-" if v is None else f"{v:,.1f}{unit}" if isinstance(v, float) else f"{v:,}{unit}"

        lines.append(f"{name:<46} {fmt(ours):>12} {fmt(ref):>12} {'-' if value is None else f'{value:.3f}':>8}")

    for source in ("realdocs", "generated"):
        t, e = m.get(f"text.{source}"), m.get(f"extraction.{source}")
        if t:
            row(
                f"text pages/s vs pypdfium2, {source} ({t['pages']} pp)",
                t["ours_pages_per_s"],
                t["pdfium_pages_per_s"],
                r[f"text_vs_pdfium.{source}"],
            )
            row(
                f"text pages/s vs pdftotext -layout, {source}",
                t["ours_pages_per_s"],
                t["pdftotext_pages_per_s"],
                r[f"text_vs_pdftotext.{source}"],
            )
        if e:
            row(
                f"extraction words/s vs spacy.blank, {source}",
                e["ours_words_per_s"],
                e["spacy_blank_words_per_s"],
                r[f"extract_vs_spacy_blank.{source}"],
            )
    if "ocr" in m:
        o = m["ocr"]
        row(
            f"OCR pages/s, read_document vs tesseract x{o['parallel']}",
            o["ours_read_pages_per_s"],
            o["tesseract_pages_per_s"],
            r["ocr_read_vs_tesseract"],
        )
        if "e2e.ocr" in m:
            row(
                f"OCR pages/s, process --workers {o['parallel']} vs tesseract",
                m["e2e.ocr"]["pages_per_s"],
                o["tesseract_pages_per_s"],
                r["ocr_e2e_vs_tesseract"],
            )
    if "ocr.generated" in m:
        g = m["ocr.generated"]
        row(
            f"OCR pages/s, process vs tesseract, {g['pages']} generated pp",
            g["pages_per_s"],
            g["tesseract_pages_per_s"],
            r["ocr_e2e_vs_tesseract.generated"],
        )
    lines += [
        "",
        f"{'end to end (expediente process)':<30} {'pages':>7} {'w1 s':>8} {'w2 s':>8} {'pp/s w2':>8} "
        f"{'1->2':>6} {'re-run':>7} {'ms/pp':>7} {'cmd MB':>7} {'worker MB':>14}",
    ]
    for key in [k for k in m if k.startswith("e2e.") and k != "e2e.ocr"]:
        e = m[key]
        w1, w2 = e.get("workers_1", {}), e["workers_2"]
        workers = "/".join(f"{v:.0f}" for v in w2["worker_peaks_mb"]) or "-"
        share = f"{e['rerun_share']:.1%}" if e["rerun_share"] is not None else "-"
        lines.append(
            f"{key[4:]:<30} {e['pages']:>7} {w1.get('seconds', '-'):>8} {w2['seconds']:>8} "
            f"{w2['pages_per_s'] or '-':>8} {e.get('scaling_1_to_2') or '-':>6} {share:>7} "
            f"{e['ms_per_page'] or '-':>7} "
            f"{w2['command_peak_mb']:>7.0f} {workers:>14}"
        )
    lines += ["", f"{'ratio':<40} value", *(f"{k:<40} {'-' if v is None else v}" for k, v in r.items())]
    lines += ["", f"{'target (issue 10)':<48} {'measured':>10} {'goal':>10}  met"]
    for t in results["targets"]:
        value = t["measured"]
        measured = "-" if value is None else f"{value:,.0f}" if value >= 100 else f"{value:.3f}".rstrip("0").rstrip(".")
        met = "skipped" if t["met"] is None else "yes" if t["met"] else "NO"
        goal = f"{t['op']} {t['goal']:,}"
        lines.append(f"{t['target']:<48} {measured:>10} {goal:>10}  {met}")
    return "\n".join(lines)


def parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, nargs="+", default=list(GENERATED_SIZES), help="generated sizes")
    parser.add_argument("--realdocs", default=str(realdocs_dir()), help="the real documents (default %(default)s)")
    parser.add_argument("--no-realdocs", dest="realdocs", action="store_const", const=None)
    parser.add_argument("--realdocs-limit", type=int, default=None, help="only the first N real documents")
    parser.add_argument("--no-ocr", dest="ocr", action="store_false", help="skip the OCR measures")
    parser.add_argument("--no-cli", dest="cli", action="store_false", help="skip the end-to-end runs")
    parser.add_argument("--scan-pages", type=int, default=SCAN_PAGES, help="generated scanned pages (0: none)")
    parser.add_argument("--cores", type=int, default=os.cpu_count() or 1, help="parallelism of the OCR measures")
    parser.add_argument("--corpus-root", default=str(CORPUS_ROOT), help="where the generated corpus is kept")
    parser.add_argument("--work", default=str(WORK_DIR), help="datasets and logs of the end-to-end runs")
    parser.add_argument("--json", default=str(JSON_OUT), help="where to write the results (default %(default)s)")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    results = measure(args)
    print()
    print(table(results))
    Path(args.json).parent.mkdir(parents=True, exist_ok=True)
    Path(args.json).write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    print(f"\nwritten to {args.json}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

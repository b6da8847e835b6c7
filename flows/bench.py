"""Benchmark: time per page for text-layer and OCR pages, and extraction speed.

    python -m expediente.flows.bench [PATH ...]      (default: ../shared/realdocs if present, else the sample corpus)

Prints one line per document and a summary; numbers go into issue notes, never into timed tests.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from expediente.corpus.discover import discover
from expediente.corpus.locations import checkout, realdocs_dir
from expediente.corpus.reader import read_document
from expediente.extractors.pipeline import extract, load_nlp

DEFAULT_PATHS = [realdocs_dir(), checkout("corpus", "sample", "docs")]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*")
    args = parser.parse_args(argv)
    paths = args.paths or [str(next(p for p in DEFAULT_PATHS if p.exists()))]
    found, rejected = discover(paths)
    t0 = time.perf_counter()
    load_nlp()  # the pipeline and its model artifacts load once per process, outside the per-document timings
    print(f"pipeline and model artifacts loaded in {time.perf_counter() - t0:.1f} s")
    per_page: dict[str, list[float]] = {}
    extract_s, words = 0.0, 0
    for item in found:
        t0 = time.perf_counter()
        try:
            document = read_document(item)
        except Exception as exc:  # a benchmark reports failures and goes on
            print(f"{Path(item.path).name}: failed to read ({type(exc).__name__}: {exc})")
            continue
        read_s = time.perf_counter() - t0
        t1 = time.perf_counter()
        extract(document)
        ex = time.perf_counter() - t1
        extract_s += ex
        words += sum(len(p.text.split()) for p in document.pages)
        methods = sorted({p.method for p in document.pages})
        key = "+".join(methods)
        per_page.setdefault(key, []).append(read_s / max(1, len(document.pages)))
        print(f"{Path(item.path).name}: {len(document.pages)} pages ({key}), read {read_s:.2f} s, extract {ex:.3f} s")
    print()
    for key, values in sorted(per_page.items()):
        print(f"read, {key} documents: median {statistics.median(values) * 1000:.0f} ms/page over {len(values)} docs")
    if extract_s:
        print(f"extraction: {words} words in {extract_s:.2f} s = {words / extract_s:,.0f} words/s")
    print(f"{len(found)} documents, {len(rejected)} rejected before reading")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""How fast PDF text layers are read: the fast path (PDFium, pdfplumber where needed) against pdfplumber everywhere.

    python -m expediente.corpus.pdf_speed [PATH ...]   (default: ../shared/realdocs if present, else the sample corpus)

Both readers read each document in turn, so that a machine busy with other work slows both alike. Only the text
layers are read (no OCR). For the benchmark (flows/bench.py) and issue notes, never for timed tests.
"""

from __future__ import annotations

import argparse
import dataclasses
import time
from collections import Counter
from dataclasses import dataclass, field

from expediente.corpus.discover import discover
from expediente.corpus.locations import checkout, realdocs_dir
from expediente.corpus.pdf import read_text_layers
from expediente.corpus.settings import SETTINGS, ReadSettings

READERS = ("pdfplumber", "auto")  # the reader before issue 10, the reader now


@dataclass
class Speed:
    """One reader over a set of PDFs."""

    reader: str
    documents: int = 0
    pages: int = 0
    seconds: float = 0.0
    methods: Counter = field(default_factory=Counter)  # pages by how they were read ("text", "layout", "ocr")

    @property
    def pages_per_second(self) -> float:
        return self.pages / self.seconds if self.seconds else 0.0

    def share(self, method: str) -> float:
        """The share of pages read by ``method`` ("layout": pdfplumber)."""
        return self.methods[method] / self.pages if self.pages else 0.0


def measure(paths: list[str], readers: tuple[str, ...] = READERS, settings: ReadSettings = SETTINGS) -> list[Speed]:
    """Every PDF under ``paths`` read by each of ``readers`` (values of ``EXPEDIENTE_TEXT_READER``), side by side."""
    found, _ = discover(paths)
    speeds = {reader: Speed(reader) for reader in readers}
    for item in found:
        if item.kind != "pdf":
            continue
        for reader in readers:
            t0 = time.perf_counter()
            try:
                layers = read_text_layers(item.path, dataclasses.replace(settings, text_reader=reader))
            except Exception:  # a file no reader takes (damaged, encrypted, empty) is left out of the measurement
                break
            speed = speeds[reader]
            speed.seconds += time.perf_counter() - t0
            speed.documents += 1
            speed.pages += layers.count
            speed.methods.update(method for _, _, method in layers.texts.values())
            speed.methods["ocr"] += len(layers.to_ocr)
    return list(speeds.values())


def report(speeds: list[Speed]) -> list[str]:
    """One line per reader, and the speed-up of the last over the first."""
    lines = [
        f"{s.reader:>10}: {s.pages} pages of {s.documents} PDFs in {s.seconds:.2f} s = {s.pages_per_second:,.0f} "
        f"pages/s ({s.seconds * 1000 / max(1, s.pages):.1f} ms/page); by PDFium {s.share('text'):.0%}, "
        f"by pdfplumber {s.share('layout'):.0%}, to OCR {s.share('ocr'):.0%}"
        for s in speeds
    ]
    if len(speeds) > 1 and speeds[-1].seconds:
        lines.append(f"speed-up: {speeds[0].seconds / speeds[-1].seconds:.1f}x")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*")
    args = parser.parse_args(argv)
    default = next((p for p in (realdocs_dir(), checkout("corpus", "sample", "docs")) if p.exists()), None)
    paths = args.paths or ([str(default)] if default else [])
    for line in report(measure(paths)):
        print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

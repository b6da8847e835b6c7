"""OCR behind a small interface, so tests can inject a crashing or slow engine.

``TesseractEngine`` runs the ``tesseract`` binary through pytesseract on an image
*file* (faster than handing it a PIL image), one OpenMP thread per process
(``OMP_THREAD_LIMIT=1``: several single-threaded processes beat one thrashing
multi-threaded one). A module-level semaphore caps how many tesseract processes run
at once across every document read in this process; :func:`ocr_pages` runs the
pages of one document in parallel.
"""

from __future__ import annotations

import os
import re
import shutil
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, runtime_checkable

from expediente.corpus.boxes import Box, word_box
from expediente.corpus.errors import OcrError, OcrUnavailable
from expediente.corpus.settings import SETTINGS, ReadSettings

INSTALL_HINT = "install Tesseract: apt-get install tesseract-ocr (macOS: brew install tesseract)"

# At most this many tesseract processes at once in this process, whatever the number
# of documents being read concurrently.
_TESSERACT_SLOTS = threading.BoundedSemaphore(max(1, SETTINGS.ocr_workers))
_NON_SPACE = re.compile(r"\S+")


@dataclass(frozen=True)
class OcrResult:
    text: str
    mean_confidence: float | None  # mean word confidence 0-100; None when no word was found
    boxes: tuple = ()  # word boxes (corpus/boxes.py), offsets into ``text``


@runtime_checkable
class OcrEngine(Protocol):
    def ocr(self, image_path: str) -> OcrResult: ...


class TesseractEngine:
    """pytesseract ``image_to_data`` on a file path."""

    name = "tesseract"

    def __init__(self, settings: ReadSettings = SETTINGS, config: str = ""):
        self.language = settings.ocr_language
        self.timeout = settings.ocr_timeout_s
        self.config = config
        os.environ["OMP_THREAD_LIMIT"] = "1"  # inherited by every tesseract child process

    @staticmethod
    def available() -> bool:
        import pytesseract

        return shutil.which(pytesseract.pytesseract.tesseract_cmd) is not None

    def ocr(self, image_path: str) -> OcrResult:
        import pytesseract

        if not self.available():
            raise OcrUnavailable(f"the tesseract program was not found; {INSTALL_HINT}")
        with _TESSERACT_SLOTS:
            try:
                data = pytesseract.image_to_data(
                    str(image_path),
                    lang=self.language,
                    config=self.config,
                    timeout=self.timeout,
                    output_type=pytesseract.Output.DICT,
                )
            except pytesseract.TesseractNotFoundError as exc:
                raise OcrUnavailable(f"the tesseract program was not found; {INSTALL_HINT}") from exc
            except pytesseract.TesseractError as exc:
                message = str(exc)
                if "Failed loading language" in message or "traineddata" in message:
                    raise OcrUnavailable(
                        f"Tesseract has no '{self.language}' language data; "
                        f"apt-get install tesseract-ocr-{self.language}"
                    ) from exc
                raise OcrError(f"tesseract failed on {Path(image_path).name}: {message}") from exc
            except RuntimeError as exc:  # pytesseract reports its timeout as a RuntimeError
                if "timeout" in str(exc).lower():
                    raise OcrError(
                        f"tesseract took longer than {self.timeout} s on {Path(image_path).name} "
                        "(raise EXPEDIENTE_OCR_TIMEOUT_S)"
                    ) from exc
                raise
        return result_from_data(data)


def result_from_data(data: dict[str, list]) -> OcrResult:
    """Page text with line breaks (blank line between paragraphs), the mean word confidence and the word boxes.

    A box is a fraction of the page's size, which the level-1 (page) row of ``image_to_data`` gives.
    """
    out: list[str] = []
    confidences: list[float] = []
    boxes: list[Box] = []
    page = (0, 0, 0, 0)
    length = 0
    last_line: tuple[int, int, int] | None = None
    for i, word in enumerate(data.get("text", [])):
        level = int(data["level"][i])
        if level == 1:
            page = (0, 0, int(data["width"][i]), int(data["height"][i]))
        word = (word or "").strip()
        if level != 5 or not word:
            continue
        key = (int(data["block_num"][i]), int(data["par_num"][i]), int(data["line_num"][i]))
        if last_line is None:
            separator = ""
        elif key[:2] != last_line[:2]:
            separator = "\n\n"
        elif key != last_line:
            separator = "\n"
        else:
            separator = " "
        out += (separator, word)
        start = length + len(separator)
        length = start + len(word)
        left, top = int(data["left"][i]), int(data["top"][i])
        rect = (left, top, left + int(data["width"][i]), top + int(data["height"][i]))
        # a word Tesseract reports with inner whitespace becomes one box per part, all at its place
        boxes += (word_box(start + m.start(), start + m.end(), rect, page) for m in _NON_SPACE.finditer(word))
        last_line = key
        conf = float(data["conf"][i])
        if conf >= 0:
            confidences.append(conf)
    mean = round(sum(confidences) / len(confidences), 1) if confidences else None
    return OcrResult("".join(out), mean, tuple(boxes))


_default_engine: OcrEngine | None = None
_default_lock = threading.Lock()


def get_engine() -> OcrEngine:
    """The default engine (Tesseract), created once."""
    global _default_engine
    with _default_lock:
        if _default_engine is None:
            _default_engine = TesseractEngine()
        return _default_engine


@dataclass(frozen=True)
class PageOcr:
    """What OCR made of one page: text, confidence and word boxes, or the error that stopped it."""

    number: int
    text: str = ""
    confidence: float | None = None
    error: str | None = None
    boxes: tuple = ()


def ocr_pages(jobs: Sequence[tuple[int, Callable[[], OcrResult]]], settings: ReadSettings = SETTINGS) -> list[PageOcr]:
    """Run ``(page number, job)`` pairs in parallel; a failing page records its error.

    ``OcrUnavailable`` (Tesseract missing) is not a page's fault: it is raised, so the
    whole document fails with the install hint (and can be retried once fixed).
    """
    if not jobs:
        return []

    def run(number: int, job: Callable[[], OcrResult]) -> PageOcr:
        try:
            result = job()
        except OcrUnavailable:
            raise
        except Exception as exc:  # one bad page never kills a document: its error is recorded
            return PageOcr(number, error=f"OCR failed: {type(exc).__name__}: {exc}")
        return PageOcr(number, result.text, result.mean_confidence, boxes=result.boxes)

    workers = max(1, min(settings.ocr_workers, len(jobs)))
    if workers == 1:
        return [run(number, job) for number, job in jobs]
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="ocr") as pool:
        futures = [pool.submit(run, number, job) for number, job in jobs]
        return [f.result() for f in futures]

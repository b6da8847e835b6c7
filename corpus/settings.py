"""Limits and thresholds of the reading stage, overridable by environment variables.

Every number that decides how a file is read lives here, not in flow code.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, fields
from typing import TypeVar

from expediente.corpus.errors import ExpedienteError

T = TypeVar("T")
TYPE_WORDS = {int: "a whole number of 0 or more", float: "a number of 0 or more", str: "a text"}


class SettingError(ExpedienteError):
    """An EXPEDIENTE_* environment variable that cannot be read as its setting."""

    reason = "setting"


def from_env(cls: type[T]) -> T:
    """``cls`` (a dataclass of settings with typed defaults), each field overridden by ``EXPEDIENTE_<FIELD>``."""
    values = {}
    for f in fields(cls):
        var = f"EXPEDIENTE_{f.name.upper()}"
        raw = os.environ.get(var)
        if raw is None:
            continue
        kind = type(f.default)
        try:
            value = kind(raw)
        except ValueError:
            value = None
        if value is None or (kind in (int, float) and value < 0):
            raise SettingError(f"{var}={raw!r} is not {TYPE_WORDS[kind]}: fix it or unset it (default {f.default})")
        values[f.name] = value
    return cls(**values)


@dataclass(frozen=True)
class ReadSettings:
    max_pages: int = 500  # more pages than this: the document fails as oversized
    max_file_mb: int = 200  # larger files fail as oversized before they are opened
    max_text_chars: int = 3_000_000  # a text or HTML document longer than this fails as oversized (~500 pages)
    max_image_pixels: int = 80_000_000  # per page or image (300 dpi letter is ~8.4M)
    ocr_dpi: int = 300
    ocr_language: str = "eng"
    min_letters_per_page: int = 25  # fewer letters in the text layer: the page needs OCR
    max_cid_ratio: float = 0.02  # share of "(cid:" garbage above which the page needs OCR
    max_control_ratio: float = 0.05  # share of control characters (broken font encodings): needs OCR
    low_ocr_confidence: float = 60.0  # mean word confidence under which a page is flagged
    shifted_min_letters: int = 200  # pages with fewer letters are never judged a shifted font encoding
    shifted_max_score: float = 0.5  # English score (corpus/encoding.py) under which a page may be shifted
    shifted_min_decoded_score: float = 2.0  # ... and that a shift must reach to be accepted
    # the text layer (corpus/pdf.py, corpus/pdf_text.py): PDFium reads every page, its lines put in rows as pdfplumber
    # lays them out; pdfplumber's layout analysis (about 50 times slower) re-reads a page only where that may change
    # what is extracted. Measured on the real, sample and lockbox PDFs (issue 10): with rows, every field of every
    # document but one came out the same; the exception, a transcript, has letter-spaced time stamps ("0 2 : 0 5")
    text_reader: str = "auto"  # "auto" (the rule below), "pdfium" (never pdfplumber), "pdfplumber" (every page)
    layout_min_line_letters: int = 3  # a line with fewer letters (line number, caption ")", time stamp) is margin
    # this many text lines side by side with another (tables, columns, two-column captions): pdfplumber reads the page.
    # Rows alone gave the same fields on all 21 such pages measured, not the same text (92-99% of words in place):
    # captions carry the defendants and the case number, so any such line keeps its page on pdfplumber
    layout_min_shared_lines: int = 1
    layout_spaced_run_chars: int = 4  # single characters in a row with spaces between: a letter-spaced run ...
    layout_min_spaced_runs: int = 10  # ... and this many runs on a page: pdfplumber reads it (measured: 20-25 on the
    # pages of the letter-spaced transcript, at most 4 elsewhere, e.g. "I N D I C T M E N T")
    ocr_workers: int = max(1, os.cpu_count() or 1)
    ocr_timeout_s: int = 120
    # extraction reads a longer text in chunks of about this many characters, cut at page starts (else at blank
    # lines or line breaks), so that its memory stays flat as the text grows; every real and gold document fits one
    extract_chunk_chars: int = 250_000


SETTINGS = from_env(ReadSettings)

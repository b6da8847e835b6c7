"""The boundary objects of the corpus: a page in, an immutable result out."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Page:
    """One page of a document, as read (before any cleaning).

    ``text`` is the original page text: the text layer, the OCR output, or the
    slice of a plain-text/HTML file that forms this page. Every offset the
    pipeline stores points into this string.
    """

    number: int  # 1-based
    text: str
    method: str  # "text" (PDF text layer, PDFium), "layout" (PDF text layer, pdfplumber), "ocr", "plain", "html"
    ocr_confidence: float | None = None  # mean word confidence 0-100, OCR pages only
    error: str | None = None  # why this page has no text (one bad page never kills a document)
    boxes: tuple = ()  # word boxes (corpus/boxes.py), offsets into ``text``; none for plain text and HTML

    @property
    def char_count(self) -> int:
        return len(self.text)


@dataclass(frozen=True)
class Document:
    """A file read into pages. Identity is the SHA-256 of the file's bytes."""

    path: str
    sha256: str
    kind: str  # "pdf", "image", "text", "html"
    pages: tuple[Page, ...]
    warnings: tuple[str, ...] = field(default_factory=tuple)

    @property
    def file_name(self) -> str:
        return Path(self.path).name

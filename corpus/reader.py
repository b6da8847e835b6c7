"""One entry point: a file in, a :class:`~corpus.document.Document` out (or a named error)."""

from __future__ import annotations

import os
from pathlib import Path

from expediente.corpus.discover import FoundFile, check_label, inspect
from expediente.corpus.document import Document, Page
from expediente.corpus.errors import EmptyDocument, OcrError, OversizedDocument, UnreadableDocument, UnsupportedFileType
from expediente.corpus.html_docket import read_html
from expediente.corpus.images import read_image
from expediente.corpus.ocr import OcrEngine, get_engine
from expediente.corpus.pdf import read_pdf
from expediente.corpus.plaintext import read_text
from expediente.corpus.settings import SETTINGS, ReadSettings


def read_document(
    source: str | os.PathLike[str] | FoundFile,
    engine: OcrEngine | None = None,
    settings: ReadSettings = SETTINGS,
) -> Document:
    """Read a file into pages.

    Raises an :class:`~corpus.errors.UnreadableDocument` subclass (empty, corrupt,
    encrypted, mislabelled, oversized, unsupported) with a message a user can act on,
    or :class:`~corpus.errors.OcrUnavailable` when a page needs OCR and Tesseract
    cannot run. A page that fails on its own is kept with ``Page.error`` set.
    """
    found = source if isinstance(source, FoundFile) else _inspect(source)
    name = Path(found.path).name
    if found.size > settings.max_file_mb * 1024 * 1024:
        raise OversizedDocument(
            f"{name}: {found.size / 1024 / 1024:.0f} MB, more than the limit of {settings.max_file_mb} MB "
            "(raise EXPEDIENTE_MAX_FILE_MB to read it)"
        )
    warnings: list[str] = []
    label_warning = check_label(found)
    if label_warning:
        warnings.append(label_warning)

    kind = found.kind
    if kind in ("text", "html") and found.size > settings.max_text_chars * 4:  # 4 bytes hold any character
        raise OversizedDocument(
            f"{name}: {found.size / 1024 / 1024:.0f} MB of {kind}, more than a document of "
            f"{settings.max_text_chars:,} characters can take (raise EXPEDIENTE_MAX_TEXT_CHARS to read it)"
        )
    if kind == "pdf":
        pages, more = read_pdf(found.path, engine or get_engine(), settings)
    elif kind == "image":
        pages, more = read_image(found.path, engine or get_engine(), settings)
    elif kind == "text":
        pages, more = read_text(found.path, settings)
    elif kind == "html":
        pages, more = read_html(found.path, settings)
    else:  # pragma: no cover - check_label rejects every other format
        raise UnsupportedFileType(f"{name}: cannot read {found.detected} files")
    warnings.extend(more)
    warnings.extend(_quality_warnings(pages, settings))
    if not any(page.text.strip() for page in pages):
        errors = [f"page {p.number}: {p.error}" for p in pages if p.error]
        if errors:
            raise OcrError(f"{name}: no page could be read ({'; '.join(errors[:3])})")
        raise EmptyDocument(f"{name}: no page holds any text, even after OCR")
    return Document(path=str(found.path), sha256=found.sha256, kind=kind, pages=tuple(pages), warnings=tuple(warnings))


def _inspect(path: str | os.PathLike[str]) -> FoundFile:
    try:
        return inspect(path)
    except FileNotFoundError as exc:
        raise UnreadableDocument(f"{path}: no such file") from exc
    except OSError as exc:
        raise UnreadableDocument(f"{path}: cannot be read ({exc.strerror or exc})") from exc


def _quality_warnings(pages: list[Page], settings: ReadSettings) -> list[str]:
    out = []
    for page in pages:
        if page.method != "ocr" or page.error:
            continue
        if page.ocr_confidence is None:
            out.append(f"page {page.number}: OCR found no text")
        elif page.ocr_confidence < settings.low_ocr_confidence:
            out.append(
                f"page {page.number}: OCR confidence {page.ocr_confidence:.0f} < {settings.low_ocr_confidence:.0f}"
            )
    return out

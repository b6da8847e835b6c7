"""A page as the reader sees it: a PDF page or a scanned frame rendered to a PNG, for the review workbench.

Plain-text and HTML documents have no page image (their text is what the reader sees). The file is read
from the path it was processed from; a moved or deleted file is a :class:`MissingDocument`.
"""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image

from expediente.corpus.errors import CorruptDocument, MissingDocument
from expediente.corpus.pdf import PDFIUM_LOCK

IMAGE_KINDS = ("pdf", "image")


def page_png(path: str, kind: str, number: int, width: int = 1100) -> bytes | None:
    """Page ``number`` (1-based) of the file at ``path`` as PNG bytes about ``width`` pixels wide; None for a
    kind without page images."""
    if kind not in IMAGE_KINDS:
        return None
    if not Path(path).is_file():
        raise MissingDocument(f"{Path(path).name}: the file is no longer at {path}; the page text is shown instead")
    image = _pdf_page(path, number, width) if kind == "pdf" else _frame(path, number, width)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=False, compress_level=3)
    return out.getvalue()


def _pdf_page(path: str, number: int, width: int) -> Image.Image:
    import pypdfium2 as pdfium

    with PDFIUM_LOCK:
        try:
            pdf = pdfium.PdfDocument(path)
        except pdfium.PdfiumError as exc:
            raise CorruptDocument(f"{Path(path).name}: the PDF cannot be rendered ({exc})") from exc
        try:
            if not 1 <= number <= len(pdf):
                raise MissingDocument(f"{Path(path).name} has no page {number}")
            page = pdf[number - 1]
            try:
                bitmap = page.render(scale=width / page.get_width())
                image = bitmap.to_pil().convert("RGB")
                bitmap.close()
            finally:
                page.close()
        finally:
            pdf.close()
    return image


def _frame(path: str, number: int, width: int) -> Image.Image:
    try:
        with Image.open(path) as image:
            image.seek(number - 1)
            frame = image.convert("RGB")
    except EOFError as exc:
        raise MissingDocument(f"{Path(path).name} has no page {number}") from exc
    except OSError as exc:
        raise CorruptDocument(f"{Path(path).name}: the image cannot be decoded ({exc})") from exc
    if frame.width > width:
        frame = frame.resize((width, round(frame.height * width / frame.width)))
    return frame

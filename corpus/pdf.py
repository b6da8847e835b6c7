"""PDF pages: the text layer with PDFium (pdfplumber where its layout analysis matters), OCR where there is none.

Every page's text layer is read with PDFium (:mod:`corpus.pdf_text`, ``Page.method`` "text"), its lines put in
rows as pdfplumber lays them out. pdfplumber reads a page instead (``Page.method`` "layout") when
:func:`needs_layout` says its layout analysis may change what is extracted (text lines side by side: tables,
columns, two-column captions; letter-spaced text), when PDFium's text of the page would need OCR or holds
characters without Unicode (so the OCR decision below is pdfplumber's, as it always was), when PDFium cannot read
the page or the file, and for every page under ``EXPEDIENTE_TEXT_READER=pdfplumber``.

A page needs OCR when its text layer is empty, mostly ``(cid:NN)`` garbage or
control characters (a font without a usable encoding), or holds fewer than
``min_letters_per_page`` letters once ECF stamps and line numbers are removed
(scanned filings usually carry only the court's electronic stamp as text). Such
pages are rendered with pypdfium2 at ``ocr_dpi`` to a temporary (uncompressed) image file and OCR'd,
in parallel across the document's pages.
"""

from __future__ import annotations

import re
import tempfile
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdftypes import resolve1
from pdfplumber.utils.exceptions import PdfminerException

from expediente.corpus.boxes import words_from_chars, words_from_rects
from expediente.corpus.clean import clean_page
from expediente.corpus.document import Page
from expediente.corpus.encoding import find_shift
from expediente.corpus.errors import CorruptDocument, EmptyDocument, EncryptedDocument, OversizedDocument
from expediente.corpus.ocr import OcrEngine, OcrResult, ocr_pages
from expediente.corpus.pdf_text import PdfiumPage, by_rows, page_chars, rows, spaced_runs
from expediente.corpus.settings import SETTINGS, ReadSettings, SettingError

# PDFium may not be called from two threads at once, even on different documents.
PDFIUM_LOCK = threading.Lock()

TEXT_READERS = ("auto", "pdfium", "pdfplumber")
FAST, LAYOUT = "text", "layout"  # Page.method of a text layer read by PDFium, by pdfplumber

_CID = re.compile(r"\(cid:\d+\)")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


def ocr_reason(text: str, settings: ReadSettings = SETTINGS) -> str | None:
    """Why this text layer is not usable (so the page must be OCR'd), or None if it is."""
    if not text or not text.strip():
        return "no text layer"
    cid = sum(len(m) for m in _CID.findall(text))
    if cid / len(text) > settings.max_cid_ratio:
        return f"text layer is {cid / len(text):.0%} (cid:) glyph codes"
    control = len(_CONTROL.findall(text))
    if control / len(text) > settings.max_control_ratio:
        return f"text layer is {control / len(text):.0%} control characters (broken font encoding)"
    letters = sum(map(str.isalpha, clean_page(text).text))
    if letters < settings.min_letters_per_page:
        return f"text layer has only {letters} letters"
    shift = find_shift(text, settings)
    if shift is not None:
        return f"text layer is in a shifted font encoding ({shift:+d} code points)"
    return None


def needs_layout(page: PdfiumPage, settings: ReadSettings = SETTINGS) -> bool:
    """Whether pdfplumber must read this page: text lines side by side, or letter-spaced text (``ReadSettings``)."""
    if settings.text_reader != "auto":
        return settings.text_reader == "pdfplumber"
    return (
        rows(page, settings.layout_min_line_letters).shared >= settings.layout_min_shared_lines
        or spaced_runs(page, settings.layout_spaced_run_chars) >= settings.layout_min_spaced_runs
    )


class _FastReader:
    """Reads pages of one PDF with PDFium, one call at a time process-wide; None for a page it leaves to pdfplumber."""

    def __init__(self, doc, settings: ReadSettings):
        self._doc, self.settings = doc, settings

    @classmethod
    def open(cls, path: str, count: int, settings: ReadSettings) -> _FastReader | None:
        """A reader, or None when pdfplumber reads every page (it is asked to, or PDFium cannot open the file or
        counts its pages differently from pdfminer)."""
        if settings.text_reader not in TEXT_READERS:
            raise SettingError(
                f"EXPEDIENTE_TEXT_READER={settings.text_reader!r} is not one of {', '.join(TEXT_READERS)}: "
                "fix it or unset it (default auto)"
            )
        if settings.text_reader == "pdfplumber":
            return None
        import pypdfium2 as pdfium

        with PDFIUM_LOCK:
            try:
                doc = pdfium.PdfDocument(path)
            except pdfium.PdfiumError:
                return None
            if len(doc) != count:
                doc.close()
                return None
        return cls(doc, settings)

    def read(self, number: int) -> tuple[str, tuple] | None:
        """The text and word boxes of page ``number``, or None when pdfplumber must read it."""
        with PDFIUM_LOCK:
            try:
                page = self._doc[number - 1]
                try:
                    read = page_chars(page)
                finally:
                    page.close()
            except Exception:  # PdfiumError or any other failure on a damaged page: pdfplumber reads it
                return None
        if read.unmapped or needs_layout(read, self.settings):
            return None
        read = by_rows(read)
        if ocr_reason(read.text, self.settings):
            return None
        return read.text, words_from_rects(read.text, [box for _, box in read.chars], read.bbox)

    def close(self) -> None:
        with PDFIUM_LOCK:
            self._doc.close()


def _open(path: str):
    name = Path(path).name
    try:
        return pdfplumber.open(path, password="")
    except PdfminerException as exc:
        cause = exc.args[0] if exc.args else exc
        if isinstance(cause, PDFPasswordIncorrect | PDFEncryptionError):
            raise EncryptedDocument(
                f"{name}: the PDF is password-protected; save an unprotected copy (e.g. "
                "`qpdf --decrypt --password=PASSWORD in.pdf out.pdf`) and process that"
            ) from exc
        raise CorruptDocument(f"{name}: the PDF is damaged or truncated ({cause!r}); get a fresh copy") from exc
    except (OSError, ValueError, TypeError, KeyError, AttributeError) as exc:
        raise CorruptDocument(f"{name}: the PDF cannot be parsed ({exc!r}); get a fresh copy") from exc


def _empty_page_tree(pdf) -> bool:
    """Whether the catalog's page tree lists no page. pdfminer then falls back on stray ``/Page`` objects
    (and pdfplumber lists them as pages), but no viewer shows those: PDFium refuses the file."""
    tree = resolve1(pdf.doc.catalog.get("Pages"))
    return isinstance(tree, dict) and not resolve1(tree.get("Kids"))


def _check_renderable(path: str) -> None:
    """Raise when PDFium cannot open the file, so no page of it can be rendered for OCR."""
    import pypdfium2 as pdfium

    with PDFIUM_LOCK:
        try:
            pdfium.PdfDocument(path).close()
        except pdfium.PdfiumError as exc:
            raise CorruptDocument(
                f"{Path(path).name}: no page has a text layer and the PDF cannot be rendered for OCR "
                f"(PDFium: {exc}); get a fresh copy"
            ) from exc


@contextmanager
def _opened(path: str) -> Iterator[pdfplumber.PDF]:
    pdf = _open(path)
    try:
        yield pdf
    except BaseException:
        pdf.stream.close()  # not pdf.close(): it lists the pages again, and a damaged page list raises again
        raise
    pdf.close()


class PageRenderer:
    """Renders pages of one PDF to image files with PDFium, one call at a time process-wide."""

    def __init__(self, path: str, dpi: int, folder: Path):
        self.path, self.dpi, self.folder = path, dpi, folder
        self._doc = None
        self._error: Exception | None = None

    def _document(self):
        import pypdfium2 as pdfium

        if self._doc is None and self._error is None:
            try:
                self._doc = pdfium.PdfDocument(self.path)
            except pdfium.PdfiumError as exc:
                self._error = exc
        if self._error is not None:
            raise RuntimeError(f"PDFium cannot open the file to render it: {self._error}")
        return self._doc

    def render(self, number: int) -> Path:
        target = self.folder / f"page-{number:05d}.bmp"
        with PDFIUM_LOCK:
            page = self._document()[number - 1]
            try:
                bitmap = page.render(scale=self.dpi / 72, grayscale=True)
                image = bitmap.to_pil().copy()
                bitmap.close()
            finally:
                page.close()
        # uncompressed: Tesseract reads the same pixels and resolution as from a PNG, with no PNG to encode and
        # decode (~25% of a page's OCR time)
        image.save(target, format="BMP", dpi=(self.dpi, self.dpi))
        return target

    def close(self) -> None:
        with PDFIUM_LOCK:
            if self._doc is not None:
                self._doc.close()
                self._doc = None


@dataclass
class TextLayers:
    """What a PDF's text layers give, before any OCR."""

    count: int  # pages
    texts: dict[int, tuple[str, tuple, str]] = field(default_factory=dict)  # page -> text, word boxes, method
    to_ocr: dict[int, str] = field(default_factory=dict)  # page -> why it needs OCR
    sizes: dict[int, tuple[float, float]] = field(default_factory=dict)  # page -> width, height (points)
    warnings: list[str] = field(default_factory=list)


def read_text_layers(path: str, settings: ReadSettings = SETTINGS) -> TextLayers:
    """The text layer of every page of a PDF that has a usable one, and why each other page needs OCR."""
    name = Path(path).name
    with _opened(path) as pdf:
        try:
            plumber_pages = [] if _empty_page_tree(pdf) else pdf.pages
        except Exception as exc:  # a broken page tree surfaces here, from deep inside pdfminer
            raise CorruptDocument(f"{name}: the PDF's page list is damaged ({exc!r}); get a fresh copy") from exc
        count = len(plumber_pages)
        if count == 0:
            raise EmptyDocument(f"{name}: the PDF has no pages (its page tree is empty)")
        if count > settings.max_pages:
            raise OversizedDocument(
                f"{name}: {count} pages, more than the limit of {settings.max_pages} "
                "(raise EXPEDIENTE_MAX_PAGES to read it)"
            )
        layers = TextLayers(count)
        fast = _FastReader.open(path, count, settings)
        try:
            for number, page in enumerate(plumber_pages, start=1):
                try:
                    layers.sizes[number] = (float(page.width), float(page.height))
                    read = fast.read(number) if fast else None
                    if read is not None:
                        layers.texts[number] = (*read, FAST)
                        continue
                    textmap = page.get_textmap()  # what page.extract_text() returns is its as_string
                    text = textmap.as_string
                except Exception as exc:  # pdfminer raises many types on a damaged page; try OCR instead
                    layers.warnings.append(f"page {number}: text layer unreadable ({type(exc).__name__}); OCR instead")
                    layers.to_ocr[number] = "text layer unreadable"
                    continue
                finally:
                    page.close()
                reason = ocr_reason(text, settings)
                if reason:
                    layers.to_ocr[number] = reason
                else:
                    layers.texts[number] = (text, words_from_chars(textmap.tuples, page.cropbox), LAYOUT)
        finally:
            if fast:
                fast.close()
    return layers


def read_pdf(path: str, engine: OcrEngine, settings: ReadSettings = SETTINGS) -> tuple[list[Page], list[str]]:
    """Pages of a PDF and the warnings worth showing a user."""
    name = Path(path).name
    layers = read_text_layers(path, settings)
    count, texts, to_ocr, sizes, warnings = layers.count, layers.texts, layers.to_ocr, layers.sizes, layers.warnings

    for number in to_ocr:
        width, height = sizes.get(number, (612.0, 792.0))
        px_w, px_h = round(width * settings.ocr_dpi / 72), round(height * settings.ocr_dpi / 72)
        if px_w * px_h > settings.max_image_pixels:
            raise OversizedDocument(
                f"{name}: page {number} would be {px_w}x{px_h} pixels at {settings.ocr_dpi} dpi, more than "
                f"the limit of {settings.max_image_pixels:,} (raise EXPEDIENTE_MAX_IMAGE_PIXELS to read it)"
            )

    ocr_results = {}
    if to_ocr and not texts:
        _check_renderable(path)  # not an OCR engine fault: fail now, not after retries
    if to_ocr:
        with tempfile.TemporaryDirectory(prefix="expediente-ocr-") as tmp:
            renderer = PageRenderer(path, settings.ocr_dpi, Path(tmp))
            try:
                jobs = [(n, _render_and_ocr(renderer, n, engine)) for n in sorted(to_ocr)]
                ocr_results = {r.number: r for r in ocr_pages(jobs, settings)}
            finally:
                renderer.close()

    pages: list[Page] = []
    for number in range(1, count + 1):
        if number in texts:
            text, boxes, method = texts[number]
            pages.append(Page(number, text, method, boxes=boxes))
            continue
        result = ocr_results[number]
        if result.error:
            warnings.append(f"page {number}: {result.error}")
        pages.append(Page(number, result.text, "ocr", result.confidence, result.error, result.boxes))
    return pages, warnings


def _render_and_ocr(renderer: PageRenderer, number: int, engine: OcrEngine) -> Callable[[], OcrResult]:
    def job() -> OcrResult:
        image = renderer.render(number)
        try:
            return engine.ocr(str(image))
        finally:
            image.unlink(missing_ok=True)

    return job

"""Plain-text files in: decode, then split into pages.

Pages are split on form feeds when the file has them (pdftotext output); otherwise
at ECF stamp lines ("Case ... Document N Filed ... Page X of Y"), so that each page
starts at its stamp; otherwise the file is one page.
"""

from __future__ import annotations

from pathlib import Path

from expediente.corpus.clean import ECF_HEADER
from expediente.corpus.document import Page
from expediente.corpus.encoding import find_shift, unshift
from expediente.corpus.errors import EmptyDocument, OversizedDocument
from expediente.corpus.settings import SETTINGS, ReadSettings

FALLBACK_ENCODINGS = ("cp1252", "latin-1")


def decode(data: bytes) -> tuple[str, str | None]:
    """Text of ``data`` and a warning when it was not UTF-8."""
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    for encoding in FALLBACK_ENCODINGS:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return text, f"not valid UTF-8 (byte {first_bad}); decoded as {encoding}"
    raise AssertionError("latin-1 decodes every byte string")  # pragma: no cover


def split_pages(text: str) -> list[str]:
    """The page texts of a whole file's text."""
    if "\f" in text:
        pages = text.split("\f")
        if len(pages) > 1 and not pages[-1].strip():
            pages.pop()  # pdftotext ends every page, the last one too, with a form feed
        return pages
    starts = [m.start() for m in ECF_HEADER.finditer(text)]
    if len(starts) < 2:
        return [text]
    starts[0] = 0  # whatever precedes the first stamp belongs to page 1 (keeps ECF page numbers)
    bounds = [*starts, len(text)]
    return [text[a:b] for a, b in zip(bounds, bounds[1:], strict=False)]


def check_length(name: str, chars: int, settings: ReadSettings = SETTINGS) -> None:
    """A text or HTML document's length against its limit, checked before any work on its pages."""
    if chars > settings.max_text_chars:
        raise OversizedDocument(
            f"{name}: {chars:,} characters, more than the limit of {settings.max_text_chars:,} "
            "(raise EXPEDIENTE_MAX_TEXT_CHARS to read it)"
        )


def read_text(path: str, settings: ReadSettings = SETTINGS) -> tuple[list[Page], list[str]]:
    """The pages of a text file; OversizedDocument, before any page is looked at, for one longer or with more
    pages than a PDF may have."""
    name = Path(path).name
    warnings: list[str] = []
    text, warning = decode(Path(path).read_bytes())
    if warning:
        warnings.append(warning)
    check_length(name, len(text), settings)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise EmptyDocument(f"{name}: the text file is empty or holds only whitespace")
    bodies = split_pages(text)
    if len(bodies) > settings.max_pages:
        raise OversizedDocument(
            f"{name}: {len(bodies)} pages, more than the limit of {settings.max_pages} "
            "(raise EXPEDIENTE_MAX_PAGES to read it)"
        )
    pages = []
    for number, body in enumerate(bodies, start=1):
        shift = find_shift(body)
        if shift is not None:
            body = unshift(body, shift)
            warnings.append(f"page {number}: text in a shifted font encoding ({shift:+d} code points), decoded")
        pages.append(Page(number, body, "plain"))
    return pages, warnings

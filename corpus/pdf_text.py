"""A PDF page's text layer read with PDFium (pypdfium2): characters in content-stream order, with their boxes.

PDFium reads a page's text in about 1-4 ms where pdfplumber's layout analysis takes about 80 ms. Its text is
the characters in the order the page draws them, with the line breaks and spaces PDFium infers ("generated"
characters, which have no box). :func:`page_chars` turns a page into ``(character, box or None)`` pairs, the
form :func:`~corpus.boxes.words_from_chars` takes, so the text and its word boxes align one for one;
:func:`by_rows` puts its lines in the order pdfplumber gives them (row by row down the page), and :func:`rows` and
:func:`spaced_runs` measure what the rule in ``corpus.pdf.needs_layout`` decides on.

PDFium may be called from one thread at a time only: callers hold ``corpus.pdf.PDFIUM_LOCK``.
"""

from __future__ import annotations

import ctypes
import re
import struct
from dataclasses import dataclass
from functools import cache, cached_property
from operator import itemgetter

# PDFium writes "\r\n" between lines and a space between words drawn apart (characters it adds, without a box); a
# hyphen that ends a line comes as STX (U+0002), and a character whose font maps to no Unicode as U+FFFE or NUL
_CR, _LF, _STX = 0x0D, 0x0A, 0x02
_BREAKS = (_CR, _LF, 0x20)
_NO_UNICODE = (0x0000, 0xFFFE, 0xFFFF)
_LINE_BREAK, _SPACE = ("\n", None), (" ", None)
_unpack_rect = struct.Struct("4f").unpack_from  # the four floats of a ctypes FS_RECTF, read in one call

Rect = tuple[float, float, float, float]  # a character's box (x0, top, x1, bottom): points from the top left
_INF = float("inf")


# of a box (x0, top, x1, bottom), by the page's /Rotate: its first and last edge across the lines of text as written
# (before the /Rotate turns them), and its position along them (to order the lines of one row)
_EDGES = {
    0: (itemgetter(1), itemgetter(3), itemgetter(0)),  # top, bottom; x0
    90: (lambda b: -b[2], lambda b: -b[0], itemgetter(1)),  # -x1, -x0; top
    180: (lambda b: -b[3], lambda b: -b[1], lambda b: -b[2]),  # -bottom, -top; -x1
    270: (itemgetter(0), itemgetter(2), lambda b: -b[3]),  # x0, x1; -bottom
}


@dataclass(frozen=True)
class PdfiumPage:
    """What PDFium reads on one page."""

    chars: tuple[tuple[str, Rect | None], ...]  # (character, box (x0, top, x1, bottom) or None), text order
    bbox: tuple[float, float, float, float]  # the page's visible area (x0, top, x1, bottom), same coordinates
    unmapped: int  # characters whose font gives no Unicode (pdfplumber writes them "(cid:N)")
    rotation: int = 0  # the page's /Rotate: 0, 90, 180 or 270 (boxes are of the page as shown)

    @cached_property
    def text(self) -> str:
        return "".join(map(itemgetter(0), self.chars))

    @cached_property
    def lines(self) -> tuple[Line, ...]:
        """The runs of characters between line breaks, in text order, measured once for :func:`rows` and
        :func:`by_rows`."""
        first_of, last_of, along_of = _EDGES.get(self.rotation, _EDGES[0])
        lines, start = [], 0
        for length in map(len, self.text.split("\n")):  # one character of text per (character, box) pair
            chars = self.chars[start : start + length]
            start += length + 1
            boxed = [(ch, box) for ch, box in chars if box is not None]
            if not boxed:
                lines.append(Line(chars))
                continue
            boxes = [box for _, box in boxed]
            firsts, lasts = list(map(first_of, boxes)), list(map(last_of, boxes))
            first, last = min(firsts), max(lasts)
            letters = sum(map(str.isalpha, "".join([ch for ch, _ in boxed])))
            # min() and max() of the edges; a band grown from (inf, -inf) differs only where the first is NaN
            band = (
                first if first == first else min([_INF, *firsts]),
                last if last == last else max([-_INF, *lasts]),
            )
            lines.append(Line(chars, (first, last, min(map(along_of, boxes))), band, letters))
        return tuple(lines)


@dataclass(frozen=True)
class Line:
    """A run of characters between two line breaks of a page's text, and where its boxed characters sit."""

    chars: tuple[tuple[str, Rect | None], ...]
    edges: tuple[float, float, float] | None = None  # first and last edge across the line, first position along it
    band: tuple[float, float] = (float("inf"), float("-inf"))  # the edges across, as a running min and max give them
    letters: int = 0  # letters among the boxed characters


def page_chars(page) -> PdfiumPage:
    """The characters of a ``pypdfium2.PdfPage`` in text order, boxes in top-left page coordinates (points).

    The coordinates are those of the page as shown (after its /Rotate), measured from the top left of its crop
    box, so fractions of ``bbox`` are where a word is on the rendered page image.
    """
    import pypdfium2.raw as raw

    left, bottom, right, top = page.get_cropbox()
    rotation = page.get_rotation() % 360
    to_view = _viewer(rotation, left, bottom, right, top)
    width, height = (right - left, top - bottom) if rotation in (0, 180) else (top - bottom, right - left)
    textpage = page.get_textpage()
    try:
        count = textpage.count_chars()
        rect = raw.FS_RECTF()
        rect_ref = ctypes.byref(rect)
        chars: list[tuple[str, Rect | None]] = []
        append = chars.append
        unmapped = 0
        handle = ctypes.c_void_p(ctypes.cast(textpage.raw, ctypes.c_void_p).value)  # for the bare calls below
        unicode, map_error, loose_box = _per_character_calls()
        upright = rotation == 0  # most pages: the arithmetic of ``to_view`` inline, without a call
        for index in range(count):
            code = unicode(handle, index)
            if code in _BREAKS:  # PDFium's own line breaks and spaces, or the page's (either way no box)
                if code != _CR:  # "\r\n" is one line break
                    append(_LINE_BREAK if code == _LF else _SPACE)
                continue
            if code in _NO_UNICODE:
                unmapped += 1
                ch = "\ufffd"
            else:
                if map_error(handle, index) == 1:
                    unmapped += 1
                ch = "-" if code == _STX else chr(code)
            if ch.isspace() or not loose_box(handle, index, rect_ref):
                append((ch, None))
            elif upright:
                x0, y1, x1, y0 = _unpack_rect(rect)  # FS_RECTF: left, top, right, bottom (user space, y up)
                append((ch, (x0 - left, top - y1, x1 - left, top - y0)))
            else:
                x0, y1, x1, y0 = _unpack_rect(rect)
                append((ch, to_view(x0, y0, x1, y1)))
    finally:
        textpage.close()
    return PdfiumPage(tuple(chars), (0.0, 0.0, width, height), unmapped, rotation)


@cache
def _per_character_calls():
    """FPDFText_GetUnicode, FPDFText_HasUnicodeMapError and FPDFText_GetLooseCharBox, called without argument types.

    :func:`page_chars` calls them once per character (about 3,000 times a page). Through pypdfium2's bindings ctypes
    converts each argument with its declared type (about 280 ns a call); through a bare prototype of the same C
    function it converts by the Python type of the argument (about 125 ns), which here gives the same C arguments:
    a ``c_void_p`` for the text page, a Python int as a C int for the index, a ``byref`` pointer for the box.
    """
    import pypdfium2.raw as raw

    def bare(function):
        return ctypes.CFUNCTYPE(function.restype)(ctypes.cast(function, ctypes.c_void_p).value)

    return bare(raw.FPDFText_GetUnicode), bare(raw.FPDFText_HasUnicodeMapError), bare(raw.FPDFText_GetLooseCharBox)


def _viewer(rotation: int, left: float, bottom: float, right: float, top: float):
    """A function from a PDF user-space rectangle (y up) to a box on the page as shown (y down, from its top left)."""

    def view(x0: float, y0: float, x1: float, y1: float) -> Rect:
        if rotation == 90:  # shown turned a quarter clockwise: user-space y runs left to right
            return (y0 - bottom, x0 - left, y1 - bottom, x1 - left)
        if rotation == 180:
            return (right - x1, y0 - bottom, right - x0, y1 - bottom)
        if rotation == 270:
            return (top - y1, right - x1, top - y0, right - x0)
        return (x0 - left, top - y1, x1 - left, top - y0)  # page_chars computes this one inline

    return view


@dataclass(frozen=True)
class Rows:
    """How the lines of a page's text (in PDFium's order) sit on the page."""

    lines: int  # lines with at least ``min_letters`` letters
    shared: int  # ... of which sit on the same row as another such line (columns, tables, side-by-side captions)
    raised: int  # ... of which start above the line before them (text drawn out of reading order)


def rows(page: PdfiumPage, min_letters: int) -> Rows:
    """Count the text lines that share a row of the page with another text line.

    A line is a run of characters between line breaks; its row is the band between the highest top and the lowest
    bottom of its boxed characters. Two lines share a row when the middle of one lies inside the other's band. Lines
    with fewer than ``min_letters`` letters (line numbers, caption parentheses, time stamps) are not counted: they sit
    in the margin beside every line of pleading paper and transcripts without changing the order of the words.
    """
    bands = [line.band for line in page.lines if line.letters >= min_letters and line.band[0] < line.band[1]]
    raised = sum(1 for (top, _), (_, bottom) in zip(bands, bands[1:], strict=False) if bottom < top)
    shared = 0
    for i, (top, bottom) in enumerate(bands):
        middle = (top + bottom) / 2
        for j, (other_top, other_bottom) in enumerate(bands):
            if other_top < middle < other_bottom and j != i:
                shared += 1
                break
    return Rows(len(bands), shared, raised)


_SPACED_RUN = re.compile(r"(?<!B)B(?!B)(?:sB(?!B))*")  # over the kinds of a page's characters (spaced_runs)


def spaced_runs(page: PdfiumPage, min_chars: int) -> int:
    """Runs of at least ``min_chars`` single characters with a space PDFium added between each two ("0 2 : 0 5").

    PDFium adds a space wherever the characters of a word are drawn apart, pdfplumber only where the gap exceeds 3
    points: letter-spaced text (a transcript's time stamps in the margin) reads differently in the two.
    """
    if min_chars < 1:
        return 0
    # one letter a character: B boxed, s a space PDFium added (no box), o any other character without a box
    kinds = "".join(["B" if box is not None else "s" if ch == " " else "o" for ch, box in page.chars])
    # a run: single boxed characters, each but the first one space after a single boxed character
    return sum(len(run) // 2 + 1 >= min_chars for run in _SPACED_RUN.findall(kinds))


_TALL = 3.0  # a line more than this many times the median line's height (a stamp up the margin) is a row of its own


def by_rows(page: PdfiumPage) -> PdfiumPage:
    """The page's lines put in reading order, as pdfplumber lays them out: row by row down the page, the lines of a
    row (a caption's two columns, a table's cells, a line number and its line) left to right, joined by a space.

    PDFium keeps the order in which the page draws its text: pleading paper draws its 28 line numbers first, a
    transcript its time stamps last, a browser's print its header last, a caption its left column before its
    right. Each line keeps its characters and boxes; only the line breaks and the spaces between lines are new.
    (PDFium also adds a space where characters are spaced out: a transcript's "02:05" time stamp may read
    "0 2 : 0 5", where pdfplumber, which only adds a space for a gap of 3 points, keeps "02:05".)
    """
    lines: list[tuple[float, float, float, list]] = []  # first edge, last edge, position along, characters
    for line in page.lines:
        chars = line.chars
        end = len(chars)
        while end and chars[end - 1][0].isspace():  # (a space or line break has no box)
            end -= 1
        if line.edges is not None:
            lines.append((*line.edges, list(chars[:end])))
        elif end and lines:  # text without boxes stays with the line before it
            lines[-1][3].extend([(" ", None), *chars[:end]])
    if not lines:
        return page
    heights = sorted(last - first for first, last, _, _ in lines)
    tall = heights[len(heights) // 2] * _TALL
    rows: list[list[tuple[float, float, float, list]]] = []
    band = (0.0, 0.0)
    for line in sorted(lines, key=lambda line: line[0]):
        first, last = line[0], line[1]
        middle = (first + last) / 2
        if rows and last - first <= tall and band[0] < middle < band[1]:
            rows[-1].append(line)
        else:
            rows.append([line])
            band = (first, last) if last - first <= tall else (first, first)
    chars: list[tuple[str, Rect | None]] = []
    for row in rows:
        if chars:
            chars.append(("\n", None))
        for n, line in enumerate(sorted(row, key=lambda line: line[2])):
            if n:
                chars.append((" ", None))
            chars.extend(line[3])
    return PdfiumPage(tuple(chars), page.bbox, page.unmapped, page.rotation)

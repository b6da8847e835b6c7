"""Word boxes: where each word of a page's text is on the page.

A box is ``(start, end, x0, y0, x1, y1)``: ``start``/``end`` are character offsets into
``Page.text`` (end exclusive; ``text[start:end]`` is one word, without whitespace), the
coordinates fractions 0..1 of the page's width and height, origin at the top left.
Stored as compact JSON: a flat list of ints, coordinates in 1/10000ths of the page.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

Box = tuple[int, int, float, float, float, float]
SCALE = 10000


def _fraction(value: float, origin: float, size: float) -> float:
    return min(1.0, max(0.0, (value - origin) / size)) if size > 0 else 0.0


def word_box(start: int, end: int, rect: Sequence[float], page: Sequence[float]) -> Box:
    """The box of ``text[start:end]`` drawn at ``rect`` (x0, top, x1, bottom) on ``page`` (x0, top, x1, bottom)."""
    left, top, right, bottom = page
    width, height = right - left, bottom - top
    return (
        start,
        end,
        _fraction(rect[0], left, width),
        _fraction(rect[1], top, height),
        _fraction(rect[2], left, width),
        _fraction(rect[3], top, height),
    )


def words_from_chars(chars: Iterable[tuple[str, Mapping[str, Any] | None]], page: Sequence[float]) -> tuple[Box, ...]:
    """Word boxes from ``(character, char object or None)`` pairs in text order (pdfplumber's ``TextMap.tuples``).

    A word is a run of non-whitespace characters that have a char object (``x0``, ``top``,
    ``x1``, ``bottom``); its box is the union of theirs. ``page`` is the page's (x0, top, x1, bottom).
    """
    return words_from_rects(
        ((ch, None if obj is None else (obj["x0"], obj["top"], obj["x1"], obj["bottom"])) for ch, obj in chars), page
    )


def words_from_rects(chars: Iterable[tuple[str, Sequence[float] | None]], page: Sequence[float]) -> tuple[Box, ...]:
    """:func:`words_from_chars` for characters whose boxes are ``(x0, top, x1, bottom)`` tuples (PDFium's)."""
    boxes: list[Box] = []
    start = -1
    x0 = top = x1 = bottom = 0.0
    offset = 0
    for offset, (ch, rect) in enumerate(chars):
        if rect is None or ch.isspace():
            if start >= 0:
                boxes.append(word_box(start, offset, (x0, top, x1, bottom), page))
                start = -1
            continue
        if start < 0:
            start = offset
            x0, top, x1, bottom = rect
            continue
        left, upper, right, lower = rect
        # the union, as min() and max() take it (a NaN edge stays as they would leave it)
        if left < x0:
            x0 = left
        if upper < top:
            top = upper
        if right > x1:
            x1 = right
        if lower > bottom:
            bottom = lower
    if start >= 0:
        boxes.append(word_box(start, offset + 1, (x0, top, x1, bottom), page))
    return tuple(boxes)


def encode(boxes: Iterable[Sequence[float]]) -> str:
    """Boxes as compact JSON: ``[s,e,x0,y0,x1,y1, s,e,...]``, coordinates in 1/10000ths of the page."""
    flat: list[int] = []
    for start, end, x0, y0, x1, y1 in boxes:
        flat += (start, end, round(x0 * SCALE), round(y0 * SCALE), round(x1 * SCALE), round(y1 * SCALE))
    return json.dumps(flat, separators=(",", ":"))


def decode(text: str | None) -> list[Box]:
    """The boxes :func:`encode` wrote (none for None or '')."""
    if not text:
        return []
    flat = json.loads(text)
    return [
        (flat[i], flat[i + 1], flat[i + 2] / SCALE, flat[i + 3] / SCALE, flat[i + 4] / SCALE, flat[i + 5] / SCALE)
        for i in range(0, len(flat), 6)
    ]


def covering(boxes: Iterable[Box], start: int, end: int) -> list[Box]:
    """The boxes overlapping the character span [start, end), to highlight it."""
    return [box for box in boxes if box[0] < end and box[1] > start] if start < end else []

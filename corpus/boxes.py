"""Word boxes: where each word of a page's text is on the page.

A box is ``(start, end, x0, y0, x1, y1)``: ``start``/``end`` are character offsets into
``Page.text`` (end exclusive; ``text[start:end]`` is one word, without whitespace), the
coordinates fractions 0..1 of the page's width and height, origin at the top left.
Stored as compact JSON: a flat list of ints, coordinates in 1/10000ths of the page.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from operator import itemgetter
from typing import Any

Box = tuple[int, int, float, float, float, float]
SCALE = 10000
_NON_SPACE = re.compile(r"\S+")
_X0, _TOP, _X1, _BOTTOM = itemgetter(0), itemgetter(1), itemgetter(2), itemgetter(3)


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
    boxes: list[Box] = []
    start = -1
    x0 = top = x1 = bottom = 0.0
    offset = 0
    for offset, (ch, obj) in enumerate(chars):
        if obj is None or ch.isspace():
            if start >= 0:
                boxes.append(word_box(start, offset, (x0, top, x1, bottom), page))
                start = -1
            continue
        if start < 0:
            start = offset
            x0, top, x1, bottom = obj["x0"], obj["top"], obj["x1"], obj["bottom"]
        else:
            x0, top = min(x0, obj["x0"]), min(top, obj["top"])
            x1, bottom = max(x1, obj["x1"]), max(bottom, obj["bottom"])
    if start >= 0:
        boxes.append(word_box(start, offset + 1, (x0, top, x1, bottom), page))
    return tuple(boxes)


def words_from_rects(text: str, rects: Sequence[Sequence[float] | None], page: Sequence[float]) -> tuple[Box, ...]:
    """:func:`words_from_chars` for a text whose every character ``text[i]`` has its box ``rects[i]`` (x0, top, x1,
    bottom), or None (PDFium's): the same boxes, found a word at a time rather than a character at a time."""
    boxes: list[Box] = []
    for match in _NON_SPACE.finditer(text):  # \S is exactly what str.isspace() is not
        start, end = match.span()
        word = rects[start:end]
        if None not in word:
            boxes.append(word_box(start, end, _union(word), page))
            continue
        run_start = start  # characters without a box split a word, as a space does
        for offset, rect in enumerate(word, start):
            if rect is None:
                if offset > run_start:
                    boxes.append(word_box(run_start, offset, _union(rects[run_start:offset]), page))
                run_start = offset + 1
        if end > run_start:
            boxes.append(word_box(run_start, end, _union(rects[run_start:end]), page))
    return tuple(boxes)


def _union(rects: Sequence[Sequence[float]]) -> tuple[float, float, float, float]:
    """The box holding ``rects``: min() and max() over them in order, as :func:`words_from_chars` takes them."""
    return min(map(_X0, rects)), min(map(_TOP, rects)), max(map(_X1, rects)), max(map(_BOTTOM, rects))


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

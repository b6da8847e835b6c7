"""Page layout for the sample corpus: blocks of text in, positioned drawing operations out.

A document is written as a list of blocks (paragraphs, caption rows, rules, page breaks). The
layout engine wraps and paginates them once, in points on a US-letter page, and returns per page
a list of drawing operations that every renderer (born-digital PDF, scanned image, plain text)
draws the same way. Inline markup ``[[v:label|words]]`` (violence) and ``[[x:label|words]]``
(victim) is stripped from the text and recorded with the page it lands on, so the truth file
knows where each mention is.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

PAGE_W = 612.0
PAGE_H = 792.0

MARKUP = re.compile(r"\[\[([vx]):([a-z_]+)\|([^\]]+)\]\]")
MENTION_KINDS = {"v": "violence", "x": "victim"}


class LayoutError(ValueError):
    """A block cannot be laid out (a word wider than its column, bad markup)."""


@dataclass
class Mention:
    kind: str  # "violence" or "victim"
    label: str
    text: str
    page: int | None = None


@dataclass
class P:
    """A paragraph. ``indent`` shifts every line, ``first`` shifts the first line further."""

    text: str
    align: str = "left"  # left, center, right, justify
    font: str = "serif"
    size: float = 12.0
    indent: float = 0.0
    first: float = 0.0
    right: float = 0.0
    before: float = 0.0
    after: float = 6.0
    leading: float | None = None


@dataclass
class Cell:
    x: float  # offset from the left margin
    width: float
    text: str
    font: str = "serif"
    align: str = "left"


@dataclass
class Row:
    """Cells side by side (captions, judgment tables). ``sep_x`` draws a ')' column like a caption."""

    cells: list[Cell]
    size: float = 12.0
    leading: float | None = None
    sep_x: float | None = None
    sep_lines: int = 0  # minimum number of ')' lines
    sep: str = ")"  # Texas captions use a column of section signs
    after: float = 0.0


@dataclass
class Rule:
    x1: float = 0.0
    x2: float | None = None
    width: float = 0.8
    before: float = 2.0
    after: float = 6.0


@dataclass
class Space:
    height: float


@dataclass
class Break:
    pass


@dataclass
class Op:
    kind: str  # "text" or "line"
    x: float
    y: float  # from the top of the page; baseline for text
    text: str = ""
    font: str = "serif"
    size: float = 12.0
    x2: float = 0.0
    y2: float = 0.0
    width: float = 0.8


@dataclass
class Style:
    left: float = 72.0
    right: float = 72.0
    top: float = 72.0
    bottom: float = 72.0
    leading_factor: float = 1.25
    pleading: bool = False  # 28 numbered lines, rules in the left margin
    chrome: Callable[[int, int], list[Op]] | None = None  # header/footer for (page, total)


@dataclass
class Laid:
    pages: list[list[Op]]
    mentions: list[Mention] = field(default_factory=list)
    page_texts: list[str] = field(default_factory=list)


Measure = Callable[[str, str, float], float]


def strip_markup(text: str) -> tuple[str, list[tuple[str, str, int, int]]]:
    """Remove inline markup; return plain text and (kind, label, start, end) spans in it."""
    out: list[str] = []
    spans: list[tuple[str, str, int, int]] = []
    pos = 0
    length = 0
    for m in MARKUP.finditer(text):
        chunk = text[pos : m.start()]
        out.append(chunk)
        length += len(chunk)
        words = m.group(3)
        spans.append((MENTION_KINDS[m.group(1)], m.group(2), length, length + len(words)))
        out.append(words)
        length += len(words)
        pos = m.end()
    out.append(text[pos:])
    plain = "".join(out)
    if "[[" in plain or "]]" in plain:
        raise LayoutError(f"unbalanced markup in: {text[:80]!r}")
    return plain, spans


def wrap(text: str, width: float, measure: Measure, font: str, size: float, first_extra: float = 0.0):
    """Greedy word wrap. Returns (line_text, start_offset) pairs; hard newlines are kept."""
    lines: list[tuple[str, int]] = []
    offset = 0
    for hard in text.split("\n"):
        words = hard.split(" ")
        cur = ""
        cur_start = offset
        pos = offset
        avail = width - (first_extra if not lines else 0.0)
        for word in words:
            trial = f"{cur} {word}" if cur else word
            if cur and measure(trial, font, size) > avail:
                lines.append((cur, cur_start))
                avail = width
                cur = word
                cur_start = pos
            else:
                if not cur:
                    cur_start = pos
                cur = trial
            pos += len(word) + 1
        lines.append((cur, cur_start))
        offset += len(hard) + 1
    return lines


class Layout:
    def __init__(self, style: Style, measure: Measure):
        self.style = style
        self.measure = measure
        self.pages: list[list[Op]] = [[]]
        self.mentions: list[Mention] = []
        self.y = style.top
        self.body_w = PAGE_W - style.left - style.right

    @property
    def page_no(self) -> int:
        return len(self.pages)

    def _new_page(self) -> None:
        self.pages.append([])
        self.y = self.style.top

    def _need(self, height: float) -> None:
        if self.y + height > PAGE_H - self.style.bottom and self.pages[-1]:
            self._new_page()

    def _record(self, spans, lines, line_pages) -> None:
        for kind, label, start, end, plain in spans:
            page = None
            for (_, line_start), pg in zip(lines, line_pages, strict=True):
                if line_start <= start:
                    page = pg
            self.mentions.append(Mention(kind, label, plain[start:end], page))

    def _draw_line(self, text: str, x0: float, width: float, align: str, font: str, size: float, last: bool):
        w = self.measure(text, font, size)
        if align == "center":
            x = x0 + (width - w) / 2
        elif align == "right":
            x = x0 + width - w
        else:
            x = x0
        if align == "justify" and not last and " " in text and w < width:
            # spread the slack over the gaps: draw word by word
            words = text.split(" ")
            gap = (width - sum(self.measure(wd, font, size) for wd in words)) / (len(words) - 1)
            cx = x0
            for wd in words:
                self.pages[-1].append(Op("text", cx, self.y, wd, font, size))
                cx += self.measure(wd, font, size) + gap
            return
        self.pages[-1].append(Op("text", x, self.y, text, font, size))

    def add(self, block) -> None:
        st = self.style
        if isinstance(block, Break):
            self._new_page()
        elif isinstance(block, Space):
            self.y += block.height
        elif isinstance(block, Rule):
            self.y += block.before
            x2 = block.x2 if block.x2 is not None else self.body_w
            self.pages[-1].append(Op("line", st.left + block.x1, self.y, x2=st.left + x2, y2=self.y, width=block.width))
            self.y += block.after
        elif isinstance(block, P):
            self._paragraph(block)
        elif isinstance(block, Row):
            self._row(block)
        else:
            raise LayoutError(f"unknown block {block!r}")

    def _leading(self, size: float, leading: float | None) -> float:
        if leading is not None:
            return leading
        return 24.0 if self.style.pleading else size * self.style.leading_factor

    def _paragraph(self, b: P) -> None:
        plain, spans = strip_markup(b.text)
        x0 = self.style.left + b.indent
        width = self.body_w - b.indent - b.right
        lines = wrap(plain, width, self.measure, b.font, b.size, b.first)
        lead = self._leading(b.size, b.leading)
        self.y += b.before
        line_pages = []
        for i, (text, _) in enumerate(lines):
            self._need(lead)
            self.y += lead
            xi = x0 + (b.first if i == 0 else 0.0)
            wi = width - (b.first if i == 0 else 0.0)
            self._draw_line(text, xi, wi, b.align, b.font, b.size, last=(i == len(lines) - 1))
            line_pages.append(self.page_no)
        self._record([(*s, plain) for s in spans], lines, line_pages)
        self.y += b.after

    def _row(self, r: Row) -> None:
        lead = r.leading if r.leading is not None else r.size * self.style.leading_factor
        wrapped = []
        for c in r.cells:
            plain, spans = strip_markup(c.text)
            lines = wrap(plain, c.width, self.measure, c.font, r.size) if plain else []
            wrapped.append((c, plain, spans, lines))
        n = max([len(w[3]) for w in wrapped] + [r.sep_lines])
        self._need(lead * n)
        top = self.y
        for c, plain, spans, lines in wrapped:
            self.y = top
            line_pages = []
            for i, (text, _) in enumerate(lines):
                self.y += lead
                self._draw_line(
                    text, self.style.left + c.x, c.width, c.align, c.font, r.size, last=(i == len(lines) - 1)
                )
                line_pages.append(self.page_no)
            self._record([(*s, plain) for s in spans], lines, line_pages)
        if r.sep_x is not None:
            self.y = top
            for _ in range(n):
                self.y += lead
                self.pages[-1].append(Op("text", self.style.left + r.sep_x, self.y, r.sep, "serif", r.size))
        self.y = top + lead * n + r.after


def pleading_ops() -> list[Op]:
    """Line numbers 1-28 and the double rule of California pleading paper."""
    ops = []
    for n in range(1, 29):
        y = 72.0 + 24.0 * n
        label = str(n)
        ops.append(Op("text", 50.0 - 6.0 * len(label), y, label, "serif", 11.0))
    ops.append(Op("line", 62.0, 0.0, x2=62.0, y2=PAGE_H, width=0.6))
    ops.append(Op("line", 65.0, 0.0, x2=65.0, y2=PAGE_H, width=0.6))
    ops.append(Op("line", 560.0, 0.0, x2=560.0, y2=PAGE_H, width=0.6))
    return ops


def lay_out(blocks: list, style: Style, measure: Measure) -> Laid:
    lay = Layout(style, measure)
    for b in blocks:
        lay.add(b)
    pages = [p for p in lay.pages if p] or [[]]
    total = len(pages)
    out = []
    for i, ops in enumerate(pages, start=1):
        extra = pleading_ops() if style.pleading else []
        if style.chrome is not None:
            extra += style.chrome(i, total)
        out.append(extra + ops)
    laid = Laid(out, lay.mentions)
    laid.page_texts = [page_text(ops) for ops in out]
    return laid


def page_text(ops: list[Op], char_w: float = 6.0) -> str:
    """A layout-preserving plain-text rendering of one page (like ``pdftotext -layout``)."""
    rows: dict[int, list[Op]] = {}
    for op in ops:
        if op.kind != "text":
            continue
        rows.setdefault(round(op.y / 3.0), []).append(op)
    lines = []
    last_key = None
    for key in sorted(rows):
        if last_key is not None and key - last_key > 7:
            lines.append("")
        last_key = key
        line = ""
        for op in sorted(rows[key], key=lambda o: o.x):
            col = max(0, round((op.x - 36.0) / char_w))
            if len(line) < col:
                line += " " * (col - len(line))
            elif line:
                line += " "
            line += op.text
        lines.append(line.rstrip())
    return "\n".join(lines)

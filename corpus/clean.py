"""Clean one page's text for the extractors, keeping an exact map back to the original.

Removed from the text the extractors read:

- pleading-paper line numbers: the column of 1..28 (transcripts: 1..25) at line
  starts, whether the PDF text layer puts each number on its own line, before the
  line's text, glued to it, or after a transcript time stamp ("10:02 7 THE COURT");
- ECF stamps: "Case 3:19-cr-01234-BAS Document 45 Filed 06/12/20 Page 3 of 14",
  "Case: 1:21-cr-00028 Document #: 210 Filed: 05/30/21 Page 5 of 40 PageID #:123"
  and their OCR-damaged forms ("Document61_", "Page1of9", "Pagelof1");
- bare page-number lines ("3", "- 3 -", "Page 3 of 14") at the top or bottom of the page;
- runs of blank lines longer than one.

The cleaned text is always a concatenation of slices of the original (nothing is
inserted or rewritten), so every cleaned character maps to exactly one original
character: ``original[c.to_original(i)] == c.text[i]``.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

# ---------------------------------------------------------------- ECF stamps
_NOISE = r"[\s_=~‘’'\"`.,;|*-]*"
_SEP = r"\s*[-–—~]+[\s\-–—~.]*"  # OCR doubles, spaces or drops characters around the dashes
_CASE = (
    rf"Case\s*[:;.]?\s*(?P<ecf_number>(?P<ecf_office>\d{{1,2}})\s*[:;.]\s*(?P<ecf_year>\d{{2}}){_SEP}"
    rf"(?P<ecf_type>[A-Za-z]{{2,3}}){_SEP}(?P<ecf_seq>[\dOoIl]{{3,6}})"
    r"(?:\s*[-–.]+\s*[A-Z0-9]{1,8})*)"
)
_DOC = r"D[o0]c\w{0,8}[’'‘`]?\s*(?:#|No\.?)?\s*:?\s*\d+(?:\s*-\s*\d+)?"
_FILED = r"(?:Date\s+)?F[il1I]{1,2}ed\s*:?\s*\d{1,2}\s*/\s*\d{1,2}\s*/\s*\d{2,4}"
_PAGE = r"P\s*a\s*g\s*e\s*:?\s*[\dlIoO]{1,4}\s*of\s*[\dlIoO]{1,4}"
_PAGE_ID = r"Page\s*I\s*D\s*#?\s*:?\s*[\d,]+"

ECF_HEADER = re.compile(
    rf"^[ \t]*{_CASE}{_NOISE}{_DOC}{_NOISE}{_FILED}{_NOISE}{_PAGE}(?:{_NOISE}{_PAGE_ID})?{_NOISE}$",
    re.IGNORECASE | re.MULTILINE,
)
"""A whole line that is an ECF stamp. Removed wherever it appears on a page."""

_PARTIAL_HEADER = re.compile(rf"^[ \t]*{_CASE}{_NOISE}(?:{_DOC}|{_FILED})", re.IGNORECASE)
"""The start of a damaged ECF stamp; removed only at the top or bottom of a page."""

_PAGE_NUMBER = re.compile(
    r"^[ \t]*(?:[-–—]\s*)?(?:Page\s+)?\d{1,3}(?:\s+of\s+\d{1,3})?(?:\s*[-–—])?[ \t]*$", re.IGNORECASE
)
_PARTS = rf"(?:{_DOC}|{_FILED}|{_PAGE}|{_PAGE_ID})"
_STAMP_PART = re.compile(rf"^[ \t]*(?:{_CASE}|{_PARTS})(?:{_NOISE}{_PARTS})*{_NOISE}$", re.IGNORECASE)
"""A line holding only parts of an ECF stamp (text layers often break the stamp into lines)."""
_EDGE_LINES_MAX = 6  # at most this many stamp/page-number lines at each end of a page


def _is_edge_furniture(line: str) -> bool:
    return bool(_PAGE_NUMBER.match(line) or _STAMP_PART.match(line) or _PARTIAL_HEADER.match(line))


# ---------------------------------------------------------- pleading numbers
_LINE_NUMBER = re.compile(
    r"^(?P<lead>[ \t]{0,8})(?:(?P<ts>\d{1,2}:\d{2}(?::\d{2})?)[ \t]+)?(?P<num>\d{1,2})"
    r"(?:(?P<gap>[ \t]+)|(?=[A-Z(\"“‘'])|(?=[ \t]*$))"
)
_MAX_LINE_NUMBER = 40
_MIN_CHAIN = 5  # a column needs at least this many numbers in sequence
_MAX_CHAIN_START = 5  # ... starting at or below this number
_MAX_STEP = 2  # one skipped number is tolerated (a line number the text layer lost)

_BLANK_RUN = re.compile(r"\n(?:[ \t]*\n){2,}")
_LEADING_BLANK = re.compile(r"(?:[ \t]*\n)+")


@dataclass(frozen=True)
class Cleaned:
    """Cleaned page text and the map back to the original page text."""

    text: str
    original: str
    _clean_starts: tuple[int, ...]  # segment i covers text[_clean_starts[i]:...]
    _orig_starts: tuple[int, ...]  # ... which is original[_orig_starts[i]:...]

    @classmethod
    def identity(cls, original: str) -> Cleaned:
        return cls(original, original, (0,), (0,))

    @classmethod
    def from_removals(cls, original: str, removals: list[tuple[int, int]]) -> Cleaned:
        """Build the cleaned text by dropping the original ranges ``removals``."""
        kept = _complement(removals, len(original))
        return cls._from_kept(original, kept)

    @classmethod
    def _from_kept(cls, original: str, kept: list[tuple[int, int]]) -> Cleaned:
        parts, clean_starts, orig_starts = [], [], []
        pos = 0
        for start, end in kept:
            if end <= start:
                continue
            if orig_starts and orig_starts[-1] + (pos - clean_starts[-1]) == start:
                pass  # contiguous with the previous segment: extend it
            else:
                clean_starts.append(pos)
                orig_starts.append(start)
            parts.append(original[start:end])
            pos += end - start
        if not clean_starts:
            clean_starts, orig_starts = [0], [0]
        return cls("".join(parts), original, tuple(clean_starts), tuple(orig_starts))

    def remove(self, removals: list[tuple[int, int]]) -> Cleaned:
        """Drop further ranges, given in *cleaned* offsets; the map stays exact."""
        kept_clean = _complement(removals, len(self.text))
        kept: list[tuple[int, int]] = []
        for start, end in kept_clean:
            i = start
            while i < end:  # split the cleaned range where it crosses segment boundaries
                k = bisect.bisect_right(self._clean_starts, i) - 1
                seg_end = self._clean_starts[k + 1] if k + 1 < len(self._clean_starts) else len(self.text)
                stop = min(end, seg_end)
                o = self._orig_starts[k] + (i - self._clean_starts[k])
                kept.append((o, o + (stop - i)))
                i = stop
        return Cleaned._from_kept(self.original, kept)

    def to_original(self, i: int) -> int:
        """Original offset of the cleaned character at ``i`` (a start offset)."""
        if not self.text:
            return 0
        if i >= len(self.text):
            return self.to_original_end(len(self.text))
        i = max(0, i)
        k = bisect.bisect_right(self._clean_starts, i) - 1
        return self._orig_starts[k] + (i - self._clean_starts[k])

    def to_original_end(self, i: int) -> int:
        """Original offset just after the cleaned character at ``i - 1`` (an exclusive end)."""
        if i <= 0 or not self.text:
            return self.to_original(0)
        return self.to_original(min(i, len(self.text)) - 1) + 1


def _complement(removals: list[tuple[int, int]], length: int) -> list[tuple[int, int]]:
    kept, pos = [], 0
    for start, end in sorted(removals):
        start, end = max(start, 0), min(end, length)
        if start > pos:
            kept.append((pos, start))
        pos = max(pos, end)
    if pos < length:
        kept.append((pos, length))
    return kept


@dataclass(frozen=True)
class _Line:
    start: int  # offset of the first character
    end: int  # offset after the line's text, before its newline
    stop: int  # offset after the newline (== end on the last line)
    text: str


def _lines(text: str) -> list[_Line]:
    out, pos = [], 0
    for raw in text.splitlines(keepends=True):
        body = raw.rstrip("\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")
        out.append(_Line(pos, pos + len(body), pos + len(raw), body))
        pos += len(raw)
    return out


def _line_number_chain(lines: list[_Line]) -> list[tuple[int, re.Match[str]]]:
    """The longest run of line-start numbers counting up 1, 2, 3... (a pleading column)."""
    cands: list[tuple[int, int, re.Match[str]]] = []
    for idx, line in enumerate(lines):
        m = _LINE_NUMBER.match(line.text)
        if m and 1 <= int(m["num"]) <= _MAX_LINE_NUMBER:
            cands.append((idx, int(m["num"]), m))
    if len(cands) < _MIN_CHAIN:
        return []
    best = [1] * len(cands)
    prev = [-1] * len(cands)
    for j in range(len(cands)):
        vj = cands[j][1]
        for i in range(j - 1, -1, -1):
            step = vj - cands[i][1]
            if 1 <= step <= _MAX_STEP and best[i] + 1 > best[j]:
                best[j], prev[j] = best[i] + 1, i
    end = max(range(len(cands)), key=lambda j: (best[j], -j))
    chain = []
    while end != -1:
        chain.append(cands[end])
        end = prev[end]
    chain.reverse()
    if len(chain) < _MIN_CHAIN or chain[0][1] > _MAX_CHAIN_START:
        return []
    return [(idx, m) for idx, _, m in chain]


def clean_page(text: str) -> Cleaned:
    """Remove line numbers, ECF stamps and page numbers from one page's text."""
    if not text:
        return Cleaned.identity(text)
    lines = _lines(text)
    removals: list[tuple[int, int]] = []
    gone: set[int] = set()  # lines removed whole

    for idx, line in enumerate(lines):
        if ECF_HEADER.match(line.text):
            removals.append((line.start, line.stop))
            gone.add(idx)

    for idx, m in _line_number_chain(lines):
        line = lines[idx]
        if idx in gone:
            continue
        rest = line.text[m.end() :]
        if not rest.strip():
            removals.append((line.start, line.stop))
            gone.add(idx)
        else:
            removals.append((line.start, line.start + m.end()))

    # Stamps split over several lines, damaged stamps and page numbers at the page's edges.
    for order in (range(len(lines)), range(len(lines) - 1, -1, -1)):
        seen = 0
        for idx in order:
            if idx in gone or not lines[idx].text.strip():
                continue
            left = _remaining(lines[idx], removals)
            if not left.strip():
                continue
            if seen >= _EDGE_LINES_MAX or not _is_edge_furniture(left):
                break
            seen += 1
            removals.append((lines[idx].start, lines[idx].stop))
            gone.add(idx)

    cleaned = Cleaned.from_removals(text, removals)
    # keep one blank line of each run: drop from after the run's second newline to its end
    collapse = [(cleaned.text.index("\n", m.start() + 1) + 1, m.end()) for m in _BLANK_RUN.finditer(cleaned.text)]
    leading = _LEADING_BLANK.match(cleaned.text)
    if leading:
        collapse.append((0, leading.end()))
    if collapse:
        cleaned = cleaned.remove(collapse)
    return cleaned


def _remaining(line: _Line, removals: list[tuple[int, int]]) -> str:
    """The line's text with the removed ranges cut out."""
    chars = []
    pos = line.start
    for start, end in sorted(removals):
        if end <= line.start or start >= line.end:
            continue
        chars.append(line.text[pos - line.start : max(pos, start) - line.start])
        pos = max(pos, end)
    chars.append(line.text[pos - line.start :] if pos < line.end else "")
    return "".join(chars)


# ------------------------------------------------------- stamps as evidence
_CASE_LINE = re.compile(rf"^[ \t]*{_CASE}{_NOISE}$", re.IGNORECASE)
_DOC_NUMBER = re.compile(_DOC, re.IGNORECASE)
_STAMP_LOOKAHEAD = 3  # non-blank lines after a lone "Case ..." line that may hold the rest of its stamp
_OCR_DIGITS = str.maketrans("OoIl", "0011")


@dataclass(frozen=True)
class StampCase:
    """The case number an ECF stamp carries, and where it is written in the page's original text."""

    start: int  # offsets of the number as written ("3:19-cr-01234-BAS"), without the word "Case"
    end: int
    office: str
    year: str
    case_type: str  # lower-cased ("cr", "mj")
    seq: str  # digits only: OCR's O/o and I/l read as 0 and 1
    document: str | None  # the docket entry number ("Document 45" -> "45"), when on the same line


def stamp_case_numbers(text: str) -> list[StampCase]:
    """The case number of every ECF stamp on a page, in order.

    A stamp is a line that starts "Case <number>" followed by "Document ..." or "Filed ..."
    (whole or damaged stamps), or a lone "Case <number>" line whose next few lines hold the
    stamp's other parts (text layers often break a stamp into one line per part).
    """
    lines = _lines(text)
    out: list[StampCase] = []
    for idx, line in enumerate(lines):
        m = _PARTIAL_HEADER.match(line.text)
        rest = line.text[m.end("ecf_number") :] if m else ""
        if not m:
            m = _CASE_LINE.match(line.text)
            if not m:
                continue
            following = [ln.text for ln in lines[idx + 1 : idx + 1 + 3 * _STAMP_LOOKAHEAD] if ln.text.strip()]
            parts = [ln for ln in following[:_STAMP_LOOKAHEAD] if _STAMP_PART.match(ln) and not _CASE_LINE.match(ln)]
            if not parts:
                continue
            rest = "\n".join(parts)
        doc = _DOC_NUMBER.search(rest)
        out.append(
            StampCase(
                start=line.start + m.start("ecf_number"),
                end=line.start + m.end("ecf_number"),
                office=str(int(m["ecf_office"])),
                year=m["ecf_year"],
                case_type=m["ecf_type"].lower(),
                seq=m["ecf_seq"].translate(_OCR_DIGITS),
                document=re.search(r"\d+", doc.group(0)).group(0) if doc else None,
            )
        )
    return out

"""Sentence and clause windows over ``doc.text``, robust to legal abbreviations.

spaCy's sentencizer splits on every full stop token, so "21 U.S.C. § 841", "No. 23-cr-1",
"United States v. Smith", "U.S.S.G. § 5K1.1" and "Fed. R. Crim. P. 11" end up cut in pieces.
This module splits the text itself: a sentence ends at ``.``, ``?`` or ``!`` followed by
whitespace and an upper-case letter, digit, quote or bracket, unless the word before the stop is
a known abbreviation, a single initial or a numbered-paragraph marker; a blank line ends a
window when it follows sentence punctuation or a short line. Over-long windows (tables, docket
columns) are cut at line breaks. The pipeline has no sentencizer: nothing reads spaCy's sentence
boundaries.

Every mention component reads the same windows, computed once per Doc and cached in
``doc.user_data``. :func:`compile_rule` and :func:`compile_rules` turn the data files' patterns into
regexes; :class:`extractors.mentions.MentionComponent` runs them window by window.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from spacy.tokens import Doc

from expediente.extractors import casefold
from expediente.extractors.patterns import load_json

CACHE_KEY = "expediente_windows"
TEXT_KEY = "expediente_text"
LOWER_KEY = "expediente_lowered_text"
MAX_WINDOW = 700  # characters; longer windows are cut at line breaks
SHORT_LINE = 45  # a line shorter than this before a blank line is a heading or a cell, not wrapped prose

# Words that end with a full stop without ending the sentence (lower-cased, without the stop).
ABBREVIATIONS = frozenset(load_json("sentence_abbreviations.json")["abbreviations"])

_STOP = re.compile(r"[.?!][\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9§])")
_BLANK = re.compile(r"\n[ \t]*\n\s*")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)$")


@dataclass(frozen=True)
class Window:
    start: int
    end: int
    text: str

    def local(self, offset: int) -> int:
        return offset - self.start


def _is_abbreviation(text: str, stop: int) -> bool:
    """Does the full stop at ``stop`` close an abbreviation or an initial rather than a sentence?"""
    if text[stop] != ".":
        return False
    m = _WORD_BEFORE.search(text, max(0, stop - 20), stop)
    if not m:
        # "1." / "(a)." style paragraph numbers: a digit-only token before the stop at line start
        line_start = text.rfind("\n", 0, stop) + 1
        return bool(re.fullmatch(r"\s*(?:\d{1,3}|[ivx]{1,4}|\(?[a-z0-9]{1,3}\))", text[line_start:stop]))
    word = m.group(1)
    if len(word) == 1 and word.isalpha():  # initials: "J. Smith", "A."
        return True
    return word.lower().rstrip(".") in ABBREVIATIONS


def _paragraph_break(text: str, at: int) -> bool:
    """Does the blank line at ``at`` end a paragraph? Text extracted from double-spaced pleadings puts a
    blank line after every wrapped line, so a blank line only counts after sentence punctuation or a
    short line (heading, table cell, docket column)."""
    line_start = text.rfind("\n", 0, at) + 1
    line = text[line_start:at].rstrip()
    if not line:
        return True
    return line[-1] in '.:;?!"”)' or len(line.strip()) < SHORT_LINE


def _split_long(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    while end - start > MAX_WINDOW:
        cut = text.rfind("\n", start + MAX_WINDOW // 3, start + MAX_WINDOW)
        if cut == -1:
            cut = text.rfind(" ", start + MAX_WINDOW // 3, start + MAX_WINDOW)
        if cut == -1:
            cut = start + MAX_WINDOW
        yield start, cut
        start = cut
    yield start, end


def split(text: str) -> list[Window]:
    """Sentence windows of ``text`` (offsets into it), leading/trailing whitespace trimmed."""
    bounds: list[int] = [0]
    for m in _BLANK.finditer(text):
        if _paragraph_break(text, m.start()):
            bounds.append(m.start())
            bounds.append(m.end())
    for m in _STOP.finditer(text):
        if not _is_abbreviation(text, m.start()):
            bounds.append(m.end())
    bounds.append(len(text))
    bounds = sorted(set(bounds))
    windows: list[Window] = []
    for a, b in zip(bounds, bounds[1:], strict=False):
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b <= a:
            continue
        for s, e in _split_long(text, a, b):
            while s < e and text[s].isspace():
                s += 1
            if e > s:
                windows.append(Window(s, e, text[s:e]))
    return windows


def text_of(doc: Doc) -> str:
    """``doc.text``, cached: spaCy rebuilds the string from its tokens on every access."""
    cached = doc.user_data.get(TEXT_KEY)
    if cached is None or cached[0] != len(doc):
        cached = (len(doc), doc.text)
        doc.user_data[TEXT_KEY] = cached
    return cached[1]


def lowered_of(doc: Doc) -> str | None:
    """:func:`extractors.casefold.lowered_text` of the Doc's text, computed once (None where it cannot be)."""
    cached = doc.user_data.get(LOWER_KEY)
    if cached is None or cached[0] != len(doc):
        cached = (len(doc), casefold.lowered_text(text_of(doc)))
        doc.user_data[LOWER_KEY] = cached
    return cached[1]


def remember_text(doc: Doc, text: str) -> None:
    """Cache ``text`` as the text of ``doc``, a Doc made from it: the tokenizer keeps every character, so
    ``doc.text == text`` and no component has to rebuild it from the tokens."""
    doc.user_data[TEXT_KEY] = (len(doc), text)


def _cached(doc: Doc) -> tuple[list[Window], list[int]]:
    cached = doc.user_data.get(CACHE_KEY)
    if cached is None or cached[0] != len(doc):
        spans = split(text_of(doc))
        cached = (len(doc), spans, [w.start for w in spans])
        doc.user_data[CACHE_KEY] = cached
    return cached[1], cached[2]


def windows(doc: Doc) -> list[Window]:
    """The Doc's sentence windows, computed once and shared by every component."""
    return _cached(doc)[0]


def window_at(doc: Doc, at: int) -> Window | None:
    """The window holding character ``at`` of the Doc's text (by bisection), if any."""
    spans, starts = _cached(doc)
    i = bisect.bisect_right(starts, at) - 1
    return spans[i] if i >= 0 and spans[i].start <= at < spans[i].end else None


# ---- shared rule handling -------------------------------------------------------------------


def compile_rule(pattern: str, case_sensitive: bool = False, multiline: bool = False) -> re.Pattern[str]:
    """Compile a data-file pattern: a literal space matches any run of whitespace (line wraps),
    and " ?" matches optional whitespace."""
    flags = (0 if case_sensitive else re.IGNORECASE) | (re.MULTILINE if multiline else 0)
    return re.compile(_spaces(pattern), flags)


def _spaces(pattern: str) -> str:
    """Rewrite literal spaces outside character classes: " ?" -> \\s*, " " -> \\s+."""
    out: list[str] = []
    i, in_class = 0, False
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            out.append(pattern[i : i + 2])
            i += 2
            continue
        if in_class:
            in_class = c != "]"
            out.append(c)
        elif c == "[":
            in_class = True
            out.append(c)
            if pattern[i + 1 : i + 2] == "]":  # a leading ] is literal
                out.append("]")
                i += 1
        elif c == " ":
            if pattern[i + 1 : i + 2] == "?":
                out.append(r"\s*")
                i += 1
            else:
                out.append(r"\s+")
        else:
            out.append(c)
        i += 1
    return "".join(out)


def compile_any(patterns: list[str], case_sensitive: bool = False, multiline: bool = False) -> re.Pattern[str] | None:
    """One regex matching any of ``patterns`` (None when the list is empty)."""
    if not patterns:
        return None
    return compile_rule("|".join(f"(?:{p})" for p in patterns), case_sensitive, multiline)


@dataclass(frozen=True)
class Rule:
    label: str
    regex: re.Pattern[str]
    confidence: float
    attrs: dict  # copied into the attrs of the findings the rule makes
    options: dict = field(default_factory=dict)  # the row's other keys, read by its component ("ignore", ...)


_RULE_KEYS = ("label", "pattern", "confidence", "case_sensitive", "attrs")


def compile_rules(rows: list[dict], multiline: bool = False) -> list[Rule]:
    """Rules from a data file's rows: {label, pattern, confidence, [case_sensitive], [attrs], [...]}."""
    return [
        Rule(
            row["label"],
            compile_rule(row["pattern"], row.get("case_sensitive", False), multiline),
            float(row.get("confidence", 0.5)),
            dict(row.get("attrs", {})),
            {k: v for k, v in row.items() if k not in _RULE_KEYS},
        )
        for row in rows
    ]


def overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(start < e and s < end for s, e in spans)


def spans_of(regex: re.Pattern[str] | None, text: str) -> list[tuple[int, int]]:
    """The spans of ``regex``'s matches in ``text`` (a case-insensitive one run fast, :mod:`extractors.casefold`)."""
    return [] if regex is None else list(casefold.spans(regex, text, casefold.lowered_text(text)))


def active(doc: Doc, trigger: re.Pattern[str]) -> list[Window]:
    """The windows holding at least one ``trigger`` match, found by one pass over the whole text.

    Components pass a cheap union of their patterns, so the per-window rule loop only runs where
    something can match; most windows of a filing hold no mention at all."""
    ws, starts = _cached(doc)
    picked: list[Window] = []
    last = -1
    for m_start, m_end in casefold.spans(trigger, text_of(doc), lowered_of(doc)):
        i = bisect.bisect_right(starts, m_start) - 1
        if i < 0 or i == last:
            continue
        # a match may begin in the gap between windows or run across two: take every window it touches
        j = i
        while j < len(ws) and ws[j].start < m_end:
            if j > last and ws[j].end > m_start:
                picked.append(ws[j])
                last = j
            j += 1
    return picked


def context(doc: Doc, window: Window, short: int = 120, reach: int = 1) -> Window:
    """The window itself, or for a short window (a table cell, a heading, a docket column) the window
    joined with its ``reach`` neighbours on each side, so a cue one cell away still counts."""
    if len(window.text) >= short:
        return window
    ws = windows(doc)
    i = _index(ws, window.start)
    lo = ws[max(0, i - reach)].start
    hi = ws[min(len(ws) - 1, i + reach)].end
    return Window(lo, hi, text_of(doc)[lo:hi])


def _index(ws: list[Window], start: int) -> int:
    lo, hi = 0, len(ws)
    while lo < hi:
        mid = (lo + hi) // 2
        if ws[mid].start < start:
            lo = mid + 1
        else:
            hi = mid
    return min(lo, len(ws) - 1)


def squash(text: str) -> str:
    """Collapse whitespace runs (for values and attrs quoted from the text)."""
    return re.sub(r"\s+", " ", text).strip()

"""What the trained classifiers read: one piece shared by training (models/) and the applying components.

The document-type classifier reads a document's head (its first pages, cleaned) and the heading-like
lines of that head as two text columns; the violence classifier reads one sentence window
(:mod:`extractors.sentences`) holding violence vocabulary. Training builds its examples with these
functions and the components call the same ones, so what a model was trained on is what it is shown.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from expediente.extractors import casefold
from expediente.extractors.artifacts import settings
from expediente.extractors.components.doctype import _heading_cells
from expediente.extractors.patterns import load_json
from expediente.extractors.sentences import Window, compile_any, compile_rule, spans_of, squash

VIOLENCE_FIELD = "violent_crime_mentions"  # the registry field the violence classifier labels
NO_VIOLENCE = "none"  # its label for a window without violence


# ---- document type ----------------------------------------------------------------------------


@dataclass(frozen=True)
class DocTypeInput:
    """The two text columns of the document-type classifier, and where the head ends in the text."""

    head: str
    titles: str
    end: int

    def row(self) -> list[str]:
        return [self.head, self.titles]


def head_end(text: str, page_ends: Sequence[int], pages: int, max_chars: int) -> int:
    """End offset of the first ``pages`` pages (``page_ends``: each page's end in ``text``), at most
    ``max_chars`` characters; the whole text when the page ends are unknown."""
    end = page_ends[min(pages, len(page_ends)) - 1] if page_ends else len(text)
    return min(end, max_chars, len(text))


def title_cells(text: str, limit: int, count: int) -> list[tuple[int, int]]:
    """Spans of the first ``count`` heading-like cells (capitals or short title-cased phrases) before
    ``limit``."""
    out: list[tuple[int, int]] = []
    for start, end, _ in _heading_cells(text, min(limit, len(text))):
        out.append((start, end))
        if len(out) >= count:
            break
    return out


def doctype_input(text: str, page_ends: Sequence[int] = (), start: int = 0) -> DocTypeInput:
    """The classifier's view of ``text`` from ``start``: its first pages and their heading lines."""
    cfg = settings()["doctype"]
    ends = [e - start for e in page_ends if e > start]
    body = text[start:]
    end = head_end(body, ends, cfg["head_pages"], cfg["head_chars"])
    head = body[:end]
    return DocTypeInput(
        squash(head), " | ".join(squash(head[a:b]) for a, b in title_cells(head, end, cfg["title_lines"])), start + end
    )


def page_windows(page_bounds: Sequence[tuple[int, int]], size: int, limit: int) -> list[tuple[int, int]]:
    """(start page index, end offset) of up to ``limit`` consecutive ``size``-page windows after the
    document's head (the head itself is the document's main example)."""
    out: list[tuple[int, int]] = []
    for i in range(size, len(page_bounds), size):
        if len(out) >= limit:
            break
        out.append((i, page_bounds[min(i + size, len(page_bounds)) - 1][1]))
    return out


# ---- violence ---------------------------------------------------------------------------------


@cache
def vocabulary() -> re.Pattern[str]:
    return compile_rule(settings()["violence"]["vocabulary"])


@cache
def rule_exclusions() -> re.Pattern[str] | None:
    """The violence rule component's exclusions (statute names, boilerplate): no candidate there."""
    return compile_any(load_json("violence_patterns.json")["exclude"])


def vocabulary_spans(window_text: str, low: str | None = None) -> list[tuple[int, int]]:
    """Spans (local to the window) of violence vocabulary outside the rule exclusions (``low``: the window's
    text lower-cased by :func:`extractors.casefold.lowered_text`, when known)."""
    found = list(casefold.spans(vocabulary(), window_text, low))
    if not found:
        return found  # most windows: no exclusion to look for
    excluded = spans_of(rule_exclusions(), window_text)
    return [(start, end) for start, end in found if not any(start < e and s < end for s, e in excluded)]


def violence_input(window: Window | str) -> str:
    """The violence classifier's input for a sentence window: its text, whitespace collapsed."""
    return squash(window if isinstance(window, str) else window.text)

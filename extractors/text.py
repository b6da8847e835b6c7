"""The text the extractors read, with a map back to pages and original characters.

Each page's original text is cleaned (pleading line numbers and ECF headers
removed, see :mod:`corpus.clean`); cleaned pages are joined with a page break.
``locate(start, end)`` turns an offset range in the joined text into the page
number and the offsets in that page's *original* text.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from expediente.corpus.clean import clean_page
from expediente.corpus.document import Document

PAGE_BREAK = "\n\n"


@dataclass(frozen=True)
class PageView:
    """A page as components see it: its span in the joined cleaned text and its original text."""

    number: int
    start: int
    end: int
    original: str


@dataclass(frozen=True)
class Location:
    page: int
    start: int  # offsets into the original page text
    end: int


class DocText:
    def __init__(self, document: Document):
        parts: list[str] = []
        self._starts: list[int] = []  # where each page's cleaned text starts in self.text
        self._pages: list[int] = []
        self._cleaned = []
        pos = 0
        for page in document.pages:
            cleaned = clean_page(page.text)
            if parts:
                parts.append(PAGE_BREAK)
                pos += len(PAGE_BREAK)
            self._starts.append(pos)
            self._pages.append(page.number)
            self._cleaned.append(cleaned)
            parts.append(cleaned.text)
            pos += len(cleaned.text)
        self.text = "".join(parts)

    @property
    def pages(self) -> list[PageView]:
        return [
            PageView(number, start, start + len(cleaned.text), cleaned.original)
            for number, start, cleaned in zip(self._pages, self._starts, self._cleaned, strict=True)
        ]

    def page_of(self, offset: int) -> int:
        i = max(0, bisect.bisect_right(self._starts, offset) - 1)
        return self._pages[i] if self._pages else 1

    def locate(self, start: int, end: int) -> Location:
        """Page and original-text offsets of the joined-text range [start, end)."""
        if not self._pages:
            return Location(1, 0, 0)
        i = max(0, bisect.bisect_right(self._starts, start) - 1)
        cleaned = self._cleaned[i]
        local_start = start - self._starts[i]
        local_end = min(end - self._starts[i], len(cleaned.text))
        o_start = cleaned.to_original(local_start)
        o_end = cleaned.to_original_end(max(local_start, local_end))
        return Location(self._pages[i], o_start, o_end)

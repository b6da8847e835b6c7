"""Bounded chunks of a long document's text: extraction runs the pipeline chunk by chunk.

A document longer than ``extract_chunk_chars`` (corpus/settings.py) is cut at page starts, or inside a page
longer than a chunk (an unpaginated text, an HTML docket) at its last blank line or line break before the limit.
Each chunk is one spaCy Doc whose page views are the document's pages clipped to it; its findings are shifted
back to the document's text, whose :meth:`~extractors.text.DocText.locate` maps them to pages. The first chunk
decides what is said of the whole document (its type, court, case number and defendants, read from the first
page); later chunks are read with those findings in hand. A document of one chunk is read as one Doc, as it
always was.
"""

from __future__ import annotations

from spacy.tokens import Doc

from expediente.extractors.text import PageView

CHUNK_KEY = "expediente_chunk"


def chunk_bounds(text: str, page_starts: list[int], size: int) -> list[tuple[int, int]]:
    """[start, end) offsets of the chunks of ``text``: none longer than ``size`` unless it cannot be cut."""
    bounds: list[tuple[int, int]] = []
    start, n = 0, len(text)
    while n - start > size:
        limit = start + size
        cut = max((s for s in page_starts if start < s <= limit), default=-1)
        if cut == -1:  # one page longer than a chunk: its last paragraph or line break before the limit
            floor = start + size // 2
            blank = text.rfind("\n\n", floor, limit)
            cut = blank + 2 if blank != -1 else text.rfind("\n", floor, limit) + 1
            if cut <= floor:
                cut = limit
        bounds.append((start, cut))
        start = cut
    bounds.append((start, n))
    return bounds


def chunk_pages(pages: list[PageView], start: int, end: int, last: bool) -> list[PageView]:
    """The page views of the chunk [start, end) in its own offsets: the pages beginning in it, and a page begun
    before it and cut by its start (clipped); the last chunk also takes empty pages at the very end."""
    return [
        PageView(p.number, max(p.start, start) - start, min(p.end, end) - start, p.original)
        for p in pages
        if start <= p.start < end or p.start < start < p.end or (last and p.start == end)
    ]


def mark_chunk(doc: Doc, index: int) -> None:
    doc.user_data[CHUNK_KEY] = index


def is_document_head(doc: Doc) -> bool:
    """Whether ``doc`` begins the document (its first chunk, or the whole of it): what only the document's
    opening says (a transcript's cover, the first page's filing stamp) is read there only."""
    return doc.user_data.get(CHUNK_KEY, 0) == 0

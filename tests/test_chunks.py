"""A long document is extracted in bounded chunks (extractors/chunks.py) with the findings, offsets included,
of a document read whole: each chunk of a generated text holds a known statute and drug at a known page+offset."""

from __future__ import annotations

from dataclasses import replace

import pytest

from expediente.corpus.document import Document, Page
from expediente.corpus.settings import SETTINGS
from expediente.extractors.chunks import chunk_bounds
from expediente.extractors.pipeline import extract
from expediente.extractors.text import DocText

FILLER = "The parties met again on the following day and reviewed the schedule of the proceedings in this matter.\n"
CAPTION = (
    "UNITED STATES DISTRICT COURT\nSOUTHERN DISTRICT OF TEXAS\n\nUNITED STATES OF AMERICA\nv.\n"
    "JUAN CARLOS PEREZ-LOPEZ,\nDefendant.\n\nINDICTMENT\n\nThe Grand Jury charges:\n\n"
)
# page -> (drug, citation as written, the statute's normalised citation)
MENTIONS = {
    3: ("cocaine", "21 U.S.C. § 841(a)(1)", "21 U.S.C. § 841(a)(1)"),
    6: ("heroin", "21 U.S.C. § 846", "21 U.S.C. § 846"),
    9: ("methamphetamine", "21 U.S.C. § 952", "21 U.S.C. § 952"),
    12: ("fentanyl", "21 U.S.C. § 960", "21 U.S.C. § 960"),
}
PAGES = 12
SMALL_CHUNK = 8_000  # a generated page is about 2,300 characters: a chunk holds three or four


def _mention(drug: str, cite: str) -> str:
    return (
        "On or about March 3, 2019, the defendant knowingly possessed with intent to distribute "
        f"5 kilograms of {drug}, in violation of {cite}.\n"
    )


def _page_text(n: int) -> str:
    middle = _mention(*MENTIONS[n][:2]) if n in MENTIONS else ""
    return (CAPTION if n == 1 else "") + FILLER * 10 + middle + FILLER * 10


def _paged() -> Document:
    pages = tuple(Page(n, _page_text(n), "plain") for n in range(1, PAGES + 1))
    return Document("generated.txt", "0" * 64, "text", pages)


def _one_page() -> Document:
    """The same text as one page (an unpaginated text): chunks are cut inside it, at blank lines."""
    return Document(
        "generated.txt", "1" * 64, "text", (Page(1, "\n\n".join(_page_text(n) for n in range(1, 13)), "plain"),)
    )


def _expected(document: Document) -> tuple[list, list]:
    """(drug mentions, statutes) as (value, page, start, end) where the generated text put them."""
    drugs, statutes = [], []
    for n, (drug, cite, citation) in MENTIONS.items():
        page = document.pages[0] if len(document.pages) == 1 else document.pages[n - 1]
        at = page.text.index(_mention(drug, cite))
        d = page.text.index("5 kilograms", at)
        drugs.append((drug, page.number, d, d + len(f"5 kilograms of {drug}")))
        s = page.text.index(cite, at)
        statutes.append((citation, page.number, s, s + len(cite)))
    return drugs, statutes


def _found(document: Document, chunk_chars: int) -> tuple[list, list, object]:
    record = extract(document, replace(SETTINGS, extract_chunk_chars=chunk_chars))
    drugs = [
        (m.value, m.evidence.page, m.evidence.start, m.evidence.end) for m in record.mentions if m.field == "drugs"
    ]
    statutes = [(s.citation, s.evidence.page, s.evidence.start, s.evidence.end) for s in record.statutes_cited]
    return drugs, statutes, record


@pytest.mark.parametrize("make", [_paged, _one_page], ids=["paged", "one page"])
def test_chunks_find_what_a_whole_reading_finds(make):
    document = make()
    text = DocText(document)
    bounds = chunk_bounds(text.text, [p.start for p in text.pages], SMALL_CHUNK)
    assert len(bounds) >= 4  # the test reads the document in several chunks
    assert all(end - start <= SMALL_CHUNK for start, end in bounds)
    assert bounds[0][0] == 0 and bounds[-1][1] == len(text.text)
    assert all(a[1] == b[0] for a, b in zip(bounds, bounds[1:], strict=False))

    want_drugs, want_statutes = _expected(document)
    chunked_drugs, chunked_statutes, chunked = _found(document, SMALL_CHUNK)
    whole_drugs, whole_statutes, whole = _found(document, SETTINGS.extract_chunk_chars)
    assert sorted(chunked_drugs) == sorted(want_drugs) == sorted(whole_drugs)
    assert sorted(chunked_statutes) == sorted(want_statutes) == sorted(whole_statutes)
    # what is said of the whole document comes from its first chunk, once
    assert [d.name for d in chunked.defendants] == [d.name for d in whole.defendants] == ["Juan Carlos Perez-Lopez"]
    assert chunked.value("doc_type") == whole.value("doc_type") == "indictment"
    for record in (chunked, whole):
        for m in record.mentions:
            page = document.pages[m.evidence.page - 1]
            assert page.text[m.evidence.start : m.evidence.end] == m.evidence.text


@pytest.mark.parametrize(
    ("text", "page_starts", "size", "want"),
    [
        ("a" * 10, [0], 20, [(0, 10)]),  # shorter than a chunk: one chunk
        ("x" * 9 + "\n\n" + "y" * 9, [0, 11], 12, [(0, 11), (11, 20)]),  # cut at a page start
        ("x" * 9 + "\n\n" + "y" * 9, [0], 12, [(0, 11), (11, 20)]),  # one page: cut after its blank line
        ("x" * 9 + "\n" + "y" * 9, [0], 12, [(0, 10), (10, 19)]),  # no blank line: after a line break
        ("z" * 25, [0], 10, [(0, 10), (10, 20), (20, 25)]),  # nothing to cut at: at the limit
    ],
)
def test_chunk_bounds(text, page_starts, size, want):
    assert chunk_bounds(text, page_starts, size) == want


def test_document_level_components_are_in_the_pipeline():
    from expediente.extractors.pipeline import DOCUMENT_LEVEL, load_nlp

    assert set(DOCUMENT_LEVEL) <= set(load_nlp().pipe_names)

"""Build the spaCy pipeline from config.cfg and run it over a corpus Document."""

from __future__ import annotations

import importlib
import pkgutil
from dataclasses import replace
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import load_config, load_model_from_config

import expediente.extractors.components
import expediente.extractors.tokenizer  # noqa: F401  (registers the tokenizer config.cfg names)
from expediente.corpus.document import Document
from expediente.corpus.locations import shipped
from expediente.corpus.settings import SETTINGS, ReadSettings
from expediente.extractors.chunks import chunk_bounds, chunk_pages, mark_chunk
from expediente.extractors.findings import Finding, findings
from expediente.extractors.records import DocumentRecord
from expediente.extractors.rollup import roll_up
from expediente.extractors.sentences import remember_text
from expediente.extractors.text import DocText
from expediente.extractors.version import pipeline_version

# the components that read what is said of the whole document (from its first page): in a document read in
# chunks, they run on the first chunk only, and later chunks read their findings
DOCUMENT_LEVEL = (
    "expediente_doctype",
    "expediente_doctype_model",
    "expediente_court",
    "expediente_case_number",
    "expediente_defendants",
)


def _register_components() -> None:
    for mod in pkgutil.iter_modules(expediente.extractors.components.__path__):
        importlib.import_module(f"expediente.extractors.components.{mod.name}")


@cache
def load_nlp() -> Language:
    _register_components()
    nlp = load_model_from_config(load_config(shipped("extractors", "config.cfg")), auto_fill=True, validate=True)
    nlp.max_length = 20_000_000
    nlp.vocab.lex_attr_getters = {}  # no component reads tokens: a new word's lexeme needs no shape, like_num...
    return nlp


def extract(document: Document, settings: ReadSettings = SETTINGS) -> DocumentRecord:
    """Run the pipeline over a document's cleaned text and roll findings up into a record.

    A text longer than ``settings.extract_chunk_chars`` is read chunk by chunk (:mod:`extractors.chunks`), so
    that memory stays bounded; the findings of every chunk are shifted back to the document's text.
    """
    nlp = load_nlp()
    # strings and lexemes a document adds to the vocabulary (names, numbers) are freed after it: a worker's memory
    # does not grow with the documents it reads (it grew 1.7 times from 100 to 2,000 documents before)
    with nlp.memory_zone():
        return _extract(nlp, document, settings)


def _extract(nlp: Language, document: Document, settings: ReadSettings) -> DocumentRecord:
    text = DocText(document)
    pages = text.pages
    bounds = chunk_bounds(text.text, [p.start for p in pages], max(1, settings.extract_chunk_chars))
    if len(bounds) == 1:
        return roll_up(document, text, findings(_run(nlp, text.text, pages, 0)), pipeline_version())
    found: list[Finding] = []
    head: list[Finding] = []  # what the first chunk says of the whole document
    for index, (start, end) in enumerate(bounds):
        chunk_views = chunk_pages(pages, start, end, last=index == len(bounds) - 1)
        if index == 0:
            doc = _run(nlp, text.text[start:end], chunk_views, 0)
            head = [f for f in findings(doc) if f.extractor in DOCUMENT_LEVEL]
            found.extend(findings(doc))
            continue
        seeded = [replace(f, start=f.start - start, end=f.end - start, attrs=dict(f.attrs)) for f in head]
        doc = _run(nlp, text.text[start:end], chunk_views, index, seeded)
        ids = {id(f) for f in seeded}
        found.extend(replace(f, start=f.start + start, end=f.end + start) for f in findings(doc) if id(f) not in ids)
    return roll_up(document, text, _first_of_each_count(found), pipeline_version())


def _run(nlp: Language, text: str, pages: list, index: int, seeded: list[Finding] | None = None) -> Doc:
    """The pipeline over one chunk of text (the whole text: chunk 0); a later chunk skips the document-level
    components and reads their findings from ``seeded`` instead."""
    doc = nlp.make_doc(text)
    remember_text(doc, text)
    mark_chunk(doc, index)
    doc._.pages = pages
    if index == 0:
        return nlp(doc)
    doc._.findings = list(seeded or [])
    for name, component in nlp.pipeline:  # not nlp.select_pipes: documents are extracted in several threads
        if name not in DOCUMENT_LEVEL:
            doc = component(doc)
    return doc


def _first_of_each_count(found: list[Finding]) -> list[Finding]:
    """A count's label found again in a later chunk (a closing summary of the counts) is the same count."""
    seen: set[str] = set()
    out = []
    for f in found:
        if f.field == "count":
            if f.value in seen:
                continue
            seen.add(f.value)
        out.append(f)
    return out

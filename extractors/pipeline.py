"""Build the spaCy pipeline from config.cfg and run it over a corpus Document."""

from __future__ import annotations

import hashlib
import importlib
import pkgutil
from functools import cache
from pathlib import Path

from spacy.language import Language
from spacy.util import load_config, load_model_from_config

import extractors.components
from corpus.document import Document
from extractors.findings import findings
from extractors.records import DocumentRecord
from extractors.rollup import roll_up
from extractors.text import DocText

HERE = Path(__file__).parent
CONFIG = HERE / "config.cfg"
CODE_VERSION = "0.1"


def _register_components() -> None:
    for mod in pkgutil.iter_modules(extractors.components.__path__):
        importlib.import_module(f"extractors.components.{mod.name}")


@cache
def pipeline_version() -> str:
    """Changes whenever extraction code, patterns, or the reading and cleaning of text change."""
    h = hashlib.sha256(CODE_VERSION.encode())
    sources = sorted(HERE.rglob("*.py")) + sorted(HERE.rglob("*.json")) + [CONFIG]
    sources += sorted((HERE.parent / "corpus").glob("*.py"))  # how text is read and cleaned changes results too
    for path in sources:
        if path.exists() and "__pycache__" not in path.parts:
            h.update(path.name.encode())
            h.update(path.read_bytes())
    return f"{CODE_VERSION}+{h.hexdigest()[:12]}"


@cache
def load_nlp() -> Language:
    _register_components()
    nlp = load_model_from_config(load_config(CONFIG), auto_fill=True, validate=True)
    nlp.max_length = 20_000_000
    return nlp


def extract(document: Document) -> DocumentRecord:
    """Run the pipeline over a document's cleaned text and roll findings up into a record."""
    text = DocText(document)
    nlp = load_nlp()
    doc = nlp.make_doc(text.text)
    doc._.pages = text.pages
    for _, component in nlp.pipeline:
        doc = component(doc)
    return roll_up(document, text, findings(doc), pipeline_version())

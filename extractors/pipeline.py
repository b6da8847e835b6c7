"""Build the spaCy pipeline from config.cfg and run it over a corpus Document."""

from __future__ import annotations

import hashlib
import importlib
import pkgutil
from functools import cache
from pathlib import Path

from spacy.language import Language
from spacy.util import load_config, load_model_from_config

import expediente.extractors.components
from expediente.corpus.document import Document
from expediente.corpus.locations import shipped
from expediente.extractors.components.classifiers import artifacts_in_use
from expediente.extractors.findings import findings
from expediente.extractors.records import DocumentRecord
from expediente.extractors.rollup import roll_up
from expediente.extractors.sentences import remember_text
from expediente.extractors.text import DocText

CODE_VERSION = "0.1"
# what decides an extraction: the reading and cleaning of text (corpus) and the pipeline (code, data, config)
VERSIONED_PACKAGES = ("corpus", "extractors")
VERSIONED_SUFFIXES = (".py", ".json", ".cfg")


def _files(folder: Path) -> list[Path]:
    return sorted(
        p for p in folder.rglob("*") if p.suffix in VERSIONED_SUFFIXES and "__pycache__" not in p.parts and p.is_file()
    )


@cache
def _code_hash() -> str:
    h = hashlib.sha256(CODE_VERSION.encode())
    for package in VERSIONED_PACKAGES:
        root = shipped(package)
        for path in _files(root):
            h.update(path.relative_to(root).as_posix().encode())
            h.update(path.read_bytes())
    return h.hexdigest()


def pipeline_version() -> str:
    """Changes whenever the reading of text, extraction code, patterns, config or the model artifacts in use do.

    Documents extracted under another version are re-extracted by `expediente process`.
    """
    h = hashlib.sha256(_code_hash().encode())
    for model, sha in sorted(artifacts_in_use().items()):
        h.update(f"{model}={sha}".encode())
    return f"{CODE_VERSION}+{h.hexdigest()[:12]}"


def _register_components() -> None:
    for mod in pkgutil.iter_modules(expediente.extractors.components.__path__):
        importlib.import_module(f"expediente.extractors.components.{mod.name}")


@cache
def load_nlp() -> Language:
    _register_components()
    nlp = load_model_from_config(load_config(shipped("extractors", "config.cfg")), auto_fill=True, validate=True)
    nlp.max_length = 20_000_000
    return nlp


def extract(document: Document) -> DocumentRecord:
    """Run the pipeline over a document's cleaned text and roll findings up into a record."""
    text = DocText(document)
    nlp = load_nlp()
    doc = nlp.make_doc(text.text)
    remember_text(doc, text.text)
    doc._.pages = text.pages
    doc = nlp(doc)
    return roll_up(document, text, findings(doc), pipeline_version())

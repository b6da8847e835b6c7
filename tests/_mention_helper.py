"""Run one registered mention component over a string and return its findings of one field."""

import spacy

import expediente.extractors.components.benefits  # noqa: F401  (registers the factories)
import expediente.extractors.components.custody  # noqa: F401
import expediente.extractors.components.drugs  # noqa: F401
import expediente.extractors.components.officials  # noqa: F401
import expediente.extractors.components.plea  # noqa: F401
import expediente.extractors.components.sentence  # noqa: F401
import expediente.extractors.components.victims  # noqa: F401
import expediente.extractors.components.violence  # noqa: F401

_PIPES: dict[str, spacy.language.Language] = {}


def run(factory: str, text: str, field: str):
    if factory not in _PIPES:
        nlp = spacy.blank("en")
        nlp.add_pipe(factory)
        _PIPES[factory] = nlp
    doc = _PIPES[factory](text)
    return [f for f in (doc._.findings or []) if f.field == field]


def best(findings):
    return max(findings, key=lambda f: f.confidence) if findings else None

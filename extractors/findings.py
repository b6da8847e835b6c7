"""What a pipeline component leaves on a spaCy Doc: findings with character offsets.

Every component appends :class:`~extractors.records.Finding` objects to ``doc._.findings``. Offsets
are into ``doc.text`` (the cleaned document text); :mod:`extractors.text` maps
them back to the page and the original characters.
"""

from __future__ import annotations

from spacy.tokens import Doc

from expediente.extractors.records import Finding

if not Doc.has_extension("findings"):
    Doc.set_extension("findings", default=None)
if not Doc.has_extension("pages"):
    # list of extractors.text.PageView: where each page starts in doc.text, and its original text
    Doc.set_extension("pages", default=None)


def findings(doc: Doc) -> list[Finding]:
    """The doc's findings list, created on first use."""
    if doc._.findings is None:
        doc._.findings = []
    return doc._.findings


def add(doc: Doc, finding: Finding) -> Finding:
    findings(doc).append(finding)
    return finding


def of(doc: Doc, field_name: str) -> list[Finding]:
    return [f for f in findings(doc) if f.field == field_name]

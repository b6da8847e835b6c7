"""What a pipeline component leaves on a spaCy Doc: findings with character offsets.

Every component appends :class:`Finding` objects to ``doc._.findings``. Offsets
are into ``doc.text`` (the cleaned document text); :mod:`extractors.text` maps
them back to the page and the original characters.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc

if not Doc.has_extension("findings"):
    Doc.set_extension("findings", default=None)
if not Doc.has_extension("pages"):
    # list of extractors.text.PageView: where each page starts in doc.text, and its original text
    Doc.set_extension("pages", default=None)


@dataclass
class Finding:
    field: str  # doc_type, court, case_number, defendant, alias, count, statute, drug, violence,
    # victim, benefit, custody, plea, sentence, public_official
    value: str  # normalised value or label
    start: int  # char offsets into doc.text
    end: int
    confidence: float
    extractor: str  # component name
    version: str  # component version
    attrs: dict[str, Any] = field(default_factory=dict)
    # (page, start, end) in the page's ORIGINAL text, for a finding read from text that cleaning removed
    # (an ECF stamp's case number); start/end above then give its position in doc.text for ordering only
    location: tuple[int, int, int] | None = None


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

"""Extraction records with evidence: what the extractors hand to the case dataset.

Plain dataclasses, JSON-serialisable with :func:`dataclasses.asdict`, so that
flow tasks can return them across process or cluster boundaries.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from expediente.corpus.errors import Failure


@dataclass
class Finding:
    """What a pipeline component found: a value, its character offsets into ``doc.text`` and its extractor."""

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


@dataclass(frozen=True)
class Evidence:
    page: int  # 1-based page number
    start: int  # character offsets into that page's original text
    end: int
    text: str  # the original characters [start:end)
    extractor: str
    version: str
    confidence: float


@dataclass(frozen=True)
class Value:
    """One extracted value (a single field's value or candidate, or one mention) and where it came from."""

    field: str  # the registry's field name
    value: str | None
    evidence: Evidence | None  # None only when no span supports it (e.g. a default like "unknown")
    attrs: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Statute:
    citation: str  # normalised: "21 U.S.C. § 841(a)(1)"
    title: str  # "21"
    section: str  # "841"
    category: str  # taxonomy category
    evidence: Evidence | None


@dataclass(frozen=True)
class Count:
    label: str  # "1", "2s", "Forfeiture", "" where the document does not number counts
    statutes: tuple[Statute, ...]
    description: str
    evidence: Evidence | None
    defendants: tuple[str, ...] = ()  # the defendants the count names, as written (none: all of the document's)


@dataclass(frozen=True)
class Defendant:
    name: str
    aliases: tuple[str, ...]
    evidence: Evidence | None


@dataclass(frozen=True)
class PageInfo:
    number: int
    method: str
    ocr_confidence: float | None
    char_count: int
    error: str | None
    text: str = ""  # the page's original text: evidence offsets point into it
    boxes: tuple = ()  # word boxes of ``text`` (corpus/boxes.py)


@dataclass
class DocumentRecord:
    """Everything known about one input file after a run: read, extracted, or failed.

    Field values are keyed by the registry's field names (:mod:`extractors.fields`): ``values`` holds the
    document's value of each single field (``Value.value`` None where nothing was found and the field has
    no default); ``mentions`` every item of the mentions fields and the other candidates of single fields.
    """

    sha256: str
    file: str
    path: str
    kind: str
    pipeline_version: str
    status: str  # "done" or "failed"
    error: Failure | None = None  # reason code and message when failed
    warnings: list[str] = field(default_factory=list)
    pages: list[PageInfo] = field(default_factory=list)
    values: dict[str, Value] = field(default_factory=dict)
    mentions: list[Value] = field(default_factory=list)
    defendants: list[Defendant] = field(default_factory=list)
    counts: list[Count] = field(default_factory=list)
    statutes_cited: list[Statute] = field(default_factory=list)  # every charged statute, also outside counts
    seconds: float = 0.0

    def value(self, name: str) -> str | None:
        """The document's value of single field ``name`` (None where there is none)."""
        v = self.values.get(name)
        return v.value if v is not None else None

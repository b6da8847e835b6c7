"""Turn a document's findings into a DocumentRecord, field by field as the registry declares them.

Findings under a field's ``min_confidence`` are dropped. A single field takes the most confident finding
(the earliest on ties) among those its ``rollup`` rules allow, else its default; the other findings stay as
candidates. A mentions field keeps every finding. Defendants, counts and statutes are assembled below.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import astuple

from expediente.corpus.document import Document
from expediente.extractors.fields import (
    ALIASES,
    COUNTS,
    DEFENDANTS,
    DOC_TYPE,
    MENTIONS,
    SINGLE,
    STATUTES,
    Field,
    registry,
)
from expediente.extractors.records import Count, Defendant, DocumentRecord, Evidence, Finding, PageInfo, Statute, Value
from expediente.extractors.text import DocText

Locate = Callable[[Finding], Evidence]
IMPLIED_BY = "implied_by"  # the attribute of a value implied by another field, not found in the text


def _evidence(f: Finding, text: DocText, pages: dict[int, str]) -> Evidence:
    page, start, end = f.location or astuple(text.locate(f.start, f.end))
    return Evidence(
        page=page,
        start=start,
        end=end,
        text=pages.get(page, "")[start:end],
        extractor=f.extractor,
        version=f.version,
        confidence=round(float(f.confidence), 4),
    )


def _kept(found: list[Finding], f: Field) -> list[Finding]:
    return [x for x in found if x.field == f.finding and x.confidence >= f.min_confidence]


def _best(found: list[Finding]) -> Finding | None:
    return max(found, key=lambda f: (f.confidence, -f.start), default=None)


def _excluded(f: Finding, rules: dict) -> bool:
    return any(f.attrs.get(attr) in values for attr, values in rules.get("exclude_attrs", {}).items())


def named_defendants(attrs: dict) -> list[str]:
    """The defendants a finding is said of by name (the attribution component's ``defendant(s)``)."""
    return attrs.get("defendants") or ([attrs["defendant"]] if attrs.get("defendant") else [])


def _of_someone_else(x, first_defendant: str | None) -> bool:
    """Said of named defendants, none of them the document's first."""
    named = named_defendants(x.attrs)
    return bool(named and first_defendant) and first_defendant.casefold() not in {n.casefold() for n in named}


def choose(f: Field, candidates: list, doc_type: str | None, first_defendant: str | None = None):
    """The candidate (a Finding, or anything with value, confidence, start and attrs) that becomes the value of
    single field ``f`` in a document of type ``doc_type``, by the field's roll-up rules; None when none may.
    With ``first_defendant`` rule, a value said of another defendant of the document is not the document's."""
    rules = f.rollup
    if doc_type in rules.get("none_in_doc_types", ()):
        return None
    allowed = [x for x in candidates if not _excluded(x, rules)]
    if rules.get("first_defendant"):
        allowed = [x for x in allowed if not _of_someone_else(x, first_defendant)]
    best = _best(allowed)
    # a value stated at a given confidence wins over more confident others ("extradited" over an arrest abroad)
    for label, floor in rules.get("prefer", {}).items():
        best = _best([x for x in allowed if x.value == label and x.confidence >= floor]) or best
    return best


def _value(f: Field, x: Finding, ev: Locate) -> Value:
    return Value(field=f.name, value=x.value, evidence=ev(x), attrs=dict(x.attrs))


def _default(f: Field, record: DocumentRecord) -> Value:
    doc_type = record.values.get(DOC_TYPE)
    for value, doc_types in f.default_by_doc_type.items():
        if doc_type is not None and doc_type.value in doc_types:
            # implied by the type of the document: true of every defendant it names (casedata/people.py)
            return Value(f.name, value, doc_type.evidence, {IMPLIED_BY: DOC_TYPE})
    return Value(f.name, f.default, None)


def roll_up(document: Document, text: DocText, found: list[Finding], version: str) -> DocumentRecord:
    pages = {p.number: p.text for p in document.pages}

    def ev(f: Finding) -> Evidence:
        return _evidence(f, text, pages)

    record = DocumentRecord(
        sha256=document.sha256,
        file=document.file_name,
        path=document.path,
        kind=document.kind,
        pipeline_version=version,
        status="done",
        warnings=list(document.warnings),
        pages=[
            PageInfo(p.number, p.method, p.ocr_confidence, p.char_count, p.error, p.text, p.boxes)
            for p in document.pages
        ],
    )
    reg = registry()
    record.defendants = _defendants(found, ev)
    first = record.defendants[0].name if record.defendants else None
    for f in reg.of_kind(SINGLE):  # in registry order: the document type first, as other fields' rules read it
        candidates = _kept(found, f)
        best = choose(f, candidates, record.value(DOC_TYPE), first)
        record.values[f.name] = _value(f, best, ev) if best is not None else _default(f, record)
        record.mentions += _distinct(f, [x for x in candidates if x is not best], ev)
    for f in reg.of_kind(MENTIONS):
        record.mentions += _distinct(f, _kept(found, f), ev)
    record.counts, record.statutes_cited = _charges(found, ev)
    return record


def _distinct(f: Field, found: list[Finding], ev: Locate) -> list[Value]:
    seen: set[tuple] = set()
    out = []
    for x in found:
        key = (x.value, x.start, x.end)
        if key not in seen:
            seen.add(key)
            out.append(_value(f, x, ev))
    return out


def _defendants(found: list[Finding], ev: Locate) -> list[Defendant]:
    reg = registry()
    by_name: dict[str, tuple[Finding, list[str]]] = {}
    for f in _kept(found, reg.one(DEFENDANTS)):
        entry = by_name.setdefault(f.value.casefold(), (f, []))
        for alias in f.attrs.get("aliases", []):
            if alias not in entry[1]:
                entry[1].append(alias)
    for f in _kept(found, reg.one(ALIASES)):
        owner = by_name.get(str(f.attrs.get("defendant", "")).casefold())
        if owner is not None and f.value not in owner[1]:
            owner[1].append(f.value)
    return [Defendant(name=f.value, aliases=tuple(aliases), evidence=ev(f)) for f, aliases in by_name.values()]


def _statute(f: Finding, ev: Locate) -> Statute:
    return Statute(
        citation=f.value,
        title=str(f.attrs.get("title", "")),
        section=str(f.attrs.get("section", "")),
        category=str(f.attrs.get("category", "other")),
        evidence=ev(f),
    )


def _charges(found: list[Finding], ev: Locate) -> tuple[list[Count], list[Statute]]:
    reg = registry()
    charged = [f for f in _kept(found, reg.one(STATUTES)) if f.attrs.get("charged")]
    by_citation: dict[str, Finding] = {}
    for f in charged:
        by_citation.setdefault(f.value, f)
    counts = []
    count_field = reg.one(COUNTS)
    for c in _kept(found, count_field):
        if _excluded(c, count_field.rollup):  # a forfeiture allegation is not a count
            continue
        members = [f for f in charged if f.attrs.get("count") == c.value]
        evidence_of = {f.value: f for f in members}
        # a count holds the statutes charged in it; citations the count merely mentions (forfeiture,
        # procedure) were judged not charged by the statute component and stay out
        cited = [cit for cit in dict.fromkeys([*evidence_of, *c.attrs.get("statutes", [])]) if cit in by_citation]
        stats = tuple(_statute(evidence_of.get(cit) or by_citation[cit], ev) for cit in cited)
        counts.append(
            Count(
                label=c.value,
                statutes=stats,
                description=str(c.attrs.get("description", "")),
                evidence=ev(c),
                defendants=tuple(c.attrs.get("defendants", ())),
            )
        )
    return counts, [_statute(f, ev) for f in by_citation.values()]

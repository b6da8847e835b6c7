"""Turn a document's findings into a DocumentRecord: pick document-level values, attach evidence.

Scalar fields take the highest-confidence finding (the earliest on ties); list
fields keep every finding above the field's minimum confidence (data/rollup.json).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import astuple

from expediente.corpus.document import Document
from expediente.extractors.findings import Finding
from expediente.extractors.patterns import load_json
from expediente.extractors.records import Count, Defendant, DocumentRecord, Evidence, PageInfo, Statute, Value
from expediente.extractors.text import DocText

MENTION_FIELDS = ("drug", "violence", "victim", "benefit", "public_official")


def _rules() -> dict:
    return load_json("rollup.json")


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


def _passes(f: Finding) -> bool:
    return f.confidence >= _rules()["min_confidence"].get(f.field, 0.0)


def _kept(found: Iterable[Finding], field: str) -> list[Finding]:
    return [f for f in found if f.field == field and _passes(f)]


def _best(found: list[Finding]) -> Finding | None:
    return max(found, key=lambda f: (f.confidence, -f.start), default=None)


def roll_up(document: Document, text: DocText, found: list[Finding], version: str) -> DocumentRecord:
    pages = {p.number: p.text for p in document.pages}

    def ev(f: Finding) -> Evidence:
        return _evidence(f, text, pages)

    def value(f: Finding | None) -> Value | None:
        if f is None:
            return None
        return Value(field=f.field, value=f.value, evidence=ev(f), attrs=dict(f.attrs))

    record = DocumentRecord(
        sha256=document.sha256,
        file=document.file_name,
        path=document.path,
        kind=document.kind,
        pipeline_version=version,
        status="done",
        warnings=list(document.warnings),
        pages=[PageInfo(p.number, p.method, p.ocr_confidence, p.char_count, p.error) for p in document.pages],
    )
    doc_type = _best(_kept(found, "doc_type"))
    record.doc_type = value(doc_type) or Value("doc_type", "other", None)
    record.court = value(_best(_kept(found, "court")))
    record.case_number = value(_best(_kept(found, "case_number")))
    record.defendants = _defendants(found, ev)
    record.counts, record.statutes_cited = _charges(found, ev)

    chosen: set[int] = set()
    for field in ("custody", "plea", "sentence"):
        candidates = _kept(found, field)
        if field == "sentence":
            # a charging document or a pre-sentencing filing imposes no sentence: any it quotes is another's
            if record.doc_type.value in _rules()["no_imposed_sentence_doc_types"]:
                candidates = []
            candidates = [f for f in candidates if f.attrs.get("kind") != "recommended"]
        best = _best(candidates)
        if field == "custody":
            # a stated extradition is the route even where the arrest abroad is worded more strongly
            for label, floor in _rules()["custody_overrides"].items():
                best = _best([f for f in candidates if f.value == label and f.confidence >= floor]) or best
        if best is not None:
            chosen.add(id(best))
        setattr(record, "sentence_months" if field == "sentence" else field, value(best))
    if record.custody is None:
        record.custody = Value("custody", "unknown", None)
    if record.plea is None:
        pretrial = record.doc_type.value in _rules()["pretrial_doc_types"]
        record.plea = Value(
            "plea", "pretrial" if pretrial else "unknown", record.doc_type.evidence if pretrial else None
        )
    officials = _kept(found, "public_official")
    best_official = _best(officials)
    record.public_official = value(best_official) if best_official else Value("public_official", "false", None)
    if best_official is not None:
        chosen.add(id(best_official))

    seen = set()
    for f in found:
        if id(f) in chosen or not _passes(f):
            continue
        if f.field not in MENTION_FIELDS + ("custody", "plea", "sentence"):
            continue
        key = (f.field, f.value, f.start, f.end)
        if key in seen:
            continue
        seen.add(key)
        record.mentions.append(Value(field=f.field, value=f.value, evidence=ev(f), attrs=dict(f.attrs)))
    return record


def _defendants(found: list[Finding], ev) -> list[Defendant]:
    by_name: dict[str, tuple[Finding, list[str]]] = {}
    for f in _kept(found, "defendant"):
        key = f.value.casefold()
        entry = by_name.setdefault(key, (f, []))
        for alias in f.attrs.get("aliases", []):
            if alias not in entry[1]:
                entry[1].append(alias)
    for f in _kept(found, "alias"):
        owner = by_name.get(str(f.attrs.get("defendant", "")).casefold())
        if owner is not None and f.value not in owner[1]:
            owner[1].append(f.value)
    return [Defendant(name=f.value, aliases=tuple(aliases), evidence=ev(f)) for f, aliases in by_name.values()]


def _statute(f: Finding, ev) -> Statute:
    return Statute(
        citation=f.value,
        title=str(f.attrs.get("title", "")),
        section=str(f.attrs.get("section", "")),
        category=str(f.attrs.get("category", "other")),
        evidence=ev(f),
    )


def _charges(found: list[Finding], ev) -> tuple[list[Count], list[Statute]]:
    statutes = _kept(found, "statute")
    charged = [f for f in statutes if f.attrs.get("charged")]
    by_citation: dict[str, Finding] = {}
    for f in charged:
        by_citation.setdefault(f.value, f)
    counts = []
    excluded_kinds = set(_rules()["count_kinds_not_counts"])
    for c in _kept(found, "count"):
        if c.attrs.get("kind") in excluded_kinds:
            continue
        members = [f for f in charged if f.attrs.get("count") == c.value]
        evidence_of = {f.value: f for f in members}
        # a count holds the statutes charged in it; citations the count merely mentions (forfeiture,
        # procedure) were judged not charged by the statute component and stay out
        cited = [cit for cit in dict.fromkeys([*evidence_of, *c.attrs.get("statutes", [])]) if cit in by_citation]
        stats = tuple(_statute(evidence_of.get(cit) or by_citation[cit], ev) for cit in cited)
        counts.append(
            Count(label=c.value, statutes=stats, description=str(c.attrs.get("description", "")), evidence=ev(c))
        )
    return counts, [_statute(f, ev) for f in by_citation.values()]

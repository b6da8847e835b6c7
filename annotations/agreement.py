"""Agreement between annotators, per field and per pair of annotators.

- Items with one decision each (single values, defendants, counts, statutes, and mentions the machine found):
  Cohen's kappa over the items both annotators decided, each decision one label ('accept', 'reject',
  'set:VALUE'); observed agreement beside it, since kappa is undefined when both always say the same.
- Mentions fields as spans: F1 between the spans each annotator holds present (machine mentions they accepted
  or set, and mentions they added) on the documents both decided that field of, matched one to one as the
  evaluation matches mentions (same label, same page, covering at least half: :func:`scoring.match_spans`).
"""

from __future__ import annotations

import itertools
import sqlite3
from collections import Counter
from dataclasses import dataclass

from expediente.annotations.scoring import Span, match_spans
from expediente.casedata.review import annotator_labels, annotator_spans
from expediente.extractors.fields import MENTIONS, registry


def cohen_kappa(pairs: list[tuple[str, str]]) -> float | None:
    """Cohen's kappa of paired labels; None without pairs or when chance agreement is total."""
    if not pairs:
        return None
    n = len(pairs)
    observed = sum(a == b for a, b in pairs) / n
    first, second = Counter(a for a, _ in pairs), Counter(b for _, b in pairs)
    expected = sum(first[label] * second[label] for label in first) / (n * n)
    if expected >= 1.0:
        return None
    return (observed - expected) / (1 - expected)


def span_f1(first: list[tuple], second: list[tuple]) -> tuple[int, int, int]:
    """(matched, only in first, only in second) between two lists of (label, page, start, end) spans."""
    a = [Span(p, s, e) for _, p, s, e in first]
    b = [Span(p, s, e) for _, p, s, e in second]
    match = match_spans(a, b, compatible=lambda i, j: first[i][0] == second[j][0])
    return len(match.pairs), len(match.missed), len(match.extra)


@dataclass(frozen=True)
class PairAgreement:
    field: str
    first: str
    second: str
    items: int  # items (or documents, for spans) both decided
    observed: float | None
    kappa: float | None = None
    f1: float | None = None  # spans only


def agreement(conn: sqlite3.Connection) -> list[PairAgreement]:
    """Agreement of every pair of annotators on every field both decided something of."""
    labels = annotator_labels(conn)
    spans = annotator_spans(conn)
    fields = {f.name: f for f in registry()}
    out = []
    for first, second in itertools.combinations(sorted(set(labels) | set(spans)), 2):
        by_field: dict[str, list[tuple[str, str]]] = {}
        for item in labels.get(first, {}).keys() & labels.get(second, {}).keys():
            by_field.setdefault(item[1], []).append((labels[first][item], labels[second][item]))
        for name, pairs in sorted(by_field.items()):
            if fields.get(name) and fields[name].kind == MENTIONS:
                continue  # mentions are compared as spans below
            observed = sum(a == b for a, b in pairs) / len(pairs)
            out.append(PairAgreement(name, first, second, len(pairs), observed, cohen_kappa(pairs)))
        shared = spans.get(first, {}).keys() & spans.get(second, {}).keys()
        for name in sorted({field for _, field in shared}):
            matched = only_first = only_second = 0
            docs = [key for key in shared if key[1] == name]
            for key in docs:
                m, a, b = span_f1(spans[first][key], spans[second][key])
                matched, only_first, only_second = matched + m, only_first + a, only_second + b
            total = 2 * matched + only_first + only_second
            f1 = 2 * matched / total if total else 1.0
            out.append(PairAgreement(name, first, second, len(docs), None, f1=f1))
    return out

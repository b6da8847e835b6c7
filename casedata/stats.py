"""The study's summary tables over the ``cases`` table (corrections applied)."""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from dataclasses import dataclass, field

from expediente.casedata.schema import CATEGORIES
from expediente.extractors.fields import SINGLE, registry

VIOLENT_CATEGORY = "violent_crime"  # the statute taxonomy category of violent crimes


def ranked(counter: Counter) -> list[tuple[str, int]]:
    """Most frequent first; ties by label, so the tables do not depend on the order documents were read."""
    return sorted(counter.items(), key=lambda kv: (-kv[1], str(kv[0])))


@dataclass
class Table:
    title: str
    total: int
    rows: list[tuple[str, int]] = field(default_factory=list)  # (label, n); share = n / total

    def as_dict(self) -> dict:
        return {
            "title": self.title,
            "total": self.total,
            "rows": [
                {"label": k, "n": n, "share": round(n / self.total, 4) if self.total else None} for k, n in self.rows
            ],
        }


def summary(conn: sqlite3.Connection) -> list[Table]:
    """The study's tables: the distribution over cases of each single field with a ``stats`` title in the
    registry, charge categories, the benefits of plea cases, victims and violence, public officials."""
    reg = registry()
    cases = conn.execute("SELECT * FROM cases").fetchall()
    total = len(cases)
    docs = conn.execute("SELECT status, COUNT(*) AS n FROM documents GROUP BY status ORDER BY status").fetchall()
    tables = [Table("Documents by status", sum(r["n"] for r in docs), [(r["status"], r["n"]) for r in docs])]
    for f in reg.of_kind(SINGLE):
        if f.stats:
            counted = Counter(c[f.name] if c[f.name] is not None else f.case.get("default") for c in cases)
            tables.append(Table(f.stats, total, ranked(counted)))
    categories = Counter(cat for c in cases for cat in json.loads(c[CATEGORIES]))
    tables.insert(2, Table("Cases by charge category (a case can have several)", total, ranked(categories)))
    pleas = [c for c in cases if c["plea"] == "plea"]
    benefits = Counter(b for c in pleas for b in json.loads(c["benefits"]))
    with_any_benefit = sum(1 for c in pleas if json.loads(c["benefits"]))
    violent = sum(1 for c in cases if c["violent_crime_mentions"] or VIOLENT_CATEGORY in json.loads(c[CATEGORIES]))
    return [
        *tables,
        Table(
            "Plea cases with each sentencing benefit",
            len(pleas),
            [("any benefit", with_any_benefit), *ranked(benefits)],
        ),
        Table(
            "Victims and violence",
            total,
            [
                ("cases with victim-related or violent charges", violent),
                ("cases with victim mentions", sum(1 for c in cases if c["victims"])),
            ],
        ),
        Table(
            "Public officials",
            total,
            [("cases with a defendant described as a public official", sum(1 for c in cases if c["public_official"]))],
        ),
    ]

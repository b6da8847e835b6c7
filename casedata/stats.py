"""The study's summary tables over the ``cases`` table (corrections applied)."""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from dataclasses import dataclass, field


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
    cases = conn.execute("SELECT * FROM cases").fetchall()
    total = len(cases)
    custody = Counter(c["custody"] or "unknown" for c in cases)
    plea = Counter(c["plea"] or "unknown" for c in cases)
    categories = Counter(cat for c in cases for cat in json.loads(c["categories"]))
    pleas = [c for c in cases if c["plea"] == "plea"]
    benefits = Counter(b for c in pleas for b in json.loads(c["benefits"]))
    with_any_benefit = sum(1 for c in pleas if json.loads(c["benefits"]))
    docs = conn.execute("SELECT status, COUNT(*) AS n FROM documents GROUP BY status ORDER BY status").fetchall()
    return [
        Table("Documents by status", sum(r["n"] for r in docs), [(r["status"], r["n"]) for r in docs]),
        Table("Cases by custody route", total, custody.most_common()),
        Table("Cases by charge category (a case can have several)", total, categories.most_common()),
        Table("Cases by plea status", total, plea.most_common()),
        Table(
            "Plea cases with each sentencing benefit",
            len(pleas),
            [("any benefit", with_any_benefit), *benefits.most_common()],
        ),
        Table(
            "Victims and violence",
            total,
            [
                (
                    "cases with victim-related or violent charges",
                    sum(1 for c in cases if c["violence_charged"]),
                ),
                ("cases with victim mentions", sum(1 for c in cases if c["victims"])),
            ],
        ),
        Table(
            "Public officials",
            total,
            [
                (
                    "cases with a defendant described as a public official",
                    sum(1 for c in cases if c["public_official"]),
                )
            ],
        ),
    ]

"""The study's summary tables, counted over defendants in cases (the study's unit), cases or documents.

Each unit is read into the same rows (:class:`Unit`): the single fields with ``stats`` in the registry, the
charge categories, benefits, violent crimes charged or only described, victims, public office. The tables
are the distribution of each ``stats`` field, charge categories, the benefits of those who pleaded, victims and
violence, public officials. Corrections are applied (everything is read from the effective views and the
derived tables).
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from expediente.casedata.schema import CATEGORIES
from expediente.extractors.fields import SINGLE, registry

VIOLENT_CATEGORY = "violent_crime"  # the statute taxonomy category of violent crimes
PLEADED = "plea"  # the plea status whose benefits the study counts
UNITS = ("defendant", "case", "document")


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


@dataclass
class Unit:
    """One counted thing (a defendant in a case, a case, a document) as the tables read it."""

    values: dict[str, str | None]  # the stats fields
    categories: list[str]
    benefits: list[str]
    violent_charged: bool
    violence_described: bool
    victims: int
    public_official: bool


def _json(value) -> list:
    return json.loads(value) if value else []


def _defendants(conn: sqlite3.Connection) -> list[Unit]:
    return [
        Unit(
            {f.name: r[f.name] for f in _stats_fields()},
            _json(r[CATEGORIES]),
            _json(r["benefits"]),
            bool(r["violent_crime_mentions"]) or VIOLENT_CATEGORY in _json(r[CATEGORIES]),
            bool(r["violence_described"]),
            r["victims"] or 0,
            bool(r["public_official"]),
        )
        for r in conn.execute("SELECT * FROM case_defendants")
    ]


def _cases(conn: sqlite3.Connection) -> list[Unit]:
    return [
        Unit(
            {f.name: r[f.name] for f in _stats_fields()},
            _json(r[CATEGORIES]),
            _json(r["benefits"]),
            bool(r["violent_crime_mentions"]) or VIOLENT_CATEGORY in _json(r[CATEGORIES]),
            False,
            r["victims"] or 0,
            bool(r["public_official"]),
        )
        for r in conn.execute("SELECT * FROM cases")
    ]


def _documents(conn: sqlite3.Connection) -> list[Unit]:
    units = []
    for d in conn.execute("SELECT * FROM documents_effective WHERE status = 'done'").fetchall():
        sha = d["sha256"]
        categories = sorted(
            {r[0] for r in conn.execute("SELECT category FROM charges_effective WHERE sha256 = ?", (sha,)) if r[0]}
        )
        mentions = conn.execute("SELECT field, value, attrs FROM mentions_effective WHERE sha256 = ?", (sha,))
        by_field: dict[str, list] = {}
        for m in mentions:
            by_field.setdefault(m["field"], []).append(m)
        violence = [json.loads(m["attrs"] or "{}").get("charged") for m in by_field.get("violent_crime_mentions", [])]
        units.append(
            Unit(
                {f.name: d[f.name] if d[f.name] is not None else f.default for f in _stats_fields()},
                categories,
                sorted({m["value"] for m in by_field.get("benefits", [])}),
                any(violence) or VIOLENT_CATEGORY in categories,
                any(not c for c in violence),
                len(by_field.get("victims", [])),
                bool(d["public_official"]),
            )
        )
    return units


READERS: dict[str, Callable[[sqlite3.Connection], list[Unit]]] = {
    "defendant": _defendants,
    "case": _cases,
    "document": _documents,
}
PLURALS = {"defendant": "Defendants", "case": "Cases", "document": "Documents"}


def _stats_fields():
    return [f for f in registry().of_kind(SINGLE) if f.stats]


def summary(conn: sqlite3.Connection, unit: str = "defendant") -> list[Table]:
    """The study's tables counted over ``unit`` (defendant, case or document)."""
    units = READERS[unit](conn)
    total, plural = len(units), PLURALS[unit]
    docs = conn.execute("SELECT status, COUNT(*) AS n FROM documents GROUP BY status ORDER BY status").fetchall()
    tables = [Table("Documents by status", sum(r["n"] for r in docs), [(r["status"], r["n"]) for r in docs])]
    for f in _stats_fields():
        default = (f.case or {}).get("default", f.default) or "unknown"
        counted = Counter(u.values[f.name] if u.values[f.name] is not None else default for u in units)
        tables.append(Table(f"{plural} by {f.title}", total, ranked(counted)))
    categories = Counter(cat for u in units for cat in u.categories)
    tables.insert(2, Table(f"{plural} by charge category (several possible)", total, ranked(categories)))
    pleas = [u for u in units if u.values.get("plea") == PLEADED]
    benefits = Counter(b for u in pleas for b in u.benefits)
    officials = [u for u in units if u.public_official]
    return [
        *tables,
        Table(
            f"{plural} who pleaded guilty, with each sentencing benefit",
            len(pleas),
            [("any benefit", sum(1 for u in pleas if u.benefits)), *ranked(benefits)],
        ),
        Table(
            "Victims and violence",
            total,
            [
                ("victim-related or violent crimes charged", sum(1 for u in units if u.violent_charged)),
                (
                    "violent crimes only described, not charged",
                    sum(1 for u in units if u.violence_described and not u.violent_charged),
                ),
                ("victims mentioned", sum(1 for u in units if u.victims)),
            ],
        ),
        Table(
            "Public officials",
            total,
            [
                ("described as a public official", len(officials)),
                ("of them, pleaded guilty", sum(1 for u in officials if u.values.get("plea") == PLEADED)),
            ],
        ),
    ]

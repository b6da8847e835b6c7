"""The ``cases`` table: documents rolled up per court and case number, corrections applied.

It is derived data, rebuilt for the affected cases after every write or correction.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterable

PLEA_ORDER = (
    "plea",
    "trial",
    "sealed",
    "pretrial",
)  # a later document's plea outranks an indictment's pretrial
CUSTODY_ORDER = ("extradited", "detained_abroad", "surrendered", "arrested_us")
OFFICE_PREFIX = re.compile(r"^\d+:")  # "3:19-cr-01234" and "19-cr-01234" are one case
SENTENCE_SOURCES = ("judgment", "docket", "press_release")


def case_key(court_id: str | None, case_number: str | None, sha256: str) -> str:
    if court_id and case_number:
        return f"{court_id}|{OFFICE_PREFIX.sub('', case_number)}"
    return sha256


def _first_by_priority(values: Iterable[str | None], order: tuple[str, ...]) -> str | None:
    present = set(values)
    return next((v for v in order if v in present), None)


def rebuild_cases(conn: sqlite3.Connection, keys: Iterable[str] | None = None) -> None:
    """Recompute the cases whose case_key is in ``keys`` (every case when None). The caller owns the transaction."""
    docs = conn.execute("SELECT * FROM documents_effective WHERE status = 'done'").fetchall()
    groups: dict[str, list[sqlite3.Row]] = {}
    for d in docs:
        groups.setdefault(case_key(d["court_id"], d["case_number"], d["sha256"]), []).append(d)
    if keys is None:
        conn.execute("DELETE FROM cases")
        wanted = set(groups)
    else:
        wanted = set(keys)
        conn.executemany("DELETE FROM cases WHERE case_key = ?", [(k,) for k in wanted])
    for key in wanted & set(groups):
        conn.execute(f"INSERT INTO cases VALUES ({','.join('?' * 16)})", _case_row(conn, key, groups[key]))


def _case_row(conn: sqlite3.Connection, key: str, members: list[sqlite3.Row]) -> tuple:
    shas = [d["sha256"] for d in members]
    marks = ",".join("?" * len(shas))
    defendants = sorted(
        {r[0] for r in conn.execute(f"SELECT name FROM defendants_effective WHERE sha256 IN ({marks})", shas)}
    )
    statutes = conn.execute(
        f"SELECT DISTINCT statute, category FROM charges_effective WHERE sha256 IN ({marks})", shas
    ).fetchall()
    mentions = conn.execute(
        f"SELECT kind, label, attrs FROM mentions_effective WHERE sha256 IN ({marks})", shas
    ).fetchall()
    benefits = sorted({m["label"] for m in mentions if m["kind"] == "benefit"})
    violence_charged = any(
        m["kind"] == "violence" and json.loads(m["attrs"] or "{}").get("charged") for m in mentions
    ) or any(s["category"] == "violent_crime" for s in statutes)
    victims = sum(1 for m in mentions if m["kind"] == "victim")
    by_type = sorted(members, key=lambda d: d["doc_type"] not in SENTENCE_SOURCES)
    sentence = next((d["sentence_months"] for d in by_type if d["sentence_months"] is not None), None)
    officials = [d["public_official"] for d in members if d["public_official"] is not None]
    first = members[0]
    return (
        key,
        first["court_id"],
        first["case_number"],
        len(members),
        json.dumps(shas),
        json.dumps(defendants),
        json.dumps(sorted({d["doc_type"] or "other" for d in members})),
        _first_by_priority((d["custody"] for d in members), CUSTODY_ORDER) or "unknown",
        _first_by_priority((d["plea"] for d in members), PLEA_ORDER) or "unknown",
        sentence,
        int(any(officials)) if officials else None,
        json.dumps(sorted({s["statute"] for s in statutes})),
        json.dumps(sorted({s["category"] for s in statutes if s["category"]})),
        json.dumps(benefits),
        int(violence_charged),
        victims,
    )

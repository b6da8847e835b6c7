"""The ``cases`` table: documents rolled up per court and case number, corrections applied.

It is derived data. Each document's ``case_key`` is kept in ``documents`` (from its effective court and case
number), so a write or a correction rebuilds only the cases it touches. Each field with a ``case`` rule in
the registry is one column:

- ``union``: the distinct values over the case's documents (a JSON list; statutes add their categories);
- ``priority``: the first value of ``order`` found in any document, else ``default``;
- ``first``: the first value found, documents of ``prefer_doc_types`` first;
- ``any``: 1 when any document says true, 0 when they say false, NULL when none says;
- ``any_flag``: 1 when any item has the attribute ``flag`` true; ``count``: the number of items.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterable

from expediente.casedata import case_names
from expediente.casedata.people import rebuild_people
from expediente.casedata.review import refresh_items
from expediente.casedata.schema import CASE_COLUMNS, CATEGORIES, case_columns, quote
from expediente.extractors.fields import DEFENDANTS, DOC_TYPE, MENTIONS, SINGLE, STATUTES, Field, registry
from expediente.extractors.names import same_person

OFFICE_PREFIX = re.compile(r"^\d+:")  # "3:19-cr-01234" and "19-cr-01234" are one case
KEY_FIELDS = ("court_id", "case_number")  # the fields a document's case key is made of


def case_key(court_id: str | None, case_number: str | None, sha256: str) -> str:
    if court_id and case_number:
        return f"{court_id}|{OFFICE_PREFIX.sub('', case_number)}"
    return sha256


def update_case_keys(conn: sqlite3.Connection, shas: Iterable[str] | None = None) -> set[str]:
    """Recompute the documents' case keys from their effective values; the keys before and after.

    A document with a court but no case number (a press release) joins the one case of its court that names
    one of its defendants (the same person by :func:`extractors.names.same_person`); a document that gives a
    case number may so gather the unnumbered documents of its court. Failing that, unnumbered documents of a
    court that name the same defendant are one case (keyed by the first of them).

    With ``shas``, only those documents and the unnumbered documents of their courts (before and after) that
    name one of their defendants (before and after) are looked at, through the ``case_names`` index
    (casedata/case_names.py), which is kept here: the cost does not grow with the dataset. The keys returned
    are those of ``shas`` and of the documents that moved. Without, every document is (the index is rebuilt)."""
    query = "SELECT sha256, case_key, court_id, case_number, status FROM documents_effective"
    if shas is None:
        rows = conn.execute(query).fetchall()
        case_names.index(conn, rows, everything=True)
        given: set[str] | None = None
    else:
        given = set(shas)
        before = case_names.indexed(conn, sorted(given))
        rows = _in(conn, query + " WHERE sha256", sorted(given))
        after = case_names.index(conn, rows)
        # the unnumbered documents whose case these documents may give or take: of their courts, naming them
        near = {
            c["sha256"]
            for court, name in dict.fromkeys([*before, *after])
            for c in case_names.candidates(conn, court, name)
            if c["case_number"] is None
        }
        rows += _in(conn, query + " WHERE sha256", sorted(near - given))
    touched = set()
    for row in rows:
        key = case_key(row["court_id"], row["case_number"], row["sha256"])
        if row["court_id"] and not row["case_number"]:
            key = _case_naming(conn, row["sha256"], row["court_id"]) or _unnumbered_peer(conn, row) or key
        if given is None or row["sha256"] in given or key != row["case_key"]:
            touched.update(k for k in (row["case_key"], key) if k)
        if key != row["case_key"]:
            conn.execute("UPDATE documents SET case_key = ? WHERE sha256 = ?", (key, row["sha256"]))
    return touched


def reindex_names(conn: sqlite3.Connection, shas: list[str]) -> None:
    """Bring the ``case_names`` entries of ``shas`` up to date (their defendants were corrected) without moving
    any document: a decision on a defendant leaves case keys as they are."""
    query = "SELECT sha256, court_id, case_number, status FROM documents_effective WHERE sha256"
    case_names.index(conn, _in(conn, query, shas))


def _names(conn: sqlite3.Connection, sha: str) -> list[str]:
    return [r["name"] for r in conn.execute("SELECT name FROM defendants_effective WHERE sha256 = ?", (sha,))]


def _case_naming(conn: sqlite3.Connection, sha: str, court_id: str) -> str | None:
    """The one numbered case of ``court_id`` naming a defendant of document ``sha``, if exactly one does."""
    keys = {
        case_key(court_id, c["case_number"], "")
        for n in _names(conn, sha)
        for c in case_names.candidates(conn, court_id, n)
        if c["case_number"] is not None and same_person(n, c["name"])
    }
    return keys.pop() if len(keys) == 1 else None


def _unnumbered_peer(conn: sqlite3.Connection, me: sqlite3.Row) -> str | None:
    """The key of the first (by SHA-256) unnumbered document of the same court naming one of the defendants of
    unnumbered document ``me`` (two releases about one case that print no number), when there is one."""
    sha = me["sha256"]
    peers = sorted(
        {
            c["sha256"]
            for n in _names(conn, sha)
            for c in case_names.candidates(conn, me["court_id"], n)
            if c["case_number"] is None and c["sha256"] < sha and same_person(c["name"], n)
        }
    )
    return case_key(None, None, peers[0]) if peers else None


def _in(conn: sqlite3.Connection, query: str, values: list, *params) -> list[sqlite3.Row]:
    """Rows of ``query`` ending in ``... column`` restricted to ``values`` (``params`` bind earlier ``?``)."""
    if not values:
        return []
    return conn.execute(f"{query} IN ({','.join('?' * len(values))})", [*params, *values]).fetchall()


def rebuild_cases(conn: sqlite3.Connection, keys: Iterable[str] | None = None, review: bool = True) -> None:
    """Recompute the cases whose case_key is in ``keys`` (every case when None), their defendants and, with
    ``review``, their documents' review items (a decision that moves no document leaves the queue as it is,
    so that its order holds while annotators work through it). The caller owns the transaction."""
    done = "SELECT * FROM documents_effective WHERE status = 'done'"
    if keys is None:
        for table in ("cases", "case_defendants", "case_defendant_values"):
            conn.execute(f"DELETE FROM {table}")
        docs = conn.execute(done).fetchall()
    else:
        keys = list(keys)
        conn.executemany("DELETE FROM cases WHERE case_key = ?", [(k,) for k in keys])
        docs = _in(conn, done + " AND case_key", keys)
    groups: dict[str, list[sqlite3.Row]] = {k: [] for k in keys or ()}
    for d in docs:
        groups.setdefault(d["case_key"], []).append(d)
    for members in groups.values():  # the case is named by its fullest number ("2:20-cr-00914" over "20-cr-00914")
        members.sort(key=lambda d: (not d["case_number"], not OFFICE_PREFIX.match(d["case_number"] or "")))
    names = [*CASE_COLUMNS, *(name for name, _ in case_columns())]
    columns = ", ".join(quote(n) for n in names)
    sql = f"INSERT INTO cases ({columns}) VALUES ({', '.join('?' * len(names))})"
    for key, members in groups.items():
        if members:
            row = _case_row(conn, key, members)
            conn.execute(sql, [row[n] for n in names])
    rebuild_people(conn, groups)
    if review:
        refresh_items(conn, docs, everything=keys is None)


def _case_row(conn: sqlite3.Connection, key: str, members: list[sqlite3.Row]) -> dict:
    shas = [d["sha256"] for d in members]
    first = members[0]
    row = {
        "case_key": key,
        "court_id": first["court_id"],
        "case_number": first["case_number"],
        "n_documents": len(members),
        "documents": json.dumps(shas),
    }
    for f in registry():
        if f.case is not None:
            row.update(_rolled(conn, f, members, shas))
    return row


def _items(conn: sqlite3.Connection, f: Field, shas: list[str]) -> list[sqlite3.Row]:
    if f.kind == MENTIONS:
        return _in(conn, "SELECT value, attrs FROM mentions_effective WHERE field = ? AND sha256", shas, f.name)
    if f.kind == DEFENDANTS:
        return _in(conn, "SELECT name AS value FROM defendants_effective WHERE sha256", shas)
    if f.kind == STATUTES:
        return _in(conn, "SELECT DISTINCT statute AS value, category FROM charges_effective WHERE sha256", shas)
    raise ValueError(f"no case roll-up for fields of kind {f.kind!r}")


def _rolled(conn: sqlite3.Connection, f: Field, members: list[sqlite3.Row], shas: list[str]) -> dict:
    rule = f.case
    if f.kind == SINGLE:
        values = [d[f.name] for d in members if d[f.name] is not None]
        if rule["rule"] == "union":
            return {f.name: json.dumps(sorted(set(values)))}
        if rule["rule"] == "priority":
            return {f.name: next((v for v in rule["order"] if v in values), rule.get("default"))}
        if rule["rule"] == "first":
            preferred = sorted(members, key=lambda d: d[DOC_TYPE] not in rule.get("prefer_doc_types", ()))
            return {f.name: next((d[f.name] for d in preferred if d[f.name] is not None), None)}
        if rule["rule"] == "any":
            return {f.name: int(any(values)) if values else None}
    items = _items(conn, f, shas)
    if rule["rule"] == "union":
        out = {f.name: json.dumps(sorted({i["value"] for i in items}))}
        if f.kind == STATUTES:
            out[CATEGORIES] = json.dumps(sorted({i["category"] for i in items if i["category"]}))
        return out
    if rule["rule"] == "any_flag":
        return {f.name: int(any(json.loads(i["attrs"] or "{}").get(rule["flag"]) for i in items))}
    if rule["rule"] == "count":
        return {f.name: len(items)}
    raise ValueError(f"{f.name}: case rule {rule['rule']!r} does not apply to a field of kind {f.kind!r}")

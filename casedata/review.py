"""What the review workbench reads: the queue of items to decide, a document's items, progress and disputes.

``review_items`` (schema.py) holds every item the machine found that an annotator can decide on, one row per
stable item key (casedata/keys.py), with what orders the queue:

- ``priority``: ``1 - confidence`` (:data:`UNKNOWN_CONFIDENCE` where the extractor gave none, 0 for a single
  field the machine left empty), plus :data:`CONFLICT_WEIGHT` when its value won a defendant's roll-up over
  other documents of the case that say otherwise (``case_defendants.conflicts``);
- ``bucket``: 0..999 from the item's key, so that a share of the items (``bucket < share * 1000``) is shown to
  two annotators, the same items whoever asks.

It is refreshed with the cases of its documents (:func:`refresh_items`, called by ``rebuild_cases``) when
they are processed or move to another case, so a re-processed document is in the queue at once; a decision
leaves it as it is (conflict flags may then be a decision late). Decisions are never stored here: the queue
reads them from ``corrections``.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass

from expediente.casedata.keys import key_value, row_key
from expediente.extractors.fields import COUNTS, DEFENDANTS, DOC_TYPE, MENTIONS, SINGLE, STATUTES, registry

CONFLICT_WEIGHT = 1.0  # a value the documents of its case disagree on comes before any confidence
UNKNOWN_CONFIDENCE = 0.5  # an item whose extractor gives no confidence
LOW_CONFIDENCE = 0.7  # the queue tags an item under this as "low confidence"
QUEUE_PAGE = 50  # items per queue page
LIVE = "undone_at IS NULL"

# the machine rows of each kind, keyed like the corrections that name them
_SOURCES = {
    SINGLE: "SELECT *, 1 AS single FROM mentions WHERE chosen = 1 AND field = ? AND sha256 IN ({marks})",
    MENTIONS: "SELECT *, 0 AS single FROM mentions WHERE chosen = 0 AND field = ? AND sha256 IN ({marks})",
    DEFENDANTS: "SELECT *, name AS value, 0 AS single FROM defendants WHERE sha256 IN ({marks})",
    COUNTS: "SELECT *, label AS value, 0 AS single FROM counts WHERE sha256 IN ({marks})",
    STATUTES: "SELECT *, statute AS value, 0 AS single FROM charges WHERE sha256 IN ({marks}) ORDER BY id",
}


def reviewable():
    """The fields an annotator decides on item by item (aliases are decided with their defendant)."""
    return [f for f in registry() if f.actions]


def bucket(sha256: str, field: str, key: str) -> int:
    return int(hashlib.sha256(f"{sha256}|{field}|{key}".encode()).hexdigest()[:8], 16) % 1000


def _priority(confidence: float | None, value: str | None, single: bool, conflict: bool) -> float:
    empty = single and value is None
    base = 0.0 if empty else 1.0 - (UNKNOWN_CONFIDENCE if confidence is None else confidence)
    return round(base + (CONFLICT_WEIGHT if conflict else 0.0), 4)


def _conflicts(conn: sqlite3.Connection, case_keys: list[str]) -> set[tuple[str, str]]:
    """(sha256, field) of the values that won a defendant's roll-up over documents of the case saying otherwise."""
    out = set()
    for start in range(0, len(case_keys), 500):
        chunk = case_keys[start : start + 500]
        marks = ",".join("?" * len(chunk))
        rows = conn.execute(f"SELECT conflicts FROM case_defendants WHERE case_key IN ({marks})", chunk)
        for row in rows:
            for conflict in json.loads(row["conflicts"]):
                # the documents whose value won: a person's value rests on them while others say otherwise (a
                # losing document may well be right for its own day: an indictment's "pretrial")
                out.update((sha, conflict["field"]) for sha in conflict["values"][0]["documents"])
    return out


def refresh_items(conn: sqlite3.Connection, docs: Iterable[sqlite3.Row], everything: bool = False) -> None:
    """Rebuild the review items of ``docs`` (rows of documents_effective, as rebuild_cases reads them);
    ``everything``: the table holds nothing else. The caller owns the transaction."""
    docs = [d for d in docs if d["status"] == "done"]
    if everything:
        conn.execute("DELETE FROM review_items")
    for start in range(0, len(docs), 500):
        _refresh_chunk(conn, docs[start : start + 500], delete=not everything)


def _refresh_chunk(conn: sqlite3.Connection, docs: list[sqlite3.Row], delete: bool) -> None:
    shas = [d["sha256"] for d in docs]
    marks = ",".join("?" * len(shas))
    if delete:
        conn.execute(f"DELETE FROM review_items WHERE sha256 IN ({marks})", shas)
    by_sha = {d["sha256"]: d for d in docs}
    conflicts = _conflicts(conn, sorted({d["case_key"] for d in docs if d["case_key"]}))
    rows = []
    for f in reviewable():
        seen = set()
        params = [f.name, *shas] if f.kind in (SINGLE, MENTIONS) else shas
        for r in conn.execute(_SOURCES[f.kind].format(marks=marks), params):
            key = "" if r["single"] else row_key(f.kind, r)
            if (r["sha256"], key) in seen:  # one row per key: a statute charged in two places is one item
                continue
            seen.add((r["sha256"], key))
            doc = by_sha[r["sha256"]]
            conflict = (r["sha256"], f.name) in conflicts
            rows.append(
                (
                    r["sha256"],
                    f.name,
                    key,
                    r["value"],
                    _attributes(f, r),
                    r["page"],
                    r["start"],
                    r["end"],
                    r["text"],
                    r["confidence"],
                    doc["doc_type"],
                    doc["court_id"],
                    doc["case_key"],
                    int(conflict),
                    _priority(r["confidence"], r["value"], bool(r["single"]), conflict),
                    bucket(r["sha256"], f.name, key),
                )
            )
    conn.executemany(
        """INSERT INTO review_items (sha256, field, item_key, value, attrs, page, start, "end", text, confidence,
               doc_type, court_id, case_key, conflict, priority, bucket)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        rows,
    )


def _attributes(f, row: sqlite3.Row) -> str | None:
    """The machine's values of the attributes an annotator may correct (JSON), for the edit form."""
    if not f.attributes:  # only mentions fields have attributes, and their rows carry them
        return None
    attrs = json.loads(row["attrs"] or "{}")
    return json.dumps({name: attrs.get(name) for name in f.attributes})


# --- reading the queue -----------------------------------------------------------------------------------

FILTERS = {  # a queue filter's request name -> its SQL over review_items i (values always bound, never built in)
    "field": "i.field = ?",
    "doc_type": "i.doc_type = ?",
    "court": "i.court_id = ?",
    "case": "i.case_key = ?",
    "defendant": "i.sha256 IN (SELECT sha256 FROM defendants_effective WHERE name LIKE '%' || ? || '%')",
    "document": "i.sha256 = ?",
}

_DECIDED_BY = f"""SELECT COUNT(DISTINCT c.author) FROM corrections c WHERE c.sha256 = i.sha256
    AND c.field = i.field AND c.item_key = i.item_key AND c.action != 'add' AND c.{LIVE}"""
_MINE = f"""EXISTS (SELECT 1 FROM corrections c WHERE c.sha256 = i.sha256 AND c.field = i.field
    AND c.item_key = i.item_key AND c.action != 'add' AND c.{LIVE} AND c.author = ?)"""


@dataclass(frozen=True)
class QueueQuery:
    """Whose queue, which items: ``todo`` (still needing this annotator), ``disputed`` (annotators disagree),
    ``reviewed`` or ``all``."""

    user: str
    filters: tuple[tuple[str, str], ...] = ()
    state: str = "todo"
    double_share: float = 0.0
    offset: int = 0
    limit: int = QUEUE_PAGE


STATES = ("todo", "disputed", "reviewed", "all")  # disputed: annotators' latest decisions differ
ORDER = "i.priority DESC, i.sha256, i.field, i.item_key"  # by content: the same order after any refresh


def queue(conn: sqlite3.Connection, q: QueueQuery) -> list[sqlite3.Row]:
    """A page of the queue, most needing a person first. ``todo``: items this annotator has not decided and
    fewer annotators have decided than the item needs (two for the double-annotated share, else one)."""
    where, params = ["1"], []
    for name, value in q.filters:
        where.append(FILTERS[name])
        params.append(value)
    if q.state == "todo":
        where.append(f"NOT {_MINE}")
        where.append(f"({_DECIDED_BY}) < CASE WHEN i.bucket < ? THEN 2 ELSE 1 END")
        params += [q.user, int(round(q.double_share * 1000))]
    elif q.state == "reviewed":
        where.append(f"({_DECIDED_BY}) > 0")
    elif q.state == "disputed":
        keys = [(d["sha256"], d["field"], d["item_key"]) for d in disputed(conn)]
        where.append(
            f"(i.sha256, i.field, i.item_key) IN (VALUES {', '.join(['(?, ?, ?)'] * len(keys))})" if keys else "0"
        )
        params += [k for key in keys for k in key]
    sql = f"""SELECT i.*, d.file,
           (SELECT c.action FROM corrections c WHERE c.sha256 = i.sha256 AND c.field = i.field
             AND c.item_key = i.item_key AND c.action != 'add' AND c.{LIVE} ORDER BY c.id DESC LIMIT 1) AS decision
        FROM review_items i JOIN documents d ON d.sha256 = i.sha256
        WHERE {" AND ".join(where)} ORDER BY {ORDER} LIMIT ? OFFSET ?"""
    return conn.execute(sql, [*params, q.limit, q.offset]).fetchall()


def progress(conn: sqlite3.Connection) -> list[dict]:
    """Per field: items, items with a live decision, remaining (the decided ones counted from the decisions,
    which are few, each looked up in the queue by its key)."""
    totals = dict(conn.execute("SELECT field, COUNT(*) FROM review_items GROUP BY field").fetchall())
    done = dict(
        conn.execute(
            f"""SELECT c.field, COUNT(DISTINCT c.sha256 || '|' || c.item_key) FROM corrections c
                WHERE c.action != 'add' AND c.{LIVE} AND EXISTS (SELECT 1 FROM review_items i
                    WHERE i.sha256 = c.sha256 AND i.field = c.field AND i.item_key = c.item_key)
                GROUP BY c.field"""
        ).fetchall()
    )
    out = []
    for f in reviewable():
        total = totals.get(f.name, 0)
        out.append({"field": f.name, "title": f.title, "total": total, "reviewed": done.get(f.name, 0)})
        out[-1]["remaining"] = total - out[-1]["reviewed"]
    return out


def facets(conn: sqlite3.Connection) -> dict[str, list[str]]:
    """The values the queue can be filtered by, for the filter menus: the document types of the registry's
    vocabulary, and the courts of the dataset's cases."""
    courts = conn.execute("SELECT DISTINCT court_id FROM cases WHERE court_id IS NOT NULL ORDER BY 1")
    return {"doc_type": list(registry()[DOC_TYPE].vocabulary or ()), "court": [r[0] for r in courts]}


# --- one document --------------------------------------------------------------------------------------


def decisions(conn: sqlite3.Connection, sha256: str) -> list[sqlite3.Row]:
    """Every correction of a document, live and undone, oldest first."""
    return conn.execute("SELECT * FROM corrections WHERE sha256 = ? ORDER BY id", (sha256,)).fetchall()


def document_items(conn: sqlite3.Connection, sha256: str) -> list[dict]:
    """The document's items in registry order, each with its machine value, evidence, the decisions on it
    (latest first, live ones) and the items annotators added."""
    rows = conn.execute("SELECT * FROM review_items WHERE sha256 = ? ORDER BY id", (sha256,)).fetchall()
    live = [c for c in decisions(conn, sha256) if c["undone_at"] is None]
    on: dict[tuple[str, str], list[sqlite3.Row]] = {}
    for c in reversed(live):
        on.setdefault((c["field"], c["item_key"]), []).append(c)
    out = []
    for r in rows:
        made = [c for c in on.get((r["field"], r["item_key"]), []) if c["action"] != "add"]
        out.append({**dict(r), "added": False, "decisions": [dict(c) for c in made]})
    for c in live:
        if c["action"] == "add":
            out.append(
                {
                    "id": None,
                    "sha256": sha256,
                    "field": c["field"],
                    "item_key": c["item_key"],
                    "value": c["value"],
                    "attrs": c["attrs"],
                    "page": c["page"],
                    "start": c["start"],
                    "end": c["end"],
                    "text": c["text"] or c["note"],
                    "confidence": 1.0,
                    "conflict": 0,
                    "priority": 0.0,
                    "added": True,
                    "correction": c["id"],
                    "author": c["author"],
                    "decisions": [],
                }
            )
    order = {f.name: i for i, f in enumerate(registry())}
    out.sort(key=lambda i: (order.get(i["field"], 99), i["added"]))
    return out


def reviewed_documents(conn: sqlite3.Connection) -> list[str]:
    """Documents every item of which has a live decision (and that have items), by SHA-256."""
    rows = conn.execute(
        f"""SELECT i.sha256, MIN(EXISTS (SELECT 1 FROM corrections c WHERE c.sha256 = i.sha256
                AND c.field = i.field AND c.item_key = i.item_key AND c.action != 'add' AND c.{LIVE})) AS all_done
            FROM review_items i GROUP BY i.sha256"""
    ).fetchall()
    return [r["sha256"] for r in rows if r["all_done"]]


def disputed(conn: sqlite3.Connection, limit: int = 200) -> list[dict]:
    """Items whose annotators' latest live decisions differ (an action or a value), for adjudication."""
    rows = conn.execute(
        f"""SELECT c.* FROM corrections c JOIN (
                SELECT sha256, field, item_key FROM corrections WHERE action != 'add' AND {LIVE}
                GROUP BY sha256, field, item_key HAVING COUNT(DISTINCT author) > 1
            ) m USING (sha256, field, item_key)
            WHERE c.action != 'add' AND c.{LIVE} ORDER BY c.id"""
    ).fetchall()
    latest: dict[tuple, dict[str, sqlite3.Row]] = {}
    for c in rows:
        latest.setdefault((c["sha256"], c["field"], c["item_key"]), {})[c["author"]] = c
    out = []
    for (sha, field, key), by_author in latest.items():
        said = {(c["action"], c["value"] if c["action"] == "set" else None) for c in by_author.values()}
        if len(said) > 1:
            out.append({"sha256": sha, "field": field, "item_key": key, "by": by_author})
        if len(out) >= limit:
            break
    return out


def annotator_labels(conn: sqlite3.Connection) -> dict[str, dict[tuple, str]]:
    """Each annotator's latest live decision on each item, as one label: 'accept', 'reject' or 'set:VALUE'."""
    out: dict[str, dict[tuple, str]] = {}
    for c in conn.execute(f"SELECT * FROM corrections WHERE action != 'add' AND {LIVE} AND author != '' ORDER BY id"):
        label = f"set:{c['value']}" if c["action"] == "set" else c["action"]
        out.setdefault(c["author"], {})[(c["sha256"], c["field"], c["item_key"])] = label
    return out


def annotator_spans(conn: sqlite3.Connection) -> dict[str, dict[tuple[str, str], list[tuple]]]:
    """Per annotator, per (document, mentions field) they decided on: the spans they hold present, as (value,
    page, start, end): machine items whose latest decision accepts or sets them, and the items they added."""
    fields = [f.name for f in registry().of_kind(MENTIONS)]
    rows = conn.execute(
        f"""SELECT c.*, i.page AS item_page, i.start AS item_start, i."end" AS item_end FROM corrections c
            LEFT JOIN review_items i ON i.sha256 = c.sha256 AND i.field = c.field AND i.item_key = c.item_key
            WHERE c.{LIVE} AND c.author != '' AND c.field IN ({",".join("?" * len(fields))}) ORDER BY c.id""",
        fields,
    )
    latest: dict[tuple, sqlite3.Row] = {}
    added = []
    for c in rows:
        if c["action"] == "add":
            added.append(c)
        else:
            latest[(c["author"], c["sha256"], c["field"], c["item_key"])] = c
    out: dict[str, dict[tuple[str, str], list[tuple]]] = {}
    for (author, sha, field, key), c in latest.items():
        spans = out.setdefault(author, {}).setdefault((sha, field), [])
        if c["action"] in ("accept", "set") and c["item_page"] is not None:
            value = c["value"] if c["action"] == "set" else key_value(MENTIONS, key)
            spans.append((value, c["item_page"], c["item_start"], c["item_end"]))
    for c in added:
        out.setdefault(c["author"], {}).setdefault((c["sha256"], c["field"]), []).append(
            (c["value"], c["page"], c["start"], c["end"])
        )
    return out

"""Defendants in cases: what each document says about each person it names, and one row per person and case.

**Per document** (:func:`document_people`): every defendant the document names (``defendants_effective``)
gets what the document says about them, for each field with a ``person`` rule in the registry. A value found
for a named person (``attrs["defendant"]``, or the names a count gives in ``defendants``) goes to that person;
an unattributed value goes to the document's only defendant, or, in a document naming several, to all of them
for a ``shared`` field and to nobody otherwise: co-defendants never inherit another's outcome. A single field
takes the best of the person's values by the field's roll-up rules (:func:`extractors.rollup.choose`); an
annotator's correction of the document's value stands for its subject.

**Per case** (:func:`rebuild_people`): the persons of a case's documents are clustered by name
(:func:`extractors.names.same_person`: accents, case and punctuation aside; a maternal surname dropped; a surname
alone; an alias), and each field rolls up by its rule: ``precedence`` takes a value a document states over one its
type only implies, then the value of the most authoritative document (``person.authority`` in fields.json), the
later one among equals, and records the documents that disagree in ``conflicts``; ``earliest`` the earliest value
(of the ``doc_types`` documents); ``union``, ``any``, ``any_flag`` and ``count`` combine. ``case_defendants`` holds
a row per person and case, ``case_defendant_values`` every value a document gave, with its evidence and whether it
won.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from expediente.casedata.schema import CATEGORIES, person_columns, person_companions, quote
from expediente.extractors.fields import MENTIONS, SINGLE, STATUTES, Field, registry
from expediente.extractors.names import name_tokens, same_person
from expediente.extractors.rollup import IMPLIED_BY, choose, named_defendants

EVIDENCE = ("page", "start", "end", "text", "confidence")


@dataclass
class Item:
    """One value a document gives for a field, with its evidence (the shape roll-up rules read)."""

    value: Any
    confidence: float
    attrs: dict
    evidence: dict

    @property
    def start(self) -> int:
        return self.evidence.get("start") or 0


@dataclass
class Value:
    """What one document says of one person for one field (``value`` None: nothing)."""

    value: Any
    items: list[Item] = field(default_factory=list)
    extra: dict = field(default_factory=dict)  # companion columns: office, violence_described, charge_categories


@dataclass
class DocPerson:
    name: str
    aliases: tuple[str, ...]
    values: dict[str, Value] = field(default_factory=dict)
    items: dict[str, list[Item]] = field(default_factory=dict)

    def matches(self, name: str) -> bool:
        return same_person(name, self.name, (), self.aliases)


def _item(row: sqlite3.Row, value: Any, attrs: dict | None = None, confidence: float | None = None) -> Item:
    evidence = {k: row[k] for k in EVIDENCE if k in row.keys()}  # noqa: SIM118 (a Row's `in` looks at values)
    conf = confidence if confidence is not None else (row["confidence"] or 0.0)
    return Item(value, float(conf), attrs if attrs is not None else json.loads(row["attrs"] or "{}"), evidence)


def _items(conn: sqlite3.Connection, f: Field, sha: str) -> list[Item]:
    """Every value of field ``f`` in the document, corrections applied."""
    if f.kind == SINGLE:
        chosen = conn.execute("SELECT * FROM values_effective WHERE sha256 = ? AND field = ?", (sha, f.name)).fetchone()
        if chosen is not None and chosen["corrected"]:
            return [_item(chosen, chosen["value"], {}, 1.0)]  # an annotator's value stands for the subject
        rows = conn.execute(
            "SELECT * FROM mentions WHERE sha256 = ? AND field = ? AND value IS NOT NULL ORDER BY id", (sha, f.name)
        )
        # a default no span supports ("unknown") says nothing about a person
        return [_item(r, r["value"]) for r in rows if not (r["page"] is None and r["value"] == f.default)]
    if f.kind == MENTIONS:
        rows = conn.execute("SELECT * FROM mentions_effective WHERE sha256 = ? AND field = ?", (sha, f.name))
        return [_item(r, r["value"]) for r in rows]
    if f.kind == STATUTES:
        # the count's defendants looked up apart: a join of the two views would build one of them whole
        names = {
            r["label"]: r["defendants"] for r in conn.execute("SELECT * FROM counts_effective WHERE sha256 = ?", (sha,))
        }
        rows = conn.execute("SELECT * FROM charges_effective WHERE sha256 = ?", (sha,))
        return [
            _item(
                r,
                r["statute"],
                {"defendants": json.loads(names.get(r["count_label"]) or "[]"), "category": r["category"]},
            )
            for r in rows
        ]
    raise ValueError(f"{f.name}: no person values for a field of kind {f.kind!r}")


def _targets(f: Field, item: Item, people: list[DocPerson]) -> list[DocPerson]:
    named = named_defendants(item.attrs)
    if named:
        return [p for p in people if any(p.matches(n) for n in named)]
    # the document's only defendant; all of them for a shared field, a value implied by the document's type
    # (an indictment's defendants are all pretrial) or a shared value (sealed); else nobody: co-defendants
    # never inherit an outcome
    rule = f.person or {}
    if (
        len(people) == 1
        or rule.get("shared")
        or item.attrs.get(IMPLIED_BY)
        or item.value in rule.get("shared_values", ())
    ):
        return people
    return []


def _per_document(f: Field, items: list[Item], doc_type: str | None) -> Value:
    """One person's value of ``f`` in one document, from the items that are theirs."""
    rule = f.person["rule"]
    if not items:
        return Value(None)
    if rule in ("precedence", "earliest"):
        # what the document says of the person by name, before what it says of all its defendants
        items = [i for i in items if named_defendants(i.attrs)] or items
        best = choose(f, items, doc_type) if f.kind == SINGLE else max(items, key=lambda i: i.confidence)
        return Value(best.value, [best]) if best is not None else Value(None)
    if rule == "union":
        extra = {}
        if f.kind == STATUTES:
            extra[CATEGORIES] = sorted({i.attrs["category"] for i in items if i.attrs.get("category")})
        return Value(list(dict.fromkeys(i.value for i in items)), items, extra)
    if rule == "any":
        yes = [i for i in items if i.value == "true"]
        attr = f.person.get("attr")
        extra = {attr: yes[0].attrs.get(attr)} if attr and yes else {}
        return Value(bool(yes), yes or items[:1], extra)
    if rule == "any_flag":
        flag, unflagged = f.person["flag"], f.person.get("unflagged")
        flagged = [i for i in items if i.attrs.get(flag)]
        extra = {unflagged: any(not i.attrs.get(flag) for i in items)} if unflagged else {}
        return Value(bool(flagged), flagged or items, extra)
    return Value(len(items), items)  # count


def document_people(conn: sqlite3.Connection, doc: sqlite3.Row) -> list[DocPerson]:
    """Each defendant the document names, with what the document says about them."""
    sha = doc["sha256"]
    rows = conn.execute(
        "SELECT name, aliases FROM defendants_effective WHERE sha256 = ? ORDER BY id IS NULL, id", (sha,)
    ).fetchall()
    people: list[DocPerson] = []
    for r in rows:
        if not any(p.matches(r["name"]) for p in people):
            people.append(DocPerson(r["name"], tuple(json.loads(r["aliases"] or "[]"))))
    for f in registry().of_person():
        for item in _items(conn, f, sha):
            for p in _targets(f, item, people):
                p.items.setdefault(f.name, []).append(item)
        for p in people:
            p.values[f.name] = _per_document(f, p.items.get(f.name, []), doc["doc_type"])
    return people


# --- one person's object (the export's people, the defendant export) ---------------------------------------


def _shown(f: Field, value: Any) -> Any:
    """A person's value as exported: months as integers, other sentences and labels as text, lists as lists."""
    if value is None or isinstance(value, list | bool | int):
        return value
    return f.type.person_export(value)


def person_object(values: dict[str, Value]) -> dict:
    """The person keys of every field with a person rule (nested in their ``group``), companions after them."""
    out: dict = {}
    for f in registry().of_person():
        v = values.get(f.name, Value(None))
        target = out.setdefault(f.person["group"], {}) if f.person.get("group") else out
        target[f.person_key] = _shown(f, v.value) if v.value is not None else _empty(f)
        for name, _ in person_companions(f):
            out[name] = v.extra.get(name, [] if name == CATEGORIES else None)
    return out


def _empty(f: Field) -> Any:
    return [] if f.person["rule"] == "union" else f.default if f.person["rule"] == "precedence" else None


def defendant_object(row: sqlite3.Row) -> dict:
    """One row of case_defendants as the defendant export writes it."""
    out: dict = {
        "court_id": row["court_id"],
        "case_number": row["case_number"],
        "defendant": row["defendant"],
        "aliases": json.loads(row["aliases"]),
    }
    for f in registry().of_person():
        target = out.setdefault(f.person["group"], {}) if f.person.get("group") else out
        target[f.person_key] = _column_value(f.person["rule"], row[f.person_column])
        for name, kind in person_companions(f):
            out[name] = _column_value("union" if name == CATEGORIES else kind, row[name])
    out["documents"] = json.loads(row["documents"])
    out["conflicts"] = json.loads(row["conflicts"])
    return out


def empty_row() -> dict:
    """A case_defendants row with no values (the keys of a defendant object without a defendant)."""
    row: dict = {"court_id": None, "case_number": None, "defendant": None}
    row |= {"aliases": "[]", "documents": "[]", "conflicts": "[]"}
    return row | {name: None for name, _ in person_columns()}


def _column_value(rule: str, value: Any) -> Any:
    if rule == "union":
        return json.loads(value) if value else []
    if rule in ("any", "any_flag", "INTEGER"):
        return None if value is None else bool(value)
    return value


def document_people_objects(conn: sqlite3.Connection, doc: sqlite3.Row) -> list[dict]:
    """The export's ``people``: one object per defendant of the document."""
    return [{"name": p.name, "aliases": list(p.aliases), **person_object(p.values)} for p in document_people(conn, doc)]


# --- the case: persons clustered, values rolled up ------------------------------------------------------------


@dataclass
class Person:
    names: list[str]
    aliases: list[str]
    mentions: list[tuple[sqlite3.Row, DocPerson]] = field(default_factory=list)  # (document, what it says)

    @property
    def display(self) -> str:
        # the fullest name: most words, then accents kept (OCR and ASCII-only filings drop them), then the longer
        return max(self.names, key=lambda n: (len(name_tokens(n)), not n.isascii(), len(n), not n.isupper()))

    @property
    def key(self) -> str:
        return " ".join(name_tokens(self.display))

    def matches(self, p: DocPerson) -> bool:
        return any(same_person(p.name, n, p.aliases, tuple(self.aliases)) for n in self.names)


def cluster(documents: Iterable[tuple[sqlite3.Row, list[DocPerson]]]) -> list[Person]:
    """The persons of a case: each document's defendants joined to the first person their name matches."""
    persons: list[Person] = []
    for doc, people in documents:
        for p in people:
            into = next((q for q in persons if q.matches(p)), None)
            if into is None:
                into = Person([], [])
                persons.append(into)
            into.names.append(p.name)
            into.aliases += [a for a in p.aliases if a not in into.aliases]
            into.mentions.append((doc, p))
    return persons


def _doc_date(doc: sqlite3.Row) -> str:
    field_name = registry().date_field
    return (doc[field_name] if field_name and doc[field_name] else "") or ""


def _rolled(f: Field, person: Person) -> tuple[Value, list[tuple[sqlite3.Row, Value]], list[dict]]:
    """(the person's value, the documents' values with the winner first, the conflicts) of field ``f``."""
    rule = f.person["rule"]
    said = [(doc, p.values[f.name]) for doc, p in person.mentions if p.values[f.name].items]
    if rule == "precedence":
        given = [(doc, v) for doc, v in said if v.value is not None]
        if not given:  # nothing said of the person: the field's default ("unknown"), else null
            return Value(f.default), [], []
        # a value a document states before one its type only implies (an indictment's "pretrial"), then the
        # most authoritative document, the later one among equals, then the more confident value
        ranked = sorted(
            given,
            key=lambda dv: (
                _implied(dv[1]),
                registry().rank(dv[0]["doc_type"]),
                _later_first(dv[0]),
                -_confidence(dv[1]),
            ),
        )
        return ranked[0][1], ranked, _conflicts(f, ranked)
    if rule == "earliest":
        kinds = f.person.get("doc_types")
        ranked = sorted(
            ((doc, v) for doc, v in said if v.value is not None and (not kinds or doc["doc_type"] in kinds)),
            key=lambda dv: str(dv[1].value),
        )
        return (ranked[0][1] if ranked else Value(None)), ranked, []
    if rule == "union":
        extra = {}
        for _, v in said:
            for key, more in v.extra.items():
                extra[key] = sorted(set(extra.get(key, [])) | set(more))
        return Value(sorted({x for _, v in said for x in v.value}), extra=extra), said, []
    if rule == "count":
        return Value(max((v.value for _, v in said), default=0)), said, []
    extra: dict = {}  # any, any_flag: one document saying so is enough
    for _, v in said:
        for key, more in v.extra.items():
            extra[key] = extra.get(key) or more
    if not said:  # named in the case's documents, and none says so
        return Value(False), [], []
    return Value(any(v.value for _, v in said), extra=extra), said, []


def _conflicts(f: Field, ranked: list[tuple[sqlite3.Row, Value]]) -> list[dict]:
    """The documents' disagreeing values of a precedence field (none when they all agree)."""
    values: dict[str, dict] = {}
    for doc, v in ranked:
        entry = values.setdefault(json.dumps(v.value), {"value": v.value, "documents": []})
        entry["documents"].append(doc["sha256"])
    if len(values) < 2:
        return []
    return [{"field": f.name, "chosen": ranked[0][1].value, "values": list(values.values())}]


def _later_first(doc: sqlite3.Row) -> tuple:
    """Sorts documents with later dates first, undated last (ISO dates compare as text)."""
    date_text = _doc_date(doc)
    return (0, tuple(-ord(c) for c in date_text)) if date_text else (1, ())


def _implied(v: Value) -> bool:
    return all(i.attrs.get(IMPLIED_BY) for i in v.items)


def _confidence(v: Value) -> float:
    return max((i.confidence for i in v.items), default=0.0)


def rebuild_people(conn: sqlite3.Connection, cases: dict[str, list[sqlite3.Row]]) -> None:
    """Recompute ``case_defendants`` and ``case_defendant_values`` of ``cases`` (case_key -> its documents)."""
    for key in cases:
        conn.execute("DELETE FROM case_defendants WHERE case_key = ?", (key,))
        conn.execute("DELETE FROM case_defendant_values WHERE case_key = ?", (key,))
    columns = person_columns()
    names = ["case_key", "person", "defendant", "aliases", "court_id", "case_number", "n_documents", "documents"]
    names += [*(c for c, _ in columns), "conflicts"]
    marks = ", ".join("?" * len(names))
    insert = f"INSERT INTO case_defendants ({', '.join(quote(n) for n in names)}) VALUES ({marks})"
    for key, docs in cases.items():
        persons = cluster((doc, document_people(conn, doc)) for doc in docs)
        keys_used: set[str] = set()
        for person in persons:
            pkey = _unique(person.key, keys_used)
            row, value_rows = _person_row(key, pkey, person, docs[0])
            conn.execute(insert, [_cell(row.get(n)) for n in names])
            conn.executemany(
                """INSERT INTO case_defendant_values (case_key, person, field, value, sha256, doc_type, doc_date,
                       chosen, page, start, "end", text, confidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                value_rows,
            )


def _unique(key: str, used: set[str]) -> str:
    n, out = 1, key
    while out in used:
        n += 1
        out = f"{key} ({n})"
    used.add(out)
    return out


def _cell(value: Any) -> Any:
    return json.dumps(value, ensure_ascii=False) if isinstance(value, list | dict) else value


def _person_row(case_key: str, pkey: str, person: Person, first: sqlite3.Row) -> tuple[dict, list[tuple]]:
    shas = list(dict.fromkeys(doc["sha256"] for doc, _ in person.mentions))
    row: dict = {
        "case_key": case_key,
        "person": pkey,
        "defendant": person.display,
        "aliases": person.aliases,
        "court_id": first["court_id"],
        "case_number": first["case_number"],
        "n_documents": len(shas),
        "documents": shas,
    }
    conflicts: list[dict] = []
    value_rows: list[tuple] = []
    for f in registry().of_person():
        value, ranked, disagreements = _rolled(f, person)
        conflicts += disagreements
        row[f.person_column] = _stored(f, value.value)
        for name, _ in person_companions(f):
            extra = value.extra.get(name)
            row[name] = int(extra) if isinstance(extra, bool) else extra
        for i, (doc, v) in enumerate(ranked):
            ev = v.items[0].evidence if v.items else {}
            chosen = int(f.person["rule"] not in ("precedence", "earliest") or i == 0)
            value_rows.append(
                (case_key, pkey, f.name, _cell(v.value), doc["sha256"], doc["doc_type"], _doc_date(doc) or None, chosen)
                + tuple(ev.get(k) for k in EVIDENCE)
            )
    row["conflicts"] = conflicts
    return row, value_rows


def _stored(f: Field, value: Any) -> Any:
    """A rolled-up value in its ``case_defendants`` column (SQL types as in the views)."""
    if isinstance(value, bool):
        return int(value)
    if value is None or isinstance(value, list | int):
        return value
    return f.type.person_export(value)

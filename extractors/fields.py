"""The field registry: each field of a document declared once (``data/fields.json``), everything else derived.

A :class:`Field` says what a field is (its one name, kind, type and vocabulary), how findings roll up into
it, how it is exported, corrected, rolled up over a case and scored. The roll-up (:mod:`extractors.rollup`),
the dataset (tables, effective views, corrections, export, cases, stats: :mod:`casedata`), ``show`` and the
evaluation (:mod:`annotations`) read the registry instead of naming fields themselves.

Kinds:

- ``single``: one value per document (``doc_type``, ``custody``...), the best finding, else a default;
- ``mentions``: every span found, each with a label (``benefits``, ``victims``...);
- structured kinds with their own tables: ``defendants`` (and their ``aliases``), ``counts``, ``statutes``.

Types (:data:`TYPES`) check and normalise a value typed by a person (a correction, a gold label), and turn a
stored value (always text) into its export value.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import MISSING, dataclass, field
from dataclasses import fields as declared_attributes
from datetime import date
from typing import Any

from expediente.corpus.errors import ExpedienteError
from expediente.extractors import case_numbers, citations, courts
from expediente.extractors.patterns import load_json

REGISTRY_FILE = "fields.json"
SINGLE, MENTIONS = "single", "mentions"
DEFENDANTS, ALIASES, COUNTS, STATUTES = "defendants", "aliases", "counts", "statutes"
KINDS = (SINGLE, MENTIONS, DEFENDANTS, ALIASES, COUNTS, STATUTES)
DOC_TYPE = "doc_type"  # the single field other fields' rules depend on (declared first in fields.json)
# what an annotator can do to each kind (aliases are corrected through their defendant); rejecting a single
# field's value leaves the document without one (its default, where the field has one)
ACTIONS = {
    SINGLE: ("accept", "reject", "set"),
    MENTIONS: ("accept", "reject", "set", "add"),
    DEFENDANTS: ("accept", "reject", "set", "add"),
    ALIASES: (),
    COUNTS: ("accept", "reject", "set", "add"),
    STATUTES: ("accept", "reject", "set", "add"),
}
SCORES = ("exact", "compact", "int", "bool", "names", "folded", "statutes", "spans")
CASE_RULES = ("union", "priority", "first", "any", "any_flag", "count")
# how a field rolls up for a person over the documents of a case (casedata/people.py)
PERSON_RULES = ("precedence", "earliest", "union", "any", "any_flag", "count")
EXPORT_SHAPES = ("labels", "spans", "items")


class FieldValueError(ExpedienteError):
    """A value that does not fit its field's type or vocabulary (the door that took it gives the exit code)."""

    reason = "field_value"


class RegistryError(ExpedienteError):
    """fields.json declares something the code does not know (an installation problem: no code of its own)."""

    reason = "registry"


# --- types ---------------------------------------------------------------------------------------------

_MONTHS = re.compile(r"^(?P<n>\d{1,4})(?:\s*months?)?$")
_COUNT = re.compile(r"^\d{1,3}[a-z]{0,4}$")
_TRUE, _FALSE = ("true", "yes", "1"), ("false", "no", "0")


@dataclass(frozen=True)
class FieldType:
    """How a value of a field is checked, exported and shown in SQL views (values are stored as text)."""

    name: str
    words: str  # what a valid value is, for messages
    parse: Callable[[Field, str], str]  # a typed value -> its stored form, or FieldValueError
    export: Callable[[str | None], Any] = lambda v: v
    sql: str = "{v}"  # the view column from the stored text {v}
    gold: str = "str_or_null"  # the gold-label type of a single field of this type
    companion: str | None = None  # a second export key this type derives (the court's name)
    person_export: Callable[[str], Any] = lambda v: v  # a stored value in a person's object (casedata/people.py)


def _label(f: Field, raw: str) -> str:
    value = raw.strip()
    if f.vocabulary is None:
        return _text(f, value)
    match = next((v for v in f.vocabulary if v.casefold() == value.casefold()), None)
    if match is None:
        raise FieldValueError(f"{f.name}: {raw!r} is not one of {', '.join(f.vocabulary)}")
    return match


def _text(f: Field, raw: str) -> str:
    value = " ".join(raw.split())
    if not value or not any(c.isalnum() for c in value) or len(value) > 300:
        raise FieldValueError(f"{f.name}: {raw!r} is not {f.type.words}")
    return value


def _court_id(f: Field, raw: str) -> str:
    value = raw.strip().casefold()
    if courts.name_of(value) is None:
        raise FieldValueError(f"{f.name}: {raw!r} is not a courts-db court id (e.g. casd, nysd, txwd)")
    return value


def _case_number(f: Field, raw: str) -> str:
    found = case_numbers.find(raw)
    if not found or found[0].key is None:
        raise FieldValueError(f"{f.name}: {raw!r} is not a case number (e.g. 3:19-cr-01234 or 19-cr-1234)")
    return found[0].normalised


def _sentence(f: Field, raw: str) -> str:
    value = " ".join(raw.strip().casefold().split())
    if value in ("life", "time served"):
        return value
    m = _MONTHS.match(value)
    if m is None:
        raise FieldValueError(f"{f.name}: {raw!r} is not {f.type.words}")
    return str(int(m["n"]))


def _bool(f: Field, raw: str) -> str:
    value = raw.strip().casefold()
    if value in _TRUE:
        return "true"
    if value in _FALSE:
        return "false"
    raise FieldValueError(f"{f.name}: {raw!r} is not {f.type.words}")


def _count(f: Field, raw: str) -> str:
    value = raw.strip().casefold()
    if not _COUNT.match(value):
        raise FieldValueError(f"{f.name}: {raw!r} is not {f.type.words}")
    return value


def _statute(f: Field, raw: str) -> str:
    value = citations.normalize_citation(raw)
    if value is None:
        raise FieldValueError(f"{f.name}: {raw!r} is not {f.type.words}")
    return value


_MONTH_NAMES = {
    m: i for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)
}
_DATE_FORMS = (
    re.compile(r"^(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})$"),
    re.compile(r"^(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>\d{2}|\d{4})$"),
    re.compile(r"^(?P<mon>[a-z]{3})[a-z]*\.?\s+(?P<d>\d{1,2}),?\s+(?P<y>\d{4})$"),
    re.compile(r"^(?P<d>\d{1,2})\s+(?P<mon>[a-z]{3})[a-z]*\.?,?\s+(?P<y>\d{4})$"),
)


def iso_date(raw: str) -> str | None:
    """'06/12/21', 'June 12, 2021', '12 June 2021' or '2021-06-12' as '2021-06-12'; None when not a date."""
    text = " ".join(raw.strip().casefold().split())
    for form in _DATE_FORMS:
        m = form.match(text)
        if m is None:
            continue
        month = _MONTH_NAMES.get(m["mon"]) if "mon" in m.groupdict() else int(m["m"])
        year = int(m["y"]) + (2000 if len(m["y"]) == 2 and int(m["y"]) < 70 else 1900 if len(m["y"]) == 2 else 0)
        try:
            return date(year, month or 0, int(m["d"])).isoformat()
        except ValueError:
            return None
    return None


def _date(f: Field, raw: str) -> str:
    value = iso_date(raw)
    if value is None:
        raise FieldValueError(f"{f.name}: {raw!r} is not {f.type.words}")
    return value


def _months(value: str | None) -> int | None:
    return int(value) if value is not None and value.isdigit() else None


TYPES = {
    t.name: t
    for t in (
        FieldType("label", "one of the field's labels", _label),
        FieldType("text", "a short text", _text),
        FieldType("name", "a person's name", _text),
        FieldType("court_id", "a courts-db court id", _court_id, companion="court"),
        FieldType("case_number", "a case number", _case_number),
        FieldType(
            "sentence",
            "a whole number of months, 'life' or 'time served'",
            _sentence,
            export=_months,
            # months as integers; 'life' and 'time served' stay text (SQLite keeps each value's own type)
            sql="CASE WHEN {v} GLOB '[0-9]*' AND {v} NOT GLOB '*[^0-9]*' THEN CAST({v} AS INTEGER) ELSE {v} END",
            gold="int_or_null",
            # for a person: months, or the text "life", "time served", "probation" (never null for a sentence)
            person_export=lambda v: int(v) if v.isdigit() else v,
        ),
        FieldType(
            "bool",
            "true or false",
            _bool,
            export=lambda v: v == "true",
            sql="CASE {v} WHEN 'true' THEN 1 WHEN 'false' THEN 0 END",
            gold="bool_or_null",
        ),
        FieldType("count", "a count label such as 1, 2 or 3s", _count),
        FieldType("statute", "a U.S.C. citation such as '21 U.S.C. § 841(a)(1)'", _statute),
        FieldType("date", "a date (2021-06-12, 06/12/2021 or June 12, 2021)", _date),
    )
}


# --- fields ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Field:
    name: str
    title: str
    kind: str
    finding: str
    type: FieldType
    score: str
    min_confidence: float = 0.0
    vocabulary: tuple[str, ...] | None = None
    default: str | None = None
    default_by_doc_type: dict[str, tuple[str, ...]] = field(default_factory=dict)
    rollup: dict = field(default_factory=dict)
    export: dict = field(default_factory=dict)
    case: dict | None = None
    gold_required: bool = False
    out_of_scope: bool = False
    stats: bool = False  # `stats` shows its distribution
    person: dict | None = None  # how the field rolls up for a defendant in a case (fields.json _doc)

    @property
    def person_key(self) -> str:
        """Its key in a person's object: ``person.key`` where the declaration renames it, else its name."""
        return (self.person or {}).get("key", self.name)

    @property
    def person_column(self) -> str:
        """Its column in case_defendants: its person key, or its name when the key is nested in a group."""
        return self.name if (self.person or {}).get("group") else self.person_key

    @property
    def actions(self) -> tuple[str, ...]:
        return ACTIONS[self.kind]

    @property
    def attributes(self) -> dict[str, str]:
        """The attributes an annotator may correct on an item, by name: ``flag`` (true or false: the flags the
        field exports) or ``text`` (the texts it exports, such as a drug's quantity)."""
        return {name: "flag" for name in self.export.get("flags", [])} | {
            name: "text" for name in self.export.get("attrs", [])
        }

    def parse_attributes(self, raw: dict | None) -> dict | None:
        """Attributes a person gave, checked against :attr:`attributes` (FieldValueError saying what fits)."""
        if raw is None:
            return None
        allowed = self.attributes
        if not isinstance(raw, dict) or set(raw) - set(allowed):
            names = ", ".join(allowed) or "none"
            raise FieldValueError(f"{self.name}: its attributes are {names}, not {raw!r}")
        out = {}
        for name, value in raw.items():
            if allowed[name] == "flag" and not isinstance(value, bool):
                raise FieldValueError(f"{self.name}: {name} is true or false, not {value!r}")
            if allowed[name] == "text" and value is not None and (not isinstance(value, str) or len(value) > 300):
                raise FieldValueError(f"{self.name}: {name} is a short text, not {value!r}")
            out[name] = " ".join(value.split()) or None if isinstance(value, str) else value
        return out

    def parse(self, raw: str | None) -> str:
        """The stored form of a value a person typed, or FieldValueError saying what is expected."""
        if raw is None or not str(raw).strip():
            raise FieldValueError(f"{self.name}: a value is needed ({self.expects()})")
        return self.type.parse(self, str(raw))

    def expects(self) -> str:
        if self.vocabulary:
            return "one of " + ", ".join(self.vocabulary)
        return self.type.words

    def export_value(self, value: str | None) -> Any:
        if value is None and self.default is not None:
            value = self.default
        return self.type.export(value)


def _field(spec: dict) -> Field:
    spec = dict(spec)
    attributes = declared_attributes(Field)
    unknown = sorted(set(spec) - {a.name for a in attributes})
    required = (a.name for a in attributes if a.default is MISSING and a.default_factory is MISSING)
    missing = sorted(name for name in required if name not in spec)
    if unknown or missing:
        raise RegistryError(f"{REGISTRY_FILE}: field {spec.get('name')!r} has unknown keys {unknown}, lacks {missing}")
    try:
        spec["type"] = TYPES[spec["type"]]
    except KeyError as exc:
        raise RegistryError(f"{REGISTRY_FILE}: field {spec.get('name')!r} has unknown type {exc}") from exc
    if "vocabulary" in spec:
        spec["vocabulary"] = tuple(spec["vocabulary"])
    spec["default_by_doc_type"] = {k: tuple(v) for k, v in spec.get("default_by_doc_type", {}).items()}
    f = Field(**spec)
    checks = {
        f"kind {f.kind!r}": f.kind in KINDS,
        f"score {f.score!r}": f.score in SCORES,
        f"case rule {f.case!r}": f.case is None or f.case.get("rule") in CASE_RULES,
        f"export {f.export!r}": f.export.get("shape") in EXPORT_SHAPES if (f.export or f.kind == MENTIONS) else True,
        f"default {f.default!r}": not (f.vocabulary and f.default and f.default not in f.vocabulary),
        f"person rule {f.person!r}": f.person is None or f.person.get("rule") in PERSON_RULES,
    }
    problems = [what for what, ok in checks.items() if not ok]
    if problems:
        raise RegistryError(f"{REGISTRY_FILE}: field {f.name!r} has an invalid " + "; ".join(problems))
    return f


@dataclass(frozen=True)
class Registry:
    fields: tuple[Field, ...]
    fingerprint: str  # changes when any declaration does: derived tables and views are rebuilt
    authority: tuple[str, ...] = ()  # document types, most authoritative first, for a person's values
    date_field: str | None = None  # the single field dating a document (the later of two equals wins)

    def rank(self, doc_type: str | None) -> int:
        """A document type's place in the authority order (unknown types last)."""
        return self.authority.index(doc_type) if doc_type in self.authority else len(self.authority)

    def of_person(self) -> tuple[Field, ...]:
        """The fields with a person rule, in registry order."""
        return tuple(f for f in self.fields if f.person is not None)

    def __getitem__(self, name: str) -> Field:
        for f in self.fields:
            if f.name == name:
                return f
        raise KeyError(name)

    def __contains__(self, name: object) -> bool:
        return any(f.name == name for f in self.fields)

    def __iter__(self) -> Iterator[Field]:
        return iter(self.fields)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)

    def of_kind(self, *kinds: str) -> tuple[Field, ...]:
        return tuple(f for f in self.fields if f.kind in kinds)

    def one(self, kind: str) -> Field:
        """The field of a structured kind (there is one of each)."""
        (found,) = self.of_kind(kind)
        return found

    def export_keys(self) -> tuple[str, ...]:
        keys = ["file", "sha256"]
        for f in self.fields:
            keys.append(f.name)
            if f.type.companion:
                keys.append(f.type.companion)
        return tuple(keys)


def build(declarations: list[dict], person: dict | None = None) -> Registry:
    """The registry of ``declarations``, with ``person`` (authority order, date field; default: the shipped)."""
    person = person if person is not None else load_json(REGISTRY_FILE)["person"]
    fields = tuple(_field(spec) for spec in declarations)
    names = [f.name for f in fields]
    dupes = sorted({n for n in names if names.count(n) > 1})
    if dupes:
        raise RegistryError(f"{REGISTRY_FILE}: fields declared twice: {dupes}")
    singles = [f.name for f in fields if f.kind == SINGLE]
    if not singles or singles[0] != DOC_TYPE:
        raise RegistryError(f"{REGISTRY_FILE}: {DOC_TYPE!r} must be the first single field (other rules read it)")
    for kind in (DEFENDANTS, ALIASES, COUNTS, STATUTES):
        if sum(f.kind == kind for f in fields) != 1:
            raise RegistryError(f"{REGISTRY_FILE}: exactly one field of kind {kind!r} is needed")
    blob = json.dumps([declarations, person], sort_keys=True).encode()
    date_field = person.get("date_field")
    return Registry(
        fields,
        hashlib.sha256(blob).hexdigest()[:16],
        tuple(person.get("authority", ())),
        date_field if date_field in names else None,
    )


_active: list[Registry] = []


def registry() -> Registry:
    """The registry in use: the shipped declarations, unless a test swapped them with :func:`use`."""
    if not _active:
        _active.append(build(load_json(REGISTRY_FILE)["fields"]))
    return _active[-1]


@contextmanager
def use(declarations: list[dict]) -> Iterator[Registry]:
    """Run with other declarations (a test adding a field): ``with use([...]) as reg: ...``."""
    registry()
    _active.append(build(declarations))
    try:
        yield _active[-1]
    finally:
        _active.pop()


def declarations() -> list[dict]:
    """A copy of the shipped declarations, to extend in a test."""
    return json.loads(json.dumps(load_json(REGISTRY_FILE)["fields"]))

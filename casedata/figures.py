"""The study's figures, computed from the defendant-level dataset: one answer per defendant in a case.

Every figure reads ``case_defendants`` (built from the effective views, so annotators' corrections are in it)
and answers one of the study's questions. A :class:`Figure` says who it counts (``population``, ``n``),
what its shares are of (``denominator``), one :class:`Row` per answer with the keys of the defendants behind
it, and the defendants whose answer the dataset does not know (``unknowns``), listed rather than hidden.
:func:`build_report` adds each defendant's evidence (document, page, characters) for the report to link
every number to; ``flows/report.py`` draws it and ``casedata/compare.py`` sets a published study beside it.

The columns come from the field registry (each field's ``person_column``); the dates are the fields whose
person rule has group ``dates`` and key ``filed`` or ``extradited``: a dataset without them gets a figure
saying so, not an error.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from expediente.casedata.schema import CATEGORIES
from expediente.casedata.stats import PLEADED, VIOLENT_CATEGORY
from expediente.extractors.fields import Field, FieldValueError, registry
from expediente.extractors.patterns import load_json

PersonKey = tuple[str, str]  # (case_key, person): the primary key of case_defendants

EXTRADITED = "extradited"  # the custody route of the study's extradited defendants
TRIED = "trial"
# the charge categories whose crimes have victims: crimes of violence against persons (statute_taxonomy.json)
VICTIM_CATEGORIES = (VIOLENT_CATEGORY,)
# a sentence is months, or one of these words (counted explicitly, never binned or dropped)
SENTENCE_WORDS = ("time served", "probation", "life")
# upper bounds (months, inclusive) of the sentence bins; the last bin is open
SENTENCE_BINS = (12, 60, 120, 240, 360)
DATE_GROUP = "dates"
_YEAR = re.compile(r"^(\d{4})-\d{2}-\d{2}")


@dataclass
class Row:
    """One answer of a figure: its stable ``key`` (what a comparison profile names), the label shown, and
    the defendants behind it. ``denominator`` is the row's own when it differs from the figure's."""

    key: str
    label: str
    people: list[PersonKey]
    denominator: int | None = None
    of: str | None = None  # what the row's own denominator counts
    kind: str = "value"  # value, derived (a combination of values), explicit (a sentence word), unknown
    note: str = ""  # shown beside the label (a court's name)
    short: str = ""  # the label on a plot's axis, where the label is long

    @property
    def count(self) -> int:
        return len(self.people)


@dataclass
class Figure:
    id: str
    title: str
    question: str
    population: str  # who is counted
    n: int
    denominator: int
    denominator_label: str  # what the shares are of
    rows: list[Row]
    unknowns: list[Row]
    fields: tuple[str, ...]  # whose evidence stands behind the rows
    details: tuple[str, ...] = ()  # case_defendants columns listed beside each defendant
    note: str = ""
    chart: str = "bars"  # bars: shares, one bar per row; columns: counts along years or sentence lengths
    missing: str | None = None  # why the dataset cannot answer it (then it has no rows)
    accepts: Callable[[str], bool] | None = field(default=None, repr=False, compare=False)  # a row key it can have

    def row_denominator(self, row: Row) -> int:
        return self.denominator if row.denominator is None else row.denominator

    def share(self, row: Row) -> float | None:
        """The row's share of its denominator (0..1), None when the denominator is 0."""
        d = self.row_denominator(row)
        return row.count / d if d else None

    def row(self, key: str) -> Row:
        for r in (*self.rows, *self.unknowns):
            if r.key == key:
                return r
        raise KeyError(key)

    def can_have(self, key: str) -> bool:
        """Whether ``key`` names a row this figure has or could have on another dataset."""
        if self.accepts is not None:
            return self.accepts(key)
        return any(r.key == key for r in (*self.rows, *self.unknowns))

    def as_dict(self) -> dict:
        def row(r: Row) -> dict:
            share = self.share(r)
            return {
                "key": r.key,
                "label": r.label,
                "count": r.count,
                "denominator": self.row_denominator(r),
                "share": None if share is None else round(share, 4),
                "people": [list(p) for p in r.people],
            }

        return {
            "id": self.id,
            "title": self.title,
            "question": self.question,
            "population": self.population,
            "n": self.n,
            "denominator": self.denominator,
            "denominator_label": self.denominator_label,
            "rows": [row(r) for r in self.rows],
            "unknowns": [row(r) for r in self.unknowns],
            "missing": self.missing,
        }


@dataclass
class Defendant:
    """One row of case_defendants as the figures read it."""

    key: PersonKey
    name: str
    court_id: str | None
    court: str | None
    case_number: str | None
    values: dict  # the row's columns
    documents: list[str]

    def get(self, field_name: str):
        """The value of a field's column (its ``person_column``)."""
        return self.values.get(registry()[field_name].person_column)

    def labels(self, column: str) -> list[str]:
        raw = self.values.get(column)
        return json.loads(raw) if raw else []


@dataclass
class Evidence:
    """What one document said for a field of a defendant, and where."""

    field: str
    value: object
    sha256: str
    file: str | None
    doc_type: str | None
    page: int | None
    start: int | None
    end: int | None
    text: str | None
    chosen: bool


@dataclass
class Report:
    figures: list[Figure]
    defendants: dict[PersonKey, Defendant]
    evidence: dict[PersonKey, list[Evidence]]
    documents: int  # documents processed (done)
    failed: int
    cases: int


# --- reading -------------------------------------------------------------------------------------------------


def load_defendants(conn: sqlite3.Connection) -> list[Defendant]:
    names = dict(conn.execute("SELECT id, name FROM court_names").fetchall())
    rows = conn.execute("SELECT * FROM case_defendants ORDER BY court_id, case_number, defendant, person")
    return [
        Defendant(
            (r["case_key"], r["person"]),
            r["defendant"],
            r["court_id"],
            names.get(r["court_id"]),
            r["case_number"],
            dict(r),
            json.loads(r["documents"] or "[]"),
        )
        for r in rows
    ]


def load_evidence(conn: sqlite3.Connection, people: list[Defendant]) -> dict[PersonKey, list[Evidence]]:
    """Each defendant's values with their evidence: every document's value of each person field
    (``case_defendant_values``, the winning ones first), and the court of each of the person's documents."""
    files = dict(conn.execute("SELECT sha256, file FROM documents").fetchall())
    out: dict[PersonKey, list[Evidence]] = {p.key: [] for p in people}
    rows = conn.execute(
        'SELECT case_key, person, field, value, sha256, doc_type, page, start, "end", text, chosen '
        "FROM case_defendant_values ORDER BY case_key, person, chosen DESC, rowid"
    )
    for r in rows:
        key = (r["case_key"], r["person"])
        if key in out:
            out[key].append(
                Evidence(
                    r["field"],
                    _decoded(r["value"]),
                    r["sha256"],
                    files.get(r["sha256"]),
                    r["doc_type"],
                    r["page"],
                    r["start"],
                    r["end"],
                    r["text"],
                    bool(r["chosen"]),
                )
            )
    court = registry()["court_id"]
    values = {
        r["sha256"]: r
        for r in conn.execute(
            'SELECT v.sha256, v.value, v.page, v.start, v."end", v.text, d.doc_type FROM values_effective v '
            "JOIN documents_effective d ON d.sha256 = v.sha256 WHERE v.field = ?",
            (court.name,),
        )
    }
    for p in people:
        for sha in p.documents:
            v = values.get(sha)
            if v is not None:
                out[p.key].append(
                    Evidence(
                        court.name,
                        v["value"],
                        sha,
                        files.get(sha),
                        v["doc_type"],
                        v["page"],
                        v["start"],
                        v["end"],
                        v["text"],
                        True,
                    )
                )
    return out


def _decoded(value):
    if isinstance(value, str) and value[:1] in "[{":
        try:
            return json.loads(value)
        except json.JSONDecodeError:
            return value
    return value


# --- helpers ------------------------------------------------------------------------------------------------


def _unknown_value(f: Field) -> str | None:
    return f.default if f.vocabulary and f.default in f.vocabulary else None


def _labelled(people: list[Defendant], f: Field) -> tuple[list[Row], list[PersonKey]]:
    """One row per label of ``f``'s vocabulary (its "unknown" default aside, then any other value found),
    and the defendants with no value."""
    unknown_value = _unknown_value(f)
    labels = [v for v in (f.vocabulary or ()) if v != unknown_value]
    by_label: dict[str, list[PersonKey]] = {label: [] for label in labels}
    unknown: list[PersonKey] = []
    for p in people:
        value = p.get(f.name)
        if value is None or value == unknown_value:
            unknown.append(p.key)
        else:
            by_label.setdefault(str(value), []).append(p.key)
    return [Row(label, label, keys) for label, keys in by_label.items()], unknown


def _ranked(groups: dict[str, list[PersonKey]]) -> list[tuple[str, list[PersonKey]]]:
    """Most defendants first, ties by label (the order does not depend on the order documents were read)."""
    return sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0]))


def _court_row(court_id: str, keys: list[PersonKey], names: dict[str, str | None]) -> Row:
    return Row(court_id, court_id, keys, note=names.get(court_id) or "")


def _is_court(key: str) -> bool:
    try:
        registry()["court_id"].parse(key)
    except FieldValueError:
        return False
    return True


def _is_year(key: str) -> bool:
    return bool(re.fullmatch(r"\d{4}", key))


def date_column(key: str) -> str | None:
    """The case_defendants column of the date with person key ``key`` (filed, extradited...), if declared."""
    for f in registry().of_person():
        if f.person.get("group") == DATE_GROUP and f.person_key == key:
            return f.person_column
    return None


def _year(value) -> str | None:
    m = _YEAR.match(str(value)) if value else None
    return m.group(1) if m else None


def charge_categories() -> list[str]:
    """The taxonomy's charge categories, in its order (the ones that are never charged left out)."""
    taxonomy = load_json("statute_taxonomy.json")
    never = set(taxonomy.get("non_charge_categories", ()))
    return [c for c in taxonomy["categories"] if c not in never]


def _bins() -> list[tuple[int, int | None]]:
    """(low, high) months of each sentence bin; the last has no upper bound."""
    lows = [0, *(high + 1 for high in SENTENCE_BINS)]
    return list(zip(lows, [*SENTENCE_BINS, None], strict=True))


def _bin_row(low: int, high: int | None) -> Row:
    if high is None:
        return Row(f"{low}+", f"{low} months or more", [], short=f"{low}+ mo")
    return Row(f"{low}-{high}", f"{low}–{high} months", [], short=f"{low}–{high} mo")


def _sentence_key(value) -> str:
    """The row key of a sentence value: its months bin, or the word itself."""
    text = str(value).strip().casefold()
    if text.isdigit():
        months = int(text)
        low, high = next((low, high) for low, high in _bins() if high is None or months <= high)
        return _bin_row(low, high).key
    return text if text in SENTENCE_WORDS else f"other:{text}"


def _sentence_rows() -> list[Row]:
    """Every sentence row, in the plot's order: the words below a year's prison, the bins, life."""
    words = [Row(w, w, [], kind="explicit") for w in SENTENCE_WORDS]
    return [
        *(r for r in words if r.key != "life"),
        *(_bin_row(*b) for b in _bins()),
        *(r for r in words if r.key == "life"),
    ]


# --- the figures ------------------------------------------------------------------------------------------

ALL = "defendants in cases"


def custody_figure(people: list[Defendant]) -> Figure:
    f = registry()["custody"]
    rows, unknown = _labelled(people, f)
    n = len(people)
    return Figure(
        "custody",
        "Custody routes",
        "How did each defendant come into US custody: extradited, arrested on US soil, detained abroad or surrendered?",
        ALL,
        n,
        n,
        "defendants",
        rows,
        [Row("unknown", "custody unknown", unknown, kind="unknown")],
        (f.name,),
    )


def courts_figure(people: list[Defendant]) -> Figure:
    names = {p.court_id: p.court for p in people if p.court_id}
    groups: dict[str, list[PersonKey]] = {}
    unknown = []
    for p in people:
        (groups.setdefault(p.court_id, []) if p.court_id else unknown).append(p.key)
    n = len(people)
    return Figure(
        "courts",
        "Courts, ranked",
        "Which federal district courts charge the defendants?",
        ALL,
        n,
        n,
        "defendants",
        [_court_row(c, keys, names) for c, keys in _ranked(groups)],
        [Row("unknown", "court unknown", unknown, kind="unknown")],
        ("court_id",),
        accepts=_is_court,
    )


def extradition_courts_figure(people: list[Defendant]) -> Figure:
    extradited = [p for p in people if p.get("custody") == EXTRADITED]
    names = {p.court_id: p.court for p in extradited if p.court_id}
    groups: dict[str, list[PersonKey]] = {}
    unknown = []
    for p in extradited:
        (groups.setdefault(p.court_id, []) if p.court_id else unknown).append(p.key)
    n = len(extradited)
    return Figure(
        "extradition_courts",
        "Courts requesting extradition",
        "For the extradited defendants, which courts requested them (the court of the case they were "
        "extradited to face)?",
        "extradited defendants",
        n,
        n,
        "extradited defendants",
        [_court_row(c, keys, names) for c, keys in _ranked(groups)],
        [Row("unknown", "court unknown", unknown, kind="unknown")],
        ("court_id", "custody"),
        accepts=_is_court,
    )


def charge_categories_figure(people: list[Defendant]) -> Figure:
    by: dict[str, list[PersonKey]] = {c: [] for c in charge_categories()}
    unknown = []
    for p in people:
        categories = p.labels(CATEGORIES)
        if not categories:
            unknown.append(p.key)
        for c in categories:
            by.setdefault(c, []).append(p.key)
    n = len(people)
    return Figure(
        "charge_categories",
        "Charge categories",
        "What are the defendants charged with (the study's categories of the statutes in their counts)?",
        ALL,
        n,
        n,
        "defendants",
        [Row(c, c, keys) for c, keys in by.items()],
        [Row("unknown", "no statute found", unknown, kind="unknown")],
        ("statutes_cited",),
        note="A defendant charged under statutes of several categories counts in each: shares add up to more "
        "than 100%.",
    )


def plea_figure(people: list[Defendant]) -> Figure:
    f = registry()["plea"]
    rows, unknown = _labelled(people, f)
    n = len(people)
    return Figure(
        "plea",
        "Plea status",
        "Did each defendant plead guilty or go to trial, or is the case pending, sealed or dismissed?",
        ALL,
        n,
        n,
        "defendants",
        rows,
        [Row("unknown", "plea status unknown", unknown, kind="unknown")],
        (f.name,),
    )


def benefits_figure(people: list[Defendant]) -> Figure:
    f = registry()["benefits"]
    pleaded = [p for p in people if p.get("plea") == PLEADED]
    by: dict[str, list[PersonKey]] = {label: [] for label in f.vocabulary or ()}
    anything, none = [], []
    for p in pleaded:
        labels = p.labels(f.person_column)
        (anything if labels else none).append(p.key)
        for label in labels:
            by.setdefault(label, []).append(p.key)
    n = len(pleaded)
    return Figure(
        "benefits",
        "Sentencing benefits of guilty pleas",
        "Of the defendants who pleaded guilty, how many obtained sentencing benefits, and which?",
        "defendants who pleaded guilty",
        n,
        n,
        "defendants who pleaded guilty",
        [Row("any", "any benefit", anything, kind="derived"), *(Row(b, b, keys) for b, keys in by.items())],
        [Row("none_found", "no benefit found", none, kind="unknown")],
        (f.name, "plea"),
        note="A defendant can obtain several benefits: the benefit rows add up to more than 'any benefit'. "
        "'No benefit found' means no document of the case states one.",
    )


def victim_charges_figure(people: list[Defendant]) -> Figure:
    charged, sentenced, victims, unknown = [], [], [], []
    for p in people:
        categories = p.labels(CATEGORIES)
        if not categories:
            unknown.append(p.key)
        if any(c in VICTIM_CATEGORIES for c in categories):
            charged.append(p.key)
            if p.get("sentence_months") is not None:
                sentenced.append(p.key)
        if p.get("victims"):
            victims.append(p.key)
    n = len(people)
    return Figure(
        "victim_charges",
        "Victim-related charges sentenced",
        "How many defendants were charged with a crime that has victims, and how many of them were sentenced?",
        ALL,
        n,
        n,
        "defendants",
        [
            Row("charged", "victim-related charge", charged),
            Row("sentenced", "victim-related charge, and sentenced", sentenced),
            Row("victims_mentioned", "victims named or described", victims),
        ],
        [Row("unknown", "no statute found", unknown, kind="unknown")],
        ("statutes_cited", "sentence_months", "victims"),
        details=("sentence_months",),
        note="Victim-related: a statute of the categories " + ", ".join(VICTIM_CATEGORIES) + " (crimes of violence "
        "against persons, sexual exploitation, human trafficking, terrorism). 'Sentenced' means a sentence is "
        "recorded for the defendant, whatever count it was imposed on.",
    )


def violence_figure(people: list[Defendant]) -> Figure:
    vcm = registry()["violent_crime_mentions"]
    described_column = vcm.person.get("unflagged")
    charged, described, neither = [], [], []
    for p in people:
        is_charged = bool(p.get(vcm.name)) or VIOLENT_CATEGORY in p.labels(CATEGORIES)
        is_described = bool(described_column and p.values.get(described_column))
        if is_charged:
            charged.append(p.key)
        elif is_described:
            described.append(p.key)
        else:
            neither.append(p.key)
    n = len(people)
    return Figure(
        "violence",
        "Violent crimes: charged or only described",
        "Do violent crimes appear in the charges, or only in the narrative of the filings?",
        ALL,
        n,
        n,
        "defendants",
        [
            Row("charged", "violent crime charged", charged),
            Row("described_only", "violence described, not charged", described),
            Row("none", "no violence found", neither),
        ],
        [],
        (vcm.name, "statutes_cited"),
        note="Charged: a violence mention flagged as charged, or a statute of the violent_crime category. "
        "Described: violence mentioned in a filing but in no charge.",
    )


def officials_figure(people: list[Defendant]) -> Figure:
    f = registry()["public_official"]
    office = f.person.get("attr")
    officials, pleaded, unknown = [], [], []
    for p in people:
        value = p.get(f.name)
        if value is None:
            unknown.append(p.key)
        elif value:
            officials.append(p.key)
            if p.get("plea") == PLEADED:
                pleaded.append(p.key)
    n = len(people)
    return Figure(
        "public_officials",
        "Public officials and their pleas",
        "How many defendants were public officials, and what share of them pleaded guilty?",
        ALL,
        n,
        n,
        "defendants",
        [
            Row("officials", "public officials", officials),
            Row("pleaded", "of them, pleaded guilty", pleaded, len(officials), "public officials", kind="derived"),
        ],
        [Row("unknown", "not stated", unknown, kind="unknown")],
        (f.name, "plea"),
        details=(office,) if office else (),
    )


def _years_figure(
    people: list[Defendant], key: str, ident: str, title: str, question: str, population: str, counted
) -> Figure:
    column = date_column(key)
    counted_people = [p for p in people if counted(p, column)]
    n = len(counted_people)
    if column is None:
        return Figure(
            ident,
            title,
            question,
            population,
            n,
            0,
            "dated defendants",
            [],
            [],
            (),
            chart="columns",
            missing=f"The dates are not in this dataset: the field registry declares no date with person key "
            f"{key!r} (group {DATE_GROUP!r}).",
            accepts=_is_year,
        )
    by: dict[str, list[PersonKey]] = {}
    unknown = []
    for p in counted_people:
        year = _year(p.values.get(column))
        (by.setdefault(year, []) if year else unknown).append(p.key)
    rows = []
    if by:
        first, last = int(min(by)), int(max(by))
        rows = [Row(str(y), str(y), by.get(str(y), [])) for y in range(first, last + 1)]
    name = next(f.name for f in registry().of_person() if f.person_column == column)
    return Figure(
        ident,
        title,
        question,
        population,
        n,
        n - len(unknown),
        "defendants with a date",
        rows,
        [Row("unknown", "date unknown", unknown, n, population, kind="unknown")],
        (name,),
        details=(column,),
        chart="columns",
        note="Years without a defendant between the first and the last are shown as 0.",
        accepts=_is_year,
    )


def year_filed_figure(people: list[Defendant]) -> Figure:
    return _years_figure(
        people,
        "filed",
        "year_filed",
        "Defendants by year of charging",
        "In which year was each defendant charged (the charging document filed)?",
        ALL,
        lambda p, column: True,
    )


def year_extradited_figure(people: list[Defendant]) -> Figure:
    return _years_figure(
        people,
        EXTRADITED,
        "year_extradited",
        "Defendants by year of extradition",
        "In which year was each extradited defendant extradited?",
        "extradited defendants",
        lambda p, column: p.get("custody") == EXTRADITED or bool(column and p.values.get(column)),
    )


def sentences_figure(people: list[Defendant]) -> Figure:
    f = registry()["sentence_months"]
    rows = {r.key: r for r in _sentence_rows()}
    counted, unknown = 0, []
    population = "defendants sentenced, or who pleaded guilty or went to trial"
    for p in people:
        value = p.get(f.name)
        if value is None:
            if p.get("plea") in (PLEADED, TRIED):
                unknown.append(p.key)
            continue
        counted += 1
        key = _sentence_key(value)
        rows.setdefault(key, Row(key, key.removeprefix("other:"), [], kind="explicit")).people.append(p.key)
    return Figure(
        "sentences",
        "Sentences",
        "What sentences were imposed (prison months, and life, time served or probation)?",
        population,
        counted + len(unknown),
        counted,
        "sentenced defendants",
        list(rows.values()),
        [
            Row(
                "unknown",
                "pleaded or tried, no sentence found",
                unknown,
                counted + len(unknown),
                population,
                kind="unknown",
            )
        ],
        (f.name, "plea"),
        details=(f.person_column,),
        chart="columns",
        note="Prison terms in months, binned; life, time served and probation are counted as they are.",
    )


FIGURES: dict[str, Callable[[list[Defendant]], Figure]] = {
    "custody": custody_figure,
    "courts": courts_figure,
    "extradition_courts": extradition_courts_figure,
    "charge_categories": charge_categories_figure,
    "plea": plea_figure,
    "benefits": benefits_figure,
    "victim_charges": victim_charges_figure,
    "violence": violence_figure,
    "public_officials": officials_figure,
    "year_filed": year_filed_figure,
    "year_extradited": year_extradited_figure,
    "sentences": sentences_figure,
}


def figures(people: list[Defendant]) -> list[Figure]:
    return [make(people) for make in FIGURES.values()]


def build_report(conn: sqlite3.Connection) -> Report:
    """Every figure over the dataset's defendants, with the defendants and their evidence."""
    people = load_defendants(conn)
    status = Counter(dict(conn.execute("SELECT status, COUNT(*) FROM documents GROUP BY status").fetchall()))
    return Report(
        figures(people),
        {p.key: p for p in people},
        load_evidence(conn, people),
        status.get("done", 0),
        status.get("failed", 0),
        conn.execute("SELECT COUNT(*) FROM cases").fetchone()[0],
    )

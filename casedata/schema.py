"""The dataset's derived schema, generated from the field registry: views applying corrections, and `cases`.

The numbered migrations (``casedata/migrations``) hold the stored tables. What derives from the registry is
generated here and rebuilt whenever the generated SQL changes (a field added, a rule edited, this code
changed); its fingerprint is kept in ``schema_meta``:

- ``values_effective``: every single field of every document, corrected where an annotator set it;
- ``documents_effective``: one row per document with a column per single field (typed by the field's type);
- ``mentions_effective``, ``defendants_effective``, ``counts_effective``, ``charges_effective``: items
  with rejected ones hidden, edited ones changed and added ones included;
- ``cases``: one row per court and case number, a column per field with a case rule (casedata/cases.py);
- ``case_names``: the defendants' names of each court's documents, by keys, for finding a document's case
  (casedata/case_names.py);
- ``court_names``: courts-db ids and names, for the court's name once an annotator corrects its id.

:func:`casedata.db.connect` rebuilds them (:func:`casedata.db.refresh_derived`).

A correction's latest decision on an item (accept, reject or set) is the one that counts; an undone one
counts for nothing.
"""

from __future__ import annotations

import hashlib
import sqlite3

from expediente.casedata.keys import SQL_KEYS
from expediente.extractors.fields import (
    COUNTS,
    DEFENDANTS,
    MENTIONS,
    SINGLE,
    STATUTES,
    Field,
    RegistryError,
    registry,
)

EVIDENCE = 'page, start, "end", text, extractor, version, confidence'
CASE_COLUMNS = ("case_key", "court_id", "case_number", "n_documents", "documents")
CATEGORIES = "charge_categories"  # the case column of the statutes' taxonomy categories
DERIVED_TABLES = ("cases", "case_defendants", "case_defendant_values", "review_items", "case_names")
VIEWS = (
    "documents_effective",
    "values_effective",
    "mentions_effective",
    "defendants_effective",
    "counts_effective",
    "charges_effective",
)
DOCUMENT_COLUMNS = (
    "sha256",
    "file",
    "path",
    "kind",
    "status",
    "error_reason",
    "error",
    "warnings",
    "pipeline_version",
    "run_id",
    "processed_at",
    "seconds",
    "n_pages",
    "case_key",
)
# the SQL of a type's companion column, over the single field's row {v} of values_effective
COMPANIONS = {
    "court": "CASE WHEN {v}.corrected THEN (SELECT n.name FROM court_names n WHERE n.id = {v}.value) "
    "ELSE json_extract({v}.attrs, '$.name') END",
}


def quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _lit(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _in(names) -> str:
    return "(" + ", ".join(_lit(n) for n in names) + ")" if names else "(NULL)"


def _latest(alias: str, t: str, field: str, key: str, actions: str) -> str:
    """A LEFT JOIN of the latest correction of ``actions`` on the item of row ``t`` (field SQL, key SQL)."""
    return (
        f"LEFT JOIN corrections {alias} ON {alias}.id = (SELECT MAX(c.id) FROM corrections c "
        f"WHERE c.sha256 = {t}.sha256 AND c.field = {field} AND c.item_key = {key} AND c.action IN {actions} "
        "AND c.undone_at IS NULL)"
    )


def _decided(t: str, field: str, key: str) -> str:
    """Joins ``s`` (the latest set) and ``d`` (the latest decision) on an item."""
    return _latest("s", t, field, key, "('set')") + "\n" + _latest("d", t, field, key, "('accept', 'reject', 'set')")


VERIFIED = "d.id IS NOT NULL AS verified"  # a person accepted, set or (a single value) rejected it


def _adds(fields, columns: str) -> str:
    """The items annotators added and did not undo: ``columns``, then evidence (the text selected on the page,
    else the note as text) and verified."""
    added = "c.page, c.start, c.\"end\", COALESCE(c.text, c.note), 'correction', c.author, 1.0, 1"
    return (
        f"SELECT {columns}, {added} FROM corrections c "
        f"WHERE c.action = 'add' AND c.undone_at IS NULL AND c.field IN {_in(fields)}"
    )


def _evidence(t: str) -> str:
    return ", ".join(f"{t}.{c}" for c in EVIDENCE.split(", "))


def _item_view(
    view: str, table: str, fields: list[str], columns: str, added: str, *, field_sql: str, key: str, joins="", where=""
) -> str:
    """The effective items of ``table``: each machine row ``x`` with its latest set value and decision on its
    ``key`` (rejected ones left out), then the items annotators added to ``fields``."""
    return f"""CREATE VIEW {view} AS
SELECT x.id, x.sha256, {columns}, {_evidence("x")}, {VERIFIED}
FROM {table} x
{_decided("x", field_sql, key)}
{joins}
WHERE d.action IS NOT 'reject'{where}
UNION ALL
{_adds(fields, added)}"""


def view_statements() -> list[str]:
    reg = registry()
    clash = sorted(set(reg.names) & set(DOCUMENT_COLUMNS))
    if clash:
        raise RegistryError(f"fields.json: field names {clash} are columns of documents; rename them")
    singles = [f.name for f in reg.of_kind(SINGLE)]
    mentions = [f.name for f in reg.of_kind(MENTIONS)]
    defendants, counts, statutes = (_lit(reg.one(k).name) for k in (DEFENDANTS, COUNTS, STATUTES))
    key = {kind: sql.format(t="x") for kind, sql in SQL_KEYS.items()}

    columns = []
    for f in reg.of_kind(SINGLE):
        row = f"(SELECT {{col}} FROM values_effective v WHERE v.sha256 = d.sha256 AND v.field = {_lit(f.name)})"
        columns.append(f"{row.format(col=f.type.sql.format(v='v.value'))} AS {quote(f.name)}")
        if f.type.companion:
            columns.append(f"{row.format(col=COMPANIONS[f.type.companion].format(v='v'))} AS {quote(f.type.companion)}")
    documents = "CREATE VIEW documents_effective AS\nSELECT d.*,\n  " + ",\n  ".join(columns) + "\nFROM documents d"

    values = f"""CREATE VIEW values_effective AS
SELECT x.id, x.sha256, x.field,
       CASE WHEN d.action = 'reject' THEN NULL ELSE COALESCE(s.value, x.value) END AS value,
       x.value AS machine_value, (s.id IS NOT NULL OR d.action = 'reject') AS corrected, {VERIFIED}, x.attrs,
       {_evidence("x")}
FROM mentions x
{_decided("x", "x.field", "''")}
WHERE x.chosen = 1 AND x.field IN {_in(singles)}"""

    mention_view = _item_view(
        "mentions_effective",
        "mentions",
        mentions,
        # a set correction's attributes (charged, quantity) over the machine's
        "x.field, COALESCE(s.value, x.value) AS value, "
        "CASE WHEN s.attrs IS NULL THEN x.attrs ELSE json_patch(x.attrs, s.attrs) END AS attrs",
        "NULL, c.sha256, c.field, c.value, COALESCE(c.attrs, '{}')",
        field_sql="x.field",
        key=key[MENTIONS],
        where=f" AND x.chosen = 0 AND x.field IN {_in(mentions)}",
    )
    defendant_view = _item_view(
        "defendants_effective",
        "defendants",
        [reg.one(DEFENDANTS).name],
        "COALESCE(s.value, x.name) AS name, x.aliases",
        "NULL, c.sha256, c.value, '[]'",
        field_sql=defendants,
        key=key[DEFENDANTS],
    )
    count_view = _item_view(
        "counts_effective",
        "counts",
        [reg.one(COUNTS).name],
        "COALESCE(s.value, x.label) AS label, x.description, x.defendants",
        "NULL, c.sha256, c.value, NULL, '[]'",
        field_sql=counts,
        key=key[COUNTS],
    )
    # a statute charged in a count an annotator rejected goes with the count; a relabelled count takes it along
    charge_view = _item_view(
        "charges_effective",
        "charges",
        [reg.one(STATUTES).name],
        "COALESCE(ks.value, x.count_label) AS count_label, x.count_description, COALESCE(s.value, x.statute) AS "
        "statute, x.title, x.section, x.category",
        "NULL, c.sha256, NULLIF(c.item_key, ''), NULL, c.value, NULL, NULL, NULL",
        field_sql=statutes,
        key=key[STATUTES],
        joins=_latest("k", "x", counts, "x.count_label", "('accept', 'reject', 'set')")
        + "\n"
        + _latest("ks", "x", counts, "x.count_label", "('set')"),
        where=" AND k.action IS NOT 'reject'",
    )
    return [documents, values, mention_view, defendant_view, count_view, charge_view]


# the SQL type of a case column by its rule (priority and first keep each value's own type)
CASE_TYPES = {"union": "TEXT NOT NULL", "any": "INTEGER", "any_flag": "INTEGER NOT NULL", "count": "INTEGER NOT NULL"}


def case_columns() -> list[tuple[str, str]]:
    """(column, SQL type) of the cases table beyond its key columns, in registry order."""
    out = []
    for f in registry():
        if f.case is None:
            continue
        out.append((f.name, CASE_TYPES.get(f.case["rule"], "")))
        if f.kind == STATUTES:
            out.append((CATEGORIES, "TEXT NOT NULL"))
    return out


# the SQL type of a case_defendants column by its person rule (precedence and earliest keep each value's type)
PERSON_TYPES = {"union": "TEXT", "any": "INTEGER", "any_flag": "INTEGER", "count": "INTEGER"}


def person_companions(f: Field) -> list[tuple[str, str]]:
    """(column, SQL type) of the second values a person rule gives: statutes' categories, an ``any`` rule's
    ``attr`` (the office held), an ``any_flag`` rule's ``unflagged`` (violence only described)."""
    rule = f.person["rule"]
    out = []
    if f.kind == STATUTES and rule == "union":
        out.append((CATEGORIES, "TEXT"))
    if rule == "any" and f.person.get("attr"):
        out.append((f.person["attr"], "TEXT"))
    if rule == "any_flag" and f.person.get("unflagged"):
        out.append((f.person["unflagged"], "INTEGER"))
    return out


def person_columns() -> list[tuple[str, str]]:
    """(column, SQL type) of case_defendants for the fields with a person rule, companions after their field."""
    out = []
    for f in registry().of_person():
        out.append((f.person_column, PERSON_TYPES.get(f.person["rule"], "")))
        out += person_companions(f)
    return out


def people_statements() -> list[str]:
    columns = [
        "case_key TEXT NOT NULL",
        "person TEXT NOT NULL",
        "defendant TEXT NOT NULL",
        "aliases TEXT NOT NULL",
        "court_id TEXT",
        "case_number TEXT",
        "n_documents INTEGER NOT NULL",
        "documents TEXT NOT NULL",
        *(f"{quote(name)} {kind}".rstrip() for name, kind in person_columns()),
        "conflicts TEXT NOT NULL",
        "PRIMARY KEY (case_key, person)",
    ]
    return [
        "CREATE TABLE case_defendants (\n    " + ",\n    ".join(columns) + "\n)",
        """CREATE TABLE case_defendant_values (
    case_key TEXT NOT NULL, person TEXT NOT NULL, field TEXT NOT NULL, value, sha256 TEXT NOT NULL,
    doc_type TEXT, doc_date TEXT, chosen INTEGER NOT NULL, page INTEGER, start INTEGER, "end" INTEGER,
    text TEXT, confidence REAL
)""",
        "CREATE INDEX idx_case_defendant_values ON case_defendant_values(case_key, person, field)",
    ]


def cases_statement() -> str:
    cols = [
        "case_key TEXT PRIMARY KEY",
        "court_id TEXT",
        "case_number TEXT",
        "n_documents INTEGER NOT NULL",
        "documents TEXT NOT NULL",
        *(f"{quote(name)} {kind}".rstrip() for name, kind in case_columns()),
    ]
    return "CREATE TABLE cases (\n    " + ",\n    ".join(cols) + "\n)"


def review_statements() -> list[str]:
    """The review workbench's queue: every item the machine found that an annotator can decide on, with what
    orders it (casedata/review.py fills it whenever its documents' cases are rebuilt)."""
    return [
        """CREATE TABLE review_items (
    id INTEGER PRIMARY KEY,
    sha256 TEXT NOT NULL, field TEXT NOT NULL, item_key TEXT NOT NULL, value TEXT, attrs TEXT,
    page INTEGER, start INTEGER, "end" INTEGER, text TEXT, confidence REAL,
    doc_type TEXT, court_id TEXT, case_key TEXT,
    conflict INTEGER NOT NULL, priority REAL NOT NULL, bucket INTEGER NOT NULL
)""",
        "CREATE INDEX idx_review_items_order ON review_items(priority DESC, sha256, field, item_key)",
        "CREATE INDEX idx_review_items_doc ON review_items(sha256, field, item_key)",
        "CREATE INDEX idx_review_items_field ON review_items(field, priority DESC, sha256, item_key)",
        "CREATE INDEX idx_review_items_case ON review_items(case_key)",
    ]


def lookup_statements() -> list[str]:
    """The index of defendants' names by court that finds the case of a document printing no case number
    (casedata/case_names.py keeps it with the documents' case keys)."""
    return [
        """CREATE TABLE case_names (
    sha256 TEXT NOT NULL, court_id TEXT NOT NULL, case_number TEXT, name TEXT NOT NULL,
    n_tokens INTEGER NOT NULL, key TEXT NOT NULL
)""",
        "CREATE INDEX idx_case_names_key ON case_names(court_id, key, n_tokens)",
        "CREATE INDEX idx_case_names_sha ON case_names(sha256)",
    ]


def statements(temporary: bool = False) -> list[str]:
    """The derived schema's CREATE statements; ``temporary``: as TEMP objects of one connection."""
    made = [*view_statements(), cases_statement(), *people_statements(), *review_statements(), *lookup_statements()]
    if not temporary:
        return made
    # a TEMP table's indexes go with it into the temp schema
    return [sql if sql.startswith("CREATE INDEX") else sql.replace("CREATE ", "CREATE TEMP ", 1) for sql in made]


def fingerprint() -> str:
    return hashlib.sha256("\n;\n".join(statements()).encode()).hexdigest()[:16]


def stored_fingerprint(conn: sqlite3.Connection) -> str | None:
    exists = conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_meta'").fetchone()
    if not exists:
        return None
    row = conn.execute("SELECT value FROM schema_meta WHERE key = 'derived'").fetchone()
    return row[0] if row else None


def is_current(conn: sqlite3.Connection) -> bool:
    return stored_fingerprint(conn) == fingerprint()

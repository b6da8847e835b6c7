"""What an analyst browsing the dataset sees (``expediente browse``): Datasette metadata, generated.

Column descriptions, facets and canned queries derive from the field registry (extractors/data/fields.json),
so a new field appears in the browser with its meaning, its vocabulary and its study table without an edit
here. Full-text search reads the FTS5 indexes of migration 0006 (``pages_fts``, ``mentions_fts``).
"""

from __future__ import annotations

from expediente.casedata.schema import CATEGORIES, person_companions, quote
from expediente.casedata.stats import PLEADED, VIOLENT_CATEGORY
from expediente.extractors.fields import MENTIONS, SINGLE, STATUTES, Field, registry

DATABASE = "expediente"  # the dataset's name in the browser's URLs (/expediente/case_defendants)
DEFENDANTS = "case_defendants"
PAGE_SIZE = 100

_COMPANIONS = {
    CATEGORIES: "the study's charge categories of the person's statutes (JSON list)",
    "office": "the public office the filing says the person held (evidence of public_official)",
    "violence_described": "1 when a violent crime is described for the person but not charged",
}
_DEFENDANT_COLUMNS = {
    "case_key": "the case: court id and normalised case number",
    "person": "the person's key in the case (name words, folded)",
    "defendant": "the person's fullest name as the filings write it",
    "aliases": "a/k/a names (JSON list)",
    "court_id": "courts-db id of the court",
    "case_number": "the case number, normalised",
    "n_documents": "how many documents of the case name the person",
    "documents": "SHA-256 of each document the values were rolled up from (JSON list)",
    "conflicts": "documents that disagree on a value, and which value won (JSON list)",
}


def _meaning(f: Field) -> str:
    """A field's description: title, what a value is, its vocabulary."""
    text = f"{f.title}: {f.type.words}"
    if f.vocabulary:
        text += " (" + ", ".join(f.vocabulary) + ")"
    rule = (f.person or {}).get("rule")
    if rule == "union":
        text += "; JSON list over the person's documents"
    elif rule in ("any", "any_flag"):
        text += "; 1 when any document says so"
    elif rule == "count":
        text += "; the most any one document gives"
    elif rule == "precedence":
        text += "; the most authoritative document's value (conflicts lists the others)"
    return text


def _array_fields() -> list[str]:
    """case_defendants columns holding JSON lists, to facet by their items."""
    cols = []
    for f in registry().of_person():
        if f.person["rule"] == "union":
            cols.append(f.person_column)
        cols += [name for name, _ in person_companions(f) if name == CATEGORIES]
    return cols


def _stats_fields() -> list[Field]:
    return [f for f in registry().of_kind(SINGLE) if f.stats]


def _defendants_table() -> dict:
    columns = dict(_DEFENDANT_COLUMNS)
    for f in registry().of_person():
        columns[f.person_column] = _meaning(f)
        for name, _ in person_companions(f):
            columns[name] = _COMPANIONS.get(name, name)
    facets: list = [f.person_column for f in _stats_fields() if f.person]
    facets.append("court_id")
    facets += [{"array": col} for col in _array_fields()]
    return {
        "description": "One row per defendant in a case, rolled up from every document of the case that names "
        "the person, corrections applied (casedata/people.py). case_defendant_values holds each document's "
        "value with its evidence.",
        "columns": columns,
        "facets": facets,
        "label_column": "defendant",
        "size": PAGE_SIZE,
    }


def _documents_table() -> dict:
    columns = {f.name: _meaning(f) for f in registry().of_kind(SINGLE)}
    columns |= {"status": "done or failed", "error_reason": "why a document failed (corrupt, encrypted, ...)"}
    return {
        "description": "One row per document with each single field, corrections applied.",
        "columns": columns,
        "facets": ["doc_type", "court_id", *(f.name for f in _stats_fields()), "status"],
        "label_column": "file",
    }


def _mentions_table() -> dict:
    fields = ", ".join(f.name for f in registry().of_kind(MENTIONS))
    return {
        "description": f"Every extracted item with its evidence (page, characters), corrections applied: {fields}.",
        "columns": {
            "field": "the registry field",
            "value": "the item's label or value",
            "page": "1-based page",
            "start": "first character in the page's text",
            "end": "character after the last",
            "text": "the evidence as it stands on the page",
            "confidence": "0 to 1",
        },
        "facets": ["field", "value"],
    }


def _tables() -> dict:
    statutes = registry().one(STATUTES)
    return {
        DEFENDANTS: _defendants_table(),
        "case_defendant_values": {
            "description": "What each document says of each person, with its evidence; chosen = 1 for the value "
            "that won the roll-up.",
            "facets": ["field", "doc_type", "chosen"],
        },
        "documents_effective": _documents_table(),
        "mentions_effective": _mentions_table(),
        "charges_effective": {
            "description": f"{statutes.title}: each statute charged, with the count and the study's category.",
            "facets": ["category", "statute"],
        },
        "cases": {"description": "One row per court and case number, rolled up over its documents."},
        "pages": {
            "description": "Each page's text as read (text layer or OCR); evidence offsets point into it.",
            "fts_table": "pages_fts",
            "fts_pk": "id",
            "facets": ["method"],
        },
        "mentions": {
            "description": "Machine-extracted items as stored (mentions_effective applies corrections).",
            "fts_table": "mentions_fts",
            "fts_pk": "id",
        },
        "corrections": {"description": "Annotators' decisions; they outlive re-processing."},
        "schema_meta": {"hidden": True},
        "schema_migrations": {"hidden": True},
    }


def _share(n: str) -> str:
    return f"ROUND(100.0 * {n} / NULLIF((SELECT COUNT(*) FROM {DEFENDANTS}), 0), 1)"


def _queries() -> dict:
    """A canned query for each of the study's tables (counted over defendants in cases), and searches."""
    queries: dict = {}
    for f in _stats_fields():
        col, default = quote(f.person_column), (f.case or {}).get("default", f.default) or "unknown"
        queries[f"defendants_by_{f.name}"] = {
            "title": f"Defendants by {f.title}",
            "sql": f"SELECT COALESCE({col}, '{default}') AS {col}, COUNT(*) AS defendants, {_share('COUNT(*)')} "
            f"AS percent FROM {DEFENDANTS} GROUP BY 1 ORDER BY 2 DESC, 1",
        }
    for col in _array_fields():
        queries[f"defendants_by_{col}"] = {
            "title": f"Defendants by {col.replace('_', ' ')} (several possible)",
            "sql": f"SELECT j.value AS {quote(col)}, COUNT(DISTINCT d.rowid) AS defendants, "
            f"{_share('COUNT(DISTINCT d.rowid)')} AS percent FROM {DEFENDANTS} d, json_each(d.{quote(col)}) j "
            "GROUP BY 1 ORDER BY 2 DESC, 1",
        }
    queries["defendants_by_court"] = {
        "title": "Defendants by court, ranked",
        "sql": f"SELECT d.court_id, c.name AS court, COUNT(*) AS defendants, {_share('COUNT(*)')} AS percent "
        f"FROM {DEFENDANTS} d LEFT JOIN court_names c ON c.id = d.court_id GROUP BY 1, 2 ORDER BY 3 DESC, 1",
    }
    queries["benefits_of_pleas"] = {
        "title": "Defendants who pleaded guilty, with each sentencing benefit",
        "sql": f"WITH p AS (SELECT rowid, benefits FROM {DEFENDANTS} WHERE plea = '{PLEADED}') "
        "SELECT 'any benefit' AS benefit, COUNT(*) AS defendants, "
        "ROUND(100.0 * COUNT(*) / NULLIF((SELECT COUNT(*) FROM p), 0), 1) AS percent_of_pleas "
        "FROM p WHERE json_array_length(p.benefits) > 0 "
        "UNION ALL SELECT * FROM (SELECT j.value, COUNT(DISTINCT p.rowid), "
        "ROUND(100.0 * COUNT(DISTINCT p.rowid) / NULLIF((SELECT COUNT(*) FROM p), 0), 1) "
        "FROM p, json_each(p.benefits) j GROUP BY 1 ORDER BY 2 DESC, 1)",
    }
    queries["public_officials"] = {
        "title": "Defendants described as public officials, with the office and plea",
        "sql": f"SELECT defendant, court_id, case_number, office, plea, sentence_months FROM {DEFENDANTS} "
        "WHERE public_official = 1 ORDER BY court_id, case_number, defendant",
    }
    charged = (
        f"(violent_crime_mentions = 1 OR EXISTS (SELECT 1 FROM json_each({CATEGORIES}) "
        f"WHERE value = '{VIOLENT_CATEGORY}'))"
    )
    queries["violence_and_victims"] = {
        "title": "Victims and violence",
        "sql": f"SELECT SUM({charged}) AS violent_or_victim_crimes_charged, "
        f"SUM(violence_described = 1 AND NOT {charged}) AS violent_crimes_only_described, "
        f"SUM(victims > 0) AS victims_mentioned, COUNT(*) AS defendants FROM {DEFENDANTS}",
    }
    queries["sentences"] = {
        "title": "Defendants by sentence imposed (months binned; life, time served, probation as such)",
        "sql": "SELECT CASE WHEN sentence_months IS NULL THEN 'no sentence' WHEN typeof(sentence_months) != "
        "'integer' THEN sentence_months WHEN sentence_months < 60 THEN 'under 5 years' WHEN sentence_months < 120 "
        "THEN '5 to 10 years' WHEN sentence_months < 240 THEN '10 to 20 years' WHEN sentence_months < 360 THEN "
        f"'20 to 30 years' ELSE '30 years or more' END AS sentence, COUNT(*) AS defendants FROM {DEFENDANTS} "
        "GROUP BY 1 ORDER BY MIN(CASE WHEN typeof(sentence_months) = 'integer' THEN sentence_months ELSE 1e9 END), 1",
    }
    queries["conflicts"] = {
        "title": "Defendants whose documents disagree",
        "sql": f"SELECT defendant, court_id, case_number, conflicts FROM {DEFENDANTS} WHERE conflicts != '[]' "
        "ORDER BY court_id, case_number, defendant",
    }
    queries["search_pages"] = {
        "title": "Search the text of every page",
        "sql": "SELECT d.file, p.number AS page, snippet(pages_fts, 0, '[', ']', ' … ', 20) AS snippet, p.sha256 "
        "FROM pages_fts JOIN pages p ON p.id = pages_fts.rowid JOIN documents d ON d.sha256 = p.sha256 "
        "WHERE pages_fts MATCH escape_fts(:q) ORDER BY rank LIMIT 200",
    }
    queries["search_mentions"] = {
        "title": "Search extracted items (field, value, evidence text)",
        "sql": 'SELECT d.file, m.field, m.value, m.page, m.start, m."end", m.text FROM mentions_fts '
        "JOIN mentions m ON m.id = mentions_fts.rowid JOIN documents d ON d.sha256 = m.sha256 "
        "WHERE mentions_fts MATCH escape_fts(:q) ORDER BY rank LIMIT 200",
    }
    return queries


def metadata() -> dict:
    """Datasette's metadata for the dataset served as :data:`DATABASE`."""
    return {
        "title": "expediente case dataset",
        "description": "US federal criminal filings, extracted with evidence. Start with case_defendants (the "
        "study's unit) or the canned queries; every value links back to its page in case_defendant_values and "
        "mentions_effective. Read-only.",
        "databases": {DATABASE: {"tables": _tables(), "queries": _queries()}},
    }

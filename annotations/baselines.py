"""The best public tools, run the way a plain user would, to score beside our pipeline.

* eyecite's statute finder: ``eyecite.get_citations`` over the same cleaned text the pipeline reads;
  the ``FullLawCitation`` objects whose reporter is the U.S. Code are turned into
  ``title U.S.C. § section(subsections)`` (subsections from the citation's pin cite) and normalised
  with :mod:`extractors.citations`, exactly as our own statutes are.
* courts-db's court lookup: the first line of the first page that names a court, cleaned as courts-db
  advises ("IN THE" removed, ``bankruptcy=False``), passed to ``courts_db.find_court``; its first id.
  A line that only says "UNITED STATES DISTRICT COURT" is joined with the next line (where filings put
  the district), as anyone reading the caption would do.

eyecite is a development dependency: without it :func:`eyecite_available` is False and the report
shows no eyecite column.
"""

from __future__ import annotations

import re
from functools import cache

from expediente.extractors.citations import normalize, normalize_citation

USC_REPORTER = "U.S.C."
_COURT_LINE = re.compile(r"\bDISTRICT\s+COURT\b|\bDistrict\s+of\b|\bCOURT\s+OF\b|\bSUPREME\s+COURT\b", re.IGNORECASE)
_NAMES_DISTRICT = re.compile(r"\bDistrict\s+of\b|\b(?:Northern|Southern|Eastern|Western|Middle|Central)\b", re.I)
_IN_THE = re.compile(r"\bIN\s+THE\b", re.IGNORECASE)
_EDGE_PUNCT = " \t.,:;-_*|"


@cache
def eyecite_available() -> bool:
    try:
        import eyecite  # noqa: F401
    except ImportError:
        return False
    return True


def eyecite_statutes(text: str) -> list[str]:
    """U.S. Code sections eyecite finds in text, normalised like ours (duplicates removed, in order)."""
    from eyecite import get_citations
    from eyecite.models import FullLawCitation

    out: dict[str, None] = {}
    for cite in get_citations(text):
        if not isinstance(cite, FullLawCitation) or cite.corrected_reporter() != USC_REPORTER:
            continue
        title, section = cite.groups.get("title"), cite.groups.get("section")
        if not title or not section:
            continue
        pin = (cite.metadata.pin_cite or "").strip()
        pin = pin if pin.startswith("(") else ""
        normalised = normalize_citation(f"{title} U.S.C. § {section}{pin}")
        if normalised is None and title.isdigit():
            normalised = normalize(title, section)
        if normalised:
            out.setdefault(normalised, None)
    return list(out)


def court_line(first_page: str) -> str | None:
    """The caption line naming the court, as a user would copy it from the first page."""
    lines = [ln.strip(_EDGE_PUNCT) for ln in first_page.splitlines()]
    lines = [ln for ln in lines if ln]
    for i, line in enumerate(lines):
        if _COURT_LINE.search(line):
            if not _NAMES_DISTRICT.search(line) and i + 1 < len(lines):
                return f"{line} {lines[i + 1]}"
            return line
    return None


def clean_court_name(line: str) -> str:
    """Cleaned as courts-db's documentation advises: "IN THE" removed, spaces collapsed."""
    return " ".join(_IN_THE.sub(" ", line).split()).strip(_EDGE_PUNCT)


def courts_db_court(first_page: str) -> str | None:
    """courts-db's first court id for the document's first page, or None when it finds none."""
    from courts_db import find_court

    line = court_line(first_page)
    if line is None:
        return None
    found = find_court(clean_court_name(line), bankruptcy=False)
    return found[0] if found else None

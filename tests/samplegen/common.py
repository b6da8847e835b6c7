"""Shared pieces of the sample-corpus documents: the document spec, seeded phrasing, statute citations
in the many ways filings write them, and page chrome (ECF headers, footers)."""

from __future__ import annotations

import json
import random
from dataclasses import dataclass, field
from pathlib import Path

from tests.samplegen.layout import PAGE_H, PAGE_W, Op

TEMPLATES = Path(__file__).resolve().parent / "templates"


@dataclass
class Cite:
    """One statute citation as charged: a title and its sections ("841(a)(1)", "846")."""

    title: str
    sections: tuple[str, ...]

    def normalised(self) -> list[str]:
        return [f"{self.title} U.S.C. § {s}" for s in self.sections]


@dataclass
class Count:
    label: str
    cites: list[Cite]
    description: str

    def truth(self) -> dict:
        return {"count": self.label, "statutes": statutes(self.cites), "description": self.description}


def statutes(cites: list[Cite]) -> list[str]:
    out: list[str] = []
    for c in cites:
        for s in c.normalised():
            if s not in out:
                out.append(s)
    return out


@dataclass
class Doc:
    """One generated file: how to render it and what it is known to say."""

    file: str
    fmt: str  # pdf, scan, mixed, png, txt, html
    truth: dict
    blocks: list = field(default_factory=list)
    style: object = None
    scanned_pages: set[int] = field(default_factory=set)
    html: str = ""
    seed: int = 0
    note: str = ""


class Phrases:
    """Seeded choice among the phrasing variants in templates/phrases.json."""

    _data: dict | None = None

    def __init__(self, seed: str):
        self.rng = random.Random(seed)
        if Phrases._data is None:
            Phrases._data = json.loads((TEMPLATES / "phrases.json").read_text(encoding="utf-8"))

    def __call__(self, key: str, **kw) -> str:
        return self.rng.choice(self._data[key]).format(**kw)

    def choice(self, options):
        return self.rng.choice(list(options))


def join_and(items: list[str], oxford: bool = False, word: str = "and") -> str:
    if len(items) == 1:
        return items[0]
    if len(items) == 2:
        return f"{items[0]} {word} {items[1]}"
    comma = "," if oxford else ""
    return ", ".join(items[:-1]) + f"{comma} {word} {items[-1]}"


def _short_sections(sections: tuple[str, ...]) -> list[str]:
    """841(a)(1), 841(b)(1)(A)(ii) -> 841(a)(1), (b)(1)(A)(ii): filings drop the repeated number."""
    out = []
    prev_base = None
    for s in sections:
        base = s.split("(", 1)[0]
        if base == prev_base and "(" in s:
            out.append(s[len(base) :])
        else:
            out.append(s)
        prev_base = base
    return out


def cite_text(c: Cite, style: str, oxford: bool = False) -> str:
    """Write a citation the way a filing would. Styles:
    usc: 21 U.S.C. §§ 952, 960 and 963    usc_short: §§ 841(a)(1), (b)(1)(A)(ii)
    title: Title 21, United States Code, Sections 841(a)(1) and 846
    bare: 21 U.S.C. 952 and 960 (no section sign)   judgment: 21 USC § 846   docket: 21:952 and 960
    edny: T. 21, U.S.C., §§ 848(a) and 848(c)"""
    secs = list(c.sections)
    many = len(secs) > 1
    if style == "usc":
        return f"{c.title} U.S.C. {'§§' if many else '§'} {join_and(secs, oxford)}"
    if style == "usc_short":
        return f"{c.title} U.S.C. {'§§' if many else '§'} {join_and(_short_sections(c.sections), oxford)}"
    if style == "title":
        word = "Sections" if many else "Section"
        return f"Title {c.title}, United States Code, {word} {join_and(secs, oxford)}"
    if style == "bare":
        return f"{c.title} U.S.C. {join_and(secs, oxford)}"
    if style == "judgment":
        return f"{c.title} USC § {join_and(secs)}"
    if style == "docket":
        return f"{c.title}:{join_and([s.split('(')[0] for s in secs])}"
    if style == "edny":
        return f"T. {c.title}, U.S.C., {'§§' if many else '§'} {join_and(secs)}"
    raise ValueError(f"unknown citation style {style}")


def cites_text(cites: list[Cite], style: str, oxford: bool = False) -> str:
    parts = [cite_text(c, style, oxford) for c in cites]
    if style == "title":
        return "; ".join(parts)
    return join_and(parts, oxford)


def ecf_header(case: str, doc_no: int, filed: str, pageid: int | None = None, flsd: bool = False):
    """The CM/ECF stamp across the top of every filed page."""

    def chrome(page: int, total: int) -> list[Op]:
        if flsd:
            s = f"Case {case}   Document {doc_no}   Entered on FLSD Docket {filed}   Page {page} of {total}"
        elif pageid is not None:  # N.D. Ill. style
            s = f"Case: {case} Document #: {doc_no} Filed: {filed} Page {page} of {total} PageID #:{pageid + page}"
        else:
            s = f"Case {case}   Document {doc_no}   Filed {filed}   Page {page} of {total}"
        return [Op("text", 306.0 - len(s) * 2.45, 24.0, s, "sans", 9.0)]

    return chrome


def footer(text: str, numbered: bool = True, y: float = PAGE_H - 36.0):
    def chrome(page: int, total: int) -> list[Op]:
        ops = []
        if text:
            ops.append(Op("text", 72.0, y, text, "serif", 9.0))
        if numbered:
            ops.append(Op("text", PAGE_W / 2 - 3.0, y + 12.0, str(page), "serif", 10.0))
        return ops

    return chrome


def combine(*chromes):
    def chrome(page: int, total: int) -> list[Op]:
        ops: list[Op] = []
        for c in chromes:
            ops += c(page, total)
        return ops

    return chrome


def truth_row(**kw) -> dict:
    """A truth row with every export key present, in the export's order."""
    row = {
        "file": None,
        "sha256": None,
        "doc_type": "other",
        "court_id": None,
        "court": None,
        "case_number": None,
        "defendants": [],
        "aliases": [],
        "counts": [],
        "statutes_cited": [],
        "drugs": [],
        "violent_crime_mentions": [],
        "victims": [],
        "benefits": [],
        "custody": "unknown",
        "plea": "unknown",
        "sentence_months": None,
        "public_official": False,
        "date_filed": None,
        "date_arrested": None,
        "date_extradited": None,
        "date_plea": None,
        "date_sentenced": None,
        "nationality": None,
        "organizations": [],
    }
    unknown = set(kw) - set(row)
    if unknown:
        raise KeyError(f"not export keys: {sorted(unknown)}")
    row.update(kw)
    return row


COURTS = {
    "casd": "United States District Court for the Southern District of California",
    "txwd": "United States District Court for the Western District of Texas",
    "dcd": "United States District Court for the District of Columbia",
    "nyed": "United States District Court for the Eastern District of New York",
    "ilnd": "United States District Court for the Northern District of Illinois",
    "txsd": "United States District Court for the Southern District of Texas",
    "azd": "United States District Court for the District of Arizona",
    "flsd": "United States District Court for the Southern District of Florida",
    "nysd": "United States District Court for the Southern District of New York",
}

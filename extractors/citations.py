"""Find and normalise United States Code citations in plain text (no spaCy needed).

``find_citations(text)`` returns one :class:`Citation` per cited section, with the
character offsets of that section in ``text``; ``normalize_citation(s)`` turns one
citation string into the canonical form ``"21 U.S.C. § 841(a)(1)"`` (the evaluation
command uses it to compare gold and predicted statutes).

Forms recognised (the section list grammar is shared by all of them):

* ``21 U.S.C. §§ 952, 960 and 963``, ``Title 18 U.S.C. § 2``, ``21 USC 846``,
  ``18 U.S.C. Section 924(c)``, OCR variants (``U. S. C.``, ``U.S.C.§841``, ``§`` read as
  ``8``, ``S`` or ``$``, ``841 (a)(l)``);
* ``Title 21, United States Code, Sections 841(a)(1) and 846`` (also without "Title");
* ``Sections 841 and 846 of Title 21``;
* PACER count descriptions ``21:952 and 960``, ``8:1326(a) and (b)``, ``18:922G.F``;
* a bare ``§ 3553(a)`` / ``Sections 1956(h) and 1957`` that follows a citation of the
  same sentence (for ``§``: the same paragraph) inherits that citation's title.

Subsection continuations are separate citations of the same section:
``§§ 841(a)(1), (b)(1)(A)(ii), and 846`` gives ``841(a)(1)``, ``841(b)(1)(A)(ii)`` and ``846``;
``§ 1832(a)(1), (2), and (3)`` gives ``1832(a)(1)``, ``1832(a)(2)``, ``1832(a)(3)``.

Not statutes, never returned: Sentencing Guidelines sections (``U.S.S.G. § 5K1.1`` -- a
guideline number like ``2D1.1`` can never parse as a section), Federal Rules, and Code of
Federal Regulations citations (``15 C.F.R. § 764.2``), which are skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from expediente.extractors.patterns import load_json

PATTERNS_FILE = "citation_patterns.json"


@dataclass(frozen=True)
class Citation:
    title: str  # "21"
    section: str  # "841", "960a", "2339B"
    subsections: str  # "(a)(1)" or ""
    start: int  # offsets of this cited section in the searched text
    end: int
    form: str  # usc | title_code | reversed | docket | inherited
    group: int  # citations written in one list share a group number
    group_start: int  # where the whole written citation (title, code, list) starts

    @property
    def normalized(self) -> str:
        return normalize(self.title, self.section, self.subsections)


def normalize(title: str, section: str, subsections: str = "") -> str:
    return f"{int(title)} U.S.C. § {section}{subsections}"


# --- the grammar -------------------------------------------------------------------

_USC = r"U\s?\.?\s?S\s?\.?\s?C(?:\s?\.?\s?A\b\.?|\b\.?|\.)"
_CODE = r"United\s+States\s+Code(?:\s+Annotated)?"
_MARK_WORD = r"(?:Sections?|Secs?\.?|Sects?\.)"
_MARK_SYM = r"(?:§\s?§|§|\$\s?\$|\$)"
_MARK_OCR = r"(?:SS|S|88|8)(?=\s+\d\d)"  # "§" misread by OCR, only before a spaced number
_NOISE = r"(?:[|Il]{1,2}\s+)?"  # a pleading-paper rule read by OCR as "II" or "|"
_MARK = rf"(?:{_NOISE}(?:{_MARK_SYM}|{_MARK_WORD}|{_MARK_OCR}))"
_TITLE = r"(?P<title>[1-9]\d?)"
_SEC = r"\d{1,5}(?:\s\d{1,2}(?=\())?[A-Za-z]{0,2}"  # "225 1(a)": OCR split a section number
_SUB = r"\(\s?[0-9A-Za-z]{1,6}\s?\)"
_SUBS = rf"(?:\s?{_SUB})*"

_USC_FORM = re.compile(
    rf"(?<![\w.:/-])(?:Title\s+)?{_TITLE}\s*,?\s*(?:{_USC}|{_CODE})\s*[.,]?\s*(?:{_MARK}\s*)?(?=\d)",
    re.IGNORECASE,
)
_TITLE_CODE_FORM = re.compile(
    rf"(?:(?<=\W)|^)(?:Title\s+{_TITLE}|(?P<title2>[1-9]\d?)(?=\s*,))\s*,?\s*(?:of\s+the\s+)?{_CODE}"
    rf"\s*,?\s*(?:{_MARK}\s*)?(?=\d)",
    re.IGNORECASE,
)
_CODE_TITLE_FORM = re.compile(
    rf"{_CODE}\s*,?\s*Title\s+{_TITLE}\s*,?\s*(?:{_MARK}\s*)?(?=\d)",
    re.IGNORECASE,
)
_BARE_FORM = re.compile(rf"(?<![\w.])(?P<mark>§\s?§|§|{_MARK_WORD})\s*(?=\d)", re.IGNORECASE)
_REVERSED_TAIL = re.compile(
    rf"\s*,?\s*of\s+(?:the\s+)?Title\s+{_TITLE}(?:\s*,?\s*(?:of\s+the\s+)?(?:{_CODE}|{_USC}))?",
    re.IGNORECASE,
)
_DOCKET_FORM = re.compile(
    r"(?<![\w:/.$-])(?P<title>[1-9]\d?):(?P<sec>\d{2,5})(?P<letter>[A-Za-z]{0,2})"
    rf"(?P<subs>{_SUBS})(?P<suffix>\.[FMP]\b)?",
)

_MARK_AFTER_NOISE = re.compile(rf"\s*{_MARK}?\s*", re.IGNORECASE)
_ITEM = re.compile(rf"\s*(?P<sec>{_SEC})(?![0-9A-Za-z])(?![.:]\d|,\d{{3}})(?P<subs>{_SUBS})")
_SUB_ONLY = re.compile(rf"\s*(?P<subs>(?:\s?{_SUB})+)")
_RANGE = re.compile(r"\s*(?:-|–|through|to)\s*(?P<end>\d{1,5}[A-Za-z]{0,2})(?![0-9A-Za-z])(?![.:]\d)")
_SUB_RANGE = re.compile(rf"\s?[-–]\s?(?P<subs>{_SUB})")
_SEP = re.compile(
    rf"\s*(?:,\s*(?:and/or|and|or|&)?|;\s*(?:and|or)\b|and/or\b|and\b|or\b|&)\s*(?:{_MARK_SYM}|{_MARK_WORD}\s)?",
    re.IGNORECASE,
)

_ROMAN = re.compile(r"^(?:i|ii|iii|iv|v|vi|vii|viii|ix|x|xi|xii)$")
_PARTS = re.compile(r"\(\s?([0-9A-Za-z]{1,6})\s?\)")


@cache
def _vocab() -> dict:
    data = load_json(PATTERNS_FILE)
    return {
        "stop_after": re.compile(data["stop_after_item"], re.IGNORECASE),
        "not_title_before": re.compile(data["not_usc_before"], re.IGNORECASE),
        "bare_blockers": re.compile(data["bare_blockers"], re.IGNORECASE),
        "bare_not_after": re.compile(data["bare_not_followed_by"], re.IGNORECASE),
        "bare_max_gap": data["bare_max_gap"],
        "titles": set(data["usc_titles"]),
        "docket_titles": set(data["docket_form_titles"]),
    }


def _parts(subs: str) -> list[str]:
    return _PARTS.findall(subs)


def _level(part: str, depth_before: int) -> int:
    """Paragraph level of a subsection label: (a)=1, (1)=2, (A)=3, (i)=4, (I)=5."""
    if part.isdigit():
        return 2
    if _ROMAN.match(part) and depth_before >= 3:
        return 4
    if _ROMAN.match(part.lower()) and part.isupper() and depth_before >= 4:
        return 5
    if part.islower():
        return 1
    return 3


def _clean_subs(subs: str) -> str:
    """'(A) (l)' -> '(a)(1)': no spaces, first level lower case, 'l'/'I' read for '1' where a number belongs."""
    out: list[str] = []
    for i, part in enumerate(_parts(subs)):
        if i == 0 and len(part) == 1 and part.isalpha() and part not in "lI":
            part = part.lower()
        elif i == 1 and part in ("l", "I") and out and out[0].isalpha():
            part = "1"
        out.append(part)
    return "".join(f"({p})" for p in out)


def _continue_subs(previous: str, cont: str) -> str:
    """Attach a subsection-only continuation ("(b)(1)") to the previous subsection path ("(a)(1)")."""
    prev = _parts(previous)
    new = _parts(cont)
    if not new:
        return previous
    levels: list[int] = []
    for p in prev:
        levels.append(_level(p, len(levels)))
    first = _level(new[0], len(prev))
    keep = [p for p, lv in zip(prev, levels, strict=False) if lv < first]
    return _clean_subs("".join(f"({p})" for p in keep + new))


@dataclass
class _Item:
    section: str
    subsections: str
    start: int
    end: int


def _parse_list(text: str, pos: int, limit: int | None = None) -> tuple[list[_Item], int]:
    """Read "841(a)(1), (b)(1)(A), and 846" from pos; return the items and where the list ends."""
    end = len(text) if limit is None else min(limit, len(text))
    m = _ITEM.match(text, pos, end)
    for _ in range(2):  # a pleading-paper line number left between the code and the section
        if not m or not _alone_on_line(text, m) or m.group("subs") or len(m.group("sec")) > 2:
            break
        skip = _MARK_AFTER_NOISE.match(text, m.end(), end)
        m = _ITEM.match(text, skip.end() if skip else m.end(), end)
    if not m:
        return [], pos
    if _vocab()["stop_after"].match(text, m.end(), end):
        return [], pos
    items = [_Item(_section(m.group("sec")), _clean_subs(m.group("subs")), m.start("sec"), m.end())]
    return items, _extend_list(text, items, m.end(), end)


def _alone_on_line(text: str, m: re.Match) -> bool:
    start = text.rfind("\n", 0, m.start("sec")) + 1
    stop = text.find("\n", m.end())
    return text[start : len(text) if stop < 0 else stop].strip() == m.group("sec")


def _section(raw: str) -> str:
    return raw.replace(" ", "")


def _extend_list(text: str, items: list[_Item], pos: int, end: int) -> int:
    """Append the list's further sections and subsection continuations to items; return the list's end."""
    stop_after = _vocab()["stop_after"]
    while True:
        r = _SUB_RANGE.match(text, pos, end)
        if r:
            last = items[-1]
            items.append(
                _Item(last.section, _continue_subs(last.subsections, r.group("subs")), r.start("subs"), r.end())
            )
            pos = r.end()
            continue
        r = _RANGE.match(text, pos, end)
        if r and not stop_after.match(text, r.end(), end):
            pos = r.end()  # a range of sections: the first one stands for it
            continue
        s = _SEP.match(text, pos, end)
        if not s:
            return pos
        sub = _SUB_ONLY.match(text, s.end(), end)
        if sub:
            last = items[-1]
            items.append(
                _Item(last.section, _continue_subs(last.subsections, sub.group("subs")), sub.start("subs"), sub.end())
            )
            pos = sub.end()
            continue
        it = _ITEM.match(text, s.end(), end)
        if not it or stop_after.match(text, it.end(), end):
            return pos
        items.append(_Item(_section(it.group("sec")), _clean_subs(it.group("subs")), it.start("sec"), it.end()))
        pos = it.end()


def _valid_title(title: str) -> bool:
    return title in _vocab()["titles"]


def _docket_citations(text: str) -> list[tuple[int, str, list[_Item], int]]:
    """PACER count descriptions: '21:952 and 960', '8:1326(a) and (b)(1)', '18:922G.F'."""
    out = []
    for m in _DOCKET_FORM.finditer(text):
        title, sec, letter, suffix = m.group("title"), m.group("sec"), m.group("letter"), m.group("suffix")
        if title not in _vocab()["docket_titles"]:
            continue
        if not suffix and (len(sec) < 3 or re.match(r"\s?(?:[ap]\.?m\b|[-–]\d)", text[m.end() : m.end() + 5], re.I)):
            continue  # a clock time or a transcript page:line reference
        if letter and len(letter) > 1:
            continue
        subs = _clean_subs(m.group("subs"))
        section = sec
        if letter:
            if suffix and not _known_lettered(title, sec + letter):
                subs = f"({letter.lower()})" + subs  # '922G.F' is 922(g), a felony count
            else:
                section = sec + letter
        items = [_Item(section, subs, m.start("sec"), m.end())]
        pos = _extend_list(text, items, m.end(), min(len(text), m.end() + 200))
        out.append((m.start(), title, items, pos))
    return out


@cache
def _lettered_sections() -> frozenset[tuple[str, str]]:
    data = load_json("statute_taxonomy.json")
    return frozenset(
        (e["title"], e["section"].lower()) for e in data["entries"] if "section" in e and e["section"][-1].isalpha()
    )


def _known_lettered(title: str, section: str) -> bool:
    return (title, section.lower()) in _lettered_sections()


def _canonical_section(title: str, section: str) -> str:
    """'960A' -> '960a', '2339b' -> '2339B' where the taxonomy knows the section's spelling."""
    if not section[-1].isalpha():
        return section
    for t, s in _canonical_spellings():
        if t == title and s.lower() == section.lower():
            return s
    return section


@cache
def _canonical_spellings() -> tuple[tuple[str, str], ...]:
    data = load_json("statute_taxonomy.json")
    return tuple((e["title"], e["section"]) for e in data["entries"] if "section" in e and e["section"][-1].isalpha())


def find_citations(text: str) -> list[Citation]:
    """Every United States Code section cited in text, in order of position."""
    v = _vocab()
    found: list[Citation] = []
    taken: list[tuple[int, int]] = []
    group = 0

    def overlaps(a: int, b: int) -> bool:
        return any(a < e and s < b for s, e in taken)

    def emit(title: str, items: list[_Item], form: str, gstart: int, gend: int) -> None:
        nonlocal group
        if not items or not _valid_title(title) or overlaps(gstart, gend):
            return
        group += 1
        taken.append((gstart, gend))
        for i, it in enumerate(items):
            start = gstart if i == 0 else it.start
            sec = _canonical_section(title, it.section)
            found.append(Citation(str(int(title)), sec, it.subsections, start, it.end, form, group, gstart))

    for rx, form in ((_TITLE_CODE_FORM, "title_code"), (_CODE_TITLE_FORM, "title_code"), (_USC_FORM, "usc")):
        for m in rx.finditer(text):
            title = m.group("title") or (m.groupdict().get("title2") or "")
            if not title:
                continue
            if form == "usc" and v["not_title_before"].search(text[max(0, m.start() - 12) : m.start()]):
                continue
            items, end = _parse_list(text, m.end())
            emit(title, items, form, m.start(), end)

    for start, title, items, end in _docket_citations(text):
        emit(title, items, "docket", start, end)

    # "Sections 841 and 846 of Title 21" and bare sections after a titled citation
    for m in _BARE_FORM.finditer(text):
        if overlaps(m.start(), m.end()):
            continue
        items, end = _parse_list(text, m.end())
        if not items or overlaps(m.start(), end):
            continue
        tail = _REVERSED_TAIL.match(text, end)
        if tail:
            emit(tail.group("title"), items, "reversed", m.start(), tail.end())
            continue
        if v["bare_not_after"].match(text, end):
            continue
        title = _inherited_title(text, m.start(), m.group("mark"), found)
        if title:
            emit(title, items, "inherited", m.start(), end)
    found.sort(key=lambda c: (c.start, c.end))
    return found


_CODE_BEFORE = re.compile(rf"(?:{_USC}|{_CODE})\s*,?\s*$", re.IGNORECASE)
_ABBREV = re.compile(r"\b[A-Za-z]{1,4}\.|\bet\s+seq\.")
_SENT_END = re.compile(r"[.!?][\"”’)]?\s+[A-Z(\"“]")


def _inherited_title(text: str, start: int, mark: str, found: list[Citation]) -> str | None:
    """Title of the closest earlier citation in the same sentence (for '§': the same paragraph)."""
    v = _vocab()
    before = [c for c in found if c.end <= start and c.form != "docket"]
    if not before:
        return None
    prev = max(before, key=lambda c: c.end)
    gap = text[prev.end : start]
    if len(gap) > v["bare_max_gap"] or "\n\n" in gap or v["bare_blockers"].search(gap):
        return None
    if v["bare_blockers"].search(text[max(0, start - 30) : start]):
        return None
    if _CODE_BEFORE.search(text, max(0, start - 20), start):
        return None  # '... U.S.C. § 2461' whose title was split off by a column layout: title unknown
    symbol = "§" in mark or "$" in mark
    if not symbol and _SENT_END.search(_ABBREV.sub("", gap)):
        return None
    return prev.title


def normalize_citation(raw: str) -> str | None:
    """Canonical form of the first citation in raw ('21 usc 841(a)(1)' -> '21 U.S.C. § 841(a)(1)')."""
    cites = find_citations(raw)
    return cites[0].normalized if cites else None


def normalize_all(raw: str) -> list[str]:
    """Canonical forms of every citation in raw, in order, without duplicates."""
    seen: dict[str, None] = {}
    for c in find_citations(raw):
        seen.setdefault(c.normalized, None)
    return list(seen)


@dataclass(frozen=True)
class StatuteInfo:
    category: str
    description: str
    group: str | None
    charge: bool  # False for procedural, sentencing, definitional and forfeiture provisions


class Taxonomy:
    """The statute table (extractors/data/statute_taxonomy.json): title + section -> category."""

    def __init__(self, data: dict):
        self._non_charge = set(data["non_charge_categories"])
        self._default = data["default"]
        self._exact: dict[tuple[str, str], list[dict]] = {}
        self._ranges: list[dict] = []
        for entry in data["entries"]:
            if "range" in entry:
                self._ranges.append(entry)
            else:
                self._exact.setdefault((entry["title"], entry["section"].lower()), []).append(entry)

    @classmethod
    def load(cls, name: str = "statute_taxonomy.json") -> Taxonomy:
        return cls(load_json(name))

    def lookup(self, title: str, section: str, subsections: str = "") -> StatuteInfo:
        title = str(int(title))
        entries = self._exact.get((title, section.lower()), [])
        # most specific first: an entry for a subsection prefix beats the section's general entry
        best = None
        for e in entries:
            sub = e.get("subsection", "")
            if subsections.startswith(sub) and (best is None or len(sub) > len(best.get("subsection", ""))):
                best = e
        if best is None:
            num = _leading_number(section)
            for e in self._ranges:
                lo, hi = (_leading_number(x) for x in e["range"])
                if e["title"] == title and num is not None and lo <= num <= hi:
                    best = e
                    break
        best = best or self._default
        cat = best["category"]
        return StatuteInfo(cat, best.get("description", ""), best.get("group"), cat not in self._non_charge)


def _leading_number(section: str) -> int | None:
    m = re.match(r"\d+", section)
    return int(m.group()) if m else None

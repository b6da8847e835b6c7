"""Court names to courts-db ids, without spaCy (the evaluation command reuses this).

The 94 federal district courts are read at run time from the data courts-db ships in
its package (id, citation string such as "S.D. Cal.", location). From those we build
a deterministic table (direction, state) -> id, and patterns for every way filings
name a district:

- "Southern District of California", "DISTRICT OF MASSACHUSETTS", "District of Columbia";
- PACER's "California Northern District";
- citation abbreviations "S.D.N.Y.", "W.D. Tenn.", "D. Mass." and acronyms "SDNY".

courts-db's own ``find_court`` is kept as a fallback (it needs a cleaned name: "IN THE",
"FOR THE", divisions removed) and is what identifies state courts ("Supreme Court of
the State of New York" -> "nysupct"). A state court is never mapped to a federal id.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from expediente.extractors.caption import CaptionPatterns, Head
from expediente.extractors.patterns import load_json

ALIASES_FILE = "court_aliases.json"
VENUES_FILE = "court_venues.json"

DIRECTIONS = {
    "N": "Northern",
    "S": "Southern",
    "E": "Eastern",
    "W": "Western",
    "M": "Middle",
    "C": "Central",
}
_CITATION = re.compile(r"^(?:(?P<dir>[NSEWMC])\.\s?D\.|D\.)\s?(?P<state>.+)$")
_DISTRICT_ID = re.compile(r"^[a-z]{2,3}[nsewmc]?d$")


class CourtNotFound(LookupError):
    """No court could be identified in the given name."""


@dataclass(frozen=True)
class District:
    id: str
    state: str  # "California", "Columbia" for D.C.
    direction: str | None  # "Southern", ... or None for a single-district state
    citation: str  # "S.D. Cal."

    @property
    def name(self) -> str:
        where = self.state
        if self.state in ("Virgin Islands", "Northern Mariana Islands"):
            where = f"the {self.state}"
        if self.direction:
            return f"United States District Court for the {self.direction} District of {where}"
        return f"United States District Court for the District of {where}"


@dataclass(frozen=True)
class CourtMatch:
    id: str  # courts-db id, or "state" for a state court courts-db does not know
    name: str  # full court name
    federal: bool
    start: int = 0  # offsets of the words that named the court in the searched text
    end: int = 0


def _aliases() -> dict:
    return load_json(ALIASES_FILE)


@cache
def districts() -> dict[str, District]:
    """The active federal district courts, by courts-db id (94 of them)."""
    import courts_db

    state_names = _aliases()["state_names"]
    found: dict[str, District] = {}
    for court in courts_db.courts:
        if court.get("system") != "federal" or not _DISTRICT_ID.match(court["id"]):
            continue
        cite = (court.get("citation_string") or "").strip()
        location = court.get("location") or ""
        state = state_names.get(location, location)
        m = _CITATION.match(cite)
        if m:
            direction = DIRECTIONS.get(m["dir"]) if m["dir"] else None
        elif court["id"] == "nmid":
            direction = None
        else:
            continue
        found[court["id"]] = District(court["id"], state, direction, cite)
    # a state split into districts has no "District of <State>" court any more (courts-db keeps the
    # historic undivided courts; its end dates are not reliable enough to filter on: see njd)
    split = {d.state for d in found.values() if d.direction}
    return {k: d for k, d in found.items() if not (d.direction is None and d.state in split)}


@cache
def _table() -> dict[tuple[str | None, str], District]:
    return {(d.direction, d.state.lower()): d for d in districts().values()}


def district(state: str, direction: str | None = None) -> District | None:
    """The district court of ``state`` ("California", "N.Y.") and ``direction`` ("Southern", "S")."""
    st = _state_key(state)
    if st is None:
        return None
    if direction:
        direction = DIRECTIONS.get(direction[0].upper()) if len(direction) <= 2 else direction.title()
    return _table().get((direction, st))


def name_of(court_id: str) -> str | None:
    d = districts().get(court_id)
    if d:
        return d.name
    import courts_db

    court = courts_db.court_dict.get(court_id)
    return court["name"] if court else None


def all_names() -> list[tuple[str, str]]:
    """(id, name) of every court expediente knows: the federal districts, then the rest of courts-db."""
    import courts_db

    names = {d.id: d.name for d in districts().values()}
    for court_id, court in courts_db.court_dict.items():
        names.setdefault(court_id, court["name"])
    return sorted(names.items())


# ------------------------------------------------------------------ patterns
@cache
def _state_spellings() -> dict[str, str]:
    """Lower-cased spelling -> canonical state name (names, citation abbreviations, variants)."""
    out: dict[str, str] = {}
    for d in districts().values():
        out[d.state.lower()] = d.state
        m = _CITATION.match(d.citation)
        if m:
            abbrev = m["state"].strip()
            out[abbrev.lower()] = d.state
            out[abbrev.replace(" ", "").lower()] = d.state
    for state, variants in _aliases()["state_variants"].items():
        for v in variants:
            out[v.lower()] = state
    return out


def _state_key(text: str) -> str | None:
    t = " ".join(text.split()).lower()
    state = _state_spellings().get(t) or _state_spellings().get(t.rstrip(".") + ".")
    return state.lower() if state else None


def _alternation(words) -> str:
    parts = sorted({w for w in words}, key=len, reverse=True)
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in parts)


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    names = sorted({d.state for d in districts().values()})
    states = _alternation(names)
    dirs = "|".join(DIRECTIONS.values())
    abbrevs = set()
    for d in districts().values():
        m = _CITATION.match(d.citation)
        if m:
            abbrevs.add(m["state"].strip())
    abbrev_alt = "|".join(
        re.escape(a).replace(r"\ ", "").replace(r"\.", r"\.\s?") for a in sorted(abbrevs, key=len, reverse=True)
    )
    acronyms = "|".join(sorted(_aliases()["acronyms"], key=len, reverse=True))
    return {
        "of": re.compile(rf"\b(?:(?P<dir>{dirs})\s+)?District\s+of\s+(?:the\s+)?(?P<state>{states})\b", re.IGNORECASE),
        "pacer": re.compile(rf"\b(?P<state>{states})\s*,?\s+(?P<dir>{dirs})\s+District\b", re.IGNORECASE),
        "cite": re.compile(rf"(?<![\w.])(?:(?P<dir>[NSEWMC])\.\s?)?D\.\s?(?P<state>{abbrev_alt})(?![A-Za-z])"),
        "acronym": re.compile(rf"\b(?P<acr>{acronyms})\b"),
        # PACER page headers name the court by id: "CM/ECF - casd", "U.S. District Court:utd", "CAND-ECF"
        "ecf": re.compile(
            r"(?:CM/ECF\s*-\s*(?:U\.S\.\s+District\s+Court\s*:\s*)?|District\s+Court\s*:\s*)(?P<id>[a-z]{2,4})\b"
            r"|\b(?P<ID>[A-Z]{2,4})-ECF\b"
        ),
    }


def find_districts(text: str) -> list[CourtMatch]:
    """Every reference to a federal district in ``text``, in order (overlaps removed)."""
    pats = _patterns()
    out: list[CourtMatch] = []
    for key in ("of", "pacer"):
        for m in pats[key].finditer(text):
            d = district(m["state"], m["dir"])
            if d:
                out.append(CourtMatch(d.id, d.name, True, m.start(), m.end()))
    for m in pats["cite"].finditer(text):
        d = district(re.sub(r"\s", "", m["state"]), m["dir"])
        if d:
            out.append(CourtMatch(d.id, d.name, True, m.start(), m.end()))
    for m in pats["acronym"].finditer(text):
        d = districts().get(_aliases()["acronyms"][m["acr"]])
        if d:
            out.append(CourtMatch(d.id, d.name, True, m.start(), m.end()))
    for m in pats["ecf"].finditer(text):
        d = districts().get((m["id"] or m["ID"] or "").lower())
        if d:
            out.append(CourtMatch(d.id, d.name, True, m.start(), m.end()))
    out.sort(key=lambda c: (c.start, -(c.end - c.start)))
    kept: list[CourtMatch] = []
    for c in out:
        if kept and c.start < kept[-1].end:
            continue
        kept.append(c)
    return kept


# ------------------------------------------------------------------- venues
@cache
def _venues() -> tuple[re.Pattern[str], re.Pattern[str], dict[str, str]]:
    cfg = load_json(VENUES_FILE)
    return re.compile(cfg["venue"]), re.compile(cfg["state_office"]), cfg["cities"]


def find_venue(text: str) -> CourtMatch | None:
    """The court a text without a caption says its case is in: a city seating a federal district court
    after "grand jury in", "federal court in" ("... in Tucson"), or a single-district state's "Colorado U.S.
    Attorney's Office"; the first one named."""
    venue, office, cities = _venues()
    found: list[CourtMatch] = []
    for m in venue.finditer(text):
        words = m["city"].split()
        # the longest known city at the start of the capitalised run ("Salt Lake City", "Denver Division")
        city = next((" ".join(words[:n]) for n in range(len(words), 0, -1) if " ".join(words[:n]) in cities), None)
        d = districts().get(cities[city]) if city else None
        if d:
            start = m.start("city")
            found.append(CourtMatch(d.id, d.name, True, start, start + len(city)))
    for m in office.finditer(text):
        d = district(m["state"])  # a state with one district only ("Colorado"); None for the others
        if d:
            found.append(CourtMatch(d.id, d.name, True, m.start("state"), m.end("state")))
    return min(found, key=lambda c: c.start, default=None)


# -------------------------------------------------------------- state courts
def _squash(text: str) -> tuple[str, list[int]]:
    """Upper-case letters only, with each letter's offset in ``text`` (undoes letter-spacing)."""
    letters, offsets = [], []
    for i, ch in enumerate(text):
        if ch.isalpha():
            letters.append(ch.upper())
            offsets.append(i)
    return "".join(letters), offsets


@cache
def _state_court_pattern() -> re.Pattern[str]:
    kinds = "|".join(k.upper().replace(" ", "") for k in _aliases()["state_court_kinds"])
    states = "|".join(sorted({d.state.upper().replace(" ", "") for d in districts().values()}, key=len, reverse=True))
    return re.compile(
        rf"(?:(?P<kind>{kinds})COURTOF(?:THE)?(?P<sov>STATEOF|COMMONWEALTHOF)?(?P<state>{states})"
        rf"|(?P<state2>{states})(?P<kind2>{kinds})COURT)"
    )


def _canonical_state(squashed: str) -> str:
    for d in districts().values():
        if d.state.upper().replace(" ", "") == squashed:
            return d.state
    return squashed.title()


def find_state_court(text: str) -> CourtMatch | None:
    """The first state court named in ``text`` ("SUPREME COURT OF THE STATE OF NEW YORK"), if any.

    Letter-spaced headings ("S UP R EME C OURT OF ...") are matched too.
    """
    squashed, offsets = _squash(text)
    m = _state_court_pattern().search(squashed)
    if not m:
        return None
    kind = (m["kind"] or m["kind2"]).title()
    kind = "Common Pleas" if kind == "Commonpleas" else kind
    state = _canonical_state(m["state"] or m["state2"])
    sovereign = "Commonwealth" if m["sov"] == "COMMONWEALTHOF" else "State"
    name = f"{kind} Court of the {sovereign} of {state}"
    ids = [i for i in courts_db_lookup(name) if i not in districts()]
    start, end = offsets[m.start()], offsets[m.end() - 1] + 1
    if len(ids) == 1:
        return CourtMatch(ids[0], name, False, start, end)
    return CourtMatch("state", name, False, start, end)


# ------------------------------------------------------------------ caption
def caption_court(text: str, head: Head, p: CaptionPatterns) -> tuple[CourtMatch, float] | None:
    """The court a document is filed in, and how sure: a district named in the caption block of the first
    page counts most, one named elsewhere on that page less; the rest of the text is searched only when
    the first page names no court, and counts little. A state court on the first page wins over a district
    the caption does not name, or one named after it. The venue a text gives ("a federal grand jury in
    Denver", "U.S. District Court in Chicago") wins where no caption names a court, or where it comes before
    the district the text names first (a release names the office that prosecutes, or another case)."""
    best: tuple[CourtMatch, float] | None = None
    state = find_state_court(text[: head.end])
    matches = find_districts(text[: head.end])
    if not matches and not state:
        matches = find_districts(text)
    for match in matches:
        if match.start in head:
            before = text[max(0, match.start - 160) : match.start]
            caption = p.court_context.search(before) or p.court_context.search(text[match.end : match.end + 40])
            score = p.conf["court_caption"] if caption else p.conf["court_head"]
        else:
            score = p.conf["court_body"]
        if best is None or score > best[1]:
            best = (match, score)
    if state and (best is None or best[1] < p.conf["court_caption"] or state.start < best[0].start):
        return state, p.conf["state_court"]
    # where the text says the case is: before a district named only in passing, or before the caption's
    captioned = best is not None and best[1] >= p.conf["court_caption"]
    venue = find_venue(text[: best[0].start] if captioned else text)  # a caption's text is rarely read past
    if venue is not None:
        return venue, p.conf["court_venue"]
    return best


# ------------------------------------------------------------------- lookup
def clean_name(name: str) -> str:
    """A court name as courts-db wants it: no "IN THE"/"FOR THE", no division, no trailing clause."""
    text = " ".join(name.split())
    text = re.sub(r"^\s*in\s+the\s+", "", text, flags=re.IGNORECASE)
    text = re.sub(r"\([^)]*\)", " ", text)
    text = re.sub(r",?\s*\b[\w.]+(?:\s+[\w.]+)?\s+Division\b.*$", "", text, flags=re.IGNORECASE)
    text = re.sub(r"\bfor\s+the\b", " ", text, flags=re.IGNORECASE)
    text = re.sub(r"\bU\.\s?S\.\s", "United States ", text)
    return " ".join(text.split()).strip(" ,.")


@cache
def courts_db_lookup(name: str) -> tuple[str, ...]:
    """Plain courts-db on a cleaned name (the baseline the evaluation compares against)."""
    from courts_db import find_court

    cleaned = clean_name(name)
    if not cleaned:
        return ()
    return tuple(find_court(cleaned, bankruptcy=False))


@cache
def _parent_ids() -> frozenset[str]:
    """Ids that only group other courts ("usdistct"): never an answer."""
    import courts_db

    return frozenset(c["parent"] for c in courts_db.courts if c.get("parent"))


def lookup(name: str) -> CourtMatch:
    """The court a name refers to: the district table first, then courts-db.

    Raises :class:`CourtNotFound` when neither recognises it.
    """
    state = find_state_court(name)
    hits = find_districts(name)
    if state and (not hits or state.start <= hits[0].start):
        return state
    if hits:
        return hits[0]
    ids = [i for i in courts_db_lookup(name) if i not in _parent_ids()]
    if len(ids) == 1:
        import courts_db

        court = courts_db.court_dict[ids[0]]
        federal = court.get("system") == "federal"
        return CourtMatch(ids[0], name_of(ids[0]) or court["name"], federal, 0, len(name))
    raise CourtNotFound(f"no court recognised in {name!r}")

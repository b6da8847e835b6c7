"""Who a press release announces: the subjects of its case events.

A release names its defendants without a caption, as the subjects of what happened to them: "Juan Pérez
García, 45, of Culiacán, Sinaloa, was sentenced today ...", "A, aka X, 28, and B, 33, both of San Luis
Potosí, were charged ...", "WASHINGTON - C, the alleged leader of ..., was extradited ...". Each event
(``event`` in extractors/data/press_patterns.json) is read back to the start of its sentence; the subject
is split into conjuncts, and a conjunct names a person when it opens with a name and is the subject's first,
follows "and", or is followed by an age or an alias cue (so "of Tijuana, Baja California" is a place, not a
co-defendant). Appositives ("a former commander of ...") and organisations are not names. Given names
joined before one surname name one person each ("brothers Pedro and Margarito Flores").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from expediente.extractors.caption import CaptionPatterns
from expediente.extractors.names import Party, aliases_in, display_name, name_at, valid_name
from expediente.extractors.patterns import load_json


@dataclass(frozen=True)
class PressPatterns:
    start: re.Pattern
    chars: int
    event: re.Pattern
    dateline: re.Pattern
    separator: re.Pattern
    age: re.Pattern
    alias_cue: re.Pattern
    role: re.Pattern
    roster: re.Pattern
    titled: re.Pattern
    listing: re.Pattern
    listed: re.Pattern
    boundary: re.Pattern
    abbreviations: frozenset[str]
    not_name: frozenset[str]
    confidence: float


@cache
def press_patterns() -> PressPatterns:
    cfg = load_json("press_patterns.json")
    return PressPatterns(
        start=re.compile(cfg["start"]),
        chars=cfg["chars"],
        event=re.compile(cfg["event"], re.IGNORECASE),
        dateline=re.compile(cfg["dateline"]),
        separator=re.compile(cfg["separator"]),
        age=re.compile(cfg["age"], re.IGNORECASE),
        alias_cue=re.compile(cfg["alias_cue"], re.IGNORECASE),
        role=re.compile(cfg["role"], re.IGNORECASE),
        roster=re.compile(cfg["roster"]),
        titled=re.compile(cfg["titled"]),
        listing=re.compile(cfg["listing"], re.IGNORECASE),
        listed=re.compile(cfg["listed"]),
        boundary=re.compile(r"\n|(?P<word>[\w.]*)[.!?][\"”’]?\s+(?=[\"“A-ZÀ-Þ])"),
        abbreviations=frozenset(cfg["abbreviations"]),
        not_name=frozenset(w.upper() for w in cfg["not_name"]),
        confidence=cfg["confidence"],
    )


def release_region(text: str) -> tuple[int, int]:
    """Where the release itself is read: from its "FOR IMMEDIATE RELEASE" (or the start), ``chars`` long."""
    pp = press_patterns()
    m = pp.start.search(text)
    start = m.start() if m else 0
    return start, min(len(text), start + pp.chars)


def _boundaries(text: str, lo: int, hi: int):
    """The line breaks and sentence ends in text[lo:hi] (not after an abbreviation or an initial)."""
    pp = press_patterns()
    for m in pp.boundary.finditer(text, lo, hi):
        word = m["word"] or ""
        if not (word in pp.abbreviations or (len(word) == 1 and word.isupper())):
            yield m


def _sentence_start(text: str, lo: int, pos: int) -> int:
    """After the last line break or sentence end before ``pos``."""
    return max((m.end() for m in _boundaries(text, lo, pos)), default=lo)


def _pieces(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """The subject's conjuncts and appositives: (start, end, the separator before it)."""
    out, at, sep = [], start, ""
    for m in press_patterns().separator.finditer(text, start, end):
        out.append((at, m.start(), sep))
        at, sep = m.end(), m.group(0)
    out.append((at, end, sep))
    return [(s, e, sep) for s, e, sep in out if text[s:e].strip()]


_GIVEN_NAME_LAST = re.compile(r"(?<![\w-])[A-ZÀ-Þ][a-zà-ÿ]+$")  # a capitalised word alone, ending a conjunct
_COMPOUND_SURNAME = re.compile(r"[A-ZÀ-Þ][\w'’]+-[A-ZÀ-Þ][\w'’]+")


def is_person_name(p: CaptionPatterns, raw: str, *, surname: bool = False) -> bool:
    """A person's name (no organisation, office, place word or date), or with ``surname`` also a compound
    surname alone ("Zambada-Niebla"), which the document's fuller writing of it later expands."""
    words = {w.strip(",.'’").upper() for w in raw.split()}
    if words & press_patterns().not_name:
        return False
    return valid_name(p, raw, caps_required=False) or (surname and bool(_COMPOUND_SURNAME.fullmatch(raw)))


def strip_dateline(raw: str) -> str:
    """A name without the dateline glued to it ("WASHINGTON-Eduardo Arellano-Felix")."""
    m = press_patterns().dateline.match(raw)
    return raw[m.end() :] if m else raw


def event_subjects(p: CaptionPatterns, text: str) -> list[Party]:
    """The people a release says were charged, arrested, extradited, convicted or sentenced."""
    pp = press_patterns()
    lo, hi = release_region(text)
    out: list[Party] = []
    for ev in pp.event.finditer(text, lo, hi):
        start = _sentence_start(text, lo, ev.start())
        dateline = pp.dateline.match(text, start, ev.start())
        if dateline:
            start = dateline.end()
        pieces = _pieces(text, start, ev.start())
        named: list[tuple[str, int, int]] = []
        given: tuple[str, int, int] | None = None  # "Pedro" of "Pedro and Margarito Flores": Pedro Flores
        for i, (s, e, sep) in enumerate(pieces):
            s += len(text[s:e]) - len(text[s:e].lstrip())
            e = s + len(text[s:e].strip())
            before = text[pieces[i - 1][0] : pieces[i - 1][1]].strip() if i else ""
            after = text[pieces[i + 1][0] : pieces[i + 1][1]].strip() if i + 1 < len(pieces) else ""
            # a person opens the subject, follows "and" (not an alias's "and") or a role ("Another defendant,"),
            # or has an age or alias after it
            opens = i == 0 or ("and" in sep and not pp.alias_cue.match(before)) or bool(pp.role.match(before))
            if pp.alias_cue.match(text[s:e]) or not (opens or pp.age.match(after) or pp.alias_cue.match(after)):
                continue  # an alias ("a.k.a. Flaco") is no person of its own
            found = name_at(p, text, s, e)
            lone = _GIVEN_NAME_LAST.search(text[s:e])
            if found and found[2] == e and is_person_name(p, found[0], surname=True):
                named.append(found)  # else not a name alone ("the alleged leader of ...", "Baja California")
                if given and "and" in sep and len(found[0].split()) >= 2:  # after the name written in full
                    shared = f"{given[0]} {found[0].split(maxsplit=1)[1]}"
                    if is_person_name(p, shared):
                        named.append((shared, given[1], given[2]))
                given = None
            elif lone and i + 1 < len(pieces) and "and" in pieces[i + 1][2]:
                given = (lone.group(0), s + lone.start(), s + lone.end())
            else:
                given = None
        for k, (raw, ns, ne) in enumerate(named):
            stop = named[k + 1][1] if k + 1 < len(named) else ev.start()  # aliases run to the next person
            out.append(Party(display_name(p, raw), ns, ne, pp.confidence, aliases_in(p, text, ne, stop)))
    for m in pp.roster.finditer(text, lo, hi):  # a list of the defendants, one per line
        out += _party(p, text, m["name"], m.start("name"), m.end("name"), _line_end(text, m.end(), hi))
    for m in pp.titled.finditer(text, lo, hi):  # "Defendant Antonio Ruiz allegedly served as ..."
        found = name_at(p, text, m.end(), min(hi, m.end() + 80))
        if found and not _headline(text, m.start()):
            out += _party(p, text, *found, found[2])
    for m in pp.listing.finditer(text, lo, hi):  # "co-defendants: A, 44, who ...; B, age unknown; and C, 27"
        end = _sentence_end(text, m.end(), hi)
        for item in pp.listed.finditer(text, m.end(), end):
            out += _party(p, text, item["name"], item.start("name"), item.end("name"), end)
    return out


def _party(p: CaptionPatterns, text: str, raw: str, start: int, end: int, stop: int) -> list[Party]:
    """The person named text[start:end], with the aliases written up to ``stop``; none if it is no name."""
    if not is_person_name(p, raw):
        return []
    return [Party(display_name(p, raw), start, end, press_patterns().confidence, aliases_in(p, text, end, stop))]


def _headline(text: str, pos: int) -> bool:
    """Whether the line at ``pos`` is a headline (most of its words capitalised), where any word may look
    like a name ("Defendant Operated Out of the United States")."""
    start = text.rfind("\n", 0, pos) + 1
    words = [w for w in text[start : _line_end(text, pos, len(text))].split() if w[:1].isalpha()]
    return len(words) >= 4 and sum(w[0].isupper() for w in words) >= 0.7 * len(words)


def _line_end(text: str, pos: int, hi: int) -> int:
    end = text.find("\n", pos, hi)
    return end if end >= 0 else hi


def _sentence_end(text: str, pos: int, hi: int) -> int:
    """Where the sentence running at ``pos`` ends (its full stop, or the line break)."""
    m = next(_boundaries(text, pos, hi), None)
    return m.start() + len(m["word"] or "") + 1 if m else hi

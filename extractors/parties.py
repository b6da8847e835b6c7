"""The document's defendants and their aliases, and whose outcome a sentence tells.

:func:`read_parties` reads the defendants from, in order: the caption block between "v." and
"Defendant(s)" (:mod:`extractors.caption_block`); a PACER docket's "Defendant (1)" sections; AO 245B
page headers ("DEFENDANT: NAME"); a press release's first paragraphs; an inline "RE: United States v.
Name"; and, whatever the caption gave, the charging language ("the defendants, A, B, and C, did
knowingly ...", "Defendant NAME was a resident of ..."), which names them when the caption pages are
missing. A surname-only defendant ("v. Parnas, et al.") takes the one fuller name the document writes
for it. Aliases come from the caption's party column, a docket's "also known as" lines, and the body
wherever a defendant's name (or the end of it) is followed by an alias cue or "used the moniker(s) ...";
an alias never goes to a name that is not a defendant's.

Memoranda and transcripts recount co-defendants' pleas and other cases' verdicts ("O'Dell pleaded
guilty to Counts 42 and 44"); components that read outcomes ask :func:`subject_is_someone_else` before
crediting them to the case.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from expediente.extractors import casefold
from expediente.extractors.caption import CaptionPatterns, Head, line_spans
from expediente.extractors.caption_block import caption_parties
from expediente.extractors.findings import of
from expediente.extractors.names import (
    Alias,
    Party,
    aliases_in,
    display_name,
    ends_with_tokens,
    name_key,
    quoted_run,
    valid_name,
)
from expediente.extractors.press import event_subjects, is_person_name, release_region, strip_dateline

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]+")
_NAME = re.compile(r"\b[A-Z][A-Za-z]*['’]?[A-Z]?[a-z]+(?:-[A-Z][a-z]+)?\b|\b[A-Z]{3,}(?:['’-][A-Z]+)*\b")
SELF_WORDS = {"defendant", "defendants", "he", "she", "they", "you", "i", "we"}


def read_parties(p: CaptionPatterns, text: str, doc_type: str | None, head: Head) -> list[Party]:
    """The defendants of a document, one per person, each with its aliases."""
    parties: list[Party] = []
    opening = min(len(text), head.start + p.head_chars)  # the first paragraphs, however paginated
    if doc_type == "docket" or re.search(r"CRIMINAL\s+DOCKET\s+FOR\s+CASE", text[:opening]):
        parties += _docket_parties(p, text)
    if not parties:
        parties += caption_parties(p, text, head)
    parties += _page_header_parties(p, text)
    is_press = doc_type == "press_release" or re.search(
        r"PRESS\s+RELEASE|For\s+Immediate\s+Release", text[:opening], re.IGNORECASE
    )
    if is_press and not parties:
        parties += event_subjects(p, text) + _press_parties(p, text, *release_region(text))
    if not parties:
        parties += _inline_parties(p, text, opening)
    parties = merge(parties + _body_parties(p, text))
    _expand_surnames(p, text, parties)
    parties = merge(parties)
    _body_aliases(p, text, parties)
    return parties


def merge(parties: list[Party]) -> list[Party]:
    """One party per person: the first reading kept, later readings' aliases added to it."""
    kept: list[Party] = []
    for party in parties:
        key = name_key(party.name)
        if not key:
            continue
        dup = next((k for k in kept if name_key(k.name) == key), None)
        if dup is None:
            tokens = set(name_key(t) for t in party.name.split())
            dup = next((k for k in kept if tokens and tokens <= {name_key(t) for t in k.name.split()}), None)
        if dup is not None:
            seen = {name_key(a[0]) for a in dup.aliases}
            dup.aliases += [a for a in party.aliases if name_key(a[0]) not in seen]
            continue
        kept.append(party)
    return kept


# dockets -----------------------------------------------------------------------------------------
def _docket_parties(p: CaptionPatterns, text: str) -> list[Party]:
    parties = []
    for m in p.docket_defendant.finditer(text):
        raw = " ".join(m["name"].split())
        raw = re.split(r"\s+represented\s+by\b|\s+TERMINATED\b", raw)[0].strip(" ,")
        if not valid_name(p, raw, caps_required=False):
            continue
        section_end = p.docket_section_end.search(text, m.end("name"))
        stop = section_end.start() if section_end else min(len(text), m.end() + 600)
        aliases = []
        for am in p.docket_alias.finditer(text, m.end("name"), stop):
            aliases += _docket_alias_lines(p, text, am.start("alias"), stop)
        s = m.start("name")
        parties.append(Party(display_name(p, raw), s, s + len(m["name"]), p.conf["defendant_docket"], aliases))
    # entries name each defendant with their number ("JUDGMENT as to Luis Romo (3)"): those the sections miss
    # (an entry's other spelling of a section's defendant, "Bryan" for "Brian", shares the surname)
    surnames = {name_key(party.name.split()[-1]) for party in parties}
    for m in p.docket_entry_defendant.finditer(text):
        raw = " ".join(m["name"].split())
        if valid_name(p, raw, caps_required=False) and name_key(raw.split()[-1]) not in surnames:
            s = m.start("name")
            parties.append(Party(display_name(p, raw), s, s + len(m["name"]), p.conf["defendant_docket_entry"]))
    return parties


def _docket_alias_lines(p: CaptionPatterns, text: str, pos: int, stop: int) -> list[Alias]:
    """The alias after "also known as" and any further aliases listed one per line below it."""
    out = []
    for s, e in line_spans(text, pos, stop, 12):
        lead = len(text[s:e]) - len(text[s:e].lstrip())
        cell = re.split(r"[ \t]{3,}|\s+represented\s+by\b", text[s + lead : e])[0].rstrip()
        if not cell or p.docket_alias_stop.match(cell) or not re.match(r"[\"“A-ZÀ-Þ]", cell):
            break
        if out and not valid_name(p, cell.strip('"“”'), caps_required=False, min_tokens=1):
            break
        out.append((" ".join(cell.strip('"“”').split()), s + lead, s + lead + len(cell)))
    return out


def _page_header_parties(p: CaptionPatterns, text: str) -> list[Party]:
    out = []
    for m in p.page_header.finditer(text):
        raw = m["name"].strip()
        if valid_name(p, raw, caps_required=True):
            s = m.start("name")
            out.append(Party(display_name(p, raw), s, s + len(raw), p.conf["defendant_page_header"]))
    return out


# press releases ----------------------------------------------------------------------------------
def _press_parties(p: CaptionPatterns, text: str, region_start: int, region_end: int) -> list[Party]:
    """Names written with an age or in capitals, where no event names its subject."""
    conf = p.conf["defendant_press"]
    out: list[Party] = []
    for m in p.press_age.finditer(text, region_start, region_end):
        raw = strip_dateline(m["name"])
        if is_person_name(p, raw):
            out.append(Party(display_name(p, raw), m.end("name") - len(raw), m.end("name"), conf))
    for m in p.press_caps.finditer(text, region_start, region_end):
        raw = " ".join(m["name"].split()).rstrip(",.")
        if not valid_name(p, raw, caps_required=True) or not is_person_name(p, raw):
            continue
        if sum(1 for t in raw.split() if t.isupper()) < 2:
            continue
        # aliases follow until the next capitalised name
        nxt = p.press_caps.search(text, m.end("name") + 1, region_end)
        stop = nxt.start() if nxt else min(region_end, m.end() + 200)
        aliases = aliases_in(p, text, m.end("name"), stop)
        s = m.start("name")
        out.append(Party(display_name(p, raw), s, s + len(m["name"].rstrip(",.")), conf, aliases))
    return out


# inline "United States v. Name" ------------------------------------------------------------------
def _inline_parties(p: CaptionPatterns, text: str, region_end: int) -> list[Party]:
    for m in p.inline_case.finditer(text, 0, region_end):
        if p.citation_after.match(text, m.end("name")):
            continue
        raw = p.et_al.sub("", m["name"]).strip(" ,.")
        caps = raw.isupper()
        s = m.start("name")
        if valid_name(p, raw, caps_required=caps):
            return [Party(display_name(p, raw), s, s + len(raw), p.conf["defendant_inline"])]
        if valid_name(p, raw, caps_required=caps, min_tokens=1) and len(raw.split()) == 1:
            return [Party(display_name(p, raw), s, s + len(raw), p.conf["defendant_surname_only"])]
    return []


# the body ----------------------------------------------------------------------------------------
def _body_parties(p: CaptionPatterns, text: str) -> list[Party]:
    """Defendants the charging language names: "the defendants, A, B, and C, did knowingly ..." and
    "Defendant NAME was a resident of ..." (a caption may be missing or unreadable)."""
    out: list[Party] = []
    for m in p.charging_list.finditer(text):
        for nm in p.charging_name.finditer(text, m.start("names"), m.end("names")):
            raw = nm.group(0).rstrip(" ,.")
            if valid_name(p, raw, caps_required=True):
                out.append(Party(display_name(p, raw), nm.start(), nm.start() + len(raw), p.conf["defendant_charging"]))
    for m in p.defendant_intro.finditer(text):
        raw = m["name"].rstrip(" ,.")
        if valid_name(p, raw, caps_required=True):
            s = m.start("name")
            out.append(Party(display_name(p, raw), s, s + len(raw), p.conf["defendant_intro"]))
    return out


def _owner(p: CaptionPatterns, parties: list[Party], raw: str) -> Party | None:
    """The defendant a name written in the body refers to: the full name, or the end of it ("YOUNG",
    "KELLY MEGGS", "Alcántar-Valdez") when only one defendant's name ends that way."""
    tokens = re.split(r"(?<=\w\w[.!?;:])\s+", raw)[-1].split()  # the sentence the name ends
    while tokens and (tokens[0].strip(".,") in p.honorifics or tokens[0].upper() in p.stopwords):
        tokens = tokens[1:]  # "Defendant", "Mr.", "On", "The"
    if not tokens or not name_key(" ".join(tokens)):
        return None
    hits = [party for party in parties if ends_with_tokens(party.name, tokens)]
    return hits[0] if len(hits) == 1 else None


def _body_aliases(p: CaptionPatterns, text: str, parties: list[Party]) -> None:
    """Aliases written after a defendant's name anywhere in the document ("NAME, also known as "X"")
    and an introduction's "NAME used the moniker(s) "X" and "Y"."""
    if not parties:
        return
    for m in casefold.finditer(p.alias, text, None, at_words=True):  # tried only where a cue can begin
        before = text[max(0, m.start() - 90) : m.start()]
        nm = p.name_before.search(before)
        owner = _owner(p, parties, nm["name"]) if nm else None
        if owner is not None:
            owner.aliases += aliases_in(p, text, m.start(), min(len(text), m.end() + 200))[:1]
            if m["quoted"]:
                owner.aliases += quoted_run(p, text, m.end(), min(len(text), m.end() + 200))
    for m in p.moniker.finditer(text):
        owner = _owner(p, parties, m["who"])
        if owner is not None:
            owner.aliases += quoted_run(p, text, m.end(), m.end() + 200)


def _expand_surnames(p: CaptionPatterns, text: str, parties: list[Party]) -> None:
    """A defendant known only by a surname ("United States v. Parnas, et al.") takes the fuller name
    the document writes for that surname ("Lev Parnas") when it writes one and only one."""
    for party in parties:
        if len(party.name.split()) != 1:
            continue
        found: dict[str, tuple[int, int]] = {}
        for m in re.finditer(rf"(?<![\w-]){re.escape(party.name)}(?![\w-])", text, re.IGNORECASE):
            g = p.given_before.search(text, max(0, m.start() - 40), m.start())
            if not g:
                continue
            given = [t for t in g["given"].split() if t.strip(".") not in p.honorifics]
            if not given or g["given"].split()[0].strip(".") in p.honorifics:
                continue
            full = " ".join(given + [text[m.start() : m.end()]])
            found.setdefault(display_name(p, full), (g.start(), m.end()))
        if len(found) == 1:
            ((full, (s, e)),) = found.items()
            party.name, party.start, party.end = full, s, e
            party.confidence = max(party.confidence, p.conf["defendant_surname_expanded"])


# whose outcome -----------------------------------------------------------------------------------
def defendant_words(doc: Doc) -> set[str]:
    """Lower-cased words (three letters or more) of the defendants' names and aliases found so far."""
    words: set[str] = set()
    for f in of(doc, "defendant") + of(doc, "alias"):
        for name in (f.value, *f.attrs.get("aliases", [])):
            words.update(w.casefold() for w in _WORD.findall(str(name)) if len(w) >= 3)
    return words


def subject_is_someone_else(before: str, defendants: set[str], not_names: set[str]) -> bool:
    """Does the clause leading up to an outcome ("... pleaded guilty to") name only people who are not
    the document's defendants? Undecidable, so False, when the defendants are unknown."""
    if not defendants:
        return False
    words = {w.casefold() for w in _WORD.findall(before)}
    if words & (defendants | SELF_WORDS):
        return False
    names = [n for n in _NAME.findall(before) if n.casefold() not in not_names]
    return bool(names)

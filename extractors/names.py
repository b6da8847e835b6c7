"""Persons' names and aliases as filings write them: read, checked, compared and put in display form.

Names in captions are written in capitals ("JOSE PEREZ-LOPEZ, JR."), aliases after a cue ("a/k/a",
"also known as") quoted or bare, several quoted aliases one after another ('"El Gallo," "Don Tacho" and
"El Señor"'). The patterns are those of ``caption_patterns.json`` (:class:`extractors.caption.CaptionPatterns`).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import lru_cache

from expediente.extractors.caption import CaptionPatterns

Alias = tuple[str, int, int]  # the alias as displayed, and its offsets in the searched text


@dataclass
class Party:
    """A defendant as read: display name, offsets of the name, confidence, and aliases found for it."""

    name: str
    start: int
    end: int
    confidence: float
    aliases: list[Alias] = field(default_factory=list)

    def distinct_aliases(self) -> list[Alias]:
        """The first writing of each alias (aliases compared as :func:`name_key` compares names)."""
        seen: set[str] = set()
        out = []
        for alias in self.aliases:
            if name_key(alias[0]) not in seen:
                seen.add(name_key(alias[0]))
                out.append(alias)
        return out


def _strip_accents(s: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


def _fold_char(c: str) -> str:
    return (unicodedata.normalize("NFKD", c)[:1] or c).lower()


def fold_chars(text: str) -> str:
    """Lower case without accents, one character for one (offsets into the result are offsets into ``text``)."""
    if text.isascii():
        return text.lower()  # what folding each character gives, at C speed
    return text.translate({ord(c): _fold_char(c) for c in set(text)})  # each distinct character folded once


@lru_cache(maxsize=1 << 16)  # defendants' and aliases' names are compared with each other many times
def name_key(name: str) -> str:
    """A name compared without accents, case, spaces or punctuation."""
    return re.sub(r"[^a-z]", "", _strip_accents(name).lower())


def ends_with_tokens(name: str, tokens: list[str]) -> bool:
    """The name's last tokens are ``tokens`` (compared without accents, case or punctuation)."""
    mine = [name_key(t) for t in name.split()]
    want = [name_key(t) for t in tokens]
    return len(want) <= len(mine) and mine[-len(want) :] == want


def _title_token(tok: str) -> str:
    """PEREZ-LOPEZ -> Perez-Lopez, O'DELL -> O'Dell, MCDONALD -> McDonald, L. -> L."""

    def cap(part: str) -> str:
        if not part:
            return part
        low = part.lower()
        if low.startswith("mc") and len(low) > 3:
            return "Mc" + low[2].upper() + low[3:]
        return low[0].upper() + low[1:]

    out = re.split(r"([-'’])", tok)
    return "".join(cap(p) if p not in "-'’" else p for p in out)


def display_name(p: CaptionPatterns, raw: str) -> str:
    """Title-case a name written in capitals; keep mixed-case tokens as written."""
    out = []
    raw = re.sub(r",\s*(?=(?:JR|SR|Jr|Sr|II|III|IV)\.?$)", " ", raw)
    raw = re.sub(r"(?<=[A-Za-zÀ-ÿ])- (?=[A-ZÀ-Þ])", "-", raw)  # OCR's space after a surname's hyphen
    for i, tok in enumerate(raw.split()):
        if tok.upper().strip(".,") in {"II", "III", "IV"}:
            out.append(tok.upper())
        elif i > 0 and tok.lower() in p.particles:
            out.append(tok.lower())
        elif tok.isupper() and len(tok) > 1 or (tok.isupper() and tok.isalpha() is False):
            out.append(_title_token(tok))
        else:
            out.append(tok)
    return " ".join(out)


def valid_name(p: CaptionPatterns, raw: str, *, caps_required: bool, min_tokens: int = 2) -> bool:
    """Could ``raw`` be a person's name: two to eight words (``min_tokens``), no digits or stopwords, and
    a word in capitals when ``caps_required``?"""
    tokens = raw.split()
    if not (min_tokens <= len(tokens) <= 8):
        return False
    if any(re.search(r"\d|§|/|@", t) for t in tokens):
        return False
    if any(t.upper().strip(",.:;") in p.stopwords for t in tokens if t.upper() not in p.suffixes):
        return False
    words = [t for t in tokens if len(re.sub(r"[^\w]", "", t)) >= 2]
    if len(words) < min_tokens:
        return False
    has_caps = any(t.isupper() and len(re.sub(r"\W", "", t)) >= 2 for t in tokens)
    return has_caps or not caps_required


def name_at(p: CaptionPatterns, text: str, pos: int, end: int) -> tuple[str, int, int] | None:
    """The name run starting at text[pos] (single spaces between tokens), trimmed."""
    m = p.name_run.match(text, pos, end)
    if not m:
        return None
    raw = m["name"].rstrip(" ,.;")
    if raw.endswith(("Jr", "JR", "Sr", "SR")) and text[m.start() + len(raw) : m.start() + len(raw) + 1] == ".":
        raw += "."
    # a trailing lone particle or a trailing all-lowercase token is not part of the name
    while raw and raw.split()[-1].lower() in p.particles:
        raw = raw[: raw.rfind(" ")] if " " in raw else ""
    if not raw:
        return None
    end_at = m.start() + len(raw)
    suffix = re.match(r",?\s?(?:JR|SR|Jr|Sr)\.?(?![\w])|,?\s?(?:II|III|IV)(?![\w])", text[end_at:end])
    if suffix and raw.split()[-1].upper().strip(".") not in {"JR", "SR", "II", "III", "IV"}:
        raw = raw + suffix.group(0)
        end_at += len(suffix.group(0))
    return raw, m.start(), end_at


def aliases_in(p: CaptionPatterns, text: str, start: int, end: int) -> list[Alias]:
    """Every alias written after a cue in text[start:end], with the quoted ones listed after it."""
    out = []
    for m in p.alias.finditer(text, start, end):
        group = "quoted" if m["quoted"] else "bare"
        raw = (m[group] or "").rstrip(" ,;.")
        if group == "bare" and _bare_alias_rejected(p, raw):
            continue
        alias = " ".join(raw.split())
        if not alias:
            continue
        s = m.start(group)
        out.append((alias if group == "quoted" else display_name(p, alias), s, s + len(raw)))
        if group == "quoted":  # 'also known as "El Gallo," "Don Tacho" and "El Señor"'
            out += quoted_run(p, text, m.end(), end)
    return out


def _bare_alias_rejected(p: CaptionPatterns, raw: str) -> bool:
    """A bare (unquoted) word after a cue that is not an alias: a stopword, a lone particle or a title."""
    tokens = raw.split()
    return not tokens or any(t.upper().strip(",.:;") in p.stopwords for t in tokens)


def quoted_run(p: CaptionPatterns, text: str, pos: int, end: int) -> list[Alias]:
    """Quoted aliases listed one after another from ``pos`` (no cue of their own)."""
    out = []
    while m := p.alias_chain.match(text, pos, end):
        raw = m["quoted"].rstrip(" ,;.")
        alias = " ".join(raw.split())
        if alias:
            out.append((alias, m.start("quoted"), m.start("quoted") + len(raw)))
        pos = m.end()
    return out


# --- the same person under different spellings ---------------------------------------------------------------

MIN_FUZZY_WORD, FUZZY_RATIO = 6, 0.8  # words this long may differ this little and still agree
PARTICLES = frozenset({"de", "del", "la", "las", "los", "y", "da", "van", "von"})  # dropped before comparing


def name_tokens(name: str) -> list[str]:
    """A name's words without accents, case, punctuation or particles: 'José de la PEÑA-Ruiz' -> jose pena ruiz."""
    words = re.split(r"[^a-z0-9]+", _strip_accents(name).lower())
    return [w for w in words if w and w not in PARTICLES]


def _same_word(a: str, b: str) -> bool:
    """Two words of a name agree: equal, or long and nearly equal (OCR: 'CASTAIIEDA' for 'CASTAÑEDA')."""
    return a == b or (min(len(a), len(b)) >= MIN_FUZZY_WORD and SequenceMatcher(None, a, b).ratio() >= FUZZY_RATIO)


def _within(short: list[str], long_: list[str]) -> bool:
    return all(any(_same_word(w, x) for x in long_) for w in short)


def same_person(a: str, b: str, aliases_a: tuple[str, ...] = (), aliases_b: tuple[str, ...] = ()) -> bool:
    """Whether two writings name one person of a case: equal without accents and case (long words may differ
    by an OCR slip); one within the other keeping the first word (a maternal surname or a middle name dropped:
    'Juan Pérez García' ~ 'Juan Pérez'); a surname alone that is the other's surname ('PEREZ-GARCIA' ~ 'Juan
    Pérez García'); or one is the other's alias."""
    ta, tb = name_tokens(a), name_tokens(b)
    if not ta or not tb:
        return False
    short, long_ = sorted((ta, tb), key=len)
    if len(short) == len(long_) and all(_same_word(x, y) for x, y in zip(short, long_, strict=True)):
        return True
    if len(short) >= 2 and _same_word(short[0], long_[0]) and _within(short, long_):
        return True
    if len(long_) >= 2 and not _same_word(short[0], long_[0]) and _within(short, long_[1:]):
        return True  # surnames alone
    names_a, names_b = {name_key(x) for x in (a, *aliases_a)}, {name_key(x) for x in (b, *aliases_b)}
    return bool(names_a & {name_key(x) for x in aliases_b}) or bool(names_b & {name_key(x) for x in aliases_a})

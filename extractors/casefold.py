"""Case-insensitive regexes run fast: as case-sensitive ones over the lower-cased text.

Python's ``re`` tries a long case-insensitive alternation (a component's trigger, dozens of phrases) branch by
branch at every character, folding case as it goes; the same alternation written in lower case and run without
``re.IGNORECASE`` over ``text.lower()`` finds the same matches several times faster. :func:`lowered` rewrites a
compiled pattern that way (its literals and character classes lower-cased, nothing else changed); offsets are
unchanged because :func:`lowered_text` only lower-cases a text whose every character lower-cases to one
character that ``re`` itself would fold it to. Where either is not so (a pattern or a text holding one of the
characters ``re`` folds specially, such as the dotless i or the long s), callers run the original pattern over
the original text: the matches are the same either way.
"""

from __future__ import annotations

import _sre
import re
from collections.abc import Iterable, Iterator
from functools import cache
from re import _casefix, _compiler, _parser
from re._constants import (
    ANY,
    ASSERT,
    ASSERT_NOT,
    AT,
    AT_BEGINNING,
    AT_BOUNDARY,
    ATOMIC_GROUP,
    BRANCH,
    CATEGORY,
    CATEGORY_WORD,
    GROUPREF,
    GROUPREF_EXISTS,
    IN,
    LITERAL,
    MAX_REPEAT,
    MIN_REPEAT,
    NEGATE,
    NOT_LITERAL,
    POSSESSIVE_REPEAT,
    RANGE,
    SUBPATTERN,
)

# characters re folds beyond lower case ("i" and the dotless "ı", "s" and the long "ſ", "µ" and "μ", ...)
_SPECIAL = frozenset(chr(c) for k, vs in _casefix._EXTRA_CASES.items() for c in (k, *vs))
_MAX_RANGE = 0x3000  # a wider class range is not rewritten (the pattern is then run as it is)


class _NotRewritable(Exception):
    pass


@cache
def _plain_char(c: str) -> bool:
    """Lower-casing ``c`` gives the one character re folds it to, and re folds it no other way."""
    low = c.lower()
    if len(low) != 1 or ord(low) != _sre.unicode_tolower(ord(c)):
        return False
    return c.isascii() or (c not in _SPECIAL and low not in _SPECIAL and c != "\u03a3")


def lowered_text(text: str) -> str | None:
    """``text.lower()``, one character for one, when every character of it is plain (else None)."""
    if text.isascii():
        return text.lower()
    if not all(_plain_char(c) for c in set(text) if not c.isascii()):
        return None
    return text.lower()


def _lower_code(code: int) -> int:
    c = chr(code)
    if not _plain_char(c):
        raise _NotRewritable(c)
    return ord(c.lower())


def _class(items: list) -> list:
    out = []
    for op, av in items:
        if op is LITERAL:
            out.append((LITERAL, av))
            low = _lower_code(av)
            if low != av:
                out.append((LITERAL, low))
        elif op is RANGE:
            lo, hi = av
            out.append((RANGE, av))
            if hi - lo > _MAX_RANGE:
                raise _NotRewritable("range")
            extra = sorted({_lower_code(c) for c in range(lo, hi + 1)} - set(range(lo, hi + 1)))
            out.extend((LITERAL, c) for c in extra)
        elif op in (NEGATE, CATEGORY):
            out.append((op, av))
        else:
            raise _NotRewritable(str(op))
    return out


def _rewrite(items) -> list:
    out = []
    for op, av in items:
        if op is LITERAL or op is NOT_LITERAL:
            out.append((op, _lower_code(av)))
        elif op is IN:
            out.append((IN, _class(av)))
        elif op in (ANY, AT, CATEGORY, GROUPREF):
            out.append((op, av))
        elif op is BRANCH:
            out.append((BRANCH, (av[0], [_sub(b) for b in av[1]])))
        elif op is SUBPATTERN:
            group, add_flags, del_flags, p = av
            if add_flags or del_flags:
                raise _NotRewritable("inline flags")
            out.append((SUBPATTERN, (group, add_flags, del_flags, _sub(p))))
        elif op in (MAX_REPEAT, MIN_REPEAT, POSSESSIVE_REPEAT):
            lo, hi, p = av
            out.append((op, (lo, hi, _sub(p))))
        elif op in (ASSERT, ASSERT_NOT):
            direction, p = av
            out.append((op, (direction, _sub(p))))
        elif op is ATOMIC_GROUP:
            out.append((op, _sub(av)))
        elif op is GROUPREF_EXISTS:
            group, yes, no = av
            out.append((op, (group, _sub(yes), _sub(no) if no is not None else None)))
        else:
            raise _NotRewritable(str(op))
    return out


def _sub(p):
    if p is None:
        return None
    p.data = _rewrite(p.data)
    return p


@cache
def lowered(regex: re.Pattern[str]) -> re.Pattern[str] | None:
    """``regex`` without re.IGNORECASE, for :func:`lowered_text`: the same matches at the same offsets (the
    same groups, by number and name). None when the pattern is case-sensitive or cannot be rewritten."""
    if not regex.flags & re.IGNORECASE or not isinstance(regex.pattern, str):
        return None
    try:  # re's parser and compiler are internal: a Python whose differ runs the pattern as it is
        tree = _parser.parse(regex.pattern, regex.flags)
        _sub(tree)
        tree.state.flags &= ~re.IGNORECASE
        return _compiler.compile(tree, regex.flags & ~re.IGNORECASE)
    except (_NotRewritable, AttributeError, TypeError, ValueError, re.error):
        return None


MIN_REQUIRED = 3  # a shorter literal is too common to skip a text by
MAX_ALTERNATIVES = 12  # a pattern needing one of more literals than this is not checked


@cache
def required(regex: re.Pattern[str]) -> frozenset[str] | None:
    """Literals one of which every match of ``regex`` holds (lower-cased for a case-insensitive pattern), each
    at least :data:`MIN_REQUIRED` long: a text holding none of them holds no match, and a rule's words
    ("imposition", "extradited", "murder" or "homicide") are missing from most texts it is tried on."""
    if not isinstance(regex.pattern, str):
        return None
    try:
        return _needs(list(_parser.parse(regex.pattern, regex.flags).data), bool(regex.flags & re.IGNORECASE))
    except (AttributeError, TypeError, ValueError, re.error):
        return None


def _needs(items: list, folded: bool) -> frozenset[str] | None:
    """The most selective of what ``items`` (a sequence: each part is matched) needs: a run of literal
    characters (groups looked into), or one of the literals each branch of an alternation needs."""
    options: list[frozenset[str]] = []
    run: list[str] = []

    def flush() -> None:
        if run:
            options.append(frozenset(["".join(run)]))
            run.clear()

    def walk(items: list) -> None:
        for op, av in items:
            if op is LITERAL and (not folded or _plain_char(chr(av))):
                run.append(chr(av).lower() if folded else chr(av))
            elif op is SUBPATTERN and not (av[1] or av[2]):  # a group without inline flags is matched once
                walk(list(av[3].data))
            else:
                flush()
                need = None
                if op is BRANCH:
                    each = [_needs(list(b.data), folded) for b in av[1]]
                    need = None if None in each else frozenset().union(*each)
                elif op in (MAX_REPEAT, MIN_REPEAT, POSSESSIVE_REPEAT) and av[0] >= 1:
                    need = _needs(list(av[2].data), folded)
                if need:
                    options.append(need)

    walk(items)
    flush()
    usable = [o for o in options if len(o) <= MAX_ALTERNATIVES and min(map(len, o)) >= MIN_REQUIRED]
    return max(usable, key=lambda o: (min(map(len, o)), -len(o)), default=None)


def _absent(regex: re.Pattern[str], searched: str, folded: bool, pos: int, endpos: int) -> bool:
    """``searched`` (the text, or ``low`` when ``folded``) holds between ``pos`` and ``endpos`` none of the
    literals one of which every match holds. A case-insensitive pattern over the text itself is not checked."""
    literals = required(regex)
    if literals is None or (regex.flags & re.IGNORECASE and not folded):
        return False
    return all(searched.find(literal, pos, endpos) < 0 for literal in literals)


def spans(regex: re.Pattern[str], text: str, low: str | None) -> Iterator[tuple[int, int]]:
    """The spans of ``regex.finditer(text)``, found in ``low`` (:func:`lowered_text` of ``text``, or None) where
    the pattern can be rewritten. Spans only: a match found in ``low`` would quote the lower-cased text."""
    fast = lowered(regex) if low is not None else None
    searched, rx = (text, regex) if fast is None else (low, fast)
    if _absent(regex, searched, fast is not None, 0, len(text)):
        return
    for m in rx.finditer(searched):
        yield m.span()


def finditer(
    regex: re.Pattern[str],
    text: str,
    low: str | None,
    pos: int = 0,
    endpos: int | None = None,
    at_words: bool = False,
    starts: Iterable[int] | None = None,
) -> Iterator[re.Match[str]]:
    """``regex.finditer(text, pos, endpos)``: found in ``low`` where the pattern can be rewritten, each match
    then taken again from ``text`` at the same place (the same match: groups quote the original text). With
    ``at_words``, a pattern whose every match begins a word or a line (:func:`word_gate`) is tried only where
    one can: faster for a long alternation that re cannot skip through, slower for a pattern it can. With
    ``starts`` (ascending), the pattern is tried only there: every place where one of its matches can begin
    (where the date opening every match of a rule can, found once for all such rules)."""
    endpos = len(text) if endpos is None else endpos
    fast = lowered(regex) if low is not None else None
    searched, rx = (text, regex) if fast is None else (low, fast)
    if _absent(regex, searched, fast is not None, pos, endpos):
        return
    if starts is not None:
        found = matches_at(rx, searched, starts, pos, endpos)
    elif at_words and (gate := word_gate(regex)) is not None:
        found = gated(rx, gate, searched, pos, endpos)
    else:
        found = rx.finditer(searched, pos, endpos)
    for m in found:
        yield m if fast is None else regex.match(text, m.start(), endpos)


def search(regex: re.Pattern[str], text: str, low: str | None = None) -> re.Match[str] | None:
    """``regex.search(text)``, run as :func:`finditer` does over ``low`` (:func:`lowered_text` of ``text``,
    computed here when not given): for a case-insensitive pattern searched in many short texts."""
    return next(finditer(regex, text, lowered_text(text) if low is None else low), None)


def gated(
    regex: re.Pattern[str], gate: re.Pattern[str], text: str, pos: int = 0, endpos: int | None = None
) -> Iterator[re.Match[str]]:
    """``regex.finditer(text, pos, endpos)``, trying ``regex`` only where ``gate`` (a lookahead every match of
    ``regex`` begins with) matches: the same matches, in the same order, when a long alternation is slow to
    try at each character but its branches share a cheap start."""
    endpos = len(text) if endpos is None else endpos
    return matches_at(regex, text, (g.start() for g in gate.finditer(text, pos, endpos)), pos, endpos)


def matches_at(
    regex: re.Pattern[str], text: str, starts: Iterable[int], pos: int = 0, endpos: int | None = None
) -> Iterator[re.Match[str]]:
    """``regex.finditer(text, pos, endpos)`` when every match of ``regex`` begins at one of ``starts``
    (ascending): ``regex`` is tried there only, each try after the end of the last match."""
    endpos = len(text) if endpos is None else endpos
    for at in starts:
        if at < pos:
            continue
        if at >= endpos:
            return  # a match is never empty (below)
        m = regex.match(text, at, endpos)
        if m is not None:
            if m.end() == m.start():
                raise ValueError(f"matches_at: {str(regex.pattern)[:60]!r} matched the empty string")
            yield m
            pos = m.end()


@cache
def word_gate(regex: re.Pattern[str]) -> re.Pattern[str] | None:
    """Where a match of ``regex`` can begin, as a cheap pattern to try it at (:func:`gated`), or None.

    Every way into the pattern must pass a word boundary (``\\b``, or a lookbehind refusing a word character
    such as ``(?<![\\w-])``) and then consume one of a known set of word characters, or begin at a line's
    start (``^`` under re.MULTILINE): the gate is ``\\b(?=[those characters])`` and ``^``. An alias cue
    ("a/k/a", "also known as", "alias") can then be tried only before words beginning with its letters.
    """
    if not isinstance(regex.pattern, str) or regex.flags & re.VERBOSE:
        return None
    try:
        tree = _parser.parse(regex.pattern, regex.flags)
        starts = _starts(list(tree.data), False, bool(regex.flags & re.MULTILINE))
    except (AttributeError, TypeError, ValueError, re.error, _NotRewritable):
        return None
    if not starts:
        return None
    chars = sorted(c for c in starts if c is not _LINE)
    parts = [r"\b(?=[" + "".join(re.escape(c) for c in chars) + "])"] if chars else []
    if _LINE in starts:
        parts.append("^")
    return re.compile("|".join(parts), re.MULTILINE | (regex.flags & (re.IGNORECASE | re.ASCII)))


_LINE = object()  # a way into a pattern that begins at a line's start
_MAX_START_CHARS = 256  # a wider class is no gate


def _word_char(code: int) -> bool:
    c = chr(code)
    return c.isalnum() or c == "_"


def _starts(items: list, boundary: bool, multiline: bool) -> frozenset:
    """The first characters of every way through ``items``, each a word character after a boundary
    (``boundary``: already passed), and :data:`_LINE` for a way that begins at a line's start. Raises
    :class:`_NotRewritable` when some way can begin anywhere."""
    if not items:
        raise _NotRewritable("may match the empty string, or end before consuming anything")
    (op, av), rest = items[0], items[1:]
    if op is AT:
        if av is AT_BEGINNING and multiline:
            return frozenset([_LINE])
        return _starts(rest, boundary or av is AT_BOUNDARY, multiline)
    if op is ASSERT_NOT and av[0] == -1 and _refuses_word_chars(av[1]):
        return _starts(rest, True, multiline)  # (?<![\w-]) before a word character is a boundary
    if op is LITERAL and boundary and _word_char(av):
        return frozenset([chr(av)])
    if op is IN and boundary:
        chars = set()
        for o, a in av:
            if o is LITERAL and _word_char(a):
                chars.add(chr(a))
            elif o is RANGE and a[1] - a[0] < _MAX_START_CHARS and all(_word_char(c) for c in range(a[0], a[1] + 1)):
                chars.update(map(chr, range(a[0], a[1] + 1)))
            else:
                raise _NotRewritable(str(o))
        if len(chars) > _MAX_START_CHARS:
            raise _NotRewritable("too many first characters")
        return frozenset(chars)
    if op is SUBPATTERN:
        group, add_flags, del_flags, p = av
        if (add_flags | del_flags) & ~re.MULTILINE:
            raise _NotRewritable("inline flags")
        inner = (multiline or bool(add_flags & re.MULTILINE)) and not del_flags & re.MULTILINE
        if inner != multiline:  # (?m:^...): the group's own flags, and every way through it must begin inside
            return _starts(list(p.data), boundary, inner)
        return _starts(list(p.data) + rest, boundary, multiline)
    if op is BRANCH:
        return frozenset().union(*(_starts(list(b.data) + rest, boundary, multiline) for b in av[1]))
    if op in (MAX_REPEAT, MIN_REPEAT, POSSESSIVE_REPEAT):
        lo, hi, p = av
        through = _starts(list(p.data) + rest, boundary, multiline)
        return through if lo > 0 else through | _starts(rest, boundary, multiline)
    raise _NotRewritable(str(op))


def _refuses_word_chars(p) -> bool:
    """A lookbehind's pattern that is one class holding every word character (``[\\w-]``, ``\\w``)."""
    data = list(p.data)
    if len(data) != 1:
        return False
    op, av = data[0]
    if op is IN:
        return any(o is CATEGORY and a is CATEGORY_WORD for o, a in av)
    return False

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
from collections.abc import Iterator
from functools import cache
from re import _casefix, _compiler, _parser
from re._constants import (
    ANY,
    ASSERT,
    ASSERT_NOT,
    AT,
    AT_BOUNDARY,
    ATOMIC_GROUP,
    BRANCH,
    CATEGORY,
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


def spans(regex: re.Pattern[str], text: str, low: str | None) -> Iterator[tuple[int, int]]:
    """The spans of ``regex.finditer(text)``, found in ``low`` (:func:`lowered_text` of ``text``, or None) where
    the pattern can be rewritten. Spans only: a match found in ``low`` would quote the lower-cased text."""
    fast = lowered(regex) if low is not None else None
    for m in regex.finditer(text) if fast is None else fast.finditer(low):
        yield m.span()


def finditer(
    regex: re.Pattern[str],
    text: str,
    low: str | None,
    pos: int = 0,
    endpos: int | None = None,
    at_words: bool = False,
) -> Iterator[re.Match[str]]:
    """``regex.finditer(text, pos, endpos)``: found in ``low`` where the pattern can be rewritten, each match
    then taken again from ``text`` at the same place (the same match: groups quote the original text). With
    ``at_words``, a pattern whose every match begins a word (:func:`begins_words`) is tried only where a word
    begins: faster for a long alternation that re cannot skip through, slower for a pattern it can."""
    endpos = len(text) if endpos is None else endpos
    fast = lowered(regex) if low is not None else None
    searched, rx = (text, regex) if fast is None else (low, fast)
    words = at_words and begins_words(regex)
    found = gated(rx, _WORD_START, searched, pos, endpos) if words else rx.finditer(searched, pos, endpos)
    for m in found:
        yield m if fast is None else regex.match(text, m.start(), endpos)


_WORD_START = re.compile(r"(?=\b\w)")


def gated(
    regex: re.Pattern[str], gate: re.Pattern[str], text: str, pos: int = 0, endpos: int | None = None
) -> Iterator[re.Match[str]]:
    """``regex.finditer(text, pos, endpos)``, trying ``regex`` only where ``gate`` (a lookahead every match of
    ``regex`` begins with) matches: the same matches, in the same order, when a long alternation is slow to
    try at each character but its branches share a cheap start."""
    endpos = len(text) if endpos is None else endpos
    for g in gate.finditer(text, pos, endpos):
        at = g.start()
        if at < pos:
            continue
        m = regex.match(text, at, endpos)
        if m is not None:
            if m.end() == m.start():
                raise ValueError(f"gated: {str(regex.pattern)[:60]!r} matched the empty string")
            yield m
            pos = m.end()


@cache
def begins_words(regex: re.Pattern[str]) -> bool:
    """Whether every match of ``regex`` begins with a word boundary followed by a word character (every branch
    opens with ``\\b`` and then a letter, digit or underscore), so that it can only begin where a word does."""
    if not isinstance(regex.pattern, str):
        return False
    try:
        return _begins_word(list(_parser.parse(regex.pattern, regex.flags).data), False)
    except (AttributeError, TypeError, ValueError, re.error):
        return False


def _word_char(code: int) -> bool:
    c = chr(code)
    return c.isalnum() or c == "_"


def _begins_word(items: list, boundary: bool) -> bool:
    """Every way through ``items`` passes a \\b (``boundary``: already passed) and then consumes a word char."""
    if not items:
        return False  # the match may be empty, or end before consuming anything
    (op, av), rest = items[0], items[1:]
    if op is AT:
        return _begins_word(rest, boundary or av is AT_BOUNDARY)
    if op is LITERAL:
        return boundary and _word_char(av)
    if op is IN:
        return boundary and all(
            (o is LITERAL and _word_char(a)) or (o is RANGE and all(_word_char(c) for c in range(a[0], a[1] + 1)))
            for o, a in av
        )
    if op is SUBPATTERN:
        group, add_flags, del_flags, p = av
        return _begins_word(list(p.data) + rest, boundary)
    if op is BRANCH:
        return all(_begins_word(list(b.data) + rest, boundary) for b in av[1])
    if op in (MAX_REPEAT, MIN_REPEAT, POSSESSIVE_REPEAT):
        lo, hi, p = av
        through = _begins_word(list(p.data) + rest, boundary)
        return through and (lo > 0 or _begins_word(rest, boundary))
    return False

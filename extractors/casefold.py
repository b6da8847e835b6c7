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
    tree = _parser.parse(regex.pattern, regex.flags)
    try:
        _sub(tree)
    except _NotRewritable:
        return None
    tree.state.flags &= ~re.IGNORECASE
    return _compiler.compile(tree, regex.flags & ~re.IGNORECASE)


def spans(regex: re.Pattern[str], text: str, low: str | None) -> Iterator[tuple[int, int]]:
    """The spans of ``regex.finditer(text)``, found in ``low`` (:func:`lowered_text` of ``text``, or None) where
    the pattern can be rewritten. Spans only: a match found in ``low`` would quote the lower-cased text."""
    fast = lowered(regex) if low is not None else None
    for m in regex.finditer(text) if fast is None else fast.finditer(low):
        yield m.span()


def finditer(
    regex: re.Pattern[str], text: str, low: str | None, pos: int = 0, endpos: int | None = None
) -> Iterator[re.Match[str]]:
    """``regex.finditer(text, pos, endpos)``: found in ``low`` where the pattern can be rewritten, each match
    then taken again from ``text`` at the same place (the same match: groups quote the original text)."""
    endpos = len(text) if endpos is None else endpos
    fast = lowered(regex) if low is not None else None
    if fast is None:
        yield from regex.finditer(text, pos, endpos)
        return
    for m in fast.finditer(low, pos, endpos):
        yield regex.match(text, m.start(), endpos)

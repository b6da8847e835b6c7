"""Is a mention granted, or is it negated, disclaimed, conditional or only claimed?

Plea agreements spend as many words on what the government will *not* do as on what it will:
"will not move for a downward departure", "is not obligated to file", "makes no recommendation",
"if the defendant provides substantial assistance, the government may, in its sole discretion...".
:func:`assess` looks at the clause before a mention (and a little after it, for trailing
conditions) inside its sentence window and reports one status:

- ``affirmed``: nothing cancels or qualifies it;
- ``negated``: a negation cue governs it in the same clause ("not", "no", "will object to", "ineligible");
- ``disclaimed``: an explicit disclaimer earlier in the sentence ("no promises", "not obligated");
- ``conditional``: it depends on something ("if", "unless", "may, in its sole discretion");
- ``claimed``: one side asks for or argues it ("the defendant's assertion", "requests a variance").

The cues live in ``extractors/data/negation_cues.json``. Components decide what each status means
for them (skip, or keep with lower confidence) and record the status in the finding's attrs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from expediente.extractors.patterns import load_json
from expediente.extractors.sentences import compile_any, compile_rule

AFFIRMED = "affirmed"
NEGATED = "negated"
DISCLAIMED = "disclaimed"
CONDITIONAL = "conditional"
CLAIMED = "claimed"
CANCELLING = (NEGATED, DISCLAIMED)  # statuses that cancel a mention


@dataclass(frozen=True)
class Assessment:
    status: str
    cue: str | None = None

    @property
    def cancelled(self) -> bool:
        return self.status in CANCELLING


@dataclass(frozen=True)
class _Cues:
    breaks: re.Pattern[str]
    negation: re.Pattern[str]
    disclaimer: re.Pattern[str]
    conditional: re.Pattern[str]
    conditional_after: re.Pattern[str]
    claimed: re.Pattern[str]
    window: int


@cache
def _cues(name: str = "negation_cues.json") -> _Cues:
    data = load_json(name)
    return _Cues(
        breaks=compile_rule(data["clause_breaks"]),
        negation=compile_any(data["negation"]),
        disclaimer=compile_any(data["disclaimer"]),
        conditional=compile_any(data["conditional"]),
        conditional_after=compile_any(data["conditional_after"]),
        claimed=compile_any(data["claimed"]),
        window=int(data["window"]),
    )


def clause_before(text: str, start: int, limit: int | None = None) -> str:
    """The text from the last clause break before ``start`` up to ``start`` (at most ``limit`` chars)."""
    cues = _cues()
    lo = max(0, start - (limit or cues.window))
    head = text[lo:start]
    last = None
    for m in cues.breaks.finditer(head):
        last = m
    return head[last.end() :] if last else head


def assess(text: str, start: int, end: int, ignore: tuple[str, ...] = ()) -> Assessment:
    """Status of the mention ``text[start:end]``; ``text`` is its sentence window.

    ``ignore`` lists cue words the caller's own pattern legitimately contains before the mention
    (e.g. "not" in "agrees not to prosecute" when the mention is "prosecute").
    """
    cues = _cues()
    clause = clause_before(text, start)
    for word in ignore:
        clause = re.sub(word, " ", clause, flags=re.IGNORECASE)
    before_all = text[max(0, start - 2 * cues.window) : start]
    if m := cues.disclaimer.search(before_all):
        return Assessment(DISCLAIMED, m.group(0))
    if m := cues.negation.search(clause):
        return Assessment(NEGATED, m.group(0))
    if m := cues.claimed.search(clause):
        return Assessment(CLAIMED, m.group(0))
    if m := cues.conditional.search(clause):
        return Assessment(CONDITIONAL, m.group(0))
    if m := cues.conditional_after.search(text[end : end + 120]):
        return Assessment(CONDITIONAL, m.group(0).strip())
    return Assessment(AFFIRMED)

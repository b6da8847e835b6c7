"""One base for the rule-driven mention components (custody, plea, victims, violence, benefits, officials,
sentence, drugs): trigger -> rules -> overlap -> judgement -> finding.

A component names its data file (``trigger``, ``rules``, optional ``exclude``, and whatever else it reads in
:meth:`MentionComponent.configure`) and the field its findings carry, and says what differs:

- :meth:`~MentionComponent.judge`: keep a rule's match or not, with which label, confidence and attrs
  (negation, conditions, a cue nearby): the one method every component writes;
- :meth:`~MentionComponent.facts`: what the judgement needs from the whole document, computed once
  (another component's findings, an indictment's count bodies);
- :meth:`~MentionComponent.candidates`: the (rule, match) pairs of a window in the order they claim text
  (default: rule by rule, as the data file lists them);
- :meth:`~MentionComponent.read`: the whole window, for a component that reads it otherwise (a window
  skipped, mentions settled together, matches beyond the rules).

The loop itself: every sentence window holding a ``trigger`` match (:func:`extractors.sentences.active`);
in it each candidate match is skipped where it overlaps an ``exclude`` phrase or (``exclusive``) a mention
already kept in the window, else judged; a kept mention becomes a finding with offsets into ``doc.text``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, ClassVar

from spacy.tokens import Doc

from expediente.extractors import casefold
from expediente.extractors.findings import Finding, add
from expediente.extractors.patterns import load_json
from expediente.extractors.sentences import (
    Rule,
    Window,
    active,
    compile_any,
    compile_rule,
    compile_rules,
    overlaps,
    spans_of,
)


@dataclass
class Mention:
    """A kept match: offsets into its window's text."""

    label: str
    start: int
    end: int
    confidence: float
    attrs: dict[str, Any] = field(default_factory=dict)


class MentionComponent:
    field: ClassVar[str]  # the finding family this component adds to
    version: ClassVar[str] = "1"
    multiline: ClassVar[bool] = False  # rules and exclusions match "^" and "$" at line breaks
    exclusive: ClassVar[bool] = True  # a match overlapping a mention already kept in the window is skipped

    def __init__(self, name: str, patterns: str):
        self.name = name
        data = load_json(patterns)
        self.trigger = compile_rule(data["trigger"])
        self.exclude = compile_any(data.get("exclude", []), multiline=self.multiline)
        self.rules = self.rules_from(data)
        self.configure(data)

    def configure(self, data: dict) -> None:
        """Read the rest of the data file (``self.rules`` are loaded)."""

    def rules_from(self, data: dict) -> list[Rule]:
        """The rules matched in each window: the data file's ``rules`` rows."""
        return compile_rules(data["rules"], self.multiline)

    def __call__(self, doc: Doc) -> Doc:
        facts = self.facts(doc)
        for w in active(doc, self.trigger):
            for mention in self.read(doc, w, facts):
                add(doc, self.finding(w, mention))
        return doc

    def finding(self, w: Window, mention: Mention) -> Finding:
        start, end = w.start + mention.start, w.start + mention.end
        return Finding(
            self.field, mention.label, start, end, mention.confidence, self.name, self.version, mention.attrs
        )

    def facts(self, doc: Doc) -> Any:
        """What :meth:`judge` needs beyond the match, from the whole document (computed once per document)."""
        return None

    def read(self, doc: Doc, w: Window, facts: Any) -> Iterable[Mention]:
        """The mentions of window ``w``."""
        return self.scan(doc, w, facts, [])

    def candidates(self, text: str, facts: Any) -> Iterator[tuple[Rule, re.Match[str]]]:
        """The rules' matches in ``text``, in the order they claim it: rule by rule."""
        low = casefold.lowered_text(text)
        for rule in self.rules:
            for m in casefold.finditer(rule.regex, text, low):
                yield rule, m

    def span(self, m: re.Match[str]) -> tuple[int, int]:
        """The text a match claims: overlaps are tested on it."""
        return m.span()

    def scan(self, doc: Doc, w: Window, facts: Any, taken: list[tuple[int, int]]) -> list[Mention]:
        """The candidates of ``w`` that overlap no exclusion and (``exclusive``) no span in ``taken``, judged;
        the span of each one kept is added to ``taken``."""
        excluded = None  # read on the first candidate: most windows have none
        kept = []
        for rule, m in self.candidates(w.text, facts):
            span = self.span(m)
            if excluded is None:
                excluded = spans_of(self.exclude, w.text)
            if overlaps(*span, excluded) or (self.exclusive and overlaps(*span, taken)):
                continue
            mention = self.judge(doc, w, rule, m, facts)
            if mention is not None:
                taken.append(span)
                kept.append(mention)
        return kept

    def judge(self, doc: Doc, w: Window, rule: Rule, m: re.Match[str], facts: Any) -> Mention | None:
        """The mention a rule's match in window ``w`` makes, or None to drop it."""
        raise NotImplementedError

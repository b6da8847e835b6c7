"""Imposed sentences: imprisonment in months, life, time served, probation.

``value`` is the term in months as a string ("60"; "life"; "time served"), ``attrs`` hold
``months`` (int or None), ``kind`` ("imprisonment", "probation", "time_served", or "recommended"
for a government recommendation, kept at low confidence) and the term as written. A judgment's
"imprisoned for a total term of" or "committed to the custody of the Bureau of Prisons for a term
of" is the strongest evidence; docket dispositions ("Custody of BOP for 60 months") next; narrative
"sentenced to ... months" lower, since it may describe another defendant. Statutory maxima,
minima and guideline ranges are dropped by the blocker words just before the term.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from expediente.extractors.families import family
from expediente.extractors.mentions import Mention, MentionComponent
from expediente.extractors.sentences import Rule, Window, compile_rule, squash, text_of

NAME = "expediente_sentence"


@Language.factory(NAME, default_config={"patterns": "sentence_patterns.json"}, assigns=[family("sentence")])
def make_sentence(nlp: Language, name: str, patterns: str) -> SentenceComponent:
    return SentenceComponent(name, patterns)


class UnreadableTerm(ValueError):
    """A sentence term whose number could not be read (e.g. a garbled number word)."""


def words_to_int(words: str, table: dict[str, int]) -> int:
    total, current = 0, 0
    for word in re.split(r"[\s-]+", words.lower().strip()):
        if not word or word == "and":
            continue
        if word not in table:
            raise UnreadableTerm(words)
        value = table[word]
        if value == 100:
            current = max(current, 1) * 100
        elif value == 1000:
            total += max(current, 1) * 1000
            current = 0
        else:
            current += value
    return total + current


def term_months(term: str, table: dict[str, int]) -> int | None:
    """Months in a term as written; None for life or time served."""
    t = squash(term).lower()
    if t.startswith("life") or t == "time served":
        return None
    m = re.match(r"(?P<num>.*?) ?(?:\((?P<digits>\d{1,3})\) ?)?(?P<unit>months?|years?)", t)
    if not m:
        raise UnreadableTerm(term)
    if m.group("digits"):
        n = int(m.group("digits"))
    elif m.group("num").strip().isdigit():
        n = int(m.group("num"))
    else:
        n = words_to_int(m.group("num"), table)
    return n * 12 if m.group("unit").startswith("year") else n


class SentenceComponent(MentionComponent):
    field = "sentence"

    def rules_from(self, data: dict) -> list[Rule]:
        """The rules with the shared ``term`` pattern filled in for "{term}"."""
        term = data["term"]
        return [
            Rule(row["label"], compile_rule(row["pattern"].replace("{term}", term)), float(row["confidence"]), {})
            for row in data["rules"]
        ]

    def configure(self, data: dict) -> None:
        self.blockers = compile_rule(data["blockers"])
        self.reach = int(data["blocker_reach"])
        self.numbers = data["numbers"]
        self.supervision = compile_rule(data["supervision_context"])
        self.supervision_reach = int(data["supervision_reach"])

    def span(self, m: re.Match[str]) -> tuple[int, int]:
        """A term is read once, whichever rule reads it."""
        return m.span("term")

    def judge(self, doc: Doc, w: Window, rule: Rule, m: re.Match[str], facts: None) -> Mention | None:
        ts = m.start("term")
        if rule.label != "recommended" and self.blockers.search(w.text[max(m.start(), ts - self.reach) : ts]):
            return None  # a statutory maximum or minimum, a guideline range
        if "total" in m.group(0).lower()[:12] and self._after_supervision(doc, w.start + m.start()):
            return None  # "... supervised release ... for a total of three years"
        try:
            months = term_months(m.group("term"), self.numbers)
        except UnreadableTerm:
            return None
        term = squash(m.group("term")).lower()
        if term.startswith("life"):
            value, kind = "life", "imprisonment"
        elif term == "time served":
            value, kind = "time served", "time_served"
        else:
            value, kind = str(months), "imprisonment"
        if rule.label == "probation":
            kind = "probation"
        elif rule.label == "recommended":
            kind = "recommended"
        attrs = {"months": months, "kind": kind, "text": squash(m.group(0))}
        return Mention(value, m.start(), m.end(), rule.confidence, attrs)

    def _after_supervision(self, doc: Doc, at: int) -> bool:
        before = text_of(doc)[max(0, at - self.supervision_reach) : at]
        hits = list(self.supervision.finditer(before))
        if not hits:
            return False
        # a later imprisonment phrase between the supervision words and the match resets the context
        tail = before[hits[-1].end() :]
        return not re.search(r"imprison|custody|\bBOP\b|incarcerat", tail, re.I)

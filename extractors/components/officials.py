"""Is a defendant described as a current or former public official (police officer, mayor or
municipal president, governor, member of Congress, military officer, judge, prosecutor, customs or
immigration officer, "public official", cabinet-level security official)?

The role must sit in a sentence about the defendant ("the defendant", a defendant name from the
defendants component's findings, or he/she) and be linked to it ("was a", "served as", "a former",
"then-", "member of"). Sentences about the affiant or agents writing the filing, and impersonation
("posing as a federal agent", "false personation of an officer") are skipped. Confidence stays
modest: the link is read from surface patterns, not parsed.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from expediente.extractors import casefold
from expediente.extractors.families import family
from expediente.extractors.findings import of
from expediente.extractors.mentions import Mention, MentionComponent
from expediente.extractors.sentences import Rule, Window, compile_rule, squash

NAME = "expediente_officials"


@Language.factory(
    NAME,
    default_config={"patterns": "official_patterns.json"},
    requires=[family("defendant")],
    assigns=[family("public_official")],
)
def make_officials(nlp: Language, name: str, patterns: str) -> OfficialComponent:
    return OfficialComponent(name, patterns)


class OfficialComponent(MentionComponent):
    field = "public_official"
    exclusive = False  # every role a window names is a mention, overlapping or not

    def rules_from(self, data: dict) -> list[Rule]:
        """One rule per role: its pattern as whole words, its confidence from ``confidence``."""
        conf = data["confidence"]
        return [
            Rule(label, compile_rule(rf"\b(?:{rx})\b"), conf.get(label, conf["default"]), {})
            for label, rx in data["roles"]
        ]

    def configure(self, data: dict) -> None:
        self.link = compile_rule(data["link"])
        self.subject = compile_rule(data["subject"])
        self.skip = compile_rule(data["skip"])
        self.object_of = compile_rule(data["object_of"])
        self.named_bonus = data["confidence"]["named_defendant"]

    def facts(self, doc: Doc) -> re.Pattern[str] | None:
        """The defendants' surnames, as one pattern."""
        surnames = set()
        for f in of(doc, "defendant"):
            parts = [p for p in re.split(r"[\s,]+", f.value) if len(p) > 2]
            if parts:
                surnames.add(re.escape(parts[-1]))
        return re.compile(r"\b(?:" + "|".join(sorted(surnames)) + r")\b", re.I) if surnames else None

    def read(self, doc: Doc, w: Window, facts: re.Pattern[str] | None) -> list[Mention]:
        """Only a window about the defendant (by name, or "the defendant", "he"), not the affiant's own."""
        low = casefold.lowered_text(w.text)
        if casefold.search(self.skip, w.text, low) or not (
            casefold.search(self.subject, w.text, low) or (facts and facts.search(w.text))
        ):
            return []
        return self.scan(doc, w, facts, [])

    def judge(self, doc: Doc, w: Window, rule: Rule, m: re.Match[str], facts: re.Pattern[str] | None) -> Mention | None:
        text = w.text
        before = text[max(0, m.start() - 140) : m.start()]
        if not self.link.search(before) or self.object_of.search(before[-40:]):
            return None  # no link to a person, or the official is the object ("assault of an agent")
        named = bool(facts and facts.search(before))
        if not named and not self.subject.search(before):
            return None
        confidence = rule.confidence + (self.named_bonus if named else 0.0)
        attrs = {"office": squash(m.group(0)).lower(), "category": rule.label, "context": squash(text)}
        return Mention("true", m.start(), m.end(), round(confidence, 2), attrs)

"""Plea status cues: plea (guilty plea, plea agreement, change of plea), trial (jury verdict,
"found guilty on count(s) ... after a plea of not guilty"), pretrial (not-guilty plea at
arraignment, an indictment or complaint with nothing after it), sealed.

Every cue is emitted; the roll-up picks by confidence, so the strongest evidence (a judgment's
filled-in plea line, an accepted plea on the docket, a verdict) carries the highest confidence
and passing mentions ("plea agreement", "change of plea hearing set") less. A cue in a conditional
clause ("if the defendant withdraws his guilty plea") keeps its label at reduced confidence.

Memoranda compare other defendants' outcomes ("Smith was sentenced to life after a jury convicted
him"; "United States v. Jones (convicted at trial)"). A trial cue whose window names another person
as the one tried, or cites another case, and names none of the document's defendants (read from the
defendants component's findings) is that other case's verdict: it is kept at a reduced confidence.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from expediente.extractors import negation
from expediente.extractors.families import family
from expediente.extractors.mentions import Mention, MentionComponent
from expediente.extractors.parties import defendant_words
from expediente.extractors.sentences import Rule, Window, compile_rule, squash

NAME = "expediente_plea"


@Language.factory(
    NAME,
    default_config={"patterns": "plea_patterns.json"},
    requires=[family("defendant")],
    assigns=[family("plea")],
)
def make_plea(nlp: Language, name: str, patterns: str) -> PleaComponent:
    return PleaComponent(name, patterns)


class PleaComponent(MentionComponent):
    field = "plea"
    multiline = True

    def configure(self, data: dict) -> None:
        self.factor = float(data["boilerplate_conditional_factor"])
        self.third_party = compile_rule(data["third_party_subject"])
        self.not_third_party = {w.casefold() for w in data["not_third_party"]}
        self.third_party_factor = float(data["third_party_factor"])

    def about_someone_else(self, text: str, defendants: set[str]) -> bool:
        """Does the window tell another person's or another case's outcome? Only decidable when the
        document's defendants are known."""
        if not defendants:
            return False
        words = {w.casefold() for w in re.findall(r"[A-Za-z][A-Za-z'’-]+", text)}
        if words & defendants or "defendant" in words or "defendants" in words:
            return False
        for m in self.third_party.finditer(text):
            name = m.group("name") or m.group("party")
            if name and name.casefold() not in self.not_third_party:
                return True
        return False

    def facts(self, doc: Doc) -> set[str]:
        return defendant_words(doc)

    def judge(self, doc: Doc, w: Window, rule: Rule, m: re.Match[str], facts: set[str]) -> Mention | None:
        text = w.text
        if rule.label == "plea" and re.search(r"\bnot\s+$", text[max(0, m.start() - 6) : m.start()], re.I):
            return None  # "Not Guilty plea entered" is an arraignment, not a plea
        confidence = rule.confidence
        verdict = negation.assess(text, m.start(), m.end())
        if verdict.status != negation.AFFIRMED:
            confidence *= self.factor
        if rule.label == "trial" and self.about_someone_else(text, facts):
            confidence *= self.third_party_factor
        attrs = {"text": squash(m.group(0)), "status": verdict.status}
        return Mention(rule.label, m.start(), max(m.end(), m.start() + 1), round(confidence, 2), attrs)

"""How the defendant came into US custody: extradited, arrested in the United States, detained abroad
(arrested by foreign authorities with no extradition), or surrendered.

Confidence follows specificity: "was extradited from Mexico" > "extradition"; "arrested at the San
Ysidro Port of Entry" > "was arrested"; docket lines ("Arrest of ...", "Arrest Warrant Returned
Executed") sit in between. Warrants, judgment conditions ("if you are arrested"), surrender for
service of sentence, passport surrender and the Marshal's custody after judgment are excluded.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from expediente.extractors import negation
from expediente.extractors.families import family
from expediente.extractors.mentions import Mention, MentionComponent
from expediente.extractors.sentences import Rule, Window, compile_rule, squash, text_of

NAME = "expediente_custody"


@Language.factory(NAME, default_config={"patterns": "custody_patterns.json"}, assigns=[family("custody")])
def make_custody(nlp: Language, name: str, patterns: str) -> CustodyComponent:
    return CustodyComponent(name, patterns)


class CustodyComponent(MentionComponent):
    field = "custody"
    multiline = True

    def configure(self, data: dict) -> None:
        self.foreign = compile_rule(data["foreign"])
        self.post_sentence = compile_rule(data["post_sentence"])
        self.foreign_label = data["foreign_arrest_label"]
        self.foreign_unless = compile_rule(data["foreign_unless"])
        self.reach = int(data["post_sentence_reach"])

    def judge(self, doc: Doc, w: Window, rule: Rule, m: re.Match[str], facts: None) -> Mention | None:
        text = w.text
        verdict = negation.assess(text, m.start(), m.end())
        if verdict.cancelled or verdict.status == negation.CONDITIONAL:
            return None
        if rule.label == "surrendered" and rule.confidence < 0.5:
            a = w.start + m.start()
            if self.post_sentence.search(text_of(doc)[max(0, a - self.reach) : a + self.reach]):
                return None  # surrender for service of sentence
        label = rule.label
        if label == "arrested_us" and self.foreign.search(text) and not self.foreign_unless.search(text):
            label = self.foreign_label
        attrs = {"text": squash(m.group(0)), "status": verdict.status}
        return Mention(label, m.start(), m.end(), rule.confidence, attrs)

"""How the defendant came into US custody: extradited, arrested in the United States, detained abroad
(arrested by foreign authorities with no extradition), or surrendered.

Confidence follows specificity: "was extradited from Mexico" > "extradition"; "arrested at the San
Ysidro Port of Entry" > "was arrested"; docket lines ("Arrest of ...", "Arrest Warrant Returned
Executed") sit in between. Warrants, judgment conditions ("if you are arrested"), surrender for
service of sentence, passport surrender and the Marshal's custody after judgment are excluded.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from expediente.extractors import negation
from expediente.extractors.findings import Finding, add
from expediente.extractors.patterns import load_json
from expediente.extractors.sentences import (
    active,
    compile_any,
    compile_rule,
    load_rules,
    overlaps,
    spans_of,
    squash,
    text_of,
)

VERSION = "1"
NAME = "expediente_custody"


@Language.factory(NAME, default_config={"patterns": "custody_patterns.json"})
def make_custody(nlp: Language, name: str, patterns: str) -> CustodyComponent:
    return CustodyComponent(name, patterns)


class CustodyComponent:
    def __init__(self, name: str, patterns: str):
        self.name = name
        data = load_json(patterns)
        self.rules = load_rules(patterns, multiline=True)
        self.foreign = compile_rule(data["foreign"])
        self.trigger = compile_rule(data["trigger"])
        self.exclude = compile_any(data["exclude"])
        self.post_sentence = compile_rule(data["post_sentence"])
        self.foreign_label = data["foreign_arrest_label"]
        self.foreign_unless = compile_rule(data["foreign_unless"])
        self.reach = int(data["post_sentence_reach"])

    def __call__(self, doc: Doc) -> Doc:
        for w in active(doc, self.trigger):
            text = w.text
            excluded = spans_of(self.exclude, text)
            taken: list[tuple[int, int]] = []
            for rule in self.rules:
                for m in rule.regex.finditer(text):
                    if overlaps(*m.span(), excluded) or overlaps(*m.span(), taken):
                        continue
                    verdict = negation.assess(text, m.start(), m.end())
                    if verdict.cancelled or verdict.status == negation.CONDITIONAL:
                        continue
                    label, confidence = rule.label, rule.confidence
                    if rule.label == "surrendered" and rule.confidence < 0.5:
                        a = w.start + m.start()
                        if self.post_sentence.search(text_of(doc)[max(0, a - self.reach) : a + self.reach]):
                            continue
                    if label == "arrested_us" and self.foreign.search(text) and not self.foreign_unless.search(text):
                        label = self.foreign_label
                    taken.append(m.span())
                    attrs = {"text": squash(m.group(0)), "status": verdict.status}
                    add(
                        doc,
                        Finding(
                            "custody",
                            label,
                            w.start + m.start(),
                            w.start + m.end(),
                            confidence,
                            self.name,
                            VERSION,
                            attrs,
                        ),
                    )
        return doc

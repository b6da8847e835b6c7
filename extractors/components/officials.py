"""Is a defendant described as a current or former public official (police officer, mayor or
municipal president, governor, member of Congress, military officer, judge, prosecutor, customs or
immigration officer, "public official", cabinet-level security official)?

The role must sit in a sentence about the defendant ("the defendant", a defendant name from the
caption component's findings, or he/she) and be linked to it ("was a", "served as", "a former",
"then-", "member of"). Sentences about the affiant or agents writing the filing, and impersonation
("posing as a federal agent", "false personation of an officer") are skipped. Confidence stays
modest: the link is read from surface patterns, not parsed.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from expediente.extractors.findings import Finding, add, of
from expediente.extractors.patterns import load_json
from expediente.extractors.sentences import active, compile_rule, squash

VERSION = "1"
NAME = "expediente_officials"


@Language.factory(NAME, default_config={"patterns": "official_patterns.json"})
def make_officials(nlp: Language, name: str, patterns: str) -> OfficialComponent:
    return OfficialComponent(name, patterns)


class OfficialComponent:
    def __init__(self, name: str, patterns: str):
        self.name = name
        data = load_json(patterns)
        self.roles = [(label, compile_rule(rf"\b(?:{rx})\b")) for label, rx in data["roles"]]
        self.link = compile_rule(data["link"])
        self.trigger = compile_rule(data["trigger"])
        self.subject = compile_rule(data["subject"])
        self.skip = compile_rule(data["skip"])
        self.object_of = compile_rule(data["object_of"])
        self.conf = data["confidence"]

    def _defendant_names(self, doc: Doc) -> re.Pattern[str] | None:
        surnames = set()
        for f in of(doc, "defendant"):
            parts = [p for p in re.split(r"[\s,]+", f.value) if len(p) > 2]
            if parts:
                surnames.add(re.escape(parts[-1]))
        return re.compile(r"\b(?:" + "|".join(sorted(surnames)) + r")\b", re.I) if surnames else None

    def __call__(self, doc: Doc) -> Doc:
        names = self._defendant_names(doc)
        for w in active(doc, self.trigger):
            text = w.text
            if self.skip.search(text) or not (self.subject.search(text) or (names and names.search(text))):
                continue
            for label, regex in self.roles:
                for m in regex.finditer(text):
                    before = text[max(0, m.start() - 140) : m.start()]
                    if not self.link.search(before) or self.object_of.search(before[-40:]):
                        continue  # no link to a person, or the official is the object ("assault of an agent")
                    named = bool(names and names.search(before))
                    if not named and not self.subject.search(before):
                        continue
                    confidence = self.conf.get(label, self.conf["default"]) + (
                        self.conf["named_defendant"] if named else 0.0
                    )
                    attrs = {"role": squash(m.group(0)).lower(), "category": label, "context": squash(text)}
                    add(
                        doc,
                        Finding(
                            "public_official",
                            "true",
                            w.start + m.start(),
                            w.start + m.end(),
                            round(confidence, 2),
                            self.name,
                            VERSION,
                            attrs,
                        ),
                    )
        return doc

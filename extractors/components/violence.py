"""Mentions of violent crimes (murder, kidnapping, torture, disappearance, sexual violence, assault,
threats, extortion, hostage taking, other violence), each marked charged or only described.

``attrs["charged"]`` is True when the sentence window charges, convicts or pleads to the act: a
count ("Count One ... in violation of"), a statute citation, "pleaded guilty to", "convicted of",
"charged with", a judgment's nature-of-offense table, or a docket count line ("18:1201 KIDNAPPING",
an all-capital offense title). Otherwise the mention is narrative (background, factual basis,
sentencing argument) and ``charged`` is False. Statute names and judgment boilerplate
("Violent Crime Control Act", "non-violent", "program for domestic violence") are excluded.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from extractors.findings import Finding, add
from extractors.patterns import load_json
from extractors.sentences import active, compile_any, compile_rule, context, load_rules, overlaps, spans_of

VERSION = "1"
NAME = "expediente_violence"


@Language.factory(NAME, default_config={"patterns": "violence_patterns.json"})
def make_violence(nlp: Language, name: str, patterns: str) -> ViolenceComponent:
    return ViolenceComponent(name, patterns)


def _line_at(text: str, start: int, end: int) -> str:
    a = text.rfind("\n", 0, start) + 1
    b = text.find("\n", end)
    return text[a : b if b != -1 else len(text)]


class ViolenceComponent:
    def __init__(self, name: str, patterns: str):
        self.name = name
        data = load_json(patterns)
        self.rules = load_rules(patterns)
        self.trigger = compile_rule(data["trigger"])
        self.exclude = compile_any(data["exclude"])
        self.charged = compile_any(data["charged_cues"])
        self.charged_multiline = re.compile(self.charged.pattern, self.charged.flags | re.MULTILINE)

    def is_charged(self, text: str, start: int, end: int, around: str) -> bool:
        if self.charged_multiline.search(around):
            return True
        line = _line_at(text, start, end).strip()
        # docket and judgment offense titles are written in capitals ("KIDNAPPING", "CONSPIRACY TO MURDER")
        letters = [c for c in line if c.isalpha()]
        return len(letters) >= 6 and all(c.isupper() for c in letters)

    def __call__(self, doc: Doc) -> Doc:
        for w in active(doc, self.trigger):
            text = w.text
            around = None
            excluded = spans_of(self.exclude, text)
            taken: list[tuple[int, int]] = []
            found = [(rule, m) for rule in self.rules for m in rule.regex.finditer(text)]
            # a named act before generic violence ("assault with a dangerous weapon" is an assault), then the
            # longest match first ("threatened to kill" is a threat, not a killing)
            found.sort(key=lambda rm: (rm[0].label == "other_violence", -(rm[1].end() - rm[1].start()), rm[1].start()))
            for rule, m in found:
                if overlaps(*m.span(), excluded) or overlaps(*m.span(), taken):
                    continue
                taken.append(m.span())
                around = around or context(doc, w).text
                charged = self.is_charged(text, *m.span(), around)
                attrs = {"charged": charged, "text": m.group(0)}
                add(
                    doc,
                    Finding(
                        "violence",
                        rule.label,
                        w.start + m.start(),
                        w.start + m.end(),
                        rule.confidence,
                        self.name,
                        VERSION,
                        attrs,
                    ),
                )
        return doc

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

from expediente.extractors.findings import Finding, add
from expediente.extractors.patterns import load_json
from expediente.extractors.sentences import (
    active,
    compile_any,
    compile_rule,
    context,
    load_rules,
    overlaps,
    spans_of,
    text_of,
)

VERSION = "1"
NAME = "expediente_violence"


@Language.factory(NAME, default_config={"patterns": "violence_patterns.json"})
def make_violence(nlp: Language, name: str, patterns: str) -> ViolenceComponent:
    return ViolenceComponent(name, patterns)


def _line_at(text: str, start: int, end: int) -> str:
    a = text.rfind("\n", 0, start) + 1
    b = text.find("\n", end)
    return text[a : b if b != -1 else len(text)]


_OPEN, _CLOSE = "“", "”"


def _open_quote(text: str, at: int) -> int:
    """Where the quotation holding offset ``at`` opens (-1 when ``at`` is not inside quoted words)."""
    head = text[:at]
    curly = head.rfind(_OPEN)
    if curly > head.rfind(_CLOSE):
        return curly
    return head.rfind('"') if head.count('"') % 2 == 1 else -1


class ViolenceComponent:
    def __init__(self, name: str, patterns: str):
        self.name = name
        data = load_json(patterns)
        self.rules = load_rules(patterns)
        self.trigger = compile_rule(data["trigger"])
        self.exclude = compile_any(data["exclude"])
        self.charged = compile_any(data["charged_cues"])
        self.charged_multiline = re.compile(self.charged.pattern, self.charged.flags | re.MULTILINE)
        self.charged_before = compile_rule(data["local_charged_before"])
        self.charged_after = compile_rule(data["local_charged_after"])
        self.quoted_labels = frozenset(data["quoted_relabel"]["labels"])
        self.quoted_to = data["quoted_relabel"]["to"]
        self.quoted_speaker = compile_rule(data["quoted_relabel"]["speaker"])
        self.quoted_reach = int(data["quoted_relabel"]["reach"])
        self.count_heading = re.compile(data["count_heading"], re.MULTILINE)
        self.count_end = compile_rule(data["count_end"])
        self.count_reach = int(data["count_reach"])

    def count_regions(self, text: str) -> list[tuple[int, int]]:
        """Spans of an indictment's count bodies: from a "COUNT ONE" heading line to the end of the
        sentence holding the next "in violation of" (within ``count_reach`` characters)."""
        regions = []
        for m in self.count_heading.finditer(text):
            end = self.count_end.search(text, m.end(), m.end() + self.count_reach)
            if end is None:
                continue
            stop = text.find(".", end.end())
            regions.append((m.start(), len(text) if stop == -1 else stop + 1))
        return regions

    def is_spoken_threat(self, text: str, at: int) -> bool:
        """Violence inside quoted first-person or future speech ("we will have to kill them") is a threat;
        a prosecutor's quoted summary of past acts is not."""
        opened = _open_quote(text, at)
        if opened == -1 or at - opened > self.quoted_reach:
            return False
        return bool(self.quoted_speaker.search(text, opened, at + 1))

    def locally_charged(self, text: str, start: int, end: int) -> bool:
        """A cue right beside the mention: "convicted of attempted murder", "the assault conviction"."""
        before = text[max(0, start - 60) : start]
        after = text[end : end + 60]
        return bool(self.charged_before.search(before) or self.charged_after.match(after))

    def is_charged(self, text: str, start: int, end: int, around: str) -> bool:
        if self.charged_multiline.search(around):
            return True
        line = _line_at(text, start, end).strip()
        # docket and judgment offense titles are written in capitals ("KIDNAPPING", "CONSPIRACY TO MURDER")
        letters = [c for c in line if c.isalpha()]
        return len(letters) >= 6 and all(c.isupper() for c in letters)

    def __call__(self, doc: Doc) -> Doc:
        regions = self.count_regions(text_of(doc))
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
                absolute = (w.start + m.start(), w.start + m.end())
                charged = (
                    overlaps(*absolute, regions)
                    or self.locally_charged(text, *m.span())
                    or self.is_charged(text, *m.span(), around)
                )
                label = rule.label
                if not charged and label in self.quoted_labels and self.is_spoken_threat(text, m.start()):
                    label = self.quoted_to
                attrs = {"charged": charged, "text": m.group(0)}
                add(
                    doc,
                    Finding(
                        "violence",
                        label,
                        w.start + m.start(),
                        w.start + m.end(),
                        rule.confidence,
                        self.name,
                        VERSION,
                        attrs,
                    ),
                )
        return doc

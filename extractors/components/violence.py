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
from collections.abc import Iterator

from spacy.language import Language
from spacy.tokens import Doc

from expediente.extractors import casefold
from expediente.extractors.families import family
from expediente.extractors.mentions import Mention, MentionComponent
from expediente.extractors.sentences import Rule, Window, compile_any, compile_rule, context, overlaps, text_of

NAME = "expediente_violence"


@Language.factory(NAME, default_config={"patterns": "violence_patterns.json"}, assigns=[family("violence")])
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


class ViolenceComponent(MentionComponent):
    field = "violence"

    def configure(self, data: dict) -> None:
        self.charged = compile_any(data["charged_cues"], multiline=True)
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
        if self.charged.search(around):
            return True
        line = _line_at(text, start, end).strip()
        # docket and judgment offense titles are written in capitals ("KIDNAPPING", "CONSPIRACY TO MURDER")
        letters = [c for c in line if c.isalpha()]
        return len(letters) >= 6 and all(c.isupper() for c in letters)

    def facts(self, doc: Doc) -> list[tuple[int, int]]:
        return self.count_regions(text_of(doc))

    def candidates(self, text: str, facts: list[tuple[int, int]]) -> Iterator[tuple[Rule, re.Match[str]]]:
        """A named act before generic violence ("assault with a dangerous weapon" is an assault), then the
        longest match first ("threatened to kill" is a threat, not a killing)."""
        low = casefold.lowered_text(text)
        found = [(rule, m) for rule in self.rules for m in casefold.finditer(rule.regex, text, low)]
        found.sort(key=lambda rm: (rm[0].label == "other_violence", -(rm[1].end() - rm[1].start()), rm[1].start()))
        return iter(found)

    def judge(self, doc: Doc, w: Window, rule: Rule, m: re.Match[str], facts: list[tuple[int, int]]) -> Mention:
        text = w.text
        charged = (
            overlaps(w.start + m.start(), w.start + m.end(), facts)
            or self.locally_charged(text, *m.span())
            or self.is_charged(text, *m.span(), context(doc, w).text)
        )
        label = rule.label
        if not charged and label in self.quoted_labels and self.is_spoken_threat(text, m.start()):
            label = self.quoted_to
        return Mention(label, m.start(), m.end(), rule.confidence, {"charged": charged, "text": m.group(0)})

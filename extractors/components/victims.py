"""Victim mentions: pseudonymous victims ("Victim-1", "V-1"), minors ("Minor Victim 1", "MV-1"),
law-enforcement victims ("a DEA Special Agent", "federal officers"), United States citizens, named
persons ("the murder of J.D.") and generic victims.

``attrs["context"]`` is the sentence window the mention sits in, ``attrs["harm"]`` a short label of
what the sentence says happened to the victim when one is clear ("killed", "kidnapped",
"assaulted", ...). Agents, officers, citizens and children only count when the same sentence says
they were harmed; statute names ("Crime Victims' Rights Act") are dropped and restitution or
guideline boilerplate ("all nonfederal victims must be paid", "the same victim") is kept at low
confidence.

Victims are also found where no victim word is used: as the object of a violent act ("shot at rival
gang members", "planned to murder immigrants crossing the border"), by age ("a 15-year-old" near a
harm word), and in the count/victim tables of charging documents ("COUNT  VICTIM" then rows of
initials), labelled from the paragraph that introduces the table.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from expediente.extractors import casefold
from expediente.extractors.families import family
from expediente.extractors.findings import Finding, add
from expediente.extractors.mentions import Mention, MentionComponent
from expediente.extractors.sentences import Rule, Window, compile_any, compile_rule, overlaps, spans_of, squash, text_of

NAME = "expediente_victims"


@Language.factory(NAME, default_config={"patterns": "victim_patterns.json"}, assigns=[family("victim")])
def make_victims(nlp: Language, name: str, patterns: str) -> VictimComponent:
    return VictimComponent(name, patterns)


@dataclass(frozen=True)
class _Harm:
    """What a window says happened to its victims, and where it is boilerplate."""

    label: str | None  # the first harm named
    violent: bool  # a violent harm: rules that need one apply
    boilerplate: list[tuple[int, int]]


class VictimComponent(MentionComponent):
    field = "victim"

    def configure(self, data: dict) -> None:
        named = data["named_person"]
        self.named = re.compile(named["pattern"].replace(" ", r"\s+"))  # case-sensitive: names are capitalised
        self.named_conf = float(named["confidence"])
        self.not_names = set(named["not_names"])
        self.harm = [(label, compile_rule(rx)) for label, rx in data["harm"].items()]
        self.gate = set(data["harm_for_gate"])
        self.boilerplate = compile_any(data["boilerplate"])
        self.boilerplate_conf = float(data["boilerplate_confidence"])
        self.harm_bonus = float(data["harm_bonus"])
        self.reach = int(data["gate_reach"])
        table = data["victim_table"]
        self.table_header = re.compile(table["header"], re.MULTILINE)
        self.table_row = re.compile(table["row"], re.MULTILINE)
        self.table_lookback = int(table["lookback"])
        self.table_rows = int(table["max_rows"])
        self.table_conf = float(table["confidence"])
        self.headline_words = compile_rule(data["headline"]["function_words"])
        self.headline_min = int(data["headline"]["min_function_words"])
        self.officers = next(r.regex for r in self.rules if r.label == "law_enforcement")

    def harm_of(self, text: str) -> tuple[str | None, bool]:
        """(first harm label found, whether it is a violent harm that lets gated rules through)."""
        low = casefold.lowered_text(text)
        labels = [label for label, rx in self.harm if casefold.search(rx, text, low)]
        violent = any(label in self.gate for label in labels)
        return (labels[0] if labels else None), violent

    def in_headline(self, text: str, at: int) -> bool:
        """Is ``at`` on a title-cased headline line (or a headline wrapped over two lines)?"""
        lo = text.rfind("\n", 0, text.rfind("\n", 0, at)) + 1
        hi = text.find("\n", at)
        hi = len(text) if hi == -1 else hi
        line = text[lo:hi]
        words = re.findall(r"[A-Za-z]+", line)
        if len(words) < 6 or sum(w[0].isupper() for w in words) < 0.85 * len(words) or line.isupper():
            return False
        # a sentence starts with a capital; a headline also capitalises its function words
        return len(self.headline_words.findall(line[1:])) >= self.headline_min

    def __call__(self, doc: Doc) -> Doc:
        super().__call__(doc)
        self._tables(doc)
        return doc

    def read(self, doc: Doc, w: Window, facts: None) -> list[Mention]:
        """The rules' mentions, then named persons ("the murder of J.D.") where no rule matched."""
        label, violent = self.harm_of(w.text)
        harm = _Harm(label, violent, spans_of(self.boilerplate, w.text))
        taken: list[tuple[int, int]] = []
        found = self.scan(doc, w, harm, taken)
        for m in self.named.finditer(w.text):
            name = m.group("name")
            if name in self.not_names or name.split()[0] in self.not_names:
                continue
            s, e = m.span("name")
            if overlaps(s, e, taken):
                continue
            taken.append((s, e))
            found.append(self._mention(w.text, s, e, "named_person", self.named_conf, harm, {"name": squash(name)}))
        return found

    def candidates(self, text: str, facts: _Harm) -> Iterator[tuple[Rule, re.Match[str]]]:
        """Rules marked ``needs_harm`` (agents, officers, citizens, children) only near a violent harm."""
        low = casefold.lowered_text(text)
        for rule in self.rules:
            gated = bool(rule.options.get("needs_harm"))
            if gated and not facts.violent:
                continue
            for m in casefold.finditer(rule.regex, text, low):
                if not gated or self.harm_of(text[max(0, m.start() - self.reach) : m.end() + self.reach])[1]:
                    yield rule, m

    def judge(self, doc: Doc, w: Window, rule: Rule, m: re.Match[str], facts: _Harm) -> Mention:
        confidence = rule.confidence + (self.harm_bonus if facts.label else 0.0)
        if overlaps(*m.span(), facts.boilerplate) or self.in_headline(w.text, m.start()):
            confidence = min(confidence, self.boilerplate_conf)
        return self._mention(w.text, m.start(), m.end(), rule.label, confidence, facts, dict(rule.attrs))

    @staticmethod
    def _mention(text: str, start: int, end: int, label: str, confidence: float, harm: _Harm, attrs: dict) -> Mention:
        attrs.update({"context": squash(text), "harm": harm.label, "text": squash(text[start:end])})
        return Mention(label, start, end, round(min(confidence, 0.95), 2), attrs)

    def _tables(self, doc: Doc) -> None:
        """Rows of a COUNT / VICTIM table: each row's victim, labelled from the introducing paragraph."""
        text = text_of(doc)
        for head in self.table_header.finditer(text):
            intro = text[max(0, head.start() - self.table_lookback) : head.start()]
            officers = bool(self.officers.search(intro))
            pos = head.end() + 1
            for _ in range(self.table_rows):
                while pos < len(text) and text[pos] == "\n":
                    pos += 1
                row = self.table_row.match(text, pos)
                if row is None:
                    break
                victim = row.group("victim")
                initials = bool(re.fullmatch(r"(?:[A-Z]\. ?){2,3}", victim))
                label = "law_enforcement" if officers else "pseudonymous_victim" if initials else "named_person"
                s, e = row.span("victim")
                attrs = {"context": squash(intro[-200:] + " " + row.group(0)), "harm": None, "text": victim}
                attrs["table"] = True
                add(doc, Finding("victim", label, s, e, self.table_conf, self.name, self.version, attrs))
                pos = row.end() + 1

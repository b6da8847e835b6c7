"""Victim mentions: pseudonymous victims ("Victim-1", "V-1"), minors ("Minor Victim 1", "MV-1"),
law-enforcement victims ("a DEA Special Agent", "federal officers"), United States citizens, named
persons ("the murder of J.D.") and generic victims.

``attrs["context"]`` is the sentence window the mention sits in, ``attrs["harm"]`` a short label of
what the sentence says happened to the victim when one is clear ("killed", "kidnapped",
"assaulted", ...). Agents, officers, citizens and children only count when the same sentence says
they were harmed; statute names ("Crime Victims' Rights Act") are dropped and restitution or
guideline boilerplate ("all nonfederal victims must be paid", "the same victim") is kept at low
confidence.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from extractors.findings import Finding, add
from extractors.patterns import load_json
from extractors.sentences import active, compile_any, compile_rule, load_rules, overlaps, spans_of, squash

VERSION = "1"
NAME = "expediente_victims"


@Language.factory(NAME, default_config={"patterns": "victim_patterns.json"})
def make_victims(nlp: Language, name: str, patterns: str) -> VictimComponent:
    return VictimComponent(name, patterns)


class VictimComponent:
    def __init__(self, name: str, patterns: str):
        self.name = name
        data = load_json(patterns)
        self.rules = load_rules(patterns)
        self.trigger = compile_rule(data["trigger"])
        self.needs_harm = [bool(row.get("needs_harm")) for row in data["rules"]]
        named = data["named_person"]
        self.named = re.compile(named["pattern"].replace(" ", r"\s+"))  # case-sensitive: names are capitalised
        self.named_conf = float(named["confidence"])
        self.not_names = set(named["not_names"])
        self.harm = [(label, compile_rule(rx)) for label, rx in data["harm"].items()]
        self.gate = set(data["harm_for_gate"])
        self.exclude = compile_any(data["exclude"])
        self.boilerplate = compile_any(data["boilerplate"])
        self.boilerplate_conf = float(data["boilerplate_confidence"])
        self.harm_bonus = float(data["harm_bonus"])
        self.reach = int(data["gate_reach"])

    def harm_of(self, text: str) -> tuple[str | None, bool]:
        """(first harm label found, whether it is a violent harm that lets gated rules through)."""
        labels = [label for label, rx in self.harm if rx.search(text)]
        violent = any(label in self.gate for label in labels)
        return (labels[0] if labels else None), violent

    def __call__(self, doc: Doc) -> Doc:
        for w in active(doc, self.trigger):
            text = w.text
            excluded = spans_of(self.exclude, text)
            boiler = spans_of(self.boilerplate, text)
            harm, violent = self.harm_of(text)
            taken: list[tuple[int, int]] = []
            for rule, gated in zip(self.rules, self.needs_harm, strict=True):
                if gated and not violent:
                    continue
                for m in rule.regex.finditer(text):
                    if overlaps(*m.span(), excluded) or overlaps(*m.span(), taken):
                        continue
                    if gated and not self.harm_of(text[max(0, m.start() - self.reach) : m.end() + self.reach])[1]:
                        continue
                    taken.append(m.span())
                    confidence = rule.confidence + (self.harm_bonus if harm else 0.0)
                    if overlaps(*m.span(), boiler):
                        confidence = min(confidence, self.boilerplate_conf)
                    self._emit(doc, w, m.start(), m.end(), rule.label, confidence, harm, dict(rule.attrs))
            for m in self.named.finditer(text):
                name = m.group("name")
                if name in self.not_names or name.split()[0] in self.not_names:
                    continue
                s, e = m.span("name")
                if overlaps(s, e, taken):
                    continue
                taken.append((s, e))
                self._emit(doc, w, s, e, "named_person", self.named_conf, harm, {"name": squash(name)})
        return doc

    def _emit(self, doc, w, start, end, label, confidence, harm, attrs) -> None:
        attrs.update({"context": squash(w.text), "harm": harm, "text": squash(w.text[start:end])})
        add(
            doc,
            Finding(
                "victim",
                label,
                w.start + start,
                w.start + end,
                round(min(confidence, 0.95), 2),
                self.name,
                VERSION,
                attrs,
            ),
        )

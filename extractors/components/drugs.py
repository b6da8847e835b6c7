"""Drug types and, where stated, quantities ("5 kilograms or more of a mixture and substance
containing a detectable amount of cocaine", "approximately 20.5 kilograms of methamphetamine").

One finding per drug mention: ``value`` is the normalised drug name, ``attrs`` hold the quantity
as written (whitespace collapsed, a number written in words put in figures) or None, and
``purity`` ("actual"/"mixture") where stated. The
span covers the quantity and the drug name when both are present. Deduplication is the roll-up's job.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from expediente.extractors.components.sentence import UnreadableTerm, words_to_int
from expediente.extractors.findings import Finding, add
from expediente.extractors.patterns import load_json
from expediente.extractors.sentences import active, compile_any, compile_rule, overlaps, spans_of, squash

VERSION = "1"
NAME = "expediente_drugs"


@Language.factory(NAME, default_config={"patterns": "drug_patterns.json"})
def make_drugs(nlp: Language, name: str, patterns: str) -> DrugComponent:
    return DrugComponent(name, patterns)


class DrugComponent:
    def __init__(self, name: str, patterns: str):
        self.name = name
        data = load_json(patterns)
        self.conf = data["confidence"]
        groups = []
        self.names: list[str] = []
        for i, (drug, alternatives) in enumerate(data["drugs"]):
            groups.append(f"(?P<d{i}>{'|'.join(alternatives)})")
            self.names.append(drug)
        drug_rx = "|".join(groups)
        qty = (
            f"(?P<qty>(?:{data['qualifier_before']} )?(?:{data['number']})(?: ?\\(\\d[\\d,.]*\\))? ?"
            f"(?:{data['unit']})(?:{data['or_more']})?)"
        )
        self.with_qty = compile_rule(
            f"{qty} (?:of )?(?P<mix>{data['mixture']})?(?P<pure>{data['purity']})?(?:{drug_rx})"
        )
        self.bare = compile_rule(f"(?:{drug_rx})")
        after = (
            f"{data['weight_after']} (?P<qty>(?:{data['qualifier_before']} )?(?:{data['number']}) ?(?:{data['unit']}))"
        )
        self.qty_after = compile_rule(after)
        self.actual = compile_any(data["actual_markers"])
        self.short = compile_any(data["short_names"], case_sensitive=False)
        self.exclude = compile_any(data["exclude"])
        self.trigger = compile_rule(data["trigger"])
        self.numbers: dict[str, int] = load_json(data["number_words_file"])["numbers"]
        self.number_words = re.compile(data["number_words"], re.IGNORECASE)

    def digits(self, quantity: str) -> str:
        """A quantity with its number written in figures: "five (5) kilograms or more" -> "5 kilograms or more"."""
        m = self.number_words.search(quantity)
        if not m:
            return quantity
        try:
            n = words_to_int(m.group("words"), self.numbers)
        except UnreadableTerm:
            return quantity
        return f"{quantity[: m.start()]}{n:,}{quantity[m.end() :]}"

    def _drug(self, m: re.Match[str]) -> str:
        for key, value in m.groupdict().items():
            if value and key.startswith("d") and key[1:].isdigit():
                return self.names[int(key[1:])]
        raise LookupError("drug group missing from match")

    def __call__(self, doc: Doc) -> Doc:
        for w in active(doc, self.trigger):
            text = w.text
            taken: list[tuple[int, int]] = spans_of(self.exclude, text)
            for m in self.with_qty.finditer(text):
                if overlaps(*m.span(), taken):
                    continue
                taken.append(m.span())
                quantity = self.digits(squash(m.group("qty")))
                self._emit(doc, w.start, m.start(), m.end(), self._drug(m), quantity, m, text)
            for m in self.bare.finditer(text):
                if overlaps(*m.span(), taken):
                    continue
                taken.append(m.span())
                quantity = None
                end = m.end()
                after = self.qty_after.match(text, m.end())
                if after:
                    quantity, end = self.digits(squash(after.group("qty"))), after.end()
                self._emit(doc, w.start, m.start(), end, self._drug(m), quantity, m, text)
        return doc

    def _emit(self, doc, base, start, end, drug, quantity, m, text) -> None:
        if quantity:
            confidence = self.conf["with_quantity"]
        elif self.short.fullmatch(m.group(0)):
            confidence = self.conf["short_name"]
        else:
            confidence = self.conf["bare"]
        attrs = {"quantity": quantity}
        if drug == "methamphetamine":
            local = text[max(0, start - 20) : end + 25]
            if (m.groupdict().get("pure")) or self.actual.search(local):
                attrs["purity"] = "actual"
            elif m.groupdict().get("mix"):
                attrs["purity"] = "mixture"
        add(doc, Finding("drug", drug, base + start, base + end, confidence, self.name, VERSION, attrs))

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
from expediente.extractors.families import family
from expediente.extractors.mentions import Mention, MentionComponent
from expediente.extractors.patterns import load_json
from expediente.extractors.sentences import Rule, Window, compile_any, compile_rule, squash

NAME = "expediente_drugs"


@Language.factory(NAME, default_config={"patterns": "drug_patterns.json"}, assigns=[family("drug")])
def make_drugs(nlp: Language, name: str, patterns: str) -> DrugComponent:
    return DrugComponent(name, patterns)


class DrugComponent(MentionComponent):
    field = "drug"

    def rules_from(self, data: dict) -> list[Rule]:
        """Two rules built from the drug names: a quantity then a drug, then a drug alone (its quantity may
        follow: "methamphetamine, weighing approximately 5 kilograms")."""
        drug_rx = "|".join(f"(?P<d{i}>{'|'.join(alternatives)})" for i, (_, alternatives) in enumerate(data["drugs"]))
        qty = (
            f"(?P<qty>(?:{data['qualifier_before']} )?(?:{data['number']})(?: ?\\(\\d[\\d,.]*\\))? ?"
            f"(?:{data['unit']})(?:{data['or_more']})?)"
        )
        with_qty = compile_rule(f"{qty} (?:of )?(?P<mix>{data['mixture']})?(?P<pure>{data['purity']})?(?:{drug_rx})")
        conf = data["confidence"]
        return [
            Rule("with_quantity", with_qty, conf["with_quantity"], {}),
            Rule("bare", compile_rule(f"(?:{drug_rx})"), conf["bare"], {}),
        ]

    def configure(self, data: dict) -> None:
        self.conf = data["confidence"]
        self.names: list[str] = [drug for drug, _ in data["drugs"]]
        after = (
            f"{data['weight_after']} (?P<qty>(?:{data['qualifier_before']} )?(?:{data['number']}) ?(?:{data['unit']}))"
        )
        self.qty_after = compile_rule(after)
        self.actual = compile_any(data["actual_markers"])
        self.short = compile_any(data["short_names"], case_sensitive=False)
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

    def judge(self, doc: Doc, w: Window, rule: Rule, m: re.Match[str], facts: None) -> Mention:
        text = w.text
        end = m.end()
        if rule.label == "with_quantity":
            quantity = self.digits(squash(m.group("qty")))
        else:
            quantity = None
            after = self.qty_after.match(text, m.end())
            if after:
                quantity, end = self.digits(squash(after.group("qty"))), after.end()
        drug = self._drug(m)
        if quantity:
            confidence = self.conf["with_quantity"]
        elif self.short.fullmatch(m.group(0)):
            confidence = self.conf["short_name"]
        else:
            confidence = self.conf["bare"]
        attrs = {"quantity": quantity}
        if drug == "methamphetamine":
            local = text[max(0, m.start() - 20) : end + 25]
            if (m.groupdict().get("pure")) or self.actual.search(local):
                attrs["purity"] = "actual"
            elif m.groupdict().get("mix"):
                attrs["purity"] = "mixture"
        return Mention(drug, m.start(), end, confidence, attrs)

"""Criminal organisations a filing names (Sinaloa Cartel, CJNG, Gulf Cartel, Los Zetas, ...), by the names in
``organizations.json``: accents and case aside, on word boundaries, with acronyms and common-word names
matched only as written. Each mention is a finding labelled with the organisation's canonical name. A name
in a multi-defendant document is the group's (the person rule is shared): a conspiracy count naming the
cartel names it for all its defendants."""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from expediente.extractors.families import family
from expediente.extractors.findings import Finding, add
from expediente.extractors.names import fold_chars
from expediente.extractors.patterns import load_json
from expediente.extractors.sentences import text_of

NAME = "expediente_organizations"
VERSION = "1"


def _alternation(names: list[str], fold: bool) -> str:
    forms = sorted({fold_chars(n) if fold else n for n in names}, key=len, reverse=True)
    return "|".join(re.escape(f).replace(r"\ ", r"\s+").replace(r"\-", r"[\s-]?") for f in forms)


@Language.factory(NAME, default_config={"patterns": "organizations.json"}, assigns=[family("organization")])
def make_organizations(nlp: Language, name: str, patterns: str) -> OrganizationsComponent:
    return OrganizationsComponent(name, patterns)


class OrganizationsComponent:
    confidence = 0.8

    def __init__(self, name: str, patterns: str):
        self.name = name
        orgs = load_json(patterns)["organizations"]
        self.canonical = {f"o{i}": org["name"] for i, org in enumerate(orgs)}
        bound = r"(?<![\w-])(?:{})(?![\w-])"
        self.folded = re.compile(
            bound.format("|".join(f"(?P<o{i}>{_alternation(o['aliases'], True)})" for i, o in enumerate(orgs)))
        )
        exact = [(i, o["case_sensitive"]) for i, o in enumerate(orgs) if o["case_sensitive"]]
        self.exact = re.compile(bound.format("|".join(f"(?P<o{i}>{_alternation(a, False)})" for i, a in exact)))

    def __call__(self, doc: Doc) -> Doc:
        text = text_of(doc)
        for regex, searched in ((self.folded, fold_chars(text)), (self.exact, text)):
            for m in regex.finditer(searched):
                attrs = {"text": " ".join(text[m.start() : m.end()].split())}
                add(
                    doc,
                    Finding(
                        "organization",
                        self.canonical[m.lastgroup],
                        m.start(),
                        m.end(),
                        self.confidence,
                        self.name,
                        VERSION,
                        attrs,
                    ),
                )
        return doc

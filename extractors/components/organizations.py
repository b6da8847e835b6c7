"""Criminal organisations a filing names (Sinaloa Cartel, CJNG, Gulf Cartel, Los Zetas, ...), by the names in
``organizations.json``: accents and case aside, on word boundaries, with acronyms and common-word names
matched only as written. Each mention is a finding labelled with the organisation's canonical name. An
organisation the file does not list is read where the filing says what it is ('"Sev Side," a street gang'),
labelled with its name as written. A name
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
from expediente.extractors.sentences import compile_rule, text_of

NAME = "expediente_organizations"
VERSION = "2"


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
        data = load_json(patterns)
        orgs = data["organizations"]
        self.canonical = {f"o{i}": org["name"] for i, org in enumerate(orgs)}
        bound = r"(?<![\w-])(?:{})(?![\w-])"
        self.folded = re.compile(
            bound.format("|".join(f"(?P<o{i}>{_alternation(o['aliases'], True)})" for i, o in enumerate(orgs)))
        )
        exact = [(i, o["case_sensitive"]) for i, o in enumerate(orgs) if o["case_sensitive"]]
        self.exact = re.compile(bound.format("|".join(f"(?P<o{i}>{_alternation(a, False)})" for i, a in exact)))
        self.named = [compile_rule(p) for p in data["named"]]
        self.not_names = {n.casefold() for n in data["not_names"]}
        self.by_alias = {_key(a): o["name"] for o in orgs for a in o["aliases"] + o["case_sensitive"]}

    def __call__(self, doc: Doc) -> Doc:
        text = text_of(doc)
        listed: list[tuple[int, int]] = []
        for regex, searched in ((self.folded, fold_chars(text)), (self.exact, text)):
            for m in regex.finditer(searched):
                listed.append((m.start(), m.end()))
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
        for regex in self.named:
            for m in regex.finditer(text):
                name = " ".join(m["name"].split()).strip(" .'’")
                if not name[:1].isupper() and not name[:1].isdigit():
                    continue  # "the cartel," a ...
                if all(w.casefold() in self.not_names for w in name.split()):
                    continue
                start, end = m.start("name"), m.start("name") + len(m["name"].rstrip(" .'’"))
                if any(s < end and start < e for s, e in listed):
                    continue  # a listed organisation, found above by its canonical name
                label = self.by_alias.get(_key(name), name)
                attrs = {"text": name, "named": True}
                add(doc, Finding("organization", label, start, end, self.confidence, self.name, VERSION, attrs))
        return doc


def _key(name: str) -> str:
    """A name compared without accents, case, hyphens or spacing."""
    return re.sub(r"[\s-]+", " ", fold_chars(name).casefold()).strip()

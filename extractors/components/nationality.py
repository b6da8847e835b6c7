"""A defendant's nationality where a filing states it: "a Mexican national", "a citizen of Mexico", "a
native and citizen of Mexico", "Chinese nationals". The value is the country (``countries.json``); birthplace,
a country's authorities or its cartels are not nationality, and "not a citizen of the United States" states
none. Whose nationality it is, in a document naming several defendants, is the attribution component's."""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from expediente.extractors.families import family
from expediente.extractors.findings import Finding, add
from expediente.extractors.patterns import load_json
from expediente.extractors.sentences import compile_rule, text_of

NAME = "expediente_nationality"
VERSION = "1"
NEGATION_REACH = 30
SUBJECT_REACH = 100  # characters before the phrase where its subject is read


@Language.factory(NAME, default_config={"patterns": "countries.json"}, assigns=[family("nationality")])
def make_nationality(nlp: Language, name: str, patterns: str) -> NationalityComponent:
    return NationalityComponent(name, patterns)


class NationalityComponent:
    def __init__(self, name: str, patterns: str):
        self.name = name
        data = load_json(patterns)
        self.confidence = float(data["confidence"])
        self.negation = re.compile(data["negation"], re.IGNORECASE)
        self.subject = re.compile(data["subject"])
        self.not_subject = re.compile(data["not_subject"], re.IGNORECASE)
        self.country_of: dict[str, str] = {}
        groups = []
        for i, c in enumerate(data["countries"]):
            group = f"c{i}"
            self.country_of[group] = c["country"]
            names, demonyms = "|".join(c["names"]), "|".join(c["demonyms"])
            for pattern in data["patterns"]:
                if "{name}" in pattern:
                    groups.append(f"(?P<{group}_n>{pattern.replace('{name}', f'(?:{names})')})")
                else:
                    groups.append(f"(?P<{group}_d{len(groups)}>{pattern.replace('{demonym}', f'(?:{demonyms})')})")
        self.regex = compile_rule("|".join(groups))

    def __call__(self, doc: Doc) -> Doc:
        text = text_of(doc)
        for m in self.regex.finditer(text):
            left = text[max(0, m.start() - SUBJECT_REACH) : m.start()]
            if self.negation.search(left[-NEGATION_REACH:]) or self.not_subject.search(left):
                continue
            if not self.subject.search(left):
                continue  # no person it is said of ("Mexican nationals have been ...", "harm to citizens of")
            group = m.lastgroup.split("_")[0]
            attrs = {"text": " ".join(m.group(0).split())}
            add(
                doc,
                Finding(
                    "nationality",
                    self.country_of[group],
                    m.start(),
                    m.end(),
                    self.confidence,
                    self.name,
                    VERSION,
                    attrs,
                ),
            )
        return doc

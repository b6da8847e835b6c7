"""The defendants and their aliases: ``defendant`` findings, full name / {"aliases": [...]}, and ``alias``
findings, alias text / {"defendant": name}.

Read by :func:`extractors.parties.read_parties` from the caption, a docket, page headers, a press release,
an inline "United States v. Name" and the charging language; which sources apply depends on the document
type, so this component runs after the document-type rules.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from expediente.extractors.caption import caption_patterns, head
from expediente.extractors.families import family
from expediente.extractors.findings import Finding, add, of
from expediente.extractors.names import name_key
from expediente.extractors.parties import read_parties
from expediente.extractors.sentences import text_of

VERSION = "1"
NAME = "expediente_defendants"


@Language.factory(
    NAME,
    default_config={"patterns": "caption_patterns.json"},
    requires=[family("doc_type")],
    assigns=[family("defendant"), family("alias")],
)
def make_defendants(nlp: Language, name: str, patterns: str) -> DefendantsComponent:
    return DefendantsComponent(name, patterns)


class DefendantsComponent:
    def __init__(self, name: str, patterns: str):
        self.name = name
        self.patterns = caption_patterns(patterns)

    def __call__(self, doc: Doc) -> Doc:
        text = text_of(doc)
        found = sorted(of(doc, "doc_type"), key=lambda f: -f.confidence)
        doc_type = found[0].value if found else None
        for party in read_parties(self.patterns, text, doc_type, head(doc._.pages, text, self.patterns)):
            confidence = round(party.confidence, 3)
            aliases = party.distinct_aliases()
            attrs = {"aliases": [alias for alias, _, _ in aliases if name_key(alias)]}
            add(doc, Finding("defendant", party.name, party.start, party.end, confidence, self.name, VERSION, attrs))
            for alias, s, e in aliases:
                add(doc, Finding("alias", alias, s, e, confidence, self.name, VERSION, {"defendant": party.name}))
        return doc

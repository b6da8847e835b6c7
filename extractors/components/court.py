"""The court a document is filed in: ``court`` finding, courts-db id / {"name": full court name, "federal": bool}.

Read by :func:`extractors.courts.caption_court` from the caption page (see :mod:`extractors.caption`).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from expediente.extractors.caption import caption_patterns, head
from expediente.extractors.courts import caption_court
from expediente.extractors.families import family
from expediente.extractors.findings import Finding, add
from expediente.extractors.sentences import text_of

VERSION = "1"
NAME = "expediente_court"


@Language.factory(NAME, default_config={"patterns": "caption_patterns.json"}, assigns=[family("court")])
def make_court(nlp: Language, name: str, patterns: str) -> CourtComponent:
    return CourtComponent(name, patterns)


class CourtComponent:
    def __init__(self, name: str, patterns: str):
        self.name = name
        self.patterns = caption_patterns(patterns)

    def __call__(self, doc: Doc) -> Doc:
        text = text_of(doc)
        found = caption_court(text, head(doc._.pages, text, self.patterns), self.patterns)
        if found is not None:
            court, confidence = found
            attrs = {"name": court.name, "federal": court.federal}
            add(
                doc, Finding("court", court.id, court.start, court.end, round(confidence, 3), self.name, VERSION, attrs)
            )
        return doc

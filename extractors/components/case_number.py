"""The document's case number: ``case_number`` findings, the normalised number (:mod:`extractors.case_numbers`)
/ {"raw": as written}, and {"source": "ecf_stamp"} for the number read from the ECF stamps, whose ``location``
points into the page's original text (cleaning removed the stamps from ``doc.text``).

Read by :func:`extractors.case_numbers.read_case_numbers`: the caption's number and the stamps' number, each
with its confidence; the roll-up keeps the more confident.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from expediente.extractors.caption import caption_patterns, head
from expediente.extractors.case_numbers import read_case_numbers
from expediente.extractors.families import family
from expediente.extractors.findings import Finding, add
from expediente.extractors.sentences import text_of

VERSION = "1"
NAME = "expediente_case_number"


@Language.factory(NAME, default_config={"patterns": "caption_patterns.json"}, assigns=[family("case_number")])
def make_case_number(nlp: Language, name: str, patterns: str) -> CaseNumberComponent:
    return CaseNumberComponent(name, patterns)


class CaseNumberComponent:
    def __init__(self, name: str, patterns: str):
        self.name = name
        self.patterns = caption_patterns(patterns)

    def __call__(self, doc: Doc) -> Doc:
        text = text_of(doc)
        pages = doc._.pages
        for reading in read_case_numbers(text, pages, head(pages, text, self.patterns), self.patterns):
            cn = reading.number
            attrs = {"raw": cn.raw} if reading.stamp is None else {"raw": cn.raw, "source": "ecf_stamp"}
            finding = Finding(
                "case_number", cn.normalised, cn.start, cn.end, round(reading.confidence, 3), self.name, VERSION, attrs
            )
            if reading.stamp is not None:
                finding.location = reading.stamp.location
            add(doc, finding)
        return doc

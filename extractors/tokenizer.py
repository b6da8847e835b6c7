"""The pipeline's tokenizer: tokens are the text's whitespace-separated runs.

Every component reads ``doc.text`` with regexes and sentence windows of its own (:mod:`extractors.sentences`);
none reads tokens. spaCy's English tokenizer (prefix, suffix, infix and exception rules) took about a sixth of
extraction time for tokens nothing used; this one splits at whitespace only and keeps ``doc.text`` exactly.
A component that needs linguistic tokens would bring back spaCy's tokenizer in config.cfg.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import registry

# a run of non-space characters, or one whitespace character, and the single space that follows it, if any
_PIECE = re.compile(r"(\S+|\s)( ?)")


class WhitespaceTokenizer:
    def __init__(self, vocab):
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        pieces = _PIECE.findall(text)
        return Doc(self.vocab, words=[w for w, _ in pieces], spaces=[bool(s) for _, s in pieces])


@registry.tokenizers("expediente.whitespace_tokenizer.v1")
def make_whitespace_tokenizer() -> Callable[[Language], WhitespaceTokenizer]:
    def create(nlp: Language) -> WhitespaceTokenizer:
        return WhitespaceTokenizer(nlp.vocab)

    return create

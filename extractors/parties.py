"""Whose outcome a sentence tells: the document's own defendants, or another person's.

Memoranda and transcripts recount co-defendants' pleas and other cases' verdicts ("O'Dell pleaded
guilty to Counts 42 and 44"); components that read outcomes ask here before crediting them to the case.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from expediente.extractors.findings import of

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]+")
_NAME = re.compile(r"\b[A-Z][A-Za-z]*['’]?[A-Z]?[a-z]+(?:-[A-Z][a-z]+)?\b|\b[A-Z]{3,}(?:['’-][A-Z]+)*\b")
SELF_WORDS = {"defendant", "defendants", "he", "she", "they", "you", "i", "we"}


def defendant_words(doc: Doc) -> set[str]:
    """Lower-cased words (three letters or more) of the defendants' names and aliases found so far."""
    words: set[str] = set()
    for f in of(doc, "defendant") + of(doc, "alias"):
        for name in (f.value, *f.attrs.get("aliases", [])):
            words.update(w.casefold() for w in _WORD.findall(str(name)) if len(w) >= 3)
    return words


def subject_is_someone_else(before: str, defendants: set[str], not_names: set[str]) -> bool:
    """Does the clause leading up to an outcome ("... pleaded guilty to") name only people who are not
    the document's defendants? Undecidable, so False, when the defendants are unknown."""
    if not defendants:
        return False
    words = {w.casefold() for w in _WORD.findall(before)}
    if words & (defendants | SELF_WORDS):
        return False
    names = [n for n in _NAME.findall(before) if n.casefold() not in not_names]
    return bool(names)

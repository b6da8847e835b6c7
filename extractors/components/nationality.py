"""A defendant's nationality where a filing states it: "a Mexican national", "a citizen of Mexico", "a
native and citizen of Mexico", "Chinese nationals". The value is the country (``countries.json``); birthplace,
a country's authorities or its cartels are not nationality, and "not a citizen of the United States" states
none. Whose nationality it is, in a document naming several defendants, is the attribution component's."""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from expediente.extractors import casefold
from expediente.extractors.families import family
from expediente.extractors.findings import Finding, add
from expediente.extractors.patterns import PatternDataError, load_json
from expediente.extractors.sentences import compile_rule, lowered_of, text_of

NAME = "expediente_nationality"
VERSION = "2"
NEGATION_REACH = 30
KEY_WORDS = re.compile(r"citizen|national|subject|nacionalidad|ciudadan", re.IGNORECASE)  # in every phrasing
KEY_REACH = 80  # characters either side of a key word where its phrase (a country's name, a demonym) is read
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
        self.event_after = re.compile(data["event_after"], re.IGNORECASE)
        self.country_of: dict[str, str] = {}
        self.regex = self._alternation(data["countries"], data["patterns"], lambda w: w)
        # a colloquy's question: transcript line numbers and timestamps may sit between a name's words
        self.question = self._alternation(data["countries"], data["questions"], _through_line_numbers)
        # every question begins with ``question_start``: the alternation is tried only where that is written
        start = data["question_start"]
        if not all(q.startswith(start) for q in data["questions"]):
            raise PatternDataError(
                f"{patterns}: every pattern of 'questions' must begin with {start!r} (question_start): "
                "begin the new question with it, or change question_start to what every question begins with"
            )
        self.question_gate = compile_rule(f"(?={start})")
        self.answer_yes = re.compile(data["answer_yes"], re.IGNORECASE)
        self.answer_reach = int(data["answer_reach"])

    def _alternation(self, countries: list[dict], patterns: list[str], words_of) -> re.Pattern[str]:
        """One pattern: a named group per country and pattern, ``{name}``, ``{demonym}`` or ``{demonym_es}``
        filled with the country's words."""
        groups = []
        for i, c in enumerate(countries):
            self.country_of[f"c{i}"] = c["country"]
            words = {"{name}": c["names"], "{demonym}": c["demonyms"], "{demonym_es}": c.get("demonyms_es", [])}
            for pattern in patterns:
                slot = next(s for s in words if s in pattern)
                if words[slot]:
                    alternatives = "|".join(words_of(w) for w in words[slot])
                    groups.append(f"(?P<c{i}_{len(groups)}>{pattern.replace(slot, f'(?:{alternatives})')})")
        return compile_rule("|".join(groups))

    def _matches(self, text: str, low: str | None) -> list[re.Match[str]]:
        """The phrases, searched only around their key words: the one alternation of every country's every
        phrasing is slow to try at each character of a long filing."""
        found: dict[tuple[int, int], re.Match[str]] = {}
        for k in KEY_WORDS.finditer(text):
            lo, hi = max(0, k.start() - KEY_REACH), min(len(text), k.end() + KEY_REACH)
            for m in casefold.finditer(self.regex, text, low, lo, hi, at_words=True):
                found.setdefault(m.span(), m)
        out: list[re.Match[str]] = []
        for span in sorted(found):  # one search's matches never overlap: nor do these
            if not out or span[0] >= out[-1].end():
                out.append(found[span])
        return out

    def __call__(self, doc: Doc) -> Doc:
        text = text_of(doc)
        for m in self._matches(text, lowered_of(doc)):
            left = text[max(0, m.start() - SUBJECT_REACH) : m.start()]
            if self.negation.search(left[-NEGATION_REACH:]) or self.not_subject.search(left):
                continue
            if not self.subject.search(left) and not self.event_after.match(text, m.end()):
                continue  # no person it is said of ("harm to citizens of"), nor the subject of a case event
            self._add(doc, m)
        for m in casefold.gated(self.question, self.question_gate, text):
            if self.answer_yes.search(text[m.end() : m.end() + self.answer_reach]):
                self._add(doc, m)  # "Are you a citizen of the United States?" "THE DEFENDANT: Yes."
        return doc

    def _add(self, doc: Doc, m: re.Match[str]) -> None:
        attrs = {"text": " ".join(m.group(0).split())}
        country = self.country_of[m.lastgroup.split("_")[0]]
        add(doc, Finding("nationality", country, m.start(), m.end(), self.confidence, self.name, VERSION, attrs))


def _through_line_numbers(words: str) -> str:
    """A name's words with transcript line numbers and timestamps allowed between them."""
    return words.replace(" ", r"\s+(?:[\d:]+\s+)*")

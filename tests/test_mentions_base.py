"""The base of the rule-driven mention components: trigger -> rules -> overlap -> judgement -> finding."""

from __future__ import annotations

import pytest
import spacy

from expediente.extractors import mentions
from expediente.extractors.mentions import Mention, MentionComponent

DATA = {
    "trigger": "alpha|beta|gamma",
    "rules": [
        {"label": "pair", "pattern": "alpha beta", "confidence": 0.9},
        {"label": "single", "pattern": "beta|gamma|^alpha", "confidence": 0.5},
    ],
    "exclude": ["no gamma"],
}


class Toy(MentionComponent):
    """Keeps every match but a vetoed word, and counts how often it reads the whole document."""

    field = "toy"

    def configure(self, data: dict) -> None:
        self.veto = data.get("veto")
        self.documents_read = 0

    def facts(self, doc):
        self.documents_read += 1
        return len(doc)

    def judge(self, doc, w, rule, m, facts):
        if m.group(0) == self.veto:
            return None
        return Mention(rule.label, m.start(), m.end(), rule.confidence, {"tokens": facts})


class Shared(Toy):
    exclusive = False


class Lines(Toy):
    multiline = True


def run(cls, text: str):
    component = cls("toy_component", "toy.json")
    doc = component(spacy.blank("en").make_doc(text))
    return component, [(f.value, doc.text[f.start : f.end]) for f in doc._.findings or []]


@pytest.fixture(autouse=True)
def toy_data(monkeypatch):
    monkeypatch.setattr(mentions, "load_json", lambda name: DATA)


@pytest.mark.parametrize(
    ("cls", "text", "expected"),
    [
        # the first rule claims its words; a later rule's match inside them is skipped
        (Toy, "Then alpha beta came.", [("pair", "alpha beta")]),
        # unless the component keeps overlapping matches
        (Shared, "Then alpha beta came.", [("pair", "alpha beta"), ("single", "beta")]),
        # an excluded phrase hides what it overlaps
        (Toy, "There was no gamma. Then gamma came.", [("single", "gamma")]),
        # offsets point into doc.text, window after window
        (Toy, "First beta here.  Second gamma there.", [("single", "beta"), ("single", "gamma")]),
        # a window without a trigger word is not read
        (Toy, "Nothing to see.", []),
        # "^" anchors at a line break only for a multiline component
        (Toy, "Then\nalpha went.", []),
        (Lines, "Then\nalpha went.", [("single", "alpha")]),
    ],
)
def test_loop(cls, text, expected):
    assert run(cls, text)[1] == expected


def test_a_dropped_match_claims_nothing(monkeypatch):
    monkeypatch.setattr(mentions, "load_json", lambda name: {**DATA, "veto": "alpha beta"})
    assert run(Toy, "Then alpha beta came.")[1] == [("single", "beta")]


def test_document_facts_are_read_once():
    component, found = run(Toy, "One beta. Two beta. Three gamma.")
    assert len(found) == 3
    assert component.documents_read == 1


def test_findings_carry_field_name_version_and_attrs():
    component = Toy("toy_component", "toy.json")
    doc = component(spacy.blank("en").make_doc("Then beta came."))
    (f,) = doc._.findings
    assert (f.field, f.value, f.extractor, f.version, f.confidence, f.attrs) == (
        "toy",
        "single",
        "toy_component",
        "1",
        0.5,
        {"tokens": len(doc)},
    )

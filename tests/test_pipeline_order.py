"""The components declare what they read and add, so spaCy's analyze_pipes catches a misordered pipeline."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc
from spacy.util import load_config, load_model_from_config

from expediente.corpus.locations import shipped
from expediente.extractors.findings import Finding, add, of
from expediente.extractors.pipeline import load_nlp


def problems(nlp) -> dict[str, list[str]]:
    return {name: found for name, found in nlp.analyze_pipes()["problems"].items() if found}


def shipped_order_with(move: str, before: str):
    """The shipped config.cfg with component ``move`` placed just before ``before``."""
    config = load_config(shipped("extractors", "config.cfg"))
    order = [name for name in config["nlp"]["pipeline"] if name != move]
    order.insert(order.index(before), move)
    config["nlp"]["pipeline"] = order
    return load_model_from_config(config, auto_fill=True, validate=True)


def test_shipped_order_has_no_problems():
    assert problems(load_nlp()) == {}


@pytest.mark.parametrize(
    ("move", "before", "expected"),
    [
        # counts read the statutes' findings (and the defendants', to tell another person's plea)
        ("expediente_counts", "expediente_statutes", {"expediente_counts": ["doc._.statute_findings"]}),
        (
            "expediente_counts",
            "expediente_court",
            {"expediente_counts": ["doc._.statute_findings", "doc._.defendant_findings"]},
        ),
        # the document-type model only overrules a weak rule, so the rule runs first
        ("expediente_doctype_model", "expediente_doctype", {"expediente_doctype_model": ["doc._.doc_type_findings"]}),
        # the violence model reads windows the rules found nothing in
        (
            "expediente_violence_model",
            "expediente_violence",
            {"expediente_violence_model": ["doc._.violence_findings"]},
        ),
        # which sources name the defendants depends on the document type
        ("expediente_defendants", "expediente_doctype", {"expediente_defendants": ["doc._.doc_type_findings"]}),
        # plea and officials read the defendants' names
        ("expediente_plea", "expediente_defendants", {"expediente_plea": ["doc._.defendant_findings"]}),
        ("expediente_officials", "expediente_court", {"expediente_officials": ["doc._.defendant_findings"]}),
    ],
)
def test_misordered_pipeline_is_reported(move, before, expected):
    assert problems(shipped_order_with(move, before)) == expected


@pytest.mark.parametrize(
    ("pipes", "expected"),
    [
        # a component whose producer is missing altogether
        (["expediente_statutes", "expediente_counts"], {"expediente_counts": ["doc._.defendant_findings"]}),
        (["expediente_defendants", "expediente_plea"], {"expediente_defendants": ["doc._.doc_type_findings"]}),
        (["expediente_doctype", "expediente_defendants", "expediente_plea"], {}),
    ],
)
def test_partial_pipeline(pipes, expected):
    load_nlp()  # registers every factory
    nlp = spacy.blank("en")
    for name in pipes:
        nlp.add_pipe(name)
    assert problems(nlp) == expected


def test_every_component_declares_what_it_adds():
    nlp = load_nlp()
    assert {
        name: nlp.get_pipe_meta(name).assigns for name in nlp.pipe_names if not nlp.get_pipe_meta(name).assigns
    } == {}


def test_declared_attributes_are_the_findings_of_their_family():
    nlp = load_nlp()
    declared = {
        a for name in nlp.pipe_names for a in (*nlp.get_pipe_meta(name).requires, *nlp.get_pipe_meta(name).assigns)
    }
    doc = nlp.make_doc("United States v. Ramon Lopez, charged under 21 U.S.C. § 841.")
    fields = [attr.removeprefix("doc._.").removesuffix("_findings") for attr in sorted(declared)]
    for i, field in enumerate(fields):
        add(doc, Finding(field, f"value {i}", 0, 6, 0.9, "test", "1"))
    for attr, field in zip(sorted(declared), fields, strict=True):
        assert attr.startswith("doc._.") and Doc.has_extension(attr.removeprefix("doc._."))
        assert getattr(doc._, attr.removeprefix("doc._.")) == of(doc, field) != []

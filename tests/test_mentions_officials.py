import pytest
import spacy

import expediente.extractors.components.officials  # noqa: F401
from expediente.extractors.findings import Finding, add


def officials(text, defendant=None):
    nlp = spacy.blank("en")
    pipe = nlp.add_pipe("expediente_officials")
    doc = nlp.make_doc(text)
    if defendant:
        add(doc, Finding("defendant", defendant, 0, 1, 0.9, "test", "1"))
    return [f for f in pipe(doc)._.findings if f.field == "public_official"]


@pytest.mark.parametrize(
    ("text", "defendant", "category"),
    [
        ("At the time, the defendant was a municipal police officer in Tijuana.", None, "police"),
        ("GARCIA, the former municipal president of the town, accepted bribes.", "Luis Garcia", "mayor"),
        ("The defendant served as Secretary of Public Security from 2006 to 2012.", None, "cabinet"),
        ("He was a public official who took payments from the cartel.", None, "public_official"),
        ("In 2019 RUIZ began serving in the U.S. Air National Guard.", "Ana Ruiz", "military"),
        ("THE COURT: And you were a United States Coast Guard officer?", None, "military"),
        (
            "Defendant agrees that, through his employment by the Air National Guard, he held a clearance.",
            None,
            "military",
        ),
        ("The defendant was a sergeant and a member of the U.S. Army stationed at Fort Bliss.", None, "military"),
    ],
)
def test_official(text, defendant, category):
    found = officials(text, defendant)
    assert found and found[0].attrs["category"] == category
    assert 0 < found[0].confidence < 0.9


@pytest.mark.parametrize(
    "text",
    [
        "I am a Special Agent with the DEA and have investigated the defendant for two years.",
        "The defendant assaulted a federal officer at the checkpoint.",
        "The defendant, posing as a federal agent, collected cash from the victim.",
        "The Honorable Maria Lopez, United States District Judge, presided.",
        "You are under arrest,' the Coast Guard officer told the defendant as he boarded the boat.",
        "The defendant bribed a customs officer at the port to clear the trailers.",
    ],
)
def test_not_official(text):
    assert officials(text) == []


@pytest.mark.parametrize(
    ("text", "defendant", "office"),
    [
        ("At the time, the defendant was a municipal police officer in Tijuana.", None, "municipal police officer"),
        ("The defendant served as Secretary of Public Security until 2012.", None, "secretary of public security"),
        ("VILLANUEVA, the former Governor of Quintana Roo, took bribes.", "Mario Villanueva", "governor"),
        ("From 2001 to 2005 the defendant served as mayor of Iguala.", None, "mayor"),
        ("He was a commander of the Federal Police in Michoacán.", None, "commander of the federal police"),
    ],
)
def test_the_office_held_is_the_evidence(text, defendant, office):
    """The office held travels with the finding (attrs.office): the defendant export's `office` column."""
    assert officials(text, defendant)[0].attrs["office"] == office


def test_the_office_goes_to_the_defendant_named():
    """In a document naming several defendants, an office is the one the sentence names."""
    from expediente.extractors.components.attribution import AttributionComponent

    text = "Luis Garcia Mora was a municipal police officer. Ana Ruiz Vega ran the stash house."
    nlp = spacy.blank("en")
    pipe = nlp.add_pipe("expediente_officials")
    doc = nlp.make_doc(text)
    for name in ("Luis Garcia Mora", "Ana Ruiz Vega"):
        add(doc, Finding("defendant", name, text.find(name), text.find(name) + len(name), 0.9, "test", "1"))
    doc = AttributionComponent("expediente_attribution", "attribution_patterns.json")(pipe(doc))
    found = [f for f in doc._.findings if f.field == "public_official"]
    assert [(f.attrs["office"], f.attrs.get("defendant")) for f in found] == [
        ("municipal police officer", "Luis Garcia Mora")
    ]

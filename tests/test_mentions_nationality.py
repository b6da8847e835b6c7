"""Nationality (extractors/components/nationality.py, countries.json), with phrasings written here as
indictments, complaints, releases and plea colloquies write them; whose it is, in a document naming several
defendants, by the attribution component."""

from __future__ import annotations

import pytest
import spacy

from expediente.extractors.components.attribution import AttributionComponent
from expediente.extractors.components.nationality import NationalityComponent
from expediente.extractors.findings import Finding, add, of

NATIONALITY = NationalityComponent("expediente_nationality", "countries.json")
ATTRIBUTION = AttributionComponent("expediente_attribution", "attribution_patterns.json")
NLP = spacy.blank("en")


def nationalities(text: str) -> list[str]:
    return [f.value for f in of(NATIONALITY(NLP(text)), "nationality")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("RAMÓN ORTEGA VÁZQUEZ, a citizen of Mexico, drove north from Tijuana.", ["Mexico"]),
        ("Tomás Ibarra-Lugo, 38, of Culiacán, Sinaloa, a Mexican national, was sentenced today.", ["Mexico"]),
        ("The defendant is a native and citizen of Mexico.", ["Mexico"]),
        ("Defendant is a citizen of Mexico and a lawful permanent resident.", ["Mexico"]),
        ("JUAN PÉREZ-LÓPEZ, a Mexican citizen, was arrested at the San Ysidro port of entry.", ["Mexico"]),
        ("He is a Mexican national who lived in Tijuana.", ["Mexico"]),
        ("Salas is a Mexican citizen.", ["Mexico"]),
        ("The defendant, a Colombian national, was extradited from Bogotá.", ["Colombia"]),
        ("Defendant GARCÍA, a national of Colombia, conspired with others.", ["Colombia"]),
        ("Defendant Ana Ruiz, a citizen and national of Honduras, pleaded guilty.", ["Honduras"]),
        ('ROBERTO SALAS, also known as "El Flaco," a Guatemalan national, was sentenced.', ["Guatemala"]),
        ("At the time of the offense he was a citizen of the People's Republic of China.", ["China"]),
        ("Defendant LUCÍA MENDOZA, who is a United States citizen, recruited drivers.", ["United States"]),
        ("Defendants are Venezuelan nationals.", ["Venezuela"]),
        ("El acusado, de nacionalidad mexicana, fue detenido en Nogales.", ["Mexico"]),
        # the subject of a release's case event: the defendants themselves
        ("Two Mexican nationals have been extradited today to face murder charges.", ["Mexico"]),
        ("Mexican National Sentenced for Laundering Drug Proceeds", ["Mexico"]),
        # a plea colloquy: the court's question, the defendant's yes (line numbers and times between words)
        ("7 THE COURT: Are you a citizen of the United States? 8 THE DEFENDANT: Yes. 9 THE COURT:", ["United States"]),
        (
            "THE COURT: Are you a citizen of the United 10:02 22 States? 10:02 23 THE DEFENDANT: Yes, I am.",
            ["United States"],
        ),
    ],
)
def test_stated_nationality(text, expected):
    assert nationalities(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Because he is not a citizen of the United States, his plea may lead to removal.",  # negated
        "The defendants held Victim-1, a United States citizen, for ransom.",  # the victim's
        "An HSI agent, a United States citizen, testified.",  # a witness's
        "Witness-1, a Mexican national, testified at trial.",
        "Witness-1 is a Mexican national.",
        "The affiant, a United States citizen, has been a Special Agent since 2010.",  # the affiant's
        "Mexican authorities arrested him in Guadalajara.",  # a country's authorities
        "The Mexican cartel supplied the cocaine.",  # a country's cartels
        "He traveled to Mexico twice that year.",  # the country alone
        "He was born in Michoacán, Mexico.",  # a birthplace
        "The defendant, a native of Durango, Mexico, entered the United States.",  # a birthplace
        "Thousands of Mexican nationals cross the border each year.",  # no person it is said of
        "THE COURT: Are you a citizen of the United States? THE DEFENDANT: No.",  # answered no
    ],
)
def test_no_nationality(text):
    assert nationalities(text) == []


def test_the_finding_keeps_its_evidence():
    text = "Tomás Ibarra-Lugo, a Mexican national, was sentenced today."
    (found,) = of(NATIONALITY(NLP(text)), "nationality")
    assert text[found.start : found.end] == "a Mexican national"
    assert found.attrs["text"] == "a Mexican national"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # each clause names its person: the nationality is theirs
        (
            "Ana Ríos Vega, a Mexican national, drove the car. Pedro Luna Soto, a citizen of Guatemala, paid her.",
            {"Mexico": "Ana Ríos Vega", "Guatemala": "Pedro Luna Soto"},
        ),
        # said of "the defendant" in a sentence naming no one: no one's in particular
        ("The defendant is a citizen of Mexico.", {"Mexico": None}),
    ],
)
def test_nationality_goes_to_the_defendant_named(text, expected):
    doc = NLP(text)
    for name in ("Ana Ríos Vega", "Pedro Luna Soto"):
        add(doc, Finding("defendant", name, 0, 0, 0.9, "test", "1"))
    doc = ATTRIBUTION(NATIONALITY(doc))
    assert {f.value: f.attrs.get("defendant") for f in of(doc, "nationality")} == expected

"""Nationality and criminal organisations (extractors/components/nationality.py, organizations.py), with
phrasings written here as filings and releases write them."""

from __future__ import annotations

import pytest
import spacy

from expediente.extractors.components.nationality import NationalityComponent
from expediente.extractors.components.organizations import OrganizationsComponent
from expediente.extractors.findings import of

NATIONALITY = NationalityComponent("expediente_nationality", "countries.json")
ORGANIZATIONS = OrganizationsComponent("expediente_organizations", "organizations.json")
NLP = spacy.blank("en")


def nationalities(text: str) -> list[str]:
    return [f.value for f in of(NATIONALITY(NLP(text)), "nationality")]


def organizations(text: str) -> list[str]:
    return [f.value for f in of(ORGANIZATIONS(NLP(text)), "organization")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("RAMÓN ORTEGA VÁZQUEZ, a citizen of Mexico, drove north from Tijuana.", ["Mexico"]),
        ("Tomás Ibarra-Lugo, 38, of Culiacán, Sinaloa, a Mexican national, was sentenced today.", ["Mexico"]),
        ("The defendant is a native and citizen of Mexico.", ["Mexico"]),
        ("The defendant, a Colombian national, was extradited from Bogotá.", ["Colombia"]),
        ("At the time of the offense he was a citizen of the People's Republic of China.", ["China"]),
        ("Defendant LUCÍA MENDOZA, who is a United States citizen, recruited drivers.", ["United States"]),
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
        "Mexican authorities arrested him in Guadalajara.",  # a country's authorities
        "He was born in Michoacán, Mexico.",  # a birthplace
        "Two Mexican nationals have been extradited today.",  # no defendant it is said of
    ],
)
def test_no_nationality(text):
    assert nationalities(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a high-ranking member of the Cártel de Sinaloa", ["Sinaloa Cartel"]),
        (
            "the Sinaloa Federation and the CJNG fought over Tijuana",
            ["Sinaloa Cartel", "Jalisco New Generation Cartel"],
        ),
        (
            "leaders of the Beltrán-Leyva Organization (BLO)",
            ["Beltran-Leyva Organization", "Beltran-Leyva Organization"],
        ),
        ("the Juárez Cartel's enforcement arm, La Línea", ["Juarez Cartel", "Juarez Cartel"]),
        ("CARTEL DEL GOLFO", ["Gulf Cartel"]),
        ("members of Mara Salvatrucha (MS-13)", ["MS-13", "MS-13"]),
    ],
)
def test_organizations(text, expected):
    assert sorted(organizations(text)) == sorted(expected)


@pytest.mark.parametrize(
    "text",
    [
        "the defendant's family (la familia) lived in Culiacán",  # common words, not La Familia Michoacana
        "a drug trafficking organization based in Coahuila",  # no name
        "the Gulf of Mexico",
        "cds and blo in lower case are not acronyms",
    ],
)
def test_no_organization(text):
    assert organizations(text) == []

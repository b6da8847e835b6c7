"""Criminal organisations (extractors/components/organizations.py, organizations.json), with phrasings written
here as indictments and releases write them: canonical names for the listed ones (accents, case, Spanish
spellings and acronyms aside), the name as written for one a filing says is a gang or cartel."""

from __future__ import annotations

import pytest
import spacy

from expediente.extractors.components.organizations import OrganizationsComponent
from expediente.extractors.findings import Finding, add, of

ORGANIZATIONS = OrganizationsComponent("expediente_organizations", "organizations.json")
NLP = spacy.blank("en")


def organizations(text: str) -> list[str]:
    return [f.value for f in of(ORGANIZATIONS(NLP(text)), "organization")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a high-ranking member of the Cártel de Sinaloa", {"Sinaloa Cartel"}),
        ("the Sinaloa Federation and the CJNG fought", {"Sinaloa Cartel", "Jalisco New Generation Cartel"}),
        ("a plaza boss for the Cartel Jalisco Nueva Generación in Michoacán", {"Jalisco New Generation Cartel"}),
        ("leaders of the Beltrán-Leyva Organization (BLO)", {"Beltran-Leyva Organization"}),
        ("the Juárez Cartel's enforcement arm, La Línea", {"Juarez Cartel"}),
        ("CARTEL DEL GOLFO", {"Gulf Cartel"}),
        ("the Guzmán-Loera organization and Los Chapitos", {"Sinaloa Cartel"}),
        ("He was a member of Los Caballeros Templarios, the Knights Templar.", {"Knights Templar"}),
        ("the Arellano-Félix Organization, also known as the Tijuana Cartel", {"Arellano-Felix Organization"}),
        ("members of La Familia Michoacana", {"La Familia Michoacana"}),
        ("a leader of Los Ántrax, the Sinaloa Cartel's armed wing", {"Los Antrax", "Sinaloa Cartel"}),
        ("a full-patch member of the Hells Angels Motorcycle Club", {"Hells Angels"}),
        ("members of the Bloods and the Gangster Disciples", {"Bloods", "Gangster Disciples"}),
        ("members of Mara Salvatrucha (MS-13)", {"MS-13"}),
        ("Tren de Aragua, a transnational criminal organization", {"Tren de Aragua"}),
        # not listed: named in apposition with what it is
        ("their membership in “Eastside Crew,” or “ESC,” a street gang based in the Bronx", {"Eastside Crew"}),
        ("He led “Los Cuinis,” a drug trafficking organization in Jalisco.", {"Los Cuinis"}),
        ("associates of the criminal organization “Norteños del Valle” in Fresno", {"Norteños del Valle"}),
        ("For a decade he led the Cártel de los Valles, which shipped cocaine north.", {"Cártel de los Valles"}),
        ("the Cartel de Sinaloa\nIn 2019 the defendant", {"Sinaloa Cartel"}),  # a listed one, not a new name
        # an alias of a listed one, named in apposition: its canonical name
        ("the “Cartel del Golfo,” a cartel based in Tamaulipas", {"Gulf Cartel"}),
    ],
)
def test_organizations(text, expected):
    assert set(organizations(text)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "the defendant's family (la familia) lived in Culiacán",  # common words, not La Familia Michoacana
        "a drug trafficking organization based in Coahuila",  # no name
        "the Gulf of Mexico",
        "cds and blo in lower case are not acronyms",
        "The Mexican cartel supplied the cocaine.",  # a cartel, not a named one
        "the defendant said “the cartel,” a gang of thieves, would pay",  # no name in the quotes
        "He said the street gang “is” everywhere.",
        "the crips and bloods of a wound",  # common words in lower case
    ],
)
def test_no_organization(text):
    assert organizations(text) == []


def test_each_mention_keeps_its_evidence():
    text = "He sold cocaine for the Cártel de Sinaloa and later for the CJNG."
    found = of(ORGANIZATIONS(NLP(text)), "organization")
    assert [(text[f.start : f.end], f.value) for f in sorted(found, key=lambda f: f.start)] == [
        ("Cártel de Sinaloa", "Sinaloa Cartel"),
        ("CJNG", "Jalisco New Generation Cartel"),
    ]


def _with_defendants(text: str, names: tuple[str, ...]):
    doc = NLP(text)
    for name in names:
        add(doc, Finding("defendant", name, 0, 0, 0.9, "test", "1"))
    return ORGANIZATIONS(doc)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a sentence naming some of the defendants: theirs; one naming none: the group's (no attribution)
        (
            "The grand jury charged ANA RÍOS VEGA, a/k/a “La Flaca,”\na/k/a “Ana,” and PEDRO LUNA SOTO with "
            "crimes related to their membership in “Eastside Crew,” a street gang based in the Bronx. "
            "MARIO DÍAZ was charged as a member of “Westside Crew,” a street gang. "
            "The Sinaloa Cartel supplied them.",
            {
                "Eastside Crew": ["Ana Ríos Vega", "Pedro Luna Soto"],
                "Westside Crew": ["Mario Díaz"],
                "Sinaloa Cartel": None,
            },
        ),
    ],
)
def test_a_mention_goes_to_the_defendants_its_sentence_names(text, expected):
    doc = _with_defendants(text, ("Ana Ríos Vega", "Pedro Luna Soto", "Mario Díaz"))
    assert {f.value: f.attrs.get("defendants") for f in of(doc, "organization")} == expected


def test_one_defendant_needs_no_attribution():
    doc = _with_defendants("ANA RÍOS VEGA led “Eastside Crew,” a street gang.", ("Ana Ríos Vega",))
    assert [f.attrs.get("defendants") for f in of(doc, "organization")] == [None]

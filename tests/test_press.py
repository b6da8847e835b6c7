"""Who a press release announces: the subjects of its case events (extractors/press.py), read through
:func:`extractors.parties.read_parties` as a press release. Phrasings are written here, in the ways US
Attorney and Justice Department releases are written."""

from __future__ import annotations

import pytest

from expediente.extractors.caption import caption_patterns, head
from expediente.extractors.parties import read_parties

NAV = "Skip to main content\nSearch\nNews\nPress Releases\nContact\nFOR IMMEDIATE RELEASE\nTuesday, May 4, 2021\n"


def defendants(body: str) -> list[str]:
    p = caption_patterns("caption_patterns.json")
    text = NAV + body
    return [party.name for party in read_parties(p, text, "press_release", head(None, text, p))]


def aliases(body: str) -> dict[str, list[str]]:
    p = caption_patterns("caption_patterns.json")
    text = NAV + body
    parties = read_parties(p, text, "press_release", head(None, text, p))
    return {party.name: [a[0] for a in party.distinct_aliases()] for party in parties}


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (  # age and town between the name and the event
            "Ramón Ortega Vázquez, 47, of Mazatlán, Sinaloa, was sentenced today to 210 months in prison.",
            ["Ramón Ortega Vázquez"],
        ),
        (  # age only
            "Tomás Ibarra-Lugo, 38, was sentenced today by U.S. District Judge Ellen Park to 188 months.",
            ["Tomás Ibarra-Lugo"],
        ),
        (  # an appositive describing the person, with an organisation inside it
            "Octavio Robles Zepeda, a former commander of the Guerrero State Police and a member of the "
            "Sinaloa Cartel, was extradited from Mexico on Friday.",
            ["Octavio Robles Zepeda"],
        ),
        (  # a dateline glued to the name
            "HOUSTON-Felipe Cárdenas Ruiz, 51, was arrested by Mexican authorities in Reynosa.",
            ["Felipe Cárdenas Ruiz"],
        ),
        (  # a spaced dateline with a state
            "San Diego, California - Lucía Mendoza Téllez pleaded guilty today to importing fentanyl.",
            ["Lucía Mendoza Téllez"],
        ),
        (  # two people with aliases and ages, one place for both
            "Arturo Lemus Salas, aka Guero, 29, and Benito Ochoa Prieto, aka Tigre, aka Benny, 35, both of "
            "Durango, Mexico, were charged in a three-count indictment.",
            ["Arturo Lemus Salas", "Benito Ochoa Prieto"],
        ),
        (  # a list without "and" before each name: ages tell the people apart
            "Sergio Valle Mora, 41, Ignacio Peña Cruz, 37, and Raúl Soto Ibáñez, 44, were convicted at trial.",
            ["Sergio Valle Mora", "Ignacio Peña Cruz", "Raúl Soto Ibáñez"],
        ),
        (  # a name in apposition to a role
            "Another defendant, Lázaro Ibáñez Soto, pleaded guilty and was sentenced to 30 years in prison.",
            ["Lázaro Ibáñez Soto"],
        ),
        (  # given names joined before one surname: one person each
            "Cousins Adrián and Fermín Solís Beltrán, both of Hermosillo, were each sentenced to 15 years.",
            ["Fermín Solís Beltrán", "Adrián Solís Beltrán"],  # the name written in full first
        ),
        (  # a name after "and" that is a whole name of its own takes nothing from the one before
            "Daniel Ruiz and Carla Montes Oviedo were charged with conspiracy.",
            ["Daniel Ruiz", "Carla Montes Oviedo"],
        ),
        (  # a compound surname alone, expanded from the fuller name the release writes
            "Héctor Manuel Quintana-Ríos is among the most significant traffickers. "
            "Quintana-Ríos, 52, arrived in the United States on Thursday.",
            ["Héctor Manuel Quintana-Ríos"],
        ),
    ],
)
def test_the_subjects_of_case_events_are_the_defendants(body, expected):
    assert defendants(body) == expected


@pytest.mark.parametrize(
    "body",
    [
        # officials announce and judges sentence: neither is the subject of a case event
        "U.S. Attorney Nora Whitfield and Special Agent in Charge Colin Reyes announced the sentence. "
        "U.S. District Judge Ellen Park imposed it.",
        # a place after the town is not a co-defendant
        "A man of Tijuana, Baja California, was sentenced today to 97 months in prison.",
        # organisations and offices as subjects
        "The Sinaloa Cartel and the Gulf Cartel were charged as enterprises. Mexican Federal Police arrested them.",
        # a headline's capitalised words are no name after "Defendant"
        "Defendant Operated Out of the United States, Canada and Mexico\nHe was sentenced today.",
        # the page's update line is not a person with an age
        "The case is pending.\nUpdated September 15, 2021",
    ],
)
def test_officials_places_organisations_and_dates_are_not_defendants(body):
    assert defendants(body) == []


def test_a_roster_of_defendants_lists_each_one_whatever_became_of_them():
    body = (
        "The defendants charged in the indictment are:\n"
        "ALBERTO RUIZ-CANO, a.k.a. Flaco Ruiz, age 44, resident of Aurora, Colorado, from Mexico ARRESTED TODAY\n"
        "MARTA LEÓN SOTO, age unknown, resident of Fresno, California FUGITIVE\n"
        "FIRST NAME UNKNOWN, LAST NAME UNKNOWN, a.k.a. Chino, age unknown, in Mexico FUGITIVE\n"
    )
    assert defendants(body) == ["Alberto Ruiz-Cano", "Marta León Soto"]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (  # a list after a colon: each name with an age or an alias, to the sentence's end
            "Charges remain pending against three co-defendants: Rafael Ibarra Soto, 44, who is in custody in "
            "Mexico; Tomás Lugo, age unknown and a fugitive; and Nidia Cruz Peña, 27, aka Güera. He fled.",
            ["Rafael Ibarra Soto", "Tomás Lugo", "Nidia Cruz Peña"],
        ),
        (  # a name titled "Defendant"
            "Defendant Antonio Marcos Vela allegedly supplied raw opium to the organization.",
            ["Antonio Marcos Vela"],
        ),
        (  # a counted role before the names
            "Two new defendants, Raúl Anaya Ortiz, 38, and Jorge Méndez, 40, were arrested in November.",
            ["Raúl Anaya Ortiz", "Jorge Méndez"],
        ),
    ],
)
def test_defendants_a_release_lists_or_titles(body, expected):
    assert defendants(body) == expected


def test_aliases_stay_with_their_person():
    found = aliases(
        "Mario Peralta Ugalde, aka Flaco, 30, Hugo Ruiz Beltrán, aka Chato, aka Pelón, 33, and "
        "Iván Cruz Nava, 27, were extradited today."
    )
    assert found == {"Mario Peralta Ugalde": ["Flaco"], "Hugo Ruiz Beltrán": ["Chato", "Pelón"], "Iván Cruz Nava": []}

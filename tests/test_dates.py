"""When a case's events happened (extractors/components/dates.py) and whose they are
(extractors/components/attribution.py). Phrasings are written here, as filings and releases write them."""

from __future__ import annotations

import pytest
import spacy

from expediente.extractors.components.attribution import AttributionComponent
from expediente.extractors.components.dates import DatesComponent
from expediente.extractors.findings import Finding, add, of

DATES = DatesComponent("expediente_dates", "date_patterns.json")
ATTRIBUTION = AttributionComponent("expediente_attribution", "attribution_patterns.json")
NLP = spacy.blank("en")


def run(text: str, doc_type: str = "other", defendants: tuple[str, ...] = ()):
    doc = NLP(text)
    add(doc, Finding("doc_type", doc_type, 0, 0, 0.9, "test", "1"))
    for name in defendants:
        at = text.find(name)
        add(doc, Finding("defendant", name, max(at, 0), max(at, 0) + len(name), 0.9, "test", "1"))
    return ATTRIBUTION(DATES(doc))


def events(text: str, doc_type: str = "other") -> set[tuple[str, str]]:
    doc = run(text, doc_type)
    return {(f.field.removeprefix("date_"), f.value) for f in doc._.findings if f.field.startswith("date_")}


@pytest.mark.parametrize(
    ("text", "doc_type", "expected"),
    [
        (
            "Ruiz was extradited from Mexico to the United States on January 19, 2017.",
            "other",
            {("extradited", "2017-01-19")},
        ),
        (
            "On June 3, 2019, agents of the DEA arrested the defendant in El Paso, Texas.",
            "other",
            {("arrested", "2019-06-03")},
        ),
        ("On 4/2/2018, Judge Ana L. Torres sentenced him to 87 months.", "other", {("sentenced", "2018-04-02")}),
        (
            "The defendant pleaded guilty before Magistrate Judge Hall on Sept. 4, 2012.",
            "other",
            {("plea", "2012-09-04")},
        ),
        ("On March 1, 2021, the defendant entered a plea of guilty to Count One.", "other", {("plea", "2021-03-01")}),
        (
            "06/02/2020 | 31 | Minute Entry: Change of Plea Hearing as to Luis Mora held on 6/2/2020.",
            "docket",
            {("plea", "2020-06-02")},
        ),
        (
            "08/14/2020 | 40 | Minute Entry: Sentencing as to Luis Mora held on 8/14/2020. Sentence imposed.",
            "docket",
            {("sentenced", "2020-08-14")},
        ),
        ("02/04/2019 | | Arrest of Luis Mora (no document attached)", "docket", {("arrested", "2019-02-04")}),
        ("Date Filed: 11/05/2018\nDate Terminated: 03/01/2020", "docket", {("filed", "2018-11-05")}),
        ("March 2, 2022\nDate of Imposition of Judgment", "judgment", {("sentenced", "2022-03-02")}),
        (
            "FOR IMMEDIATE RELEASE\nTuesday, May 4, 2021\nLuis Mora, 41, was sentenced today to 20 years.",
            "press_release",
            {("filed", "2021-05-04"), ("sentenced", "2021-05-04")},
        ),
        (
            "Monday, May 3, 2021    For Immediate Release\nLuis Mora was extradited today from Mexico.",
            "press_release",
            {("filed", "2021-05-03"), ("extradited", "2021-05-03")},
        ),
        ("IN WITNESS WHEREOF ... this 12th day of October, 2018.", "other", set()),
        ("AGREED THIS DATE: August 30, 2021", "plea_agreement", {("plea", "2021-08-30"), ("filed", "2021-08-30")}),
        ("Signed: October 3, 2021", "other", {("filed", "2021-10-03")}),
    ],
)
def test_event_dates(text, doc_type, expected):
    assert events(text, doc_type) == expected


@pytest.mark.parametrize(
    "text",
    [
        # a date still to come is no event
        "The defendant is scheduled to be sentenced on May 5, 2025.",
        "Sentencing is set for Friday, July 12, 2024 at 9:30 AM.",
        # money "transferred ... on" a date is no expulsion
        "The victim transferred $60,000 via gift cards beginning on March 7, 2022.",
        # an arrest dated in the first clause is not the expulsion that followed
        "He was arrested in Guadalajara on April 8, 2020 and was expelled to the United States the next week.",
        # "today" outside a press release, or without the release's date
        "Mora was sentenced today to 97 months.",
    ],
)
def test_no_event_date(text):
    found = events(text, "plea_agreement")
    assert not {e for e in found if e[0] in ("sentenced", "extradited")}


def test_an_arrest_with_the_expulsion_after_it_keeps_only_the_arrest():
    assert events("He was arrested by Mexican authorities on April 8, 2020 and was expelled later.") == {
        ("arrested", "2020-04-08")
    }


def test_a_stamp_filing_date_points_at_the_stamp():
    from expediente.extractors.text import PageView

    original = "Case 3:19-cr-02871-CAB Document 24 Filed 06/27/19 Page 1 of 2\nINDICTMENT"
    doc = NLP("INDICTMENT")
    doc._.pages = [PageView(1, 0, len("INDICTMENT"), original)]
    add(doc, Finding("doc_type", "indictment", 0, 0, 0.9, "test", "1"))
    DATES(doc)
    (filed,) = of(doc, "date_filed")
    page, start, end = filed.location
    assert (filed.value, page, original[start:end]) == ("2019-06-27", 1, "06/27/19")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # each docket entry speaks of the defendant it names
        (
            "03/01/2020 | 5 | Arrest Warrant Returned Executed on 3/1/2020 as to Ana Ríos Vega.\n"
            "03/04/2020 | 6 | Arrest Warrant Returned Executed on 3/4/2020 as to Pedro Luna Soto.",
            {"2020-03-01": "Ana Ríos Vega", "2020-03-04": "Pedro Luna Soto"},
        ),
        # a press release: the one named in the sentence; both surnames, or the last alone when no co-defendant
        # shares it
        (
            "Ana Ríos Vega was arrested on May 2, 2019. On June 9, 2019, Luna Soto was arrested in Tucson.",
            {"2019-05-02": "Ana Ríos Vega", "2019-06-09": "Pedro Luna Soto"},
        ),
        # accents and initials do not hide a name; a sentence naming neither attributes nothing
        (
            "ANA RIOS VEGA was arrested on May 2, 2019. A co-conspirator was arrested on May 3, 2019.",
            {"2019-05-02": "Ana Ríos Vega", "2019-05-03": None},
        ),
        # another person with the defendant's surname is not the defendant; a title is no given name
        ("Carlos Luna Soto was arrested on July 1, 2019.", {"2019-07-01": None}),
        ("Defendant Luna Soto was arrested on July 1, 2019.", {"2019-07-01": "Pedro Luna Soto"}),
    ],
)
def test_event_dates_go_to_the_defendant_named(text, expected):
    doc = run(text, "docket", defendants=("Ana Ríos Vega", "Pedro Luna Soto"))
    got = {f.value: f.attrs.get("defendant") for f in of(doc, "date_arrested")}
    assert got == expected


def test_a_docket_section_speaks_for_its_defendant():
    """Findings in a defendant's section of a docket (counts, dispositions, sentences) that name no one are the
    section's defendant's; the entries' table is not a section."""
    text = (
        "Defendant (1)\nAna Ríos Vega\nrepresented by X\n"
        "Disposition: was arrested in Tucson on 3/1/2020.\n"
        "Defendant (2)\nPedro Luna Soto\nrepresented by Y\n"
        "Disposition: was arrested in Nogales on 3/4/2020.\n"
        "Date Filed # Docket Text\n"
        "03/09/2020 | 7 | Status conference held. The defendant was arrested on 3/9/2020.\n"
    )
    doc = run(text, "docket", defendants=("Ana Ríos Vega", "Pedro Luna Soto"))
    got = {f.value: f.attrs.get("defendant") for f in of(doc, "date_arrested")}
    assert got == {"2020-03-01": "Ana Ríos Vega", "2020-03-04": "Pedro Luna Soto", "2020-03-09": None}

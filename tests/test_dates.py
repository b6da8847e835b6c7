"""When a case's events happened (extractors/components/dates.py) and whose they are
(extractors/components/attribution.py). Phrasings are written here, as filings and releases write them."""

from __future__ import annotations

import re

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
        # the event's own date, not a later one of the same sentence (which is still to come)
        (
            "Luis Mora pleaded guilty on January 5, 2023 to the conspiracy and is scheduled to be sentenced on May 5, "
            "2023.",
            "other",
            {("plea", "2023-01-05")},
        ),
        # the "day of" form; a blank one is no date
        ("Dated this 3rd day of March, 2019.", "other", {("filed", "2019-03-03")}),
        ("Filed in open court this ______ day of ____________, 2020.", "indictment", set()),
        # two-digit years
        ("Date Filed: 03/03/19", "docket", {("filed", "2019-03-03")}),
        # a judgment form that writes the imposition as "Date Sentence Imposed:"
        ("Date Sentence Imposed: May 14, 2026\ns/ Ana L. Torres", "judgment", {("sentenced", "2026-05-14")}),
        # a minute entry's "Sentencing Hearing as NAME was held on" (no "to")
        (
            "10/31/2024 211 Minute Entry: Sentencing Hearing as Ana Ríos Vega was held\n on 10/31/2024.",
            "docket",
            {("sentenced", "2024-10-31")},
        ),
        (
            "Change of Plea Hearing as to Ana Ríos Vega was held on 2/3/2021.",
            "docket",
            {("plea", "2021-02-03")},
        ),
        # the defendant's own signature line of a plea agreement ("Defendant" over "Date:")
        (
            "Ana Ríos Vega\nDefendant\n\nDate: 2/23/24\n\nI certify that ...",
            "plea_agreement",
            {("plea", "2024-02-23"), ("filed", "2024-02-23")},
        ),
        # a release's "this morning" is its date, like "today"
        (
            "FOR IMMEDIATE RELEASE\nThursday, February 23, 2023\nRÍOS and LUNA were arrested this morning.",
            "press_release",
            {("filed", "2023-02-23"), ("arrested", "2023-02-23")},
        ),
        # a release's roster: "ARRESTED TODAY" after a defendant's line
        (
            "FOR IMMEDIATE RELEASE\nThursday, April 20, 2017\n"
            "LUIS SOTO-VEGA, age 45, resident of Aurora, from Mexico ARRESTED TODAY IN AURORA",
            "press_release",
            {("filed", "2017-04-20"), ("arrested", "2017-04-20")},
        ),
        # a caption's hearing ("DATE: ... TIME: ...") is no signature date
        ("UNITED STATES' TRIAL BRIEF\nDATE: May 28, 2025\nTIME: 8:30 a.m.\nCOURT: Hon. Ana Torres", "other", set()),
        # a hearing's transcript dates the hearing its cover names, by the cover's date
        (
            "REPORTER'S TRANSCRIPT OF PROCEEDINGS\nCHANGE OF PLEA\nTUESDAY, JUNE 30, 2020\n9:03 A.M.",
            "other",
            {("plea", "2020-06-30")},
        ),
        (
            "REPORTER'S TRANSCRIPT OF PROCEEDINGS\nSENTENCING HEARING\nMonday, November 26, 2018",
            "other",
            {("sentenced", "2018-11-26")},
        ),
        # ... and nothing when the cover names no hearing
        ("REPORTER'S TRANSCRIPT OF PROCEEDINGS\nMONDAY, NOVEMBER 26, 2018\nLOS ANGELES", "other", set()),
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
        # the date of the indictment the plea was to, not of the plea
        "Ruiz pleaded guilty to all charges in an indictment returned by a grand jury on Aug. 19, 2016.",
    ],
)
def test_no_event_date(text):
    found = events(text, "plea_agreement")
    assert not {e for e in found if e[0] in ("sentenced", "extradited", "plea")}


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
    ("original", "raw"),
    [
        ("Case 3:19-cr-02871-CAB Document 24 Filed 06/27/19 Page 1 of 2\nINDICTMENT", "06/27/19"),
        # the stamp's fields on lines of their own, as some text layers give them
        ("Case 1:20-cr-00252-JLT-BAM\n\nDocument 107\nFiled 05/14/25\nPage 1 of 19\nINDICTMENT", "05/14/25"),
        ("Case 1:25-cr-00069-WCG\n\nFiled 05/18/26\n\nPage 1 of 7\n\nDocument 34\nINDICTMENT", "05/18/26"),
    ],
)
def test_stamp_layouts(original, raw):
    from expediente.extractors.text import PageView

    doc = NLP("INDICTMENT")
    doc._.pages = [PageView(1, 0, len("INDICTMENT"), original)]
    add(doc, Finding("doc_type", "indictment", 0, 0, 0.9, "test", "1"))
    DATES(doc)
    (filed,) = of(doc, "date_filed")
    page, start, end = filed.location
    assert (page, original[start:end]) == (1, raw)


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


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a list of defendants as one subject: the event is each one's
        (
            "RIOS VEGA, LUNA SOTO, and two others were arrested on May 2, 2019 in the Bronx.",
            ("Ana Ríos Vega", "Pedro Luna Soto"),
        ),
        (
            "Ana Ríos Vega and Pedro Luna Soto were arrested on May 2, 2019.",
            ("Ana Ríos Vega", "Pedro Luna Soto"),
        ),
        # a name that is no part of the list (the object of another verb) is not its subject
        ("Ana Ríos Vega met Pedro Luna Soto, who was arrested on May 2, 2019.", "Pedro Luna Soto"),
        # the last word of the sentence before is no given name
        ("They were charged in the Indictment. LUNA SOTO was arrested on May 2, 2019.", "Pedro Luna Soto"),
        # a paternal surname alone, as releases write Spanish names
        ("Ríos was arrested on May 2, 2019.", "Ana Ríos Vega"),
        # ... but not as the given or middle name of someone else
        ("Agent Ríos Smith was arrested on May 2, 2019.", None),
    ],
)
def test_a_list_subject_and_a_paternal_surname(text, expected):
    doc = run(text, "press_release", defendants=("Ana Ríos Vega", "Pedro Luna Soto"))
    got = [(f.attrs.get("defendant"), tuple(f.attrs.get("defendants", ()))) for f in of(doc, "date_arrested")]
    if expected is None:
        assert all(g == (None, ()) for g in got)
    elif isinstance(expected, tuple):
        assert got == [(None, expected)]
    else:
        assert got == [(expected, ())]


def test_a_plea_agreements_signature_date_is_its_plea_date_only_by_its_type():
    doc = run("Ana Ríos Vega\nDefendant\n\nDate: 2/23/24\n", "plea_agreement")
    (plea,) = of(doc, "date_plea")
    assert plea.attrs.get("implied_by") == "doc_type"
    (stated,) = of(run("Ana Ríos Vega pleaded guilty on March 4, 2024."), "date_plea")
    assert "implied_by" not in stated.attrs


EVENTS = ("date_arrested", "date_extradited", "date_plea", "date_sentenced")


@pytest.fixture(scope="module")
def real_records(realdocs):
    """The real filings that need no OCR (text and docket files), read and extracted by the pipeline."""
    from expediente.corpus.discover import discover
    from expediente.flows.tasks import read_and_extract

    found, _ = discover([str(p) for p in sorted(realdocs.iterdir()) if p.suffix in (".txt", ".html")])
    return [r for r in map(read_and_extract, found) if r.status == "done"]


@pytest.mark.realdocs
def test_real_dates_keep_their_evidence_and_come_in_order(real_records):
    """On real filings: each date's evidence is the date as written (or a release's "today", dated by the
    release); what a document reports happened by the time it was filed; a plea comes before a sentence."""
    from expediente.extractors.fields import iso_date

    dated = 0
    for rec in real_records:
        values = [v for v in [*rec.values.values(), *rec.mentions] if v.field.startswith("date_") and v.value]
        for v in values:
            assert v.evidence is not None, (rec.file, v)
            if v.attrs.get("relative_to"):
                assert v.value == v.attrs["relative_to"], (rec.file, v)
            else:
                # the original characters, a pleading paper's line numbers ("April\n21 23, 2024") included
                written = re.sub(r"\n\s*\d{1,2}\s+", " ", v.evidence.text)
                assert iso_date(written) == v.value or DATES.iso(written) == v.value, (rec.file, v)
        chosen = {f: rec.value(f) for f in ("date_filed", *EVENTS)}
        dated += chosen["date_filed"] is not None
        if rec.value("doc_type") != "docket" and chosen["date_filed"]:
            for f in EVENTS:
                assert chosen[f] is None or chosen[f] <= chosen["date_filed"], (rec.file, f, chosen)
        if chosen["date_plea"] and chosen["date_sentenced"]:
            assert chosen["date_plea"] <= chosen["date_sentenced"], (rec.file, chosen)
    # nearly every filing says when it was filed (ECF stamp, docket header, release date)
    assert dated >= 0.9 * len(real_records)

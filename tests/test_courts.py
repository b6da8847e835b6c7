"""Court names to courts-db ids (extractors.courts), table-driven."""

import pytest

from expediente.extractors import courts
from expediente.extractors.caption import caption_patterns, head


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("UNITED STATES DISTRICT COURT FOR THE SOUTHERN DISTRICT OF CALIFORNIA", "casd"),
        ("UNITED STATES DISTRICT COURT\nSOUTHERN DISTRICT OF NEW YORK", "nysd"),
        ("IN THE UNITED STATES DISTRICT COURT FOR THE WESTERN DISTRICT OF TEXAS, SAN ANTONIO DIVISION", "txwd"),
        ("Acting United States Attorney\nDistrict of Massachusetts", "mad"),
        ("UNITED STATES DISTRICT COURT Eastern District of Louisiana", "laed"),
        ("U.S. District Court\nSouthern District of California (San Diego)", "casd"),
        ("U.S. District Court\nDISTRICT OF ARIZONA (Phoenix Division)", "azd"),
        ("California Northern District (San Francisco)", "cand"),
        ("U.S. Attorney's Office, Western District of Tennessee", "tnwd"),
        ("District of Utah (Central)", "utd"),
        ("UNITED STATES DISTRICT COURT FOR THE DISTRICT OF COLUMBIA", "dcd"),
        ("IN THE UNITED STATES DISTRICT COURT FOR THE\nWESTERN DISTRICT OF MISSOURI\nCENTRAL DIVISION", "mowd"),
        ("UNITED STATES DISTRICT COURT\nEASTERN DISTRICT OF WISCONSIN", "wied"),
        ("CENTRAL DISTRICT OF CALIFORNIA - WESTERN DIVISION", "cacd"),
        ("the Southern District\nof New York", "nysd"),
        ("S.D.N.Y.", "nysd"),
        ("W.D. Tenn.", "tnwd"),
        ("D. Mass.", "mad"),
        ("SDNY", "nysd"),
        ("CM/ECF - U.S. District Court:utd", "utd"),
        ("UNITED STATES DISTRICT COURT FOR THE DISTRICT OF PUERTO RICO", "prd"),
        ("United States District Court for the District of New Jersey", "njd"),
    ],
)
def test_lookup_federal(text, expected):
    match = courts.lookup(text)
    assert match.id == expected
    assert match.federal
    assert match.name.startswith("United States District Court for the ")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("SUPREME COURT OF THE STATE OF NEW YORK, COUNTY OF BRONX", "nysupct"),
        ("S UP R EME C OURT OF THE S TATE OF NEW YO R K\nB R ONX C OUNT Y", "nysupct"),
    ],
)
def test_state_court_is_not_a_district(text, expected):
    match = courts.lookup(text)
    assert match.id == expected
    assert not match.federal
    assert match.id not in courts.districts()


def test_table_has_every_district():
    table = courts.districts()
    assert len(table) == 94
    assert table["tnwd"].name == "United States District Court for the Western District of Tennessee"
    assert table["mad"].name == "United States District Court for the District of Massachusetts"


@pytest.mark.parametrize(
    "text",
    ["United States District Court", "District of California", "the district court ordered a hearing"],
)
def test_no_specific_court(text):
    with pytest.raises(courts.CourtNotFound):
        courts.lookup(text)


@pytest.mark.parametrize(
    ("raw", "cleaned"),
    [
        (
            "IN THE UNITED STATES DISTRICT COURT FOR THE WESTERN DISTRICT OF TEXAS, SAN ANTONIO DIVISION",
            "UNITED STATES DISTRICT COURT WESTERN DISTRICT OF TEXAS",
        ),
        (
            "U.S. District Court Southern District of California (San Diego)",
            "United States District Court Southern District of California",
        ),
    ],
)
def test_clean_name_for_courts_db(raw, cleaned):
    assert courts.clean_name(raw) == cleaned
    assert len(courts.courts_db_lookup(raw)) == 1


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A federal grand jury in Denver returned an indictment charging 12 defendants.", "cod"),
        ("He will be arraigned in federal court in Tucson on Monday.", "azd"),
        ("He appeared before a judge in U.S. District Court in Chicago.", "ilnd"),
        ("He was indicted by a grand jury sitting in Salt Lake City last year.", "utd"),
        ("The Colorado U.S. Attorney's Office prosecuted the case.", "cod"),  # a single-district state
        ("The Texas U.S. Attorney's Office prosecuted the case.", None),  # four districts: no venue
        ("He lived in Denver and was arrested in Phoenix.", None),  # a residence or an arrest is no venue
        ("The jury in Springfield convicted him.", None),  # a city seating courts in several states
    ],
)
def test_venue(text, expected):
    found = courts.find_venue(text)
    assert (found.id if found else None) == expected


def test_venue_before_the_prosecuting_office():
    text = (
        "Juan Pérez was indicted by a federal grand jury in Tucson yesterday, announced the U.S. Attorney "
        "for the Southern District of California, whose office prosecutes the case."
    )
    p = caption_patterns("caption_patterns.json")
    court, _ = courts.caption_court(text, head([], text, p), p)
    assert court.id == "azd"

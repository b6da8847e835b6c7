"""Defendants in cases: what each document says of each person, and one row per person and case.

The records here stand for what the extractors hand over (values with evidence, some attributed to a person
by name); the assertions are the study's questions about people.
"""

from __future__ import annotations

import io
import json

import pyarrow.parquet as pq
import pytest

from expediente.casedata import store
from expediente.casedata.corrections import Correction, add_correction
from expediente.casedata.db import connect
from expediente.casedata.export import (
    flat,
    iter_defendants,
    iter_documents,
    write_defendants_csv,
    write_defendants_parquet,
)
from expediente.casedata.stats import UNITS, summary
from expediente.extractors.names import same_person
from expediente.extractors.records import Count, Defendant, DocumentRecord, Evidence, PageInfo, Statute, Value

CASE = "3:19-cr-02871"
PEREZ, LOPEZ, DIAZ = "Juan Pérez García", "Mario López Ruiz", "Rosa Díaz"


def ev(start=0, conf=0.9):
    return Evidence(1, start, start + 5, "x", "test", "1", conf)


def document(sha, doc_type, names, values=(), mentions=(), counts=()):
    """A processed document of the case: ``values`` (field, value, attrs) are its single-field findings."""
    rec = DocumentRecord(sha * 64, f"{doc_type}_{sha}.pdf", f"/in/{sha}.pdf", "pdf", "v1", "done")
    rec.pages = [PageInfo(1, "text", None, 100, None, "text")]
    rec.values = {
        "doc_type": Value("doc_type", doc_type, ev()),
        "court_id": Value("court_id", "casd", ev(), {"name": "S.D. Cal."}),
        "case_number": Value("case_number", CASE, ev()),
    }
    candidates = []
    for i, (field, value, attrs) in enumerate(values):
        v = Value(field, value, ev(100 + 10 * i), dict(attrs))
        if field in rec.values:
            candidates.append(v)
        else:
            rec.values[field] = v
    rec.mentions = candidates + [Value(f, v, ev(500 + 10 * i), dict(a)) for i, (f, v, a) in enumerate(mentions)]
    rec.defendants = [Defendant(n, (), ev(30 + i)) for i, n in enumerate(names)]
    rec.counts = list(counts)
    rec.statutes_cited = [s for c in counts for s in c.statutes]
    return rec


def statute(citation, category="drug_trafficking"):
    title, _, section = citation.partition(" U.S.C. § ")
    return Statute(citation, title, section, category, ev(200))


INDICTMENT = document(
    "a",
    "indictment",
    [PEREZ, LOPEZ, DIAZ],
    values=[("plea", "pretrial", {"implied_by": "doc_type"})],  # as the roll-up gives a charging document
    counts=[Count("1", (statute("21 U.S.C. § 963"),), "Conspiracy", ev(150))],
)
PLEA = document(
    "b",
    "plea_agreement",
    ["JUAN PEREZ-GARCIA"],
    values=[("plea", "plea", {})],
    mentions=[("benefits", "safety_valve", {}), ("benefits", "dismiss_counts", {})],
)
JUDGMENT = document(
    "c",
    "judgment",
    ["Juan Perez"],
    values=[("plea", "plea", {}), ("sentence_months", "120", {}), ("custody", "extradited", {})],
)
PRESS = document(
    "d",
    "press_release",
    [LOPEZ, DIAZ],
    values=[
        ("sentence_months", "60", {"defendant": "LOPEZ"}),  # attributed to one person
        ("custody", "arrested_us", {}),  # said of nobody in particular: given to no one
    ],
    mentions=[("violent_crime_mentions", "murder", {"defendant": "Rosa Diaz", "charged": False})],
)


def people(conn) -> dict[str, dict]:
    return {d["defendant"]: d for d in iter_defendants(conn)}


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Juan Pérez García", "JUAN PEREZ-GARCIA", True),
        ("Juan Pérez García", "Juan Perez", True),  # maternal surname dropped
        ("Joaquín Archivaldo Guzmán Loera", "Joaquín Guzmán Loera", True),  # middle name dropped
        ("PEREZ-GARCIA", "Juan Pérez García", True),  # surnames alone
        ("José de la Peña", "Jose Pena", True),  # particles
        ("Nicolás Ybarra-Castañeda", "Nicolas Ybarra-Castaiieda", True),  # an OCR slip in a long word
        ("Juan López", "Mario López", False),
        ("Juan", "Juan Pérez", False),
        ("Juan Pérez", "Juan Ramírez", False),
    ],
)
def test_one_person_under_different_spellings(a, b, same):
    assert same_person(a, b) is same and same_person(b, a) is same


def test_an_alias_names_the_same_person():
    assert same_person("El Chapo", "Joaquín Guzmán Loera", (), ("El Chapo",))


def test_a_plea_and_a_judgment_for_one_defendant_leave_the_co_defendants_pending(conn):
    for rec in (INDICTMENT, PLEA, JUDGMENT):
        store.write_document(conn, rec, None)
    found = people(conn)
    assert sorted(found) == sorted([PEREZ, LOPEZ, DIAZ])
    perez = found[PEREZ]
    assert (perez["plea"], perez["sentence_months"], perez["custody"]) == ("plea", 120, "extradited")
    assert perez["benefits"] == ["dismiss_counts", "safety_valve"]
    assert perez["statutes"] == ["21 U.S.C. § 963"] and perez["charge_categories"] == ["drug_trafficking"]
    assert len(perez["documents"]) == 3
    # the indictment said pretrial, the judgment (more authoritative) says plea: the disagreement is recorded
    (conflict,) = perez["conflicts"]
    assert conflict["field"] == "plea" and conflict["chosen"] == "plea"
    assert {v["value"] for v in conflict["values"]} == {"plea", "pretrial"}
    for co in (LOPEZ, DIAZ):
        assert (found[co]["plea"], found[co]["sentence_months"], found[co]["custody"]) == ("pretrial", None, "unknown")
        assert found[co]["statutes"] == ["21 U.S.C. § 963"] and found[co]["conflicts"] == []


def test_values_said_of_a_named_person_go_to_that_person_only(conn):
    for rec in (INDICTMENT, PRESS):
        store.write_document(conn, rec, None)
    found = people(conn)
    assert found[LOPEZ]["sentence_months"] == 60
    assert found[DIAZ]["sentence_months"] is None
    assert found[LOPEZ]["custody"] == found[DIAZ]["custody"] == "unknown"  # unattributed in a shared document
    assert (found[DIAZ]["violent_crime_mentions"], found[DIAZ]["violence_described"]) == (False, True)
    assert found[LOPEZ]["violence_described"] is None


def test_each_value_keeps_its_documents_and_evidence(conn):
    for rec in (INDICTMENT, PLEA, JUDGMENT):
        store.write_document(conn, rec, None)
    rows = conn.execute(
        "SELECT value, sha256, doc_type, chosen, page, start FROM case_defendant_values "
        "WHERE field = 'plea' AND person = 'juan perez garcia' ORDER BY chosen DESC, doc_type"
    ).fetchall()
    assert [tuple(r)[:4] for r in rows] == [
        ("plea", "c" * 64, "judgment", 1),
        ("pretrial", "a" * 64, "indictment", 0),
        ("plea", "b" * 64, "plea_agreement", 0),
    ]
    assert all(r["page"] == 1 and r["start"] is not None for r in rows)


def test_a_document_speaks_for_its_only_defendant(conn):
    store.write_document(conn, PLEA, None)
    (obj,) = iter_documents(conn)
    (person,) = obj["people"]
    assert person["name"] == "JUAN PEREZ-GARCIA" and person["plea"] == "plea"
    assert person["benefits"] == ["safety_valve", "dismiss_counts"]


def test_a_value_said_of_someone_else_is_not_the_subjects(conn):
    """A plea agreement that quotes a co-defendant's sentence does not give it to its own defendant."""
    rec = document("e", "sentencing_memo", [PEREZ], values=[("sentence_months", "60", {"defendant": "LOPEZ"})])
    store.write_document(conn, rec, None)
    assert next(iter_documents(conn))["people"][0]["sentence_months"] is None


def test_corrections_flow_up_to_the_person(conn):
    for rec in (INDICTMENT, JUDGMENT):
        store.write_document(conn, rec, None)
    add_correction(conn, Correction("c" * 64, "sentence_months", "set", "life"))
    assert people(conn)[PEREZ]["sentence_months"] == "life"


def test_the_later_of_two_equally_authoritative_documents_wins(conn):
    """Precedence: the more authoritative document type first; among equals, the later filing date."""
    older = document("f", "docket", [PEREZ], [("custody", "surrendered", {}), ("date_filed", "2019-01-02", {})])
    newer = document("g", "docket", [PEREZ], [("custody", "extradited", {}), ("date_filed", "2021-05-06", {})])
    for rec in (newer, older):
        store.write_document(conn, rec, None)
    assert people(conn)[PEREZ]["custody"] == "extradited"


def test_each_event_date_belongs_to_its_person(conn):
    """A docket of two defendants: each one's arrest, plea and sentencing dates (attributed by name) are theirs;
    the case's filing date, shared, is both's earliest charging date."""
    docket = document(
        "h",
        "docket",
        [PEREZ, LOPEZ],
        [("date_filed", "2019-03-01", {})],
        mentions=[
            ("date_arrested", "2019-02-10", {"defendant": PEREZ}),
            ("date_plea", "2019-09-12", {"defendant": PEREZ}),
            ("date_sentenced", "2020-01-15", {"defendant": PEREZ}),
            ("date_arrested", "2019-04-02", {"defendant": LOPEZ}),
        ],
    )
    store.write_document(conn, INDICTMENT, None)
    store.write_document(conn, docket, None)
    found = people(conn)
    assert found[PEREZ]["dates"] == {
        "filed": "2019-03-01",
        "arrested": "2019-02-10",
        "extradited": None,
        "plea": "2019-09-12",
        "sentenced": "2020-01-15",
    }
    assert found[LOPEZ]["dates"] == {
        "filed": "2019-03-01",
        "arrested": "2019-04-02",
        "extradited": None,
        "plea": None,
        "sentenced": None,
    }
    assert found[DIAZ]["dates"]["arrested"] is None  # named in the indictment only


def test_the_defendant_export_in_every_format(conn, tmp_path):
    for rec in (INDICTMENT, PLEA, JUDGMENT, PRESS):
        store.write_document(conn, rec, None)
    objects = list(iter_defendants(conn))
    assert list(objects[0])[:4] == ["court_id", "case_number", "defendant", "aliases"]
    assert {"custody", "plea", "sentence_months", "benefits", "statutes", "public_official", "documents"} <= set(
        objects[0]
    )
    buf = io.StringIO()
    assert write_defendants_csv(conn, buf) == 3
    header = buf.getvalue().splitlines()[0].split(",")
    assert header == list(flat(objects[0]))
    path = tmp_path / "d.parquet"
    assert write_defendants_parquet(conn, str(path)) == 3
    table = pq.read_table(path).to_pylist()
    perez = next(r for r in table if r["defendant"] == PEREZ)
    # a sentence is text in the parquet file (months or "life"), whatever the rows hold
    assert perez["sentence_months"] == "120" and perez["benefits"] == ["dismiss_counts", "safety_valve"]
    assert json.loads(perez["conflicts"])[0]["field"] == "plea"


@pytest.mark.parametrize(("unit", "total"), [("defendant", 3), ("case", 1), ("document", 3)])
def test_stats_count_people_cases_or_documents(conn, unit, total):
    for rec in (INDICTMENT, PLEA, JUDGMENT):
        store.write_document(conn, rec, None)
    assert unit in UNITS
    tables = {t.title.split(" by ")[-1]: t for t in summary(conn, unit)}
    plea = tables["plea status"]
    assert plea.total == total
    if unit == "defendant":
        assert dict(plea.rows) == {"plea": 1, "pretrial": 2}


def test_a_stated_status_outranks_one_the_document_type_only_implies(conn):
    """A jury verdict (typed "other", the least authoritative) says trial; the superseding indictment's pending
    is only implied by its type: the stated value wins, and the disagreement is kept."""
    verdict = document("e", "other", [PEREZ], values=[("plea", "trial", {})])
    for rec in (INDICTMENT, verdict):
        store.write_document(conn, rec, None)
    perez = people(conn)[PEREZ]
    assert perez["plea"] == "trial"
    assert [c["field"] for c in perez["conflicts"]] == ["plea"]


def test_a_release_announcing_charges_leaves_each_person_pending_but_not_the_one_it_says_pleaded(conn):
    """A pending status said of no one in particular is every defendant's; an outcome said of one person by
    name stays theirs."""
    release = document(
        "i",
        "press_release",
        [PEREZ, LOPEZ, DIAZ],
        mentions=[("plea", "pretrial", {}), ("plea", "plea", {"defendant": DIAZ})],
    )
    store.write_document(conn, release, None)
    found = people(conn)
    assert (found[PEREZ]["plea"], found[LOPEZ]["plea"], found[DIAZ]["plea"]) == ("pretrial", "pretrial", "plea")


RELEASE_OF_TWO = """PRESS RELEASE

Two Sinaloa Traffickers: One Sentenced, One Pleads Guilty

Thursday, March 9, 2023                                   For Immediate Release

SAN DIEGO - Juan Pérez García, 45, of Culiacán, Sinaloa, was sentenced today to 30 years in federal prison for
conspiring to import methamphetamine. Pérez was extradited from Mexico on January 19, 2021.

Mario López Ruiz, 38, pleaded guilty on January 5, 2023 to the same conspiracy and is scheduled to be sentenced
on May 5, 2023.

According to court documents in United States v. Pérez García et al., case number 19-cr-2871, the defendants
imported methamphetamine through the Otay Mesa Port of Entry.
"""


def test_a_release_of_two_defendants_gives_each_outcome_and_date_to_its_person(tmp_path):
    """End to end: a release naming two defendants, read and extracted by the pipeline. Each person gets the
    outcome and the dates said of them (by full name or by paternal surname); neither inherits the other's."""
    from tests.conftest import process_into

    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "release.txt").write_text(RELEASE_OF_TWO, encoding="utf-8")
    db = process_into(folder, tmp_path / "release.sqlite")
    c = connect(db)
    try:
        found = people(c)
    finally:
        c.close()
    assert set(found) == {PEREZ, LOPEZ}
    perez, lopez = found[PEREZ], found[LOPEZ]
    assert (perez["sentence_months"], perez["custody"]) == (360, "extradited")
    assert perez["dates"] | {"filed": None} == {
        "filed": None,
        "arrested": None,
        "extradited": "2021-01-19",
        "plea": None,
        "sentenced": "2023-03-09",
    }
    # the co-defendant: his own plea and its date, none of Pérez's sentence, custody or dates (and his
    # sentencing, only scheduled, is no date)
    assert (lopez["plea"], lopez["sentence_months"], lopez["custody"]) == ("plea", None, "unknown")
    assert lopez["dates"] | {"filed": None} == {
        "filed": None,
        "arrested": None,
        "extradited": None,
        "plea": "2023-01-05",
        "sentenced": None,
    }


def unnumbered_release(sha, names):
    rec = document(sha, "press_release", names)
    del rec.values["case_number"]
    return rec


@pytest.mark.parametrize(
    ("second", "one_case"),
    [
        ([LOPEZ, "Pedro Soto Vega"], True),  # two releases of one court naming the same defendant
        (["Pedro Soto Vega"], False),  # naming no one in common: two cases
    ],
)
def test_releases_without_a_case_number_naming_the_same_defendant_are_one_case(conn, second, one_case):
    for rec in (unnumbered_release("k", [PEREZ, LOPEZ]), unnumbered_release("j", second)):
        store.write_document(conn, rec, None)
    keys = {r["case_key"] for r in conn.execute("SELECT case_key FROM documents")}
    assert (len(keys) == 1) is one_case
    assert conn.execute("SELECT COUNT(*) FROM cases").fetchone()[0] == len(keys)

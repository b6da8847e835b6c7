"""A small dataset of five defendants in four cases, whose figures the report tests work out by hand.

The records stand for what the extractors hand over (values with evidence), written through the real store, so
the defendant roll-up (casedata/people.py) builds ``case_defendants`` as it does for processed files. Two date
fields (charging filed, extradition) are declared as the dates helper declares them: person group ``dates``,
keys ``filed`` and ``extradited``; :func:`dated` runs a block with them in the registry.

| defendant | case (documents) | custody | plea | sentence | categories | benefits |
|---|---|---|---|---|---|---|
| Ana Uno Ruiz | casd 19-cr-00001 (indictment, judgment) | extradited | plea | 120 | drug | 5K1, dismissal |
| Beto Dos Lara | casd 19-cr-00001 (indictment) | - | pretrial | - | drug | |
| Carla Tres Vega | txwd 18-cr-00002 (indictment, judgment) | extradited | trial | life | CCE, violent | |
| Diego Cuatro Sol | nysd 20-cr-00003 (plea agreement) | arrested_us | plea | - | drug | acceptance |
| Eva <script> Cinco | flsd 21-cr-00004 (press release) | surrendered | plea | time served | - | - |

Diego is a public official (office given); Eva is said not to be, and the press release describes a murder
without charging it. Charging dates: the casd indictment 2019-03-01 (for both its defendants), the txwd one
2018-05-05 (Diego's plea agreement is dated, but is no charging document); extraditions: Ana 2019-06-01,
Carla 2021-01-10.
"""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path

from expediente.casedata import store
from expediente.casedata.db import connect
from expediente.extractors.fields import declarations, use
from expediente.extractors.records import Count, Defendant, DocumentRecord, Evidence, PageInfo, Statute, Value

ANA, BETO, CARLA, DIEGO = "Ana Uno Ruiz", "Beto Dos Lara", "Carla Tres Vega", "Diego Cuatro Sol"
EVA = "Eva <script>alert('x')</script> Cinco"  # names come from filings: the report must escape them
OFFICE = "municipal police <b>chief</b>"

DATE_FIELDS = [
    {
        "name": "date_filed",
        "title": "date the charging document was filed",
        "kind": "single",
        "finding": "date_filed",
        "type": "date",
        "score": "exact",
        "person": {
            "rule": "earliest",
            "group": "dates",
            "key": "filed",
            "shared": True,
            "doc_types": ["indictment", "superseding_indictment", "information", "complaint"],
        },
    },
    {
        "name": "date_extradited",
        "title": "date of extradition",
        "kind": "single",
        "finding": "date_extradited",
        "type": "date",
        "score": "exact",
        "person": {"rule": "precedence", "group": "dates", "key": "extradited"},
    },
]


def ev(start: int, text: str = "evidence text", conf: float = 0.9) -> Evidence:
    return Evidence(1, start, start + len(text), text, "test", "1", conf)


def statute(citation: str, category: str) -> Statute:
    title, _, section = citation.partition(" U.S.C. § ")
    return Statute(citation, title, section, category, ev(200, citation))


def document(sha, doc_type, court, case, names, values=(), mentions=(), counts=()) -> DocumentRecord:
    """A processed document: ``values`` (field, value, attrs) are its single fields, ``mentions`` its items."""
    rec = DocumentRecord(sha * 64, f"{court}_{doc_type}_{sha}.pdf", f"/in/{sha}.pdf", "pdf", "v1", "done")
    rec.pages = [PageInfo(1, "text", None, 1000, None, "text")]
    rec.values = {
        "doc_type": Value("doc_type", doc_type, ev(0, doc_type)),
        "court_id": Value("court_id", court, ev(10, court), {"name": court}),
        "case_number": Value("case_number", case, ev(20, case)),
    }
    for i, (field, value, attrs) in enumerate(values):
        rec.values[field] = Value(field, value, ev(100 + 20 * i, f"{field} {value}"), dict(attrs))
    rec.mentions = [Value(f, v, ev(500 + 20 * i, f"{f} {v}"), dict(a)) for i, (f, v, a) in enumerate(mentions)]
    rec.defendants = [Defendant(n, (), ev(30 + i, n)) for i, n in enumerate(names)]
    rec.counts = list(counts)
    rec.statutes_cited = [s for c in counts for s in c.statutes]
    return rec


def records() -> list[DocumentRecord]:
    drug = Count("1", (statute("21 U.S.C. § 963", "drug_trafficking"),), "Conspiracy to import", ev(150))
    return [
        document(
            "a", "indictment", "casd", "3:19-cr-00001", [ANA, BETO],
            values=[("plea", "pretrial", {"implied_by": "doc_type"}), ("date_filed", "2019-03-01", {})],
            counts=[drug],
        ),
        document(
            "b", "judgment", "casd", "3:19-cr-00001", [ANA],
            values=[("plea", "plea", {}), ("sentence_months", "120", {}), ("custody", "extradited", {}),
                    ("date_extradited", "2019-06-01", {})],
            mentions=[("benefits", "substantial_assistance_5k1", {}), ("benefits", "dismiss_counts", {})],
        ),
        document(
            "c", "indictment", "txwd", "18-cr-00002", [CARLA],
            values=[("plea", "pretrial", {"implied_by": "doc_type"}), ("date_filed", "2018-05-05", {})],
            counts=[
                Count("1", (statute("21 U.S.C. § 848", "continuing_criminal_enterprise"),), "CCE", ev(150)),
                Count("2", (statute("18 U.S.C. § 1203", "violent_crime"),), "Hostage taking", ev(170)),
            ],
        ),
        document(
            "d", "judgment", "txwd", "18-cr-00002", [CARLA],
            values=[("plea", "trial", {}), ("sentence_months", "life", {}), ("custody", "extradited", {}),
                    ("date_extradited", "2021-01-10", {})],
        ),
        document(
            "e", "plea_agreement", "nysd", "20-cr-00003", [DIEGO],
            values=[("plea", "plea", {}), ("custody", "arrested_us", {}),
                    ("public_official", "true", {"office": OFFICE}), ("date_filed", "2020-02-02", {})],
            mentions=[("benefits", "acceptance_of_responsibility", {})],
            counts=[Count("1", (statute("21 U.S.C. § 841", "drug_trafficking"),), "Distribution", ev(150))],
        ),
        document(
            "f", "press_release", "flsd", "21-cr-00004", [EVA],
            values=[("plea", "plea", {}), ("sentence_months", "time served", {}), ("custody", "surrendered", {}),
                    ("public_official", "false", {})],
            mentions=[("violent_crime_mentions", "murder", {"charged": False})],
        ),
    ]  # fmt: skip


def build(path: Path) -> Path:
    """The dataset written at ``path`` with the registry in use (dated or not)."""
    conn = connect(path)
    try:
        for rec in records():
            store.write_document(conn, rec, None)  # a value of a field the registry lacks is not stored
    finally:
        conn.close()
    return path


def _without_dates() -> list[dict]:
    return [f for f in declarations() if (f.get("person") or {}).get("group") != "dates"]


@contextmanager
def dated():
    """The registry with the two date fields above (in place of any the shipped registry declares)."""
    with use(_without_dates() + DATE_FIELDS) as reg:
        yield reg


@contextmanager
def undated():
    """The registry without any date of a person: a dataset that has no dates."""
    with use(_without_dates()) as reg:
        yield reg

"""A write touches only what it changes: case keys are found through the case_names index (never by reading a
court's documents), the same as reading them would find, and a write costs as much in a large dataset as in a
small one (counted in SQLite steps, never timed)."""

from __future__ import annotations

import random
import sqlite3

import pytest

from expediente.casedata import case_names, store
from expediente.casedata.cases import rebuild_cases, update_case_keys
from expediente.casedata.corrections import Correction, add_correction, undo
from expediente.casedata.db import connect
from expediente.casedata.schema import VIEWS
from expediente.extractors.names import FUZZY_RATIO, MIN_FUZZY_WORD, same_person
from expediente.extractors.records import Defendant, DocumentRecord, Evidence, PageInfo, Value

COURT = "casd"


def ev(start=0):
    return Evidence(1, start, start + 5, "x", "test", "1", 0.9)


def document(sha: str, names: list[str], case: str | None = None, court: str = COURT, doc_type="press_release"):
    rec = DocumentRecord(sha.ljust(64, "0"), f"{sha}.pdf", f"/in/{sha}.pdf", "pdf", "v1", "done")
    rec.pages = [PageInfo(1, "text", None, 100, None, "text")]
    rec.values = {
        "doc_type": Value("doc_type", doc_type, ev()),
        "court_id": Value("court_id", court, ev(), {"name": court}),
    }
    if case:
        rec.values["case_number"] = Value("case_number", case, ev(10))
    rec.defendants = [Defendant(n, (), ev(30 + i)) for i, n in enumerate(names)]
    return rec


def keys(conn) -> dict[str, str]:
    return {r["sha256"][:4].rstrip("0"): r["case_key"] for r in conn.execute("SELECT sha256, case_key FROM documents")}


def derived(conn) -> dict[str, list]:
    out = {}
    for table in ("cases", "case_defendants", "case_defendant_values", "review_items"):
        rows = conn.execute(f"SELECT * FROM {table}").fetchall()
        out[table] = sorted(repr([r[k] for k in r.keys() if k != "id"]) for r in rows)  # noqa: SIM118
    out["keys"] = sorted(keys(conn).items())
    return out


def rederived(conn) -> dict[str, list]:
    with conn:
        update_case_keys(conn)
        rebuild_cases(conn)
    return derived(conn)


# --- the index finds every name same_person would ------------------------------------------------------------

WORDS = ["juan", "perez", "garcia", "castaneda", "ybarra", "guzman", "loera", "joaquin", "hernandez", "rosa"]
WORDS += ["diaz", "lopez", "ruiz", "mario", "villalobos", "gonzalez", "martinez", "jr", "pena", "ortega"]


def _slip(rng: random.Random, word: str) -> str:
    """An OCR-like slip: a letter changed, dropped or doubled."""
    i = rng.randrange(len(word))
    return rng.choice(
        [
            word[:i] + rng.choice("aeiouxn") + word[i + 1 :],
            word[:i] + word[i + 1 :],
            word[:i] + word[i] * 2 + word[i + 1 :],
        ]
    )


def _name(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(1, 4))]
    return " ".join(_slip(rng, w) if len(w) >= MIN_FUZZY_WORD and rng.random() < 0.5 else w for w in words)


def test_the_index_keys_rest_on_how_loose_same_person_is():
    # two long words that agree share a letter pair when 1.5 * ratio * S - S - 1 > 0 for S = 2 * MIN_FUZZY_WORD
    assert FUZZY_RATIO * 1.5 * 2 * MIN_FUZZY_WORD - 2 * MIN_FUZZY_WORD - 1 > 0


def test_every_name_same_person_joins_is_a_candidate(conn):
    rng = random.Random(10)
    names = sorted({_name(rng) for _ in range(150)})
    rows = []
    for i, name in enumerate(names):
        n, found = case_names.name_keys(name)
        rows += [(f"{i:064d}", COURT, None, name, n, k) for k in found]
    conn.executemany("INSERT INTO case_names VALUES (?, ?, ?, ?, ?, ?)", rows)
    pairs = 0
    for a in names:
        found = {c["name"] for c in case_names.candidates(conn, COURT, a)}
        for b in names:
            if same_person(a, b) or same_person(b, a):
                pairs += 1
                assert b in found, (a, b)
    assert pairs > len(names) * 3  # slips and dropped words made many pairs, not only each name with itself


# --- the same case keys as reading every document would give --------------------------------------------------

STEPS = {  # (what is written or decided, in order) -> each document's case, by its first letters
    "a release joins the one case naming its defendant": (
        [document("a1", ["Juan Pérez García"], "3:19-cr-01234"), document("b1", ["JUAN PEREZ"])],
        {"a1": "casd|19-cr-01234", "b1": "casd|19-cr-01234"},
    ),
    "a case written later gathers the releases before it": (
        [
            document("b1", ["Juan Pérez García"]),
            document("c1", ["Juan Perez"]),
            document("a1", ["Juan Pérez García"], "19-cr-7"),
        ],
        {"a1": "casd|19-cr-7", "b1": "casd|19-cr-7", "c1": "casd|19-cr-7"},
    ),
    "releases naming one person are the case of the first": (
        [document("c1", ["Rosa Diaz"]), document("b1", ["ROSA DIAZ", "Mario Lopez"]), document("d1", ["Mario Lopez"])],
        {"b1": "b1".ljust(64, "0"), "c1": "b1".ljust(64, "0"), "d1": "b1".ljust(64, "0")},
    ),
    "two cases naming the person: the release stays alone": (
        [
            document("a1", ["Rosa Diaz"], "1:20-cr-1"),
            document("a2", ["Rosa Diaz"], "1:20-cr-2"),
            document("b1", ["Rosa Diaz"]),
        ],
        {"a1": "casd|20-cr-1", "a2": "casd|20-cr-2", "b1": "b1".ljust(64, "0")},
    ),
    "another court's case is not the release's": (
        [document("a1", ["Rosa Diaz"], "1:20-cr-1", court="nysd"), document("b1", ["Rosa Diaz"])],
        {"a1": "nysd|20-cr-1", "b1": "b1".ljust(64, "0")},
    ),
    "a re-processed case that no longer names the person lets the release go": (
        [
            document("a1", ["Rosa Diaz"], "1:20-cr-1"),
            document("b1", ["Rosa Diaz"]),
            document("a1", ["Mario Lopez"], "1:20-cr-1"),
        ],
        {"a1": "casd|20-cr-1", "b1": "b1".ljust(64, "0")},
    ),
    "an OCR slip in a long surname still finds the case": (
        [document("a1", ["Nicolás Ybarra-Castañeda"], "1:20-cr-1"), document("b1", ["Nicolas Ybarra-Castaiieda"])],
        {"a1": "casd|20-cr-1", "b1": "casd|20-cr-1"},
    ),
}


@pytest.mark.parametrize("name", list(STEPS))
def test_a_write_finds_the_case_reading_every_document_would(conn, name):
    writes, expected = STEPS[name]
    for rec in writes:
        store.write_document(conn, rec, None)
    assert keys(conn) == expected
    assert derived(conn) == rederived(conn)


DECISIONS = [  # (document, field, action, value): each keeps the dataset as a full re-derivation would have it
    ("a1", "case_number", "set", "3:20-cr-00009"),  # the case moves: its release goes with the number
    ("a1", "case_number", "reject", None),  # the case loses its number: the releases are a case of their own
    ("a1", "court_id", "set", "nysd"),  # the case moves court: the release of casd stays behind
    ("b1", "court_id", "set", "nysd"),  # the release moves court
]


@pytest.mark.parametrize("decision", DECISIONS, ids=[f"{d[1]} {d[2]}" for d in DECISIONS])
def test_a_decision_that_moves_a_document_moves_only_what_follows_it(conn, decision):
    for rec in (
        document("a1", ["Rosa Diaz"], "3:20-cr-00001"),
        document("b1", ["ROSA DIAZ"]),
        document("c1", ["Mario Lopez"]),
    ):
        store.write_document(conn, rec, None)
    sha, field, action, value = decision
    add_correction(conn, Correction(sha.ljust(64, "0"), field, action, value, author="ann"))
    assert derived(conn) == rederived(conn)
    undo(conn, "ann")
    assert derived(conn) == rederived(conn)


# --- no table read whole, and the same cost in a dataset ten times larger -------------------------------------


def _dataset(conn: sqlite3.Connection, n: int) -> None:
    """``n`` documents of one court: numbered cases and releases without a number, each naming its own person."""
    rng = random.Random(n)
    for i in range(n):
        person = f"{''.join(rng.choice('bcdfglmnprstv') + rng.choice('aeiou') for _ in range(3))} Q{i}"
        case = f"3:20-cr-{i:05d}" if i % 2 else None
        store.write_document(conn, document(f"{i + 1:x}f", [person], case), None)


def _traced(conn: sqlite3.Connection, work) -> list[str]:
    statements: list[str] = []
    conn.set_trace_callback(statements.append)
    try:
        work()
    finally:
        conn.set_trace_callback(None)
    return statements


def _writes(conn):
    store.write_document(conn, document("e1", ["Maria Gomez Torres"], "3:21-cr-00001"), None)
    store.write_document(conn, document("e2", ["MARIA GOMEZ"]), None)  # joins it through the index
    store.write_document(conn, document("e3", ["Ana Ruiz Sol"]), None)  # finds no case
    add_correction(conn, Correction("e1".ljust(64, "0"), "case_number", "set", "3:21-cr-00002"))


def test_the_write_path_reads_no_table_whole(conn):
    _dataset(conn, 40)
    statements = _traced(conn, lambda: _writes(conn))
    scans = set()
    for sql in statements:
        if not sql.lstrip().upper().startswith(("SELECT", "INSERT", "UPDATE", "DELETE")):
            continue
        for row in conn.execute("EXPLAIN QUERY PLAN " + sql):
            detail = row["detail"]
            # a view's rows scanned as they come from its co-routine are not a table read whole
            if detail.startswith("SCAN ") and detail.split()[1] not in VIEWS and "CONSTANT ROW" not in detail:
                scans.add((detail, sql[:160]))
    assert not scans
    assert keys(conn)["e2"] == "casd|21-cr-00002"


def _steps(tmp_path, n: int) -> int:
    conn = connect(tmp_path / f"steps{n}.sqlite")
    _dataset(conn, n)
    count = [0]

    def step() -> int:
        count[0] += 1
        return 0

    conn.set_progress_handler(step, 100)
    _writes(conn)
    conn.close()
    return count[0]


def test_a_write_costs_as_much_in_a_dataset_ten_times_larger(tmp_path):
    small, large = _steps(tmp_path, 30), _steps(tmp_path, 300)
    assert large < 1.25 * small, (small, large)


def test_a_corrected_defendant_is_looked_up_by_the_corrected_name(conn):
    """A decision on a defendant moves no document, but the releases written after it find the case by the
    name the annotator gave (as reading the effective defendants would)."""
    store.write_document(conn, document("a1", ["Rosa Diaz"], "3:20-cr-00001"), None)
    add_correction(conn, Correction("a1".ljust(64, "0"), "defendants", "set", "Mario Lopez", item_key="Rosa Diaz"))
    store.write_document(conn, document("b1", ["MARIO LOPEZ"]), None)
    store.write_document(conn, document("c1", ["Rosa Diaz"]), None)
    assert keys(conn) == {"a1": "casd|20-cr-00001", "b1": "casd|20-cr-00001", "c1": "c1".ljust(64, "0")}

"""The review workbench without a browser: accounts, the queue, decisions, agreement, and the app's safety rules
over real SQLite files (the app through Starlette's test client; the browser tests are test_review_browser.py)."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from expediente.annotations.agreement import agreement, cohen_kappa, span_f1
from expediente.annotations.workbench.app import Settings, create_app, segments
from expediente.casedata import accounts, review, store
from expediente.casedata.corrections import Correction, add_correction, undo
from expediente.casedata.db import connect
from expediente.casedata.errors import AccountError, CorrectionError
from expediente.corpus.errors import ExitCode
from expediente.extractors.records import Defendant, DocumentRecord, Evidence, PageInfo, Value
from expediente.flows.cli import main

PAGE = (
    "UNITED STATES DISTRICT COURT\nSOUTHERN DISTRICT OF CALIFORNIA\nUNITED STATES v. JUAN PEREZ-LOPEZ\n"
    "The defendant kidnapped a witness and was extradited from Mexico.\r\nVictim 1 was a minor.\n"
)


def doc(sha: str, custody: str = "extradited", custody_conf: float = 0.9, name: str = "Juan Perez-Lopez"):
    """A stored document whose evidence offsets point into PAGE."""
    at = PAGE.index

    def ev(word: str, conf: float = 0.9) -> Evidence:
        return Evidence(1, at(word), at(word) + len(word), word, "test", "1", conf)

    rec = DocumentRecord(
        sha256=sha,
        file=f"{sha[:6]}.txt",
        path=f"/in/{sha[:6]}.txt",
        kind="text",
        pipeline_version="v1",
        status="done",
        pages=[PageInfo(1, "plain", None, len(PAGE), None, PAGE)],
    )
    rec.values = {
        "doc_type": Value("doc_type", "indictment", ev("UNITED STATES DISTRICT COURT", 0.99)),
        "court_id": Value("court_id", "casd", ev("SOUTHERN DISTRICT OF CALIFORNIA")),
        "case_number": Value("case_number", "3:19-cr-01234", None),
        "custody": Value("custody", custody, ev("extradited", custody_conf)),
    }
    rec.defendants = [Defendant(name, (), ev("JUAN PEREZ-LOPEZ"))]
    rec.mentions = [Value("violent_crime_mentions", "kidnapping", ev("kidnapped", 0.6), {"charged": False})]
    return rec


A, B = "a" * 64, "b" * 64


@pytest.fixture
def db(tmp_path) -> Path:
    path = tmp_path / "review.sqlite"
    conn = connect(path)
    store.write_document(conn, doc(A, custody_conf=0.4), None)
    store.write_document(conn, doc(B, custody="arrested_us"), None)
    conn.close()
    return path


@pytest.fixture
def conn(db):
    c = connect(db)
    yield c
    c.close()


def item(conn, sha, field):
    return conn.execute("SELECT * FROM review_items WHERE sha256 = ? AND field = ?", (sha, field)).fetchone()


# --- the queue ------------------------------------------------------------------------------------------


def test_every_decidable_item_is_queued_once_with_its_evidence(conn):
    rows = conn.execute("SELECT field, item_key, value, page, start, text FROM review_items WHERE sha256 = ?", (A,))
    got = {(r["field"], r["item_key"]): r for r in rows}
    assert got[("custody", "")]["text"] == "extradited"
    assert got[("defendants", "Juan Perez-Lopez")]["start"] == PAGE.index("JUAN")
    assert ("violent_crime_mentions", f"kidnapping@1:{PAGE.index('kidnapped')}") in got
    assert all(f.name != "aliases" for f in review.reviewable())


def test_a_value_that_won_over_documents_saying_otherwise_comes_first(conn):
    # A and B are one case (same court and number) and disagree on custody: the winner's value is contested
    first = review.queue(conn, review.QueueQuery("ana", limit=2))
    flagged = conn.execute("SELECT sha256 FROM review_items WHERE conflict = 1").fetchall()
    assert len(flagged) == 1
    assert (first[0]["field"], first[0]["sha256"], first[0]["conflict"]) == ("custody", flagged[0][0], 1)
    assert first[0]["priority"] == pytest.approx(1.0 + 1 - first[0]["confidence"])


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ((("field", "custody"),), {("custody", A), ("custody", B)}),
        ((("field", "custody"), ("document", B)), {("custody", B)}),
        ((("field", "defendants"), ("defendant", "perez")), {("defendants", A), ("defendants", B)}),
        ((("court", "nysd"),), set()),
    ],
)
def test_queue_filters(conn, filters, expected):
    rows = review.queue(conn, review.QueueQuery("ana", filters))
    assert {(r["field"], r["sha256"]) for r in rows} == expected


def test_a_decided_item_leaves_the_queue_unless_it_needs_a_second_annotator(conn):
    q = review.QueueQuery("ana", (("field", "custody"), ("document", A)))
    add_correction(conn, Correction(A, "custody", "accept", author="ana"))
    assert review.queue(conn, q) == []
    assert review.queue(conn, review.QueueQuery("bob", q.filters)) == []  # one decision is enough
    double = review.QueueQuery("bob", q.filters, double_share=1.0)
    assert len(review.queue(conn, double)) == 1  # everything is shown to two
    add_correction(conn, Correction(A, "custody", "set", "surrendered", author="bob"))
    assert review.queue(conn, double) == []
    assert [r["field"] for r in review.queue(conn, review.QueueQuery("ana", q.filters, "reviewed"))] == ["custody"]


def test_progress_counts_items_with_a_live_decision(conn):
    add_correction(conn, Correction(A, "custody", "accept", author="ana"))
    add_correction(conn, Correction(B, "custody", "accept", author="ana"))
    undo(conn, "ana")
    custody = next(p for p in review.progress(conn) if p["field"] == "custody")
    assert (custody["total"], custody["reviewed"], custody["remaining"]) == (2, 1, 1)


def test_the_queue_follows_reprocessing(conn):
    count = "SELECT COUNT(*) FROM review_items WHERE sha256 = ?"
    before = conn.execute(count, (A,)).fetchone()[0]
    store.write_document(conn, doc(A, custody="surrendered"), None)
    assert item(conn, A, "custody")["value"] == "surrendered"
    assert conn.execute(count, (A,)).fetchone()[0] == before


# --- decisions ------------------------------------------------------------------------------------------


def test_a_decision_keeps_the_value_it_replaced_and_undo_restores_it(conn):
    add_correction(conn, Correction(A, "custody", "set", "surrendered", author="ana"))
    second = add_correction(conn, Correction(A, "custody", "reject", author="ana"))
    rows = conn.execute("SELECT action, previous FROM corrections ORDER BY id").fetchall()
    assert [tuple(r) for r in rows] == [("set", "extradited"), ("reject", "surrendered")]
    value = "SELECT custody FROM documents_effective WHERE sha256 = ?"
    assert conn.execute(value, (A,)).fetchone()[0] is None
    assert undo(conn, "bob") is None  # nothing of bob's
    assert undo(conn, "ana")["id"] == second
    assert conn.execute(value, (A,)).fetchone()[0] == "surrendered"
    assert conn.execute("SELECT COUNT(*) FROM corrections").fetchone()[0] == 2  # undone rows stay


def test_an_item_added_from_a_selection_takes_its_text_from_the_page(conn):
    start = PAGE.index("Victim 1")
    add_correction(
        conn, Correction(A, "victims", "add", "pseudonymous_victim", author="ana", page=1, start=start, end=start + 8)
    )
    row = conn.execute("SELECT * FROM mentions_effective WHERE sha256 = ? AND field = 'victims'", (A,)).fetchone()
    assert (row["value"], row["page"], row["start"], row["end"], row["text"]) == (
        "pseudonymous_victim",
        1,
        start,
        start + 8,
        "Victim 1",
    )


@pytest.mark.parametrize(
    ("selection", "message"),
    [
        ({"page": 2, "start": 0, "end": 5}, "has no page 2"),
        ({"page": 1, "start": 5, "end": 5}, "not a span of page 1"),
        ({"page": 1, "start": 0, "end": 10**6}, "not a span of page 1"),
        ({"page": 1, "start": None, "end": 4}, "not a span of page 1"),
    ],
)
def test_a_selection_outside_the_page_is_refused(conn, selection, message):
    with pytest.raises(CorrectionError, match=message):
        add_correction(conn, Correction(A, "victims", "add", "minor", author="ana", **selection))
    assert conn.execute("SELECT COUNT(*) FROM corrections").fetchone()[0] == 0


def test_decisions_survive_reprocessing(conn):
    add_correction(conn, Correction(A, "custody", "set", "surrendered", author="ana"))
    store.write_document(conn, doc(A, custody_conf=0.4), None)
    assert conn.execute("SELECT custody FROM documents_effective WHERE sha256 = ?", (A,)).fetchone()[0] == (
        "surrendered"
    )


# --- agreement ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("pairs", "kappa"),
    [
        ([("accept", "accept"), ("reject", "reject")], 1.0),
        ([("accept", "reject"), ("reject", "accept")], -1.0),
        ([("accept", "accept"), ("accept", "reject"), ("reject", "reject"), ("reject", "reject")], 0.5),
        ([("accept", "accept")], None),  # chance agreement is total
        ([], None),
    ],
)
def test_cohen_kappa(pairs, kappa):
    assert cohen_kappa(pairs) == (None if kappa is None else pytest.approx(kappa))


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        ([("minor", 1, 0, 10)], [("minor", 1, 2, 10)], (1, 0, 0)),  # covers more than half
        ([("minor", 1, 0, 10)], [("minor", 1, 8, 20)], (0, 1, 1)),
        ([("minor", 1, 0, 10)], [("other", 1, 0, 10)], (0, 1, 1)),  # another label
        ([("minor", 1, 0, 10)], [("minor", 2, 0, 10)], (0, 1, 1)),  # another page
        ([], [("minor", 1, 0, 10)], (0, 0, 1)),
    ],
)
def test_span_agreement(first, second, expected):
    assert span_f1(first, second) == expected


def test_agreement_per_field_and_pair(conn):
    kidnap = f"kidnapping@1:{PAGE.index('kidnapped')}"
    for sha in (A, B):
        add_correction(conn, Correction(sha, "custody", "accept", author="ana"))
        add_correction(conn, Correction(sha, "violent_crime_mentions", "accept", item_key=kidnap, author="ana"))
    add_correction(conn, Correction(A, "custody", "accept", author="bob"))
    add_correction(conn, Correction(B, "custody", "set", "surrendered", author="bob"))
    add_correction(conn, Correction(A, "violent_crime_mentions", "accept", item_key=kidnap, author="bob"))
    add_correction(conn, Correction(B, "violent_crime_mentions", "reject", item_key=kidnap, author="bob"))
    rows = {r.field: r for r in agreement(conn)}
    assert (rows["custody"].items, rows["custody"].observed) == (2, 0.5)
    assert rows["violent_crime_mentions"].f1 == pytest.approx(2 * 1 / (2 * 1 + 1))
    disputes = review.disputed(conn)
    assert {(d["sha256"], d["field"]) for d in disputes} == {(B, "custody"), (B, "violent_crime_mentions")}
    queued = review.queue(conn, review.QueueQuery("cy", state="disputed"))
    assert {(r["sha256"], r["field"]) for r in queued} == {(B, "custody"), (B, "violent_crime_mentions")}


# --- accounts -------------------------------------------------------------------------------------------


def test_passwords_are_stored_as_scrypt_hashes(conn):
    accounts.add_user(conn, "ana", "correct horse", "reviewer")
    stored = conn.execute("SELECT password_hash FROM users").fetchone()[0]
    assert stored.startswith("scrypt$") and "correct horse" not in stored
    assert accounts.authenticate(conn, "ana", "correct horse") == "reviewer"
    assert accounts.authenticate(conn, "ana", "wrong horse!") is None
    assert accounts.authenticate(conn, "nobody", "correct horse") is None


@pytest.mark.parametrize(
    ("name", "password", "role", "message"),
    [
        ("ana", "short", "annotator", "at least 8"),
        ("a b", "long enough", "annotator", "user name"),
        ("<script>", "long enough", "annotator", "user name"),
        ("ana", "long enough", "admin", "role"),
    ],
)
def test_bad_accounts_are_refused(conn, name, password, role, message):
    with pytest.raises(AccountError, match=message):
        accounts.add_user(conn, name, password, role)


def test_a_session_token_is_stored_only_as_its_hash(conn):
    accounts.add_user(conn, "ana", "correct horse")
    token, session = accounts.open_session(conn, "ana")
    assert conn.execute("SELECT COUNT(*) FROM sessions WHERE token_hash = ?", (token,)).fetchone()[0] == 0
    assert accounts.session(conn, token) == session
    accounts.close_session(conn, token)
    assert accounts.session(conn, token) is None


# --- the app --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "items", "pieces"),
    [
        ("abcdef", [], [(0, "abcdef", [])]),
        ("abcdef", [{"start": 1, "end": 3}], [(0, "a", []), (1, "bc", [0]), (3, "def", [])]),
        (
            "abcdef",
            [{"start": 1, "end": 4}, {"start": 2, "end": 6}],
            [(0, "a", []), (1, "b", [0]), (2, "cd", [0, 1]), (4, "ef", [1])],
        ),
        ("a\r\nb", [{"start": 3, "end": 4}], [(0, "a\u240d\n", []), (3, "b", [0])]),  # one character for one
        ("ab", [{"start": None, "end": None}], [(0, "ab", [])]),
    ],
)
def test_page_text_is_cut_at_item_boundaries_keeping_offsets(text, items, pieces):
    assert [(s["start"], s["text"], s["items"]) for s in segments(text, items)] == pieces


def client(db: Path, local_user: str | None = "ana") -> TestClient:
    return TestClient(create_app(Settings(db, local_user=local_user)), base_url="http://127.0.0.1")


def csrf_of(page: str) -> str:
    return re.search(r'name="csrf-token" content="([^"]+)"', page)[1]


def test_local_use_without_accounts_gives_a_strict_httponly_session(db):
    c = client(db)
    page = c.get("/")
    cookie = page.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie
    assert "script-src 'self'" in page.headers["content-security-policy"]
    decision = {"sha256": A, "field": "custody", "item_key": "", "action": "accept"}
    made = c.post("/api/decide", json=decision, headers={"x-csrf-token": csrf_of(page.text)})
    assert made.status_code == 200, made.text
    assert made.json()["correction"]["author"] == "ana"


@pytest.mark.parametrize(
    ("headers", "with_session", "status"),
    [
        ({}, False, 401),  # no session
        ({"x-csrf-token": "forged"}, False, 401),
        ({}, True, 403),  # a session, no token
        ({"x-csrf-token": "forged"}, True, 403),
    ],
)
def test_a_post_needs_a_session_and_its_csrf_token(db, headers, with_session, status):
    conn = connect(db)
    accounts.add_user(conn, "ana", "correct horse")
    token, _ = accounts.open_session(conn, "ana")
    conn.close()
    c = client(db, local_user=None)
    if with_session:
        c.cookies.set("expediente_session", token)
    answer = c.post("/api/decide", json={"sha256": A, "field": "custody", "action": "accept"}, headers=headers)
    assert answer.status_code == status
    assert sqlite3.connect(db).execute("SELECT COUNT(*) FROM corrections").fetchone()[0] == 0


def test_with_accounts_pages_ask_for_a_login(db):
    conn = connect(db)
    accounts.add_user(conn, "ana", "correct horse")
    conn.close()
    c = client(db, local_user=None)
    assert c.get("/", follow_redirects=False).headers["location"] == "/login"
    form = c.get("/login")
    nonce = re.search(r'name="nonce" value="([^"]+)"', form.text)[1]
    wrong = c.post("/login", data={"nonce": nonce, "name": "ana", "password": "nope nope"}, follow_redirects=False)
    assert wrong.status_code == 401 and "wrong password" in wrong.text
    forged = c.post("/login", data={"nonce": "x", "name": "ana", "password": "correct horse"}, follow_redirects=False)
    assert forged.status_code == 403
    ok = c.post("/login", data={"nonce": nonce, "name": "ana", "password": "correct horse"}, follow_redirects=False)
    assert ok.status_code == 303 and "HttpOnly" in ok.headers["set-cookie"]
    assert c.get("/").status_code == 200


def test_a_refused_decision_says_why_and_writes_nothing(db):
    c = client(db)
    csrf = csrf_of(c.get("/").text)
    bad = c.post(
        "/api/decide",
        json={"sha256": A, "field": "custody", "action": "set", "value": "teleported"},
        headers={"x-csrf-token": csrf},
    )
    assert bad.status_code == 400 and "not one of" in bad.json()["error"]
    typed = c.post(
        "/api/decide",
        json={"sha256": A, "field": "custody", "action": "add", "page": "1"},
        headers={"x-csrf-token": csrf},
    )
    assert typed.status_code == 400 and "whole number" in typed.json()["error"]
    assert sqlite3.connect(db).execute("SELECT COUNT(*) FROM corrections").fetchone()[0] == 0


HOSTILE = ['<script>alert("x")</script>', '"><img src=x onerror=alert(1)>', '=HYPERLINK("http://evil","click")']


def test_text_from_a_filing_is_escaped_in_every_view(tmp_path):
    path = tmp_path / "hostile.sqlite"
    conn = connect(path)
    for i, name in enumerate(HOSTILE):
        store.write_document(conn, doc(f"{i}" * 64, name=name), None)
    conn.close()
    c = client(path)
    pages = [c.get("/").text, c.get(f"/doc/{'0' * 64}").text, c.get("/case/casd%7C19-cr-01234").text]
    for page in pages:
        assert "<script>alert" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert" in pages[0]


def test_a_host_beyond_this_machine_needs_accounts(db, capsys):
    code = main(["review", "--db", str(db), "--host", "0.0.0.0", "--port", "0"])
    assert code == ExitCode.ACCOUNT
    assert "add-user" in capsys.readouterr().err


def test_add_user_reads_the_password_from_stdin(db, monkeypatch):
    import io

    monkeypatch.setattr("sys.stdin", io.StringIO("correct horse\n"))
    assert main(["review", "add-user", "bob", "--role", "reviewer", "--password-stdin", "--db", str(db)]) == 0
    assert accounts.authenticate(connect(db), "bob", "correct horse") == "reviewer"


def test_a_batch_of_decisions_is_stored_all_or_none(conn):
    from expediente.casedata.corrections import add_corrections

    good = Correction(A, "custody", "accept", author="ana")
    bad = Correction(B, "custody", "set", "teleported", author="ana")
    with pytest.raises(CorrectionError, match="not one of"):
        add_corrections(conn, [good, bad])
    assert conn.execute("SELECT COUNT(*) FROM corrections").fetchone()[0] == 0
    assert len(add_corrections(conn, [good, Correction(B, "custody", "reject", author="ana")])) == 2


def test_review_commands_export_gold_and_round_trip_label_studio(db, tmp_path, capsys):
    import json

    conn = connect(db)
    items = conn.execute("SELECT field, item_key FROM review_items WHERE sha256 = ?", (A,)).fetchall()
    from expediente.casedata.corrections import add_corrections

    add_corrections(conn, [Correction(A, r["field"], "accept", item_key=r["item_key"], author="ana") for r in items])
    conn.close()
    gold = tmp_path / "gold"
    assert main(["review", "export-gold", str(gold), "--db", str(db)]) == 0
    label = json.loads((gold / f"{A[:6]}.txt.json").read_text())
    assert (label["sha256"], label["custody"], label["defendants"]) == (A, "extradited", ["Juan Perez-Lopez"])

    tasks_file = tmp_path / "ls" / "tasks.json"
    tasks_file.parent.mkdir()
    assert main(["review", "export-labelstudio", str(tasks_file), "--db", str(db)]) == 0
    assert (tmp_path / "ls" / "tasks.xml").read_text().startswith("<View")
    tasks = json.loads(tasks_file.read_text())
    for task in tasks:  # an annotator in Label Studio keeps every prediction of document B
        if task["data"]["sha256"] == B:
            task["annotations"] = [{"result": task["predictions"][0]["result"], "completed_by": {"email": "lu@x.org"}}]
        else:
            task["annotations"] = []
    exported = tmp_path / "ls" / "export.json"
    exported.write_text(json.dumps(tasks))
    assert main(["review", "import-labelstudio", str(exported), "--db", str(db)]) == 0
    assert "accept" in capsys.readouterr().err
    authors = sqlite3.connect(db).execute("SELECT DISTINCT author FROM corrections WHERE sha256 = ?", (B,)).fetchall()
    assert authors == [("lu@x.org",)]
    assert main(["review", "import-labelstudio", str(exported), "--db", str(db)]) == 0  # nothing twice
    assert "nothing new" in capsys.readouterr().err


def test_only_a_reviewer_adjudicates(db):
    conn = connect(db)
    accounts.add_user(conn, "ana", "correct horse")
    token, _ = accounts.open_session(conn, "ana")
    conn.close()
    c = client(db, local_user=None)
    c.cookies.set("expediente_session", token)
    assert c.get("/adjudicate").status_code == 403
    assert c.get("/agreement").status_code == 200


KIDNAP = f"kidnapping@1:{PAGE.index('kidnapped')}"


def test_a_decision_corrects_a_mentions_attributes(conn):
    from expediente.casedata.export import document_object

    add_correction(
        conn, Correction(A, "violent_crime_mentions", "set", "kidnapping", KIDNAP, "ana", attrs={"charged": True})
    )
    start = PAGE.index("Victim 1")
    add_correction(
        conn,
        Correction(
            A,
            "violent_crime_mentions",
            "add",
            "hostage_taking",
            author="ana",
            page=1,
            start=start,
            end=start + 8,
            attrs={"charged": False},
        ),
    )
    doc = conn.execute("SELECT * FROM documents_effective WHERE sha256 = ?", (A,)).fetchone()
    mentions = {(m["label"], m["charged"]) for m in document_object(conn, doc)["violent_crime_mentions"]}
    assert mentions == {("kidnapping", True), ("hostage_taking", False)}
    assert conn.execute("SELECT violent_crime_mentions FROM case_defendants").fetchone()[0] == 1  # charged


@pytest.mark.parametrize(
    ("correction", "message"),
    [
        (
            Correction(A, "violent_crime_mentions", "set", "kidnapping", KIDNAP, attrs={"charged": "yes"}),
            "true or false",
        ),
        (
            Correction(A, "violent_crime_mentions", "set", "kidnapping", KIDNAP, attrs={"colour": 1}),
            "its attributes are charged",
        ),
        (
            Correction(A, "violent_crime_mentions", "accept", item_key=KIDNAP, attrs={"charged": True}),
            "go with 'set' or 'add'",
        ),
        (Correction(A, "victims", "add", "minor", attrs={"charged": True}), "its attributes are none"),
        (Correction(A, "drugs", "add", "cocaine", attrs={"quantity": 5}), "a short text"),
    ],
)
def test_attributes_that_do_not_fit_are_refused(conn, correction, message):
    with pytest.raises(CorrectionError, match=re.escape(message)):
        add_correction(conn, correction)

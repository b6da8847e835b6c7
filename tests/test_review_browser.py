"""The review workbench as a person uses it: a real `expediente review` server on loopback, Debian's Chromium
driven headless by Playwright (``executable_path``; no browser download), the sample corpus processed for real.

An annotator reviews by keyboard (accept, reject, edit, add a selection, undo), the rows land in the dataset and
outlive `expediente process --force`; two annotators with accounts decide the same items and see their
agreement, a reviewer adjudicates; forged, unauthenticated and cross-site posts and markup in a filing change
nothing and run nothing. ``EXPEDIENTE_SCREENSHOTS=DIR`` saves the queue, document and case views there.
"""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from expediente.casedata.corrections import Correction, add_correction
from expediente.casedata.db import connect
from expediente.flows.cli import main
from tests.conftest import SAMPLE_DOCS, process_into

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("datasets")]
PLEA = "casd_19cr2871_plea_agreement_quinones.pdf"
HOSTILE_TEXT = """UNITED STATES DISTRICT COURT
SOUTHERN DISTRICT OF TEXAS

UNITED STATES OF AMERICA v. <script>alert("filing")</script>, Defendant.

CRIMINAL NO. 4:21-cr-00099

INDICTMENT
The defendant "><img src=x onerror=alert(1)> did knowingly conspire to import cocaine,
in violation of Title 21, United States Code, Sections 952 and 963.
"""


class Server:
    """`expediente review` in a child process, on a free loopback port."""

    def __init__(self, db: Path, *args: str, user: str = "ana"):
        env = {**os.environ, "USER": user}
        command = [sys.executable, "-m", "expediente.flows.cli", "review", "--db", str(db), "--port", "0", *args]
        self.process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
        line = self.process.stdout.readline()
        found = re.search(r"http://127\.0\.0\.1:\d+/", line)
        if found is None:
            self.process.kill()
            raise AssertionError(f"the server did not start: {line}{self.process.stderr.read()}")
        self.url = found[0].rstrip("/")

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=20)


@pytest.fixture(scope="module")
def reviewed_db(sample_dataset, tmp_path_factory) -> Path:
    """The sample corpus plus a filing full of markup, in a copy the tests may write."""
    folder = tmp_path_factory.mktemp("review")
    db = folder / "review.sqlite"
    shutil.copy(sample_dataset, db)
    hostile = folder / "hostile"
    hostile.mkdir()
    (hostile / "txsd_21cr99_indictment.txt").write_text(HOSTILE_TEXT, encoding="utf-8")
    process_into(hostile, db)
    return db


@pytest.fixture(scope="module")
def server(reviewed_db):
    running = Server(reviewed_db)
    yield running
    running.stop()


def watched(context):
    """A page that records console errors, page errors and dialogs (an alert would mean script ran)."""
    page = context.new_page()
    page.problems = []
    page.on("console", lambda m: page.problems.append(f"console: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: page.problems.append(f"page error: {e}"))
    page.on("dialog", lambda d: (page.problems.append(f"dialog: {d.message}"), d.dismiss()))
    return page


@pytest.fixture
def page(browser, server):
    context = browser.new_context(viewport={"width": 1500, "height": 950})
    opened = watched(context)
    yield opened
    context.close()


def rows(db: Path, sql: str, *params) -> list[sqlite3.Row]:
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def latest(db: Path) -> sqlite3.Row:
    return rows(db, "SELECT * FROM corrections ORDER BY id DESC LIMIT 1")[0]


def sha_of(db: Path, file: str) -> str:
    return rows(db, "SELECT sha256 FROM documents WHERE file = ?", file)[0][0]


def shoot(page, name: str) -> None:
    folder = os.environ.get("EXPEDIENTE_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=False)


def press(page, key: str) -> None:
    page.keyboard.press(key)


def post_by(page, act) -> dict:
    """What the server answered to the post that ``act`` (a key, or a callable) makes the page send."""
    with page.expect_response(lambda r: "/api/" in r.url and r.request.method == "POST") as answer:
        act() if callable(act) else page.keyboard.press(act)
    assert answer.value.ok, answer.value.status
    return answer.value.json()


def test_the_queue_is_reviewed_by_keyboard(page, server, reviewed_db):
    page.goto(server.url + "/")
    assert page.locator("table.queue tr.item").count() > 10
    shoot(page, "queue")
    first = page.locator("tr.item.current")
    field, key, sha = (first.get_attribute(a) for a in ("data-field", "data-key", "data-sha"))
    post_by(page, "a")
    made = latest(reviewed_db)
    assert (made["sha256"], made["field"], made["item_key"], made["action"]) == (sha, field, key, "accept")
    assert made["author"] == "ana" and made["created_at"]
    second = page.locator("tr.item.current")
    assert second.get_attribute("data-key") != key or second.get_attribute("data-sha") != sha
    answer = post_by(page, "r")
    assert answer["correction"]["action"] == "reject"
    assert latest(reviewed_db)["action"] == "reject"
    assert page.locator("tr.item.decided").count() == 2
    press(page, "j")
    press(page, "k")
    press(page, "Enter")
    page.wait_for_url(re.compile(r"/doc/[0-9a-f]{64}"))
    assert page.problems == []


def test_a_document_is_reviewed_by_keyboard_and_selection(page, server, reviewed_db):
    sha = sha_of(reviewed_db, PLEA)
    page.goto(f"{server.url}/doc/{sha}")
    assert page.locator("#page-image img").evaluate("img => img.complete && img.naturalWidth > 0")
    assert page.locator("#page-text .hl").count() > 0
    shoot(page, "document")
    page.locator('li.item[data-field="custody"]').click()
    press(page, "e")
    page.locator("li.item.current .edit > input").first.fill("surrendered")
    post_by(page, "Enter")
    made = latest(reviewed_db)
    assert (made["field"], made["action"], made["value"]) == ("custody", "set", "surrendered")
    assert made["previous"] is not None

    # select words of the page text and add them as a victim mention
    page_text = rows(reviewed_db, "SELECT text FROM pages WHERE sha256 = ? AND number = 1", sha)[0][0]
    start = page_text.index("United States")
    page.evaluate(
        """([start, length]) => {
            const pieces = [...document.querySelectorAll('#page-text span')];
            const piece = pieces.filter(s => Number(s.dataset.start) <= start).pop();
            const node = piece.firstChild, from = start - Number(piece.dataset.start);
            const range = document.createRange();
            range.setStart(node, from);
            range.setEnd(node, Math.min(node.length, from + length));
            getSelection().removeAllRanges();
            getSelection().addRange(range);
        }""",
        [start, len("United States")],
    )
    press(page, "s")
    assert page.locator("#add-form").is_visible()
    page.locator("#add-field").select_option("victims")
    page.locator("#add-value").fill("us_citizen")
    post_by(page, lambda: page.locator("#add-value").press("Enter"))
    added = latest(reviewed_db)
    assert (added["action"], added["field"], added["value"], added["page"]) == ("add", "victims", "us_citizen", 1)
    assert added["text"] == page_text[added["start"] : added["end"]]
    assert added["text"].startswith("United States")

    assert page.locator("li.item.added").count() == 1  # shown at once, no reload
    assert post_by(page, "u")["undone"]["id"] == added["id"]
    assert page.locator("li.item.added").count() == 0

    # a violent act: the annotator flips its "charged" attribute
    page.goto(f"{server.url}/doc/{sha_of(reviewed_db, 'txsd_19cr738_indictment_hostage_taking.txt')}")
    page.locator('li.item[data-field="violent_crime_mentions"]').first.click()
    press(page, "e")
    box = page.locator("li.item.current .edit input[name=charged]")
    flipped = not box.is_checked()
    box.set_checked(flipped)
    post_by(page, lambda: page.locator("li.item.current .edit input[name=charged]").press("Enter"))
    made = latest(reviewed_db)
    assert (made["field"], made["action"], json.loads(made["attrs"])) == (
        "violent_crime_mentions",
        "set",
        {"charged": flipped},
    )
    assert rows(reviewed_db, "SELECT undone_at FROM corrections WHERE id = ?", added["id"])[0][0] is not None
    assert page.problems == []


def test_decisions_outlive_process_force(server, reviewed_db):
    sha = sha_of(reviewed_db, PLEA)
    conn = connect(reviewed_db)
    add_correction(conn, Correction(sha, "plea", "set", "trial", author="ana"))
    conn.close()
    before = rows(reviewed_db, "SELECT COUNT(*) FROM corrections")[0][0]
    env = {**os.environ, "PREFECT_HOME": str(reviewed_db.parent / "prefect")}
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "expediente.flows.cli",
            "process",
            str(SAMPLE_DOCS / PLEA),
            "--force",
            "--no-progress",
            "--db",
            str(reviewed_db),
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    assert rows(reviewed_db, "SELECT COUNT(*) FROM corrections")[0][0] == before
    effective = rows(reviewed_db, "SELECT plea FROM documents_effective WHERE sha256 = ?", sha)[0]
    assert effective["plea"] == "trial"


def test_the_case_view_shows_each_documents_say(page, server, reviewed_db):
    key = rows(reviewed_db, "SELECT case_key FROM documents WHERE file = ?", PLEA)[0][0]
    page.goto(f"{server.url}/doc/{sha_of(reviewed_db, PLEA)}")
    page.locator("a", has_text="case view").click()
    page.wait_for_url(re.compile("/case/"))
    assert page.locator("table.docs tr").count() > 2
    assert page.locator("span.said.won").count() > 0
    assert key.split("|")[1] in page.locator("h1").inner_text()
    shoot(page, "case")
    assert page.problems == []


def test_markup_in_a_filing_is_shown_never_run(page, server, reviewed_db):
    sha = sha_of(reviewed_db, "txsd_21cr99_indictment.txt")
    page.goto(f"{server.url}/doc/{sha}")
    text = page.locator("#page-text").inner_text()
    assert '<script>alert("filing")</script>' in text and "<img src=x onerror=alert(1)>" in text
    assert page.evaluate("() => document.querySelectorAll('#page-text script, #page-text img').length") == 0
    assert page.problems == []


def test_forged_and_unauthenticated_posts_change_nothing(browser, page, server, reviewed_db):
    before = rows(reviewed_db, "SELECT COUNT(*) FROM corrections")[0][0]
    decision = {"sha256": sha_of(reviewed_db, PLEA), "field": "plea", "action": "accept"}
    # no session at all
    stranger = browser.new_context()
    answer = stranger.request.post(server.url + "/api/decide", data=decision)
    assert answer.status == 401
    stranger.close()
    # a session, but a post without the page's token (what a forged request carries)
    page.goto(server.url + "/")
    status = page.evaluate(
        """async (body) => (await fetch('/api/decide', {method: 'POST', headers: {'content-type':
            'application/json'}, body: JSON.stringify(body)})).status""",
        decision,
    )
    assert status == 403
    # a form on another site posting to the workbench: the SameSite=Strict cookie is not sent with it
    evil = page.context.new_page()
    evil.set_content(
        f"""<form id=f method=post action="{server.url}/api/decide" enctype="text/plain">
            <input name='{{"sha256":"x","field":"plea","action":"accept","pad":"' value='"}}'></form>"""
    )
    with evil.expect_navigation():
        evil.evaluate("() => document.getElementById('f').submit()")
    assert "log in first" in evil.content() or "CSRF" in evil.content()
    assert rows(reviewed_db, "SELECT COUNT(*) FROM corrections")[0][0] == before


def test_two_annotators_agreement_and_adjudication(browser, reviewed_db, tmp_path, monkeypatch):
    db = tmp_path / "two.sqlite"
    shutil.copy(reviewed_db, db)
    conn = connect(db)
    conn.execute("DELETE FROM corrections")
    conn.commit()
    conn.close()
    for name, role in (("alice", "annotator"), ("bob", "reviewer")):
        monkeypatch.setattr("sys.stdin", io.StringIO("correct horse battery\n"))
        assert main(["review", "add-user", name, "--role", role, "--password-stdin", "--db", str(db)]) == 0
    server = Server(db, "--double", "1.0")
    try:
        decisions = {"alice": ["a", "a", "a", "r"], "bob": ["a", "r", "a", "r"]}
        for name, keys in decisions.items():
            context = browser.new_context(viewport={"width": 1400, "height": 900})
            page = watched(context)
            page.goto(server.url + "/")
            assert page.url.endswith("/login")
            page.fill('input[name="name"]', name)
            page.fill('input[name="password"]', "correct horse battery")
            page.click('button[type="submit"]')
            page.goto(server.url + "/?field=custody")
            for key in keys:
                post_by(page, key)
            assert page.problems == []
            context.close()
        by = {r["author"]: r["n"] for r in rows(db, "SELECT author, COUNT(*) AS n FROM corrections GROUP BY author")}
        assert by == {"alice": 4, "bob": 4}

        context = browser.new_context(viewport={"width": 1400, "height": 900})
        page = watched(context)
        page.goto(server.url + "/login")
        page.fill('input[name="name"]', "bob")
        page.fill('input[name="password"]', "correct horse battery")
        page.click('button[type="submit"]')
        page.goto(server.url + "/agreement")
        table = page.locator("table.agreement")
        assert "alice · bob" in table.inner_text() and "custody" in table.inner_text()
        assert "75%" in table.inner_text()  # 3 of 4 decisions agree
        shoot(page, "agreement")
        page.goto(server.url + "/adjudicate")
        disputes = page.locator("tr.dispute")
        assert disputes.count() == 1
        disputes.first.locator("button.adjudicate", has_text="alice").click()
        page.wait_for_selector("tr.dispute.decided")
        last = latest(db)
        assert (last["author"], last["action"], last["note"]) == ("bob", "accept", "adjudicated")
        assert page.problems == []
        context.close()
    finally:
        server.stop()

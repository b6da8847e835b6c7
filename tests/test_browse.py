"""`expediente browse`: Datasette on a real dataset, tested as a running server over HTTP on loopback."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest

from expediente.casedata import catalog, store
from expediente.casedata.db import connect
from expediente.casedata.stats import summary
from expediente.corpus.errors import ExitCode
from expediente.extractors.fields import registry
from tests.test_people import INDICTMENT, JUDGMENT, PLEA, PRESS

PAGE_TEXTS = {  # by document sha256
    INDICTMENT.sha256: "JUAN PÉREZ GARCÍA, a leader of the Cártel de Sinaloa, conspired to import cocaine.",
    JUDGMENT.sha256: "Juan Perez was extradited from Mexico and is committed to the Bureau of Prisons.",
}


@pytest.fixture(scope="module")
def dataset(tmp_path_factory):
    path = tmp_path_factory.mktemp("browse") / "case.sqlite"
    conn = connect(path)
    for rec in (INDICTMENT, PLEA, JUDGMENT, PRESS):
        text = PAGE_TEXTS.get(rec.sha256, "")
        pages = [dataclasses.replace(p, text=text, char_count=len(text)) for p in rec.pages]
        store.write_document(conn, dataclasses.replace(rec, pages=pages), None)
    stats = {t.title: t for t in summary(conn, "defendant")}
    conn.close()
    return path, stats


def _start(path, port=0, stderr=subprocess.PIPE):
    return subprocess.Popen(
        [sys.executable, "-m", "expediente.flows.cli", "browse", "--db", str(path), "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=stderr,
        text=True,
    )


@pytest.fixture(scope="module")
def server(dataset):
    path, _ = dataset
    log = path.with_suffix(".log")
    with log.open("w") as err:  # a file, not a pipe nobody reads: the server must never block on its log
        proc = _start(path, stderr=err)
        line = proc.stdout.readline()
        assert "read-only at http://127.0.0.1:" in line, (line, log.read_text())
        yield line.split(" at ")[1].split()[0]  # http://127.0.0.1:PORT/expediente
        proc.terminate()
        proc.wait(timeout=20)
    assert "Traceback" not in log.read_text()


def get(url: str, data: bytes | None = None) -> tuple[int, dict | str]:
    for _ in range(50):  # the first request may arrive while the server starts
        try:
            with urllib.request.urlopen(urllib.request.Request(url, data=data), timeout=20) as resp:
                body = resp.read().decode()
                return resp.status, json.loads(body) if ".json" in url else body
        except urllib.error.HTTPError as exc:
            body = exc.read().decode()
            try:
                return exc.code, json.loads(body)
            except json.JSONDecodeError:
                return exc.code, body
        except (ConnectionError, urllib.error.URLError):
            time.sleep(0.2)
    raise AssertionError(f"no answer from {url}")


def sha256(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_facets_of_the_defendant_table_are_set_up(server):
    status, page = get(f"{server}/case_defendants.json?_shape=objects")
    assert status == 200
    facets = page["facet_results"]
    facets = facets.get("results", facets)  # Datasette nests them under "results" in newer releases
    plea = {f["value"]: f["count"] for f in facets["plea"]["results"]}
    assert plea == {"plea": 1, "pretrial": 2}  # Pérez pleaded; his co-defendants are pending
    assert {"custody", "court_id", "benefits", "charge_categories"} <= set(facets)
    benefits = {f["value"]: f["count"] for f in facets["benefits"]["results"]}
    assert benefits == {"dismiss_counts": 1, "safety_valve": 1}


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/pages.json?_search=cartel de sinaloa&_shape=array", 1),  # table search, accents folded (Cártel)
        ("/pages.json?_search=carteles&_shape=array", 0),
        ("/search_pages.json?q=extradited&_shape=array", 1),  # the canned search
        ("/search_pages.json?q=%22cocaine%22 AND (&_shape=array", 0),  # FTS syntax in a query is only text
        ("/search_mentions.json?q=safety_valve&_shape=array", 1),
    ],
)
def test_full_text_search(server, url, expected):
    status, rows = get(server + urllib.parse.quote(url, safe="/?=&_%."))
    assert status == 200, rows
    assert len(rows) == expected


def test_canned_queries_give_the_stats_tables(server, dataset):
    _, stats = dataset
    for f in (f for f in registry() if f.stats):
        _, rows = get(f"{server}/defendants_by_{f.name}.json?_shape=array")
        table = stats[f"Defendants by {f.title}"]
        assert {r[f.name]: r["defendants"] for r in rows} == dict(table.rows)
        assert sum(r["percent"] for r in rows) == pytest.approx(100, abs=0.5)


def test_the_violence_query_gives_the_stats_table(server, dataset):
    _, stats = dataset
    _, rows = get(f"{server}/violence_and_victims.json?_shape=array")
    charged, described, victims = (n for _, n in stats["Victims and violence"].rows)
    assert (rows[0]["violent_or_victim_crimes_charged"], rows[0]["violent_crimes_only_described"]) == (
        charged,
        described,
    )
    assert rows[0]["victims_mentioned"] == victims and rows[0]["defendants"] == stats["Victims and violence"].total


def test_every_canned_query_runs(server):
    for name in catalog.metadata()["databases"][catalog.DATABASE]["queries"]:
        status, page = get(f"{server}/{name}.json?q=perez")
        assert status == 200 and page.get("ok", True), (name, page)


def test_columns_are_described(server):
    _, html = get(f"{server}/case_defendants")
    plea = registry()["plea"]
    assert plea.title in html and "sealed" in html  # the column's meaning and vocabulary


@pytest.mark.parametrize(
    ("url", "data"),
    [
        ("?sql=DELETE FROM documents", None),
        ("?sql=SELECT 1; DROP TABLE documents", None),
        ("?sql=UPDATE case_defendants SET plea = 'trial'", None),
        ("/defendants_by_plea", b"sql=DELETE+FROM+documents"),
        ("/case_defendants/-/insert", b'{"row": {"defendant": "X"}}'),
    ],
)
def test_writes_are_refused(server, dataset, url, data):
    path, _ = dataset
    before = sha256(path)
    status, _ = get(server + urllib.parse.quote(url, safe="/?=&-"), data)
    assert status == (405 if data else 400)
    assert sha256(path) == before
    conn = connect(path, readonly=True)
    assert conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0] == 4
    assert conn.execute("SELECT COUNT(*) FROM case_defendants WHERE plea = 'trial'").fetchone()[0] == 0


def test_a_taken_port_is_named(dataset):
    path, _ = dataset
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        proc = _start(path, taken.getsockname()[1])
        _, err = proc.communicate(timeout=60)
    assert proc.returncode == ExitCode.SERVER
    assert "cannot listen on 127.0.0.1" in err and "--port" in err and "Traceback" not in err


def test_a_missing_dataset_is_refused(tmp_path):
    proc = _start(tmp_path / "none.sqlite")
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == ExitCode.DATASET and "no case dataset" in err

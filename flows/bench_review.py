"""Benchmark of the review workbench on a large generated dataset.

    python -m expediente.flows.bench_review [--documents 10000] [--requests 200] [--db out/bench_review.sqlite]

Builds the dataset once (reused when it exists): the sample corpus is read and extracted, and its stored rows
are copied, each copy a new document with its own SHA-256, case number and defendant names, until there are
``--documents`` documents; then the cases, defendants and review queue are derived once, and 40 more documents
(the sample's records with their own SHA-256, case numbers and names) are written one by one, each write timed
(a write reads only the cases it touches, so its time should not grow with the dataset). Then a real server
on loopback is timed from a client: queue pages (with and without filters, at several depths), document views
and decisions (each a correction written and its case rebuilt). Prints the 50th and 95th percentiles and the
maximum. Numbers go into issue notes, never into timed tests.
"""

from __future__ import annotations

import argparse
import copy
import dataclasses
import hashlib
import random
import re
import statistics
import threading
import time
from pathlib import Path

from expediente.casedata.cases import rebuild_cases, update_case_keys
from expediente.casedata.db import connect
from expediente.corpus.locations import checkout
from expediente.extractors.records import Defendant, DocumentRecord
from expediente.flows.browse import listen

TABLES = ("pages", "mentions", "defendants", "counts", "charges")


def build(db: Path, documents: int) -> None:
    """The sample corpus processed once, then copied until ``documents`` documents are stored."""
    from expediente.casedata.store import write_document
    from expediente.corpus.discover import discover
    from expediente.flows.tasks import read_and_extract

    db.parent.mkdir(parents=True, exist_ok=True)
    conn = connect(db)
    found, _ = discover([str(checkout("corpus", "sample", "docs"))])
    t0 = time.perf_counter()
    records = [read_and_extract(item) for item in found]
    for record in records:
        write_document(conn, record, None)
    originals = [r[0] for r in conn.execute("SELECT sha256 FROM documents WHERE status = 'done'")]
    print(f"sample corpus: {len(originals)} documents processed in {time.perf_counter() - t0:.0f} s")
    copies = max(0, -(-documents // len(originals)) - 1)
    conn.create_function("copy_sha", 2, lambda sha, i: hashlib.sha256(f"{sha}|{i}".encode()).hexdigest())
    conn.create_function("copy_number", 2, _copy_number)
    t0 = time.perf_counter()
    columns = {
        t: [r[1] for r in conn.execute(f"PRAGMA table_info({t})") if r[1] not in ("id", "sha256")] for t in TABLES
    }
    doc_columns = [r[1] for r in conn.execute("PRAGMA table_info(documents)") if r[1] not in ("sha256", "file")]
    with conn:
        for i in range(1, copies + 1):
            conn.execute(
                f"""INSERT INTO documents (sha256, file, {", ".join(doc_columns)})
                    SELECT copy_sha(sha256, ?), ? || '_' || file, {", ".join(doc_columns)} FROM documents
                    WHERE sha256 IN ({",".join("?" * len(originals))})""",
                [i, f"copy{i:05d}", *originals],
            )
            for table, cols in columns.items():
                names = ", ".join(f'"{c}"' for c in cols)
                values = names
                if table == "mentions":  # each copy's documents make their own cases
                    values = names.replace(
                        '"value"', "CASE field WHEN 'case_number' THEN copy_number(value, ?) ELSE value END"
                    )
                elif table == "defendants":
                    values = names.replace('"name"', "name || ' ' || ?")
                params = [i] if table in ("mentions", "defendants") else []
                conn.execute(
                    f"""INSERT INTO {table} (sha256, {names}) SELECT copy_sha(sha256, {i}), {values} FROM {table}
                        WHERE sha256 IN ({",".join("?" * len(originals))})""",
                    [*params, *originals],
                )
    print(f"copied to {len(originals) * (copies + 1)} documents in {time.perf_counter() - t0:.0f} s")
    t0 = time.perf_counter()
    with conn:
        update_case_keys(conn)
        rebuild_cases(conn)
    items = conn.execute("SELECT COUNT(*) FROM review_items").fetchone()[0]
    print(f"cases, defendants and {items:,} review items derived in {time.perf_counter() - t0:.0f} s")
    done = [r for r in records if r.status == "done"]
    writes = []
    for k in range(WRITES):
        record = _variant(done[k % len(done)], k)
        t0 = time.perf_counter()
        write_document(conn, record, None)
        writes.append(time.perf_counter() - t0)
    _percentiles(f"write a document (of {len(originals) * (copies + 1):,})", writes)
    conn.close()


WRITES = 40  # documents written one by one into the built dataset, each timed


def _variant(record: DocumentRecord, k: int) -> DocumentRecord:
    """A processed record as a new document: its own SHA-256, case number and defendants' names."""
    out = copy.deepcopy(record)
    out.sha256 = hashlib.sha256(f"{record.sha256}|write{k}".encode()).hexdigest()
    number = out.values.get("case_number")
    if number is not None and number.value:
        out.values["case_number"] = dataclasses.replace(number, value=_copy_number(number.value, 90000 + k))
    out.defendants = [Defendant(f"{d.name} W{k}", d.aliases, d.evidence) for d in out.defendants]
    return out


def _copy_number(value: str | None, i: int) -> str | None:
    """The same case number with a copy's own sequence: 3:19-cr-02871 -> 3:19-cr-2871<i>."""
    if value is None:
        return None
    found = re.match(r"^(.*-)(\d+)$", value)
    return f"{found[1]}{int(found[2]):05d}{i:05d}" if found else value


def _percentiles(name: str, seconds: list[float]) -> None:
    ms = sorted(s * 1000 for s in seconds)
    p95 = ms[min(len(ms) - 1, round(0.95 * (len(ms) - 1)))]
    print(f"{name:<28} n={len(ms):4d}  p50 {statistics.median(ms):7.1f} ms  p95 {p95:7.1f} ms  max {ms[-1]:7.1f} ms")


def serve_in_thread(db: Path) -> tuple[str, object]:
    import uvicorn

    from expediente.annotations.workbench.app import Settings, create_app

    sock = listen(0)
    server = uvicorn.Server(uvicorn.Config(create_app(Settings(db, local_user="bench")), log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    return f"http://127.0.0.1:{sock.getsockname()[1]}", server


def measure(db: Path, requests: int, seed: int = 7) -> None:
    import httpx

    rng = random.Random(seed)
    t0 = time.perf_counter()
    connect(db).close()  # brought to this code's schema first (views, cases and queue rebuilt when it changed)
    print(f"dataset opened (and brought up to date) in {time.perf_counter() - t0:.0f} s")
    conn = connect(db, readonly=True)
    docs = [r[0] for r in conn.execute("SELECT sha256 FROM documents WHERE status = 'done'")]
    fields = [r[0] for r in conn.execute("SELECT DISTINCT field FROM review_items")]
    items = conn.execute("SELECT sha256, field, item_key FROM review_items").fetchall()
    courts = [r[0] for r in conn.execute("SELECT DISTINCT court_id FROM review_items WHERE court_id IS NOT NULL")]
    conn.close()
    print(f"{len(docs):,} documents, {len(items):,} review items")
    url, server = serve_in_thread(db)
    client = httpx.Client(base_url=url, timeout=60)
    page = client.get("/")
    csrf = re.search(r'name="csrf-token" content="([^"]+)"', page.text)[1]

    def timed(call) -> float:
        t0 = time.perf_counter()
        response = call()
        elapsed = time.perf_counter() - t0
        if response.status_code >= 400:
            raise RuntimeError(f"{response.request.url}: {response.status_code} {response.text[:200]}")
        return elapsed

    queue_urls = ["/", "/?state=all", "/?offset=500", "/?offset=2000"]
    queue_urls += [f"/?field={f}" for f in fields] + [f"/?court={c}" for c in courts] + ["/?defendant=Lopez"]
    _percentiles("queue page", [timed(lambda: client.get(rng.choice(queue_urls))) for _ in range(requests)])
    _percentiles("document view", [timed(lambda: client.get(f"/doc/{rng.choice(docs)}")) for _ in range(requests)])
    decided = []
    for item in rng.sample(items, requests):
        body = {"sha256": item[0], "field": item[1], "item_key": item[2], "action": "accept"}
        decided.append(timed(lambda body=body: client.post("/api/decide", json=body, headers={"x-csrf-token": csrf})))
    _percentiles("decision (accept)", decided)
    numbered = [i for i in items if i[1] == "case_number"]
    moved = []
    for n, item in enumerate(rng.sample(numbered, min(len(numbered), requests // 10))):
        # a case number corrected: the document moves to another case, looked up again over the whole dataset
        body = {
            "sha256": item[0],
            "field": "case_number",
            "item_key": "",
            "action": "set",
            "value": f"3:21-cr-{90000 + n:05d}",
        }
        moved.append(timed(lambda body=body: client.post("/api/decide", json=body, headers={"x-csrf-token": csrf})))
    _percentiles("decision (set a case number)", moved)
    _percentiles(
        "queue page after decisions", [timed(lambda: client.get(rng.choice(queue_urls))) for _ in range(requests)]
    )
    server.should_exit = True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--db", default="out/bench_review.sqlite")
    args = parser.parse_args(argv)
    db = Path(args.db)
    if not db.exists():
        build(db, args.documents)
    measure(db, args.requests)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

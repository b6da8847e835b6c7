"""Which documents of a court may name a person: an index of defendants' names, so that finding the case of a
document that prints no case number reads a few index entries, never the documents of its court.

``case_names`` (schema.py, derived like ``cases``) holds every effective defendant's name of every extracted
document with a court, under keys that two names :func:`extractors.names.same_person` takes for one person
always share (aliases aside: case keys compare names only). ``same_person(a, b)`` holds only when every word
of the shorter name (``a`` when both have as many) agrees with a word of the other, and two words agree when
equal or, both at least ``MIN_FUZZY_WORD`` long, nearly equal (``SequenceMatcher`` ratio >= ``FUZZY_RATIO``).

- A word shorter than ``MIN_FUZZY_WORD`` is its own key (``=perez``): it agrees only with itself.
- A longer word has a key per pair of adjacent letters (``~ca``, ``~as``, ...): two long words that agree
  share one. (Their matching blocks hold M letters in k blocks, with k - 1 <= S - 2M for S the two lengths
  summed, so M - k >= 3M - S - 1 adjacent pairs are matched; a ratio of 0.8 means M >= 0.4 S, which leaves
  at least 0.2 S - 1 > 0 pairs for S >= 12.)

A name is stored under the keys of all its words, and under its anchor word's keys (the last short word,
else the longest) marked ``@``. The names that may be the same person as a name A are then

- those with at least as many words that have a key of A's anchor (every word of A agrees with one of theirs),
- those with at most as many words whose anchor has a key of one of A's words (their anchor agrees with one);

only these candidates are compared with same_person itself.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

from expediente.extractors.names import MIN_FUZZY_WORD, name_tokens

ANCHOR = "@"


def word_keys(word: str) -> set[str]:
    """The keys a word of a name is found under (its own, or its letter pairs when it may differ a little)."""
    if len(word) < MIN_FUZZY_WORD:
        return {"=" + word}
    return {"~" + word[i : i + 2] for i in range(len(word) - 1)}


def anchor(tokens: list[str]) -> str:
    """The word a name is looked up by: its last short word (exact, so few share it), else its longest."""
    short = [t for t in tokens if len(t) < MIN_FUZZY_WORD]
    return short[-1] if short else max(tokens, key=len)


def name_keys(name: str) -> tuple[int, set[str]]:
    """(number of words, keys) of a name as stored: every word's keys, and its anchor's marked."""
    tokens = name_tokens(name)
    if not tokens:
        return 0, set()
    keys = {k for t in tokens for k in word_keys(t)}
    return len(tokens), keys | {ANCHOR + k for k in word_keys(anchor(tokens))}


def indexed(conn: sqlite3.Connection, shas: list[str]) -> list[tuple[str, str]]:
    """(court, name) of the documents ``shas`` as the index holds them (before they are re-indexed)."""
    if not shas:
        return []
    marks = ",".join("?" * len(shas))
    return [
        (r["court_id"], r["name"])
        for r in conn.execute(f"SELECT DISTINCT court_id, name FROM case_names WHERE sha256 IN ({marks})", shas)
    ]


def index(conn: sqlite3.Connection, docs: Iterable[sqlite3.Row], everything: bool = False) -> list[tuple[str, str]]:
    """Replace the entries of ``docs`` (rows of documents_effective) with their effective defendants' names;
    ``everything``: the docs are all the documents (the index is rebuilt whole). Returns their (court, name)."""
    docs = list(docs)
    shas = [d["sha256"] for d in docs]
    if everything:
        conn.execute("DELETE FROM case_names")
        names = conn.execute("SELECT sha256, name FROM defendants_effective").fetchall()
    else:
        for start in range(0, len(shas), 500):
            chunk = shas[start : start + 500]
            conn.execute(f"DELETE FROM case_names WHERE sha256 IN ({','.join('?' * len(chunk))})", chunk)
        names = []
        for start in range(0, len(shas), 500):
            chunk = shas[start : start + 500]
            names += conn.execute(
                f"SELECT sha256, name FROM defendants_effective WHERE sha256 IN ({','.join('?' * len(chunk))})",
                chunk,
            ).fetchall()
    found = {d["sha256"]: d for d in docs if d["status"] == "done" and d["court_id"]}
    rows, out = [], []
    for r in names:
        doc = found.get(r["sha256"])
        if doc is None or r["name"] is None:
            continue
        out.append((doc["court_id"], r["name"]))
        n, keys = name_keys(r["name"])
        rows += [(r["sha256"], doc["court_id"], doc["case_number"], r["name"], n, k) for k in keys]
    conn.executemany(
        "INSERT INTO case_names (sha256, court_id, case_number, name, n_tokens, key) VALUES (?, ?, ?, ?, ?, ?)", rows
    )
    return out


def candidates(conn: sqlite3.Connection, court_id: str, name: str) -> list[sqlite3.Row]:
    """(sha256, case_number, name) of the indexed names of ``court_id`` that may be the same person as ``name``
    (either way round); a superset, to be checked with same_person."""
    tokens = name_tokens(name)
    if not tokens:
        return []
    mine = sorted(word_keys(anchor(tokens)))
    all_keys = sorted({ANCHOR + k for t in tokens for k in word_keys(t)})
    sql = "SELECT sha256, case_number, name FROM case_names WHERE court_id = ? AND key IN ({}) AND n_tokens {} ?"
    return conn.execute(
        f"{sql.format(','.join('?' * len(mine)), '>=')} UNION {sql.format(','.join('?' * len(all_keys)), '<=')}",
        [court_id, *mine, len(tokens), court_id, *all_keys, len(tokens)],
    ).fetchall()

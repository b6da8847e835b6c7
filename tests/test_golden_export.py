"""The export, field for field, on the sample corpus and on the real documents, against golden files.

A change meant to keep behaviour (a refactoring) must leave both unchanged; a change meant to improve
extraction updates them on purpose, and the diff of the golden files is part of its review:

    EXPEDIENTE_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_golden_export.py

The sample corpus is fictional, so its export is kept whole. The real documents' export is kept as one
short hash per document and field (their text stays out of the repository): a failure names the
document and the fields that changed.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest

from expediente.casedata.db import connect
from expediente.casedata.export import iter_documents

GOLDEN = Path(__file__).with_name("golden")
SAMPLE_GOLDEN = GOLDEN / "sample_export.jsonl"
REAL_GOLDEN = GOLDEN / "realdocs_export.json"
UPDATE = os.environ.get("EXPEDIENTE_UPDATE_GOLDEN") == "1"

pytestmark = [pytest.mark.xdist_group("datasets")]


def exported(db: Path) -> list[dict]:
    conn = connect(db, readonly=True)
    try:
        return list(iter_documents(conn))
    finally:
        conn.close()


def digest(value) -> str:
    return hashlib.sha256(json.dumps(value, sort_keys=True, ensure_ascii=False).encode()).hexdigest()[:16]


def hashed(objects: list[dict]) -> dict[str, dict]:
    return {
        obj["sha256"]: {"file": obj["file"], "fields": {k: digest(v) for k, v in obj.items() if k != "sha256"}}
        for obj in objects
    }


def test_sample_corpus_export_is_unchanged(sample_dataset):
    objects = exported(sample_dataset)
    if UPDATE:
        SAMPLE_GOLDEN.write_text("".join(json.dumps(o, ensure_ascii=False) + "\n" for o in objects), encoding="utf-8")
    golden = [json.loads(line) for line in SAMPLE_GOLDEN.read_text(encoding="utf-8").splitlines() if line]
    assert [o["file"] for o in objects] == [g["file"] for g in golden]
    for obj, gold in zip(objects, golden, strict=True):
        changed = {
            k: {"golden": gold.get(k), "now": obj.get(k)} for k in gold.keys() | obj.keys() if gold.get(k) != obj.get(k)
        }
        assert not changed, f"{obj['file']}: {json.dumps(changed, ensure_ascii=False)[:2000]}"


@pytest.mark.realdocs
def test_real_documents_export_is_unchanged(realdocs_dataset):
    now = hashed(exported(realdocs_dataset))
    if UPDATE:
        REAL_GOLDEN.write_text(json.dumps(now, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    golden = json.loads(REAL_GOLDEN.read_text(encoding="utf-8"))
    assert sorted(now) == sorted(golden), "the documents exported differ from the golden file"
    changed = {
        golden[sha]["file"]: sorted(
            k
            for k in golden[sha]["fields"].keys() | now[sha]["fields"].keys()
            if golden[sha]["fields"].get(k) != now[sha]["fields"].get(k)
        )
        for sha in golden
    }
    assert {f: keys for f, keys in changed.items() if keys} == {}

"""Reviewed documents exported as gold: readable by the gold loader, `evaluate` and training, scored perfect
against the dataset they came from."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from expediente.annotations.gold import load_gold
from expediente.annotations.gold_export import GoldExportError, GoldFolderError, export_gold
from expediente.annotations.scoring import Board, score_document
from expediente.casedata.corrections import Correction, add_correction
from expediente.casedata.db import connect
from expediente.casedata.export import document_object
from expediente.casedata.review import reviewed_documents
from expediente.corpus.errors import ExitCode
from expediente.flows.evaluate import evaluate
from expediente.models.datasets import gold_sources
from expediente.models.datasets import load_gold as training_gold

from .conftest import SAMPLE_DOCS, process_into

DOC = "txsd_19cr738_indictment_hostage_taking.txt"


@pytest.fixture(scope="session")
def template(tmp_path_factory) -> Path:
    """One sample document (copied outside the repository) processed once per worker."""
    folder = tmp_path_factory.mktemp("docs-elsewhere")
    shutil.copy(SAMPLE_DOCS / DOC, folder / DOC)
    return process_into(folder, tmp_path_factory.mktemp("template") / "one.sqlite")


@pytest.fixture
def db(template, tmp_path) -> Path:
    path = tmp_path / "review.sqlite"
    shutil.copy(template, path)
    return path


@pytest.fixture
def conn(db):
    c = connect(db)
    yield c
    c.close()


def sha_of(conn) -> str:
    return conn.execute("SELECT sha256 FROM documents").fetchone()[0]


def decide_everything(conn, author="ana", skip=()) -> str:
    """Every machine item decided: a victim rejected, custody set, a mention added with its selection,
    everything else accepted."""
    sha = sha_of(conn)
    items = conn.execute("SELECT * FROM review_items WHERE sha256 = ? ORDER BY id", (sha,)).fetchall()
    rejected = next(i for i in items if i["field"] == "victims")
    for i in items:
        if (i["field"], i["item_key"]) in skip:
            continue
        if i["item_key"] == rejected["item_key"] and i["field"] == "victims":
            action, value = "reject", None
        elif i["field"] == "custody":
            action, value = "set", "arrested_us"
        else:
            action, value = "accept", None
        add_correction(conn, Correction(sha, i["field"], action, value, i["item_key"], author))
    page = conn.execute("SELECT text FROM pages WHERE sha256 = ? AND number = 2", (sha,)).fetchone()["text"]
    start = page.index("marijuana")
    add_correction(conn, Correction(sha, "violent_crime_mentions", "add", "threats", "", "bo", "", 2, start, start + 9))
    return sha


def test_only_fully_reviewed_documents_are_exported(conn, tmp_path):
    first = conn.execute("SELECT field, item_key FROM review_items ORDER BY id").fetchone()
    decide_everything(conn, skip={(first["field"], first["item_key"])})
    assert reviewed_documents(conn) == []
    assert export_gold(conn, tmp_path / "gold") == []


def test_exported_gold_loads_and_scores_perfect_against_its_dataset(conn, db, tmp_path):
    sha = decide_everything(conn)
    assert reviewed_documents(conn) == [sha]
    (path,) = export_gold(conn, tmp_path / "gold")
    assert path.name == f"{DOC}.json"
    label = json.loads(path.read_text(encoding="utf-8"))
    assert label["in_scope"] is True and Path(label["source"]).is_absolute()
    assert "ana" in label["notes"] and "bo" in label["notes"]
    assert label["custody"] == "arrested_us"
    assert "people" not in label
    for name in ("violent_crime_mentions", "victims"):
        for m in label[name]:
            assert {"text", "label", "page"} <= set(m) and 0 < len(m["text"]) < 60
    assert {"text": "marijuana", "label": "threats", "page": 2} in [
        {k: m[k] for k in ("text", "label", "page")} for m in label["violent_crime_mentions"]
    ]

    # the gold loader finds the document by its absolute source, whatever --docs says
    (gold,) = load_gold([tmp_path / "gold"], docs=tmp_path / "nowhere")
    assert gold.sha256 == sha
    board = Board()
    doc = conn.execute("SELECT * FROM documents_effective WHERE sha256 = ?", (sha,)).fetchone()
    pages = {r["number"]: r["text"] for r in conn.execute("SELECT number, text FROM pages WHERE sha256 = ?", (sha,))}
    result = score_document(board, gold.label, document_object(conn, doc), pages)
    assert not result.misses and not result.false_hits and not result.wrong and not result.gold_problems
    conn.close()

    report = evaluate([str(tmp_path / "gold")], db=str(db), docs=str(tmp_path / "nowhere"))
    assert report["documents"] == 1
    for name, numbers in report["fields"].items():
        for metric in ("accuracy", "precision", "recall"):
            if numbers.get(metric) is not None:
                assert numbers[metric] == 1.0, (name, metric, numbers)

    # training reads it as an extra gold folder, its document at its source path
    (source,) = gold_sources([tmp_path / "gold"])
    assert source.docs is None and training_gold(source.gold)[DOC]["sha256"] == sha


def test_a_moved_document_is_found_in_the_docs_folder(conn, tmp_path):
    decide_everything(conn)
    (path,) = export_gold(conn, tmp_path / "gold")
    label = json.loads(path.read_text(encoding="utf-8"))
    moved = tmp_path / "moved"
    moved.mkdir()
    shutil.copy(label["source"], moved / DOC)
    label["source"] = str(tmp_path / "gone" / DOC)
    path.write_text(json.dumps(label), encoding="utf-8")
    (gold,) = load_gold([tmp_path / "gold"], docs=moved)
    assert gold.path == str(moved / DOC)


def test_an_added_mention_without_a_page_makes_its_field_partial(conn, tmp_path):
    sha = decide_everything(conn)
    add_correction(conn, Correction(sha, "victims", "add", "minor", "", "ana", "a child, no page"))
    (path,) = export_gold(conn, tmp_path / "gold")
    label = json.loads(path.read_text(encoding="utf-8"))
    assert label["partial"] == ["victims"]
    assert "victims: 1 added without a page selection left out" in label["notes"]
    load_gold([tmp_path / "gold"])


@pytest.mark.parametrize(
    ("out", "documents", "error", "code"),
    [
        ("file", None, GoldFolderError, ExitCode.GOLD),  # the folder is a file
        ("gold", ["f" * 64], GoldExportError, ExitCode.GOLD),  # not a document of the dataset
    ],
)
def test_export_errors_are_named(conn, tmp_path, out, documents, error, code):
    decide_everything(conn)
    (tmp_path / "file").write_text("not a folder")
    with pytest.raises(error) as exc:
        export_gold(conn, tmp_path / out, documents)
    assert exc.value.exit_code == code
    assert not (tmp_path / "gold").exists()


def test_export_overwrites_its_own_file(conn, tmp_path):
    decide_everything(conn)
    first = export_gold(conn, tmp_path / "gold")
    second = export_gold(conn, tmp_path / "gold")
    assert first == second and len(list((tmp_path / "gold").iterdir())) == 1


def test_training_reads_exported_gold_at_its_source(conn, tmp_path):
    from expediente.models.datasets import collect

    sha = decide_everything(conn)
    export_gold(conn, tmp_path / "gold")
    (doc,) = collect(gold_sources([tmp_path / "gold"]))
    assert doc.sha256 == sha and doc.gold["custody"] == "arrested_us"

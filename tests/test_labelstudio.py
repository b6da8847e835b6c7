"""Label Studio interop: the config from the registry, tasks with predictions, and the import of an
annotator's export as corrections (round trip, idempotence, bad input)."""

from __future__ import annotations

import copy
import shutil
import xml.etree.ElementTree as ET

import pytest

from expediente.annotations.labelstudio import (
    LabelStudioError,
    author_of,
    choice_fields,
    export_tasks,
    from_js,
    import_export,
    labelling_config,
    span_label,
    to_js,
)
from expediente.casedata.db import connect
from expediente.extractors.fields import COUNTS, DEFENDANTS, MENTIONS, SINGLE, STATUTES, registry

from .test_gold_export import template  # noqa: F401  (the session's processed sample document)


@pytest.fixture
def conn(template, tmp_path):  # noqa: F811
    path = tmp_path / "ls.sqlite"
    shutil.copy(template, path)
    c = connect(path)
    yield c
    c.close()


def test_config_is_derived_from_the_registry():
    root = ET.fromstring(labelling_config())
    labels = {label.get("value") for label in root.iter("Label")}
    for f in registry().of_kind(MENTIONS, DEFENDANTS, COUNTS, STATUTES):
        expected = {f"{f.name}:{v}" for v in f.vocabulary} if f.kind == MENTIONS and f.vocabulary else {f.name}
        assert expected <= labels, f.name
    choices = {c.get("name"): [x.get("value") for x in c.iter("Choice")] for c in root.iter("Choices")}
    assert choices == {f.name: list(f.vocabulary) for f in registry().of_kind(SINGLE) if f.vocabulary}
    assert {c.get("toName") for c in root.iter("Choices")} == {root.find("Text").get("name")}


def test_tasks_hold_each_page_and_its_machine_items(conn):
    tasks = export_tasks(conn)
    pages = {r["number"]: r["text"] for r in conn.execute("SELECT number, text FROM pages")}
    assert [t["data"]["page"] for t in tasks] == sorted(pages)
    version = conn.execute("SELECT pipeline_version FROM documents").fetchone()[0]
    for task in tasks:
        (prediction,) = task["predictions"]
        assert prediction["model_version"] == version
        text = task["data"]["text"]
        assert text == pages[task["data"]["page"]]
        for r in prediction["result"]:
            assert r["id"] in task["data"]["items"]
            if r["type"] == "labels":
                assert r["value"]["text"] == text[r["value"]["start"] : r["value"]["end"]]
            else:
                assert task["data"]["page"] == 1 and r["from_name"] in {f.name for f in choice_fields()}
    spans = sum(r["type"] == "labels" for t in tasks for r in t["predictions"][0]["result"])
    machine = conn.execute(
        "SELECT COUNT(*) FROM review_items WHERE page IS NOT NULL AND field IN (SELECT field FROM review_items "
        "WHERE item_key != '')"
    ).fetchone()[0]
    assert spans == machine


def _annotated(tasks: list[dict], edit) -> list[dict]:
    """Label Studio's export of ``tasks`` after an annotator started from the predictions and ran ``edit``."""
    out = []
    for n, task in enumerate(tasks, 1):
        result = copy.deepcopy(task["predictions"][0]["result"])
        edit(task["data"], result)
        annotation = {"id": 100 + n, "completed_by": 7, "created_username": " ana@example.org, 7", "result": result}
        out.append({"id": n, "data": task["data"], "predictions": task["predictions"], "annotations": [annotation]})
    return out


def _span(result, field_name, prefix=""):
    return next(r for r in result if r["type"] == "labels" and r["value"]["labels"][0].startswith(field_name + prefix))


def test_round_trip_records_each_decision_once(conn):
    tasks = export_tasks(conn)
    seen: dict = {}

    def edit(data, result):
        if data["page"] != 1:
            return
        text = data["text"]
        deleted = _span(result, "victims", ":pseudonymous")
        result.remove(deleted)
        relabelled = _span(result, "victims", ":us_citizen")
        relabelled["value"]["labels"] = ["victims:minor"]
        moved_field = _span(result, "violent_crime_mentions", ":threats")
        moved_field["value"]["labels"] = ["victims:other"]
        start = text.index("Southern District of Texas")
        new = {"start": start, "end": start + 26, "text": text[start : start + 26], "labels": ["drugs"]}
        result.append({"id": "new1", "from_name": "span", "to_name": "text", "type": "labels", "value": new})
        doc_type = next(r for r in result if r["from_name"] == "doc_type")
        doc_type["value"]["choices"] = ["superseding_indictment"]
        seen.update(deleted=deleted, relabelled=relabelled, moved=moved_field, new=new)

    export = _annotated(tasks, edit)
    items = {rid: meta for t in tasks for rid, meta in t["data"]["items"].items()}
    summary = import_export(conn, export, "fallback")
    assert summary.authors == ["ana@example.org"] and not summary.problems

    rows = conn.execute("SELECT * FROM corrections ORDER BY id").fetchall()
    by_key = {(r["field"], r["item_key"], r["action"]): r for r in rows}
    deleted, relabelled, moved = (items[seen[k]["id"]] for k in ("deleted", "relabelled", "moved"))
    assert ("victims", deleted["key"], "reject") in by_key
    assert by_key[("victims", relabelled["key"], "set")]["value"] == "minor"
    assert ("violent_crime_mentions", moved["key"], "reject") in by_key
    added = [r for r in rows if r["action"] == "add"]
    assert sorted((r["field"], r["value"]) for r in added) == [
        ("drugs", "Southern District of Texas"),
        ("victims", "other"),
    ]
    drug = next(r for r in added if r["field"] == "drugs")
    assert (drug["page"], drug["start"], drug["text"]) == (1, seen["new"]["start"], "Southern District of Texas")
    assert by_key[("doc_type", "", "set")]["value"] == "superseding_indictment"
    assert {r["author"] for r in rows} == {"ana@example.org"}
    spans = sum(r["type"] == "labels" for t in tasks for r in t["predictions"][0]["result"])
    decided = spans + len(choice_fields())
    assert summary.total == len(rows) == decided + len(added)
    assert summary.written["accept"] == decided - 4  # not: a deletion, two relabels, the changed choice

    # the effective views apply the decisions
    sha = rows[0]["sha256"]
    mentions = {
        (m["field"], m["value"], m["page"], m["start"])
        for m in conn.execute("SELECT * FROM mentions_effective WHERE sha256 = ?", (sha,))
    }
    field_of, key_of = deleted["field"], deleted["key"]
    assert (field_of, key_of.split("@")[0], 1, int(key_of.rsplit(":", 1)[1])) not in mentions
    assert ("victims", "minor", 1, seen["relabelled"]["value"]["start"]) in mentions
    assert ("victims", "other", 1, seen["moved"]["value"]["start"]) in mentions
    assert ("violent_crime_mentions", "threats", 1, seen["moved"]["value"]["start"]) not in mentions
    doc = conn.execute("SELECT doc_type FROM documents_effective WHERE sha256 = ?", (sha,)).fetchone()
    assert doc["doc_type"] == "superseding_indictment"

    again = import_export(conn, export, "fallback")
    assert again.total == 0 and again.unchanged == summary.total
    assert conn.execute("SELECT COUNT(*) FROM corrections").fetchone()[0] == len(rows)


def test_a_second_annotator_and_a_cancelled_annotation(conn):
    export = _annotated(export_tasks(conn), lambda data, result: None)
    for task in export:
        task["annotations"][0].pop("created_username")
        task["annotations"][0]["completed_by"] = {"id": 9, "email": "bo@example.org"}
        task["annotations"].append({"id": 1, "result": [], "was_cancelled": True})
    summary = import_export(conn, export, "fallback")
    assert summary.annotations == len(export) and summary.written.keys() == {"accept"}
    assert {r[0] for r in conn.execute("SELECT DISTINCT author FROM corrections")} == {"bo@example.org"}


def _sha(conn) -> str:
    return conn.execute("SELECT sha256 FROM documents").fetchone()[0]


def _bad(change):
    def make(conn):
        export = _annotated(export_tasks(conn), lambda data, result: None)
        return change(export)

    return make


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda conn: {"tasks": []}, "a list of tasks"),
        (_bad(lambda e: [*e, "task"]), "a task is an object"),
        (_bad(lambda e: [{"data": {"text": "x"}, "annotations": []}]), "lacks 'sha256' and 'page'"),
        (_bad(lambda e: [{**e[0], "annotations": None}]), "no 'annotations' list"),
        (_bad(lambda e: [{**e[0], "data": {**e[0]["data"], "sha256": "f" * 64}}]), "no extracted document"),
        (_bad(lambda e: [{**e[0], "data": {**e[0]["data"], "page": 9}}]), "has no page 9"),
        (_bad(lambda e: [*e[:1], {**e[1], "annotations": [{"result": [{"id": "x"}]}]}]), "a result has"),
        (_bad(lambda e: [{**e[0], "data": {**e[0]["data"], "text": "other"}}]), "export the tasks again"),
    ],
)
def test_bad_exports_are_refused_whole(conn, make, message):
    with pytest.raises(LabelStudioError, match=message) as exc:
        import_export(conn, make(conn), "fallback")
    assert exc.value.exit_code.name == "CORRECTION"
    assert conn.execute("SELECT COUNT(*) FROM corrections").fetchone()[0] == 0


def test_a_span_that_cannot_be_a_value_is_named_not_written(conn):
    def edit(data, result):
        if data["page"] == 1:
            start = data["text"].index("Southern District")
            value = {"start": start, "end": start + 8, "labels": ["counts"]}
            result.append({"id": "c1", "from_name": "span", "to_name": "text", "type": "labels", "value": value})

    summary = import_export(conn, _annotated(export_tasks(conn), edit), "fallback")
    assert len(summary.problems) == 1 and "counts" in summary.problems[0]
    assert conn.execute("SELECT COUNT(*) FROM corrections WHERE action = 'add'").fetchone()[0] == 0


@pytest.mark.parametrize(
    ("annotation", "author"),
    [
        ({"completed_by": {"id": 3, "email": "ana@example.org"}}, "ana@example.org"),
        ({"completed_by": 3, "created_username": " bo@example.org, 3"}, "bo@example.org"),
        ({"completed_by": 3}, "label-studio:3"),
        ({}, "fallback"),
    ],
)
def test_author_of(annotation, author):
    assert author_of(annotation, "fallback") == author


@pytest.mark.parametrize("text", ["plain text", "a \U0001f600 face then text", "\U0001f600\U0001f600x"])
def test_offsets_round_trip_through_utf16(text):
    for i in range(len(text) + 1):
        assert from_js(text, to_js(text, i)) == i
    assert to_js(text, len(text)) == len(text.encode("utf-16-le")) // 2


def test_span_labels_name_field_and_value():
    victims = registry()["victims"]
    assert span_label(victims, "minor") == "victims:minor"
    assert span_label(registry()["drugs"], "cocaine") == "drugs"

"""Defendant-level gold: loading (the keys a person has) and scoring persons and their values."""

from __future__ import annotations

import json

import pytest

from expediente.annotations import defendants
from expediente.annotations.gold import GoldError, iter_label_files
from expediente.annotations.scoring import Board

SHAPE = {"benefits": [], "plea": None, "sentence_months": None, "dates": {"plea": None, "sentenced": None}}
CASE = {"court_id": "casd", "case_number": "3:19-cr-02871"}


def gold(name, docs=("a.pdf",), **values):
    return {**CASE, "defendant": name, "documents": list(docs), **values}


def pred(name, **values):
    return {**CASE, "defendant": name, "aliases": [], **SHAPE, **values}


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ({"defendant": "X", "documents": ["a"]}, "missing court_id, case_number"),
        ({**CASE, "defendant": "X", "documents": []}, "documents lists"),
        (gold("X", custody_route="extradited"), "unknown key(s) custody_route"),
        (gold("X", dates={"charged": "2020-01-01"}), "dates is an object with keys among plea, sentenced"),
        (gold("X", benefits="safety_valve"), "benefits is a list"),
    ],
)
def test_a_label_a_person_cannot_have_is_named(tmp_path, row, message):
    path = tmp_path / "defendants.jsonl"
    path.write_text(json.dumps(row) + "\n")
    with pytest.raises(GoldError, match=message.replace("(", r"\(").replace(")", r"\)")):
        defendants.load([tmp_path], SHAPE)


def test_the_defendant_file_is_not_read_as_document_labels(tmp_path):
    (tmp_path / "defendants.jsonl").write_text(json.dumps(gold("X")) + "\n")
    (tmp_path / "doc.json").write_text("{}")
    assert [p.name for p in iter_label_files([tmp_path])] == ["doc.json"]
    assert len(defendants.load([tmp_path], SHAPE)) == 1


def score(gold_rows, predicted, evaluated=("a.pdf", "b.pdf")):
    board = Board()
    problems = defendants.score(board, gold_rows, predicted, set(evaluated))
    return board.as_dict(defendants.row_names(SHAPE)), problems


def test_persons_match_by_name_variants_and_values_score_per_person():
    rows = [
        gold(
            "Juan Pérez García",
            plea="plea",
            sentence_months=120,
            benefits=["safety_valve"],
            dates={"sentenced": "2021-06-12"},
        ),
        gold("Rosa Díaz", plea="pretrial", sentence_months=None),
    ]
    found = [
        pred(
            "JUAN PEREZ-GARCIA",
            plea="plea",
            sentence_months=120,
            benefits=["safety_valve", "dismiss_counts"],
            dates={"plea": None, "sentenced": "2021-06-12"},
        ),
        pred("Rosa Diaz", plea="plea"),  # a co-defendant given another's outcome
        pred("Mario López"),  # nobody the gold names
    ]
    out, problems = score(rows, found)
    assert out["defendants"]["recall"] == 1.0 and out["defendants"]["precision"] == pytest.approx(2 / 3)
    assert out["plea"]["accuracy"] == 0.5 and out["sentence_months"]["accuracy"] == 1.0
    assert out["benefits"]["precision"] == 0.5 and out["benefits"]["recall"] == 1.0
    assert out["dates.sentenced"] == {"accuracy": 1.0, "n": 1}
    assert {"defendant": "Rosa Díaz", "plea": ["pretrial", "plea"]} in problems


def test_a_missed_person_counts_against_every_labelled_value():
    out, problems = score([gold("Juan Pérez", plea="plea")], [])
    assert out["defendants"]["recall"] == 0.0 and out["plea"]["accuracy"] == 0.0
    assert problems[0]["missed_defendant"] == "Juan Pérez"


def test_only_rows_whose_documents_were_evaluated_are_scored():
    out, _ = score([gold("Juan Pérez", docs=("a.pdf", "c.pdf"), plea="plea")], [pred("Juan Pérez")])
    assert out == {}


def test_other_cases_do_not_count_as_extra_persons():
    other = {**pred("Ana Ruiz"), "case_number": "3:20-cr-00001"}
    out, _ = score([gold("Juan Pérez", plea="plea")], [pred("Juan Perez", plea="plea"), other])
    assert out["defendants"]["precision"] == 1.0

"""`expediente evaluate` end to end: gold loading errors, the report, and accuracy floors.

The floors (annotations/floors.json) sit just under the scores measured when they were set, on the
real documents' gold and on the sample corpus's truth: a change that lowers a field's score fails here.
Raise a floor when a score goes up; never lower one to make a test pass.
"""

from __future__ import annotations

import json
from pathlib import Path
from unittest.mock import ANY

import pytest

from expediente.annotations.gold import GoldError, load_gold
from expediente.casedata.db import connect
from expediente.casedata.store import write_document
from expediente.corpus.discover import inspect
from expediente.flows.cli import main
from expediente.flows.evaluate import evaluate, scanned_twins, table_rows
from expediente.flows.tasks import read_and_extract

ROOT = Path(__file__).resolve().parents[1]
SAMPLE_TRUTH = ROOT / "corpus" / "sample" / "truth.jsonl"
SAMPLE_DEFENDANTS = ROOT / "corpus" / "sample" / "defendants.jsonl"
SAMPLE_DOCS = ROOT / "corpus" / "sample" / "docs"
REAL_GOLD = ROOT / "annotations" / "gold" / "realdocs"
FLOORS = json.loads((ROOT / "annotations" / "floors.json").read_text(encoding="utf-8"))
# two born-digital sample documents keep the command tests fast
SMALL = ("casd_19mj21544_complaint_quinones.pdf", "ilnd_21cr455_plea_agreement_ochoa.pdf")


def sample_labels() -> dict[str, dict]:
    lines = SAMPLE_TRUTH.read_text(encoding="utf-8").splitlines()
    return {obj["file"]: obj for obj in map(json.loads, filter(None, lines))}


def write_gold(folder: Path, labels: list[dict]) -> Path:
    path = folder / "gold.jsonl"
    path.write_text("".join(json.dumps(label, ensure_ascii=False) + "\n" for label in labels), encoding="utf-8")
    return path


pytestmark = pytest.mark.xdist_group("datasets")  # the processed datasets are shared within one worker


@pytest.fixture(scope="module")
def sample_report(sample_dataset) -> dict:
    return evaluate([str(SAMPLE_TRUTH), str(SAMPLE_DEFENDANTS)], db=str(sample_dataset))


@pytest.fixture(scope="module")
def real_report(realdocs, realdocs_dataset) -> dict:
    if not any(REAL_GOLD.glob("*.json")):
        pytest.skip(f"no gold labels in {REAL_GOLD}")
    return evaluate([str(REAL_GOLD)], docs=str(realdocs), db=str(realdocs_dataset))


def floor_rows(corpus: str, unit: str = "fields") -> list[tuple[str, str, float]]:
    """(row, metric, floor) of a corpus's document fields, or (``unit="people"``) of its defendants in cases."""
    return [
        (field, metric, floor)
        for field, metrics in FLOORS[corpus].get(unit, {}).items()
        for metric, floor in metrics.items()
    ]


@pytest.mark.parametrize(("field", "metric", "floor"), floor_rows("sample"))
def test_sample_corpus_floors(sample_report, field, metric, floor):
    value = sample_report["fields"][field][metric]
    assert value is not None and value >= floor, f"sample {field} {metric}: {value} < floor {floor}"


@pytest.mark.realdocs
@pytest.mark.parametrize(("field", "metric", "floor"), floor_rows("realdocs"))
def test_real_documents_floors(real_report, field, metric, floor):
    value = real_report["fields"][field][metric]
    assert value is not None and value >= floor, f"real documents {field} {metric}: {value} < floor {floor}"


@pytest.mark.parametrize(("row", "metric", "floor"), floor_rows("sample", "people"))
def test_sample_defendant_floors(sample_report, row, metric, floor):
    value = sample_report["people"][row][metric]
    assert value is not None and value >= floor, f"sample defendants {row} {metric}: {value} < floor {floor}"


@pytest.mark.realdocs
@pytest.mark.parametrize(("row", "metric", "floor"), floor_rows("realdocs", "people"))
def test_real_defendant_floors(real_report, row, metric, floor):
    value = real_report["people"][row][metric]
    assert value is not None and value >= floor, f"real defendants {row} {metric}: {value} < floor {floor}"


@pytest.mark.realdocs
def test_real_documents_all_scored_and_quotes_found(real_report):
    labelled = len(list(REAL_GOLD.glob("*.json")))
    assert real_report["documents"] + real_report["scanned_twins"]["documents"] == labelled
    assert real_report["scanned_twins"]["documents"] == len(list(REAL_GOLD.glob("*.scanned.*.json")))
    problems = [(d["file"], p) for d in real_report["per_document"] for p in d.get("gold_problems", [])]
    assert problems == []  # every gold quote is on its page
    assert "eyecite" in real_report["baselines"] or "statutes_section" not in real_report["fields"]
    assert "court_id" in real_report["baselines"]["courts-db"]


def test_sample_report_shape(sample_report):
    assert sample_report["documents"] == len(sample_labels())
    assert {"generated", "pipeline_version", "fields", "baselines", "per_document"} <= set(sample_report)
    assert sample_report["per_document"][0].keys() >= {"file", "misses", "false_hits"}
    fields = {row[0] for row in table_rows(sample_report)}
    assert {"doc_type", "court_id", "statutes (section)", "statutes (subsections)", "victims"} <= fields


def test_command_writes_json(tmp_path, capsys):
    labels = sample_labels()
    gold = write_gold(tmp_path, [labels[name] for name in SMALL])
    out = tmp_path / "report.json"
    assert main(["evaluate", str(gold), "--docs", str(SAMPLE_DOCS), "--json", str(out), "--misses"]) == 0
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["documents"] == 2
    assert [d["file"] for d in report["per_document"]] == list(SMALL)
    assert report["fields"]["doc_type"]["n"] == 2
    printed = capsys.readouterr().out
    assert "courts-db" in printed and "statutes" in printed


def test_db_mode_reports_missing_documents(tmp_path):
    labels = sample_labels()
    gold = write_gold(tmp_path, [labels[name] for name in SMALL])
    conn = connect(tmp_path / "ds.sqlite")
    write_document(conn, read_and_extract(inspect(SAMPLE_DOCS / SMALL[0])), None)
    conn.close()
    report = evaluate([str(gold)], db=str(tmp_path / "ds.sqlite"), docs=str(SAMPLE_DOCS))
    assert report["documents"] == 1
    assert [d["file"] for d in report["per_document"]] == [SMALL[0]]
    assert any(SMALL[1] in note and "not in" in note for note in report["notes"])


def test_lockbox_scores_without_showing_misses(tmp_path, sample_dataset, capsys):
    labels = sample_labels()
    wrong = {**labels[SMALL[0]], "sentence_months": 999, "defendants": ["Nobody Here"]}  # two sure misses
    gold = write_gold(tmp_path, [wrong])
    (tmp_path / "LOCKBOX.md").write_text("held-out gold\n", encoding="utf-8")
    out = tmp_path / "report.json"
    code = main(
        ["evaluate", str(gold), "--db", str(sample_dataset), "--docs", str(SAMPLE_DOCS), "--misses"]
        + ["--json", str(out)]
    )
    assert code == 0
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["lockbox"] == 1
    assert report["fields"]["sentence_months"]["accuracy"] == 0.0  # scored ...
    assert report["per_document"] == [{"file": SMALL[0], "lockbox": True, "read_seconds": ANY}]  # ... not shown
    printed = capsys.readouterr().out
    assert "lockbox" in printed and "Nobody Here" not in printed and "999" not in printed


def _broken(change):
    def make(label: dict) -> dict:
        label = dict(label)
        change(label)
        return label

    return make


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (_broken(lambda lb: lb.update(defendant=["X"])), "unknown key(s) ['defendant']"),
        (_broken(lambda lb: lb.update(doc_type="memo")), "'doc_type' has unknown label(s) ['memo']"),
        (_broken(lambda lb: lb.update(custody="deported")), "'custody' has unknown label(s)"),
        (
            _broken(lambda lb: lb.update(sentence_months="46")),
            "'sentence_months' must be a whole number or null",
        ),
        (_broken(lambda lb: lb.update(statutes_cited=["U.S.S.G. § 2D1.1"])), "is not a U.S.C. citation"),
        (
            _broken(lambda lb: lb.update(victims=[{"text": "Victim-1", "page": 1}])),
            "victims[0] must have keys",
        ),
        (_broken(lambda lb: lb.update(partial=["court_id"])), "'partial' names ['court_id']"),
        (_broken(lambda lb: lb.pop("sha256")), "missing required key 'sha256'"),
        (_broken(lambda lb: lb.update(sha256="f" * 64)), "the file changed since it was labelled"),
        (
            _broken(lambda lb: lb.update(file="no_such_file.pdf")),
            "pass the folder holding the documents with --docs",
        ),
    ],
)
def test_gold_errors_name_the_problem(tmp_path, change, message):
    gold = write_gold(tmp_path, [change(sample_labels()[SMALL[0]])])
    with pytest.raises(GoldError) as err:
        load_gold([gold], docs=SAMPLE_DOCS)
    assert message in str(err.value)


def test_gold_error_exits_with_its_code(tmp_path, capsys):
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    assert main(["evaluate", str(bad), "--json", str(tmp_path / "r.json")]) == GoldError.exit_code
    assert "not valid JSON" in capsys.readouterr().err


def test_same_document_labelled_twice(tmp_path):
    label = sample_labels()[SMALL[0]]
    gold = write_gold(tmp_path, [label, label])
    with pytest.raises(GoldError, match="labelled twice"):
        load_gold([gold], docs=SAMPLE_DOCS)


def test_out_of_scope_label_ignores_other_keys(tmp_path):
    label = {**sample_labels()[SMALL[0]], "in_scope": False, "custody": "not a label"}
    gold = write_gold(tmp_path, [label])
    loaded = load_gold([gold], docs=SAMPLE_DOCS)
    assert loaded[0].labelled("doc_type") and not loaded[0].labelled("custody")


@pytest.mark.parametrize(
    ("files", "twins"),
    [
        (["letter.pdf", "letter.scanned.pdf", "order.pdf"], {"letter.scanned.pdf"}),
        (["judgment.scanned.pdf"], set()),  # a scan without its born-digital original is an ordinary document
        (["a.pdf", "a.scanned.pdf", "b.txt", "b.scanned.txt"], {"a.scanned.pdf", "b.scanned.txt"}),
    ],
)
def test_scanned_twins_are_their_own_set(files, twins):
    assert scanned_twins(files) == twins


def test_the_lockbox_is_sealed_and_never_trains():
    from expediente.annotations.gold import LockboxError
    from expediente.models.datasets import load_gold as training_gold

    lockbox = ROOT / "annotations" / "gold" / "lockbox"
    labels = load_gold([str(lockbox)])
    assert labels and all(label.lockbox for label in labels)
    assert not any(label.lockbox for label in load_gold([str(SAMPLE_TRUTH)], str(SAMPLE_DOCS)))
    with pytest.raises(LockboxError, match="never trains"):
        training_gold(lockbox)

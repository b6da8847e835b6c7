"""The trained classifiers: committed artifacts inside the pipeline, safe loading, grouped CV, training."""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path

import numpy as np
import pytest
import spacy

import expediente.extractors.components.classifiers as clf
import expediente.extractors.components.doctype  # noqa: F401  (registers the rule factories)
import expediente.extractors.components.violence  # noqa: F401
from expediente.extractors import artifacts
from expediente.extractors.classify_features import violence_input
from expediente.extractors.findings import of
from expediente.models import cards, datasets, doctype, training, violence

# ---- made-up filings (written for these tests in the style of federal filings) ----------------------

DOCKET = (
    "U.S. District Court\nDistrict of Nevada (Las Vegas)\nCRIMINAL DOCKET FOR CASE #: 2:21-cr-00333-APG-1\n\n"
    "Date Filed # Docket Text\n03/02/2021 1 INDICTMENT as to Hector Ruiz (1) count(s) 1. (jd)\n"
    "03/09/2021 5 ORDER of Detention as to Hector Ruiz. (jd)\n"
    "04/11/2021 9 Minute Entry for arraignment held as to Hector Ruiz; plea of not guilty entered."
)
JUDGMENT = (
    "UNITED STATES DISTRICT COURT\nDistrict of Nevada\nUNITED STATES OF AMERICA v. HECTOR RUIZ\n"
    "JUDGMENT IN A CRIMINAL CASE\nCase Number: 2:21-cr-00333\nTHE DEFENDANT: pleaded guilty to count(s) 1\n"
    "The defendant is adjudicated guilty of these offenses:\nIMPRISONMENT\nThe defendant is hereby committed to "
    "the custody of the Federal Bureau of Prisons to be imprisoned for a total term of 70 months.\n"
    "SUPERVISED RELEASE\nUpon release from imprisonment, you will be on supervised release for a term of 5 years."
)
PRESS = (
    "FOR IMMEDIATE RELEASE\nDepartment of Justice\nU.S. Attorney's Office\nSouthern District of Texas\n"
    "Houston Man Sentenced for Smuggling Methamphetamine\nHOUSTON - A 41-year-old man was sentenced today to "
    "120 months in federal prison, announced U.S. Attorney Jane Roe. The investigation was conducted by HSI. "
    "Assistant U.S. Attorney John Doe prosecuted the case."
)


UNSURE = "Some notes about the case, without any title.\nDate Filed # Docket Text\n01/02/2020 1 ORDER (ab)"


@pytest.fixture(scope="module")
def committed() -> Path:
    folder = artifacts.artifacts_dir()
    if not (folder / "latest.json").is_file():
        pytest.fail(f"no committed artifacts in {folder}: run `expediente train`")
    return folder


@pytest.mark.parametrize(("text", "expected"), [(DOCKET, "docket"), (JUDGMENT, "judgment"), (PRESS, "press_release")])
def test_committed_doctype_model_labels_made_up_filings(committed, text, expected):
    label, prob, top = clf.DocTypeModel("m").predict(text, [])
    assert label == expected, top
    assert 0.0 < prob <= 1.0


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The defendant and his associates murdered a rival trafficker and left his body on the road.", "murder"),
        ("Minor Victim 1 was sexually abused by the defendant over several months.", "sexual_violence"),
        ("The defendant agreed to waive his right to appeal the sentence.", "none"),
        ("The court granted the motion to continue the sentencing hearing.", "none"),
    ],
)
def test_committed_violence_model_labels_made_up_sentences(committed, sentence, expected):
    model, _ = artifacts.load_artifact("violence")
    probs = model["label"].predict_proba(np.array([[violence_input(sentence)]], dtype=object))[0]
    assert str(model["label"].classes_[int(np.argmax(probs))]) == expected


def test_committed_charged_head_sees_narrative_as_described(committed):
    model, _ = artifacts.load_artifact("violence")
    X = np.array([[violence_input("Witnesses told agents that the men murdered a rival in the desert.")]], dtype=object)
    assert str(model["charged"].predict(X)[0]) == violence.DESCRIBED


def _pipeline(artifacts: str = "") -> spacy.language.Language:
    nlp = spacy.blank("en")
    nlp.add_pipe("expediente_doctype")
    nlp.add_pipe("expediente_doctype_model", config={"artifacts": artifacts})
    nlp.add_pipe("expediente_violence")
    nlp.add_pipe("expediente_violence_model", config={"artifacts": artifacts})
    return nlp


def test_doctype_model_defers_to_a_sure_rule(committed):
    doc = _pipeline()(JUDGMENT)
    found = of(doc, "doc_type")
    assert [f.extractor for f in found] == ["expediente_doctype"]  # the rule is sure: no classifier finding
    assert found[0].value == "judgment"


def test_doctype_model_speaks_when_the_rule_is_unsure(committed):
    doc = _pipeline()(UNSURE)
    models = [f for f in of(doc, "doc_type") if f.extractor == clf.DOCTYPE_NAME]
    rule = [f for f in of(doc, "doc_type") if f.extractor == "expediente_doctype"][0]
    assert rule.confidence < 0.85
    assert len(models) == 1
    assert models[0].version == json.loads((committed / "latest.json").read_text())["doctype"]["version"]
    assert models[0].attrs["probabilities"]


def test_violence_model_only_reads_sentences_without_a_rule_finding(committed):
    text = (
        "The defendant murdered the informant in 2015. "
        "Later the crew pointed a firearm at the courier and struck him until he fell."
    )
    doc = _pipeline()(text)
    for f in of(doc, "violence"):
        if f.extractor == clf.VIOLENCE_NAME:
            assert f.start > text.index("Later")  # never in the sentence the rules already read
            assert isinstance(f.attrs["charged"], bool)


def test_missing_artifact_leaves_the_pipeline_working(tmp_path, caplog):
    clf._warned.clear()
    text = UNSURE + "\n\nThe courier was found wounded near the ranch."
    with caplog.at_level(logging.WARNING):
        doc = _pipeline(str(tmp_path))(text)
        doc = _pipeline(str(tmp_path))(text)
    assert all(not f.extractor.endswith("_model") for f in doc._.findings)
    assert sum("not used" in r.message for r in caplog.records) == 2  # once per model, not per document


# ---- artifact safety ------------------------------------------------------------------------------


def _tiny_saved(folder: Path, obj) -> dict:
    from skops.io import dump

    folder.mkdir(parents=True, exist_ok=True)
    dump(obj, folder / "doctype-x.skops")
    entry = {"file": "doctype-x.skops", "version": "x", "sha256": artifacts.file_sha256(folder / "doctype-x.skops")}
    (folder / "latest.json").write_text(json.dumps({"doctype": entry}))
    return entry


def test_load_refuses_a_type_outside_the_allow_list(tmp_path):
    from sklearn.preprocessing import FunctionTransformer

    _tiny_saved(tmp_path, FunctionTransformer(func=os.getcwd))
    with pytest.raises(artifacts.UntrustedArtifact, match="outside the allow-list"):
        artifacts.load_artifact("doctype", tmp_path)


def test_load_refuses_a_file_changed_after_saving(tmp_path):
    from sklearn.linear_model import LogisticRegression

    _tiny_saved(tmp_path, LogisticRegression())
    (tmp_path / "doctype-x.skops").write_bytes((tmp_path / "doctype-x.skops").read_bytes() + b"\0")
    with pytest.raises(artifacts.UntrustedArtifact, match="SHA-256"):
        artifacts.load_artifact("doctype", tmp_path)


def test_load_refuses_types_that_differ_from_the_recorded_list(tmp_path):
    from sklearn.pipeline import Pipeline
    from sklearn.svm import LinearSVC

    entry = _tiny_saved(tmp_path, Pipeline([("svm", LinearSVC())]))
    entry["trusted_types"] = ["sklearn.svm._classes.LinearSVC"]
    (tmp_path / "latest.json").write_text(json.dumps({"doctype": entry}))
    with pytest.raises(artifacts.UntrustedArtifact, match="recorded"):
        artifacts.load_artifact("doctype", tmp_path)


def test_missing_pointer_is_a_named_error(tmp_path):
    with pytest.raises(artifacts.ArtifactMissing):
        artifacts.load_artifact("violence", tmp_path)


# ---- a tiny made-up training set -------------------------------------------------------------------

PAGE_TEXTS = {
    "docket": [DOCKET, "05/01/2021 12 NOTICE OF ATTORNEY APPEARANCE as to Hector Ruiz. (ab)\n"],
    "judgment": [JUDGMENT, "STANDARD CONDITIONS OF SUPERVISION\nYou must report to the probation office.\n"],
    "press_release": [PRESS, "The case is part of an Organized Crime Drug Enforcement Task Forces operation.\n"],
}
VIOLENT = [
    ("The gunmen murdered the witness near the border.", "murder", False),
    ("Count Two charges the murder of a rival in violation of law.", "murder", True),
    ("The crew kidnapped the driver and held him for ransom.", "kidnapping", False),
    ("Count Three charges the kidnapping of the driver in violation of law.", "kidnapping", True),
]


def _doc(name: str, label: str, k: int) -> datasets.LabelledDoc:
    pages = [p.replace("Hector Ruiz", f"Person {k}") for p in PAGE_TEXTS[label]]
    v_text, v_label, v_charged = VIOLENT[k % len(VIOLENT)]
    pages.append(f"Background.\n\n{v_text}\n\nThe defendant was represented by counsel at every hearing.")
    text, bounds, pos = "", [], 0
    for p in pages:
        if text:
            text += "\n\n"
            pos += 2
        bounds.append((pos, pos + len(p)))
        text += p
        pos += len(p)
    start = text.index(v_text)
    gold = {
        "file": name,
        "doc_type": label,
        "violent_crime_mentions": [
            {"text": v_text.split()[2], "label": v_label, "page": len(pages), "charged": v_charged}
        ],
    }
    assert text[start:].startswith(v_text)
    return datasets.LabelledDoc(name, "0" * 64, datasets.group_of(name), text, bounds, [1, 2, 3], gold, (label, 0.99))


@pytest.fixture(scope="module")
def tiny_docs() -> list[datasets.LabelledDoc]:
    return [_doc(f"{label}_{k}.scanned.pdf", label, k) for k in range(4) for label in PAGE_TEXTS]


def test_every_example_of_a_document_carries_its_group(tiny_docs):
    ex = datasets.doctype_examples(tiny_docs)
    assert {"gold", "window"} <= set(ex.sources)
    for doc_name, group in zip((e["doc"] for e in ex.extra), ex.groups, strict=True):
        assert group == datasets.group_of(doc_name)


@pytest.mark.parametrize("builder", [datasets.doctype_examples, datasets.violence_examples])
def test_cross_validation_never_splits_a_document(tiny_docs, builder):
    ex = builder(tiny_docs)
    for train, test in training.grouped_splits(ex.groups, 5):
        assert not {ex.groups[i] for i in train} & {ex.groups[i] for i in test}


@pytest.mark.parametrize(
    ("name", "group"),
    [("letter_x.scanned.pdf", "letter_x"), ("letter_x.pdf", "letter_x"), ("docket_y.html", "docket_y")],
)
def test_a_scan_and_its_twin_are_one_group(name, group):
    assert datasets.group_of(name) == group


def test_gold_mentions_label_their_sentence_and_complete_gold_gives_hard_negatives(tiny_docs):
    ex = datasets.violence_examples(tiny_docs)
    violent = [(x, y, c) for x, y, c in zip(ex.X, ex.y, ex.charged, strict=True) if y != "none"]
    assert {(x, y, c) for x, y, c in violent} == {(t, lab, ch) for t, lab, ch in VIOLENT}
    assert "negative_easy" in ex.sources


def test_train_on_a_tiny_dataset_saves_loadable_artifacts(tiny_docs, tmp_path):
    dt_ex = datasets.doctype_examples(tiny_docs)
    dt_scores = doctype.cross_validate(dt_ex, folds=3)
    assert dt_scores.n == len(tiny_docs)  # one scored example (the head) per gold document
    entry = cards.save_with_card("doctype", doctype.train(dt_ex), dt_ex, dt_scores, doctype.FEATURES, [], tmp_path)
    v_ex = datasets.violence_examples(tiny_docs)
    v_scores = violence.cross_validate(v_ex, folds=3)
    cards.save_with_card("violence", violence.train(v_ex), v_ex, v_scores, violence.FEATURES, [], tmp_path)

    assert (tmp_path / entry["file"]).is_file() and (tmp_path / "MODEL_CARD_doctype.md").is_file()
    assert "Cross-validated" in (tmp_path / "MODEL_CARD_violence.md").read_text()
    label, _, _ = clf.DocTypeModel("m", str(tmp_path)).predict(DOCKET, [])
    assert label == "docket"
    model, got = artifacts.load_artifact("violence", tmp_path)
    assert set(model) == {"label", "charged"} and got["version"].endswith(v_ex.fingerprint()[:8])


def test_retraining_replaces_the_old_artifact(tiny_docs, tmp_path):
    ex = datasets.doctype_examples(tiny_docs)
    model = doctype.train(ex)
    training.save("doctype", model, "v1", tmp_path, {})
    training.save("doctype", model, "v2", tmp_path, {})
    assert sorted(p.name for p in tmp_path.glob("*.skops")) == ["doctype-v2.skops"]
    assert artifacts.load_artifact("doctype", tmp_path)[1]["version"] == "v2"


# ---- the Prefect flow --------------------------------------------------------------------------------


@pytest.mark.flow
@pytest.mark.xdist_group("prefect")
def test_train_flow_writes_artifacts_from_gold_files(prefect, tiny_docs, tmp_path):
    import hashlib

    from expediente.flows.train import train

    docs_dir, gold_dir, out = tmp_path / "docs", tmp_path / "gold", tmp_path / "out"
    docs_dir.mkdir()
    gold_dir.mkdir()
    for d in tiny_docs:
        name = d.name.replace(".scanned.pdf", ".txt")
        data = d.text.replace("\n\n", "\f", 2).encode()  # form feeds split the pages
        (docs_dir / name).write_bytes(data)
        gold = dict(d.gold, file=name, sha256=hashlib.sha256(data).hexdigest())
        (gold_dir / f"{name}.json").write_text(json.dumps(gold))
    result = train(out=str(out), sources=[datasets.Source(gold_dir, docs_dir)])
    assert set(result) == {"doctype", "violence"}
    assert "documents grouped" in result["doctype"]["table"]
    pointer = json.loads((out / "latest.json").read_text())
    assert (out / pointer["violence"]["file"]).is_file()

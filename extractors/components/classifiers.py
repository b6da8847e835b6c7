"""The trained classifiers inside the pipeline, combined with the rules: rules for what they are sure of,
the classifier for the rest.

``expediente_doctype_model`` runs after ``expediente_doctype``: when the rule's confidence is below
``rule_threshold`` it adds a doc_type finding with the classifier's calibrated probability as its
confidence, and the roll-up keeps the more confident of the two. ``expediente_violence_model`` runs
after ``expediente_violence``: every sentence window holding violence vocabulary but no rule finding
is classified, and a label other than ``none`` at ``min_probability`` or more becomes a violence
finding, with ``attrs["charged"]`` from the second (charged/described) head.

The models are read and checked by :mod:`extractors.artifacts`. A missing artifact logs one warning and the
component does nothing, so the pipeline runs before the first training.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
from spacy.language import Language
from spacy.tokens import Doc

from expediente.extractors.artifacts import ArtifactMissing, artifacts_dir, load_artifact, settings
from expediente.extractors.classify_features import (
    doctype_input,
    title_cells,
    violence_input,
    vocabulary,
    vocabulary_spans,
)
from expediente.extractors.families import family
from expediente.extractors.findings import Finding, add, of
from expediente.extractors.sentences import active, lowered_of, squash, text_of

log = logging.getLogger(__name__)

DOCTYPE_NAME = "expediente_doctype_model"
VIOLENCE_NAME = "expediente_violence_model"


@dataclass
class Loaded:
    model: Any
    entry: dict


_warned: set[str] = set()


@cache
def _cached(model: str, folder: str, stamp: tuple) -> Loaded | None:
    try:
        obj, entry = load_artifact(model, folder)
    except ArtifactMissing as exc:
        if (model, folder) not in _warned:
            _warned.add((model, folder))
            log.warning("%s classifier not used: %s", model, exc)
        return None
    return Loaded(obj, entry)


def loaded(model: str, folder: str | Path | None = None) -> Loaded | None:
    """The model, loaded once per process (reloaded when the pointer changes); None when missing."""
    folder = artifacts_dir(folder, model)
    pointer = folder / settings()["pointer"]
    stamp = (pointer.stat().st_mtime_ns,) if pointer.exists() else ()
    return _cached(model, str(folder), stamp)


def _classes(model) -> list[str]:
    return [str(c) for c in model.classes_]


# ---- document type ------------------------------------------------------------------------------


@Language.factory(
    DOCTYPE_NAME, default_config={"artifacts": ""}, requires=[family("doc_type")], assigns=[family("doc_type")]
)
def make_doctype_model(nlp: Language, name: str, artifacts: str) -> DocTypeModel:
    return DocTypeModel(name, artifacts)


class DocTypeModel:
    def __init__(self, name: str, artifacts: str = ""):
        self.name = name
        self.folder = artifacts or None
        self.cfg = settings()["doctype"]
        loaded("doctype", self.folder)  # load the artifact with the pipeline, not on the first document

    def predict(self, text: str, page_ends: list[int]) -> tuple[str, float, dict[str, float]] | None:
        got = loaded("doctype", self.folder)
        if got is None:
            return None
        row = doctype_input(text, page_ends).row()
        probs = got.model.predict_proba(np.array([row], dtype=object))[0]
        ranked = sorted(zip(_classes(got.model), probs, strict=True), key=lambda lp: -lp[1])
        return ranked[0][0], float(ranked[0][1]), {lab: round(float(p), 3) for lab, p in ranked[:3]}

    def __call__(self, doc: Doc) -> Doc:
        rule = max(of(doc, "doc_type"), key=lambda f: f.confidence, default=None)
        if rule is not None and rule.confidence >= self.cfg["rule_threshold"]:
            return doc
        text = text_of(doc)
        pages = doc._.pages or []
        got = self.predict(text, [p.end for p in pages])
        if got is None:
            return doc
        label, prob, top = got
        if prob < self.cfg["min_probability"]:
            return doc
        start, end = _evidence(text, rule, label)
        version = loaded("doctype", self.folder).entry["version"]
        attrs = {"probabilities": top, "rule": [rule.value, rule.confidence] if rule else None}
        add(doc, Finding("doc_type", label, start, end, round(prob, 4), self.name, version, attrs))
        return doc


def _evidence(text: str, rule: Finding | None, label: str) -> tuple[int, int]:
    """The rule's evidence when it agrees, else the first heading of the document."""
    if rule is not None and rule.value == label and rule.end > rule.start:
        return rule.start, rule.end
    first = title_cells(text, doctype_input(text).end, 1)
    return first[0] if first else (0, 0)


# ---- violence -----------------------------------------------------------------------------------


@Language.factory(
    VIOLENCE_NAME, default_config={"artifacts": ""}, requires=[family("violence")], assigns=[family("violence")]
)
def make_violence_model(nlp: Language, name: str, artifacts: str) -> ViolenceModel:
    return ViolenceModel(name, artifacts)


class ViolenceModel:
    def __init__(self, name: str, artifacts: str = ""):
        self.name = name
        self.folder = artifacts or None
        self.cfg = settings()["violence"]
        loaded("violence", self.folder)  # load the artifact with the pipeline, not on the first document

    def candidates(self, doc: Doc) -> list[tuple[int, int, str]]:
        """(start, end, window text) of the first vocabulary word of each window without a rule finding."""
        ruled = sorted((f.start, f.end) for f in of(doc, "violence"))
        low = lowered_of(doc)
        out = []
        for w in active(doc, vocabulary()):  # one pass over the text finds the windows worth a closer look
            spans = vocabulary_spans(w.text, None if low is None else low[w.start : w.end])
            if not spans or any(s < w.end and w.start < e for s, e in ruled):
                continue
            s, e = spans[0]
            out.append((w.start + s, w.start + e, w.text))
        return out

    def __call__(self, doc: Doc) -> Doc:
        cands = self.candidates(doc)
        if not cands:
            return doc
        got = loaded("violence", self.folder)
        if got is None:
            return doc
        X = np.array([[violence_input(t)] for _, _, t in cands], dtype=object)
        label_model, charged_model = got.model["label"], got.model.get("charged")
        classes = _classes(label_model)
        kept = []  # (candidate, label, probability) of the windows the model calls violent
        for i, row in enumerate(label_model.predict_proba(X)):
            j = int(np.argmax(row))
            if classes[j] != "none" and float(row[j]) >= self.cfg["min_probability"]:
                kept.append((i, classes[j], float(row[j])))
        if not kept:
            return doc
        charged = None  # asked only of the windows kept (most candidates are not violent)
        if charged_model is not None:
            pos = _classes(charged_model).index("charged")
            charged = charged_model.predict_proba(X[[i for i, _, _ in kept]])[:, pos]
        version = got.entry["version"]
        text = text_of(doc)
        for k, (i, label, prob) in enumerate(kept):
            start, end, _ = cands[i]
            is_charged = bool(charged is not None and charged[k] >= self.cfg["charged_threshold"])
            attrs = {
                "charged": is_charged,
                "text": squash(text[start:end]),
                "p_charged": None if charged is None else round(float(charged[k]), 3),
            }
            add(doc, Finding("violence", label, start, end, round(prob, 4), self.name, version, attrs))
        return doc

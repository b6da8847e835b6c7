"""The document-type classifier: its features, cross-validated scores (beside the rules) and fitting."""

from __future__ import annotations

import numpy as np
from sklearn.pipeline import Pipeline

from expediente.extractors.classify_features import settings
from expediente.extractors.fields import DOC_TYPE, registry
from expediente.models.datasets import Examples
from expediente.models.training import Scores, calibrated_pipeline, chars, fit, out_of_fold, score, text_features, words

MODEL = "doctype"
FEATURES = (
    "column 0: the first pages' cleaned text (word 1-2 gram TF-IDF, terms in at least 2 examples); "
    "column 1: heading-like lines of those pages (word 1-2 gram and character 3-5 gram TF-IDF); "
    "linear SVM (balanced class weights) calibrated with sigmoid on grouped folds"
)


def labels() -> list[str]:
    """The document types: the vocabulary of the registry's doc_type field."""
    return list(registry()[DOC_TYPE].vocabulary)


def make_model(groups: list[str]) -> Pipeline:
    features = text_features(
        [("head_words", words(min_df=2), 0), ("title_words", words(), 1), ("title_chars", chars(), 1)]
    )
    return calibrated_pipeline(features, groups)


def train(ex: Examples) -> Pipeline:
    return fit(make_model, ex)


def combine(rule: tuple[str, float], model: tuple[str, float], threshold: float) -> str:
    """The value the roll-up keeps: the rule when it is sure, else the more confident of the two."""
    (r_label, r_conf), (m_label, m_conf) = rule, model
    if r_conf >= threshold or r_conf >= m_conf:
        return r_label
    return m_label


def cross_validate(ex: Examples, folds: int | None = None) -> Scores:
    """Out-of-fold scores on the gold-labelled documents (their heads), documents grouped, plus the
    accuracy of the rules alone and of rules + classifier at several rule thresholds."""
    cfg = settings()["doctype"]
    labs = labels()
    probs = out_of_fold(make_model, ex, labs, folds or cfg["cv_folds"])
    idx = [i for i, s in enumerate(ex.scored) if s]
    y_true = [ex.y[i] for i in idx]
    y_model = [labs[int(np.argmax(probs[i]))] for i in idx]
    result = score(y_true, y_model, labs)
    rules = [tuple(ex.extra[i]["rule"]) for i in idx]
    models = [(labs[int(np.argmax(probs[i]))], float(np.max(probs[i]))) for i in idx]
    combined = {}
    for t in sorted({0.7, 0.8, 0.85, 0.9, 0.95, 1.01, cfg["rule_threshold"]}):
        picks = [combine(r, m, t) for r, m in zip(rules, models, strict=True)]
        combined[f"{t:.2f}"] = round(float(np.mean([p == y for p, y in zip(picks, y_true, strict=True)])), 3)
    result.extra = {
        "rules_accuracy": round(float(np.mean([r[0] == y for r, y in zip(rules, y_true, strict=True)])), 3),
        "combined_accuracy_by_rule_threshold": combined,
        "rule_threshold": cfg["rule_threshold"],
        "misses": [
            {"doc": ex.extra[i]["doc"], "gold": y, "model": m[0], "p": round(m[1], 3), "rule": list(r)}
            for i, y, m, r in zip(idx, y_true, models, rules, strict=True)
            if m[0] != y or r[0] != y
        ],
    }
    return result

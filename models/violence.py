"""The violence sentence classifier: a label head (ten violent-crime labels or none) and a charged head
(does the sentence charge/convict the act, or only describe it), cross-validated by document group."""

from __future__ import annotations

import numpy as np
from sklearn.pipeline import Pipeline

from expediente.extractors.classify_features import NO_VIOLENCE, VIOLENCE_FIELD, settings
from expediente.extractors.fields import registry
from expediente.models.datasets import Examples
from expediente.models.training import (
    Scores,
    TooFewExamples,
    calibrated_pipeline,
    chars,
    fit,
    out_of_fold,
    score,
    text_features,
    words,
)

MODEL = "violence"
FEATURES = (
    "one sentence window (extractors.sentences), whitespace collapsed: word 1-2 gram and character 3-5 gram "
    "TF-IDF; two linear SVMs (balanced class weights) calibrated with sigmoid on grouped folds: "
    "the label (or none) and charged vs described"
)
CHARGED, DESCRIBED = "charged", "described"


def labels() -> list[str]:
    """The registry's violent-crime labels, and ``none`` for a window without violence."""
    return [*registry()[VIOLENCE_FIELD].vocabulary, NO_VIOLENCE]


def make_model(groups: list[str]) -> Pipeline:
    return calibrated_pipeline(text_features([("words", words(), 0), ("chars", chars(), 0)]), groups)


def charged_examples(ex: Examples) -> Examples:
    """The violent examples whose charged/described status is known, labelled charged or described."""
    out = Examples()
    for i, (label, charged) in enumerate(zip(ex.y, ex.charged, strict=True)):
        if label != NO_VIOLENCE and charged is not None:
            out.add(ex.X[i], CHARGED if charged else DESCRIBED, ex.groups[i], ex.sources[i], ex.weights[i], True)
    return out


def train(ex: Examples) -> dict[str, Pipeline | None]:
    ch = charged_examples(ex)
    try:
        charged = fit(make_model, ch) if len(set(ch.groups)) >= 2 else None
    except TooFewExamples:
        charged = None
    return {"label": fit(make_model, ex), "charged": charged}


def cross_validate(ex: Examples, folds: int | None = None) -> Scores:
    """Out-of-fold label scores, violent-vs-none precision/recall at the emitting threshold, and the
    charged head's accuracy, all with documents grouped."""
    cfg = settings()["violence"]
    labs = labels()
    k = folds or cfg["cv_folds"]
    probs = out_of_fold(make_model, ex, labs, k)
    y_pred = [labs[int(np.argmax(p))] for p in probs]
    result = score(ex.y, y_pred, labs)
    # as the component emits: a label other than none at min_probability or more
    emitted = [
        lab != NO_VIOLENCE and float(np.max(p)) >= cfg["min_probability"] for lab, p in zip(y_pred, probs, strict=True)
    ]
    violent = [y != NO_VIOLENCE for y in ex.y]
    tp = sum(e and v and p == y for e, v, p, y in zip(emitted, violent, y_pred, ex.y, strict=True))
    n_emit, n_violent = sum(emitted), sum(violent)
    extra: dict = {
        "emitted_at_min_probability": {
            "min_probability": cfg["min_probability"],
            "precision": round(tp / n_emit, 3) if n_emit else 0.0,
            "recall": round(tp / n_violent, 3) if n_violent else 0.0,
        }
    }
    ch = charged_examples(ex)
    if len(set(ch.groups)) >= 2 and len(set(ch.y)) == 2:
        cprobs = out_of_fold(make_model, ch, [CHARGED, DESCRIBED], k)
        cpred = [CHARGED if p[0] >= cfg["charged_threshold"] else DESCRIBED for p in cprobs]
        extra["charged"] = score(ch.y, cpred, [CHARGED, DESCRIBED]).as_dict()
    result.extra = extra
    return result

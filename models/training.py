"""What both classifiers share: text features, grouped cross-validation, scores and skops artifacts."""

from __future__ import annotations

import datetime as dt
import json
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import sklearn
from sklearn.calibration import CalibratedClassifierCV
from sklearn.compose import ColumnTransformer
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import precision_recall_fscore_support
from sklearn.model_selection import GroupKFold
from sklearn.pipeline import Pipeline
from sklearn.svm import LinearSVC

from expediente.extractors.artifacts import UntrustedArtifact, check_trusted, file_sha256, trained_dir
from expediente.extractors.classify_features import settings
from expediente.models.datasets import Examples


class TooFewExamples(ValueError):
    """Not enough labelled documents to fit or cross-validate a model."""


def words(min_df: int = 1, max_features: int = 10000) -> TfidfVectorizer:
    return TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=min_df, max_features=max_features)


def chars(min_df: int = 1, max_features: int = 15000) -> TfidfVectorizer:
    return TfidfVectorizer(
        analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True, min_df=min_df, max_features=max_features
    )


def text_features(parts: list[tuple[str, TfidfVectorizer, int]]) -> ColumnTransformer:
    """TF-IDF vectorizers, each over one text column (name, vectorizer, column index)."""
    return ColumnTransformer(parts)


def grouped_splits(groups: list[str], n_splits: int) -> list[tuple[np.ndarray, np.ndarray]]:
    """GroupKFold splits over ``groups`` (at most one fold per group): no group is ever split."""
    n = min(n_splits, len(set(groups)))
    if n < 2:
        raise TooFewExamples(f"cross-validation needs at least 2 document groups, got {len(set(groups))}")
    dummy = np.zeros(len(groups))
    return [(tr, te) for tr, te in GroupKFold(n_splits=n).split(dummy, dummy, groups)]


def calibrated_pipeline(features: ColumnTransformer, groups: list[str], C: float = 1.0, folds: int = 3) -> Pipeline:
    """Features → linear SVM (balanced class weights), calibrated (sigmoid) on grouped folds of the
    training data, so its probabilities come from documents it was not fitted on."""
    n = min(folds, len(set(groups)))
    base = LinearSVC(C=C, class_weight="balanced")
    if n < 2:
        raise TooFewExamples("calibration needs at least 2 document groups")
    clf = CalibratedClassifierCV(base, method="sigmoid", cv=grouped_splits(groups, n))
    return Pipeline([("features", features), ("clf", clf)])


def fit(make: Callable[[list[str]], Pipeline], ex: Examples, index: np.ndarray | None = None) -> Pipeline:
    idx = np.arange(len(ex)) if index is None else index
    X = np.array([ex.X[i] for i in idx], dtype=object)
    if X.ndim == 1:
        X = X.reshape(-1, 1)
    y = np.array([ex.y[i] for i in idx])
    groups = [ex.groups[i] for i in idx]
    if len(set(y)) < 2:
        raise TooFewExamples("a classifier needs at least two labels")
    model = make(groups)
    model.fit(X, y, clf__sample_weight=np.array([ex.weights[i] for i in idx]))
    # the grouped splits were only needed while fitting; keep the artifact free of training indices
    model.named_steps["clf"].set_params(cv=len(model.named_steps["clf"].calibrated_classifiers_))
    for _, vectorizer, _ in model.named_steps["features"].transformers_:
        if hasattr(vectorizer, "stop_words_"):
            # the terms cut by min_df/max_features: only for introspection, and huge in an artifact
            del vectorizer.stop_words_
        if hasattr(vectorizer, "vocabulary_"):
            # plain ints: skops writes numpy scalars one by one, which makes a vocabulary slow and huge
            vectorizer.vocabulary_ = {term: int(i) for term, i in vectorizer.vocabulary_.items()}
    return model


def as_matrix(rows: list) -> np.ndarray:
    X = np.array(rows, dtype=object)
    return X.reshape(-1, 1) if X.ndim == 1 else X


def proba_full(model: Pipeline, X: np.ndarray, labels: list[str]) -> np.ndarray:
    """predict_proba with one column per label of ``labels`` (zeros for labels unseen in training)."""
    p = model.predict_proba(X)
    out = np.zeros((len(X), len(labels)))
    for j, c in enumerate(model.classes_):
        out[:, labels.index(str(c))] = p[:, j]
    return out


def out_of_fold(make: Callable[[list[str]], Pipeline], ex: Examples, labels: list[str], folds: int) -> np.ndarray:
    """Probabilities for every example from a model that never saw its document group."""
    probs = np.full((len(ex), len(labels)), np.nan)
    for train, test in grouped_splits(ex.groups, folds):
        model = fit(make, ex, train)
        probs[test] = proba_full(model, as_matrix([ex.X[i] for i in test]), labels)
    return probs


@dataclass
class Scores:
    """Per-label precision/recall/F1/support and overall accuracy of out-of-fold predictions."""

    per_label: dict[str, dict[str, float]]
    accuracy: float
    n: int
    extra: dict = field(default_factory=dict)

    def as_dict(self) -> dict:
        return {"per_label": self.per_label, "accuracy": self.accuracy, "n": self.n, **self.extra}


def score(y_true: list[str], y_pred: list[str], labels: list[str]) -> Scores:
    present = [lab for lab in labels if lab in set(y_true) | set(y_pred)]
    p, r, f, s = precision_recall_fscore_support(y_true, y_pred, labels=present, zero_division=0)
    per = {
        lab: {
            "precision": round(float(p[i]), 3),
            "recall": round(float(r[i]), 3),
            "f1": round(float(f[i]), 3),
            "support": int(s[i]),
        }
        for i, lab in enumerate(present)
    }
    acc = float(np.mean([a == b for a, b in zip(y_true, y_pred, strict=True)])) if y_true else 0.0
    return Scores(per, round(acc, 3), len(y_true))


# ---- artifacts ----------------------------------------------------------------------------------


def version_of(ex: Examples, today: dt.date | None = None) -> str:
    return f"{(today or dt.date.today()):%Y%m%d}-{ex.fingerprint()[:8]}"


def save(model: str, obj, version: str, out: str | Path | None, info: dict) -> dict:
    """Write ``<model>-<version>.skops``, check its types against the allow-list, record it in the pointer
    and remove the model's older artifacts from the folder. Returns the pointer entry."""
    from skops.io import dump

    folder = Path(out) if out else trained_dir()
    folder.mkdir(parents=True, exist_ok=True)
    name = settings()["artifact_pattern"].format(model=model, version=version)
    path = folder / name
    dump(obj, path, compression=zipfile.ZIP_DEFLATED, compresslevel=9)
    try:
        trusted = check_trusted(path)
    except UntrustedArtifact:
        path.unlink()
        raise
    entry = {
        "file": name,
        "version": version,
        "sha256": file_sha256(path),
        "trusted_types": trusted,
        "sklearn": sklearn.__version__,
        "created": dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        **info,
    }
    pointer_path = folder / settings()["pointer"]
    pointer = json.loads(pointer_path.read_text(encoding="utf-8")) if pointer_path.exists() else {}
    pointer[model] = entry
    pointer_path.write_text(json.dumps(pointer, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    for old in folder.glob(f"{model}-*.skops"):
        if old.name != name:
            old.unlink()
    return entry

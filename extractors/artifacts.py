"""Model artifacts: where the trained classifiers are read from, and the checks they pass before use.

The models are read from ``.skops`` files under ``models/artifacts/`` (``latest.json`` names the current one),
or from the user's trained models, never unpickled (:func:`load_artifact`): the types a file holds must all be in
the allow-list of ``extractors/data/classifier_settings.json`` and equal to the list recorded when it was saved,
and its SHA-256 must match the pointer. spaCy-free: a batch with nothing new reads :func:`artifacts_in_use` (part
of the pipeline's version) without loading the pipeline.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from expediente.corpus.errors import ExitCode, ExpedienteError
from expediente.corpus.locations import data_dir, shipped
from expediente.extractors.patterns import load_json

SETTINGS_FILE = "classifier_settings.json"


def settings() -> dict:
    """The classifiers' settings (extractors/data/classifier_settings.json)."""
    return load_json(SETTINGS_FILE)


MODELS = ("doctype", "violence")


class ArtifactError(ExpedienteError):
    """A model artifact that cannot be used."""

    exit_code = ExitCode.ARTIFACT
    reason = "artifact"


class ArtifactMissing(ArtifactError):
    reason = "artifact_missing"


class UntrustedArtifact(ArtifactError):
    """The artifact holds a type outside the allow-list, or differs from what was recorded when saved."""

    reason = "artifact_untrusted"


def trained_dir() -> Path:
    """Where `expediente train` writes by default: the user's data directory, never the installed package."""
    return data_dir() / settings()["trained_subdir"]


def artifacts_dir(path: str | Path | None = None, model: str | None = None) -> Path:
    """The folder ``model``'s artifact is read from: ``path`` when given, else the user's trained models when
    their pointer names ``model``, else the artifacts shipped with expediente."""
    if path:
        return Path(path)
    trained = trained_dir() / settings()["pointer"]
    if trained.is_file() and (model is None or model in json.loads(trained.read_text(encoding="utf-8"))):
        return trained.parent
    return shipped("models", settings()["shipped_subdir"])


def artifacts_in_use() -> dict[str, str]:
    """The SHA-256 of each model artifact the pipeline would load now (what its output depends on)."""
    out = {}
    for model in MODELS:
        folder = artifacts_dir(model=model)
        try:
            out[model] = read_pointer(folder).get(model, {}).get("sha256", "")
        except ArtifactMissing:
            out[model] = ""
    return out


def read_pointer(folder: Path) -> dict:
    pointer = folder / settings()["pointer"]
    if not pointer.is_file():
        raise ArtifactMissing(f"no {pointer.name} in {folder}: run `expediente train`")
    return json.loads(pointer.read_text(encoding="utf-8"))


def file_sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def check_trusted(path: Path, recorded: list[str] | None = None) -> list[str]:
    """The types in ``path`` that skops does not trust by default, after checking them against the
    allow-list (and against ``recorded``, the list written when the file was saved)."""
    from skops.io import get_untrusted_types

    found = sorted(get_untrusted_types(file=path))
    allowed = set(settings()["trusted_types"])
    unknown = [t for t in found if t not in allowed]
    if unknown:
        raise UntrustedArtifact(f"{path.name} holds types outside the allow-list: {', '.join(unknown)}")
    if recorded is not None and sorted(recorded) != found:
        raise UntrustedArtifact(f"{path.name} holds other types than were recorded when it was saved")
    return found


def load_artifact(model: str, folder: str | Path | None = None) -> tuple[Any, dict]:
    """(the fitted object, its pointer entry) of ``model`` ("doctype" or "violence")."""
    from skops.io import load

    folder = artifacts_dir(folder, model)
    entry = read_pointer(folder).get(model)
    if not entry:
        raise ArtifactMissing(f"{folder / settings()['pointer']} names no {model} model: run `expediente train`")
    path = folder / entry["file"]
    if not path.is_file():
        raise ArtifactMissing(f"{path} is missing: run `expediente train`")
    if entry.get("sha256") and file_sha256(path) != entry["sha256"]:
        raise UntrustedArtifact(f"{path.name}: SHA-256 differs from {settings()['pointer']}")
    trusted = check_trusted(path, entry.get("trusted_types"))
    return load(path, trusted=trusted), entry

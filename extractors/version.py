"""The pipeline's version: what decides an extraction, hashed (spaCy-free, so that a batch with nothing new
decides what is done without loading the pipeline)."""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

from expediente.corpus.locations import shipped
from expediente.extractors.artifacts import artifacts_in_use

CODE_VERSION = "0.1"
# what decides an extraction: the reading and cleaning of text (corpus) and the pipeline (code, data, config)
VERSIONED_PACKAGES = ("corpus", "extractors")
VERSIONED_SUFFIXES = (".py", ".json", ".cfg")


def _files(folder: Path) -> list[Path]:
    return sorted(
        p for p in folder.rglob("*") if p.suffix in VERSIONED_SUFFIXES and "__pycache__" not in p.parts and p.is_file()
    )


@cache
def _code_hash() -> str:
    h = hashlib.sha256(CODE_VERSION.encode())
    for package in VERSIONED_PACKAGES:
        root = shipped(package)
        for path in _files(root):
            h.update(path.relative_to(root).as_posix().encode())
            h.update(path.read_bytes())
    return h.hexdigest()


def pipeline_version() -> str:
    """Changes whenever the reading of text, extraction code, patterns, config or the model artifacts in use do.

    Documents extracted under another version are re-extracted by `expediente process`.
    """
    h = hashlib.sha256(_code_hash().encode())
    for model, sha in sorted(artifacts_in_use().items()):
        h.update(f"{model}={sha}".encode())
    return f"{CODE_VERSION}+{h.hexdigest()[:12]}"

"""Load gold labels, check them against the format, and tie each one to its document file.

Gold comes as a folder of ``.json`` files (one object per document, ``annotations/gold/realdocs/``)
and/or ``.jsonl`` files (one object per line, like ``corpus/sample/truth.jsonl``); the keys and label
values are those of ``annotations/gold/FORMAT.md``, checked against ``gold_schema.json``.

A label's document is found by its ``source`` (a path relative to the documents folder, by default
``../shared/realdocs``, or an absolute path, as exported gold from the review has it, with ``<file>`` in the
documents folder as a second choice); a label without ``source`` is looked up as ``docs/<file>`` beside the label
file (the sample corpus layout), then as ``<file>`` in the documents folder. The file's SHA-256 must
equal the label's ``sha256``: a label never scores a document it was not written for.

A folder holding ``LOCKBOX.md`` is a lockbox: held-out gold whose per-document misses are never shown,
so that its scores stay a measure of filings the rules were not written against.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from expediente.corpus.discover import FoundFile, inspect
from expediente.corpus.errors import ExitCode, ExpedienteError
from expediente.corpus.locations import realdocs_dir, shipped
from expediente.extractors.citations import normalize_citation
from expediente.extractors.fields import COUNTS, MENTIONS, SINGLE, Field, registry


class GoldError(ExpedienteError):
    """A gold label file that cannot be used: bad JSON, unknown keys or values, or a missing document."""

    exit_code = ExitCode.GOLD
    reason = "gold"


DEFENDANTS_FILE = "defendants.jsonl"  # defendant-level gold (annotations/defendants.py), not document labels
# a gold label's type for each field kind (single fields take their type's, fields.py TYPES)
KIND_TYPES = {"defendants": "list_str", "aliases": "list_str", "counts": "list_obj", "statutes": "list_str"}
COUNT_ITEM = {"required": ["count"], "optional": ["statutes", "description"]}


def _mention_spec(f: Field) -> tuple[str, dict | None]:
    """The gold type of a mentions field and, for items, their keys (from the field's export shape)."""
    shape = f.export["shape"]
    if shape == "labels":
        return "list_str", None
    if shape == "spans":
        optional = [*f.export.get("flags", []), "start", "end"]
        return "list_obj", {"required": ["text", "label", "page"], "optional": optional}
    return "list_obj", {"required": [f.export["label_key"]], "optional": list(f.export.get("attrs", []))}


def schema() -> dict:
    """What a gold label may hold: the meta keys of gold_schema.json, and every field of the registry."""
    return _schema(registry().fingerprint)


@cache
def _schema(fingerprint: str) -> dict:
    with shipped("annotations", "gold_schema.json").open(encoding="utf-8") as fh:
        s = json.load(fh)
    s["values"], s["items"], s["partial_fields"] = {}, {}, []
    s["in_scope_only"] = []
    for f in registry():
        if f.kind == SINGLE:
            s["types"][f.name] = "str" if f.gold_required else f.type.gold
            if f.type.companion:
                s["types"][f.type.companion] = "str_or_null"
        elif f.kind == MENTIONS:
            s["types"][f.name], spec = _mention_spec(f)
            if spec:
                s["items"][f.name] = spec
        else:
            s["types"][f.name] = KIND_TYPES[f.kind]
            if f.kind == COUNTS:
                s["items"][f.name] = COUNT_ITEM
        if f.vocabulary and f.type.name == "label":
            s["values"][f.name] = list(f.vocabulary)
        if f.kind != SINGLE:
            s["partial_fields"].append(f.name)
        if f.gold_required:
            s["required"].append(f.name)
        if f.out_of_scope:
            s["in_scope_only"] += [f.name, *([f.type.companion] if f.type.companion else [])]
    return s


LOCKBOX_MARKER = "LOCKBOX.md"  # in a gold folder: held-out labels, scored but never shown document by document


class LockboxError(GoldError):
    """Lockbox gold asked to train a model: held-out labels only ever measure."""


def sealed(label_file: Path) -> bool:
    """Whether a label file belongs to a lockbox (its folder or a parent up to three levels holds the marker)."""
    return any((parent / LOCKBOX_MARKER).is_file() for parent in list(label_file.resolve().parents)[:3])


@dataclass(frozen=True)
class GoldLabel:
    """One document's gold label, tied to the file it describes."""

    label: dict
    origin: str  # "path/to/gold.json" or "truth.jsonl:3"
    found: FoundFile
    lockbox: bool = False  # held-out: scored, its misses never reported

    @property
    def file(self) -> str:
        return self.label["file"]

    @property
    def sha256(self) -> str:
        return self.label["sha256"]

    @property
    def path(self) -> str:
        return self.found.path

    @property
    def in_scope(self) -> bool:
        return self.label.get("in_scope", True)

    @property
    def partial(self) -> frozenset[str]:
        return frozenset(self.label.get("partial", ()))

    def labelled(self, field: str) -> bool:
        """Whether the evaluation scores ``field`` on this document."""
        if field not in self.label:
            return False
        return self.in_scope or field in schema()["in_scope_only"]


# --- reading ---------------------------------------------------------------------------


def iter_label_files(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Path]:
    """The .json and .jsonl files named, or found (recursively, sorted) in the folders named."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(
                p
                for p in path.rglob("*")
                if p.suffix in (".json", ".jsonl") and p.is_file() and p.name != DEFENDANTS_FILE
            )
            if not found:
                raise GoldError(f"{path}: no .json or .jsonl gold label files in this folder")
            yield from found
        elif path.name == DEFENDANTS_FILE:
            continue  # scored per defendant by annotations/defendants.py
        elif path.is_file():
            if path.suffix not in (".json", ".jsonl"):
                raise GoldError(f"{path}: gold labels are .json (one document) or .jsonl (one per line) files")
            yield path
        else:
            raise GoldError(f"{path}: no such gold label file or folder")


def read_label_file(path: Path) -> list[tuple[dict, str]]:
    """The raw label objects of one file, each with where it came from."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise GoldError(f"{path}: cannot be read as UTF-8 text ({exc})") from exc
    out: list[tuple[dict, str]] = []
    if path.suffix == ".jsonl":
        for number, line in enumerate(text.splitlines(), 1):
            if line.strip():
                out.append((_parse(line, f"{path}:{number}"), f"{path}:{number}"))
    else:
        out.append((_parse(text, str(path)), str(path)))
    return out


def _parse(text: str, origin: str) -> dict:
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as exc:
        raise GoldError(f"{origin}: not valid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})") from exc
    if not isinstance(obj, dict):
        raise GoldError(f"{origin}: a gold label is one JSON object per document, found {type(obj).__name__}")
    return obj


# --- validation --------------------------------------------------------------------------

_TYPE_CHECKS = {
    "str": lambda v: isinstance(v, str),
    "str_or_null": lambda v: v is None or isinstance(v, str),
    "bool": lambda v: isinstance(v, bool),
    "bool_or_null": lambda v: v is None or isinstance(v, bool),
    "int_or_null": lambda v: v is None or (isinstance(v, int) and not isinstance(v, bool)),
    "list_str": lambda v: isinstance(v, list) and all(isinstance(x, str) for x in v),
    "list_obj": lambda v: isinstance(v, list) and all(isinstance(x, dict) for x in v),
}
_TYPE_WORDS = {
    "str": "a string",
    "str_or_null": "a string or null",
    "bool": "true or false",
    "bool_or_null": "true, false or null",
    "int_or_null": "a whole number or null",
    "list_str": "a list of strings",
    "list_obj": "a list of objects",
}


def validate(label: dict, origin: str) -> None:
    """Raise GoldError naming the first key or value that does not follow FORMAT.md."""
    s = schema()
    where = f"{origin} ({label.get('file', 'no file name')})"
    unknown = sorted(set(label) - set(s["types"]))
    if unknown:
        raise GoldError(f"{where}: unknown key(s) {unknown}; the keys are listed in annotations/gold/FORMAT.md")
    for key in s["required"]:
        if key not in label:
            raise GoldError(f"{where}: missing required key {key!r}")
    for key, value in label.items():
        kind = s["types"][key]
        if not _TYPE_CHECKS[kind](value):
            raise GoldError(f"{where}: {key!r} must be {_TYPE_WORDS[kind]}, found {json.dumps(value)[:60]}")
    sha = label["sha256"]
    if len(sha) != 64 or any(c not in "0123456789abcdef" for c in sha):
        raise GoldError(f"{where}: 'sha256' must be 64 lower-case hex digits (sha256sum FILE)")
    in_scope = label.get("in_scope", True)
    if in_scope:
        _check_items(label, where)  # first: label values are read from well-formed items
    for key, allowed in s["values"].items():
        if key not in label or label[key] is None or not (in_scope or key in s["in_scope_only"]):
            continue
        values = label[key] if isinstance(label[key], list) else [label[key]]
        if key in s["items"]:
            values = [item.get("label") for item in values]
        bad = [v for v in values if v not in allowed]
        if bad:
            raise GoldError(f"{where}: {key!r} has unknown label(s) {bad}; allowed: {', '.join(allowed)}")
    if not in_scope:
        return  # out of scope: only doc_type and court_id are scored, other keys are ignored
    statutes = list(label.get("statutes_cited") or [])
    for count in label.get("counts") or []:
        statutes += count.get("statutes") or []
    for raw in statutes:
        if normalize_citation(raw) is None:
            raise GoldError(f"{where}: statute {raw!r} is not a U.S.C. citation (write it as '21 U.S.C. § 841(a)(1)')")
    bad_partial = sorted(set(label.get("partial", ())) - set(s["partial_fields"]))
    if bad_partial:
        raise GoldError(f"{where}: 'partial' names {bad_partial}; it may name {', '.join(s['partial_fields'])}")


def _check_items(label: dict, where: str) -> None:
    for key, spec in schema()["items"].items():
        for i, item in enumerate(label.get(key) or []):
            missing = [k for k in spec["required"] if k not in item]
            extra = sorted(set(item) - set(spec["required"]) - set(spec["optional"]))
            if missing or extra:
                raise GoldError(
                    f"{where}: {key}[{i}] must have keys {spec['required']} "
                    f"(optional {spec['optional']}); missing {missing}, unknown {extra}"
                )
            if "page" in item and not (isinstance(item["page"], int) and item["page"] >= 1):
                raise GoldError(f"{where}: {key}[{i}].page must be a page number from 1")
            if "text" in item and not (isinstance(item["text"], str) and item["text"].strip()):
                raise GoldError(f"{where}: {key}[{i}].text must be the exact quote from the page")


# --- documents ---------------------------------------------------------------------------


def document_path(label: dict, label_file: Path, docs: Path) -> Path:
    """Where the labelled document is, or GoldError saying where it was looked for."""
    if label.get("source"):
        candidates = [docs / label["source"]]
        if Path(label["source"]).is_absolute():  # exported gold (gold_export.py): also the --docs folder
            candidates.append(docs / label["file"])
    else:
        candidates = [label_file.parent / "docs" / label["file"], docs / label["file"]]
    for path in candidates:
        if path.is_file():
            return path
    tried = ", ".join(str(p) for p in candidates)
    raise GoldError(
        f"{label_file}: the document of {label['file']!r} is not at {tried}; "
        "pass the folder holding the documents with --docs"
    )


def load_gold(paths: Iterable[str | os.PathLike[str]], docs: str | os.PathLike[str] | None = None) -> list[GoldLabel]:
    """Every label under ``paths``, validated and tied to its document (checked by SHA-256)."""
    docs_dir = Path(docs) if docs else realdocs_dir()
    labels: list[GoldLabel] = []
    seen: dict[str, str] = {}
    for label_file in iter_label_files(paths):
        for label, origin in read_label_file(label_file):
            validate(label, origin)
            sha = label["sha256"]
            if sha in seen:
                raise GoldError(f"{origin}: {label['file']!r} is labelled twice (also in {seen[sha]}); keep one label")
            seen[sha] = origin
            path = document_path(label, label_file, docs_dir)
            try:
                found = inspect(path)
            except OSError as exc:
                raise GoldError(f"{origin}: cannot read the document {path} ({exc.strerror or exc})") from exc
            if found.sha256 != sha:
                raise GoldError(
                    f"{origin}: {path} has SHA-256 {found.sha256[:16]}..., the label says {sha[:16]}...: "
                    "the file changed since it was labelled, or the label names the wrong file"
                )
            labels.append(GoldLabel(label, origin, found, sealed(label_file)))
    if not labels:
        raise GoldError("no gold labels found in " + ", ".join(str(p) for p in paths))
    return labels

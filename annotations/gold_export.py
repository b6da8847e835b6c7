"""Reviewed documents as gold labels: the corrected export object of each, in the format of FORMAT.md.

A document every item of which an annotator has decided (:func:`casedata.review.reviewed_documents`) is
written as one ``<file name>.json`` gold file: the keys of ``expediente export`` (``casedata.export``, so the
field registry decides them), plus ``source`` (the document's absolute path, so that ``evaluate`` and
``train`` find it wherever it lives, whatever ``--docs`` says), ``in_scope`` and ``notes`` naming the
annotators and the dates. Span mentions carry ``text`` (the page's own characters, under 60), ``label``,
``page`` and the exact ``start``/``end`` of the effective evidence; a mention an annotator added without a
page selection cannot be located, so it is left out and its field listed in ``partial``.

Each label is checked with :func:`annotations.gold.validate` before anything is written.
"""

from __future__ import annotations

import json
import os
import sqlite3
from datetime import date
from pathlib import Path

from expediente.annotations.gold import GoldError, validate
from expediente.casedata.export import document_object
from expediente.casedata.review import reviewed_documents
from expediente.extractors.fields import MENTIONS, SINGLE, registry

MAX_QUOTE = 59  # FORMAT.md: a mention's text is a short exact quote, under 60 characters
EXPORT_ONLY = ("people",)  # export keys that are no gold keys


class GoldExportError(GoldError):
    """Gold cannot be exported: the folder cannot be written, or a document is not in the dataset."""


class GoldFolderError(GoldExportError):
    """The gold folder cannot be created or written (exit code GOLD, like every gold error)."""


def _source(conn: sqlite3.Connection, sha256: str, stored: str) -> str:
    """The document's absolute path: the first stored path where the file still is, else the last one."""
    paths = [stored] + [
        r["path"] for r in conn.execute("SELECT path FROM document_files WHERE sha256 = ? ORDER BY path", (sha256,))
    ]
    for path in paths:
        if Path(path).is_file():
            return str(Path(path).resolve())
    return str(Path(stored).absolute())


def _page_texts(conn: sqlite3.Connection, sha256: str) -> dict[int, str]:
    rows = conn.execute("SELECT number, text FROM pages WHERE sha256 = ?", (sha256,))
    return {r["number"]: r["text"] or "" for r in rows}


def _quote(item: dict, pages: dict[int, str]) -> str:
    """The mention's exact characters on its page (the stored evidence where the page has no text), cut short."""
    page = pages.get(item["page"], "")
    start, end = item.get("start"), item.get("end")
    text = page[start:end] if isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(page) else ""
    text = text or item.get("text") or ""
    if len(text) > MAX_QUOTE:
        text = text[:MAX_QUOTE]
    return text


def _annotators(conn: sqlite3.Connection, sha256: str) -> tuple[list[str], str | None]:
    rows = conn.execute(
        """SELECT author, MAX(created_at) AS last FROM corrections WHERE sha256 = ? AND undone_at IS NULL
           GROUP BY author""",
        (sha256,),
    ).fetchall()
    authors = sorted(r["author"] or "(no name)" for r in rows)
    last = max((r["last"] for r in rows if r["last"]), default=None)
    return authors, last[:10] if last else None


def gold_label(conn: sqlite3.Connection, sha256: str) -> dict:
    """The gold label of one document, from its corrected export object; GoldExportError when it is not a
    processed document of the dataset."""
    doc = conn.execute("SELECT * FROM documents_effective WHERE sha256 = ?", (sha256,)).fetchone()
    if doc is None or doc["status"] != "done":
        raise GoldExportError(f"no extracted document with sha256 {sha256} in the dataset: process it first")
    obj = document_object(conn, doc)
    for key in EXPORT_ONLY:
        obj.pop(key, None)
    pages = _page_texts(conn, sha256)
    partial, notes = [], []
    for f in registry().of_kind(MENTIONS):
        if f.export["shape"] != "spans":
            continue
        kept = []
        for item in obj[f.name]:
            if item.get("page") is None or not _quote(item, pages).strip():
                continue  # an added mention without a page selection: it cannot be located on a page
            kept.append(item | {"text": _quote(item, pages)})
        if len(kept) < len(obj[f.name]):
            partial.append(f.name)
            notes.append(f"{f.name}: {len(obj[f.name]) - len(kept)} added without a page selection left out")
        obj[f.name] = kept
    sentence = next((f for f in registry().of_kind(SINGLE) if f.type.name == "sentence"), None)
    if sentence is not None and isinstance(doc[sentence.name], str):  # "life" or "time served": null in gold
        notes.append(f"{sentence.name}: {doc[sentence.name]}")
    authors, last = _annotators(conn, sha256)
    about = f"exported from the review on {date.today().isoformat()}: every item decided by {', '.join(authors)}"
    about += f" (last decision {last})" if last else ""
    obj["source"] = _source(conn, sha256, doc["path"])
    obj["in_scope"] = True
    if partial:
        obj["partial"] = partial
    obj["notes"] = "; ".join([about, *notes])
    validate(obj, f"{doc['file']} (exported)")
    return obj


def _file_name(file: str, sha256: str, taken: set[str]) -> str:
    name = f"{Path(file).name}.json"
    if name in taken:  # two documents of one name: the second carries its hash
        name = f"{Path(file).name}.{sha256[:12]}.json"
    taken.add(name)
    return name


def export_gold(
    conn: sqlite3.Connection, out_dir: str | os.PathLike[str], documents: list[str] | None = None
) -> list[Path]:
    """Write each document of ``documents`` (SHA-256s; default: every fully reviewed document) as
    ``<out_dir>/<file name>.json``, overwriting a file of that name; returns the paths written, in order.

    Every label is built and checked before the first file is written. Raises :class:`GoldExportError` for a
    SHA-256 that is not a processed document, :class:`GoldFolderError` when the folder cannot be created or
    written (both GoldError: exit code GOLD).
    """
    shas = reviewed_documents(conn) if documents is None else list(documents)
    labels = [gold_label(conn, sha) for sha in shas]
    out = Path(out_dir)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise GoldFolderError(f"{out}: cannot create the gold folder ({exc.strerror or exc})") from exc
    if not out.is_dir():
        raise GoldFolderError(f"{out}: is not a folder; name a folder to write the gold labels into")
    written, taken = [], set()
    for label in labels:
        path = out / _file_name(label["file"], label["sha256"], taken)
        try:
            path.write_text(json.dumps(label, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        except OSError as exc:
            raise GoldFolderError(f"{path}: cannot be written ({exc.strerror or exc})") from exc
        written.append(path)
    return written

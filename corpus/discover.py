"""Find input files, hash them, and tell what they really are.

``discover(paths)`` walks files and folders (recursively, skipping hidden files and
folders such as ``.git``), hashes each file with SHA-256 while streaming it, and
sniffs its real format from its first bytes. The format is compared with the file
name's extension by :func:`check_label`, which the reader calls before opening a file.
"""

from __future__ import annotations

import errno
import hashlib
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from expediente.corpus.errors import (
    EmptyDocument,
    Failure,
    MislabelledDocument,
    MissingDocument,
    UnreadableDocument,
    UnsupportedFileType,
)

CHUNK = 1 << 20
SNIFF_BYTES = 8192

# format -> the Document.kind it is read as
KIND_OF_FORMAT = {
    "pdf": "pdf",
    "png": "image",
    "jpeg": "image",
    "tiff": "image",
    "html": "html",
    "text": "text",
}
# extension -> the format the name promises
FORMAT_OF_EXTENSION = {
    ".pdf": "pdf",
    ".png": "png",
    ".jpg": "jpeg",
    ".jpeg": "jpeg",
    ".tif": "tiff",
    ".tiff": "tiff",
    ".html": "html",
    ".htm": "html",
    ".txt": "text",
    ".text": "text",
}
DESCRIPTION = {
    "pdf": "a PDF",
    "png": "a PNG image",
    "jpeg": "a JPEG image",
    "tiff": "a TIFF image",
    "html": "HTML",
    "text": "plain text",
    "binary": "binary data of an unknown format",
    "empty": "nothing (0 bytes)",
}
SKIPPED_DIRS = {"__pycache__", "node_modules"}
_HTML_MARKERS = ("<!doctype html", "<html", "<head", "<body", "<table", "<h3", "<div", "<p>")


@dataclass(frozen=True)
class FoundFile:
    """A file to read: where it is, its identity, and what its bytes say it is."""

    path: str
    sha256: str
    size: int
    detected: str  # pdf, png, jpeg, tiff, html, text, binary, empty

    @property
    def kind(self) -> str:
        """The Document kind it would be read as: pdf, image, text, html (or unknown)."""
        return KIND_OF_FORMAT.get(self.detected, "unknown")

    @property
    def extension(self) -> str:
        return Path(self.path).suffix.lower()

    @property
    def claimed(self) -> str | None:
        """The format the file name promises, if its extension is one we know."""
        return FORMAT_OF_EXTENSION.get(self.extension)


def sniff(head: bytes) -> str:
    """The real format of a file from its first bytes."""
    if not head:
        return "empty"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith((b"II*\x00", b"MM\x00*")):
        return "tiff"
    if b"%PDF-" in head[:1024]:  # readers accept a little junk before the header
        return "pdf"
    if b"\x00" in head:
        return "binary"
    text = _decode_head(head)
    if text is None:
        return "binary"
    lowered = text[:4096].lower().lstrip("\ufeff \t\r\n")
    if lowered.startswith("<") and any(marker in lowered for marker in _HTML_MARKERS):
        return "html"
    if "<!doctype html" in lowered or "<html" in lowered:
        return "html"
    return "text"


def _decode_head(head: bytes) -> str | None:
    """Decode the head as text, or None when it is not text."""
    try:
        return head.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start >= len(head) - 3:  # a multi-byte character cut by the sniff window
            return head[: exc.start].decode("utf-8")
    text = head.decode("cp1252", errors="replace")
    unusual = sum(1 for ch in text if ch == "\ufffd" or (ord(ch) < 32 and ch not in "\t\n\r\f\x0b"))
    return text if unusual <= len(text) * 0.02 else None


def inspect(path: str | os.PathLike[str]) -> FoundFile:
    """Hash ``path`` (streaming) and sniff its format. Raises OSError if it cannot be read."""
    digest = hashlib.sha256()
    head = b""
    size = 0
    with open(path, "rb") as fh:
        while chunk := fh.read(CHUNK):
            if len(head) < SNIFF_BYTES:
                head += chunk[: SNIFF_BYTES - len(head)]
            digest.update(chunk)
            size += len(chunk)
    return FoundFile(path=str(path), sha256=digest.hexdigest(), size=size, detected=sniff(head))


def check_label(found: FoundFile) -> str | None:
    """Raise when a file cannot be read as what it is; return a warning when it is only misnamed.

    A name that promises one family of format (PDF, image, text/HTML) while the bytes
    are another is an error: a text file named ``.pdf`` is not a PDF. A mismatch inside
    a family (a JPEG named ``.png``, HTML named ``.txt``) is read by content, with a warning.
    """
    name = Path(found.path).name
    if found.detected == "empty":
        raise EmptyDocument(f"{name}: the file is empty (0 bytes)")
    if found.detected == "binary":
        raise UnsupportedFileType(
            f"{name}: {DESCRIPTION['binary']}; expediente reads PDF, TIFF/PNG/JPEG, .txt and PACER .html"
        )
    claimed = found.claimed
    if claimed is None:
        if found.extension and found.kind in ("text", "html"):
            raise UnsupportedFileType(
                f"{name}: {found.extension} files are not read as filings; "
                "expediente reads PDF, TIFF/PNG/JPEG, .txt and PACER .html"
            )
        return None  # no or unknown extension: PDFs and images are read by content
    if claimed == found.detected:
        return None
    family = {"pdf": "pdf", "png": "image", "jpeg": "image", "tiff": "image", "html": "text", "text": "text"}
    if family[claimed] != family[found.detected]:
        raise MislabelledDocument(
            f"{name}: file is named {found.extension} but contains {DESCRIPTION[found.detected]}; "
            f"rename it to match its content (or replace it with the real {claimed.upper()} file)"
        )
    return f"file is named {found.extension} but contains {DESCRIPTION[found.detected]}; read by content"


def walk(root: Path, rejected: list[tuple[str, Failure]]) -> Iterator[Path]:
    """The visible files under ``root`` (no hidden files or folders, no ``SKIPPED_DIRS``), in order; a folder that
    cannot be listed is added to ``rejected``."""

    def unreadable(exc: OSError) -> None:  # a folder of the tree that cannot be listed is recorded, not skipped
        where = exc.filename or root
        rejected.append(
            (str(where), UnreadableDocument(f"cannot list the folder {where}: {exc.strerror or exc}").failure())
        )

    for dirpath, dirnames, filenames in os.walk(root, onerror=unreadable):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and d not in SKIPPED_DIRS)
        for name in sorted(filenames):
            if not name.startswith("."):
                yield Path(dirpath) / name


def _problem(path: Path) -> Failure | None:
    """Why ``path`` cannot be read as a file (None when it can): missing, a symbolic link loop or one to
    nowhere, not a regular file, or a folder on the way that may not be entered."""
    try:
        if path.is_symlink():
            try:
                path.resolve(strict=True)
            except RuntimeError:
                return UnreadableDocument(f"{path} is a symbolic link loop").failure()
            except OSError as exc:
                if exc.errno == errno.ELOOP:
                    return UnreadableDocument(f"{path} is a symbolic link loop").failure()
                return MissingDocument(
                    f"{path} is a symbolic link to {os.readlink(path)}, which does not exist"
                ).failure()
        if not path.exists():
            return MissingDocument(f"{path} does not exist").failure()
        if not path.is_file():
            return UnsupportedFileType(f"{path} is not a regular file").failure()
    except OSError as exc:
        return UnreadableDocument(f"cannot reach {path}: {exc.strerror or exc}").failure()
    return None


def discover(paths: Iterable[str | os.PathLike[str]]) -> tuple[list[FoundFile], list[tuple[str, Failure]]]:
    """Every file under ``paths`` (files named directly, hidden or not, and the visible files under named
    folders), hashed and sniffed.

    Returns ``(found, rejected)``: ``rejected`` holds ``(path, failure)`` for what could not even be read
    (missing, a symbolic link loop, permission denied on a file or on a folder of a walked tree), so the batch
    records each and goes on: discovery never aborts a batch.
    """
    found: list[FoundFile] = []
    rejected: list[tuple[str, Failure]] = []
    for raw in paths:
        path = Path(raw)
        try:
            is_dir = path.is_dir()
        except OSError:
            is_dir = False
        for item in walk(path, rejected) if is_dir else [path]:
            problem = _problem(item)
            if problem is not None:
                rejected.append((str(item), problem))
                continue
            try:
                found.append(inspect(item))
            except OSError as exc:
                rejected.append((str(item), UnreadableDocument(f"cannot read {item}: {exc.strerror or exc}").failure()))
    return found, rejected

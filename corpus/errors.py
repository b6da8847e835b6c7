"""Named errors with messages a user can act on. flows/cli.py turns them into exit codes."""

from __future__ import annotations


class ExpedienteError(Exception):
    """Base of every error the tool reports to a user."""

    exit_code = 1
    reason = "error"  # short machine-readable reason stored in the dataset


class UnreadableDocument(ExpedienteError):
    """A file that cannot be turned into pages. Recorded as a failed document; the batch goes on."""

    exit_code = 3
    reason = "unreadable"


class UnsupportedFileType(UnreadableDocument):
    reason = "unsupported_type"


class EmptyDocument(UnreadableDocument):
    reason = "empty"


class CorruptDocument(UnreadableDocument):
    reason = "corrupt"


class EncryptedDocument(UnreadableDocument):
    reason = "encrypted"


class MislabelledDocument(UnreadableDocument):
    reason = "mislabelled"


class OversizedDocument(UnreadableDocument):
    reason = "oversized"


class OcrError(ExpedienteError):
    """The OCR engine failed on a page (missing binary, crash, timeout)."""

    exit_code = 4
    reason = "ocr_failed"


class OcrUnavailable(OcrError):
    """The OCR engine cannot run at all (binary or language data missing): not one page's fault."""

    reason = "ocr_unavailable"

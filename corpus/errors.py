"""Named errors with messages a user can act on, and the one table of exit codes.

Every :class:`ExpedienteError` subclass takes its ``exit_code`` from :class:`ExitCode`; a family of
errors (a class and its subclasses) owns one code, and ``flows/cli.py`` ``main`` turns codes into the
process's exit status. The README's exit-code table is checked against :class:`ExitCode` by
``tests/test_docs.py``.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum


class ExitCode(IntEnum):
    """What ``expediente`` exits with."""

    OK = 0  # done: nothing to do, or every document done or skipped
    OTHER_ERROR = 1  # an error with no code of its own (a traceback means a bug: please report it)
    BAD_ARGS = 2  # the command line is wrong (argparse's usage error)
    INPUT_FILE = 3  # a document cannot be read (corrupt, encrypted, empty, mislabelled, oversized)
    ARTIFACT = 4  # a classifier artifact is missing or untrusted
    DATASET = 5  # the dataset path is missing, not a case dataset, or of another schema version
    CORRECTION = 6  # a correction names a document, field, item or action that does not exist
    GOLD = 7  # a gold label file cannot be used
    OCR = 8  # the OCR engine is missing or failed
    OUTPUT_FILE = 9  # the file a command writes cannot be opened (missing folder, no permission)
    SOME_DOCUMENTS_FAILED = 10  # `process`: some documents failed, the others are stored
    ALL_DOCUMENTS_FAILED = 11  # `process`: every document considered failed
    SERVER = 12  # a local server (`browse`) cannot listen: the port is taken or not allowed
    PROFILE = 13  # `report --compare`: the comparison profile cannot be used
    ACCOUNT = 14  # `review`: an account cannot be made or used, or the workbench would serve others without any
    ENGINE = 15  # `process`: the Dask cluster named does not answer, or Prefect's local server does not start
    INTERRUPTED = 130  # Ctrl-C (128 + SIGINT)
    BROKEN_PIPE = 141  # the reader of standard output went away, e.g. `| head` (128 + SIGPIPE)


class ExpedienteError(Exception):
    """Base of every error the tool reports to a user."""

    exit_code: ExitCode = ExitCode.OTHER_ERROR
    reason = "error"  # short machine-readable reason stored in the dataset

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if "exit_code" in vars(cls):  # a family's own code: one of the table, or the import fails
            cls.exit_code = ExitCode(vars(cls)["exit_code"])

    def failure(self) -> Failure:
        return Failure(self.reason, str(self))


@dataclass(frozen=True)
class Failure:
    """Why a document failed: a short machine-readable reason and the message a user can act on."""

    reason: str
    message: str

    def __str__(self) -> str:
        return f"{self.reason}: {self.message}"


class UnreadableDocument(ExpedienteError):
    """A file that cannot be turned into pages. Recorded as a failed document; the batch goes on."""

    exit_code = ExitCode.INPUT_FILE
    reason = "unreadable"


class UnsupportedFileType(UnreadableDocument):
    reason = "unsupported_type"


class MissingDocument(UnreadableDocument):
    reason = "missing"


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

    exit_code = ExitCode.OCR
    reason = "ocr_failed"


class OcrUnavailable(OcrError):
    """The OCR engine cannot run at all (binary or language data missing): not one page's fault."""

    reason = "ocr_unavailable"

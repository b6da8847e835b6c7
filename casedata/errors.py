"""Errors of the case dataset."""

from expediente.corpus.errors import ExpedienteError


class DatasetError(ExpedienteError):
    exit_code = 5
    reason = "dataset"


class MigrationError(DatasetError):
    """The database file is newer than this code, or a migration failed."""


class CorrectionError(DatasetError):
    """A correction names a document, field or action that does not exist."""

    exit_code = 2

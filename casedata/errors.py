"""Errors of the case dataset."""

from expediente.corpus.errors import ExitCode, ExpedienteError


class DatasetError(ExpedienteError):
    """The dataset path is missing, is not a case dataset, or cannot be used."""

    exit_code = ExitCode.DATASET
    reason = "dataset"


class MigrationError(DatasetError):
    """The dataset's schema is newer (or older) than this code, or a migration failed."""


class CorrectionError(ExpedienteError):
    """A correction names a document, field or action that does not exist."""

    exit_code = ExitCode.CORRECTION
    reason = "correction"


class AccountError(ExpedienteError):
    """An annotator's account cannot be created or used, or the workbench would be reachable without accounts."""

    exit_code = ExitCode.ACCOUNT
    reason = "account"

"""One exit-code table: every error family owns one code of ExitCode, and no two share one."""

from __future__ import annotations

import importlib
from collections import defaultdict
from pathlib import Path

import pytest

from expediente.corpus.errors import ExitCode, ExpedienteError, Failure, UnreadableDocument

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("annotations", "casedata", "corpus", "extractors", "flows", "models")


def error_classes() -> list[type[ExpedienteError]]:
    """Every ExpedienteError subclass of the code, after importing every module (errors live in many)."""
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = path.relative_to(ROOT).with_suffix("").parts
            module = parts[:-1] if parts[-1] == "__init__" else parts
            importlib.import_module(".".join(("expediente", *module)))
    found, todo = [], [ExpedienteError]
    while todo:
        cls = todo.pop()
        if cls.__module__.startswith("expediente."):
            found.append(cls)
        todo.extend(cls.__subclasses__())
    return found


def families() -> dict[ExitCode, list[type[ExpedienteError]]]:
    """Exit code -> the classes that set it (the roots of error families)."""
    owners = defaultdict(list)
    for cls in error_classes():
        if "exit_code" in vars(cls):
            owners[cls.exit_code].append(cls)
    return owners


def test_every_error_takes_its_code_from_the_table():
    for cls in error_classes():
        assert type(cls.exit_code) is ExitCode, cls


def test_no_two_error_families_share_an_exit_code():
    """Regression: CorrectionError and GoldError both exited 2; artifact errors reused OCR's 4."""
    shared = {code.name: [c.__name__ for c in owners] for code, owners in families().items() if len(owners) > 1}
    assert shared == {}


def test_the_outcomes_that_are_not_errors_have_no_error_class():
    outcomes = {ExitCode.OK, ExitCode.BAD_ARGS, ExitCode.INTERRUPTED, ExitCode.BROKEN_PIPE}
    assert set(families()) == set(ExitCode) - outcomes


def test_a_code_outside_the_table_fails_when_the_class_is_made():
    with pytest.raises(ValueError, match="is not a valid ExitCode"):
        type("Stray", (ExpedienteError,), {"exit_code": 99})


def test_a_failure_is_the_errors_reason_and_message():
    failure = UnreadableDocument("scan.pdf: cannot be read").failure()
    assert failure == Failure("unreadable", "scan.pdf: cannot be read")
    assert str(failure) == "unreadable: scan.pdf: cannot be read"

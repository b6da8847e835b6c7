"""The command line's doors: bad datasets, bad output paths, closed pipes, failed batches, untrusted names.

Each bad input here was found by trying it as a new user would; each row is a regression test. Datasets are
real SQLite files; the commands run through ``main([...])`` or as real ``expediente`` processes.
"""

from __future__ import annotations

import io
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from expediente.casedata import store
from expediente.casedata.db import connect, migrations
from expediente.casedata.errors import DatasetError
from expediente.casedata.lookup import find_document
from expediente.corpus.errors import ExitCode, Failure
from expediente.extractors.records import DocumentRecord, Value
from expediente.flows.batch import AllDocumentsFailed, BatchSummary, SomeDocumentsFailed
from expediente.flows.cli import main

EXPEDIENTE = Path(sys.executable).with_name("expediente")
SAMPLE_DOCS = Path(__file__).resolve().parents[1] / "corpus" / "sample" / "docs"
SAMPLE_TEXT = SAMPLE_DOCS / "txsd_19cr738_indictment_hostage_taking.txt"
ESC = "\x1b"


def make_dataset(path: Path, files: tuple[str, ...] = ("plea_1.pdf", "plea_2.pdf")) -> Path:
    """A real case dataset holding one extracted document per name."""
    conn = connect(path)
    for i, name in enumerate(files):
        record = DocumentRecord(
            sha256=f"{i:x}" * 64, file=name, path=f"/in/{name}", kind="pdf", pipeline_version="v1", status="done"
        )
        record.values["custody"] = Value("custody", "extradited", None)
        store.write_document(conn, record, None)
    conn.close()
    return path


def random_bytes(path: Path) -> Path:
    path.write_bytes(os.urandom(8192))
    return path


def sqlite_with(*statements: str):
    """A maker of a plain SQLite file (not a case dataset) after ``statements``."""

    def make(path: Path) -> Path:
        conn = sqlite3.connect(path)
        for statement in statements:
            conn.execute(statement)
        conn.commit()
        conn.close()
        return path

    return make


def dataset_with(statement: str):
    """A maker of a case dataset changed by ``statement``."""

    def make(path: Path) -> Path:
        return sqlite_with(statement)(make_dataset(path))

    return make


def older_dataset(path: Path) -> Path:
    """A case dataset made by the expediente before the last migration."""
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT, applied_at TEXT)")
    for number, name, script in migrations()[:-1]:
        conn.executescript(script.read_text(encoding="utf-8"))
        conn.execute("INSERT INTO schema_migrations VALUES (?, ?, '')", (number, name))
    conn.commit()
    conn.close()
    return path


def folder(path: Path) -> Path:
    path.mkdir()
    return path


def empty_file(path: Path) -> Path:
    path.write_bytes(b"")
    return path


def truncated_dataset(path: Path) -> Path:
    data = make_dataset(path.with_name("whole.sqlite")).read_bytes()
    path.write_bytes(data[:3000])
    return path


NOT_A_DATASET = [
    ("missing", lambda path: path, "no case dataset at"),
    ("random-bytes", random_bytes, "not a SQLite database"),
    (
        "unrelated-sqlite",
        sqlite_with("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)", "INSERT INTO notes (body) VALUES ('x')"),
        "not an expediente case dataset",
    ),
    (  # another framework's ledger under the same name (Rails writes `schema_migrations(version)`)
        "foreign-schema-migrations",
        sqlite_with("CREATE TABLE schema_migrations (version TEXT PRIMARY KEY)", "CREATE TABLE users (id INTEGER)"),
        "not an expediente case dataset",
    ),
    ("empty-sqlite", sqlite_with("PRAGMA user_version = 1"), "empty SQLite database"),  # a header, no tables
    ("folder", folder, "is a folder"),
    ("empty-file", empty_file, "is empty (0 bytes)"),
    ("truncated-dataset", truncated_dataset, "cannot be opened as a case dataset"),
    ("newer-schema", dataset_with("INSERT INTO schema_migrations VALUES (9999, 'next', '')"), "upgrade expediente"),
    ("older-schema", older_dataset, "older schema"),
]
READ_ONLY = [
    ["show", "plea_1.pdf"],
    ["export"],
    ["export", "--format", "csv"],
    ["stats"],
    ["stats", "--json"],
    ["report", "-o", os.devnull],
]


def snapshot(path: Path) -> bytes | str:
    if path.is_dir():
        return "folder:" + ",".join(sorted(p.name for p in path.iterdir()))
    return path.read_bytes() if path.exists() else "missing"


@pytest.mark.parametrize("command", READ_ONLY, ids=" ".join)
@pytest.mark.parametrize(("case", "make", "message"), NOT_A_DATASET, ids=[row[0] for row in NOT_A_DATASET])
def test_read_only_commands_refuse_what_is_not_a_dataset(tmp_path, capsys, command, case, make, message):
    """Regression: random bytes, another program's database or a folder ended in raw tracebacks, and a newer
    schema was read as if it were this one."""
    path = make(tmp_path / "data.sqlite")
    before = snapshot(path)
    assert main([*command, "--db", str(path)]) == ExitCode.DATASET
    captured = capsys.readouterr()
    assert message in captured.err and "Traceback" not in captured.err
    assert captured.out == ""
    assert snapshot(path) == before


PROCESS_ACCEPTS = ("missing", "empty-sqlite", "empty-file", "older-schema")  # created, or upgraded in place
PROCESS_REFUSES = [row for row in NOT_A_DATASET if row[0] not in PROCESS_ACCEPTS]


@pytest.mark.parametrize(("case", "make", "message"), PROCESS_REFUSES, ids=[row[0] for row in PROCESS_REFUSES])
def test_process_refuses_what_is_not_a_dataset_before_any_work(tmp_path, capsys, case, make, message):
    """Regression: `process` into an unrelated SQLite file silently added its tables to it."""
    path = make(tmp_path / "data.sqlite")
    before = snapshot(path)
    assert main(["process", str(SAMPLE_TEXT), "--db", str(path), "--no-progress"]) == ExitCode.DATASET
    assert message in capsys.readouterr().err
    assert snapshot(path) == before


@pytest.mark.parametrize(
    "make", [row[1] for row in NOT_A_DATASET if row[0] in PROCESS_ACCEPTS], ids=list(PROCESS_ACCEPTS)
)
def test_opening_to_write_creates_or_upgrades_the_dataset(tmp_path, make):
    conn = connect(make(tmp_path / "data.sqlite"))
    versions = [row[0] for row in conn.execute("SELECT version FROM schema_migrations ORDER BY version")]
    assert versions == [number for number, _, _ in migrations()]


def test_correct_on_a_missing_dataset_creates_nothing(tmp_path, capsys):
    """Regression: `correct` created an empty dataset before failing to find the document."""
    path = tmp_path / "typo.sqlite"
    argv = ["correct", "plea_1.pdf", "custody", "set", "--value", "extradited", "--db", str(path)]
    assert main(argv) == ExitCode.DATASET
    assert "no case dataset at" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_correct_on_an_existing_dataset_still_works(tmp_path, capsys):
    path = make_dataset(tmp_path / "data.sqlite")
    argv = ["correct", "plea_1.pdf", "custody", "set", "--value", "surrendered", "--db", str(path)]
    assert main(argv) == ExitCode.OK
    assert "recorded for plea_1.pdf" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("ident", "found"),
    [("plea_1.pdf", "plea_1.pdf"), ("/in/plea_2.pdf", "plea_2.pdf"), ("_lea_1.pdf", None), ("%%%%%%%%", None)],
    ids=["name", "path", "underscore-is-not-a-wildcard", "percent-is-not-a-wildcard"],
)
def test_a_document_name_is_matched_literally(tmp_path, ident, found):
    """Regression: `show` passed names into LIKE patterns, so `%` and `_` matched other documents."""
    conn = connect(make_dataset(tmp_path / "data.sqlite"), readonly=True)
    if found is None:
        with pytest.raises(DatasetError, match="no processed document matches"):
            find_document(conn, ident)
    else:
        assert find_document(conn, ident)["file"] == found


def test_a_dataset_path_with_uri_characters_opens_read_only(tmp_path, capsys):
    path = make_dataset(tmp_path / "cases #2 ?.sqlite")
    assert main(["export", "--db", str(path)]) == ExitCode.OK
    assert capsys.readouterr().out.count('"file"') == 2


@pytest.mark.parametrize(
    ("output", "message"),
    [("no-such-folder/out.jsonl", "No such file or directory"), (".", "Is a directory")],
    ids=["missing-folder", "a-folder"],
)
def test_export_to_a_path_it_cannot_write_says_so(tmp_path, capsys, output, message):
    path = make_dataset(tmp_path / "data.sqlite")
    assert main(["export", "--db", str(path), "-o", str(tmp_path / output)]) == ExitCode.OUTPUT_FILE
    err = capsys.readouterr().err
    assert "cannot write" in err and message in err


def test_a_bad_command_line_exits_with_bad_args(capsys):
    with pytest.raises(SystemExit) as info:
        main(["stats", "--no-such-option"])
    assert info.value.code == ExitCode.BAD_ARGS


def test_error_messages_carry_no_terminal_control_sequences(tmp_path, capsys):
    path = tmp_path / f"evil{ESC}]0;pwned\x07{ESC}[31m.sqlite"
    assert main(["stats", "--db", str(path)]) == ExitCode.DATASET
    err = capsys.readouterr().err
    assert ESC not in err and "\x07" not in err and "evil" in err


@pytest.mark.parametrize(
    "command",
    [["export"], ["export", "--format", "csv"], ["stats"], ["show", "plea_1.pdf", "--json"], ["show", "plea_1.pdf"]],
    ids=" ".join,
)
def test_output_into_a_closed_pipe_exits_quietly(tmp_path, command):
    """Regression: `expediente export | head -1` ended in a BrokenPipeError traceback."""
    path = make_dataset(tmp_path / "data.sqlite")
    proc = subprocess.Popen(
        [str(EXPEDIENTE), *command, "--db", str(path)], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    proc.stdout.close()  # the reader goes away before the first line, as `head` does after its last
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=60) == ExitCode.BROKEN_PIPE
    assert "Traceback" not in err and "Exception ignored" not in err


@pytest.mark.parametrize(
    ("done", "skipped", "failed", "expected", "message"),
    [
        (0, 0, 0, None, ""),
        (3, 0, 0, None, ""),
        (0, 3, 0, None, ""),
        (18, 0, 26, SomeDocumentsFailed, "26 of 44 documents failed"),
        (0, 1, 2, SomeDocumentsFailed, "2 of 3 documents failed"),
        (0, 0, 2, AllDocumentsFailed, "all 2 documents failed"),
    ],
    ids=["nothing-to-do", "all-done", "all-skipped", "some-failed", "failed-beside-skipped", "all-failed"],
)
def test_a_batch_with_failures_raises_its_exit_code(done, skipped, failed, expected, message):
    """Regression: `process` exited 0 when 26 of 44 files failed."""
    summary = BatchSummary(
        run_id=7,
        done=[f"d{i}.pdf" for i in range(done)],
        skipped=[f"s{i}.pdf" for i in range(skipped)],
        failed=[(f"f{i}.pdf", Failure("empty", "no text")) for i in range(failed)],
    )
    if expected is None:
        summary.raise_for_failures()
        return
    with pytest.raises(expected, match=r"run_id = 7") as info:
        summary.raise_for_failures()
    assert message in str(info.value)


UNTRUSTED_NAMES = [
    ("in/case[/]b.txt", "in/case[/]b.txt"),  # a closing tag: rich raised MarkupError after the data was stored
    ("in/[sealed] plea.pdf", "in/[sealed] plea.pdf"),  # a tag rich silently swallowed
    (f"in/x{ESC}]0;pwned\x07{ESC}[31mred.pdf", "in/xred.pdf"),  # a window title and a colour
]


def test_the_summary_prints_untrusted_names_as_they_are():
    """Regression: a path containing `[/]` crashed `process`'s summary, and `[sealed]` disappeared from it."""
    from rich.console import Console

    from expediente.flows.progress import print_summary

    summary = BatchSummary(run_id=1, failed=[(path, Failure("empty", f"{path}: empty")) for path, _ in UNTRUSTED_NAMES])
    out = io.StringIO()
    print_summary(summary, Console(file=out, width=40))
    for _, shown in UNTRUSTED_NAMES:
        assert f"failed {shown}: empty: {shown}: empty\n" in out.getvalue()
    assert ESC not in out.getvalue() and "\x07" not in out.getvalue()


@pytest.mark.flow
@pytest.mark.xdist_group("prefect")
def test_process_exit_codes_end_to_end(prefect, tmp_path, capsys):
    """Real `process` runs: some failed (10), all failed (11), all skipped (0), nothing to do (0); the names
    holding rich markup are printed as they are."""
    mixed = tmp_path / "mixed"
    (mixed / "case[").mkdir(parents=True)
    shutil.copy(SAMPLE_TEXT, mixed / "indictment.txt")
    (mixed / "case[" / "]b.txt").write_text("  \n")
    (mixed / "[sealed] plea.txt").write_bytes(b"")
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "blank.txt").write_text(" \n\n ")
    (tmp_path / "nothing").mkdir()
    db = tmp_path / "cases.sqlite"
    runs = [
        (mixed, ExitCode.SOME_DOCUMENTS_FAILED),
        (bad, ExitCode.ALL_DOCUMENTS_FAILED),
        (mixed / "indictment.txt", ExitCode.OK),  # already extracted: skipped
        (tmp_path / "nothing", ExitCode.OK),
    ]
    codes = [main(["process", str(folder), "--db", str(db), "--no-progress"]) for folder, _ in runs]
    err = capsys.readouterr().err
    assert codes == [code for _, code in runs]
    assert "2 of 3 documents failed" in err and "all 1 documents failed" in err
    assert f"failed {mixed / 'case[' / ']b.txt'}: empty: ]b.txt: " in err
    assert f"failed {mixed / '[sealed] plea.txt'}: empty: [sealed] plea.txt: " in err
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT COUNT(*) FROM documents WHERE status = 'done'").fetchone()[0] == 1


def test_show_prints_untrusted_text_as_it_is(tmp_path, capsys):
    """Regression: an alias `[/]Primo` crashed `show`; `[sealed]` vanished; escape sequences reached the terminal."""
    from expediente.extractors.records import Defendant

    conn = connect(tmp_path / "ds.sqlite")
    name = "[sealed] plea [/b].pdf"
    record = DocumentRecord(
        sha256="e" * 64, file=name, path=f"/in/{name}", kind="pdf", pipeline_version="v1", status="done"
    )
    record.defendants = [Defendant("Juan [bold]Perez", ("[/]Primo", f"{ESC}]0;pwned{ESC}\\El Gordo"), None)]
    record.warnings = [f"low OCR confidence [red] {ESC}[2J"]
    store.write_document(conn, record, None)
    conn.close()
    assert main(["show", "e" * 64, "--db", str(tmp_path / "ds.sqlite")]) == ExitCode.OK
    out = capsys.readouterr().out
    assert "[sealed] plea [/b].pdf" in out and "[/]Primo" in out and "Juan [bold]Perez" in out and "[red]" in out
    assert "El Gordo" in out and ESC not in out and "pwned" not in out


@pytest.mark.parametrize(
    ("var", "value", "message"),
    [
        ("EXPEDIENTE_OCR_RETRIES", "abc", "EXPEDIENTE_OCR_RETRIES='abc' is not a whole number of 0 or more"),
        ("EXPEDIENTE_WORKERS", "-2", "EXPEDIENTE_WORKERS='-2' is not a whole number of 0 or more"),
        ("EXPEDIENTE_OCR_DPI", "3OO", "EXPEDIENTE_OCR_DPI='3OO' is not a whole number"),
        ("EXPEDIENTE_LOW_OCR_CONFIDENCE", "high", "EXPEDIENTE_LOW_OCR_CONFIDENCE='high' is not a number"),
    ],
)
def test_a_setting_that_is_not_a_number_is_named(tmp_path, var, value, message):
    """Regression: `EXPEDIENTE_OCR_RETRIES=abc expediente process ...` ended in a ValueError traceback."""
    env = {**os.environ, var: value}
    done = subprocess.run(
        [str(EXPEDIENTE), "process", str(SAMPLE_TEXT), "--db", str(tmp_path / "ds.sqlite"), "--no-progress"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == ExitCode.OTHER_ERROR
    assert message in done.stderr and "Traceback" not in done.stderr


def test_a_batch_with_nothing_new_never_starts_prefect(tmp_path):
    """Re-running over files the dataset already holds decides from their hashes alone: Prefect's local server,
    which keeps its database in PREFECT_HOME, never starts (a run that started it leaves prefect.db there)."""
    from tests.conftest import process_into

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "indictment.txt").write_text("UNITED STATES DISTRICT COURT\nUNITED STATES v. JUAN PEREZ\nINDICTMENT\n")
    db = process_into(folder, tmp_path / "cases.sqlite")
    home = tmp_path / "prefect-home"
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")} | {"PREFECT_HOME": str(home)}
    command = [sys.executable, "-m", "expediente.flows.cli", "process", str(folder), "--db", str(db), "--no-progress"]
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "0 done, 1 skipped, 0 failed" in done.stderr
    assert not (home / "prefect.db").exists()

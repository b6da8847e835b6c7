"""The README and --help must not drift from the code."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from expediente.casedata.export import export_keys
from expediente.flows.cli import COMMANDS, build_parser

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_gives_the_two_commands_first():
    commands = re.findall(r"^make (\w+)", README, flags=re.M)
    assert commands[:2] == ["demo", "test"]
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^demo:", makefile, flags=re.M) and re.search(r"^test:", makefile, flags=re.M)
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_every_command_is_documented(command):
    assert re.search(rf"^expediente {command}\b", README, flags=re.M), f"README does not show `expediente {command}`"


def test_help_lists_every_command(capsys):
    with pytest.raises(SystemExit):
        build_parser().parse_args(["--help"])
    out = capsys.readouterr().out
    for command in COMMANDS:
        assert command in out


def test_readme_lists_the_export_keys_in_order():
    section = README[README.index("`export --format jsonl` writes these keys") :]
    found = re.findall(r"`(\w+)`", section[: section.index("### Corrections")])
    keys = [k for k in found if k in export_keys()]
    assert list(dict.fromkeys(keys)) == list(export_keys())


@pytest.mark.parametrize("var", re.findall(r"`(EXPEDIENTE_[A-Z_]+)`", README))
def test_documented_settings_exist(var):
    sources = (ROOT / "corpus" / "settings.py").read_text() + (ROOT / "flows" / "settings.py").read_text()
    name = var.removeprefix("EXPEDIENTE_").lower()
    assert name in sources or var in sources, f"{var} is documented but not read anywhere"


def readme_exit_codes() -> list[tuple[int, str, str]]:
    """(code, name, exception) rows of the README's exit-code table."""
    section = README[README.index("### Exit codes") :]
    section = section[: section.index("\n#")]
    rows = re.findall(r"^\| (\d+) \| `(\w+)` \|.*\| (?:`(\w+)`)? *\|$", section, flags=re.M)
    return [(int(code), name, exception) for code, name, exception in rows]


def test_readme_exit_code_table_is_the_enum():
    from expediente.corpus.errors import ExitCode

    assert [(code, name) for code, name, _ in readme_exit_codes()] == [(c.value, c.name) for c in ExitCode]


def test_readme_names_the_error_family_of_each_code():
    from tests.test_errors import families

    owners = {code.value: [cls.__name__ for cls in classes] for code, classes in families().items()}
    documented = {code: [exception] for code, _, exception in readme_exit_codes() if exception}
    assert documented == owners

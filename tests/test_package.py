"""The installable package: a wheel built from the checkout, installed into a fresh virtual environment with its
pinned dependencies, runs `process` and `export` from a folder outside the checkout.

It proves that everything expediente needs of its own (code and data) is in the wheel under the one
``expediente`` namespace, that nothing is read through paths into the checkout, and that the wheel claims no
generic top-level names. The install takes its dependencies from the package index (pip's cache after
``make setup``): about 70 s on 2 cores.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "corpus" / "sample" / "docs" / "casd_19mj21544_complaint_quinones.pdf"
GOLDEN = ROOT / "tests" / "golden" / "sample_export.jsonl"
NOT_SOURCES = shutil.ignore_patterns(
    ".git", ".venv", "build", "out", "*.egg-info", "__pycache__", ".pytest_cache", ".ruff_cache", "*.sqlite*"
)
SHIPPED_DATA = (
    "expediente/extractors/config.cfg",
    "expediente/extractors/data/fields.json",
    "expediente/extractors/data/statute_taxonomy.json",
    "expediente/casedata/migrations/0001_initial.sql",
    "expediente/casedata/profiles/extraditing_the_truth.json",
    "expediente/annotations/gold_schema.json",
    "expediente/models/artifacts/latest.json",
)

pytestmark = [pytest.mark.package, pytest.mark.flow]


def _run(cmd: list, **kw) -> subprocess.CompletedProcess:
    done = subprocess.run([str(c) for c in cmd], capture_output=True, text=True, timeout=900, **kw)
    assert done.returncode == 0, f"{cmd[:3]} exited {done.returncode}:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return done


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """A wheel built, without network, from a copy of the checkout's sources (no stale build folders)."""
    tmp = tmp_path_factory.mktemp("wheel")
    src = tmp / "src"
    shutil.copytree(ROOT, src, ignore=NOT_SOURCES)
    _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-w", tmp / "dist", src])
    (built,) = (tmp / "dist").glob("expediente-*.whl")
    return built


def test_the_wheel_holds_one_namespace_and_its_data(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    tops = {n.split("/")[0] for n in names if not n.startswith("expediente-")}
    assert tops == {"expediente"}
    packages = {n.split("/")[1] for n in names if n.startswith("expediente/")}
    assert packages == {"annotations", "casedata", "corpus", "extractors", "flows", "models"}
    assert not [n for n in names if "/gold/" in n or "/sample/" in n or "samplegen" in n or "/tests/" in n]
    assert set(SHIPPED_DATA) <= set(names)


def test_the_installed_wheel_processes_and_exports_outside_the_checkout(wheel, tmp_path):
    venv = tmp_path / "venv"
    _run([sys.executable, "-m", "venv", venv])
    _run([venv / "bin" / "python", "-m", "pip", "install", "-q", wheel])
    work = tmp_path / "work"
    (work / "in").mkdir(parents=True)
    shutil.copy(SAMPLE, work / "in")
    env = {
        "PATH": os.environ["PATH"],
        "HOME": str(tmp_path / "home"),
        "PREFECT_HOME": str(tmp_path / "prefect"),
        "EXPEDIENTE_DATA_DIR": str(tmp_path / "data"),
    }
    cli = venv / "bin" / "expediente"
    locate = "import expediente.flows.cli as m; print(m.__file__)"
    where = _run([venv / "bin" / "python", "-c", locate], cwd=work, env=env)
    assert Path(where.stdout.strip()).is_relative_to(venv)
    _run([cli, "process", "in", "--db", "ds.sqlite", "--no-progress"], cwd=work, env=env)
    out = _run([cli, "export", "--db", "ds.sqlite"], cwd=work, env=env).stdout
    golden = {json.loads(line)["file"]: json.loads(line) for line in GOLDEN.read_text(encoding="utf-8").splitlines()}
    assert json.loads(out) == golden[SAMPLE.name]
    # the shipped comparison profile is found by name inside the installed package
    _run(
        [cli, "report", "--db", "ds.sqlite", "-o", "report.html", "--compare", "extraditing_the_truth"],
        cwd=work,
        env=env,
    )
    assert "Compared with Extraditing the Truth" in (work / "report.html").read_text(encoding="utf-8")
    assert not (tmp_path / "data").exists() or not any((tmp_path / "data").rglob("*.skops"))

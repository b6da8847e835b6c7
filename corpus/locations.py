"""Where expediente finds what it ships and where it keeps what a user makes: every path in one place.

- Shipped data (patterns, the pipeline config, migrations, the gold schema, the default model artifacts) is
  read from the installed package with :mod:`importlib.resources`, never through ``__file__`` paths.
- User data (trained model artifacts) goes to the data directory: ``$EXPEDIENTE_DATA_DIR``, else
  ``$XDG_DATA_HOME/expediente``, else ``~/.local/share/expediente``. Nothing is written into the package.
- The repository's own material (gold labels, the sample corpus, the shared real documents) is found
  relative to the current directory, so the commands that use it run from a checkout; each has an option
  or a variable to point elsewhere.
"""

from __future__ import annotations

import os
from importlib.resources import files
from pathlib import Path


def shipped(package: str, *parts: str) -> Path:
    """A file or folder shipped inside ``expediente.<package>`` (installed as plain files, never zipped)."""
    return Path(str(files(f"expediente.{package}").joinpath(*parts)))


def data_dir() -> Path:
    """The user's data directory (created by whoever writes into it)."""
    if os.environ.get("EXPEDIENTE_DATA_DIR"):
        return Path(os.environ["EXPEDIENTE_DATA_DIR"])
    base = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(base) / "expediente"


def realdocs_dir() -> Path:
    """The shared real filings: ``$EXPEDIENTE_REALDOCS``, else ``../shared/realdocs`` from the checkout."""
    return Path(os.environ.get("EXPEDIENTE_REALDOCS") or Path("..") / "shared" / "realdocs")


def checkout(*parts: str) -> Path:
    """A path of the repository checkout (gold labels, the sample corpus), relative to the current directory."""
    return Path(*parts)

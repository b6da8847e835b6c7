"""A published study's figures beside ours: comparison profiles and the difference in percentage points.

A profile is a JSON file (the shipped ones are in ``casedata/profiles/``)::

    {
      "study": "Extraditing the Truth",
      "source": "where the numbers were read",
      "figures": [
        {"figure": "custody", "rows": ["extradited"], "label": "extradited", "count": 103, "of": 150,
         "source": "...", "quote": "103 of 150 persons were extradited", "note": "..."},
        {"figure": "plea", "rows": ["plea"], "label": "pleaded guilty", "share": 80, "source": "...", ...}
      ]
    }

Each entry names one of our figures (:data:`casedata.figures.FIGURES`) and the rows of it that answer the
same question: several rows are counted together (the defendants in any of them), and must share one
denominator. The published value is ``share`` (percent, as published) or ``count`` of ``of``; both may be
given (the share wins, the count is shown). ``source`` says where the number comes from; ``quote`` and
``note`` are shown with it. Anything else is a :class:`ProfileError` naming the entry and what to fix.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from expediente.casedata.figures import FIGURES, Figure, PersonKey
from expediente.corpus.errors import ExitCode, ExpedienteError
from expediente.corpus.locations import shipped

PROFILE_KEYS = {"_doc", "study", "source", "figures"}
ENTRY_KEYS = {"figure", "rows", "label", "share", "count", "of", "source", "quote", "note"}


class ProfileError(ExpedienteError):
    """A comparison profile that cannot be used: unreadable, or naming a figure or row the report has not."""

    exit_code = ExitCode.PROFILE
    reason = "profile"


@dataclass(frozen=True)
class Published:
    """One number of a published study, and the figure and rows of ours it maps to."""

    figure: str
    rows: tuple[str, ...]
    label: str
    share: float  # percent
    count: int | None
    of: int | None
    source: str
    quote: str = ""
    note: str = ""

    @property
    def shown(self) -> str:
        """The published value as the report shows it."""
        if self.count is not None and self.of is not None:
            return f"{self.count} of {self.of} ({self.share:.1f}%)"
        return f"{self.share:g}%"


@dataclass(frozen=True)
class Profile:
    study: str
    source: str
    entries: tuple[Published, ...]
    path: str


@dataclass
class Comparison:
    """A published number beside ours: our defendants in its rows, of the rows' denominator."""

    published: Published
    figure: Figure
    people: list[PersonKey]
    denominator: int

    @property
    def ours(self) -> float | None:
        """Our share in percent (None when the denominator is 0)."""
        return 100 * len(self.people) / self.denominator if self.denominator else None

    @property
    def difference(self) -> float | None:
        """Ours minus theirs, in percentage points."""
        return None if self.ours is None else self.ours - self.published.share


def shipped_profiles() -> dict[str, Path]:
    folder = shipped("casedata", "profiles")
    return {p.stem: p for p in sorted(folder.glob("*.json"))} if folder.is_dir() else {}


def resolve(name_or_path: str) -> Path:
    """A profile file: the path given, else the shipped profile of that name."""
    path = Path(name_or_path)
    if path.is_file():
        return path
    known = shipped_profiles()
    if name_or_path in known:
        return known[name_or_path]
    raise ProfileError(
        f"no comparison profile {name_or_path!r}: pass a profile file's path, or one of the shipped profiles "
        f"({', '.join(known) or 'none'})"
    )


def load_profile(name_or_path: str) -> Profile:
    """The profile at a path (or shipped under that name), checked; ProfileError saying what is wrong."""
    path = resolve(name_or_path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ProfileError(f"cannot read the comparison profile {path}: {exc.strerror or exc}") from exc
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ProfileError(f"the comparison profile {path} is not JSON: {exc}") from exc
    if not isinstance(data, dict):
        raise ProfileError(f"{path}: a profile is a JSON object with 'study', 'source' and 'figures'")
    unknown = sorted(set(data) - PROFILE_KEYS)
    missing = sorted({"study", "figures"} - set(data))
    if unknown or missing:
        raise ProfileError(
            f"{path}: unknown keys {unknown}, missing keys {missing} (a profile has {sorted(PROFILE_KEYS)})"
        )
    if not isinstance(data["figures"], list) or not data["figures"]:
        raise ProfileError(f"{path}: 'figures' must be a non-empty list of the study's numbers")
    entries = tuple(_entry(path, i, e, data.get("source", "")) for i, e in enumerate(data["figures"], 1))
    return Profile(str(data["study"]), str(data.get("source", "")), entries, str(path))


def _entry(path: Path, i: int, e: object, default_source: str) -> Published:
    where = f"{path}: entry {i}"
    if not isinstance(e, dict):
        raise ProfileError(f"{where} is not an object")
    where += f" ({e.get('label', e.get('figure', '?'))})"
    unknown = sorted(set(e) - ENTRY_KEYS)
    missing = sorted({"figure", "rows", "label"} - set(e))
    if unknown or missing:
        raise ProfileError(
            f"{where}: unknown keys {unknown}, missing keys {missing} (an entry has {sorted(ENTRY_KEYS)})"
        )
    if e["figure"] not in FIGURES:
        raise ProfileError(f"{where}: unknown figure {e['figure']!r}; the report's figures are {', '.join(FIGURES)}")
    rows = e["rows"]
    if not isinstance(rows, list) or not rows or not all(isinstance(r, str) and r for r in rows):
        raise ProfileError(f"{where}: 'rows' must be a non-empty list of row keys of figure {e['figure']!r}")
    count, of, share = e.get("count"), e.get("of"), e.get("share")
    for name, value in (("count", count), ("of", of)):
        if value is not None and (not isinstance(value, int) or isinstance(value, bool) or value < 0):
            raise ProfileError(f"{where}: {name!r} must be a whole number, not {value!r}")
    if share is not None and (not isinstance(share, int | float) or isinstance(share, bool) or not 0 <= share <= 100):
        raise ProfileError(f"{where}: 'share' is a percentage between 0 and 100, not {share!r}")
    if share is None:
        if count is None or not of:
            raise ProfileError(f"{where}: give 'share' (percent) or 'count' and 'of'")
        if count > of:
            raise ProfileError(f"{where}: 'count' {count} is more than 'of' {of}")
        share = 100 * count / of
    source = e.get("source") or default_source
    if not source:
        raise ProfileError(f"{where}: 'source' is needed (where the number was published)")
    return Published(
        e["figure"],
        tuple(rows),
        str(e["label"]),
        float(share),
        count,
        of,
        str(source),
        str(e.get("quote", "")),
        str(e.get("note", "")),
    )


def compare(profile: Profile, figures: list[Figure]) -> list[Comparison]:
    """Each published number beside ours; ProfileError when an entry names a row its figure cannot have."""
    by_id = {f.id: f for f in figures}
    out = []
    for i, p in enumerate(profile.entries, 1):
        where = f"{profile.path}: entry {i} ({p.label})"
        figure = by_id.get(p.figure)
        if figure is None:
            raise ProfileError(f"{where}: unknown figure {p.figure!r}; the report's figures are {', '.join(by_id)}")
        bad = [r for r in p.rows if not figure.can_have(r)]
        if bad:
            rows = ", ".join(r.key for r in (*figure.rows, *figure.unknowns)) or "none on this dataset"
            raise ProfileError(
                f"{where}: figure {p.figure!r} has no row {', '.join(map(repr, bad))} (its rows: {rows})"
            )
        present = [figure.row(r) for r in p.rows if any(x.key == r for x in (*figure.rows, *figure.unknowns))]
        denominators = {figure.row_denominator(r) for r in present}
        if len(denominators) > 1:
            raise ProfileError(f"{where}: rows {list(p.rows)} of figure {p.figure!r} are shares of different totals")
        denominator = denominators.pop() if denominators else figure.denominator
        people = list(dict.fromkeys(k for r in present for k in r.people))
        out.append(Comparison(p, figure, people, denominator))
    return out

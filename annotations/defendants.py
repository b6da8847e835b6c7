"""Defendant-level gold (``defendants.jsonl``, annotations/gold/FORMAT.md) and its scoring.

A gold row is one defendant in a case, labelled by reading every labelled document of the case; a
prediction is an object of the defendant export (``casedata.people.defendant_object``). Persons are matched
within a case (court id and case number compared without spaces or case) by name: folded names equal or
one's words within the other's (:func:`annotations.scoring.names_match`), or an alias. The persons of the
gold cases are scored as a set (``defendants``); each labelled key of a matched person as a value
(accuracy, a missed person counting as wrong) or, for lists, as a set; ``dates`` per date.

Which keys a row may hold is the shape of a person's object, handed in by the caller (the registry's
person rules decide it), so a field added to the registry is labelled and scored with no edit here.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path

from expediente.annotations.gold import DEFENDANTS_FILE, GoldError
from expediente.annotations.scoring import Board, _compact, fold, match_items, names_match

REQUIRED = ("court_id", "case_number", "defendant", "documents")
META = (*REQUIRED, "aliases", "notes")
PERSONS = "defendants"  # the report row of persons found


def files(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """The defendant gold files among ``paths`` (folders are searched)."""
    out = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            out += sorted(path.rglob(DEFENDANTS_FILE))
        elif path.name == DEFENDANTS_FILE:
            if not path.is_file():
                raise GoldError(f"{path}: no such defendant gold file")
            out.append(path)
    return out


def load(paths: Iterable[str | os.PathLike[str]], shape: dict) -> list[dict]:
    """Every defendant gold row of ``paths``, checked against ``shape`` (a person object's keys)."""
    rows = []
    for path in files(paths):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            where = f"{path}:{n}"
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise GoldError(f"{where}: not JSON ({exc.msg}); one object per line") from exc
            check(row, shape, where)
            rows.append(row)
    return rows


def check(row: dict, shape: dict, where: str) -> None:
    if not isinstance(row, dict):
        raise GoldError(f"{where}: a defendant label is a JSON object")
    missing = [k for k in REQUIRED if k not in row]
    if missing:
        raise GoldError(f"{where}: missing {', '.join(missing)} (see annotations/gold/FORMAT.md)")
    if not isinstance(row["documents"], list) or not row["documents"]:
        raise GoldError(f"{where}: documents lists the file names of the case's documents that name the person")
    unknown = [k for k in row if k not in META and k not in shape]
    if unknown:
        raise GoldError(f"{where}: unknown key(s) {', '.join(unknown)}; a person has {', '.join(shape)}")
    for key, value in row.items():
        if isinstance(shape.get(key), dict):
            if not isinstance(value, dict) or set(value) - set(shape[key]):
                raise GoldError(f"{where}: {key} is an object with keys among {', '.join(shape[key])}")
        elif isinstance(shape.get(key), list) and not isinstance(value, list):
            raise GoldError(f"{where}: {key} is a list")


def case_of(obj: dict) -> tuple[str, str]:
    return _compact(obj.get("court_id") or ""), _compact(obj.get("case_number") or "")


def same_person(gold: dict, pred: dict) -> bool:
    names = [pred["defendant"], *pred.get("aliases", [])]
    return any(names_match(gold["defendant"], n) for n in names) or any(
        fold(a) == fold(pred["defendant"]) for a in gold.get("aliases", [])
    )


def _same_value(gold, pred) -> bool:
    if gold is None or pred is None:
        return gold is None and pred is None
    if isinstance(gold, bool) or isinstance(pred, bool):
        return bool(gold) == bool(pred)
    return fold(str(gold)) == fold(str(pred))


def score(board: Board, gold: list[dict], predicted: list[dict], evaluated: set[str]) -> list[dict]:
    """Score the gold rows whose documents were all evaluated; return each row's wrong or missed values."""
    rows = [g for g in gold if set(g["documents"]) <= evaluated]
    by_case: dict[tuple[str, str], list[dict]] = {}
    for g in rows:
        by_case.setdefault(case_of(g), []).append(g)
    problems = []
    for case, wanted in by_case.items():
        found = [p for p in predicted if case_of(p) == case]
        match = match_items(wanted, found, same_person)
        board.set(PERSONS).add(match)
        paired = dict(match.pairs)
        for gi, g in enumerate(wanted):
            problems += _score_person(board, g, found[paired[gi]] if gi in paired else None)
        problems += [{"case": list(case), "extra_defendant": found[pi]["defendant"]} for pi in match.extra]
    return problems


def _score_person(board: Board, g: dict, p: dict | None) -> list[dict]:
    wrong = []
    if p is None:
        wrong.append({"case": list(case_of(g)), "missed_defendant": g["defendant"]})
    for key, value in g.items():
        if key in META:
            continue
        if isinstance(value, dict):  # dates
            for sub, gold_value in value.items():
                pred_value = (p or {}).get(key, {}).get(sub)
                ok = p is not None and _same_value(gold_value, pred_value)
                board.scalar(f"{key}.{sub}").add(ok)
                if p is not None and not ok:
                    wrong.append({"defendant": g["defendant"], f"{key}.{sub}": [gold_value, pred_value]})
        elif isinstance(value, list):
            pred_items = (p or {}).get(key) or []
            m = match_items(value, pred_items, lambda a, b: fold(str(a)) == fold(str(b)))
            board.set(key).add(m)
            if p is not None and (m.missed or m.extra):
                missed, extra = [value[i] for i in m.missed], [pred_items[i] for i in m.extra]
                wrong.append({"defendant": g["defendant"], key: {"missed": missed, "extra": extra}})
        else:
            ok = p is not None and _same_value(value, p.get(key))
            board.scalar(key).add(ok)
            if p is not None and not ok:
                wrong.append({"defendant": g["defendant"], key: [value, p.get(key)]})
    return wrong


def row_names(shape: dict) -> list[str]:
    """The report's rows, in a person object's order (dates one by one)."""
    names = [PERSONS]
    for key, value in shape.items():
        names += [f"{key}.{sub}" for sub in value] if isinstance(value, dict) else [key]
    return names

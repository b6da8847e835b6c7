"""Stable item keys: what a correction names, never a machine row id, so it survives re-processing.

Each key is defined here twice, side by side, for Python (``show --json``, validating a correction) and for
SQL (the effective views): a test checks that both give the same keys on a stored document.

- single fields: the empty key (a correction names the field of the document);
- mentions fields: ``value@page:start`` ("safety_valve@3:1290");
- defendants: the machine name; counts: the count label;
- statutes: ``count|statute`` ("1|21 U.S.C. § 952"; "|21 U.S.C. § 846" for a statute outside any count).
"""

from __future__ import annotations

from expediente.extractors.fields import COUNTS, DEFENDANTS, MENTIONS, STATUTES


def mention_key(value: str | None, page: int | None, start: int | None) -> str:
    return f"{value}@{page}:{start}"


def charge_key(count_label: str | None, statute: str) -> str:
    return f"{count_label or ''}|{statute}"


# SQL of each kind's key over its table's row alias {t}
SQL_KEYS = {
    MENTIONS: "{t}.value || '@' || {t}.page || ':' || {t}.start",
    DEFENDANTS: "{t}.name",
    COUNTS: "{t}.label",
    STATUTES: "COALESCE({t}.count_label, '') || '|' || {t}.statute",
}


def row_key(kind: str, row) -> str:
    """The key of a stored row (a sqlite3.Row or dict of the kind's table)."""
    if kind == MENTIONS:
        return mention_key(row["value"], row["page"], row["start"])
    if kind == DEFENDANTS:
        return row["name"]
    if kind == COUNTS:
        return row["label"]
    if kind == STATUTES:
        return charge_key(row["count_label"], row["statute"])
    return ""


def key_value(kind: str, key: str) -> str:
    """The machine value an item key names (its value, name, count label or statute)."""
    if kind == MENTIONS:
        return key.rsplit("@", 1)[0]
    if kind == STATUTES:
        return key.split("|", 1)[1]
    return key

"""Find a stored document by SHA-256 (or prefix), file name, or the path it was processed from."""

from __future__ import annotations

import sqlite3

from expediente.casedata.errors import DatasetError


def _like_literal(text: str) -> str:
    """``text`` matched literally by ``LIKE ... ESCAPE '\\'`` (a name may hold ``%`` or ``_``)."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def find_document(conn: sqlite3.Connection, ident: str) -> sqlite3.Row:
    literal = _like_literal(ident)
    rows = conn.execute(
        r"""SELECT DISTINCT d.* FROM documents_effective d LEFT JOIN document_files f ON f.sha256 = d.sha256
           WHERE d.sha256 = :i OR d.sha256 LIKE :prefix ESCAPE '\' OR d.file = :i OR d.path = :i OR f.path = :i
              OR f.path LIKE :suffix ESCAPE '\'""",
        {"i": ident, "prefix": f"{literal}%" if len(ident) >= 8 else "\x00", "suffix": f"%/{literal}"},
    ).fetchall()
    if not rows:
        raise DatasetError(f"no processed document matches {ident!r}: process it first, or check `expediente export`")
    if len(rows) > 1:
        names = ", ".join(f"{r['file']} ({r['sha256'][:12]})" for r in rows[:5])
        raise DatasetError(f"{ident!r} matches {len(rows)} documents: {names}; give the SHA-256 instead")
    return rows[0]

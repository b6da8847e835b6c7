"""Untrusted text (from documents, file names, corrections) made safe for a terminal and for a spreadsheet.

Bottom layer on purpose: ``casedata`` (CSV export) and ``flows`` (screen output) both use it.

- :func:`strip_control_sequences` removes what a terminal would act on instead of showing: ANSI/ECMA-48
  escape sequences (CSI such as colours and cursor moves, OSC such as window titles and hyperlinks, DCS,
  APC, PM, SOS strings and two-character escapes), and every other C0/C1 control character except tab and
  newline. Apply it to any untrusted text printed or written to CSV.
- :func:`neutralise_formula` prefixes ``'`` to a CSV cell a spreadsheet would run as a formula: one
  beginning with ``=``, ``+``, ``-``, ``@``, tab or carriage return (OWASP, "CSV Injection"). Apply it to
  text cells after :func:`strip_control_sequences`; numbers written as numbers are not text and stay as
  they are.
"""

from __future__ import annotations

import re

_CONTROL_SEQUENCE = re.compile(
    r"""
      (?:\x1b\[|\x9b)[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]      # CSI: colours, cursor moves, erase
    | (?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])                  # OSC, DCS, SOS, PM, APC string ...
      [^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)                     # ... up to BEL or ST
    | \x1b[\x20-\x2f]*[\x30-\x7e]                              # two-character escapes (ESC c resets)
    """,
    re.VERBOSE,
)
# C0 controls but tab and newline, DEL, and C1 controls (what is left of an unterminated sequence too)
_CONTROL_CHARACTER = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def strip_control_sequences(text: str) -> str:
    """``text`` without terminal escape sequences and control characters (tab and newline kept)."""
    return _CONTROL_CHARACTER.sub("", _CONTROL_SEQUENCE.sub("", text))


def neutralise_formula(cell: str) -> str:
    """``cell`` with a leading ``'`` when a spreadsheet would read it as a formula, else unchanged."""
    return "'" + cell if cell.startswith(FORMULA_TRIGGERS) else cell

"""Untrusted text made safe for a terminal and for a spreadsheet (corpus/safetext.py)."""

from __future__ import annotations

import pytest

from expediente.corpus.safetext import neutralise_formula, strip_control_sequences

ESC = "\x1b"

STRIP = [
    ("plain text", "JUAN PEREZ-LOPEZ, a.k.a. [sealed]", "JUAN PEREZ-LOPEZ, a.k.a. [sealed]"),
    ("rich markup is not a control sequence", "[/]Primo [bold]x[/bold]", "[/]Primo [bold]x[/bold]"),
    ("tab and newline kept", "Count One\tp. 3\nCount Two", "Count One\tp. 3\nCount Two"),
    ("accents and symbols kept", "Peña § 841(a)(1) – ¶ 7 “quoted”", "Peña § 841(a)(1) – ¶ 7 “quoted”"),
    ("colour (CSI SGR)", f"{ESC}[31mred{ESC}[0m text", "red text"),
    ("cursor move and erase (CSI)", f"a{ESC}[2J{ESC}[1;1Hb{ESC}[K", "ab"),
    ("private-mode CSI", f"{ESC}[?25lhidden cursor{ESC}[?1049h", "hidden cursor"),
    ("window title (OSC ended by BEL)", f"{ESC}]0;pwned\x07file.pdf", "file.pdf"),
    ("hyperlink (OSC 8 ended by ST)", f"{ESC}]8;;http://evil{ESC}\\click{ESC}]8;;{ESC}\\", "click"),
    ("device control string (DCS)", f"x{ESC}Pq#0;2;0;0;0{ESC}\\y", "xy"),
    ("terminal reset (two-character escape)", f"before{ESC}cafter", "beforeafter"),
    ("charset switch", f"{ESC}(0lqqk{ESC}(B", "lqqk"),
    ("8-bit CSI (C1)", "\x9b31mred", "red"),
    ("8-bit OSC (C1) ended by 8-bit ST", "\x9d0;title\x9cname", "name"),
    ("unterminated OSC: introducer dropped, rest shown", f"{ESC}]0;no end", "0;no end"),
    ("lone ESC", f"a{ESC}", "a"),
    ("bell, backspace, NUL, DEL", "a\x07b\x08c\x00d\x7fe", "abcde"),
    ("carriage return (overwrites a line)", "safe.pdf\revil.pdf", "safe.pdfevil.pdf"),
    ("vertical tab and form feed", "a\x0bb\x0cc", "abc"),
    ("other C1 controls", "a\x85b\x90c", "abc"),
]


@pytest.mark.parametrize(("case", "text", "expected"), STRIP, ids=[row[0] for row in STRIP])
def test_strip_control_sequences(case, text, expected):
    assert strip_control_sequences(text) == expected


FORMULAS = [
    ("equals", '=HYPERLINK("http://evil","x")', '\'=HYPERLINK("http://evil","x")'),
    ("plus", "+1+cmd|' /C calc'!A0", "'+1+cmd|' /C calc'!A0"),
    ("minus", "-2+3", "'-2+3"),
    ("at", "@SUM(A1:A2)", "'@SUM(A1:A2)"),
    ("tab", "\t=1+1", "'\t=1+1"),
    ("carriage return", "\r=1+1", "'\r=1+1"),
    ("plain text", "El Gordo", "El Gordo"),
    ("formula character later in the cell", "a=b, c+d, e-f, g@h", "a=b, c+d, e-f, g@h"),
    ("empty", "", ""),
    ("leading space is not a trigger", " =1", " =1"),
    ("a leading quote is not a trigger", "'=1", "'=1"),
    ("statute", "21 U.S.C. § 841(a)(1)", "21 U.S.C. § 841(a)(1)"),
]


@pytest.mark.parametrize(("case", "cell", "expected"), FORMULAS, ids=[row[0] for row in FORMULAS])
def test_neutralise_formula(case, cell, expected):
    assert neutralise_formula(cell) == expected


def test_strip_then_neutralise_catches_a_formula_hidden_behind_an_escape():
    assert neutralise_formula(strip_control_sequences(f"{ESC}[0m=1+1")) == "'=1+1"

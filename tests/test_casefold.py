"""extractors/casefold.py: a case-insensitive pattern run case-sensitively over the lower-cased text finds the
same spans (and casefold.finditer the same matches) as the pattern itself over the text; a pattern tried only
where its gate matches (casefold.gated, at_words) finds the same matches too."""

from __future__ import annotations

import json
import re

import pytest

from expediente.corpus.locations import shipped
from expediente.extractors import casefold
from expediente.extractors.sentences import compile_rule

PATTERNS = [
    r"[A-Zx]b",
    r"\bM[VY][- ]?[\dIl!]",
    r"[^a-z]x",
    r"\w+é",
    r"(?:[A-Z]\.){2,3}",
    r"[À-Þ]",
    r"[^À-Þ\s]",
    r"straße",
    r"\bK\b",
    r"(a)\1",
    r"[a-z]{2}(?=\W)",
    r"(?<![A-Z])SENTENCED\b",
    r"(?P<date>Jan(?:uary)?|Feb(?:ruary)?)\.? \d{1,2}",
]
TEXTS = [
    "The DEFENDANT was SENTENCED on January 5, 2020 to 120 months; MV-1, Mv1, mY!, V-2.",
    "ÉLAN élan STRASSE straße Straße J.R.R. j.r. Aa aA AA xb Xb ÀÉ àé",
    "a Kelvin sign: \u212a, a long s: \u017f, a dotless i: \u0131, a dotted I: \u0130, sigma: \u03a3\u03c3\u03c2",
]
# characters re folds specially: the rewritten pattern is refused, or the text is not lowered
SPECIAL_TEXT = TEXTS[2]


@pytest.mark.parametrize("pattern", PATTERNS)
@pytest.mark.parametrize("text", TEXTS)
def test_same_spans_and_matches(pattern, text):
    regex = re.compile(pattern, re.IGNORECASE)
    assert casefold.lowered(regex) is not None
    low = casefold.lowered_text(text)
    assert list(casefold.spans(regex, text, low)) == [m.span() for m in regex.finditer(text)]
    got = [(m.span(), m.groups()) for m in casefold.finditer(regex, text, low, 3, len(text) - 2)]
    assert got == [(m.span(), m.groups()) for m in regex.finditer(text, 3, len(text) - 2)]


def test_text_with_specially_folded_characters_is_not_lowered():
    assert casefold.lowered_text(SPECIAL_TEXT) is None
    assert casefold.lowered_text(TEXTS[1]) == TEXTS[1].lower()


@pytest.mark.parametrize(
    ("pattern", "flags"),
    [
        (r"abc", 0),  # case-sensitive already: nothing to rewrite
        (r"(?-i:ABC)d", re.IGNORECASE),  # inline flags
        ("\u0131x", re.IGNORECASE),  # the dotless i, folded with "i" by re
    ],
)
def test_patterns_left_as_they_are(pattern, flags):
    assert casefold.lowered(re.compile(pattern, flags)) is None


def test_every_character_pair_up_to_u0600():
    chars = [chr(i) for i in range(0x600)]
    for pattern in PATTERNS[:6]:
        regex = re.compile(pattern, re.IGNORECASE)
        fast = casefold.lowered(regex)
        for a in chars:
            for b in ("b", "x", "A", " ", "É"):
                low = casefold.lowered_text(a + b)
                if low is not None:
                    assert [m.span() for m in fast.finditer(low)] == [m.span() for m in regex.finditer(a + b)]


@pytest.mark.parametrize("name", ["benefit", "custody", "drug", "official", "plea", "sentence", "victim", "violence"])
def test_component_triggers_are_rewritten(name):
    data = json.loads(shipped("extractors", "data", f"{name}_patterns.json").read_text(encoding="utf-8"))
    assert casefold.lowered(compile_rule(data["trigger"])) is not None


def test_gated_is_finditer():
    regex = compile_rule(r"\bare you an? (?:citizen|national) of (?:the )?(?:Mexico|United States)\b")
    gate = compile_rule(r"(?=\bare you )")
    text = "Q. Are you a citizen of Mexico? A. Yes. Are  you an national of the United States? are you a citizen of X"
    assert [m.span() for m in casefold.gated(regex, gate, text)] == [m.span() for m in regex.finditer(text)]
    assert len(list(casefold.gated(regex, gate, text))) == 2


@pytest.mark.parametrize(
    ("pattern", "gate"),
    [
        (r"\babc", r"\b(?=[a])"),
        (r"abc", None),  # no word boundary first
        (r"\b(?:an? |the )?x", r"\b(?=[atx])"),
        (r"\b(?:a|\d)", None),  # a class of a category: not looked into
        (r"\b(?:a|-)", None),  # a branch beginning with a non-word character
        (r"\b(?:a)?", None),  # may match the empty string
        (r"(?:\ba|\bb)c", r"\b(?=[ab])"),
        (r"\b[A-C]", r"\b(?=[ABC])"),
        (r"\b[^a]", None),
        (r"(?<![\w-])(?:Gulf|Zetas)(?![\w-])", r"\b(?=[GZ])"),  # a lookbehind refusing word characters
        (r"(?<![A-Z])x", None),  # one refusing only some
        (r"\baka\b|(?m:^[ \t]*as)", r"\b(?=[a])|^"),  # or at a line's start
        (r"^[ \t]*as", None),  # the text's start only, without re.MULTILINE: not a gate
        (r"(?i:\bx)", None),  # inline flags other than re.M
    ],
)
def test_word_gate(pattern, gate):
    got = casefold.word_gate(re.compile(pattern))
    assert (got.pattern if got is not None else None) == gate


GATED = [
    r"(?P<cue>\ba/k/a\b|\baka\b|\bAKA\b|\b(?:also\s+)?known\s+as\b|(?m:^[ \t]*as(?=\s*['\"])))\s*(?P<name>[A-Z]\w+)",
    r"(?<![\w-])(?:Gulf[\s-]?Cartel|Los Zetas|CJNG)(?![\w-])",
    r"\b(?:an? |the )?(?:Mexican|American) (?:citizens?|nationals?)\b",
]
GATED_TEXTS = TEXTS + [
    'JOSE LOPEZ, a/k/a Pepe, also known as\nChuy, aka "X", AKA Lalo;\n  as "El Gordo" nonaka Bob',
    "the Gulf-Cartel, Los Zetas (CJNG), CJNGs, -CJNG, Gulf  Cartel; a Mexican national, an American citizen",
]


@pytest.mark.parametrize("pattern", GATED)
@pytest.mark.parametrize("text", GATED_TEXTS)
@pytest.mark.parametrize("flags", [0, re.IGNORECASE])
def test_gated_at_words_same_matches(pattern, text, flags):
    regex = re.compile(pattern, flags)
    assert casefold.word_gate(regex) is not None
    low = casefold.lowered_text(text) if flags else None
    got = [(m.span(), m.groupdict()) for m in casefold.finditer(regex, text, low, 2, len(text), at_words=True)]
    assert got == [(m.span(), m.groupdict()) for m in regex.finditer(text, 2, len(text))]


@pytest.mark.parametrize("text", GATED_TEXTS + ["Sentenced on March 3, 2020; 3/4/2021 Date of Imposition; 1/2/3/2024"])
def test_matches_at_every_start_is_finditer(text):
    date = r"(?:March \d{1,2}, \d{4}|\d{1,2}/\d{1,2}/\d{4})"
    regex = compile_rule(date + r"(?: ?Date of Imposition)?")
    starts = [start for start, _ in casefold.spans(compile_rule(f"(?={date})"), text, casefold.lowered_text(text))]
    got = [m.span() for m in casefold.finditer(regex, text, casefold.lowered_text(text), starts=starts)]
    assert got == [m.span() for m in regex.finditer(text)]


@pytest.mark.parametrize("text", TEXTS)
@pytest.mark.parametrize("pattern", PATTERNS)
def test_search_is_search(pattern, text):
    regex = compile_rule(pattern)
    found, expected = casefold.search(regex, text), regex.search(text)
    assert (found.span(), found.group(0)) == (expected.span(), expected.group(0)) if expected else found is None


@pytest.mark.parametrize(
    "pattern", [r"\b(?:an? |the )?(?:Mexican|American) (?:citizens?|nationals?)\b", r"\bsentenced\b"]
)
@pytest.mark.parametrize("text", TEXTS + ["He is a Mexican national and an American citizen; SENTENCED, unsentenced."])
def test_at_words_same_matches(pattern, text):
    regex = compile_rule(pattern)
    low = casefold.lowered_text(text)
    got = [(m.span(), m.group(0)) for m in casefold.finditer(regex, text, low, 1, len(text), at_words=True)]
    assert got == [(m.span(), m.group(0)) for m in regex.finditer(text, 1, len(text))]


@pytest.mark.parametrize(
    ("pattern", "flags", "needed"),
    [
        (r"\bDate\s+Filed:? \d+", re.I, {"filed"}),  # the longest run; lower-cased for a case-insensitive pattern
        (r"\bDate Filed", 0, {"Date Filed"}),  # a space is a literal too
        (r"(?:Sentenc(?:ing|e))?\s+held", re.I, {"held"}),  # an optional group needs nothing
        (r"\bhomicides?\b|\bmanslaughter\b", re.I, {"homicide", "manslaughter"}),  # one of the branches' words
        (r"\bkidnap(?:p?ings?|s)?|\bab", re.I, None),  # a branch needing too short a literal
        (r"(?:\bshot\s)+deadly", 0, {"deadly"}),
        (r"(?:\bshot\s)+", 0, {"shot"}),  # a repeat at least once
        (r"(?-i:ABC)x", re.I, None),  # a group with its own flags is not looked into
        (r"(?<=murder )x", re.I, None),  # nor a lookaround
        (r"[a-z]+", 0, None),
    ],
)
def test_required_literals(pattern, flags, needed):
    got = casefold.required(re.compile(pattern, flags))
    assert (set(got) if got is not None else None) == needed


@pytest.mark.parametrize(
    "pattern", [r"\bhomicides?\b|\bmanslaughter\b", r"\bDate Filed:? \d+", r"(?:\bshot )+dead", r"(?-i:ABC)x"]
)
@pytest.mark.parametrize(
    "text", TEXTS + ["Date  FILED: 12 ... the MANSLAUGHTER and homicide", "shot shot dead", "ABCx abcx", "İ homicide"]
)
def test_prefiltered_same_matches(pattern, text):
    regex = compile_rule(pattern)
    for low in (casefold.lowered_text(text), None):
        assert [m.span() for m in casefold.finditer(regex, text, low)] == [m.span() for m in regex.finditer(text)]
        assert list(casefold.spans(regex, text, low)) == [m.span() for m in regex.finditer(text)]
        got = [m.span() for m in casefold.finditer(regex, text, low, 3, len(text) - 2)]
        assert got == [m.span() for m in regex.finditer(text, 3, len(text) - 2)]

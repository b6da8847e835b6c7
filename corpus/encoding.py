"""Text in a shifted font encoding: every character moved by a constant number of code points.

PDFs with subset fonts sometimes give a text layer where "The Grand Jury" reads "7KH*UDQG-XU\\": the
glyph codes are the letters shifted by a constant. Such text has letters but no English in it, and one
shift brings the English back. A PDF page like that is OCR'd; a text file is decoded (the shift is one
character for one character, so offsets are unchanged).
"""

from __future__ import annotations

import re

from expediente.corpus.settings import SETTINGS, ReadSettings

_GROUPS = r"the|and|ing|ion|ent|for"  # frequent in any English prose
_ENGLISH = re.compile(_GROUPS, re.IGNORECASE)
_PROSE = re.compile(_GROUPS)  # lower case: a shift that only changes the case of capitals is not a decoding
_PRINTABLE = range(33, 127)
_MAX_SHIFT = 64


def english_score(text: str, pattern: re.Pattern[str] = _ENGLISH) -> float:
    """Frequent English letter groups per 100 letters (about 3 to 6 in prose, near 0 in garbage)."""
    letters = sum(map(str.isalpha, text))
    return len(pattern.findall(text)) * 100 / letters if letters else 0.0


def unshift(text: str, shift: int) -> str:
    """Move every printable ASCII character by ``shift`` code points (others are kept)."""
    out = []
    for c in text:
        o = ord(c) + shift
        out.append(chr(o) if ord(c) in _PRINTABLE and o in _PRINTABLE else c)
    return "".join(out)


def find_shift(text: str, settings: ReadSettings = SETTINGS) -> int | None:
    """The shift that turns this text back into English, or None when it is not shifted text."""
    if sum(map(str.isalpha, text)) < settings.shifted_min_letters:
        return None
    if english_score(text) >= settings.shifted_max_score:
        return None
    shifts = (s for s in range(-_MAX_SHIFT, _MAX_SHIFT + 1) if s)
    best = max(shifts, key=lambda s: english_score(unshift(text, s), _PROSE))
    return best if english_score(unshift(text, best), _PROSE) >= settings.shifted_min_decoded_score else None

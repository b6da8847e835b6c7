"""Text layers in a shifted font encoding (glyph codes = letters moved by a constant)."""

from __future__ import annotations

import pytest

from expediente.corpus.encoding import find_shift, unshift
from expediente.corpus.pdf import ocr_reason
from expediente.corpus.plaintext import read_text

PROSE = (
    "The Grand Jury charges that at all times relevant to this Indictment the defendant and others known and "
    "unknown conspired to export controlled items from the United States without the required license, and "
    "that in furtherance of the conspiracy they caused shipments to be sent through intermediaries. "
) * 2
CAPS = (
    "CONSPIRACY TO IMPORT CONTROLLED SUBSTANCES INTO THE UNITED STATES AND DISTRIBUTION FOR UNLAWFUL "
    "IMPORTATION; MONEY LAUNDERING CONSPIRACY; FORFEITURE ALLEGATION AND NOTICE OF SPECIAL FINDINGS "
) * 2
NAMES = "RIVERA, Jose; OKAFOR, Bode; LUNDQVIST, Maja; PHAM, Quynh; MBEKI, Zola; KOWALCZYK, Piotr; " * 6


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (unshift(PROSE, -29), 29),  # "7KH*UDQG-XU\" for "The Grand Jury"
        (unshift(PROSE, 3), -3),
        (PROSE, None),
        (CAPS, None),  # capitals are English too: no shift that only lower-cases them
        (NAMES, None),  # few English letter groups, but no shift makes prose of it
        (unshift(PROSE[:120], -29), None),  # too short to judge
    ],
    ids=["shifted +29", "shifted -3", "prose", "capitals", "list of names", "short"],
)
def test_find_shift(text, expected):
    assert find_shift(text) == expected


def test_a_shifted_text_file_is_decoded_with_a_warning(tmp_path):
    words = PROSE.replace(",", "").replace(".", "")  # punctuation shifted out of ASCII does not come back
    path = tmp_path / "indictment.txt"
    path.write_text("UNITED STATES DISTRICT COURT\n\f" + unshift(words, -29))
    pages, warnings = read_text(str(path))
    assert pages[1].text == words  # one character for one: offsets are unchanged
    assert warnings == ["page 2: text in a shifted font encoding (+29 code points), decoded"]


def test_a_shifted_pdf_text_layer_is_sent_to_ocr():
    assert "shifted font encoding" in ocr_reason(unshift(PROSE, -29))
    assert ocr_reason(PROSE) is None

"""Word boxes: the format, and boxes aligned with the page text on text-layer, OCR'd and stored pages."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from PIL import ImageFont
from reportlab.lib.pagesizes import letter
from reportlab.pdfbase.pdfmetrics import stringWidth

from expediente.corpus.boxes import covering, decode, encode, words_from_chars, words_from_rects
from expediente.corpus.document import Page
from expediente.corpus.ocr import OcrResult, result_from_data
from expediente.corpus.reader import read_document
from tests import factories
from tests.conftest import process_into

BOX = (4, 9, 0.1, 0.2, 0.3, 0.25)


# ------------------------------------------------------------------ format


@pytest.mark.parametrize(
    ("boxes", "encoded", "decoded"),
    [
        ((), "[]", []),
        ((BOX,), "[4,9,1000,2000,3000,2500]", [BOX]),
        # coordinates are kept to 1/10000th of the page
        (
            [(0, 3, 0.12344, 0.5, 1.0, 0.99996), (4, 7, 0.0, 0.0, 0.00005, 1)],
            "[0,3,1234,5000,10000,10000,4,7,0,0,0,10000]",
            [(0, 3, 0.1234, 0.5, 1.0, 1.0), (4, 7, 0.0, 0.0, 0.0, 1.0)],
        ),
    ],
)
def test_encode_decode(boxes, encoded, decoded):
    assert encode(boxes) == encoded
    assert decode(encoded) == decoded


@pytest.mark.parametrize("text", [None, ""])
def test_decode_nothing(text):
    assert decode(text) == []


WORDS = [(0, 3, 0, 0, 0, 0), (4, 9, 0, 0, 0, 0), (10, 12, 0, 0, 0, 0)]


@pytest.mark.parametrize(
    ("start", "end", "starts"),
    [
        (0, 3, [0]),  # exactly one word
        (1, 2, [0]),  # inside a word
        (2, 5, [0, 4]),  # across the space between two words
        (3, 4, []),  # only the space
        (0, 12, [0, 4, 10]),
        (9, 10, []),
        (11, 40, [10]),
        (5, 5, []),  # an empty span
    ],
)
def test_covering(start, end, starts):
    assert [b[0] for b in covering(WORDS, start, end)] == starts


def flat(boxes) -> list:
    return [v for box in boxes for v in box]


def _char(x0, top, x1, bottom):
    return {"x0": x0, "top": top, "x1": x1, "bottom": bottom}


@pytest.mark.parametrize(
    ("chars", "boxes"),
    [
        ([], ()),
        # two words: the union of their characters' boxes, as fractions of the page (100 x 200 at 0, 0)
        (
            [("a", _char(10, 20, 15, 40)), ("b", _char(15, 18, 20, 38)), (" ", None), ("c", _char(30, 20, 40, 40))],
            ((0, 2, 0.1, 0.09, 0.2, 0.2), (3, 4, 0.3, 0.1, 0.4, 0.2)),
        ),
        # a space drawn as a glyph separates words too; a newline the layout adds (no char object) as well
        (
            [("a", _char(10, 20, 15, 40)), (" ", _char(15, 20, 20, 40)), ("b", _char(20, 20, 25, 40)), ("\n", None)],
            ((0, 1, 0.1, 0.1, 0.15, 0.2), (2, 3, 0.2, 0.1, 0.25, 0.2)),
        ),
        # coordinates off the page are clamped to it
        ([("a", _char(-5, -10, 150, 40))], ((0, 1, 0.0, 0.0, 1.0, 0.2),)),
    ],
)
def test_words_from_chars(chars, boxes):
    assert flat(words_from_chars(chars, (0, 0, 100, 200))) == pytest.approx(flat(boxes))


@pytest.mark.parametrize(
    "chars",
    [
        [],
        [("a", _char(10, 20, 15, 40)), ("b", _char(15, 18, 20, 38)), (" ", None), ("c", _char(30, 20, 40, 40))],
        # characters without a box split a word, at its start, inside it and at its end
        [("a", None), ("b", _char(15, 18, 20, 38)), ("c", None), ("d", _char(30, 20, 40, 40)), ("e", None)],
        [("a", None), ("b", None), ("\n", None), ("c", _char(-5, -10, 150, 40)), ("d", _char(40, 5, 50, 50))],
        # NaN and infinite edges (a degenerate font matrix) are taken in the same order, so kept the same way
        [("a", _char(float("nan"), 20, 15, 40)), ("b", _char(15, float("nan"), 20, float("inf")))],
        [("a", _char(10, 20, float("nan"), 40)), ("b", _char(5, 10, 20, float("nan")))],
    ],
    ids=["empty", "two-words", "boxless-inside", "boxless-word", "nan-first", "nan-last"],
)
def test_words_from_rects_are_words_from_chars(chars):
    """PDFium's path (boxes as tuples, a word at a time) gives exactly the boxes of the character-by-character one."""
    text = "".join(ch for ch, _ in chars)
    rects = [None if obj is None else (obj["x0"], obj["top"], obj["x1"], obj["bottom"]) for ch, obj in chars]
    assert repr(words_from_rects(text, rects, (0, 0, 100, 200))) == repr(words_from_chars(chars, (0, 0, 100, 200)))


def test_ocr_data_gives_boxes_at_the_offsets_of_the_text():
    rows = [  # level, block, par, line, text, conf, left, top, width, height
        (1, 0, 0, 0, "", -1, 0, 0, 1000, 2000),
        (5, 1, 1, 1, "COUNT", 96, 100, 200, 150, 40),
        (5, 1, 1, 1, "ONE", 90, 300, 200, 100, 40),
        (5, 1, 1, 2, " ", 95, 0, 0, 5, 5),
        (5, 1, 2, 1, "§841", 88, 100, 400, 120, 40),
    ]
    keys = ["level", "block_num", "par_num", "line_num", "text", "conf", "left", "top", "width", "height"]
    result = result_from_data({k: [row[i] for row in rows] for i, k in enumerate(keys)})
    assert result.text == "COUNT ONE\n\n§841"
    assert flat(result.boxes) == pytest.approx(
        flat(((0, 5, 0.1, 0.1, 0.25, 0.12), (6, 9, 0.3, 0.1, 0.4, 0.12), (11, 15, 0.1, 0.2, 0.22, 0.22)))
    )


# ------------------------------------------------------------------ reading


def assert_aligned(page: Page, text_layer: bool = True) -> None:
    """Every box is one word of the page text; on a text layer, every non-space character is in a box."""
    covered = set()
    for start, end, x0, y0, x1, y1 in page.boxes:
        word = page.text[start:end]
        assert word and not any(ch.isspace() for ch in word), (start, end, word)
        assert 0 <= x0 <= x1 <= 1 and 0 <= y0 <= y1 <= 1
        covered.update(range(start, end))
    if text_layer:
        assert all(ch.isspace() or i in covered for i, ch in enumerate(page.text))


def box_of(page: Page, word: str) -> tuple:
    return next(b for b in page.boxes if page.text[b[0] : b[1]] == word)


def test_text_layer_boxes_cover_the_words_where_they_are_drawn(tmp_path):
    path = factories.born_digital_pdf(tmp_path / "indictment.pdf", [factories.BODY, factories.BODY[:3]])
    document = read_document(path)
    assert [p.method for p in document.pages] == ["text", "text"]
    for page in document.pages:
        assert page.boxes
        assert_aligned(page)
    # born_digital_pdf draws BODY[1] at x = 90 pt on the baseline y = 696 pt (from the bottom), Times-Roman 12
    width, height = letter
    before = "within the Southern District of California, defendant "
    x0, y0, x1, y1 = box_of(document.pages[0], "RAMON")[2:]
    assert x0 == pytest.approx((90 + stringWidth(before, "Times-Roman", 12)) / width, abs=0.002)
    assert x1 == pytest.approx((90 + stringWidth(before + "RAMON", "Times-Roman", 12)) / width, abs=0.002)
    assert y0 < (height - 696) / height < y1 and y1 - y0 < 16 / height


class BoxingEngine:
    """Reads one word, boxed, on every image."""

    def ocr(self, image_path: str) -> OcrResult:
        return OcrResult("PLEA AGREEMENT", 90.0, ((0, 4, 0.1, 0.2, 0.25, 0.25), (5, 14, 0.3, 0.2, 0.5, 0.25)))


class PlainEngine:
    """An engine of the OcrEngine protocol that gives no boxes."""

    def ocr(self, image_path: str) -> OcrResult:
        return OcrResult("PLEA AGREEMENT", 90.0)


@pytest.mark.parametrize(
    ("make", "methods"),
    [
        (lambda p: factories.mixed_pdf(p / "mixed.pdf", factories.BODY, factories.SCAN_LINES), ["text", "ocr"]),
        (lambda p: factories.multipage_tiff(p / "scan.tiff", [["one"], ["two"]], dpi=50), ["ocr", "ocr"]),
    ],
)
@pytest.mark.parametrize("engine", [BoxingEngine(), PlainEngine()])
def test_ocr_pages_carry_the_engines_boxes(tmp_path, make, methods, engine):
    document = read_document(make(tmp_path), engine=engine)
    assert [p.method for p in document.pages] == methods
    for page in document.pages:
        if page.method == "ocr":
            assert page.boxes == engine.ocr("").boxes
        else:
            assert page.boxes and page.text.strip()
        assert_aligned(page, text_layer=page.method == "text")


def test_plain_text_has_no_boxes(tmp_path):
    path = tmp_path / "indictment.txt"
    path.write_text("INDICTMENT\nThe Grand Jury charges:\n", encoding="utf-8")
    assert [p.boxes for p in read_document(path).pages] == [()]


@pytest.mark.ocr
def test_ocr_boxes_are_where_the_words_are_drawn(tmp_path, tesseract):
    path = factories.scanned_pdf(tmp_path / "plea.pdf", [factories.SCAN_LINES])
    page = read_document(path).pages[0]
    assert page.method == "ocr"
    assert_aligned(page, text_layer=False)
    # text_image draws line k at one inch from the left, 1 + 20k/72 inches from the top, 12 pt DejaVu Sans
    font = ImageFont.truetype(factories.find_font(), size=12)
    x0, y0, x1, y1 = box_of(page, "AGREEMENT")[2:]
    left = (72 + font.getlength("PLEA ")) / letter[0]
    assert x0 == pytest.approx(left, abs=0.01)
    assert x1 == pytest.approx(left + font.getlength("AGREEMENT") / letter[0], abs=0.01)
    top = (72 + 2 * 20) / letter[1]
    assert top - 0.005 < y0 < y1 < top + 14 / letter[1]


def test_stored_pages_keep_their_boxes(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    path = factories.born_digital_pdf(folder / "indictment.pdf", [factories.BODY])
    db = process_into(folder, tmp_path / "cases.sqlite")
    conn = sqlite3.connect(db)
    try:
        (stored,) = conn.execute("SELECT boxes FROM pages").fetchall()
    finally:
        conn.close()
    page = read_document(Path(path)).pages[0]
    assert decode(stored[0]) == decode(encode(page.boxes))
    assert len(decode(stored[0])) == len(page.text.split())

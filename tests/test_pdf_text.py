"""The fast text layer (PDFium) and the per-page rule that hands a page to pdfplumber's layout analysis."""

from __future__ import annotations

import dataclasses
from collections import Counter
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from reportlab.lib.pagesizes import letter
from reportlab.pdfgen import canvas

from expediente.corpus.ocr import OcrResult
from expediente.corpus.pdf import FAST, LAYOUT, PDFIUM_LOCK, needs_layout
from expediente.corpus.pdf_text import PdfiumPage, page_chars, rows, spaced_runs
from expediente.corpus.reader import read_document
from expediente.corpus.settings import SETTINGS, SettingError
from expediente.extractors.pipeline import extract
from tests import factories
from tests.conftest import REALDOCS, SAMPLE_DOCS
from tests.test_boxes import assert_aligned, box_of
from tests.test_reader import CrashingEngine

PARAGRAPH = [
    "On or about March 3, 2021, within the Southern District of California, defendant",
    "RAMON ORTEGA-VILLA did knowingly and intentionally import five kilograms and more",
    "of a mixture and substance containing a detectable amount of cocaine, a Schedule II",
    "Controlled Substance, into the United States from a place outside thereof; all in",
    "violation of Title 21, United States Code, Sections 952 and 960.",
]
CAPTION_LEFT = ["UNITED STATES OF AMERICA,", "Plaintiff,", "v.", "RAMON ORTEGA-VILLA,", "Defendant."]
CAPTION_RIGHT = ["Case No. 21CR4417-LAB", "INFORMATION", "Title 21, U.S.C., Secs. 952", "and 960 - Importation", ""]
TABLE = [
    ("Title & Section", "Nature of Offense", "Count"),
    ("21 USC 952, 960", "Importation of Cocaine", "1"),
    ("18 USC 1956(h)", "Conspiracy to Launder Money", "2"),
]


def _pdf(path: Path, draw, rotation: int = 0) -> Path:
    c = canvas.Canvas(str(path), pagesize=letter)
    c.setPageRotation(rotation)
    c.setFont("Times-Roman", 12)
    draw(c)
    c.showPage()
    c.save()
    return path


def paragraph(c, top: float = 700) -> None:
    for n, line in enumerate(PARAGRAPH):
        c.drawString(72, top - 18 * n, line)


def pleading_paragraph(c) -> None:
    """The paragraph on pleading paper: the line numbers are drawn first, down the margin, then the text."""
    for n in range(len(PARAGRAPH)):
        c.drawRightString(60, 700 - 18 * n, str(n + 1))
    paragraph(c)


def caption(c) -> None:
    """A two-column caption: the left column, a column of ")", then the right column, each drawn whole."""
    for n, line in enumerate(CAPTION_LEFT):
        c.drawString(72, 700 - 18 * n, line)
    for n in range(len(CAPTION_LEFT)):
        c.drawString(290, 700 - 18 * n, ")")
    for n, line in enumerate(CAPTION_RIGHT):
        c.drawString(310, 700 - 18 * n, line)
    for n, line in enumerate(PARAGRAPH):
        c.drawString(72, 560 - 18 * n, line)


def table(c) -> None:
    """A judgment's table of counts, drawn column by column."""
    for column, x in enumerate((72, 220, 450)):
        for n, row in enumerate(TABLE):
            c.drawString(x, 700 - 18 * n, row[column])
    for n, line in enumerate(PARAGRAPH):
        c.drawString(72, 600 - 18 * n, line)


def letter_spaced(c) -> None:
    """A transcript page: each line's time stamp drawn one character at a time, 7.2 points apart."""
    for n in range(12):
        c.setFont("Courier", 8)
        for k, ch in enumerate("02:05"):
            c.drawString(20 + 7.2 * k, 700 - 18 * n, ch)
        c.setFont("Times-Roman", 12)
        c.drawString(90, 700 - 18 * n, f"{n + 1} THE COURT: Do you understand Sections 952 and 960?")


def footer_first(c) -> None:
    """A footer drawn before the body: out of reading order, but no lines side by side."""
    c.drawString(72, 40, "SHARON A. SEFFENS, U.S. DISTRICT COURT REPORTER")
    paragraph(c)


# ------------------------------------------------------------------ the rule


@pytest.mark.parametrize(
    ("draw", "method", "shared"),
    [
        (paragraph, FAST, 0),
        (pleading_paragraph, FAST, 0),  # line numbers are margin, not a column
        (footer_first, FAST, 0),
        (caption, LAYOUT, 6),  # 3 rows where both columns hold a line of 3 letters or more
        (table, LAYOUT, 7),  # the header row and two rows of offenses (a count number is not a line of text)
        (letter_spaced, LAYOUT, 0),  # PDFium reads "0 2 : 0 5", pdfplumber "02:05"
    ],
    ids=["paragraph", "pleading-paper", "footer-first", "two-column-caption", "table", "letter-spaced"],
)
def test_rule_sends_side_by_side_lines_to_pdfplumber(tmp_path, draw, method, shared):
    path = _pdf(tmp_path / "page.pdf", draw)
    with PDFIUM_LOCK:
        doc = pdfium.PdfDocument(str(path))
        read = page_chars(doc[0])
        doc.close()
    assert rows(read, SETTINGS.layout_min_line_letters).shared == shared
    assert needs_layout(read) == (method == LAYOUT)
    page = read_document(path, engine=CrashingEngine()).pages[0]
    assert page.method == method
    assert "Sections 952 and 960" in page.text
    assert_aligned(page)


@pytest.mark.parametrize(
    ("reader", "methods"),
    [("auto", [FAST, LAYOUT]), ("pdfium", [FAST, FAST]), ("pdfplumber", [LAYOUT, LAYOUT])],
)
def test_text_reader_setting(tmp_path, reader, methods):
    path = tmp_path / "two.pdf"
    c = canvas.Canvas(str(path), pagesize=letter)
    for draw in (paragraph, caption):
        c.setFont("Times-Roman", 12)
        draw(c)
        c.showPage()
    c.save()
    settings = dataclasses.replace(SETTINGS, text_reader=reader)
    document = read_document(path, engine=CrashingEngine(), settings=settings)
    assert [p.method for p in document.pages] == methods
    for page in document.pages:
        assert_aligned(page)


def test_unknown_text_reader_is_a_setting_error(tmp_path):
    path = _pdf(tmp_path / "page.pdf", paragraph)
    with pytest.raises(SettingError, match="EXPEDIENTE_TEXT_READER='fast' is not one of auto, pdfium, pdfplumber"):
        read_document(path, settings=dataclasses.replace(SETTINGS, text_reader="fast"))


def _kinds_page(pattern: str) -> PdfiumPage:
    """A page from a pattern: a space or line break PDFium added (no box), "_" a character without a box, any other
    character a boxed one."""
    box = (0.0, 0.0, 1.0, 1.0)
    return PdfiumPage(tuple((c, None) if c in " \n_" else (c, box) for c in pattern), (0, 0, 1, 1), 0)


@pytest.mark.parametrize(
    ("pattern", "min_chars", "runs"),
    [
        ("0 2 : 0 5", 4, 1),  # a transcript's time stamp, letter-spaced: one run, however long
        ("0 2 : 0", 4, 1),
        ("0 2 :", 4, 0),  # too short
        ("0 2  : 0 5", 4, 0),  # two spaces end a run
        ("ab 0 2 : 0", 4, 1),  # a word is not a single character: the run starts after it
        ("0 2 : 0 5\n1 2 3 4", 4, 2),  # a line break ends a run
        ("0 2 _ 0 5 1", 2, 2),  # so does a character without a box
        ("I N D I C T M E N T", 4, 1),
        ("0 2 : 0 5", 1, 1),
        ("0 2 : 0 5", 0, 0),
    ],
)
def test_spaced_runs(pattern, min_chars, runs):
    assert spaced_runs(_kinds_page(pattern), min_chars) == runs


# ------------------------------------------------------------------ text and boxes


@pytest.mark.parametrize(
    "draw", [paragraph, pleading_paragraph, footer_first, caption, table], ids=lambda draw: draw.__name__
)
def test_pdfium_lines_in_rows_read_as_pdfplumbers(tmp_path, draw):
    """PDFium keeps the order of drawing (line numbers first, footer first, one caption column after the other);
    in rows, the text has pdfplumber's words in pdfplumber's order, also where the rule sends the page to it."""
    path = _pdf(tmp_path / "page.pdf", draw)
    fast, layout = (
        read_document(path, engine=CrashingEngine(), settings=dataclasses.replace(SETTINGS, text_reader=r)).pages[0]
        for r in ("pdfium", "pdfplumber")
    )
    assert (fast.method, layout.method) == (FAST, LAYOUT)
    assert fast.text.split() == layout.text.split()
    assert fast.text.count("\n") == layout.text.count("\n")  # one line per row
    assert_aligned(fast)


def test_pdfium_text_is_pdfplumbers_on_a_plain_page(tmp_path):
    path = factories.born_digital_pdf(tmp_path / "info.pdf", [factories.BODY])
    fast, layout = (
        read_document(path, engine=CrashingEngine(), settings=dataclasses.replace(SETTINGS, text_reader=r)).pages[0]
        for r in ("pdfium", "pdfplumber")
    )
    assert fast.method == FAST and layout.method == LAYOUT
    assert fast.text.split() == [w for w in layout.text.split()]  # the same words, in the same order
    assert len(fast.boxes) == len(layout.boxes)
    for (_, _, *a), (_, _, *b) in zip(fast.boxes, layout.boxes, strict=True):
        assert a == pytest.approx(b, abs=0.01)  # where pdfplumber puts each word, within 1% of the page


def test_a_hyphen_that_ends_a_line_stays_a_hyphen(tmp_path):
    def draw(c) -> None:
        paragraph(c)
        c.drawString(72, 500, "within the Southern District of California, defendant RAMON ORTEGA-")
        c.drawString(72, 482, "VILLA did knowingly and intentionally import cocaine.")

    page = read_document(_pdf(tmp_path / "page.pdf", draw), engine=CrashingEngine()).pages[0]
    assert page.method == FAST
    assert "defendant RAMON ORTEGA-VILLA did" in page.text  # PDFium joins a word hyphenated at a line's end
    assert_aligned(page)


def _ink(image, box) -> float:
    """Share of dark pixels of ``image`` inside ``box`` (fractions of the page)."""
    x0, y0, x1, y1 = (round(v * s) for v, s in zip(box, (image.width, image.height) * 2, strict=True))
    crop = image.convert("L").crop((x0, y0, max(x1, x0 + 1), max(y1, y0 + 1)))
    return sum(1 for v in crop.get_flattened_data() if v < 128) / (crop.width * crop.height)


@pytest.mark.parametrize("rotation", [0, 90, 180, 270])
def test_boxes_are_where_the_rendered_page_shows_the_word(tmp_path, rotation):
    path = _pdf(tmp_path / "page.pdf", lambda c: paragraph(c, top=500), rotation)  # on a turned page too
    page = read_document(path, engine=CrashingEngine()).pages[0]
    assert page.method == FAST
    assert_aligned(page)
    with PDFIUM_LOCK:
        doc = pdfium.PdfDocument(str(path))
        image = doc[0].render(scale=1).to_pil()
        doc.close()
    x0, y0, x1, y1 = box_of(page, "ORTEGA-VILLA")[2:]
    assert _ink(image, (x0, y0, x1, y1)) > 0.1
    # and not anywhere else: a third of the page away, across the lines (they run down a turned page)
    if rotation in (0, 180):
        step = 0.3 if y1 < 0.6 else -0.3
        shifted = (x0, y0 + step, x1, y1 + step)
    else:
        step = 0.3 if x1 < 0.6 else -0.3
        shifted = (x0 + step, y0, x1 + step, y1)
    assert _ink(image, shifted) == 0
    assert (x1 - x0 > y1 - y0) == (rotation in (0, 180))  # a word turned a quarter is taller than wide


# ------------------------------------------------------------------ real filings keep their fields


class NoOcr:
    """An engine that reads one phrase: both readers send the same pages to OCR, which these tests leave out."""

    def ocr(self, image_path: str) -> OcrResult:
        return OcrResult("(a page read by OCR)", 90.0)


def fields(document) -> dict:
    """What the pipeline extracts from a document, without the evidence offsets (which differ with the text)."""
    record = extract(document)
    return {
        "values": {name: value.value for name, value in record.values.items()},
        "mentions": Counter((m.field, m.value) for m in record.mentions),
        "defendants": sorted((d.name, d.aliases) for d in record.defendants),
        "counts": sorted((c.label, tuple(s.citation for s in c.statutes), c.defendants) for c in record.counts),
        "statutes": sorted(s.citation for s in record.statutes_cited),
    }


def _real_pdfs() -> list[Path]:
    return sorted(REALDOCS.glob("*.pdf")) + sorted(SAMPLE_DOCS.glob("*.pdf"))


@pytest.mark.realdocs
@pytest.mark.parametrize("path", _real_pdfs() or [None], ids=lambda p: p.name if p else "absent")
def test_real_pdfs_keep_their_fields(path):
    """Every field the pipeline extracts from a real (or sample) PDF is what it was when pdfplumber read every page."""
    if path is None or not path.exists():
        pytest.skip(f"no real PDFs at {REALDOCS} (or {SAMPLE_DOCS})")
    auto, everywhere = (
        read_document(path, engine=NoOcr(), settings=dataclasses.replace(SETTINGS, text_reader=reader))
        for reader in ("auto", "pdfplumber")
    )
    assert [p.method == "ocr" for p in auto.pages] == [p.method == "ocr" for p in everywhere.pages]
    for page in auto.pages:
        if page.method == FAST:
            assert_aligned(page)
    assert fields(auto) == fields(everywhere)

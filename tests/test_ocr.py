"""corpus.ocr: text rebuilt from Tesseract's word boxes, the engine, parallel pages, faults."""

from __future__ import annotations

import threading
import time
from dataclasses import replace

import pytest

from expediente.corpus.errors import OcrError, OcrUnavailable
from expediente.corpus.ocr import OcrEngine, OcrResult, TesseractEngine, ocr_pages, result_from_data
from expediente.corpus.settings import SETTINGS
from tests import factories


def _data(rows):
    """image_to_data's DICT output from (level, block, par, line, text, conf) rows."""
    keys = ["level", "block_num", "par_num", "line_num", "text", "conf"]
    return {k: [row[i] for row in rows] for i, k in enumerate(keys)}


@pytest.mark.parametrize(
    ("rows", "text", "confidence"),
    [
        ([], "", None),
        # page/block/par/line rows (levels 1-4) carry no text and conf -1
        (
            [(1, 0, 0, 0, "", -1), (2, 1, 0, 0, "", -1), (5, 1, 1, 1, "COUNT", 96), (5, 1, 1, 1, "ONE", 90)],
            "COUNT ONE",
            93.0,
        ),
        # a new line in the same paragraph, then a new paragraph, then a new block
        (
            [
                (5, 1, 1, 1, "The", 90),
                (5, 1, 1, 2, "defendant", 80),
                (5, 1, 2, 1, "pleads", 70),
                (5, 2, 1, 1, "guilty.", 60),
            ],
            "The\ndefendant\n\npleads\n\nguilty.",
            75.0,
        ),
        # blank words are skipped; words with conf -1 count for text, not for confidence
        ([(5, 1, 1, 1, " ", 95), (5, 1, 1, 1, "§", -1), (5, 1, 1, 1, "841", "88.5")], "§ 841", 88.5),
    ],
)
def test_result_from_data(rows, text, confidence):
    result = result_from_data(_data(rows) | dict.fromkeys(("left", "top", "width", "height"), [0] * len(rows)))
    assert (result.text, result.mean_confidence) == (text, confidence)


def test_tesseract_engine_is_an_ocr_engine():
    assert isinstance(TesseractEngine(), OcrEngine)


def test_missing_binary_is_actionable(monkeypatch, tmp_path):
    import pytesseract

    monkeypatch.setattr(pytesseract.pytesseract, "tesseract_cmd", str(tmp_path / "no-tesseract-here"))
    image = tmp_path / "page.png"
    factories.text_image(["COUNT ONE"], dpi=72).save(image)
    with pytest.raises(OcrUnavailable, match="install Tesseract: apt-get install tesseract-ocr"):
        TesseractEngine().ocr(str(image))


class SlowEngine:
    """Records how many pages it works on at once."""

    def __init__(self, seconds: float = 0.1):
        self.seconds = seconds
        self.active = 0
        self.peak = 0
        self._lock = threading.Lock()

    def ocr(self, image_path: str) -> OcrResult:
        with self._lock:
            self.active += 1
            self.peak = max(self.peak, self.active)
        time.sleep(self.seconds)
        with self._lock:
            self.active -= 1
        return OcrResult(f"text of {image_path}", 90.0)


@pytest.mark.parametrize("workers", [1, 2, 3])
def test_pages_run_in_parallel_up_to_the_worker_limit(workers):
    engine = SlowEngine()
    jobs = [(n, (lambda n=n: engine.ocr(f"p{n}"))) for n in range(1, 7)]
    results = ocr_pages(jobs, replace(SETTINGS, ocr_workers=workers))
    assert [r.number for r in results] == [1, 2, 3, 4, 5, 6]  # in page order, whatever finished first
    assert [r.text for r in results] == [f"text of p{n}" for n in range(1, 7)]
    assert engine.peak == workers


def test_a_failing_page_keeps_its_error_and_the_others_their_text():
    def crash():
        raise OcrError("tesseract took longer than 120 s on page-00002.png")

    jobs = [(1, lambda: OcrResult("one", 90.0)), (2, crash), (3, lambda: OcrResult("three", 80.0))]
    results = ocr_pages(jobs, replace(SETTINGS, ocr_workers=2))
    assert [(r.text, r.error is None) for r in results] == [("one", True), ("", False), ("three", True)]
    assert "took longer than 120 s" in results[1].error


def test_unavailable_engine_stops_the_document():
    def missing():
        raise OcrUnavailable("the tesseract program was not found")

    with pytest.raises(OcrUnavailable):
        ocr_pages([(1, missing), (2, missing)], replace(SETTINGS, ocr_workers=2))


@pytest.mark.ocr
def test_real_ocr_of_a_generated_scan(tmp_path, tesseract):
    image = tmp_path / "page.png"
    factories.text_image(factories.SCAN_LINES, dpi=300).save(image, dpi=(300, 300))
    result = TesseractEngine().ocr(str(image))
    lines = result.text.splitlines()
    assert "UNITED STATES DISTRICT COURT" in lines
    for words in ("PLEA AGREEMENT", "plead guilty to Count One", "methamphetamine", "acceptance of responsibility"):
        assert words in result.text
    assert result.mean_confidence is not None and result.mean_confidence > 85


@pytest.mark.ocr
def test_real_ocr_of_a_blank_page_finds_nothing(tmp_path, tesseract):
    image = tmp_path / "blank.png"
    factories.text_image([], dpi=100).save(image)
    assert TesseractEngine().ocr(str(image)) == OcrResult("", None)

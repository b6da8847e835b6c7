"""The benchmark (flows/bench.py) and its bulk corpus (tests/samplegen/bulk.py): what they write, never how fast."""

from __future__ import annotations

import hashlib
import json

import pytest

from expediente.flows import bench
from tests.samplegen import bulk


def test_bulk_documents_are_distinct_reproducible_and_reused(tmp_path):
    folder, rows = bulk.generate(3, tmp_path, log=lambda message: None)
    files = sorted(folder.iterdir())
    assert [f.name for f in files] == [r["file"] for r in rows]
    assert len({hashlib.sha256(f.read_bytes()).hexdigest() for f in files}) == 3
    assert bulk.build(1)[1] == (folder / rows[1]["file"]).read_bytes()  # document i is the same for every size
    stamps = [(tmp_path / "pool" / r["file"]).stat().st_mtime_ns for r in rows]
    said: list[str] = []
    again, _ = bulk.generate(2, tmp_path, log=said.append)
    assert said == []  # nothing generated again: the 2-document corpus is the first two of the pool
    assert sorted(p.name for p in again.iterdir()) == [r["file"] for r in rows[:2]]
    assert stamps == [(tmp_path / "pool" / r["file"]).stat().st_mtime_ns for r in rows]


def test_bulk_scans_are_image_only_pdfs_made_once(tmp_path):
    import pypdfium2 as pdfium

    folder, rows = bulk.scans(3, tmp_path, per_document=2)
    assert [r["pages"] for r in rows] == [2, 1] and sorted(p.name for p in folder.iterdir()) == sorted(
        r["file"] for r in rows
    )
    for row in rows:
        pdf = pdfium.PdfDocument(folder / row["file"])
        assert len(pdf) == row["pages"]
        assert all(pdf[i].get_textpage().get_text_range() == "" for i in range(len(pdf)))  # no text layer
        pdf.close()
    stamps = [(folder / r["file"]).stat().st_mtime_ns for r in rows]
    assert bulk.scans(3, tmp_path, per_document=2) == (folder, rows)
    assert stamps == [(folder / r["file"]).stat().st_mtime_ns for r in rows]


@pytest.mark.parametrize(
    ("index", "kind", "suffix"),
    [(0, "pdf", ".pdf"), (7, "txt", ".txt"), (13, "html", ".html"), (27, "txt", ".txt")],
)
def test_bulk_mixes_pdf_text_and_html(index, kind, suffix):
    name, data, pages = bulk.build(index)
    assert bulk.kind_of(index) == kind
    assert name.endswith(suffix) and pages >= 1 and data


def test_the_benchmark_writes_every_ratio(tmp_path, capsys):
    out = tmp_path / "bench.json"
    argv = ["--docs", "3", "--no-realdocs", "--no-ocr", "--no-cli", "--corpus-root", str(tmp_path / "corpus")]
    assert bench.main([*argv, "--work", str(tmp_path / "work"), "--json", str(out)]) == 0
    results = json.loads(out.read_text(encoding="utf-8"))
    assert sorted(results["ratios"]) == sorted(bench.RATIO_KEYS)
    assert results["ratios"]["text_vs_pdfium.generated"] > 0
    assert results["ratios"]["extract_vs_spacy_blank.generated"] > 0
    assert results["measures"]["text.generated"]["documents"] >= 2  # the PDFs among the first three
    assert {t["target"] for t in results["targets"]} and all("met" in t for t in results["targets"])
    assert "text_vs_pdftotext.generated" in capsys.readouterr().out


def _e2e(seconds: float, pages: int, worker_mb: float, rerun_s: float) -> dict:
    run = {"seconds": seconds, "exit_code": 0, "command_peak_mb": 200.0, "worker_peaks_mb": [worker_mb, worker_mb]}
    return {
        "pages": pages,
        "workers_2": {**run, "pages_per_s": pages / seconds},
        "rerun": {**run, "seconds": rerun_s},
        "rerun_share": rerun_s / seconds,
        "ms_per_page": seconds * 1000 / pages,
    }


def test_ratios_and_targets_from_end_to_end_runs():
    measures = {
        "e2e.generated.100": {**_e2e(50.0, 2000, 400.0, 0.5), "scaling_1_to_2": 1.8},
        "e2e.generated.2000": _e2e(1000.0, 40000, 420.0, 10.0),
        "ocr": {"ours_read_pages_per_s": 0.9, "tesseract_pages_per_s": 1.0, "parallel": 2},
        "e2e.ocr": {"pages_per_s": 0.95},
        "ocr.generated": {"pages": 120, "pages_per_s": 0.8, "tesseract_pages_per_s": 1.0},
    }
    r = bench.ratios(measures, [100, 2000])
    assert r["worker_rss_growth"] == 1.05
    assert r["cost_per_page_growth"] == 1.0
    assert r["rerun_share.generated"] == 0.01
    assert r["e2e_scaling_1_to_2_workers.generated"] == 1.8
    assert r["ocr_e2e_vs_tesseract"] == 0.95 and r["text_vs_pdfium.realdocs"] is None
    met = {t["target"]: t["met"] for t in bench.targets(measures, r, [100, 2000])}
    assert met["born-digital pages/s end to end, 2 workers"] is True
    assert met["OCR end to end / tesseract, real and sample scans"] is True
    assert r["ocr_e2e_vs_tesseract.generated"] == 0.8
    assert met["OCR end to end / tesseract, generated scans"] is False
    assert met["re-run / first run, generated"] is True
    assert met["extraction words/s per core, generated"] is None  # skipped, not failed
    results = {"cores": 2, "load_average_start": [1, 1, 1], "load_average_end": [1, 1, 1], "measures": measures}
    text = bench.table({**results, "ratios": r, "targets": bench.targets(measures, r, [100, 2000])})
    assert "generated.2000" in text and "1.0%" in text and "120 generated pp" in text

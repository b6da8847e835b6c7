"""corpus reading layer: discovery, every input kind, every kind of bad input, real documents."""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import re
import shutil
import threading
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from pathlib import Path

import pytest

from expediente.corpus import reader
from expediente.corpus.clean import clean_page
from expediente.corpus.discover import FoundFile, check_label, discover, inspect, sniff
from expediente.corpus.errors import (
    CorruptDocument,
    EmptyDocument,
    EncryptedDocument,
    Failure,
    MislabelledDocument,
    OcrError,
    OcrUnavailable,
    OversizedDocument,
    UnsupportedFileType,
)
from expediente.corpus.html_docket import html_to_text
from expediente.corpus.ocr import OcrResult
from expediente.corpus.pdf import ocr_reason
from expediente.corpus.plaintext import decode, split_pages
from expediente.corpus.reader import read_document
from expediente.corpus.settings import SETTINGS
from tests import factories

# ------------------------------------------------------------------ engines injected as faults


class CrashingEngine:
    """An OCR engine that dies on every page (like a segfaulting tesseract)."""

    def __init__(self):
        self.calls = 0
        self._lock = threading.Lock()

    def ocr(self, image_path: str) -> OcrResult:
        with self._lock:
            self.calls += 1
        raise RuntimeError(f"tesseract crashed on {Path(image_path).name}")


class CrashOnPage2Engine:
    """Crashes on the second page it is given; reads others with Tesseract."""

    def ocr(self, image_path: str) -> OcrResult:
        if "00002" in Path(image_path).name:
            raise RuntimeError("segmentation fault")
        from expediente.corpus.ocr import get_engine

        return get_engine().ocr(image_path)


class MissingTesseract:
    def ocr(self, image_path: str) -> OcrResult:
        raise OcrUnavailable("the tesseract program was not found; install Tesseract: apt-get install tesseract-ocr")


class BlurryEngine:
    """Reads something, without confidence: what a bad scan gives."""

    def ocr(self, image_path: str) -> OcrResult:
        return OcrResult("Tlie clefendant agreecl", 41.0)


# ------------------------------------------------------------------ discovery


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "pdf"),
        (b"\r\n\r\n%PDF-1.4\n", "pdf"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "png"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "jpeg"),
        (b"II*\x00\x08\x00\x00\x00", "tiff"),
        (b"MM\x00*\x00\x00\x00\x08", "tiff"),
        (b"<html><head><title>CM/ECF</title>", "html"),
        (b"\n  <!DOCTYPE html>\n<html>", "html"),
        (b"Case 3:19-cr-01234-BAS Document 45 Filed 06/12/20 Page 1 of 3\nINDICTMENT", "text"),
        ("UNITED STATES v. JOSÉ NÚÑEZ".encode(), "text"),
        ("UNITED STATES v. JOSÉ NÚÑEZ".encode("cp1252"), "text"),
        (b"\x00\x01\x02\x03binary\x00", "binary"),
        (b"", "empty"),
    ],
)
def test_sniff(head, expected):
    assert sniff(head) == expected


def test_discover_walks_hashes_and_skips_hidden(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    (tmp_path / ".hidden.txt").write_text("secret notes")
    deep = tmp_path / "a" / "b" / "indictment.txt"
    deep.write_text("INDICTMENT\nThe Grand Jury charges:\n")
    pdf = factories.born_digital_pdf(tmp_path / "a" / "plea.pdf", [factories.BODY])
    found, rejected = discover([tmp_path, tmp_path / "missing.pdf"])
    by_name = {Path(f.path).name: f for f in found}
    assert set(by_name) == {"indictment.txt", "plea.pdf"}
    assert by_name["plea.pdf"].sha256 == hashlib.sha256(pdf.read_bytes()).hexdigest()
    assert by_name["plea.pdf"].size == pdf.stat().st_size
    assert (by_name["plea.pdf"].detected, by_name["plea.pdf"].kind) == ("pdf", "pdf")
    assert (by_name["indictment.txt"].detected, by_name["indictment.txt"].kind) == ("text", "text")
    missing = tmp_path / "missing.pdf"
    assert rejected == [(str(missing), Failure("missing", f"{missing} does not exist"))]


def test_same_bytes_under_two_names_have_one_identity(tmp_path):
    (tmp_path / "one.txt").write_text("JUDGMENT IN A CRIMINAL CASE\n")
    (tmp_path / "two.txt").write_text("JUDGMENT IN A CRIMINAL CASE\n")
    found, _ = discover([tmp_path])
    assert len({f.sha256 for f in found}) == 1


@pytest.mark.parametrize(
    ("name", "detected", "error", "message"),
    [
        ("filing.pdf", "text", MislabelledDocument, "file is named .pdf but contains plain text"),
        ("filing.pdf", "html", MislabelledDocument, "file is named .pdf but contains HTML"),
        ("scan.tif", "pdf", MislabelledDocument, "file is named .tif but contains a PDF"),
        ("docket.html", "png", MislabelledDocument, "file is named .html but contains a PNG image"),
        ("notes.md", "text", UnsupportedFileType, ".md files are not read"),
        ("blob.pdf", "binary", UnsupportedFileType, "binary data"),
        ("nothing.pdf", "empty", EmptyDocument, "empty"),
    ],
)
def test_check_label_errors(name, detected, error, message):
    with pytest.raises(error, match=re.escape(message)):
        check_label(FoundFile(f"/in/{name}", "0" * 64, 10, detected))


@pytest.mark.parametrize(
    ("name", "detected", "warning"),
    [
        ("filing.pdf", "pdf", None),
        ("download", "pdf", None),  # PACER downloads often have no extension
        ("scan.png", "jpeg", "file is named .png but contains a JPEG image; read by content"),
        ("docket.txt", "html", "file is named .txt but contains HTML; read by content"),
    ],
)
def test_check_label_accepts(name, detected, warning):
    assert check_label(FoundFile(f"/in/{name}", "0" * 64, 10, detected)) == warning


# ------------------------------------------------------------------ plain text and HTML

H = "Case 1:22-cr-00310-RMB Document 88 Filed 02/01/23 Page {} of 3"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("page one\fpage two\fpage three\f", ["page one", "page two", "page three"]),
        ("page one\f\fpage three", ["page one", "", "page three"]),  # blank pages keep the numbering
        (
            f"{H.format(1)}\nINDICTMENT\n{H.format(2)}\nCOUNT ONE\n   {H.format(3)}\nFORFEITURE",
            [f"{H.format(1)}\nINDICTMENT\n", f"{H.format(2)}\nCOUNT ONE\n", f"   {H.format(3)}\nFORFEITURE"],
        ),
        (f"FILED\n\n{H.format(1)}\nA\n{H.format(2)}\nB", [f"FILED\n\n{H.format(1)}\nA\n", f"{H.format(2)}\nB"]),
        ("a press release\nwith no pages", ["a press release\nwith no pages"]),
    ],
)
def test_split_pages(text, expected):
    assert split_pages(text) == expected


@pytest.mark.parametrize(
    ("data", "text", "warned"),
    [
        ("Peña Nieto".encode(), "Peña Nieto", False),
        ("\ufeffPeña".encode(), "Peña", False),
        ("Peña “Chapo”".encode("cp1252"), "Peña “Chapo”", True),
        (b"Pe\xf1a \x81", "Peña \x81", True),  # not cp1252 either: latin-1
    ],
)
def test_decode(data, text, warned):
    decoded, warning = decode(data)
    assert decoded == text
    assert (warning is not None) == warned


def test_text_file_pages(tmp_path):
    path = tmp_path / "judgment.txt"
    path.write_bytes("JUDGMENT\r\nThe defendant, Peña, is committed\fto the custody of the Bureau of Prisons".encode())
    document = read_document(path)
    assert document.kind == "text"
    assert [p.method for p in document.pages] == ["plain", "plain"]
    assert document.pages[0].text == "JUDGMENT\nThe defendant, Peña, is committed"
    assert document.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()


def test_text_file_in_cp1252_warns(tmp_path):
    path = tmp_path / "plea.txt"
    path.write_bytes("The defendant, José Peña, pleads guilty.".encode("cp1252"))
    document = read_document(path)
    assert "José Peña" in document.pages[0].text
    assert any("decoded as cp1252" in w for w in document.warnings)


DOCKET_HTML = """<html><head><title>CM/ECF - txwd</title><script>var x = 1;</script></head><body>
<div class="noprint"><a href="/cgi-bin/iquery.pl">Query</a></div>
<div id="cmecfMainContent">
<h3 align=center>U.S. District Court<BR>Western District of Texas (El Paso)<BR>
CRIMINAL DOCKET FOR CASE #: 3:19-cr-02211-DB-2</h3>
<TABLE><tr><td><br>Case title: USA v. Quintero-Salas et al</td><td><br>Date Filed: 07/10/2019</td></tr></TABLE>
<TABLE>
<tr><td valign=top><br><b><u>Defendant                                 (2)</u></b></td></tr>
<tr><td><B>Hector   Quintero-Salas</B><BR><I>also known as</I><BR>El Flaco</td>
<td>represented&nbsp;by</td><td><B>Ana   Maria   Ruiz</B><BR>Federal Public Defender<BR><I>LEAD ATTORNEY</I></td></tr>
<tr><td><br><b><u>Pending Counts</u></b></td><td></td><td><br><b><u>Disposition</u></b></td></tr>
<tr><td> 21:963 CONSPIRACY TO IMPORT A CONTROLLED SUBSTANCE<br>(1)</td><td></td>
<td>Imprisonment: 87 months; supervised release: 5 years</td></tr>
<tr><td><br><b><u>Terminated Counts</u></b></td><td></td><td><br><b><u>Disposition</u></b></td></tr>
<tr><td>21:952 IMPORTATION OF METHAMPHETAMINE<br>(2)</td><td></td><td>Dismissed on government motion</td></tr>
</TABLE>
<table border=1><tr><td>Date Filed</td><th>#</th><td>Docket Text</td></tr>
<tr><td>07/10/2019</td><td><a href="/doc1/1">14</a>&nbsp;</td><td>SEALED INDICTMENT as to
 Hector Quintero-Salas (2) count(s) 1, 2. (mc) (Entered: 07/11/2019)</td></tr>
<tr><td>03/02/2020</td><td></td><td>Minute Entry for Rearraignment: plea of guilty to Count 1.</td></tr>
</table>
<HR><CENTER><TABLE BORDER=1><TR><TH COLSPAN=4>PACER Service Center</TH></TR>
<TR><TH>Transaction Receipt</TH></TR><TR><TD>PACER Login: someone</TD><TD>Cost: 0.30</TD></TR></TABLE></CENTER>
</div></body></html>"""


def test_docket_html_to_text():
    text = html_to_text(DOCKET_HTML)
    lines = text.splitlines()
    for expected in [
        "CRIMINAL DOCKET FOR CASE #: 3:19-cr-02211-DB-2",
        "Case title: USA v. Quintero-Salas et al | Date Filed: 07/10/2019",
        "Defendant (2)",
        "Hector Quintero-Salas",
        "also known as El Flaco",
        "represented by",
        "Ana Maria Ruiz",
        "Pending Counts | Disposition",
        "21:963 CONSPIRACY TO IMPORT A CONTROLLED SUBSTANCE (1) | Imprisonment: 87 months; supervised release: 5 years",
        "Terminated Counts | Disposition",
        "21:952 IMPORTATION OF METHAMPHETAMINE (2) | Dismissed on government motion",
        "Date Filed | # | Docket Text",
        "07/10/2019 | 14 | SEALED INDICTMENT as to Hector Quintero-Salas (2) count(s) 1, 2. (mc) (Entered: 07/11/2019)",
        "03/02/2020 | | Minute Entry for Rearraignment: plea of guilty to Count 1.",
    ]:
        assert expected in lines, expected
    for dropped in ("var x", "Query", "PACER Login", "Transaction Receipt"):
        assert dropped not in text


def test_docket_html_document(tmp_path):
    path = tmp_path / "docket.html"
    path.write_text(DOCKET_HTML)
    document = read_document(path)
    assert document.kind == "html"
    assert [p.method for p in document.pages] == ["html"]
    assert "87 months" in document.pages[0].text


# ------------------------------------------------------------------ PDFs


@pytest.mark.parametrize(
    ("text", "needs_ocr"),
    [
        ("", True),
        ("   \n \n", True),
        ("(cid:12)(cid:15)(cid:3)(cid:44) " * 20, True),
        ("\x03\x11\x0f\x14 The\x03defendant\x03" * 10, True),  # a font with no usable encoding
        (factories.ecf_header(1, 4) + "\n7", True),  # a scan whose only text is the court's stamp
        ("THE COURT: The plea is accepted and the defendant is adjudged guilty.", False),
        # one stray glyph code in a full page of text is not garbage
        ("(cid:3) " + "The defendant pleads guilty to Count One of the Indictment charging conspiracy. " * 8, False),
    ],
)
def test_ocr_reason(text, needs_ocr):
    assert (ocr_reason(text) is not None) == needs_ocr


def test_born_digital_pdf(tmp_path):
    path = factories.born_digital_pdf(tmp_path / "info.pdf", [factories.BODY, factories.BODY[:3]])
    document = read_document(path, engine=CrashingEngine())  # no page may need OCR
    assert document.kind == "pdf"
    assert [(p.number, p.method, p.error) for p in document.pages] == [(1, "text", None), (2, "text", None)]
    page = document.pages[0]
    assert factories.CASE in page.text  # the original keeps the stamp and line numbers...
    cleaned = clean_page(page.text).text
    assert factories.CASE not in cleaned  # ...the extractors' text does not
    assert not re.search(r"^\s*\d{1,2}\s*$", cleaned, re.MULTILINE)
    assert "Title 21, United States Code, Sections 952 and 960" in cleaned
    assert document.warnings == ()


def test_crashing_engine_records_page_error(tmp_path):
    path = factories.mixed_pdf(tmp_path / "mixed.pdf", factories.BODY, factories.SCAN_LINES)
    engine = CrashingEngine()
    document = read_document(path, engine=engine)
    assert engine.calls == 1  # only the image page went to OCR
    first, second = document.pages
    assert (first.method, first.error) == ("text", None)
    assert "cocaine" in first.text
    assert second.method == "ocr" and second.text == ""
    assert "tesseract crashed" in second.error
    assert any(w.startswith("page 2: OCR failed") for w in document.warnings)


def test_missing_tesseract_fails_the_document_with_install_hint(tmp_path):
    path = factories.scanned_pdf(tmp_path / "scan.pdf", [factories.SCAN_LINES])
    with pytest.raises(OcrUnavailable, match="apt-get install tesseract-ocr"):
        read_document(path, engine=MissingTesseract())


def test_low_confidence_page_is_flagged(tmp_path):
    path = factories.scanned_pdf(tmp_path / "scan.pdf", [factories.SCAN_LINES])
    document = read_document(path, engine=BlurryEngine())
    assert document.pages[0].ocr_confidence == 41.0
    assert "page 1: OCR confidence 41 < 60" in document.warnings


class SecondFrameCrashes(CrashingEngine):
    """Reads every frame but the second, which crashes: one bad page never kills a document."""

    def ocr(self, image_path: str) -> OcrResult:
        if "00002" in Path(image_path).name:
            return super().ocr(image_path)
        with self._lock:
            self.calls += 1
        return OcrResult(f"text of {Path(image_path).stem}", 90.0)


def test_tiff_frames_are_pages(tmp_path):
    path = factories.multipage_tiff(tmp_path / "scan.tiff", [["page one"], ["page two"], ["page three"]])
    engine = SecondFrameCrashes()
    document = read_document(path, engine=engine)
    assert document.kind == "image"
    assert engine.calls == 3
    assert [p.number for p in document.pages] == [1, 2, 3]
    assert all(p.method == "ocr" for p in document.pages)
    assert [bool(p.error) for p in document.pages] == [False, True, False]


def test_every_page_failing_ocr_is_an_ocr_error(tmp_path):
    path = factories.multipage_tiff(tmp_path / "scan.tiff", [["page one"], ["page two"]])
    with pytest.raises(OcrError, match="no page could be read"):
        read_document(path, engine=CrashingEngine())


def test_encrypted_pdf(tmp_path):
    path = factories.encrypted_pdf(tmp_path / "sealed.pdf", user_password="grand-jury")
    with pytest.raises(EncryptedDocument, match="password-protected") as info:
        read_document(path)
    assert info.value.reason == "encrypted"


def test_encrypted_pdf_with_empty_password_is_read(tmp_path):
    path = factories.encrypted_pdf(tmp_path / "restricted.pdf", user_password="")
    document = read_document(path, engine=CrashingEngine())
    assert "Southern District of California" in document.pages[0].text


BAD_INPUTS = [
    ("empty.pdf", lambda p: p.write_bytes(b""), EmptyDocument),
    ("blank.txt", lambda p: p.write_text("  \n\n\t \n"), EmptyDocument),
    ("zero.pdf", factories.zero_page_pdf, EmptyDocument),
    ("zero_with_stray_page.pdf", factories.stray_page_pdf, EmptyDocument),
    ("no_page_tree.pdf", factories.treeless_pdf, CorruptDocument),
    ("no_mediabox.pdf", factories.no_mediabox_pdf, CorruptDocument),
    ("truncated.pdf", lambda p: p.write_bytes(_pdf_bytes(p)[:300]), CorruptDocument),
    ("half.pdf", lambda p: p.write_bytes(_pdf_bytes(p)[: len(_pdf_bytes(p)) // 2]), CorruptDocument),
    ("garbage.pdf", lambda p: p.write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 8), CorruptDocument),
    ("notes.pdf", lambda p: p.write_text("This is a text file, not a PDF.\n"), MislabelledDocument),
    ("photo.png", lambda p: p.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64), CorruptDocument),
    ("binary.txt", lambda p: p.write_bytes(b"\x00\x01\x02" * 100), UnsupportedFileType),
]


def _pdf_bytes(sibling: Path) -> bytes:
    source = factories.born_digital_pdf(sibling.with_name("source-" + sibling.name), [factories.BODY] * 3)
    return source.read_bytes()


@pytest.mark.parametrize(("name", "make", "error"), BAD_INPUTS, ids=[b[0] for b in BAD_INPUTS])
def test_bad_input(tmp_path, name, make, error):
    path = tmp_path / name
    make(path)
    with pytest.raises(error) as info:
        read_document(path, engine=CrashingEngine())
    assert name in str(info.value)  # the message says which file
    assert info.value.reason == error.reason


@pytest.mark.parametrize(
    ("make", "reason"),
    [(factories.zero_page_pdf, "empty"), (factories.stray_page_pdf, "empty"), (factories.treeless_pdf, "corrupt")],
    ids=["empty-page-tree", "empty-page-tree-and-stray-page", "no-page-tree"],
)
def test_zero_page_pdf_fails_at_once_not_as_an_ocr_fault(tmp_path, monkeypatch, make, reason):
    """Regression: a PDF whose page tree is empty but holds a stray /Page object was sent to OCR, failed to
    render, and was reported as ocr_failed with a traceback after two retries."""
    from expediente.flows.tasks import read_and_extract

    engine = CrashingEngine()
    monkeypatch.setattr(reader, "get_engine", lambda: engine)
    found = inspect(make(tmp_path / "zero.pdf"))
    record = read_and_extract(found)  # a failed record, not an exception the flow would retry
    assert (record.status, record.error.reason, engine.calls) == ("failed", reason, 0)
    assert "zero.pdf" in record.error.message


def test_text_named_pdf_message(tmp_path):
    path = tmp_path / "indictment.pdf"
    path.write_text("INDICTMENT\nThe Grand Jury charges:\n")
    with pytest.raises(MislabelledDocument, match="file is named .pdf but contains plain text"):
        read_document(path)


@pytest.mark.parametrize(
    ("limits", "message"),
    [
        ({"max_pages": 2}, "3 pages, more than the limit of 2"),
        ({"max_file_mb": 0}, "more than the limit of 0 MB"),
    ],
)
def test_oversized_pdf(tmp_path, limits, message):
    path = factories.born_digital_pdf(tmp_path / "long.pdf", [factories.BODY] * 3)
    with pytest.raises(OversizedDocument, match=re.escape(message)):
        read_document(path, settings=replace(SETTINGS, **limits))


PAGE_TEXT = "UNITED STATES v. JUAN PEREZ-LOPEZ\nThe defendant did knowingly import cocaine.\n"


@pytest.mark.parametrize(
    ("name", "content", "limits", "message"),
    [
        ("pages.txt", "\f".join([PAGE_TEXT] * 4), {"max_pages": 3}, "4 pages, more than the limit of 3"),
        ("line.txt", "cocaine " * 400, {"max_text_chars": 1000}, "3,200 characters, more than the limit of 1,000"),
        ("huge.txt", "x" * 5000, {"max_text_chars": 1000}, "more than a document of 1,000 characters can take"),
        (
            "docket.html",
            "<html><body><p>" + "Entry. " * 300 + "</p></body></html>",
            {"max_text_chars": 1000},
            "characters, more than the limit of 1,000",
        ),
    ],
)
def test_oversized_text_and_html(tmp_path, name, content, limits, message):
    """Regression: the page limit applied only to PDFs (a 15 MB text became 3,571 pages in 24 minutes)."""
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(OversizedDocument, match=re.escape(message)):
        read_document(path, settings=replace(SETTINGS, **limits))


def test_html_nested_beyond_any_parser_is_refused_not_a_traceback(tmp_path):
    """Regression: a 200,000-deep nested HTML ended in a RecursionError."""
    path = tmp_path / "deep.html"
    path.write_text("<html><body>" + "<div>" * 200_000 + "text" + "</div>" * 200_000 + "</body></html>")
    with pytest.raises(CorruptDocument, match="nested too deeply"):
        read_document(path)


def test_oversized_pixels(tmp_path):
    path = factories.scanned_pdf(tmp_path / "scan.pdf", [factories.SCAN_LINES])
    with pytest.raises(OversizedDocument, match="pixels at 300 dpi"):
        read_document(path, engine=CrashingEngine(), settings=replace(SETTINGS, max_image_pixels=1_000_000))


def test_oversized_image(tmp_path):
    path = tmp_path / "scan.png"
    factories.text_image(["x"], dpi=100).save(path)
    with pytest.raises(OversizedDocument, match="850x1100 pixels"):
        read_document(path, engine=CrashingEngine(), settings=replace(SETTINGS, max_image_pixels=500_000))


# ------------------------------------------------------------------ real OCR through the reader


@pytest.mark.ocr
def test_mixed_pdf_ocrs_only_the_image_page(tmp_path, tesseract):
    path = factories.mixed_pdf(tmp_path / "mixed.pdf", factories.BODY, factories.SCAN_LINES)
    document = read_document(path)
    first, second = document.pages
    assert first.method == "text" and first.ocr_confidence is None
    assert second.method == "ocr" and second.error is None
    assert "PLEA AGREEMENT" in second.text
    assert "methamphetamine" in second.text
    assert second.ocr_confidence is not None and second.ocr_confidence > 80


@pytest.mark.ocr
def test_scan_with_stamp_only_text_layer_is_ocrd(tmp_path, tesseract):
    path = factories.stamped_scan_pdf(tmp_path / "stamped.pdf", factories.SCAN_LINES)
    page = read_document(path).pages[0]
    assert page.method == "ocr"
    assert "acceptance of responsibility" in page.text


@pytest.mark.ocr
def test_one_crashing_page_does_not_kill_the_document(tmp_path, tesseract):
    path = factories.scanned_pdf(tmp_path / "scan.pdf", [["COUNT ONE"], ["COUNT TWO"], ["COUNT THREE"]])
    document = read_document(path, engine=CrashOnPage2Engine())
    assert [p.error is None for p in document.pages] == [True, False, True]
    assert "COUNT ONE" in document.pages[0].text and "COUNT THREE" in document.pages[2].text
    assert "segmentation fault" in document.pages[1].error


# ------------------------------------------------------------------ the real documents


def _read_or_error(found_file: FoundFile):
    try:
        return found_file.path, read_document(found_file)
    except Exception as exc:  # reported by the test, with the file's name
        return found_file.path, exc


@pytest.fixture(scope="module")
def real_documents(realdocs):
    """Every real file read once, in worker processes (pdfplumber is CPU-bound Python)."""
    found, rejected = discover([realdocs])
    assert rejected == []
    readable = [f for f in found if f.claimed is not None]  # SOURCES.md is not a filing
    if shutil.which("tesseract") is None:
        readable = [f for f in readable if "scanned" not in Path(f.path).parts]
    readable.sort(key=lambda f: -f.size)  # the longest first, for an even finish
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=max(2, os.cpu_count() or 2), mp_context=context) as pool:
        return dict(pool.map(_read_or_error, readable))


@pytest.mark.realdocs
@pytest.mark.ocr  # the real documents include scans and pages without a usable text layer
def test_every_real_document_reads(real_documents):
    failures = {Path(p).name: repr(d) for p, d in real_documents.items() if isinstance(d, Exception)}
    assert failures == {}
    assert len(real_documents) >= 30
    for path, document in real_documents.items():
        assert document.pages, path
        assert all(p.error is None for p in document.pages), path
        assert sum(len(p.text) for p in document.pages) > 500, path


@pytest.mark.realdocs
@pytest.mark.ocr  # real_documents reads every real document, OCR included
def test_real_pdfs_split_into_their_pages(real_documents):
    pages = {Path(p).name: len(d.pages) for p, d in real_documents.items()}
    assert pages["transcript_cacd_8-14-cr-00167_roh_change_of_plea.pdf"] == 33
    # text extractions without form feeds are split at their ECF stamps
    assert pages["factual_basis_edla_2-22-cr-00115_keel.txt"] == 9
    assert pages["verdict_cand_3-24-cr-00141_ding.txt"] == 15


def _words(document) -> Counter:
    return Counter(w.lower() for p in document.pages for w in re.findall(r"[A-Za-z]{3,}", clean_page(p.text).text))


# measured 2026-11: letter 0.93 recall / 0.98 precision; order 0.82 / 0.77 (a noisy pleading-paper scan)
OCR_FLOORS = {
    "letter_nysd_1-19-cr-00725_parnas_defense_letter": (0.88, 0.93),
    "order_caed_1-20-mj-00104_gonzalez-burgos_redacted_complaint": (0.75, 0.70),
}


@pytest.mark.realdocs
@pytest.mark.ocr
@pytest.mark.parametrize("stem", sorted(OCR_FLOORS))
def test_scanned_twins_share_their_words(real_documents, realdocs, stem, tesseract):
    born = real_documents[str(realdocs / f"{stem}.pdf")]
    scanned = real_documents[str(realdocs / "scanned" / f"{stem}.scanned.pdf")]
    assert all(p.method == "ocr" for p in scanned.pages)
    assert all(p.ocr_confidence is not None for p in scanned.pages)
    truth, ocr = _words(born), _words(scanned)
    shared = sum((truth & ocr).values())
    recall, precision = shared / sum(truth.values()), shared / sum(ocr.values())
    min_recall, min_precision = OCR_FLOORS[stem]
    assert recall >= min_recall and precision >= min_precision, (recall, precision)


def _loop(tmp_path: Path) -> Path:
    (tmp_path / "a.pdf").symlink_to(tmp_path / "b.pdf")
    (tmp_path / "b.pdf").symlink_to(tmp_path / "a.pdf")
    return tmp_path / "a.pdf"


def _dangling(tmp_path: Path) -> Path:
    (tmp_path / "gone.pdf").symlink_to(tmp_path / "nowhere.pdf")
    return tmp_path / "gone.pdf"


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (_loop, "is a symbolic link loop"),
        (_dangling, "is a symbolic link to"),
        (lambda tmp_path: tmp_path / "absent.pdf", "does not exist"),
        (lambda tmp_path: tmp_path, None),  # an empty folder: nothing found, nothing wrong
    ],
)
def test_discovery_says_what_a_path_is(tmp_path, make, message):
    path = make(tmp_path)
    found, rejected = discover([str(path)])
    messages = [f.message for _, f in rejected]
    assert found == []
    assert messages == [] if message is None else (len(messages) == 1 and message in messages[0])


def test_discovery_never_aborts_a_batch_on_what_it_may_not_read(tmp_path, monkeypatch):
    """Injected faults (tests run as root, who may read everything): a folder of the tree that cannot be
    listed, and a file named directly whose folder may not be entered, are recorded; the rest is found."""
    import os as os_module

    import expediente.corpus.discover as discovery

    (tmp_path / "tree" / "ok").mkdir(parents=True)
    (tmp_path / "tree" / "ok" / "a.txt").write_text("UNITED STATES v. X\n")
    walk = os_module.walk

    def walk_with_a_locked_folder(root, onerror=None):
        onerror(PermissionError(13, "Permission denied", str(tmp_path / "tree" / "locked")))
        yield from walk(root)

    monkeypatch.setattr(discovery.os, "walk", walk_with_a_locked_folder)
    locked_file = tmp_path / "private" / "b.txt"
    exists = Path.exists

    def exists_or_denied(self, *args, **kwargs):
        if self == locked_file:
            raise PermissionError(13, "Permission denied", str(self))
        return exists(self, *args, **kwargs)

    monkeypatch.setattr(Path, "exists", exists_or_denied)
    found, rejected = discover([str(tmp_path / "tree"), str(locked_file)])
    assert [Path(f.path).name for f in found] == ["a.txt"]
    messages = sorted(f.message for _, f in rejected)
    assert messages[0].startswith("cannot list the folder") and "locked" in messages[0]
    assert messages[1].startswith("cannot reach") and "Permission denied" in messages[1]

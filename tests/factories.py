"""Real files for reader tests: born-digital, scanned, mixed, encrypted and broken PDFs, images.

Every text here is made up for the tests, in the style of federal filings.
"""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont
from reportlab.lib.pagesizes import letter
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

FONT_DIRS = ("/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu", "/usr/share/fonts")

CASE = "3:21-cr-04417-LAB"
BODY = [
    "The United States Attorney charges that on or about March 3, 2021,",
    "within the Southern District of California, defendant RAMON ORTEGA-VILLA,",
    "also known as El Guero, did knowingly and intentionally import",
    "five kilograms and more of a mixture containing cocaine, a Schedule II",
    "Controlled Substance, into the United States from a place outside",
    "thereof; in violation of Title 21, United States Code, Sections 952 and 960.",
]
SCAN_LINES = [
    "UNITED STATES DISTRICT COURT",
    "SOUTHERN DISTRICT OF CALIFORNIA",
    "PLEA AGREEMENT",
    "The defendant agrees to plead guilty to Count One",
    "charging importation of methamphetamine.",
    "The government will recommend a reduction for",
    "acceptance of responsibility.",
]


def find_font() -> str | None:
    """A TrueType font on this machine (DejaVu Sans if present)."""
    for folder in FONT_DIRS:
        candidate = Path(folder) / "DejaVuSans.ttf"
        if candidate.exists():
            return str(candidate)
    try:
        out = subprocess.run(["fc-list", ":style=Book", "file"], capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return None
    for line in out.stdout.splitlines():
        path = line.split(":")[0].strip()
        if path.endswith(".ttf"):
            return path
    return None


def ecf_header(page: int, of: int, case: str = CASE, doc: int = 45) -> str:
    return f"Case {case}   Document {doc}   Filed 06/12/21   Page {page} of {of}"


def born_digital_pdf(path: Path, pages: list[list[str]], header: bool = True, line_numbers: bool = True) -> Path:
    """A text-layer PDF laid out on pleading paper: ECF stamp on top, numbers 1..28 down the margin."""
    c = canvas.Canvas(str(path), pagesize=letter)
    for index, lines in enumerate(pages, start=1):
        if header:
            c.setFont("Helvetica", 8)
            c.drawString(90, 770, ecf_header(index, len(pages)))
        c.setFont("Times-Roman", 12)
        for n in range(1, 29):
            y = 720 - (n - 1) * 24
            if line_numbers:
                c.drawRightString(60, y, str(n))
            if n - 1 < len(lines):
                c.drawString(90, y, lines[n - 1])
        c.showPage()
    c.save()
    return path


def text_image(lines: list[str], dpi: int = 200, font_path: str | None = None) -> Image.Image:
    """A letter-size greyscale 'scan' of ``lines`` in a 12 pt TrueType font."""
    font_path = font_path or find_font()
    if font_path is None:
        raise RuntimeError("no TrueType font found (install fonts-dejavu-core)")
    width, height = int(8.5 * dpi), int(11 * dpi)
    image = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(font_path, size=round(12 * dpi / 72))
    y = dpi  # one-inch margin
    for line in lines:
        draw.text((dpi, y), line, fill=0, font=font)
        y += round(20 * dpi / 72)
    return image


def _draw_image_page(c: canvas.Canvas, image: Image.Image) -> None:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    buffer.seek(0)
    c.drawImage(ImageReader(buffer), 0, 0, width=letter[0], height=letter[1])
    c.showPage()


def scanned_pdf(path: Path, pages: list[list[str]], dpi: int = 200) -> Path:
    """An image-only PDF: each page is a picture of text, with no text layer."""
    c = canvas.Canvas(str(path), pagesize=letter)
    for lines in pages:
        _draw_image_page(c, text_image(lines, dpi))
    c.save()
    return path


def mixed_pdf(path: Path, text_lines: list[str], scan_lines: list[str], dpi: int = 200) -> Path:
    """Page 1 has a text layer; page 2 is an image only."""
    c = canvas.Canvas(str(path), pagesize=letter)
    c.setFont("Times-Roman", 12)
    for i, line in enumerate(text_lines):
        c.drawString(72, 700 - i * 20, line)
    c.showPage()
    _draw_image_page(c, text_image(scan_lines, dpi))
    c.save()
    return path


def stamped_scan_pdf(path: Path, scan_lines: list[str], dpi: int = 200) -> Path:
    """A scanned page whose only text layer is the court's ECF stamp (as CM/ECF adds it)."""
    c = canvas.Canvas(str(path), pagesize=letter)
    c.drawImage(ImageReader(_png(text_image(scan_lines, dpi))), 0, 0, width=letter[0], height=letter[1])
    c.setFont("Helvetica", 8)
    c.drawString(90, 770, ecf_header(1, 1))
    c.showPage()
    c.save()
    return path


def _png(image: Image.Image) -> io.BytesIO:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    buffer.seek(0)
    return buffer


def encrypted_pdf(path: Path, user_password: str, owner_password: str = "owner") -> Path:
    from reportlab.lib.pdfencrypt import StandardEncryption

    c = canvas.Canvas(str(path), pagesize=letter, encrypt=StandardEncryption(user_password, owner_password))
    c.setFont("Times-Roman", 12)
    for i, line in enumerate(BODY):
        c.drawString(72, 700 - i * 20, line)
    c.showPage()
    c.save()
    return path


def raw_pdf(path: Path, objects: list[bytes]) -> Path:
    """A PDF written object by object (object 1 is the catalog), with a valid cross-reference table."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    path.write_bytes(bytes(out))
    return path


CATALOG = b"<< /Type /Catalog /Pages 2 0 R >>"
STRAY_PAGE = b"<< /Type /Page /MediaBox [0 0 612 792] >>"


def zero_page_pdf(path: Path) -> Path:
    """A well-formed PDF (valid xref) whose page tree is empty."""
    return raw_pdf(path, [CATALOG, b"<< /Type /Pages /Kids [] /Count 0 >>"])


def stray_page_pdf(path: Path) -> Path:
    """An empty page tree plus a /Page object no tree lists: pdfminer's fallback scan finds it, PDFium does not."""
    return raw_pdf(path, [CATALOG, b"<< /Type /Pages /Kids [] /Count 0 >>", STRAY_PAGE])


def treeless_pdf(path: Path) -> Path:
    """A catalog without a page tree and a stray /Page object: no text layer, and PDFium cannot open it."""
    return raw_pdf(path, [b"<< /Type /Catalog >>", STRAY_PAGE])


def no_mediabox_pdf(path: Path) -> Path:
    """A page without a MediaBox (not inherited either): pdfplumber fails listing the pages, and again on close."""
    return raw_pdf(path, [CATALOG, b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>", b"<< /Type /Page /Parent 2 0 R >>"])


def multipage_tiff(path: Path, pages: list[list[str]], dpi: int = 200) -> Path:
    frames = [text_image(lines, dpi) for lines in pages]
    frames[0].save(path, format="TIFF", save_all=True, append_images=frames[1:], compression="tiff_deflate")
    return path

"""Renderers: the same laid-out pages as a born-digital PDF, a scanned (image-only) PDF, a mixed PDF,
a PNG image or a layout-preserving text file. Every output is byte-deterministic for a given seed."""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas

from tests.samplegen.layout import PAGE_H, PAGE_W, Op

PDF_FONTS = {
    "serif": "Times-Roman",
    "serif-bold": "Times-Bold",
    "serif-italic": "Times-Italic",
    "sans": "Helvetica",
    "sans-bold": "Helvetica-Bold",
    "mono": "Courier",
}

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
TTF_FONTS = {
    "serif": "DejaVuSerifCondensed.ttf",
    "serif-bold": "DejaVuSerifCondensed-Bold.ttf",
    "serif-italic": "DejaVuSerifCondensed-Italic.ttf",
    "sans": "DejaVuSansCondensed.ttf",
    "sans-bold": "DejaVuSansCondensed-Bold.ttf",
    "mono": "DejaVuSansMono.ttf",
}

# "creator" is the generator's name when the corpus was first made: it is in every PDF's bytes
PDF_META = {"author": "expediente sample corpus", "creator": "corpus.sample.generate", "producer": "reportlab"}


class FontMissing(RuntimeError):
    """A TrueType font the scanned-page renderer needs is not installed."""


def pdf_measure(text: str, font: str, size: float) -> float:
    return stringWidth(text, PDF_FONTS[font], size)


class TTFMeasure:
    """Widths in points of the TrueType fonts used on scanned pages."""

    def __init__(self) -> None:
        self._fonts: dict[tuple[str, float], ImageFont.FreeTypeFont] = {}

    def font(self, name: str, px: float) -> ImageFont.FreeTypeFont:
        key = (name, round(px, 1))
        if key not in self._fonts:
            path = FONT_DIR / TTF_FONTS[name]
            if not path.exists():
                raise FontMissing(f"{path} is needed to render scanned sample pages (install fonts-dejavu)")
            self._fonts[key] = ImageFont.truetype(str(path), size=max(1, round(px)))
        return self._fonts[key]

    def __call__(self, text: str, font: str, size: float) -> float:
        return self.font(font, size * 10).getlength(text) / 10.0


TTF = TTFMeasure()


def _canvas(buf, title: str) -> canvas.Canvas:
    c = canvas.Canvas(buf, pagesize=(PAGE_W, PAGE_H), invariant=1, pageCompression=1)
    c.setTitle(title)
    c.setAuthor(PDF_META["author"])
    c.setCreator(PDF_META["creator"])
    c.setProducer(PDF_META["producer"])
    return c


def _draw_pdf_ops(c: canvas.Canvas, ops: list[Op]) -> None:
    for op in ops:
        if op.kind == "text":
            c.setFont(PDF_FONTS[op.font], op.size)
            c.drawString(op.x, PAGE_H - op.y, op.text)
        else:
            c.setLineWidth(op.width)
            c.line(op.x, PAGE_H - op.y, op.x2, PAGE_H - op.y2)


def page_image(ops: list[Op], dpi: int) -> Image.Image:
    """Draw one page's operations on a clean white greyscale image."""
    s = dpi / 72.0
    img = Image.new("L", (round(PAGE_W * s), round(PAGE_H * s)), 255)
    d = ImageDraw.Draw(img)
    for op in ops:
        if op.kind == "text":
            d.text((op.x * s, op.y * s), op.text, fill=20, font=TTF.font(op.font, op.size * s), anchor="ls")
        else:
            d.line([(op.x * s, op.y * s), (op.x2 * s, op.y2 * s)], fill=40, width=max(1, round(op.width * s)))
    return img


def scan_noise(img: Image.Image, seed: int, dpi: int, grain: float = 5.0) -> Image.Image:
    """Make a clean page look photocopied and scanned: skew, blur, grey paper, speckle, noise."""
    rng = np.random.default_rng(seed)
    paper = int(rng.integers(222, 238))
    angle = float(rng.uniform(-0.85, 0.85))
    img = img.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=255)
    img = img.filter(ImageFilter.GaussianBlur(radius=0.45 + float(rng.uniform(0, 0.25))))
    a = np.asarray(img, dtype=np.float32)
    # map white to the paper tone, keep ink dark; add a faint gradient across the page
    h, w = a.shape
    grad = np.linspace(0, float(rng.uniform(4, 12)), w, dtype=np.float32)[None, :]
    a = a / 255.0 * (paper - 18) + 18 - grad
    if grain:
        a += rng.normal(0, grain, size=a.shape).astype(np.float32)
    n = int(h * w * 0.00025)
    ys = rng.integers(0, h - 2, size=n)
    xs = rng.integers(0, w - 2, size=n)
    a[ys, xs] = rng.uniform(30, 120, size=n)
    a[ys + 1, xs] = np.minimum(a[ys + 1, xs], 140)
    # a dark band at one edge, as from the scanner lid
    edge = int(dpi * 0.08)
    a[:, :edge] *= 0.55
    return Image.fromarray(np.clip(a, 0, 255).astype(np.uint8), mode="L")


def jpeg_bytes(img: Image.Image, quality: int) -> bytes:
    buf = io.BytesIO()
    img.save(buf, format="JPEG", quality=quality, optimize=False, progressive=False, subsampling=0)
    return buf.getvalue()


def render_pdf(pages: list[list[Op]], title: str, scanned: set[int], seed: int, dpi: int = 200) -> bytes:
    """A PDF whose pages in ``scanned`` (1-based) are image-only scans; the rest carry text."""
    buf = io.BytesIO()
    c = _canvas(buf, title)
    for i, ops in enumerate(pages, start=1):
        if i in scanned:
            img = scan_noise(page_image(ops, dpi), seed * 1000 + i, dpi)
            c.drawImage(ImageReader(io.BytesIO(jpeg_bytes(img, 55))), 0, 0, width=PAGE_W, height=PAGE_H)
        else:
            _draw_pdf_ops(c, ops)
        c.showPage()
    c.save()
    return buf.getvalue()


def render_png(ops: list[Op], seed: int, dpi: int = 200) -> bytes:
    """A scanned-looking single page as a PNG (greyscale, no grain, reduced to 16 tones to stay small)."""
    img = scan_noise(page_image(ops, dpi), seed, dpi, grain=0.0)
    img = img.point(lambda v: (v // 16) * 16 + 8)
    buf = io.BytesIO()
    img.save(buf, format="PNG", optimize=False, compress_level=9, dpi=(dpi, dpi))
    return buf.getvalue()


def render_text(page_texts: list[str]) -> bytes:
    """Pages of layout text separated by form feeds, as text extracted from a filed PDF looks."""
    return ("\n\f".join(page_texts) + "\n").encode("utf-8")

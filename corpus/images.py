"""Images in: TIFF (each frame a page), PNG and JPEG, OCR'd page by page."""

from __future__ import annotations

import tempfile
import warnings as pywarnings
from collections.abc import Callable
from pathlib import Path

from PIL import Image, UnidentifiedImageError

from expediente.corpus.document import Page
from expediente.corpus.errors import CorruptDocument, EmptyDocument, OversizedDocument
from expediente.corpus.ocr import OcrEngine, OcrResult, ocr_pages
from expediente.corpus.settings import SETTINGS, ReadSettings

# Modes Tesseract (Leptonica) reads from a PNG as they are; others are converted first.
_PLAIN_MODES = {"1", "L", "RGB"}


def _open(path: str) -> Image.Image:
    name = Path(path).name
    try:
        with pywarnings.catch_warnings():
            pywarnings.simplefilter("ignore", Image.DecompressionBombWarning)
            return Image.open(path)
    except Image.DecompressionBombError as exc:
        raise OversizedDocument(f"{name}: the image is too large to open safely ({exc})") from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise CorruptDocument(f"{name}: the image cannot be decoded ({exc}); get a fresh copy") from exc


def read_image(path: str, engine: OcrEngine, settings: ReadSettings = SETTINGS) -> tuple[list[Page], list[str]]:
    """OCR every frame of an image file; returns the pages and warnings."""
    name = Path(path).name
    warnings: list[str] = []
    with _open(path) as image, tempfile.TemporaryDirectory(prefix="expediente-img-") as tmp:
        frames = getattr(image, "n_frames", 1)
        if frames == 0:
            raise EmptyDocument(f"{name}: the image has no frames")
        if frames > settings.max_pages:
            raise OversizedDocument(
                f"{name}: {frames} frames, more than the limit of {settings.max_pages} pages "
                "(raise EXPEDIENTE_MAX_PAGES to read it)"
            )
        jobs: list[tuple[int, Callable[[], OcrResult]]] = []
        errors: dict[int, str] = {}
        for index in range(frames):
            number = index + 1
            try:
                image.seek(index)
            except (EOFError, OSError) as exc:
                errors[number] = f"frame cannot be read: {exc}"
                continue
            width, height = image.size
            if width * height > settings.max_image_pixels:
                raise OversizedDocument(
                    f"{name}: page {number} is {width}x{height} pixels, more than the limit of "
                    f"{settings.max_image_pixels:,} (raise EXPEDIENTE_MAX_IMAGE_PIXELS to read it)"
                )
            try:
                image.load()
                target = _as_ocr_file(path, image, frames, Path(tmp) / f"frame-{number:05d}.png")
            except (OSError, ValueError, SyntaxError) as exc:
                if frames == 1:
                    raise CorruptDocument(f"{name}: the image is damaged or truncated ({exc})") from exc
                errors[number] = f"frame cannot be decoded: {exc}"
                continue
            jobs.append((number, _ocr_job(engine, target)))
        results = {r.number: r for r in ocr_pages(jobs, settings)}

    pages = []
    for number in range(1, frames + 1):
        if number in errors:
            warnings.append(f"page {number}: {errors[number]}")
            pages.append(Page(number, "", "ocr", None, errors[number]))
            continue
        result = results[number]
        if result.error:
            warnings.append(f"page {number}: {result.error}")
        pages.append(Page(number, result.text, "ocr", result.confidence, result.error, result.boxes))
    return pages, warnings


def _as_ocr_file(path: str, image: Image.Image, frames: int, target: Path) -> str:
    """A file Tesseract reads as this one page: the original for single PNG/JPEG, else a PNG."""
    if frames == 1 and image.format in ("PNG", "JPEG") and image.mode in _PLAIN_MODES:
        return path
    frame = image if image.mode in _PLAIN_MODES else image.convert("RGB")
    frame.save(target, format="PNG", compress_level=1)
    return str(target)


def _ocr_job(engine: OcrEngine, image_path: str) -> Callable[[], OcrResult]:
    return lambda: engine.ocr(image_path)

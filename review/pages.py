"""Page images for the review screen, rendered from the source file and cached in the folder.

Only the pages of documents listed in the output folder are served, looked up by document id
and page number (never by a path from the request), and only from the file the document
names whose sha256 still matches, so the route can reach neither other files nor a changed
file's pages. Renders are cached as ``OUTDIR/review/pages/<sha256>-<page>.jpg``.
"""

from __future__ import annotations

import hashlib
import re
import threading
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
from PIL import Image, ImageSequence

WIDTH = 1400  # px of the rendered page: sharp on a laptop screen, ~200 KB as JPEG
_SHA = re.compile(r"^[0-9a-f]{64}$")
_lock = threading.Lock()


class PageUnavailable(LookupError):
    """The page cannot be shown: a text input, a missing or changed source file, no such page."""


def source_file(doc: dict[str, Any], outdir: Path) -> Path:
    """The document's source file, when it still exists with the same content."""
    source = doc["source"]
    path = Path(source["path"])
    if not path.is_absolute():  # as given to `kehoach run`: relative to where it ran, or to the folder
        path = next((p for p in (Path.cwd() / path, outdir.parent / path) if p.is_file()), path)
    if not path.is_file():
        raise PageUnavailable(f"source file not found: {source['path']}")
    if _sha256(path) != source["sha256"]:
        raise PageUnavailable(f"source file changed since the run: {source['path']}")
    return path


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def page_image(doc: dict[str, Any], number: int, outdir: Path, cache: Path) -> Path:
    """The JPEG of page ``number`` (1-based), rendered once and cached."""
    source = doc["source"]
    if not _SHA.match(source["sha256"]) or not 1 <= number <= source["page_count"]:
        raise PageUnavailable(f"no page {number}")
    if source["media_type"] == "application/pdf":
        render = _render_pdf
    elif source["media_type"].startswith("image/"):
        render = _render_image
    else:
        raise PageUnavailable("text inputs have no page image")
    target = cache / f"{source['sha256']}-{number}.jpg"
    with _lock:  # two requests for a new page render it once
        if not target.is_file():
            image = render(source_file(doc, outdir), number)
            if image.width > WIDTH:
                image = image.resize((WIDTH, round(image.height * WIDTH / image.width)), Image.LANCZOS)
            cache.mkdir(parents=True, exist_ok=True)
            tmp = target.with_suffix(".tmp")
            image.convert("L" if image.mode in ("1", "L", "LA") else "RGB").save(tmp, "JPEG", quality=82)
            tmp.replace(target)
    return target


def _render_pdf(path: Path, number: int) -> Image.Image:
    pdf = pdfium.PdfDocument(str(path))
    try:
        page = pdf[number - 1]
        return page.render(scale=WIDTH / page.get_width()).to_pil()
    finally:
        pdf.close()


def _render_image(path: Path, number: int) -> Image.Image:
    with Image.open(path) as img:
        for index, frame in enumerate(ImageSequence.Iterator(img), start=1):
            if index == number:
                return frame.convert("RGB")
    raise PageUnavailable(f"no page {number}")


def source_lines(doc: dict[str, Any], outdir: Path) -> list[tuple[int, str]]:
    """The lines of a text input, numbered as provenance line spans count them."""
    from ..ingest.text import decode_text, pages_from_text

    path = source_file(doc, outdir)
    text = decode_text(path.read_bytes(), str(path))
    return [(line.number, line.text) for page in pages_from_text(text) for line in page.lines]

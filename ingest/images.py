"""Image inputs (PNG, JPEG, TIFF with one or many pages): open safely, yield page images."""

from __future__ import annotations

from collections.abc import Iterator

from PIL import Image, ImageSequence, UnidentifiedImageError

from ..errors import CorruptInputError, ImageTooLargeError

TARGET_DPI = 300
MIN_DPI = 250  # images below this are scaled up to TARGET_DPI: Tesseract reads ~300 dpi best


def effective_dpi(image: Image.Image) -> int:
    """The image's resolution: its dpi tag, but never less than an A4 page's height implies.

    Tags lie (screenshots and many converters write 72), while a page is rarely taller than
    A4's 11.7 inches, so the long side in pixels gives a floor.
    """
    tag = image.info.get("dpi")
    tagged = float(tag[0]) if tag and tag[0] else 0.0
    implied = max(image.width, image.height) / 11.69
    return round(max(tagged, implied, 72.0))


def page_images(path: str, max_pixels: int) -> Iterator[tuple[Image.Image, int]]:
    """Yield ``(image, dpi)`` per frame, refusing decompression bombs before decoding them."""
    Image.MAX_IMAGE_PIXELS = None  # we check the size ourselves, with our own message
    try:
        img = Image.open(path)
    except UnidentifiedImageError as exc:
        raise CorruptInputError("image data cannot be decoded", path) from exc
    with img:
        for frame in ImageSequence.Iterator(img):
            pixels = frame.width * frame.height
            if pixels > max_pixels:
                raise ImageTooLargeError(
                    f"image of {frame.width}×{frame.height} px ({pixels / 1e6:.0f} MP) exceeds the "
                    f"limit of {max_pixels / 1e6:.0f} MP (set --max-image-mp to raise it)", path)
            dpi = effective_dpi(frame)
            try:
                page = frame.convert("L")
            except (OSError, SyntaxError, ValueError) as exc:
                raise CorruptInputError(f"image data is damaged or truncated ({exc})", path) from exc
            if dpi < MIN_DPI:
                factor = min(TARGET_DPI / dpi, 2.0)
                page = page.resize((round(page.width * factor), round(page.height * factor)), Image.LANCZOS)
                dpi = round(dpi * factor)
            yield page, dpi

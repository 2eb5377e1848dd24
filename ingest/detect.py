"""Tell the input kind from the bytes, not from the file name."""

from __future__ import annotations

from typing import Literal

Kind = Literal["pdf", "image", "text"]

_IMAGE_MAGIC = {
    b"\x89PNG\r\n\x1a\n": "image/png",
    b"\xff\xd8\xff": "image/jpeg",
    b"II*\x00": "image/tiff",
    b"MM\x00*": "image/tiff",
}


def sniff(head: bytes) -> tuple[Kind, str] | None:
    """``(kind, media type)`` for the first bytes of a file, or None when unrecognised.

    PDF readers accept junk before ``%PDF-`` within the first KiB, so we do too. Text is
    anything that has a Unicode BOM or no NUL bytes in its head; decoding decides the rest.
    """
    if b"%PDF-" in head[:1024]:
        return "pdf", "application/pdf"
    for magic, media in _IMAGE_MAGIC.items():
        if head.startswith(magic):
            return "image", media
    if head.startswith((b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf")) or b"\x00" not in head:
        return "text", "text/plain"
    return None

"""Plain-text inputs: decode, keep the lines, split pages at form feeds."""

from __future__ import annotations

import codecs
import re

from ..errors import UnsupportedInputError
from ..models import PageInfo
from .types import Line, PageText, Word


def decode_text(data: bytes, path: str) -> str:
    """Decode UTF-8 (with or without BOM), UTF-16 with BOM, or else 8-bit Windows text.

    Legacy Vietnamese files (TCVN3, VNI) are 8-bit text that is rarely valid UTF-8; read as
    cp1252 their bytes become the Latin-1 lookalikes that the normaliser detects and converts
    (:mod:`kehoach.normalize.legacy`). Bytes that cp1252 leaves undefined, or control
    characters, mean the file is not text and it is refused.
    """
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return data.decode(encoding)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        error = exc
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        text = None
    if text is None or _CONTROL.search(text):
        raise UnsupportedInputError(
            f"text is not UTF-8, UTF-16 with a BOM or 8-bit text (byte {error.start} is invalid UTF-8)", path
        ) from error
    return text


_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")  # C0 controls other than \t \n \v \f \r


def pages_from_text(text: str) -> list[PageText]:
    """One page per form-feed-separated part; line numbers run across pages.

    Words carry no boxes (there are none); their confidence is 100 because nothing was
    recognised. Pages are numbered only when the text has form feeds.
    """
    parts = text.replace("\r\n", "\n").replace("\r", "\n").split("\f")
    paged = len(parts) > 1
    pages: list[PageText] = []
    number = 0
    for index, part in enumerate(parts, start=1):
        if part.endswith("\n"):
            part = part[:-1]
        lines = []
        for raw in part.split("\n"):
            number += 1
            lines.append(
                Line(text=raw, number=number, page=index if paged else None,
                     words=[Word(w) for w in raw.split()])
            )
        info = PageInfo(number=index, method="text", reason="plain-text input", word_count=sum(len(ln.words) for ln in lines))
        pages.append(PageText(info=info, lines=lines))
    return pages

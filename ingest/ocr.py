"""OCR engines behind one small contract; Tesseract (``vie``) is the default.

The engine receives a page image *file* (Tesseract reads it directly; nothing is
re-encoded in memory) and returns words with boxes in that image's pixels and their
confidences. ``OMP_THREAD_LIMIT=1``: Tesseract's own threads fight over the cores when
pages run in parallel, and parallelism across pages is both simpler and faster.
"""

from __future__ import annotations

import os
import tempfile
from abc import ABC, abstractmethod
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytesseract
from PIL import Image

from ..errors import MissingDependencyError, OcrError

os.environ.setdefault("OMP_THREAD_LIMIT", "1")


@dataclass(slots=True)
class OcrWord:
    text: str
    left: int
    top: int
    width: int
    height: int
    confidence: float  # 0–100
    line_key: tuple[int, int, int]  # (block, paragraph, line) in the engine's reading order


class OcrEngine(ABC):
    """What an OCR engine must provide."""

    name: str

    @abstractmethod
    def describe(self) -> str:
        """Engine, version and settings, recorded in the page info."""

    @abstractmethod
    def recognize(self, image_path: str, dpi: int) -> list[OcrWord]:
        """Words of the image at ``image_path`` in reading order."""

    def recognize_image(self, image: Image.Image, dpi: int) -> list[OcrWord]:
        """Words of an image in memory, handed over as an uncompressed BMP file in a
        temporary folder (PNG encoding alone cost a fifth of Tesseract's time per page)."""
        with tempfile.TemporaryDirectory(prefix="kehoach-") as tmp:
            path = Path(tmp) / "image.bmp"
            image.save(path, dpi=(dpi, dpi))
            return self.recognize(str(path), dpi)


class TesseractEngine(OcrEngine):
    """Tesseract through pytesseract: ``vie`` alone (``vie+eng`` strips accents), psm 3."""

    name = "tesseract"

    def __init__(self, lang: str = "vie", psm: int = 3, timeout: float = 0) -> None:
        self.lang = lang
        self.psm = psm
        self.timeout = timeout
        check_tesseract(lang)

    def describe(self) -> str:
        return f"tesseract {tesseract_version()} ({self.lang}, psm {self.psm})"

    def recognize(self, image_path: str, dpi: int) -> list[OcrWord]:
        config = f"--psm {self.psm} --dpi {dpi}"
        try:
            data = pytesseract.image_to_data(
                image_path, lang=self.lang, config=config,
                output_type=pytesseract.Output.DICT, timeout=self.timeout,
            )
        except RuntimeError as exc:  # pytesseract raises a bare RuntimeError on timeout
            raise OcrError(f"Tesseract timed out after {self.timeout:.0f} s", image_path) from exc
        except pytesseract.TesseractError as exc:
            raise OcrError(f"Tesseract failed: {exc.message or exc}", image_path) from exc
        words = []
        for i, text in enumerate(data["text"]):
            text = text.strip()
            conf = float(data["conf"][i])
            if not text or conf < 0:
                continue
            words.append(OcrWord(
                text=text, left=data["left"][i], top=data["top"][i], width=data["width"][i],
                height=data["height"][i], confidence=conf,
                line_key=(data["block_num"][i], data["par_num"][i], data["line_num"][i]),
            ))
        return words


@cache
def tesseract_version() -> str:
    try:
        return str(pytesseract.get_tesseract_version())
    except pytesseract.TesseractNotFoundError as exc:
        raise MissingDependencyError(
            "the tesseract program is not installed; on Debian/Ubuntu: "
            "sudo apt-get install tesseract-ocr tesseract-ocr-vie"
        ) from exc


@cache
def check_tesseract(lang: str) -> None:
    """Fail early, with the install command, when Tesseract or its language data is missing."""
    tesseract_version()
    missing = [code for code in lang.split("+") if code not in pytesseract.get_languages(config="")]
    if missing:
        raise MissingDependencyError(
            f"Tesseract has no language data for {', '.join(missing)}; on Debian/Ubuntu: "
            f"sudo apt-get install {' '.join('tesseract-ocr-' + m for m in missing)}"
        )


ENGINES: dict[str, type[OcrEngine]] = {"tesseract": TesseractEngine}


def make_engine(name: str, **options: object) -> OcrEngine:
    """The registered engine ``name``; an unknown name lists the known ones."""
    try:
        factory = ENGINES[name]
    except KeyError:
        raise ValueError(f"unknown OCR engine {name!r}; known: {', '.join(sorted(ENGINES))}") from None
    return factory(**options)  # type: ignore[arg-type]

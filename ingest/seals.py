"""Signatures under red seals: read the signer's block again with the seal's red ink removed.

A signed Vietnamese document carries a red round seal (con dấu) over the signer's position
and name, and a signature across them. On the grayscale page Tesseract takes the ring and
the seal's lettering for text and loses the printed words under them (on the real scans, 11
header fields were names and positions under a seal). In colour the seal is easy to tell
apart: its pixels are red, while the printed text stays black where the seal covers it.
So, only on pages that show a seal-sized red blob, the block around each seal is cropped
from the colour page, its red ink turned to paper white, and read again; the re-read words
replace the page's words there when the vocabulary knows more of them.

Reading the whole page from its red channel instead was tried and gave +2/−3 header fields:
it also changes every page region that had no seal. This step, on the 13 real PDFs with
header truths (``bench/header_eval.py``): 82 → 87 of 104 fields exact, none lost. Its cost:
under 1 ms a page for a grayscale scan, about 30 ms for a colour page without a seal (a
coarse render), 0.3–1 s for a page with seals (colour image and one Tesseract run per seal).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import cv2
import numpy as np
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from PIL import Image

from ..normalize.lm import MODEL_PATH
from .ocr import OcrEngine, OcrWord
from .page_image import lone_scan

RED_MARGIN = 40  # grey levels by which red exceeds both green and blue in seal ink
WORK_DPI = 37.5  # seals are looked for on a copy this coarse (a seal is ~55 px wide there)
SEAL_MM = (25.0, 60.0)  # diameter of a round seal; larger red areas are banners or highlights
MAX_ASPECT = 1.35  # a round seal's box is nearly square (an oval one a little less)
MIN_FILL = 0.2  # share of the seal's box that is red ink (ring, lettering, emblem)
# The block re-read around a seal, in seal diameters: the position is printed above the seal,
# the name under its lower edge and often further right than the seal reaches.
ABOVE, BELOW, LEFT, RIGHT = 0.3, 0.35, 0.5, 1.2
OVER_INK_SHARE = 0.65  # seal pixels darker than this share of the seal's typical red lie over print
PAPER = 170  # lighter pixels of a cleaned block are paper
MENDED_GAP_PX = 7  # gaps in black strokes where the seal's ring crossed them are closed
# Re-read words below this confidence are mostly strokes of the ring or the signature; kept
# only when the vocabulary knows them and they are not one or two letters (a cut-off stroke
# reads as 'Xe', 'ta', 'nh').
JUNK_CONFIDENCE = 40.0
MIN_JUNK_KEPT = 3
QUOTES = "\"'“”‘’`"
PUNCTUATION = ".,;:!?\"'“”‘’()[]{}-–—/…"
ROW_OVERLAP = 0.5  # two lines are one printed row if they share this much of the lower one's height
KEY_OFFSET = 10_000  # re-read words get block numbers of their own, apart from the page's


@dataclass(frozen=True)
class Box:
    """A pixel rectangle, ``x1``/``y1`` exclusive."""

    x0: int
    y0: int
    x1: int
    y1: int

    def holds(self, word: OcrWord) -> bool:
        return (self.x0 <= word.left and word.left + word.width <= self.x1
                and self.y0 <= word.top and word.top + word.height <= self.y1)

    def cuts(self, word: OcrWord) -> bool:
        """The word lies across the box's edge."""
        return not self.holds(word) and self.overlaps(Box(word.left, word.top, word.left + word.width,
                                                          word.top + word.height))

    def overlaps(self, other: Box) -> bool:
        return self.x0 < other.x1 and other.x0 < self.x1 and self.y0 < other.y1 and other.y0 < self.y1


def red_ink(rgb: np.ndarray) -> np.ndarray:
    """Pixels where red clearly dominates green and blue (seal ink; not black, blue or grey)."""
    r, g, b = (rgb[..., k].astype(np.int16) for k in range(3))
    return (r - np.maximum(g, b)) > RED_MARGIN


def find_seals(rgb: np.ndarray, dpi: float) -> list[Box]:
    """Boxes (in ``rgb``'s pixels) of the compact, roughly square red blobs of a seal's size.

    Looked for on a reduced copy: cheap enough for every page (about 10 ms at 300 dpi), and
    the seal's ring and lettering merge into one blob there."""
    step = max(1, round(dpi / WORK_DPI))
    small = cv2.resize(rgb, None, fx=1 / step, fy=1 / step, interpolation=cv2.INTER_AREA) if step > 1 else rgb
    red = red_ink(small).astype(np.uint8)
    if red.sum() < 30:
        return []
    red = cv2.morphologyEx(red, cv2.MORPH_CLOSE, np.ones((5, 5), np.uint8))
    count, _, stats, _ = cv2.connectedComponentsWithStats(red)
    smallest, largest = (mm / 25.4 * dpi / step for mm in SEAL_MM)
    seals = []
    for x, y, w, h, area in stats[1:count]:
        if (smallest <= max(w, h) <= largest and max(w, h) <= MAX_ASPECT * min(w, h)
                and area >= MIN_FILL * w * h):
            seals.append(Box(int(x * step), int(y * step), int((x + w) * step), int((y + h) * step)))
    return seals


def has_seal(page: pdfium.PdfPage) -> bool:
    """Whether a PDF page shows a seal, so that only such pages are rendered in colour at
    full resolution: no for a page that is one grayscale scan (its colour space says so),
    else a look at a coarse colour render (10–50 ms of CPU a page)."""
    scan = lone_scan(page)
    if scan is not None and scan.get_metadata().colorspace == pdfium_c.FPDF_COLORSPACE_DEVICEGRAY:
        return False
    thumbnail = page.render(scale=WORK_DPI / 72).to_pil().convert("RGB")
    return bool(find_seals(np.asarray(thumbnail), WORK_DPI))


def signer_block(seal: Box, width: int, height: int) -> Box:
    """The block read again around ``seal``: the position above it, the name under and right
    of it."""
    d = max(seal.x1 - seal.x0, seal.y1 - seal.y0)
    return Box(max(0, round(seal.x0 - LEFT * d)), max(0, round(seal.y0 - ABOVE * d)),
               min(width, round(seal.x1 + RIGHT * d)), min(height, round(seal.y1 + BELOW * d)))


def without_red(rgb: np.ndarray) -> np.ndarray:
    """The crop in grayscale with the seal's red ink turned to paper white.

    Where the seal lies over a printed letter its pixels are dark red: red enough to count
    as seal ink, but darker than the seal's ink on paper (the crop's typical red pixel); those
    stay black. Lighter overlaps still cut the letter's strokes where the ring crosses them;
    gaps of a few pixels between black ink are closed again."""
    gray = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)
    red = red_ink(rgb)
    if not red.any():
        return gray
    r = rgb[..., 0]
    over_ink = red & (r < OVER_INK_SHARE * np.median(r[red]))
    cleaned = np.where(red & ~over_ink, 255, np.where(over_ink, 0, gray)).astype(np.uint8)
    ink = (cleaned < 128).astype(np.uint8)
    kernel = np.ones((MENDED_GAP_PX, MENDED_GAP_PX), np.uint8)
    mended = cv2.morphologyEx(ink, cv2.MORPH_CLOSE, kernel).astype(bool) & red
    cleaned[mended] = 0
    cleaned[cleaned > PAPER] = 255  # the seal's faint grey outline, where its red blurred
    return cleaned


@cache
def vocabulary() -> frozenset[str]:
    """The language model's syllables (only its word list is loaded, not its tables)."""
    with np.load(MODEL_PATH) as data:
        return frozenset(str(data["vocab"]).split("\n"))


def known_word(text: str, min_letters: int = 1) -> bool:
    """Whether a word is a syllable of the vocabulary (of at least ``min_letters``) or a
    number, punctuation aside."""
    core = text.strip(PUNCTUATION).lower()
    return len(core) >= min_letters and (core.isdigit() or core in vocabulary())


def known(words: list[OcrWord]) -> int:
    """How many words are syllables of the vocabulary or numbers."""
    return sum(known_word(w.text) for w in words)


def read_block(gray: np.ndarray, block: Box, dpi: int, engine: OcrEngine, number: int) -> list[OcrWord]:
    """Words of the cleaned block, in page pixels; dropped: those touching the crop's edge (a
    word cut there), lone marks, and unknown words read with a low confidence (strokes of
    the ring or the signature)."""
    found = engine.recognize_image(Image.fromarray(gray), dpi)
    height, width = gray.shape
    words = []
    for w in found:
        if (w.left <= 1 or w.top <= 1 or w.left + w.width >= width - 1 or w.top + w.height >= height - 1
                or not any(c.isalnum() for c in w.text)  # a lone mark: a stroke of the ring or signature
                or (w.confidence < JUNK_CONFIDENCE and not known_word(w.text, MIN_JUNK_KEPT))):
            continue
        block_no, par, line = w.line_key
        words.append(OcrWord(unquoted(w.text), w.left + block.x0, w.top + block.y0, w.width, w.height, w.confidence,
                             (KEY_OFFSET * number + block_no, par, line)))
    return words


def unquoted(text: str) -> str:
    """A word without the quote mark glued to its start ('“Hoàng'), where what follows is a
    syllable the vocabulary knows: the end of the seal's ring, read as a quote."""
    core = text.lstrip(QUOTES)
    return core if core != text and known_word(core, MIN_JUNK_KEPT) else text


def mean_confidence(words: list[OcrWord]) -> float:
    return sum(w.confidence for w in words) / len(words) if words else 0.0


def reread_seals(colour: np.ndarray, words: list[OcrWord], dpi: int, engine: OcrEngine
                 ) -> tuple[list[OcrWord], int]:
    """The page's words with each seal's block replaced by its re-reading where that is
    better (more words the vocabulary knows; as many and a higher mean confidence), and the
    number of blocks replaced. ``colour`` is the page as OCR saw it (same size and turn).

    Only words wholly inside a block are replaced, and only re-read words clear of the crop's
    edge are taken: a word the block's edge cuts is kept as first read (and blanked in the
    crop, where its piece would be read as a fragment or glued to a word). Seals are taken
    one by one, top to bottom: one block read across two neighbouring signers' columns
    would run their lines together."""
    height, width = colour.shape[:2]
    replaced = 0
    for number, seal in enumerate(sorted(find_seals(colour, dpi), key=lambda b: (b.y0, b.x0)), start=1):
        block = signer_block(seal, width, height)
        gray = without_red(colour[block.y0:block.y1, block.x0:block.x1])
        line_height = max(seal.x1 - seal.x0, seal.y1 - seal.y0) / 4
        for w in words:  # printed words the edge cuts stay as first read: blank their pieces
            if block.cuts(w) and w.confidence >= JUNK_CONFIDENCE and w.height < line_height:
                gray[max(0, w.top - block.y0):max(0, w.top + w.height - block.y0),
                     max(0, w.left - block.x0):max(0, w.left + w.width - block.x0)] = 255
        new = read_block(gray, block, dpi, engine, number)
        old = [w for w in words if block.holds(w)]
        gain = known(new) - known(old)
        if gain < 0 or (gain == 0 and mean_confidence(new) <= mean_confidence(old)):
            continue
        words = merged(words, new, block)
        replaced += 1
    return words, replaced


def merged(words: list[OcrWord], new: list[OcrWord], block: Box) -> list[OcrWord]:
    """The page's words with those wholly inside ``block`` replaced by ``new``, in the order
    the first reading would have given them: a new line level with a line kept outside the
    block joins that line (Tesseract reads a row across both columns of a closing, 'Nơi
    nhận: … CHỦ TỊCH', and the closing stage expects it so); a new line of its own goes
    before the first kept line below it."""
    lines: dict[tuple[int, int, int], list[OcrWord]] = {}
    for w in words:
        if not block.holds(w):
            lines.setdefault(w.line_key, []).append(w)
    spans = {key: (min(w.top for w in ws), max(w.top + w.height for w in ws)) for key, ws in lines.items()}
    read: dict[tuple[int, int, int], list[OcrWord]] = {}
    for w in new:
        read.setdefault(w.line_key, []).append(w)
    own = []
    for ws in read.values():
        span = (min(w.top for w in ws), max(w.top + w.height for w in ws))
        level = {key: shared for key, kept in spans.items() if (shared := _shared(span, kept)) > ROW_OVERLAP}
        if level:
            row = max(level, key=level.__getitem__)
            lines[row] = sorted([*lines[row], *(OcrWord(w.text, w.left, w.top, w.width, w.height, w.confidence, row)
                                                for w in ws)], key=lambda w: w.left)
        else:
            own.append(ws)
    ordered = list(lines.values())
    for ws in own:
        top = min(w.top for w in ws)
        at = next((i for i, line in enumerate(ordered) if min(w.top for w in line) > top), len(ordered))
        ordered.insert(at, ws)
    return [w for line in ordered for w in line]


def _shared(a: tuple[int, int], b: tuple[int, int]) -> float:
    """How much two vertical spans overlap, as a share of the shorter."""
    return (min(a[1], b[1]) - max(a[0], b[0])) / max(1, min(a[1] - a[0], b[1] - b[0]))

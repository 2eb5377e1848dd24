"""Ruled tables on a page: the grid (rows, columns, merged cells) and the words in each cell.

Plans put their Phụ lục in ruled tables whose cells span rows (one 'Cơ quan chủ trì' for
several duties). The rulings are found two ways, by what the page offers:

* a page read from its text layer: pdfplumber's table finder on the PDF's drawn lines
  (:func:`layer_tables`);
* a page read by OCR: OpenCV morphology on the page image — long thin horizontal and
  vertical strokes are ruling lines, text is not (:func:`image_tables`).

Both give cell rectangles; :func:`grid_of` turns rectangles into rows, columns and spans,
and the words already read on the page (text layer or Tesseract) are put in the cell that
holds their centre. Nothing is OCR'd twice.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Sequence
from pathlib import Path

import cv2
import numpy as np
import pdfplumber
from PIL import Image

from ..models import BBox
from .ocr import OcrEngine, TesseractEngine
from .types import Line, PageTable, TableCell, Word

Rect = tuple[float, float, float, float]  # x0, y0, x1, y1 (origin top-left)

MIN_ROWS = 1  # one row: the part of a tall row that fills a page after a page break
MIN_COLS = 2  # a lone ruled box (an address framed on the page) is no table
SNAP_PT = 3.0  # pdfplumber cell edges closer than this (points) are the same ruling
# Image rulings, as fractions of an inch so they hold at any dpi:
H_RULE_IN = 0.45  # a horizontal stroke this long is a ruling, not a letter or a word's underline
V_RULE_IN = 0.16  # a vertical one this tall (a one-line row is ~0.25 in); letters are shorter
SNAP_IN = 0.03  # rulings closer than this are one line (thick or slightly tilted strokes)
WALL_SHARE = 0.6  # a cell border is drawn when ink covers this share of it
MIN_TABLE_IN = 1.0  # smaller ruled shapes are boxes and stamps, not tables
CELL_PAD_IN = 0.02  # trimmed off a cell's edges before it is read again
CELL_MARGIN_IN = 0.15  # white margin around a cell read alone: Tesseract misses text touching the edge
# Tokens that are not text: a ruling read as a character ('|', '`'), or a stamp's ink read as
# symbols no Vietnamese text has ('vỳŠ#4¿@©<Š'). Letters, digits and ordinary punctuation pass.
_RULING = "|¦"
_NOT_TEXT = re.compile(r"^[|¦`'\"‘’“”_~!?.,:;]+$|[^\w\s.,;:()/\-+%–—'\"“”‘’&*?!\[\]]|[_ŠšŽžŒœ©®¿¡@#<>{}\\^]")


def layer_tables(page: pdfplumber.page.Page, number: int, lines: list[Line]) -> list[PageTable]:
    """Tables drawn with lines in the PDF, filled with the text layer's words."""
    words = [w for ln in lines for w in ln.words if w.bbox is not None]
    tables = []
    for found in page.find_tables():
        rects = [(float(x0), float(top), float(x1), float(bottom)) for x0, top, x1, bottom in found.cells]
        table = _table(rects, number, words, SNAP_PT, "pt", None, "pdf_rules")
        if table is not None:
            tables.append(table)
    return tables


def image_tables(image: Image.Image, number: int, dpi: int, lines: list[Line],
                 engine: OcrEngine | None = None) -> list[PageTable]:
    """Tables ruled on the page image (the image the words' boxes refer to).

    The page's OCR words fill the cells, without the rulings Tesseract reads as '|'. A cell
    left empty (a lone 'TT' or row number, which page segmentation often drops) is read again
    on its own by ``engine`` when one is given.
    """
    ink = _ink(image, dpi)
    h_len, v_len = max(10, round(H_RULE_IN * dpi)), max(8, round(V_RULE_IN * dpi))
    horizontal = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (h_len, 1)))
    if not horizontal.any():
        return []  # most pages: no long rule at all, so no table (and nothing more to compute)
    vertical = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, v_len)))
    if not vertical.any():
        return []
    snap = max(2.0, SNAP_IN * dpi)
    words = text_words([w for ln in lines for w in ln.words if w.bbox is not None])
    tables = []
    grid = cv2.dilate(horizontal | vertical, np.ones((5, 5), np.uint8))
    clean: Image.Image | None = None  # the page without its rulings, for reading empty cells again
    count, _, stats, _ = cv2.connectedComponentsWithStats(grid, connectivity=8)
    for label in range(1, count):
        x, y, w, h, _ = stats[label]
        if w < MIN_TABLE_IN * dpi or h < MIN_TABLE_IN * dpi / 3:
            continue
        rects = _cells_in_region(horizontal[y:y + h, x:x + w], vertical[y:y + h, x:x + w], snap)
        rects = [(x0 + x, y0 + y, x1 + x, y1 + y) for x0, y0, x1, y1 in rects]
        table = _table(rects, number, words, snap, "px", dpi, "image_rules")
        if table is not None:
            if engine is not None:
                if clean is None:
                    clean = Image.fromarray(np.where(grid > 0, 255, np.asarray(image.convert("L"))).astype(np.uint8))
                _reread_empty(table, clean, engine, dpi)
            tables.append(table)
    tables.sort(key=lambda t: t.bbox.y0)
    return tables


def _ink(image: Image.Image, dpi: int) -> np.ndarray:
    """Dark pixels as 255, with one-pixel gaps of a faded ruling closed."""
    gray = np.asarray(image.convert("L"))
    _, ink = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    return cv2.morphologyEx(ink, cv2.MORPH_CLOSE, np.ones((3, 3), np.uint8)) if dpi >= 200 else ink


def _cells_in_region(horizontal: np.ndarray, vertical: np.ndarray, snap: float) -> list[Rect]:
    """Merged-cell rectangles of one ruled region: the elementary grid of every ruling's
    position, then neighbouring grid cells joined wherever the border between them is not drawn."""
    ys = _positions(horizontal, axis=0, snap=snap)
    xs = _positions(vertical, axis=1, snap=snap)
    if len(ys) < MIN_ROWS + 1 or len(xs) < MIN_COLS + 1:
        return []
    n_rows, n_cols = len(ys) - 1, len(xs) - 1
    half = max(1, round(snap))
    parent = list(range(n_rows * n_cols))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for r in range(n_rows):
        for c in range(n_cols):
            if c + 1 < n_cols and not _drawn(vertical, xs[c + 1], ys[r], ys[r + 1], half, along_y=True):
                parent[find(r * n_cols + c + 1)] = find(r * n_cols + c)
            if r + 1 < n_rows and not _drawn(horizontal, ys[r + 1], xs[c], xs[c + 1], half, along_y=False):
                parent[find((r + 1) * n_cols + c)] = find(r * n_cols + c)
    groups: dict[int, list[tuple[int, int]]] = {}
    for r in range(n_rows):
        for c in range(n_cols):
            groups.setdefault(find(r * n_cols + c), []).append((r, c))
    rects = []
    for members in groups.values():
        rows = [r for r, _ in members]
        cols = [c for _, c in members]
        rects.append((xs[min(cols)], ys[min(rows)], xs[max(cols) + 1], ys[max(rows) + 1]))
    return rects


def _positions(mask: np.ndarray, axis: int, snap: float) -> list[float]:
    """Where the rulings of ``mask`` lie across ``axis`` (0: rows for horizontal rulings)."""
    count, _, stats, centroids = cv2.connectedComponentsWithStats(mask, connectivity=8)
    centres = sorted(float(centroids[i][1 - axis]) for i in range(1, count))
    return _snap(centres, snap)


def _snap(values: Sequence[float], tolerance: float) -> list[float]:
    """Sorted values merged into clusters closer than ``tolerance``, each at its mean."""
    clusters: list[list[float]] = []
    for v in sorted(values):
        if clusters and v - clusters[-1][-1] <= tolerance:
            clusters[-1].append(v)
        else:
            clusters.append([v])
    return [sum(c) / len(c) for c in clusters]


def _drawn(mask: np.ndarray, at: float, start: float, end: float, half: int, along_y: bool) -> bool:
    """Whether a ruling covers the border at ``at`` between ``start`` and ``end``."""
    margin = (end - start) * 0.15  # corners belong to the crossing rulings
    a, b = int(start + margin), int(end - margin)
    lo, hi = max(0, int(at) - half), int(at) + half + 1
    band = mask[a:b, lo:hi] if along_y else mask[lo:hi, a:b]
    if band.size == 0:
        return False
    covered = band.any(axis=1 if along_y else 0)
    return float(covered.mean()) >= WALL_SHARE


def grid_of(rects: list[Rect], snap: float) -> tuple[list[float], list[float], list[tuple[int, int, int, int]]]:
    """Row and column borders of cell rectangles, and each rectangle's (row, col, rowspan, colspan)."""
    xs = _snap([v for x0, _, x1, _ in rects for v in (x0, x1)], snap)
    ys = _snap([v for _, y0, _, y1 in rects for v in (y0, y1)], snap)

    def index(borders: list[float], v: float) -> int:
        return min(range(len(borders)), key=lambda i: abs(borders[i] - v))

    places = []
    for x0, y0, x1, y1 in rects:
        r0, r1, c0, c1 = index(ys, y0), index(ys, y1), index(xs, x0), index(xs, x1)
        places.append((r0, c0, max(1, r1 - r0), max(1, c1 - c0)))
    return xs, ys, places


def _table(rects: list[Rect], page: int, words: list[Word], snap: float, unit: str,
           dpi: int | None, method: str) -> PageTable | None:
    if not rects:
        return None
    xs, ys, places = grid_of(rects, snap)
    n_rows, n_cols = len(ys) - 1, len(xs) - 1
    if n_rows < MIN_ROWS or n_cols < MIN_COLS:
        return None
    cells = []
    for (r, c, rs, cs) in sorted(places):
        box = BBox(x0=xs[c], y0=ys[r], x1=xs[c + cs], y1=ys[r + rs], unit=unit, dpi=dpi)  # type: ignore[arg-type]
        cells.append(TableCell(row=r, col=c, bbox=box, rowspan=rs, colspan=cs))
    fill_cells(cells, words)
    bbox = BBox(x0=xs[0], y0=ys[0], x1=xs[-1], y1=ys[-1], unit=unit, dpi=dpi)  # type: ignore[arg-type]
    return PageTable(page=page, bbox=bbox, n_rows=n_rows, n_cols=n_cols, cells=cells, method=method)


def fill_cells(cells: list[TableCell], words: list[Word]) -> None:
    """Each cell's text: the words whose centre it holds, line by line, left to right."""
    for cell, text in zip(cells, cell_texts(cells, words)):
        cell.text = text


def cell_texts(cells: list[TableCell], words: list[Word]) -> list[str]:
    """The text of each of ``cells`` made of the ``words`` whose centre it holds."""
    inside: dict[int, list[Word]] = {}
    for word in words:
        box = word.bbox
        assert box is not None
        for i, cell in enumerate(cells):
            if cell.bbox.holds_centre_of(box):
                inside.setdefault(i, []).append(word)
                break
    return [words_text(inside.get(i, [])) for i in range(len(cells))]


def words_text(words: list[Word]) -> str:
    """Words in reading order: grouped into lines by their vertical centre, then by x."""
    lines: list[list[Word]] = []
    for word in sorted(words, key=lambda w: (w.bbox.y0 + w.bbox.y1) / 2):  # type: ignore[union-attr]
        box = word.bbox
        assert box is not None
        cy, h = (box.y0 + box.y1) / 2, box.y1 - box.y0
        if lines:
            last = lines[-1][-1].bbox
            assert last is not None
            if abs(cy - (last.y0 + last.y1) / 2) <= max(h, last.y1 - last.y0) / 2:
                lines[-1].append(word)
                continue
        lines.append([word])
    return " ".join(w.text for line in lines for w in sorted(line, key=lambda w: w.bbox.x0))  # type: ignore[union-attr]


def text_words(words: list[Word]) -> list[Word]:
    """The words that are text, without a ruling read into them ('|Tổ' → 'Tổ'), and words
    Tesseract ran together in a narrow cell split where a capital follows a small letter
    ('SởNông' → 'Sở Nông'; no Vietnamese word has a capital inside). Confidence is no guide
    here: Tesseract gives 0 to a clean 'dựng' in a narrow cell as to a seal's ink ('CẢ')."""
    kept = []
    for word in words:
        text = word.text.strip(_RULING)
        if "]" not in text:  # a ruling read as a bracket ('[học'); '[1]' is a footnote mark
            text = text.lstrip("[")
        if "[" not in text:
            text = text.rstrip("]")
        if text and not _NOT_TEXT.search(text):
            text = "".join(f" {ch}" if i and ch.isupper() and text[i - 1].islower() else ch
                           for i, ch in enumerate(text))
            kept.append(Word(text, word.bbox, word.confidence))
    return kept


def split_run_together(text: str) -> str:
    """OCR text of a narrow cell with syllables Tesseract ran together split again ('Côngan
    tỉnh' → 'Công an tỉnh', 'họcvà' → 'học và'): a word the language model does not know that
    splits into two syllables it knows, at the split the model finds likeliest ('Công an',
    not 'Côn gan'). Called when the cells are normalised (the model is loaded there anyway,
    not in ingest workers)."""
    from ..normalize.lm import load_model  # a 5 MB model: only for documents with OCR'd tables

    model = load_model()
    words = []
    for word in text.split(" "):
        core = word.rstrip(".,;:)")
        low = core.lower()
        if len(core) >= 4 and core.isalpha() and low not in model.index:
            splits = [i for i in range(1, len(core)) if low[:i] in model.index and low[i:] in model.index]
            if splits:
                cut = max(splits, key=lambda i: model.logp(model.bos, model.bos, model.id(low[:i]))
                          + model.logp(model.bos, model.id(low[:i]), model.id(low[i:])))
                word = f"{core[:cut]} {core[cut:]}{word[len(core):]}"
        words.append(word)
    return " ".join(words)


def _reread_empty(table: PageTable, image: Image.Image, engine: OcrEngine, dpi: int) -> None:
    """OCR each empty cell's ink alone, on ``image`` with the rulings erased, as one block of
    text (Tesseract's page segmentation finds no text in a crop holding a lone '2')."""
    pad, margin = round(CELL_PAD_IN * dpi), round(CELL_MARGIN_IN * dpi)
    engines = [engine]
    if isinstance(engine, TesseractEngine):  # a block of text, else one word ('1' alone reads as '|' in a block)
        engines = [TesseractEngine(lang=engine.lang, psm=psm, timeout=engine.timeout) for psm in (6, 8)]
    with tempfile.TemporaryDirectory(prefix="kehoach-cell-") as tmp:
        for i, cell in enumerate(table.cells):
            if cell.text:
                continue
            b = cell.bbox
            box = (round(b.x0) + pad, round(b.y0) + pad, round(b.x1) - pad, round(b.y1) - pad)
            if box[2] - box[0] < pad or box[3] - box[1] < pad:
                continue
            crop = image.crop(box).convert("L")
            dark = np.argwhere(np.asarray(crop) < 128)
            if not len(dark):
                continue  # blank: nothing to read
            (top, left), (bottom, right) = dark.min(axis=0), dark.max(axis=0)
            box = (box[0] + int(left), box[1] + int(top), box[0] + int(right) + 1, box[1] + int(bottom) + 1)
            crop = image.crop(box).convert("L")  # the ink alone: Tesseract finds a lone digit in it
            path = Path(tmp) / f"cell-{i}.png"
            canvas = Image.new("L", (crop.width + 2 * margin, crop.height + 2 * margin), 255)
            canvas.paste(crop, (margin, margin))
            canvas.save(path, dpi=(dpi, dpi))
            dx, dy = box[0] - margin, box[1] - margin
            for reader in engines:
                words = text_words([Word(w.text, BBox(x0=w.left + dx, y0=w.top + dy, x1=w.left + w.width + dx,
                                                      y1=w.top + w.height + dy, unit="px", dpi=dpi), w.confidence)
                                    for w in reader.recognize(str(path), dpi)])
                if words:
                    cell.text = words_text(words)
                    break

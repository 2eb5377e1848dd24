"""Render a plain-text government document as a realistic scanned PDF, with its ground truth.

Why this exists: the pipeline's OCR path (``kehoach.ingest``) must be measured on scans whose
exact text is known. Real scans of the dev documents do not exist, and the text files in
``shared/data/dev_plans`` are the correct text, so this script prints such a text the way a
Vietnamese office would (A4, Times-like serif at 13 pt, justified paragraphs with a first-line
indent, page numbers at the top centre from page 2 on) and then degrades the page the way a
feeder scanner does (slight tilt, optical blur, sensor noise, grey paper and faded ink, JPEG).

Outputs, for an input ``NAME.txt`` and ``--out-dir OUT``:

* ``OUT/NAME.pdf`` — an image-only PDF: one grayscale JPEG per page at 300 dpi, no text layer.
  With ``--text-layer`` it is instead a PDF with a real text layer (fpdf2, the same TTF font,
  every line at the same place as in the image), which ``kehoach`` should read without OCR.
* ``<truth-dir>/NAME.gt.txt`` — exactly the text that was drawn: the drawn lines joined by
  "\\n" (a wrapped paragraph gives one line per printed line, words joined by one space), pages
  joined by a form feed "\\f". Page numbers are EXCLUDED from the ground truth; a benchmark
  should drop lines that are only a number from the OCR output (and, to be symmetric, from the
  truth). Source lines made only of dashes ("-------", how text versions spell the short rule
  under the agency name and under the national motto) are drawn as that rule, as in print,
  and are not text, so they are not in the truth either. Consecutive "a | b | c" lines (how
  dev texts write a Phụ lục table) are drawn as a ruled table, cells wrapped in their columns
  (see :func:`place_table`); in the truth each table row is ONE line, its cells joined by
  " | " (a cell merged over several rows repeated in each), not the printed lines inside the
  cells, so the truth of a table says which cells an extractor should return rather than how
  OCR would read them line by line. The truth goes to a separate folder
  (``--truth-dir``, default ``OUT``) because a samples folder is swept by ``kehoach run``,
  which would take ``.gt.txt`` files for documents.

Everything random comes from ``--seed`` (one generator per page, seeded with it, the source
file's name and the page number, so ``--max-pages`` does not change the pages it keeps and two
documents do not get the same tilt) and the PDFs carry no timestamps: the same command gives the same
bytes with the same Pillow/libjpeg/fpdf2.

Example::

    python scripts/make_scans.py /work/shared/data/dev_plans/014_kh-308-....txt \\
        --out-dir samples/generated --truth-dir tests/data/generated_truth \\
        --degrade medium --max-pages 2 --seed 1
"""

from __future__ import annotations

import argparse
import io
import re
import sys
import time
import unicodedata
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

# --- fonts -------------------------------------------------------------------------------------

# Liberation Serif is metric-compatible with Times New Roman, the font of Vietnamese official
# documents (Nghị định 30/2020/NĐ-CP), and covers all Vietnamese letters. Noto Serif is the
# fallback when fonts-liberation2 is missing; DejaVu only supplies the odd math symbol (∛).
FONT_CANDIDATES: dict[str, tuple[str, ...]] = {
    "regular": (
        "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf",
        "/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf",
        "/usr/share/fonts/truetype/noto/NotoSerif-Regular.ttf",
    ),
    "bold": (
        "/usr/share/fonts/truetype/liberation2/LiberationSerif-Bold.ttf",
        "/usr/share/fonts/truetype/liberation/LiberationSerif-Bold.ttf",
        "/usr/share/fonts/truetype/noto/NotoSerif-Bold.ttf",
    ),
}
SYMBOL_FALLBACKS: tuple[str, ...] = (
    "/usr/share/fonts/truetype/noto/NotoSerif-Regular.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
)
PAGE_WIDTH_CM, PAGE_HEIGHT_CM = 21.0, 29.7  # A4
CM_PER_INCH = 2.54


def find_font(style: str) -> Path:
    """The first installed font file for ``style`` ("regular" or "bold")."""
    for candidate in FONT_CANDIDATES[style]:
        if Path(candidate).is_file():
            return Path(candidate)
    raise FileNotFoundError(
        f"no serif font with Vietnamese coverage found for {style!r}; install fonts-liberation2 "
        f"(tried {', '.join(FONT_CANDIDATES[style])})")


def font_codepoints(path: Path) -> frozenset[int] | None:
    """Code points the font has glyphs for, or None (= assume all) without fontTools,
    which comes with fpdf2 but is not a project dependency."""
    try:
        from fontTools.ttLib import TTFont
    except ImportError:  # pragma: no cover
        return None
    with TTFont(str(path), lazy=True) as font:
        return frozenset(font.getBestCmap())


class FontSet:
    """A primary font plus per-character fallbacks, so no character is drawn as a tofu box.

    The BASIC layout engine is used on purpose: it places glyphs by their advances only, as
    fpdf2 does for the text-layer PDF, so both renderings put every word at the same place.
    """

    def __init__(self, path: Path, size_px: float) -> None:
        self.path = path
        self.size_px = size_px
        self.primary = ImageFont.truetype(str(path), size=size_px, layout_engine=ImageFont.Layout.BASIC)
        self.covered = font_codepoints(path)
        self.fallbacks: list[tuple[Path, ImageFont.FreeTypeFont, frozenset[int] | None]] = []
        for candidate in SYMBOL_FALLBACKS:
            if Path(candidate).is_file() and Path(candidate) != path:
                font = ImageFont.truetype(candidate, size=size_px, layout_engine=ImageFont.Layout.BASIC)
                self.fallbacks.append((Path(candidate), font, font_codepoints(Path(candidate))))

    def font_for(self, char: str) -> tuple[Path, ImageFont.FreeTypeFont]:
        if self.covered is None or ord(char) in self.covered or char == " ":
            return self.path, self.primary
        for path, font, covered in self.fallbacks:
            if covered is not None and ord(char) in covered:
                return path, font
        return self.path, self.primary  # drawn as the primary font's missing glyph

    def runs(self, text: str) -> list[tuple[str, Path, ImageFont.FreeTypeFont]]:
        """``text`` cut into runs that one font can draw."""
        runs: list[tuple[str, Path, ImageFont.FreeTypeFont]] = []
        for char in text:
            path, font = self.font_for(char)
            if runs and runs[-1][1] == path:
                runs[-1] = (runs[-1][0] + char, path, font)
            else:
                runs.append((char, path, font))
        return runs

    def length(self, text: str) -> float:
        return sum(font.getlength(run) for run, _, font in self.runs(text))

    def draw(self, draw: ImageDraw.ImageDraw, x: float, baseline: float, text: str, fill: int = 0) -> None:
        for run, _, font in self.runs(text):
            draw.text((x, baseline), run, font=font, fill=fill, anchor="ls")
            x += font.getlength(run)


# --- layout ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class PageStyle:
    """Page geometry. Defaults follow Nghị định 30/2020/NĐ-CP (A4; margins top/bottom 2 cm,
    left 3 cm, right 2 cm; 13 pt type), the rules Vietnamese administrative documents use."""

    dpi: int = 300
    font_pt: float = 13.0
    line_spacing: float = 1.25  # baseline-to-baseline distance / font size
    paragraph_space_pt: float = 4.0
    indent_cm: float = 1.0
    margin_top_cm: float = 2.0
    margin_bottom_cm: float = 2.0
    margin_left_cm: float = 3.0
    margin_right_cm: float = 2.0
    page_number_top_cm: float = 1.0  # baseline of the page number, from the top edge

    def px(self, cm: float) -> float:
        return cm / CM_PER_INCH * self.dpi

    def pt(self, points: float) -> float:
        return points / 72.0 * self.dpi

    @property
    def width_px(self) -> int:
        return round(self.px(PAGE_WIDTH_CM))

    @property
    def height_px(self) -> int:
        return round(self.px(PAGE_HEIGHT_CM))

    @property
    def text_width_px(self) -> float:
        return self.px(PAGE_WIDTH_CM - self.margin_left_cm - self.margin_right_cm)


@dataclass
class PlacedLine:
    """One printed line: its words and the x of each word (px), its baseline and weight.

    A separator is a drawn rule from ``rule[0]`` to ``rule[1]`` (px) instead of words; a
    ``segment`` is a table's ruling from (x0, y0) to (x1, y1). ``truth`` replaces the drawn text
    in the ground truth: a table row's cells joined by " | " on a line that draws nothing, and
    "" (nothing) on the lines of words inside the cells.
    """

    words: list[tuple[str, float]]
    baseline: float
    bold: bool
    rule: tuple[float, float] | None = None
    segment: tuple[float, float, float, float] | None = None
    truth: str | None = None

    @property
    def text(self) -> str:
        return " ".join(w for w, _ in self.words)


@dataclass
class PageLayout:
    number: int
    lines: list[PlacedLine] = field(default_factory=list)


SEPARATOR = re.compile(r"[-_–—]{3,}")  # "-------": the rule under the agency name and the motto
RULE_LENGTH_CM = 3.5
NUMBERED = re.compile(r"^(?:[IVXLC]+|\d+(?:\.\d+)*|[a-zđ])[.)]\s")
BODY_OPENERS = ("Căn cứ", "Thực hiện", "Xét", "Theo đề nghị", "Kính gửi", "Nhằm", "Để ")
MAX_JUSTIFY_STRETCH = 3.0  # a gap may grow to this many spaces; beyond, the line stays ragged


def is_caps(line: str) -> bool:
    """An all-capitals line (a title, an agency name, a section heading)."""
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def is_bold(line: str) -> bool:
    return is_caps(line) or line.startswith("Độc lập - Tự do - Hạnh phúc")


def wrap_words(words: list[str], fonts: FontSet, first_width: float, width: float) -> list[list[str]]:
    """Greedy word wrap; a word longer than the width is cut by characters."""
    space = fonts.length(" ")
    lines: list[list[str]] = []
    current: list[str] = []
    used = 0.0
    limit = first_width
    queue = list(words)
    while queue:
        word = queue.pop(0)
        w = fonts.length(word)
        needed = w if not current else used + space + w
        if needed <= limit:
            current.append(word)
            used = needed
            continue
        if current:
            lines.append(current)
            current, used, limit = [], 0.0, width
            queue.insert(0, word)
            continue
        cut = len(word)  # a single word wider than the line: split it
        while cut > 1 and fonts.length(word[:cut]) > limit:
            cut -= 1
        lines.append([word[:cut]])
        limit = width
        if word[cut:]:
            queue.insert(0, word[cut:])
    if current:
        lines.append(current)
    return lines


def layout_document(text: str, style: PageStyle, regular: FontSet, bold: FontSet,
                    max_pages: int | None = None) -> list[PageLayout]:
    """Place the document's lines on pages.

    Each line of the source is a paragraph: the document's own line breaks are kept. Lines of
    the heading block (before the first "Căn cứ…"/"Thực hiện…" paragraph) that fit on one line
    are centred, as the two heading columns and the title are in print, and so is a title in
    capitals that wraps. The two-column header itself is printed one line under another: the
    source text has already linearised it, and this keeps the reading order unambiguous. Body
    paragraphs are justified with a first-line indent; lines in capitals are bold, and centred
    when they are short and not numbered headings ("QUYẾT ĐỊNH:").
    """
    line_height = style.pt(style.font_pt * style.line_spacing)
    para_space = style.pt(style.paragraph_space_pt)
    top = style.px(style.margin_top_cm) + style.pt(style.font_pt) * 0.9  # first baseline
    bottom = style.height_px - style.px(style.margin_bottom_cm) - style.pt(style.font_pt) * 0.25
    left = style.px(style.margin_left_cm)
    width = style.text_width_px
    indent = style.px(style.indent_cm)

    pages = [PageLayout(1)]
    y = top
    in_heading = True
    for raw in source_blocks(text):
        if isinstance(raw, list):  # consecutive "a | b | c" lines: a ruled table
            in_heading = False
            y = place_table(table_rows(raw), pages, y + para_space, style, regular, bold, max_pages)
            if y is None:
                return pages
            continue
        line = " ".join(raw.split())
        if not line:
            continue
        if SEPARATOR.fullmatch(line):  # printed as a short rule just under the previous line
            if y > bottom:
                continue
            half = style.px(RULE_LENGTH_CM) / 2
            centre = left + width / 2
            y_rule = y - line_height + style.pt(style.font_pt) * 0.45 if pages[-1].lines else y
            pages[-1].lines.append(PlacedLine([], y_rule, False, (centre - half, centre + half)))
            y += line_height * 0.3
            continue
        fonts = bold if is_bold(line) else regular
        fits = fonts.length(line) <= width
        if in_heading and (line.startswith(BODY_OPENERS) or (not fits and not is_caps(line))):
            in_heading = False
        caps_heading = is_caps(line) and fits and not NUMBERED.match(line) and not line.startswith(("-", "+"))
        centred = (in_heading and (fits or is_caps(line))) or caps_heading
        first_indent = 0.0 if centred or in_heading else indent
        wrapped = wrap_words(line.split(" "), fonts, width - first_indent, width)
        if y > top:
            y += para_space
        for i, words in enumerate(wrapped):
            if y > bottom:
                if max_pages is not None and len(pages) >= max_pages:
                    return pages
                pages.append(PageLayout(len(pages) + 1))
                y = top
            x0 = left + (first_indent if i == 0 else 0.0)
            avail = width - (first_indent if i == 0 else 0.0)
            widths = [fonts.length(w) for w in words]
            space = fonts.length(" ")
            natural = sum(widths) + space * (len(words) - 1)
            gap = space
            if centred:
                x0 = left + (width - natural) / 2
            elif i < len(wrapped) - 1 and len(words) > 1:
                stretched = (avail - sum(widths)) / (len(words) - 1)
                if stretched <= space * MAX_JUSTIFY_STRETCH:
                    gap = stretched
            xs, x = [], x0
            for w, ww in zip(words, widths):
                xs.append((w, x))
                x += ww + gap
            pages[-1].lines.append(PlacedLine(xs, y, fonts is bold))
            y += line_height
    return pages


APPENDIX_HEADING = re.compile(r"^(?:PHỤ LỤC|Phụ lục)\b")  # the next Phụ lục ends a table


def source_blocks(text: str) -> Iterator[str | list[str]]:
    """The source's lines, with each table — a "|" line and the lines up to the last "|"
    line after it without a blank line or a Phụ lục heading between — as one list (a line
    without "|" inside a table continues the previous row's last cell)."""
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        if "|" not in lines[i]:
            yield lines[i]
            i += 1
            continue
        end = i
        j = i + 1
        while j < len(lines) and lines[j].strip() and not APPENDIX_HEADING.match(lines[j].strip()):
            if "|" in lines[j]:
                end = j
            j += 1
        yield lines[i:end + 1]
        i = end + 1


def table_rows(lines: list[str]) -> list[list[str]]:
    """Cells of each row; the first row is the header."""
    rows: list[list[str]] = []
    for line in lines:
        if "|" in line or not rows:
            rows.append([" ".join(cell.split()) for cell in line.split("|")])
        else:
            rows[-1][-1] = " ".join(f"{rows[-1][-1]} {line}".split())
    return rows


TABLE_PAD_PT = 3.0  # space between a ruling and the text in its cell
TABLE_LINE_SPACING = 1.15
TABLE_RULE_PT = 0.6


def place_table(rows: list[list[str]], pages: list[PageLayout], y: float, style: PageStyle,
                regular: FontSet, bold: FontSet, max_pages: int | None) -> float | None:
    """Draw ``rows`` as a ruled table from the baseline ``y`` on; the next baseline, or None
    when ``max_pages`` is reached.

    Columns get the text width in proportion to their cells' mean length; each cell's text is
    wrapped within its column, left-aligned, the header in bold. A row with fewer cells than
    the header is placed as kehoach places it when it reads the text
    (:func:`kehoach.extract.appendix_text.place_rows`; rows under a 'TT' column that print no
    number start at the second column, as ``unnumbered`` there says): cells it skips at the start, and then
    the ones after it, belong to the cell above, which is drawn spanning both rows (no ruling
    between them, its text once at the top); a group row ("I | Hoàn thiện thể chế") has its
    title span the rest of the row. A row that does not fit goes to the next page, where a
    spanning cell is drawn again with its text; a row taller than a page is cut at the bottom
    and goes on at the top of the next one (its truth is still one line).
    """
    from kehoach.extract.appendix_table import is_numbering  # the repository's package (installed editable)
    from kehoach.extract.appendix_text import place_rows, unnumbered

    ascent = style.pt(style.font_pt) * 0.9
    line_height = style.pt(style.font_pt * TABLE_LINE_SPACING)
    pad = style.pt(TABLE_PAD_PT)
    top_limit = style.px(style.margin_top_cm)
    bottom = style.height_px - style.px(style.margin_bottom_cm)
    left, width = style.px(style.margin_left_cm), style.text_width_px
    n = len(rows[0])
    fitted = [r[:n - 1] + [" ".join(r[n - 1:])] if len(r) > n else r for r in rows[1:]]
    if unnumbered(rows[0], fitted):  # 'TT | Nhiệm vụ | …' over rows that print no number: an empty TT cell
        fitted = [["", *r] for r in fitted]
    body = place_rows(fitted, n)
    placed = [(rows[0], [False] * n, False, True)] + [
        (r + [""] * (n - len(r)), [False] * n, False, False) if is_numbering(r) else (p.cells, p.from_above, p.group, False)
        for r, p in zip(fitted, body)]
    widths = _column_widths([r[0] for r in placed], width, 2 * pad, regular, bold)
    xs = [left]
    for w in widths:
        xs.append(xs[-1] + w)
    room_on_page = int((bottom - top_limit - 2 * pad) // line_height)
    row_top = y - ascent
    first_on_page = True

    def new_page(row_top: float) -> bool:
        """Close the table on this page and start the next; False when max_pages is reached."""
        pages[-1].lines.append(PlacedLine([], row_top, False, segment=(xs[0], row_top, xs[-1], row_top)))
        if max_pages is not None and len(pages) >= max_pages:
            return False
        pages.append(PageLayout(len(pages) + 1))
        return True

    def wrap(start: int, end: int, text: str, fonts: FontSet) -> list[list[str]]:
        width = xs[end] - xs[start] - 2 * pad
        return wrap_words(text.split(" "), fonts, width, width) if text else []

    for cells, from_above, group, is_header in placed:
        fonts = bold if is_header else regular
        spans = _cell_spans(cells, group, n)
        wrapped = {start: wrap(start, end, cells[start], fonts) for start, end in spans
                   if first_on_page or not from_above[start]}
        needed = max([len(lines) for lines in wrapped.values()] + [1])
        room = int((bottom - row_top - 2 * pad) // line_height)
        if not first_on_page and (room < 1 or room_on_page >= needed > room):
            if not new_page(row_top):  # the row starts on the next page, what spans into it drawn again
                return None
            row_top, first_on_page = top_limit, True
            wrapped = {start: wrap(start, end, cells[start], fonts) for start, end in spans}
        page_part = 0
        while True:
            room = max(1, int((bottom - row_top - 2 * pad) // line_height))
            take = min(room, max([len(lines) for lines in wrapped.values()] + [1]))
            height = take * line_height + 2 * pad
            page = pages[-1]
            if not page_part:
                page.lines.append(PlacedLine([], row_top, False, truth=" | ".join(cells).strip()))
            for start, end in spans:
                if start in wrapped or first_on_page or not from_above[start]:
                    page.lines.append(PlacedLine([], row_top, False, segment=(xs[start], row_top, xs[end], row_top)))
                for i, words in enumerate(wrapped.get(start, [])[:take]):
                    baseline = row_top + pad + ascent + i * line_height
                    x, placed_words = xs[start] + pad, []
                    for word in words:
                        placed_words.append((word, x))
                        x += fonts.length(word) + fonts.length(" ")
                    page.lines.append(PlacedLine(placed_words, baseline, is_header, truth=""))
            for start, _ in spans:
                page.lines.append(PlacedLine([], row_top, False, segment=(xs[start], row_top, xs[start], row_top + height)))
            page.lines.append(PlacedLine([], row_top, False, segment=(xs[-1], row_top, xs[-1], row_top + height)))
            row_top += height
            first_on_page = False
            wrapped = {start: lines[take:] for start, lines in wrapped.items()}
            if not any(wrapped.values()):
                break
            if not new_page(row_top):  # a row taller than the page goes on over the page break
                return None
            row_top, first_on_page = top_limit, True
            page_part += 1
    pages[-1].lines.append(PlacedLine([], row_top, False, segment=(xs[0], row_top, xs[-1], row_top)))
    return row_top + style.pt(style.paragraph_space_pt) + ascent


def _column_widths(rows: list[list[str]], width: float, padding: float, regular: FontSet, bold: FontSet) -> list[float]:
    """Each column at least as wide as its longest word (up to a fair share of the width),
    the rest of the width shared in proportion to the columns' mean text length."""
    n = len(rows[0])
    least = []
    for c in range(n):
        words = [w for i, r in enumerate(rows) for w in r[c].split()] or [""]
        fonts = [bold if i == 0 else regular for i, r in enumerate(rows) for _ in r[c].split()] or [regular]
        longest = max(f.length(w) for f, w in zip(fonts, words))
        least.append(min(longest + padding, width / n))
    weights = [max(sum(len(r[c]) for r in rows) / len(rows), 1.0) for c in range(n)]
    spare = width - sum(least)
    return [lo + spare * w / sum(weights) for lo, w in zip(least, weights)]


def _cell_spans(cells: list[str], group: bool, n: int) -> list[tuple[int, int]]:
    """The (first column, column after the last) of each drawn cell of a row."""
    if group:
        last = max(i for i, c in enumerate(cells) if c) if any(cells) else 0
        return [(i, i + 1) for i in range(last)] + [(last, n)]
    return [(i, i + 1) for i in range(n)]


def ground_truth(pages: Sequence[PageLayout]) -> str:
    """Exactly the drawn text: lines joined by "\\n", pages by "\\f"; page numbers and rules
    excluded; a table row is one line, its cells joined by " | " (see :class:`PlacedLine`)."""
    return "\f".join("\n".join(line.text if line.truth is None else line.truth for line in page.lines
                               if line.rule is None and line.segment is None and line.truth != "")
                     for page in pages) + "\n"


def page_number_position(style: PageStyle, fonts: FontSet, number: int) -> tuple[float, float]:
    label = str(number)
    return (style.width_px - fonts.length(label)) / 2, style.px(style.page_number_top_cm) + style.pt(style.font_pt) * 0.7


def render_page(page: PageLayout, style: PageStyle, regular: FontSet, bold: FontSet) -> Image.Image:
    """The clean page: black text on white, 8-bit grayscale."""
    image = Image.new("L", (style.width_px, style.height_px), 255)
    draw = ImageDraw.Draw(image)
    if page.number > 1:
        x, y = page_number_position(style, regular, page.number)
        regular.draw(draw, x, y, str(page.number))
    for line in page.lines:
        if line.rule is not None:
            thickness = max(1, round(style.pt(0.6)))
            draw.rectangle((line.rule[0], line.baseline, line.rule[1], line.baseline + thickness - 1), fill=0)
            continue
        if line.segment is not None:
            x0, y0, x1, y1 = line.segment
            thickness = max(1, round(style.pt(TABLE_RULE_PT)))
            draw.rectangle((x0, y0, max(x1, x0 + thickness - 1), max(y1, y0 + thickness - 1)), fill=0)
            continue
        fonts = bold if line.bold else regular
        for word, x in line.words:
            fonts.draw(draw, x, line.baseline, word)
    return image


# --- degradation -------------------------------------------------------------------------------

@dataclass(frozen=True)
class Degradation:
    """What a scanner does to a page; each range is sampled once per page.

    ``rotation`` is the absolute tilt in degrees (sign random; the uncovered corners are filled
    with white paper); ``paper``/``ink`` are the gray levels white and black end up at
    (contrast loss, gray background); ``shading`` is the amplitude in gray levels of a smooth
    illumination gradient; ``grain`` is the standard deviation of per-pixel Gaussian noise
    added BEFORE the optical blur (paper texture and toner speckle, which the lens blurs like
    the ink), ``blur`` the Gaussian radius in px at 300 dpi, ``noise`` the standard deviation
    of Gaussian sensor noise added AFTER the blur; ``jpeg_quality`` is the quality of the
    single JPEG encoding the PDF stores (a scanner writing JPEG-in-PDF compresses once).

    Why grain before blur: 8–12 levels of independent per-pixel noise on the final image is
    far noisier than a CCD scanner at 300 dpi (about 1–3 levels) and makes every page a
    >1 MB JPEG; blurred grain keeps the same speckled look at a realistic pixel noise.
    """

    rotation: tuple[float, float]
    paper: tuple[float, float]
    ink: tuple[float, float]
    shading: tuple[float, float]
    grain: tuple[float, float]
    blur: tuple[float, float]
    noise: tuple[float, float]
    jpeg_quality: int


LEVELS: dict[str, Degradation] = {
    "none": Degradation(rotation=(0, 0), paper=(255, 255), ink=(0, 0), shading=(0, 0),
                        grain=(0, 0), blur=(0, 0), noise=(0, 0), jpeg_quality=90),
    "light": Degradation(rotation=(0.1, 0.3), paper=(238, 248), ink=(15, 30), shading=(0, 4),
                         grain=(4, 6), blur=(0.3, 0.5), noise=(1, 2), jpeg_quality=85),
    "medium": Degradation(rotation=(0.3, 0.8), paper=(220, 236), ink=(30, 55), shading=(3, 8),
                          grain=(8, 12), blur=(0.6, 0.8), noise=(2, 3), jpeg_quality=75),
    "heavy": Degradation(rotation=(0.8, 1.5), paper=(195, 215), ink=(55, 85), shading=(6, 14),
                         grain=(14, 20), blur=(0.9, 1.2), noise=(4, 6), jpeg_quality=60),
}


def degrade(image: Image.Image, level: Degradation, rng: np.random.Generator, dpi: int = 300) -> Image.Image:
    """Tilt, fade, speckle and blur a clean page (the JPEG is applied when the PDF is written).

    The blur radius is given for 300 dpi and scaled to ``dpi`` so a page looks the same at
    any resolution.
    """
    lo, hi = level.rotation
    if hi > 0:
        angle = float(rng.uniform(lo, hi)) * (1 if rng.random() < 0.5 else -1)
        image = image.rotate(angle, resample=Image.Resampling.BICUBIC, expand=False, fillcolor=255)
    page = np.asarray(image, dtype=np.float32) / 255.0  # 0 = ink, 1 = paper
    paper = float(rng.uniform(*level.paper))
    ink = float(rng.uniform(*level.ink))
    out = ink + (paper - ink) * page
    amplitude = float(rng.uniform(*level.shading))
    if amplitude > 0:  # uneven lamp: a smooth gradient across the page
        h, w = out.shape
        direction = rng.uniform(0, 2 * np.pi)
        ramp = (np.cos(direction) * np.arange(w, dtype=np.float32)[None, :] / w
                + np.sin(direction) * np.arange(h, dtype=np.float32)[:, None] / h)
        out -= amplitude * (ramp - ramp.min()) / max(float(np.ptp(ramp)), 1e-6)
    grain = float(rng.uniform(*level.grain))
    if grain > 0:
        out += rng.normal(0.0, grain, out.shape).astype(np.float32)
    radius = float(rng.uniform(*level.blur)) * dpi / 300
    image = Image.fromarray(np.clip(np.rint(out), 0, 255).astype(np.uint8), mode="L")
    if radius > 0:
        image = image.filter(ImageFilter.GaussianBlur(radius))
    sigma = float(rng.uniform(*level.noise))
    if sigma > 0:
        out = np.asarray(image, dtype=np.float32) + rng.normal(0.0, sigma, (image.height, image.width)).astype(np.float32)
        image = Image.fromarray(np.clip(np.rint(out), 0, 255).astype(np.uint8), mode="L")
    return image


# --- output ------------------------------------------------------------------------------------

FIXED_DATE = datetime(2026, 1, 1, tzinfo=timezone.utc)  # written instead of "now": reproducible bytes


def write_image_pdf(images: Sequence[Image.Image], path: Path, quality: int, dpi: int) -> None:
    """An image-only PDF: each page one grayscale JPEG (DCTDecode) at ``dpi``, no text layer."""
    first, *rest = images
    fixed = time.gmtime(FIXED_DATE.timestamp())  # Pillow writes struct_time, not datetime
    first.save(path, format="PDF", save_all=True, append_images=rest, resolution=float(dpi),
               quality=quality, optimize=True, creationDate=fixed, modDate=fixed)


def write_text_pdf(pages: Sequence[PageLayout], path: Path, style: PageStyle,
                   regular: FontSet, bold: FontSet) -> None:
    """A PDF with a real text layer, every word where the image rendering puts it."""
    from fpdf import FPDF  # optional dependency: only this output needs it

    scale = 72.0 / style.dpi  # px at dpi -> pt
    pdf = FPDF(unit="pt", format="A4")
    pdf.set_creation_date(FIXED_DATE)
    pdf.set_auto_page_break(False)
    pdf.set_margins(0, 0, 0)
    pdf.add_font("Serif", "", str(regular.path))
    pdf.add_font("Serif", "B", str(bold.path))
    fallback_names: dict[Path, str] = {}
    for i, (fpath, _, _) in enumerate(regular.fallbacks):
        fallback_names[fpath] = f"Fallback{i}"
        pdf.add_font(f"Fallback{i}", "", str(fpath))
    size_pt = style.font_pt

    def put(fonts: FontSet, style_code: str, x_px: float, baseline_px: float, text: str) -> None:
        x = x_px
        for run, fpath, font in fonts.runs(text):
            if fpath == fonts.path:
                pdf.set_font("Serif", style_code, size_pt)
            else:
                pdf.set_font(fallback_names.get(fpath, "Serif"), "", size_pt)
            pdf.text(x * scale, baseline_px * scale, run)
            x += font.getlength(run)

    for page in pages:
        pdf.add_page()
        if page.number > 1:
            x, y = page_number_position(style, regular, page.number)
            put(regular, "", x, y, str(page.number))
        for line in page.lines:
            if line.rule is not None:
                pdf.set_line_width(0.6)
                pdf.line(line.rule[0] * scale, line.baseline * scale, line.rule[1] * scale, line.baseline * scale)
                continue
            if line.segment is not None:
                pdf.set_line_width(TABLE_RULE_PT)
                x0, y0, x1, y1 = line.segment
                pdf.line(x0 * scale, y0 * scale, x1 * scale, y1 * scale)
                continue
            fonts = bold if line.bold else regular
            for word, x in line.words:
                put(fonts, "B" if line.bold else "", x, line.baseline, word)
    pdf.output(str(path))


@dataclass(frozen=True)
class ScanResult:
    pdf: Path
    truth: Path
    pages: int
    text_layer: bool


def make_scan(source: Path, out_dir: Path, *, truth_dir: Path | None = None, degrade_level: str = "medium",
              seed: int = 0, max_pages: int | None = None, text_layer: bool = False,
              stem: str | None = None, jpeg_quality: int | None = None, dpi: int = 300,
              preview: Path | None = None) -> ScanResult:
    """Render ``source`` (UTF-8 text) to ``out_dir/<stem>.pdf`` and its truth to
    ``truth_dir/<stem>.gt.txt``; see the module docstring for what each contains.

    ``preview``, for a scan, also saves page 1 exactly as the PDF stores it, as PNG.
    """
    style = PageStyle(dpi=dpi)
    level = LEVELS[degrade_level]
    quality = jpeg_quality or level.jpeg_quality
    text = unicodedata.normalize("NFC", source.read_text(encoding="utf-8"))
    size_px = style.pt(style.font_pt)
    regular = FontSet(find_font("regular"), size_px)
    bold = FontSet(find_font("bold"), size_px)
    pages = layout_document(text, style, regular, bold, max_pages)
    stem = stem or source.stem
    out_dir.mkdir(parents=True, exist_ok=True)
    truth_dir = truth_dir or out_dir
    truth_dir.mkdir(parents=True, exist_ok=True)
    pdf_path = out_dir / f"{stem}.pdf"
    if text_layer:
        write_text_pdf(pages, pdf_path, style, regular, bold)
    else:
        doc_key = zlib.crc32(source.name.encode("utf-8"))  # documents of one seed differ from each other
        images = [degrade(render_page(page, style, regular, bold), level,
                          np.random.default_rng([seed, doc_key, page.number]), dpi)
                  for page in pages]
        write_image_pdf(images, pdf_path, quality, style.dpi)
        if preview is not None:
            jpeg_roundtrip(images[0], quality).save(preview)
    truth_path = truth_dir / f"{stem}.gt.txt"
    truth_path.write_text(ground_truth(pages), encoding="utf-8")
    return ScanResult(pdf_path, truth_path, len(pages), text_layer)


def jpeg_roundtrip(image: Image.Image, quality: int) -> Image.Image:
    """The page as the PDF stores it (the PDF holds exactly this JPEG encoding)."""
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=quality, optimize=True)
    buffer.seek(0)
    return Image.open(buffer).copy()


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("source", type=Path, help="UTF-8 text file of the document")
    parser.add_argument("--out-dir", type=Path, default=Path("."), help="where the PDF goes")
    parser.add_argument("--truth-dir", type=Path, default=None,
                        help="where <stem>.gt.txt goes (default: --out-dir)")
    parser.add_argument("--stem", default=None, help="output file stem (default: the source's)")
    parser.add_argument("--degrade", choices=list(LEVELS), default="medium", help="scan degradation (default: medium)")
    parser.add_argument("--seed", type=int, default=0, help="random seed (same seed, same bytes)")
    parser.add_argument("--max-pages", type=int, default=None, help="stop after this many pages")
    parser.add_argument("--dpi", type=int, default=300, help="scan resolution (default: 300)")
    parser.add_argument("--jpeg-quality", type=int, default=None,
                        help="JPEG quality in the PDF (default: the level's: none 90, light 85, medium 75, heavy 60)")
    parser.add_argument("--text-layer", action="store_true",
                        help="write a PDF with a real text layer instead of a scan (needs fpdf2)")
    parser.add_argument("--preview", type=Path, default=None,
                        help="also save page 1 as the PDF stores it, as PNG (for eyeballing)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.max_pages is not None and args.max_pages < 1:
        print("--max-pages must be at least 1", file=sys.stderr)
        return 2
    if args.jpeg_quality is not None and not 1 <= args.jpeg_quality <= 95:
        print("--jpeg-quality must be within 1..95", file=sys.stderr)
        return 2
    result = make_scan(args.source, args.out_dir, truth_dir=args.truth_dir, degrade_level=args.degrade,
                       seed=args.seed, max_pages=args.max_pages, text_layer=args.text_layer,
                       stem=args.stem, jpeg_quality=args.jpeg_quality, dpi=args.dpi, preview=args.preview)
    kind = "text layer" if result.text_layer else f"scan ({args.degrade})"
    print(f"{result.pdf}  {result.pages} page(s), {kind}, {result.pdf.stat().st_size / 1024:.0f} KiB; "
          f"truth {result.truth}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Phụ lục tables: '|' rows of dev texts, ruled grids of text-layer PDFs, of rendered scans and
of the real KH-1105 scan-like page, merged cells, rows as tasks, and the unreadable flat OCR.

Expected values are read from the dev texts themselves (the rows written with '|'), never
from kehoach's own output.
"""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
import pytest
from rapidfuzz import fuzz

import kehoach
from kehoach.extract.appendix import NOT_READ
from kehoach.extract.appendix_table import RawRow, RawTable, restore_number_column
from kehoach.models import Provenance

# Scans of the Phụ lục alone are enough: the table is what is measured, and OCR of whole plans is slow.
PL_006 = "006_kh-lao-cai-trien-khai-thuc-hien-chi-thi-so-11-ct-tu.txt"
PL_042 = "042_qd-2820-ho-chi-minh-ban-hanh-ke-hoach-trien-khai-quyet-dinh.txt"
PL_007 = "007_kh-1105-hoi-chu-nghia-vi-kiem-tra-viec-chap-hanh-quy-dinh-phap-lu.txt"


def pipe_rows(path: Path) -> list[tuple[int, list[str]]]:
    """(line number, cells) of every '|' line after the first 'Phụ lục' heading line of a dev text."""
    lines = path.read_text(encoding="utf-8").splitlines()
    start = next(i for i, ln in enumerate(lines) if ln.strip().lower().startswith("phụ lục"))
    return [(i + 1, [c.strip() for c in ln.split("|")]) for i, ln in enumerate(lines) if i > start and "|" in ln]


def test_dev_text_pipe_table_rows_and_tasks(shared_data: Path) -> None:
    source = shared_data / "dev_plans" / PL_006
    truth = pipe_rows(source)
    header, numbering, data = truth[0], truth[1], truth[2:]
    assert numbering[1][0] == "(1)"
    doc = kehoach.process(source)
    [appendix] = doc.appendices
    assert appendix.title is not None and appendix.title.startswith("Phụ lục")
    assert appendix.columns == header[1]
    assert len(appendix.rows) == len(data)
    want = [[kehoach.normalize_text(c) for c in cells] for _, cells in data]  # the tone style the pipeline uses
    assert [r.cells[:len(cells)] for r, cells in zip(appendix.rows, want)] == want
    assert [r.provenance.line_span for r in appendix.rows] == [(n, n) for n, _ in data]
    tasks = [t for t in doc.tasks if t.origin == "appendix"]
    assert len(tasks) == len(data)
    assert all(t.section_ref == appendix.id for t in tasks)
    by_text = {t.description: t for t in tasks}
    second = by_text[want[1][1]]  # 'Rà soát, điều chỉnh …' | Sở Nông nghiệp và Môi trường | … | Xong trong tháng 5/2026
    assert second.lead == [want[1][2]]
    assert second.deadline == "2026-05"
    first = by_text[want[0][1]]  # lead 'Các Sở, ban, ngành; UBND các xã, phường': two bodies
    assert first.lead == [part.strip() for part in want[0][2].split(";")]
    assert first.lead_canonical[1] == "Ủy ban nhân dân các xã, phường"  # canonical names, as body tasks have
    assert all(len(t.coordinating_canonical) == len(t.coordinating) for t in tasks)
    assert first.deadline == "2026-Q2"


def test_dev_text_merged_cells_and_group_rows(shared_data: Path) -> None:
    source = shared_data / "dev_plans" / PL_042
    truth = pipe_rows(source)[1:]
    doc = kehoach.process(source)
    [appendix] = doc.appendices
    assert len(appendix.rows) == len(truth)
    groups = [cells for _, cells in truth if len(cells) == 2 and cells[0] in {"I", "II", "III", "IV", "V", "VI"}]
    assert [r.cells[:2] for r in appendix.rows if r.group] == groups
    # A row printed without its TT ('Xây dựng hạ tầng kỹ thuật dự phòng … | Trung tâm …') sits
    # under a merged TT and deadline: both come from the row above.
    index = next(i for i, (_, cells) in enumerate(truth) if cells[0].startswith("Xây dựng hạ tầng kỹ thuật dự phòng"))
    above, row = appendix.rows[index - 1].cells, appendix.rows[index].cells
    assert row[1] == truth[index][1][0] and row[2] == truth[index][1][1]
    assert row[0] == above[0] == truth[index - 1][1][0]
    assert row[4] == above[4] == truth[index - 1][1][4]
    tasks = [t for t in doc.tasks if t.origin == "appendix"]
    assert len(tasks) == len(truth) - len(groups)
    assert {t.description for t in tasks}.isdisjoint({g[1] for g in groups})


def test_flat_ocr_table_is_flagged_not_invented(seed: Path) -> None:
    doc = kehoach.process(seed)
    assert doc.appendices == []
    assert [flag for flag in doc.review_flags if NOT_READ in flag] == [NOT_READ]
    assert doc.status == "success" and not doc.errors  # nothing failed: a reviewer has a table to read
    assert not [t for t in doc.tasks if t.origin == "appendix"]


def test_text_layer_pdf_coordinate_tables(shared_data: Path) -> None:
    """GCN Bản Qua: after 'Phụ lục', two ruled coordinate tables (VN-2000 3º and 6º zones), each
    over three pages with its header repeated, the area cell spanning every row. Pages 5, 7, 9
    are read from the text layer (PDF rulings), 6 and 8 by OCR (rulings found on the image)."""
    doc = kehoach.process(shared_data / "real_pdfs" / "GCN-DKDT-KCN-Ban-Qua-30-6-2026.pdf")
    assert len(doc.appendices) == 2
    for appendix in doc.appendices:
        assert appendix.columns[0].startswith("Tên")
        names = [r.cells[0] for r in appendix.rows]
        assert all(n.startswith("M") for n in names)  # no repeated header row
        in_order = sum(n == f"M{i}" for i, n in enumerate(names, start=1))
        # no page lost; pages 6 and 8 have almost no text layer and are OCR'd ('M41' read 'M4I')
        assert in_order >= 0.9 * len(names) and names[-1] == "M85"
        assert {r.cells[3] for r in appendix.rows} == {appendix.rows[0].cells[3]} != {""}  # spanned area
        assert all(r.provenance.page is not None and r.provenance.bbox is not None for r in appendix.rows)
    assert {a.rows[0].provenance.page for a in doc.appendices} == {5, 7}


@pytest.mark.slow
def test_rendered_scan_grid_table(shared_data: Path, repo: Path, tmp_path: Path, script) -> None:
    """The Phụ lục of dev 042 printed as a ruled table (groups spanning the row, sub-rows under
    merged cells), scanned (medium), OCR'd and read cell by cell."""
    lines = (shared_data / "dev_plans" / PL_042).read_text(encoding="utf-8").splitlines()
    start = next(i for i, ln in enumerate(lines) if ln.strip() == "PHỤ LỤC")
    excerpt = tmp_path / "042-phu-luc.txt"
    excerpt.write_text("\n".join(lines[start:start + 12]) + "\n", encoding="utf-8")  # header + 2 groups
    make_scans = script("scripts/make_scans.py")
    scan = make_scans.make_scan(excerpt, tmp_path, degrade_level="medium", seed=5, stem="scan")
    truth = [ln.split(" | ") for ln in scan.truth.read_text(encoding="utf-8").replace("\f", "\n").splitlines()
             if " | " in ln]
    doc = kehoach.process(scan.pdf)
    [appendix] = doc.appendices
    rows = [r.cells for r in appendix.rows]
    assert len(rows) == len(truth) - 1
    for got, want in zip(rows, truth[1:]):
        assert fuzz.ratio(" | ".join(got), " | ".join(want)) >= 90, (got, want)
    assert sum(r.group for r in appendix.rows) == 2
    tasks = [t for t in doc.tasks if t.origin == "appendix"]
    assert len(tasks) == len(rows) - 2
    assert all(t.lead for t in tasks)


@pytest.mark.slow
def test_kh1105_phu_luc_grid_from_ocr(shared_data: Path, tmp_path: Path) -> None:
    """KH-1105 page 4 (broken font map → OCR): Phụ lục I, 5 columns, 3 companies over 5 rows
    (TT, company and dates merged over two inspection objects). Cells checked against dev 007."""
    source = pdfium.PdfDocument(shared_data / "real_pdfs" / "KH-1105-DKT-ke-hoach-kiem-tra.pdf")
    page = pdfium.PdfDocument.new()
    page.import_pages(source, [3])
    path = tmp_path / "kh1105-p4.pdf"
    page.save(str(path))
    doc = kehoach.process(path)
    [appendix] = doc.appendices
    assert appendix.title is not None and "PHỤ LỤC I" in appendix.title
    rows = [r.cells for r in appendix.rows]
    assert len(rows) == 5 and all(len(r) == 5 for r in rows)
    assert [r[0] for r in rows] == ["1", "1", "2", "2", "3"]  # merged TT repeated
    assert rows[0][1] == rows[1][1] and rows[2][1] == rows[3][1]  # merged company
    text = (shared_data / "dev_plans" / PL_007).read_text(encoding="utf-8")
    flat = " ".join(text.split())
    assert rows[4][1] == "Công ty TNHH Hiệp Phú" and "Công ty TNHH" in text and "Hiệp Phú" in text
    assert rows[0][3] == "23/3/2026" and rows[4][3] == "27/3/2025" and all(r[4] == "02 ngày" for r in rows)
    for row, printed in ((0, "Gói thầu số 13: Thi công công trình nối Quốc lộ 32 với cao tốc Nội"),
                         (4, "Gói thầu số 15: Thi công công trình đường kết nối Mường La (Sơn")):
        assert printed in flat
        assert fuzz.ratio(rows[row][2][:len(printed)], printed) >= 85, rows[row][2]
    assert all(r.provenance.page == 1 and r.provenance.bbox is not None for r in appendix.rows)


def test_rendered_text_layer_table_and_truth(shared_data: Path, repo: Path, tmp_path: Path, script) -> None:
    """The same Phụ lục printed as a PDF with a text layer: the rulings are PDF lines, which
    pdfplumber finds; each truth line of the table is a row as the text reading gives it."""
    lines = (shared_data / "dev_plans" / PL_042).read_text(encoding="utf-8").splitlines()
    start = next(i for i, ln in enumerate(lines) if ln.strip() == "PHỤ LỤC")
    excerpt = tmp_path / "042-phu-luc.txt"
    excerpt.write_text("\n".join(lines[start:]) + "\n", encoding="utf-8")
    make_scans = script("scripts/make_scans.py")
    made = make_scans.make_scan(excerpt, tmp_path, text_layer=True, stem="layer")
    truth = [ln for ln in made.truth.read_text(encoding="utf-8").replace("\f", "\n").splitlines() if " | " in ln]
    raw = kehoach.ProcessOptions(normalize=False)  # the truth is the text as printed ('hoá')
    text_doc = kehoach.process(excerpt, raw)
    [reference] = text_doc.appendices
    assert truth == [" | ".join(reference.columns)] + [" | ".join(r.cells).strip() for r in reference.rows]
    doc = kehoach.process(made.pdf, raw)
    assert {p.method for p in doc.source.pages} == {"text_layer"}
    [appendix] = doc.appendices
    assert [r.cells for r in appendix.rows] == [r.cells for r in reference.rows]  # over the page breaks too
    assert [r.group for r in appendix.rows] == [r.group for r in reference.rows]
    assert len({r.provenance.page for r in appendix.rows}) > 1


def test_make_scans_unchanged_without_tables(repo: Path, shared_data: Path, tmp_path: Path, script) -> None:
    """Table drawing leaves every other line as it was: a committed sample comes out byte for byte."""
    make_scans = script("scripts/make_scans.py")
    source = shared_data / "dev_plans" / "029_qd-lao-cai-ve-viec-uy-quyen-cho-giam-doc-so-cong-th.txt"
    made = make_scans.make_scan(source, tmp_path, degrade_level="medium", max_pages=1, jpeg_quality=60, seed=3,
                                stem="029_qd-lao-cai-uy-quyen_scan-medium")
    assert made.pdf.read_bytes() == (repo / "samples" / "generated" / made.pdf.name).read_bytes()
    assert made.truth.read_text(encoding="utf-8") == (
        repo / "tests" / "data" / "generated_truth" / made.truth.name).read_text(encoding="utf-8")


def test_rows_taller_than_a_page(shared_data: Path, repo: Path, tmp_path: Path, script) -> None:
    """Dev 066's Phụ lục cells run to 1,900 characters: printed, a row goes on over one or two
    page breaks and the next Phụ lục starts a table of its own. Read back from the text layer,
    every row is whole (the layer splits one code, 'CQTTBCĐ', at a font change)."""
    source = shared_data / "dev_plans" / "066_tb-624-ket-luan-phien-hop-lan-thu-nam-cua-ban-c.txt"
    lines = source.read_text(encoding="utf-8").splitlines()
    start = next(i for i, ln in enumerate(lines) if ln.strip().startswith(("PHỤ LỤC", "Phụ lục")))
    excerpt = tmp_path / "066-phu-luc.txt"
    excerpt.write_text("\n".join(lines[start:]) + "\n", encoding="utf-8")
    make_scans = script("scripts/make_scans.py")
    made = make_scans.make_scan(excerpt, tmp_path, text_layer=True, stem="layer")
    raw = kehoach.ProcessOptions(normalize=False)
    want = kehoach.process(excerpt, raw).appendices
    got = kehoach.process(made.pdf, raw).appendices
    assert [len(a.columns) for a in got] == [len(a.columns) for a in want] and len(want) == 2
    tallest = max(len(c) for a in want for r in a.rows for c in r.cells)
    assert tallest > 1500  # one cell is longer than a page of its column
    for mine, theirs in zip(got, want):
        assert len(mine.rows) == len(theirs.rows)
        for g, w in zip(mine.rows, theirs.rows):
            assert fuzz.ratio(" | ".join(g.cells), " | ".join(w.cells)) >= 98, (g.cells[0], w.cells[0])


def test_indicator_table_and_lead_cells_with_role_notes(dev_plan, extract_file) -> None:
    """040 Phụ lục I lists targets ('Chỉ tiêu') each with its 'Cơ quan chủ trì theo dõi, đánh giá';
    035 Phụ lục II lead cells list bodies with '- ' and role notes in parentheses."""
    source = dev_plan("040_")
    rows = [cells for _, cells in pipe_rows(source) if len(cells) == 5 and cells[0].isdigit()]
    doc = extract_file(source)
    targets = {t.description: t.lead for t in doc.tasks if t.origin == "appendix"}
    assert rows and all(targets.get(cells[1]) == [cells[4]] for cells in rows)
    doc = extract_file(dev_plan("035_"))
    # '- Bộ Nông nghiệp và Môi trường (mạng lưới quốc gia); - UBND thành phố Hà Nội, Thành phố Hồ Chí Minh
    # và UBND các tỉnh, thành phố khác (mạng lưới địa phương).'
    task = next(t for t in doc.tasks if t.description.startswith("Đầu tư và mở rộng mạng lưới quan trắc"))
    assert task.lead == ["Bộ Nông nghiệp và Môi trường", "UBND thành phố Hà Nội", "Thành phố Hồ Chí Minh",
                         "UBND các tỉnh, thành phố khác"]  # 'khác' is part of the name, not left over


def test_header_that_lost_its_number_cell(dev_plan) -> None:
    """035 Phụ lục II prints its header without 'STT' (that cell went to the line above), so a grid
    drawn from it names each column one to the left of its cells; 040 Phụ lục I keeps its 'TT'."""
    rows = pipe_rows(dev_plan("035_"))
    start = next(i for i, (_, cells) in enumerate(rows) if cells[0] == "Tên dự án, nhiệm vụ")
    header = rows[start][1]
    width = len(header)
    body = [RawRow(cells=cells[:width], provenance=Provenance()) for _, cells in rows[start + 1:start + 6]]
    table = RawTable(columns=list(header), rows=body)
    restore_number_column(table)
    assert table.columns == ["STT", *header[:-1]]
    lead = table.columns.index("Cơ quan chủ trì[1]")
    assert body[1].cells[lead] == "Bộ Nông nghiệp và Môi trường"
    rows = pipe_rows(dev_plan("040_"))
    table = RawTable(columns=rows[0][1], rows=[RawRow(cells=c, provenance=Provenance()) for _, c in rows[1:6]])
    restore_number_column(table)
    assert table.columns == rows[0][1]


def test_table_attached_without_the_word_phu_luc(dev_plan, extract_file) -> None:
    """004 (and 002, 003, 005, 196 alike) ends with 'PHÂN CÔNG NHIỆM VỤ CỦA TỔ CÔNG TÁC …' / '(Kèm theo Kế hoạch số …)' and a '|'
    table whose rows leave out the TT column: an appendix of 9 rows, cells under their header."""
    doc = extract_file(dev_plan("004_"))
    [table] = doc.appendices
    assert table.title.startswith("PHÂN CÔNG NHIỆM VỤ CỦA TỔ CÔNG TÁC")
    assert table.columns == ["TT", "Nhiệm vụ thực hiện", "Người thực hiện", "Ghi chú"]
    assert len(table.rows) == 9
    assert table.rows[-1].cells == ["", "Trình ký chứng chỉ", "Đỗ Mạnh Cường", ""]


def test_a_plan_attached_to_its_decision_is_not_an_appendix(dev_plan, extract_file) -> None:
    """'KẾ HOẠCH …' / '(Ban hành kèm theo Quyết định …)' followed by prose is the decision's plan
    (body), not an attached table: 042's only appendices are its Phụ lục."""
    doc = extract_file(dev_plan("042_"))
    assert doc.appendices and all(a.title and a.title.upper().startswith("PHỤ LỤC") for a in doc.appendices)


def test_ocr_headers_keep_their_columns():
    """A header opening with 'STT' keeps its columns (037's scan shifted them all by one, so each
    duty was read from the 'Cơ quan chủ trì' cells); a 'Cơ quan … theo dõi' header whose 'chủ'
    OCR dropped (040's scan) is still the lead column, and 'Đơn vị' (of measure) is not."""
    from kehoach.extract.appendix_table import RawRow, RawTable, restore_number_column
    from kehoach.extract.appendix_tasks import COORDINATING, LEAD, _column
    from kehoach.models import Provenance

    columns = ["STT", "Tên nhiệm vụ/dự án", "Cơ quan chủ trì", "Cơ quan phối hợp"]
    table = RawTable(columns=list(columns), rows=[RawRow(cells=["1", "Rà soát", "Bộ Xây dựng", ""],
                                                         provenance=Provenance())])
    restore_number_column(table)
    assert table.columns == columns
    indicators = ["TT", "Chỉ tiêu", "Đơn vị", "Kết quả", "Cơ quan trì theo dõi, đánh giá"]
    assert _column(indicators, LEAD, COORDINATING) == 4


def test_a_titled_table_on_a_scan_is_an_appendix():
    """004 read by OCR: 'PHÂN CÔNG NHIỆM VỤ …' / '(Kèm theo Kế hoạch số …)' and then, instead of
    '|' rows, lines inside a ruled grid found on the page: an attached table. The same title over
    prose (a plan attached to its decision) is none."""
    from kehoach.extract.appendix import opens_attached_table
    from kehoach.ingest.types import Line, PageTable, Word
    from kehoach.models import BBox

    def line(text, number, y):
        return Line(text=text, number=number, page=3,
                    words=[Word(text, bbox=BBox(x0=300, y0=y, x1=2000, y1=y + 40, unit="px", dpi=300))])

    zone = [line("PHÂN CÔNG NHIỆM VỤ CỦA TỔ CÔNG TÁC KIỂM TRA", 1, 100),
            line("(Kèm theo Kế hoạch số /KH-SCT ngày /5/2026 của Sở Công Thương)", 2, 160),
            line("TT Nhiệm vụ thực hiện Người thực hiện", 3, 260)]
    grid = PageTable(page=3, bbox=BBox(x0=250, y0=240, x1=2100, y1=1200, unit="px", dpi=300), n_rows=2,
                     n_cols=3, cells=[], method="image_rules")
    assert opens_attached_table(zone, 0, [grid])
    assert not opens_attached_table(zone, 0, [])


def test_people_named_in_a_table_cell(dev_plan, extract_file):
    """004's 'Người thực hiện' column lists people one per printed line, read as one run: each
    is a lead of the row's task; a middle name that is also a family name does not split a name."""
    from kehoach.extract.names import split_persons

    assert split_persons("Đỗ Mạnh Cường Vũ Việt Linh Nguyễn Thị thúy Nhung") == \
        ["Đỗ Mạnh Cường", "Vũ Việt Linh", "Nguyễn Thị thúy Nhung"]
    assert split_persons("Lê Văn Hoàng Anh") is None and split_persons("Sở Tài chính Văn phòng UBND") is None
    rows = [t for t in extract_file(dev_plan("004_")).tasks if t.origin == "appendix"]
    assert rows[0].description.startswith("Rà soát việc đáp ứng") and len(rows[0].lead) == 3


def test_a_cell_that_labels_lead_and_partners_and_group_lines_without_bars(dev_plan, extract_file) -> None:
    """085 Phụ lục 3 has one 'Cơ quan phụ trách' column whose cells label the roles themselves
    ('Chủ trì: Công ty LCIDI (CĐT). Phối hợp: UBND xã Gia Phú (GPMB); …' or 'Chủ trì: UBND phường
    Yên Bái; phối hợp UBND phường Văn Phú; Sở Công Thương hướng dẫn chuyên môn.'), and its group
    headings ('I. CỤM CÔNG NGHIỆP ĐÃ CÓ CHỦ ĐẦU TƯ …') are plain lines between the '|' rows."""
    doc = extract_file(dev_plan("085_"))
    table = next(a for a in doc.appendices if "Cơ quan phụ trách" in a.columns)
    groups = [r.cells[:2] for r in table.rows if r.group]
    assert groups[0] == ["I.", "CỤM CÔNG NGHIỆP ĐÃ CÓ CHỦ ĐẦU TƯ HẠ TẦNG, ĐANG TRIỂN KHAI (07 cụm)"] and len(groups) == 3
    tasks = [t for t in doc.tasks if t.origin == "appendix" and t.section_ref == table.id]
    assert len(tasks) == len(table.rows) - 3
    first = tasks[0]
    assert first.lead == ["Công ty LCIDI"]
    assert first.coordinating[0] == "UBND xã Gia Phú" and "Sở Tài chính" in first.coordinating
    third = tasks[2]
    assert third.lead == ["Liên danh Đông Đô - Bắc Giang số 9"]  # printed whole: no name the gazetteer knows
    yen_bai = next(t for t in tasks if t.lead == ["UBND phường Yên Bái"])
    assert yen_bai.coordinating == ["UBND phường Văn Phú", "Sở Công Thương"]  # role words left out

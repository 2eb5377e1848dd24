"""Signer, Nơi nhận and digital-signature stamps on real documents."""

from __future__ import annotations

import datetime as dt

import pypdfium2 as pdfium
import pytest

from kehoach.pipeline import process


def signer_of(doc):
    s = doc.signer
    return None if s is None else (s.authority, s.on_behalf_of, s.position, s.name)


@pytest.mark.parametrize(
    ("prefix", "expected"),
    [
        ("014_", ("TM.", "ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Trương Việt Dũng")),
        ("018_", (None, None, "GIÁM ĐỐC", "Hoàng Chí Hiền")),  # 'Nơi nhận: GIÁM ĐỐC' on one line
        ("111_", ("KT.", "CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Thành Sinh")),  # titles mixed into recipients
        ("007_", ("TM.", "ĐOÀN KIỂM TRA", "TRƯỞNG ĐOÀN", "Hoàng Văn Thuân")),  # printed 'T/M.'
        ("211_", ("TL.", "CỤC TRƯỞNG / KT. TRƯỞNG BAN CHÍNH SÁCH, THUẾ QUỐC TẾ", "PHÓ TRƯỞNG BAN",
                  "Phạm Thị Minh Hiền")),  # a title wrapped after its comma
        ("095_", ("KT.", "THỦ TƯỚNG", "PHÓ THỦ TƯỚNG", "Hồ Quốc Dũng")),  # 'KT. THỦ TƯỚNG PHÓ THỦ TƯỚNG'
    ],
)
def test_signer(dev_plan, extract_file, prefix, expected):
    assert signer_of(extract_file(dev_plan(prefix))) == expected


def test_recipients_with_notes_and_mixed_signature_lines(dev_plan, extract_file):
    doc = extract_file(dev_plan("111_"))
    assert [(r.name, r.note) for r in doc.recipients] == [
        ("Như trên", None),
        ("Bộ Nông nghiệp và Môi trường", "để báo cáo"),  # the line also held 'PHÓ CHỦ TỊCH'
        ("Cục Địa chất và Khoáng sản Việt Nam", None),
        ("Chủ tịch UBND tỉnh", None),
        ("Các PCT UBND tỉnh", None),
        ("CVP, các PCVP UBND tỉnh", None),
        ("Lưu: VT, KT(Thủy, Nho)", None),
    ]


def test_wrapped_recipient_is_one_item(dev_plan, extract_file):
    doc = extract_file(dev_plan("007_"))
    names = [r.name for r in doc.recipients]
    assert "Văn phòng Sở (Bố trí kinh phí, phương tiện Phục vụ Đoàn kiểm tra)" in names
    assert ("Giám đốc Sở", "để báo cáo và phê duyệt") in [(r.name, r.note) for r in doc.recipients]


def test_seed_signature_block_beside_noi_nhan(seed_doc):
    # The position comes from a closed list of titles, so it is given in standard spelling
    # (as the quốc hiệu is); the body and the name are free text, kept as read.
    assert signer_of(seed_doc) == ("TM.", "UY BAN NHAN DAN", "CHỦ TỊCH", "Nguyén Huong Giang")
    recipients = [(r.name, r.note) for r in seed_doc.recipients]
    assert recipients[0] == ("BO Noi vu", "dé blc")
    assert recipients[-1] == ("Luu: VT, NC, CVP", None)
    assert len(recipients) == 9


def test_seed_digital_signature_stamp(seed_doc):
    stamp = seed_doc.digital_signatures[0]
    assert stamp.signed_by == "Van phong Uy ban Nhan dan tinh"
    assert stamp.signed_at == dt.datetime(2023, 2, 9, 15, 54, 32, tzinfo=dt.timezone(dt.timedelta(hours=7)))
    assert stamp.text.startswith("Ky béi: Van phong Uy ban Nhan dan tinh\nNagdy ky: 09-02-2023")
    # The stamps printed over the appendix are garbled: kept, but without a time.
    assert all(s.signed_at is None for s in seed_doc.digital_signatures[1:])


def test_text_layer_signature_column_split_by_boxes(shared_data, extract_file):
    doc = extract_file(shared_data / "real_pdfs" / "CV-3686-UBND-XD-kien-nghi-BXD-PCCC-VLNCN.pdf")
    assert signer_of(doc) == ("TM.", "ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Phan Trung Bá")
    assert ("Cục Đăng kiểm Việt Nam", "để p/h") in [(r.name, r.note) for r in doc.recipients]
    assert doc.signer is not None and doc.signer.provenance.page == 3


def test_text_layer_row_cut_in_two_is_one_row(shared_data, extract_file):
    """Hướng dẫn liên ngành 24: the text layer gives 'BỘ TRƯỞNG BỘ TRƯỞNG' and then 'KT. KT.'
    (one printed row, its words on slightly different baselines); read as one row, the lead
    body's block (top right) is 'KT. BỘ TRƯỞNG / BỘ CÔNG AN / THỨ TRƯỞNG'."""
    doc = extract_file(shared_data / "real_pdfs" / "Huong-dan-lien-nganh-24-N2O.pdf")
    assert signer_of(doc) == ("KT.", "BỘ TRƯỞNG / BỘ CÔNG AN", "THỨ TRƯỞNG", "Nguyễn Văn Long")


@pytest.mark.slow
def test_phieu_trinh_signs_below_a_row_of_heads(real_pdfs):
    """A phiếu trình closes with no Nơi nhận and no authority: its date alone on a line (OCR
    reads the printed 8 as '§'), then a row 'Ý KIẾN CỦA LÃNH ĐẠO PHÒNG | NGƯỜI LẬP PHIẾU
    TRÌNH' and the names under it. The opinion box is no signatory; the maker is."""
    doc = process(real_pdfs / "Phieu-trinh-tham-dinh-1.pdf")
    assert signer_of(doc) == (None, None, "NGƯỜI LẬP PHIẾU TRÌNH", "Vũ Việt Linh")
    assert doc.issued_date == dt.date(2025, 8, 19)
    assert doc.recipients == []


@pytest.mark.slow
def test_bien_ban_signer_without_name_under_the_seal(shared_data, tmp_path):
    """The last page of a biên bản: rows of 'ĐẠI DIỆN …' blocks; the first (Sở Công Thương)
    has its name under a red seal, which OCR does not read. Its titles are kept and the name
    stays empty: the next row's name printed under it ('Lương Văn Thắng') is not taken."""
    source = pdfium.PdfDocument(str(shared_data / "real_pdfs" / "31.3.2026_BB_kiemtra_Kho-VLNCN_TD_NamCang1A_D.pdf"))
    page = pdfium.PdfDocument.new()
    page.import_pages(source, [len(source) - 1])
    page.save(str(tmp_path / "bb-last-page.pdf"))
    doc = process(tmp_path / "bb-last-page.pdf")
    assert signer_of(doc) == (None, "ĐẠI DIỆN SỞ CÔNG THƯƠNG", "PHÓ GIÁM ĐỐC", None)
    assert "signature: closing found but no signer's name read (under a seal?)" in doc.review_flags


def test_named_signer_is_not_flagged(dev_plan, extract_file):
    doc = extract_file(dev_plan("014_"))
    assert doc.signer is not None and doc.signer.name is not None
    assert not any(flag.startswith("signature") for flag in doc.review_flags)


@pytest.mark.slow
def test_recipients_under_a_misread_noi_nhan(shared_data, tmp_path):
    """TB-1894's last page: OCR reads 'Nơi nhận:' and the first recipient as 'An vD Giao thông Yên
    Bái' beside 'KT. GIÁM ĐỐC'. The '- …' items left of the titles are still the recipients, so
    the block goes on past them to the signer's name at its foot."""
    source = pdfium.PdfDocument(str(shared_data / "real_pdfs" / "TB-1894-ket-qua-sau-kiem-tra-VLNCN-ban-ky.pdf"))
    page = pdfium.PdfDocument.new()
    page.import_pages(source, [len(source) - 1])
    page.save(str(tmp_path / "tb-last-page.pdf"))
    doc = process(tmp_path / "tb-last-page.pdf")
    assert doc.signer is not None and doc.signer.name == "Hoàng Văn Thuân"
    assert "Công ty TNHH Hiệp Phú" in [r.name for r in doc.recipients]


def test_a_kt_line_whose_end_wrapped_before_the_position(dev_plan, extract_file):
    """189 prints 'KT. TRƯỞNG BAN GIÁM SÁT QUẢN LÝ' / 'VỀ HQ PHÓ TRƯỞNG BAN': 'VỀ HQ' ends the body
    signed for, 'PHÓ TRƯỞNG BAN' is the position."""
    signer = extract_file(dev_plan("189_")).signer
    assert signer.on_behalf_of == "CỤC TRƯỞNG / KT. TRƯỞNG BAN GIÁM SÁT QUẢN LÝ VỀ HQ"
    assert signer.position == "PHÓ TRƯỞNG BAN"


def test_noi_nhan_whose_colon_wrapped(dev_plan, extract_file):
    """172 prints 'Nơi nhận' on a line and its ':' on the next: the list is the recipients, not a
    section of the body, and the letter's request before it is a task."""
    doc = extract_file(dev_plan("172_"))
    assert doc.sections == []
    assert "Bộ Tài chính" in [r.name for r in doc.recipients]
    assert [t.lead for t in doc.tasks] == [["Các Bộ, cơ quan ngang Bộ, cơ quan thuộc Chính phủ"]]

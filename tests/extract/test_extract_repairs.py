"""OCR repairs in the header and signature, on strings read by Tesseract from the real
scans of ../shared/data/real_pdfs (file named in each case)."""

from __future__ import annotations

import datetime as dt

import pytest

from kehoach.extract.dates import find_date, parse_place_date, to_date
from kehoach.extract.header_lines import Kind, classify
from kehoach.extract.names import canonical_title, looks_like_damaged_name, repair_name
from kehoach.extract.numbers import continues_number, parse_number


@pytest.mark.parametrize(("printed", "number", "code_number"), [
    ("2 3/2024/TT-BCT", "23/2024/TT-BCT", "23"),  # TT-23-2024: the 'Số:' label not read, digits split
    ("Số: 71/2019/ND-CP", "71/2019/NĐ-CP", "71"),  # Đ read as D: NĐ is the only code it can be
    ("Số: 1O5O /OĐ-UBND Lào Cai", "1050/QĐ-UBND", "1050"),  # O for 0 in the number, O for Q in the code
    ("Số: đýZŠ/QĐ-UBND", "/QĐ-UBND", None),  # QD-2338: a handwritten number read as letters is dropped
    ("Số: 45/HD-SNV", "45/HD-SNV", "45"),  # HD is a code of its own (Hướng dẫn): left alone
])
def test_number_repaired_against_the_grammar(printed, number, code_number):
    parsed = parse_number(printed)
    assert parsed is not None and (parsed.number, parsed.code_number) == (number, code_number)


def test_bare_number_line_is_a_number():
    assert classify("2 3/2024/TT-BCT") is Kind.NUMBER
    assert classify("Quyết định 23/2024") is not Kind.NUMBER


def test_number_wrapped_at_a_hyphen_continues_with_cyrillic_lookalikes():
    # Huong-dan-lien-nganh-24-N2O: the foreign OCR layer gives Cyrillic В and С.
    assert continues_number("Số: 24 /HDLN-BCA-BQP-BYT-", "ВСТ-ВТC-VKSNDTC-TANDTC")
    parsed = parse_number("Số: 24 /HDLN-BCA-BQP-BYT- ВСТ-ВТC-VKSNDTC-TANDTC".replace("- ", "-"))
    assert parsed is not None and parsed.number == "24/HDLN-BCA-BQP-BYT-BCT-BTC-VKSNDTC-TANDTC"
    assert not continues_number("Số: 24/HDLN-BCA", "BCT")


def test_unreadable_date_keeps_the_place():
    found = parse_place_date("Hà Nội, ngày 0 ‡ tháng JJj_ nău:202#")  # TT-23-2024
    assert found is not None and (found.place, found.date) == ("Hà Nội", None)


@pytest.mark.parametrize(("printed", "date"), [
    ("Lào Cai, ngày U6_ tháng 3 năm 2026", dt.date(2026, 3, 6)),  # QD-1050: handwritten 06
    ("Hà Nội, ngày #0 tháng 8 năm 2019", None),  # 71/2019: no digit can be trusted
])
def test_day_lookalikes(printed, date):
    match = find_date(printed)
    assert match is not None and to_date(match) == date


@pytest.mark.parametrize(("printed", "title"), [
    ("HỌ CHỦ TỊCH", "PHÓ CHỦ TỊCH"),  # GP-2507
    ("PHÓ GIAM ĐỌC", "PHÓ GIÁM ĐỐC"),  # TB-1894
    ("GIÁM ĐỌC", "GIÁM ĐỐC"),
    ("PHÓ TRƯỞNG BAN THƯỜNG TRỰC", "PHÓ TRƯỞNG BAN THƯỜNG TRỰC"),  # not in the list: kept
    ("ỦY BAN NHÂN DÂN", "ỦY BAN NHÂN DÂN"),
])
def test_titles_in_standard_spelling(printed, title):
    assert canonical_title(printed) == title


def test_damaged_names_repaired_from_the_document():
    assert looks_like_damaged_name("guyến Thành Sinh") and not looks_like_damaged_name("Nguyễn Thành Sinh")
    # KH-1105: the body names 'Ông. Hoàng Văn Thuân - Trưởng đoàn'
    assert repair_name("lowfg Văn Thuân", ["Hoàng Văn Thuân", "Đỗ Mạnh Cường"]) == "Hoàng Văn Thuân"
    # QD-2336: no other mention; the lost first letter of a common family name is put back
    assert repair_name("guyền Tuấn Anh", []) == "Nguyễn Tuấn Anh"
    assert repair_name("Nguyễn Tuấn Anh", ["Trần Tuấn Anh"]) == "Nguyễn Tuấn Anh"
    # 3036: 'Ho' lost under the stamp; the kept grave accent rules out 'Đặng' (folded 'dang')
    assert repair_name("àng Văn Thuân", []) == "Hoàng Văn Thuân"


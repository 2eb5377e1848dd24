import unicodedata

import pytest

from kehoach import normalize_text


@pytest.mark.parametrize(("text", "old", "new"), [
    ("hoá thuỷ khoẻ", "hóa thủy khỏe", "hoá thuỷ khoẻ"),
    ("Hóa THỦY Khỏe", "Hóa THỦY Khỏe", "Hoá THUỶ Khoẻ"),
    ("quý quỹ hoàn thuyết", "quý quỹ hoàn thuyết", "quý quỹ hoàn thuyết"),  # qu onset; closed syllables
])
def test_tone_placement_styles(text, old, new):
    assert normalize_text(text, "old") == old
    assert normalize_text(text, "new") == new


def test_decomposed_text_is_composed():
    decomposed = unicodedata.normalize("NFD", "Kế hoạch cải cách hành chính")
    assert normalize_text(decomposed) == "Kế hoạch cải cách hành chính"


def test_lines_numbers_codes_and_case_are_kept():
    text = "TỈNH BẮC NINH\nSố: 32/KH-UBND ngày 09/02/2023\n\nUBND, CCHC, PAR INDEX"
    assert normalize_text(text) == text


def test_ocr_lookalikes_are_replaced():
    # Tesseract reads a bold Đ as "ĐÐ" and a slash as U+2044; broken fonts give ƣ for ư.
    assert normalize_text("Số: 1105\u2044KH-ĐKT, 1050/QĐÐ-SCT, Công Thƣơng") == "Số: 1105/KH-ĐKT, 1050/QĐ-SCT, Công Thương"

"""Which printed syllables a Tesseract ``vie`` reading may stand for when it lost a vowel mark.

The pairs are words of real scans (``real_pdfs/``) as Tesseract read them and as they are
printed."""

from __future__ import annotations

import pytest

from kehoach.normalize.vowel_marks import is_lookalike


@pytest.mark.parametrize(("read", "printed"), [
    ("cháp", "chấp"),  # QD-2336 'CHÁP THUẬN': circumflex lost, tone kept
    ("quyét", "quyết"),  # Phieu-trinh 'GIẢI QUYÉT'
    ("đóng", "đồng"),  # circumflex and grave merged into one mark
    ("nó", "nổ"),  # GP-2507 'VẬT LIỆU NÓ': circumflex and hook merged
    ("đòng", "đồng"),  # QD-2336 'ĐÒNG THỜI'
    ("dán", "dân"),  # Phieu-trinh 'dán cư': the circumflex read as an acute
    ("bắt", "bất"),  # QD-2336 'bắt động sản': breve for circumflex
    ("noi", "nơi"),  # 1178 'Noi nhận': horn lost
    ("giãy", "giấy"),  # TT-23 'giãy chứng nhận'
])
def test_real_misreadings_are_lookalikes(read, printed):
    assert is_lookalike(read, printed)


@pytest.mark.parametrize(("read", "printed"), [
    ("chấp", "cháp"),  # a reading with the vowel mark is not a mark lost
    ("đóng", "đọng"),  # tones alone are the restorer's tone candidates, not look-alikes
    ("tạ", "tấ"),  # a dot below is not lost with the vowel mark
    ("đóng", "đóng"),  # the same word
    ("dong", "đông"),  # đ is not d
    ("đóng", "đóngg"),
])
def test_other_pairs_are_not(read, printed):
    assert not is_lookalike(read, printed)


@pytest.mark.parametrize(("read", "printed"), [
    ("đen", "đến"),  # 035's medium scan 'TẦM NHÌN ĐEN NĂM 2045': both stacked marks lost
    ("sơ", "số"),  # 042's scan 'QUYẾT ĐỊNH SƠ 3103/QĐ-BTC': horn for circumflex, the acute lost
    ("thăng", "tháng"),  # 042's scan 'NGÀY 05 THĂNG 9': the acute read as a breve
])
def test_slips_of_tesseracts_own_output(read, printed):
    """Slips Tesseract makes in capitals, offered only for its own output: in text that was not
    just OCR'd 'so', 'đen', 'thăng' are words as written."""
    assert is_lookalike(read, printed, ocr=True)
    assert not is_lookalike(read, printed)


def test_restoring_tesseracts_capitals():
    from kehoach.normalize import normalize_detailed

    read = "QUYẾT ĐỊNH SƠ 3103/QĐ-BTC NGÀY 05 THĂNG 9 NĂM 2025"
    assert normalize_detailed(read, from_ocr=True).text == "QUYẾT ĐỊNH SỐ 3103/QĐ-BTC NGÀY 05 THÁNG 9 NĂM 2025"
    assert normalize_detailed("so với năm 2024, màu đen", from_ocr=False).text == "so với năm 2024, màu đen"

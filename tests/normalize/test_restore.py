"""Diacritic restoration on real text: the seed's English-OCR garble, stripped dev documents,
and correct text that must come back unchanged."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from kehoach.normalize import normalize_detailed, normalize_text
from kehoach.normalize.tone_marks import normalize_form
from kehoach.normalize.vowel_marks import is_lookalike


def strip(text: str) -> str:
    text = text.replace("đ", "d").replace("Đ", "D")
    return unicodedata.normalize("NFC", "".join(
        c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c)))


def held_out(shared_data: Path) -> list[Path]:
    docs = sorted((shared_data / "dev_plans").glob("*.txt"))
    return [d for i, d in enumerate(docs) if i % 5 == 4]  # scripts/devsplit.py's hold-out


def test_seed_header_is_repaired(seed):
    lines = normalize_text(seed.read_text(encoding="utf-8")).split("\n")
    assert lines[0] == "ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert "Bắc Ninh, ngày 09 tháng 02 năm 2023" in lines[3]
    assert lines[6] == "Tuyên truyền cải cách hành chính năm 2023 trên địa bàn tỉnh Bắc Ninh"


def test_stripped_held_out_document_is_restored(shared_data):
    truth = normalize_form(held_out(shared_data)[0].read_text(encoding="utf-8"))
    restored = normalize_text(strip(truth))
    got, want = restored.split(), truth.split()
    assert len(got) == len(want)
    assert sum(a == b for a, b in zip(got, want)) / len(want) > 0.97


def test_correct_text_comes_back_unchanged(shared_data):
    for path in held_out(shared_data)[:5]:
        text = normalize_form(path.read_text(encoding="utf-8"))
        assert normalize_text(text) == text, path.name


def test_codes_numbers_abbreviations_case_and_lines_are_kept():
    text = ("Thuc hien Nghi quyet so 76/NQ-CP ngay 15/7/2021 cua Chinh phu\n"
            "\n"
            "Chi so PAR INDEX, SIPAS, PAPI cua UBND tinh; email: vanthu@bacninh.gov.vn\n"
            "TINH BAC NINH")
    out = normalize_text(text).split("\n")
    assert len(out) == 4 and out[1] == ""
    assert out[0] == "Thực hiện Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ"
    assert "PAR INDEX, SIPAS, PAPI của UBND tỉnh" in out[2]
    assert out[2].endswith("vanthu@bacninh.gov.vn")
    assert out[3] == "TỈNH BẮC NINH"


def test_changes_carry_confidence_and_runner_up():
    result = normalize_detailed("Ke hoach cai cach hanh chinh nam 2023")
    assert result.text == "Kế hoạch cải cách hành chính năm 2023"
    assert result.changes and all(0 < c.confidence <= 1 for c in result.changes)
    assert any(c.runner_up for c in result.changes)


@pytest.mark.parametrize("text", ["", "\n\n", "\x00\x01 binary \xff garbage", "a" * 100_000,
                                  "cai cach " * 12_000])
def test_bad_input_keeps_lines(text):
    out = normalize_text(text)
    assert out.count("\n") == text.count("\n")


# Lines of real scans (real_pdfs/ and samples/real/) as Tesseract vie read them, with vowel
# marks lost or merged with the tone, and as they are printed.
REAL_VIE_LINES = [
    ("QUYẾT: ĐỊNH CHÁP THUẬN CHỦ TRƯƠNG ĐẦU TƯ\nĐÒNG THỜI CHÁP THUẬN NHÀ ĐẦU TƯ",  # QD-2336
     "QUYẾT: ĐỊNH CHẤP THUẬN CHỦ TRƯƠNG ĐẦU TƯ\nĐỒNG THỜI CHẤP THUẬN NHÀ ĐẦU TƯ"),
    ("GIẦY PHÉP SỬ DỤNG VẬT LIỆU NÓ CÔNG NGHIỆP",  # GP-2507
     "GIẤY PHÉP SỬ DỤNG VẬT LIỆU NỔ CÔNG NGHIỆP"),
    ("PHIẾU TRÌNH GIẢI QUYÉT CÔNG VIỆC",  # Phieu-trinh
     "PHIẾU TRÌNH GIẢI QUYẾT CÔNG VIỆC"),
    ("trong khu vực dán cư, cơ sở khám bệnh, chữa bệnh, khu vực có di tích lịch sử -",  # Phieu-trinh
     "trong khu vực dân cư, cơ sở khám bệnh, chữa bệnh, khu vực có di tích lịch sử -"),
    ("VIỆN KIỆM SÁT NHÂN DÂN TỐI CAO TÒA ÁN NHÂN DÂN TÓI CAO",  # Huong-dan-lien-nganh-24
     "VIỆN KIỂM SÁT NHÂN DÂN TỐI CAO TÒA ÁN NHÂN DÂN TỐI CAO"),
    ("xã trên địa bàn huyện S¡ Ma Cai, tỉnh Lào Cai (nay là xã Si Ma Cai, tỉnh Lào Cai)",  # 1178
     "xã trên địa bàn huyện Si Ma Cai, tỉnh Lào Cai (nay là xã Si Ma Cai, tỉnh Lào Cai)"),
    # bench/vie_eval.py: held-out dev documents rendered as medium scans, read by Tesseract
    ("quy định tại điểm ¡ khoản 2 Điều 59, khoản 1 Điều 64 của Luật Địa chất và",
     "quy định tại điểm i khoản 2 Điều 59, khoản 1 Điều 64 của Luật Địa chất và"),
    ("- Khẩn trương chỉ đạo tập trung rà soát, hoàn thiện các báo cáo: (ï) Báo cáo tình",
     "- Khẩn trương chỉ đạo tập trung rà soát, hoàn thiện các báo cáo: (i) Báo cáo tình"),
    # bench/extract_eval.py: 010 rendered as a medium scan
    ("Thực hiện Chỉ thị số 32/CT-TTø ngày 21/10/2025 của Thủ tướng Chính phủ “về",
     "Thực hiện Chỉ thị số 32/CT-TTg ngày 21/10/2025 của Thủ tướng Chính phủ “về"),
]


@pytest.mark.parametrize("from_ocr", [True, False])
@pytest.mark.parametrize(("read", "printed"), REAL_VIE_LINES)
def test_lost_vowel_marks_are_repaired_with_case(read, printed, from_ocr):
    """Tesseract vie output, and a text layer made from such output: every word whose vowel
    mark was lost comes back as printed, in the reading's case; no word becomes anything but
    its printed form (tones are repaired in OCR output only, so some may stay as read)."""
    out = normalize_text(read, from_ocr=from_ocr)
    assert out.count("\n") == read.count("\n")
    for r, p, o in zip(read.split(), printed.split(), out.split(), strict=True):
        slipped = is_lookalike(r.lower(), p.lower()) or any(c in r for c in "¡ïø")
        assert o == p if slipped else o in (r, p), (r, p, o)


def test_proper_names_the_model_does_not_know_are_kept():
    """3036 and GP-2507: 'Móng Sến' and 'Toòng Già' are place names; the unknown syllables
    used to be forced onto a tone the vocabulary knows ('Sên', 'Toong')."""
    for line in ["Sến 1 tại xã Tả Phìn, tỉnh Lào Cai.",
                 "Toòng Già, xã Phong Hải, tỉnh Lào Cai theo Giấy phép khai thác khoáng sản"]:
        assert normalize_text(line, from_ocr=True) == line


def test_correct_dev_texts_are_left_alone(shared_data, script):
    """bench/false_changes.py's count on 20 held-out dev documents read as text: at most one
    word in 20,000 changed."""
    false_changes = script("bench/false_changes.py")
    words = changed = 0
    for path in held_out(shared_data)[5:25]:
        text = path.read_text(encoding="utf-8")
        words += len(text.split())
        changed += len(false_changes.changed_words(text, from_ocr=False))
    assert changed <= words / 20_000  # one in 46,000 over the 227 documents ('hàng năm' → 'hằng năm')


@pytest.mark.slow
def test_scanned_permit_title_is_repaired(real_pdfs):
    """GP-2507 read by Tesseract vie through the pipeline: 'VẬT LIỆU NÓ' and 'QUYÉT ĐỊNH'
    come back as printed, and the reading stays in ``Line.raw``."""
    from kehoach.ingest import read_document
    from kehoach.pipeline import normalize_lines

    ingested = read_document(real_pdfs / "GP-2507-mo-da-Toong-Gia-Mien-Bac-ban-ky.pdf")
    normalize_lines(ingested, "old")
    repaired = {(line.raw, line.text) for line in ingested.lines() if line.raw}
    assert any("VẬT LIỆU NÓ" in raw and "VẬT LIỆU NỔ CÔNG NGHIỆP" in text for raw, text in repaired)
    assert any("QUYÉT ĐỊNH" in raw and "QUYẾT ĐỊNH" in text for raw, text in repaired)

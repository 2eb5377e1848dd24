"""Diacritic restoration on real text: the seed's English-OCR garble, stripped dev documents,
and correct text that must come back unchanged."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from kehoach.normalize import normalize_detailed, normalize_text
from kehoach.normalize.tone_marks import normalize_form


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

"""Legacy encodings (TCVN3, VNI, VIQR, Windows-1258): the tables against published ones, conversion of real
dev text written in each, and no conversion of correct Unicode, stripped text, English or codes."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from kehoach.errors import UnsupportedInputError
from kehoach.ingest.text import decode_text
from kehoach.normalize import normalize_text
from kehoach.normalize.legacy import ENCODINGS, TCVN3_DECODE, convert_legacy, decode_legacy, encode_legacy
from kehoach.normalize.tone_marks import normalize_form


def kehoach(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kehoach.cli", *args], capture_output=True, text=True, timeout=600)


def dev_text(shared_data: Path, index: int = 0) -> str:
    return normalize_form(sorted((shared_data / "dev_plans").glob("*.txt"))[index].read_text(encoding="utf-8"))


def strip(text: str) -> str:
    text = text.replace("đ", "d").replace("Đ", "D")
    return unicodedata.normalize("NFC", "".join(
        c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c)))


VIETNAMESE = set("abcdđeghiklmnopqrstuvxy") | {unicodedata.normalize("NFC", v + t)
                                               for v in ("a", "â", "ă", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y")
                                               for t in ("", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323")}


@pytest.mark.skipif(shutil.which("iconv") is None, reason="glibc iconv not installed")
def test_tcvn3_table_agrees_with_glibc_tcvn5712():
    codes = bytes(sorted(TCVN3_DECODE))
    out = subprocess.run(["iconv", "-f", "TCVN5712-1", "-t", "UTF-8"], input=codes, capture_output=True, check=True)
    glibc = list(unicodedata.normalize("NFC", out.stdout.decode()))
    assert glibc == [TCVN3_DECODE[b] for b in codes]


@pytest.mark.skipif(shutil.which("iconv") is None, reason="glibc iconv not installed")
def test_windows_1258_agrees_with_glibc(shared_data):
    truth = "\n".join(dev_text(shared_data).split("\n")[:20])
    legacy = encode_legacy(truth, "cp1258").encode("cp1252")  # the bytes of a Windows-1258 file
    out = subprocess.run(["iconv", "-f", "CP1258", "-t", "UTF-8"], input=legacy, capture_output=True, check=True)
    assert unicodedata.normalize("NFC", out.stdout.decode()) == truth
    assert convert_legacy(decode_text(legacy, "1258.txt")).text == truth


@pytest.mark.parametrize(("encoding", "legacy", "unicode"), [
    ("tcvn3", "hép møt tÕt", "hộp mứt tết"),  # the example of a public TCVN3→Unicode converter
    ("vni", "Xin chaøo caùc baïn", "Xin chào các bạn"),  # vietnamese-conversion's README
    ("viqr", "O^ng te^n gi`\\? To^i te^n la` Tra^`n Va(n Hie^'u\\.", "Ông tên gì? Tôi tên là Trần Văn Hiếu."),  # RFC 1456 style
])
def test_published_examples(encoding, legacy, unicode):
    assert decode_legacy(legacy, encoding) == unicode


@pytest.mark.parametrize(("viqr", "unicode"), [
    ("Bo^. Co^ng Thu+o+ng va` Bo^. Ta`i chi'nh", "Bộ Công Thương và Bộ Tài chính"),  # "." before a word: the model
    ("To^i ddi. Anh ddi dda^u?", "Tôi đi. Anh đi đâu?"),  # sentence ends
    ("SO+? CO^NG THU+O+NG", "SỞ CÔNG THƯƠNG"),
    ("ho^.i nghi.... va` bo^./ti?nh, A?-ra^.p, dd/c", "hội nghị... và bộ/tỉnh, Ả-rập, đ/c"),
    ("Quye^'t ddi.nh 1883/QDD-UBND cu?a HDDND", "Quyết định 1883/QĐ-UBND của HĐND"),
])
def test_viqr_marks_and_punctuation(viqr, unicode):
    assert decode_legacy(viqr, "viqr") == unicode


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_every_letter_round_trips(encoding):
    letters = "".join(sorted({c for c in map(chr, range(0x20, 0x1EFA))
                              if unicodedata.normalize("NFC", c) == c and c.lower() in VIETNAMESE}))
    # A consonant on each side of a vowel (no tone is read as punctuation); đ starts its word.
    words = " ".join(f"{c}a" if c in "đĐ" else f"t{c}n" for c in letters)
    back = decode_legacy(encode_legacy(words, encoding), encoding)
    # VN3 has no toned capitals: they come back in lower case unless the word shows its case.
    assert back == words if encoding != "tcvn3" else back.lower() == words.lower()


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_real_document_is_detected_and_converted(shared_data, encoding):
    truth = dev_text(shared_data)
    result = convert_legacy(encode_legacy(truth, encoding))
    assert result.encoding == encoding
    got, want = result.text.split("\n"), truth.split("\n")
    assert len(got) == len(want)
    if encoding in ("vni", "cp1258"):
        assert result.text == truth
    elif encoding == "tcvn3":
        assert result.text.lower() == truth.lower()
        heading = want.index("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
        assert got[heading] == want[heading]  # capitals from the ASCII letters beside the marks
    else:  # VIQR: a "." or "?" after a final vowel may be a tone or punctuation
        assert sum(a == b for a, b in zip(got, want)) / len(want) > 0.97


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_mixed_document_converts_only_legacy_lines(shared_data, encoding):
    truth = dev_text(shared_data, 3).split("\n")
    mixed = [encode_legacy(line, encoding) if i % 2 else line for i, line in enumerate(truth)]
    got = convert_legacy("\n".join(mixed)).text.split("\n")
    unicode_lines = [(g, t) for i, (g, t) in enumerate(zip(got, truth)) if i % 2 == 0]
    assert all(g == t for g, t in unicode_lines)
    legacy = [(g, t) for i, (g, t) in enumerate(zip(got, truth)) if i % 2]
    right = sum(g.lower() == t.lower() for g, t in legacy)
    assert right == len(legacy) if encoding != "viqr" else right >= 0.9 * len(legacy)


def test_no_dev_document_is_converted(shared_data):
    for path in sorted((shared_data / "dev_plans").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        assert convert_legacy(text).encoding is None, path.name
        assert convert_legacy(strip(text)).encoding is None, path.name


def test_seed_ocr_and_english_are_not_converted(seed):
    assert convert_legacy(seed.read_text(encoding="utf-8")).encoding is None
    english = ("I'm sure we're right. Is it? The committee will meet on Monday (see item 5(a)) to review\n"
               "the budget e.g. travel, etc. Please send comments by Friday... Thank you!\n"
               "Résumé: café, naïve, Zoë, façade, über, señor, São Paulo, ½ price © 2024 ® µm ± 3°.\n") * 5
    assert convert_legacy(english).text == english


@pytest.mark.parametrize("text", [
    "Sở Y tế.", "?", "76/NQ-CP", "Số: 76/NQ-CP ngày 15/7/2021", "So Y te.", "Ha Noi?", "I. MUC DICH\nII. YEU CAU",
    "Hà Nội, ngày 15 tháng 7 năm 2021\nSở Y tế Bắc Ninh?\nCộng hòa xã hội chủ nghĩa Việt Nam",
])
def test_punctuation_codes_and_short_text_are_left_alone(text):
    assert convert_legacy(text).text == text


def test_normaliser_converts_before_normalising(shared_data):
    truth = "\n".join(dev_text(shared_data).split("\n")[:12])
    assert normalize_text(encode_legacy(truth, "vni")) == truth
    assert normalize_text(encode_legacy(truth, "vni"), tone_style="new") == normalize_form(truth, "new")


def test_eight_bit_files_decode_and_junk_is_refused():
    legacy = encode_legacy("Cộng hòa xã hội chủ nghĩa Việt Nam – “Độc lập”", "tcvn3")
    assert decode_text(legacy.encode("cp1252"), "a.txt") == legacy
    with pytest.raises(UnsupportedInputError, match="8-bit"):
        decode_text(b"\xc9\x01\x02 binary \xff garbage", "b.txt")
    with pytest.raises(UnsupportedInputError):
        decode_text(b"PK\x03\x04\x14 \x81\x8d", "c.txt")  # bytes cp1252 leaves undefined


def test_cli_normalize_converts_tcvn3_text(shared_data, tmp_path):
    truth = "\n".join(dev_text(shared_data).split("\n")[:30]) + "\n"
    path = tmp_path / "tcvn3.txt"
    path.write_text(encode_legacy(truth, "tcvn3"), encoding="utf-8")  # copied out of a .VnTime document
    result = kehoach("normalize", str(path))
    assert result.returncode == 0, result.stderr
    assert result.stdout.lower() == truth.lower()
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n" in result.stdout


def test_cli_normalize_reads_eight_bit_tcvn3_bytes(shared_data, tmp_path):
    """A .VnTime document saved as text: 8-bit bytes, not UTF-8, from a file and from stdin."""
    truth = "\n".join(dev_text(shared_data).split("\n")[:30]) + "\n"
    data = encode_legacy(truth, "tcvn3").encode("cp1252")
    path = tmp_path / "tcvn3-8bit.txt"
    path.write_bytes(data)
    from_file = kehoach("normalize", str(path))
    assert from_file.returncode == 0, from_file.stderr
    assert from_file.stdout.lower() == truth.lower()
    from_stdin = subprocess.run([sys.executable, "-m", "kehoach.cli", "normalize", "-"], input=data,
                                capture_output=True, timeout=600)
    assert from_stdin.returncode == 0, from_stdin.stderr
    assert from_stdin.stdout.decode("utf-8") == from_file.stdout


def test_cli_extract_reads_an_eight_bit_vni_file(shared_data, tmp_path):
    truth = dev_text(shared_data)
    path = tmp_path / "vni.txt"
    path.write_bytes(encode_legacy(truth, "vni").encode("cp1252", errors="replace"))
    with pytest.raises(UnicodeDecodeError):
        path.read_bytes().decode("utf-8")
    result = kehoach("extract", str(path))
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["national_title"] == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert doc["motto"] == "Độc lập - Tự do - Hạnh phúc"
    assert doc["doc_type"] == "Kế hoạch"
    assert doc["title"] in truth.replace("\n", " ")
    assert not any("does not read as Vietnamese" in flag for flag in doc["review_flags"])

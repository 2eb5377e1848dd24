import pytest

from kehoach.ingest.detect import sniff


@pytest.mark.parametrize(("head", "kind"), [
    (b"%PDF-1.7\n", "pdf"),
    (b"\x00\x00junk%PDF-1.4", "pdf"),
    (b"\x89PNG\r\n\x1a\n\x00\x00", "image"),
    (b"\xff\xd8\xff\xe0\x00\x10JFIF", "image"),
    (b"II*\x00\x08\x00", "image"),
    (b"\xff\xfeC\x00", "text"),
    ("Kế hoạch".encode(), "text"),
])
def test_kind_comes_from_content(head, kind):
    assert sniff(head)[0] == kind


def test_binary_junk_is_not_text():
    assert sniff(b"PK\x03\x04\x14\x00\x00\x00") is None


def test_real_files_regardless_of_name(tmp_path, real_pdfs, seed):
    renamed = tmp_path / "scan.txt"
    renamed.write_bytes((real_pdfs / "QD-1074-QD-BXD-29-6-2026.pdf").read_bytes()[:2048])
    assert sniff(renamed.read_bytes()) == ("pdf", "application/pdf")
    assert sniff(seed.read_bytes()[:4096]) == ("text", "text/plain")

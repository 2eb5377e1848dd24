"""Bad inputs get a one-line error that names the file and the reason; never a traceback."""

from __future__ import annotations

import struct
import subprocess
import sys
import zlib
from pathlib import Path

import pytest
from PIL import Image

from kehoach.errors import (
    CorruptInputError,
    EmptyFileError,
    EncryptedPdfError,
    ImageTooLargeError,
    UnsupportedInputError,
)
from kehoach.ingest import read_document


def kehoach(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kehoach.cli", *args], capture_output=True, text=True, timeout=600)


def png_claiming_size(path: Path, width: int, height: int) -> None:
    """A tiny PNG whose header claims ``width``×``height``: a decompression bomb's signature."""
    Image.new("L", (8, 8), 255).save(path)
    data = bytearray(path.read_bytes())
    ihdr = data[12:29]  # b"IHDR" + 13 bytes of header
    ihdr[4:12] = struct.pack(">II", width, height)
    data[12:29] = ihdr
    data[29:33] = struct.pack(">I", zlib.crc32(bytes(ihdr)))
    path.write_bytes(bytes(data))


def test_empty_file(tmp_path):
    path = tmp_path / "empty.pdf"
    path.touch()
    with pytest.raises(EmptyFileError, match="empty"):
        read_document(path)


def test_truncated_pdf(tmp_path, real_pdfs):
    path = tmp_path / "truncated.pdf"
    path.write_bytes((real_pdfs / "QD-1074-QD-BXD-29-6-2026.pdf").read_bytes()[:3000])
    with pytest.raises(CorruptInputError) as info:
        read_document(path)
    assert str(path) in str(info.value)


def test_encrypted_pdf(tmp_path, real_pdfs):
    path = tmp_path / "locked.pdf"
    subprocess.run(["qpdf", "--encrypt", "secret", "secret", "256", "--",
                    str(real_pdfs / "QD-1074-QD-BXD-29-6-2026.pdf"), str(path)], check=True)
    with pytest.raises(EncryptedPdfError, match="password"):
        read_document(path)


def test_binary_junk(tmp_path):
    path = tmp_path / "archive.pdf"
    path.write_bytes(b"PK\x03\x04" + bytes(range(256)) * 4)
    with pytest.raises(UnsupportedInputError):
        read_document(path)


def test_decompression_bomb_refused_before_decoding(tmp_path):
    path = tmp_path / "bomb.png"
    png_claiming_size(path, 60000, 60000)
    with pytest.raises(ImageTooLargeError, match="3600 MP"):
        read_document(path)


def test_truncated_image(tmp_path):
    path = tmp_path / "cut.png"
    Image.new("L", (400, 400), 128).save(path)
    path.write_bytes(path.read_bytes()[:120])
    with pytest.raises(CorruptInputError):
        read_document(path)


def test_cli_errors_are_one_line_with_file_and_reason(tmp_path):
    path = tmp_path / "empty.txt"
    path.touch()
    result = kehoach("extract", str(path))
    assert result.returncode == 3
    assert result.stderr.strip() == f"kehoach: error: {path}: file is empty (0 bytes)"
    assert "Traceback" not in result.stderr


def test_non_vietnamese_document_is_flagged_not_failed(tmp_path):
    from kehoach import process

    path = tmp_path / "memo.txt"
    path.write_text("The committee will meet on Monday to review the budget.\n"
                    "Please send your comments on the plan for next year by Friday.\n")
    doc = process(path)
    assert any("does not read as Vietnamese" in flag for flag in doc.review_flags)

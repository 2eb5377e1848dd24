"""The command line as a user runs it: real files, real subprocesses."""

from __future__ import annotations

import json
import subprocess
import sys

import jsonschema


def kehoach(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kehoach.cli", *args], input=stdin,
                          capture_output=True, text=True, timeout=600)


def test_extract_writes_valid_json(tmp_path, real_pdfs, repo):
    out = tmp_path / "qd.json"
    result = kehoach("extract", str(real_pdfs / "QD-1074-QD-BXD-29-6-2026.pdf"), "-o", str(out))
    assert result.returncode == 0, result.stderr
    doc = json.loads(out.read_text())
    jsonschema.validate(doc, json.loads((repo / "schema" / "document.schema.json").read_text()))
    assert doc["number"] == "1074/QĐ-BXD"
    assert [p["method"] for p in doc["source"]["pages"]] == ["text_layer", "text_layer"]


def test_ocr_separates_pages_with_form_feeds(real_pdfs):
    result = kehoach("ocr", str(real_pdfs / "QD-1074-QD-BXD-29-6-2026.pdf"))
    assert result.returncode == 0
    assert result.stdout.count("\f") == 1
    assert "QUYẾT ĐỊNH" in result.stdout


def test_normalize_keeps_one_line_per_line(seed):
    text = seed.read_text(encoding="utf-8")
    result = kehoach("normalize", str(seed))
    assert result.returncode == 0
    assert result.stdout.count("\n") == text.count("\n") + (0 if text.endswith("\n") else 1)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in result.stdout


def test_normalize_stdin_and_tone_style():
    result = kehoach("normalize", "-", "--tone-style", "new", stdin="hóa đơn thủy lợi\nquy hoạch\n")
    assert result.stdout == "hoá đơn thuỷ lợi\nquy hoạch\n"
    result = kehoach("normalize", "-", stdin="hoa don thuy loi\nquy hoach\n")
    assert result.stdout == "hóa đơn thủy lợi\nquy hoạch\n"


def test_schema_command_prints_the_committed_schema(repo):
    assert kehoach("schema").stdout == (repo / "schema" / "document.schema.json").read_text()


def test_missing_input_is_a_clear_error(tmp_path):
    result = kehoach("run", str(tmp_path / "nowhere"), "-o", str(tmp_path / "out"))
    assert result.returncode == 2
    assert result.stderr.strip() == f"kehoach: {tmp_path / 'nowhere'}: no such file or folder"


def test_normalize_explain_lists_changes_with_confidence():
    result = kehoach("normalize", "-", "--explain", stdin="Ke hoach tuyen truyen\n")
    assert result.stdout == "Kế hoạch tuyên truyền\n"
    lines = result.stderr.splitlines()
    assert lines[0].startswith("line 1:1: Ke -> Kế confidence ")
    assert lines[-1] == "4 of 4 tokens restored"

"""Inputs of `kehoach run`: zip archives (unpacked safely), include/exclude globs."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import zipfile

from kehoach.inputs import collect_inputs


def test_zip_members_and_globs(tmp_path, seed, real_pdfs):
    folder = tmp_path / "in"
    (folder / "drafts").mkdir(parents=True)
    shutil.copy(seed, folder / "drafts" / "seed.txt")
    with zipfile.ZipFile(folder / "scans.zip", "w") as zf:
        zf.write(real_pdfs / "QD-1074-QD-BXD-29-6-2026.pdf", "2026/qd-1074.pdf")
        zf.write(seed, "2023/kh-32.txt")
        zf.writestr("__MACOSX/._junk", b"x")
    unpack = tmp_path / "out" / ".unpacked"

    names = [i.output_name for i in collect_inputs([folder], unpack)]
    assert names == ["drafts/seed.txt.json", "scans.zip/2023/kh-32.txt.json", "scans.zip/2026/qd-1074.pdf.json"]
    assert (unpack / "scans.zip" / "2026" / "qd-1074.pdf").read_bytes() == \
        (real_pdfs / "QD-1074-QD-BXD-29-6-2026.pdf").read_bytes()
    assert [i.output_name for i in collect_inputs([folder], unpack, include=["*.pdf"])] == \
        ["scans.zip/2026/qd-1074.pdf.json"]
    assert [i.output_name for i in collect_inputs([folder], unpack, exclude=["drafts/*", "*.pdf"])] == \
        ["scans.zip/2023/kh-32.txt.json"]


def test_unsafe_and_damaged_archives_fail_alone(tmp_path, seed):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(seed, folder / "seed.txt")
    with zipfile.ZipFile(folder / "evil.zip", "w") as zf:
        zf.writestr("../../escape.txt", "Kế hoạch")
    (folder / "damaged.zip").write_bytes(b"PK\x03\x04" + b"\x00" * 60)
    out = tmp_path / "out"
    result = subprocess.run([sys.executable, "-m", "kehoach.cli", "run", str(folder), "-o", str(out), "-q"],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 1
    assert not (tmp_path / "escape.txt").exists() and not list(tmp_path.rglob("escape.txt"))
    summary = json.loads((out / "summary.json").read_text())
    reasons = sorted(f["reason"] for f in summary["failures"])
    assert "points outside the archive" in reasons[1] and "zip archive cannot be read" in reasons[0]
    assert summary["success"] == 1

"""`kehoach run` over a folder of mixed files: outputs validate, failures are reported, the batch goes on."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import jsonschema
from PIL import Image


def test_run_mixed_folder(tmp_path, real_pdfs, seed, repo):
    inputs = tmp_path / "in"
    (inputs / "sub").mkdir(parents=True)
    shutil.copy(seed, inputs / "seed.txt")
    shutil.copy(real_pdfs / "QD-1074-QD-BXD-29-6-2026.pdf", inputs / "sub" / "qd.pdf")
    (inputs / "empty.pdf").touch()
    (inputs / "broken.pdf").write_bytes(b"%PDF-1.7\n1 0 obj\n<<")
    (inputs / "notes.bin").write_bytes(b"\x00\x01\x02 not a document")
    (inputs / ".hidden.txt").write_text("ignored")
    Image.new("L", (1200, 1600), 255).save(inputs / "blank.png")
    out = tmp_path / "out"

    result = subprocess.run([sys.executable, "-m", "kehoach.cli", "run", str(inputs), "-o", str(out), "-j", "2"],
                            capture_output=True, text=True, timeout=600)

    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert f"{inputs / 'empty.pdf'}: file is empty" in result.stderr
    assert f"{inputs / 'broken.pdf'}: PDF cannot be parsed" in result.stderr
    schema = json.loads((repo / "schema" / "document.schema.json").read_text())
    written = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.json"))
    assert written == ["blank.png.json", "seed.txt.json", "sub/qd.pdf.json", "summary.json"]
    for name in ("blank.png.json", "seed.txt.json", "sub/qd.pdf.json"):
        jsonschema.validate(json.loads((out / name).read_text()), schema)
    index = [json.loads(line) for line in (out / "index.jsonl").read_text().splitlines()]
    assert {r["status"] for r in index} == {"success", "failed", "skipped"}
    assert len(index) == 6
    summary = json.loads((out / "summary.json").read_text())
    assert summary["failed"] == 2 and summary["skipped"] == 1
    blank = json.loads((out / "blank.png.json").read_text())
    assert "page 1: no text found" in blank["review_flags"]
    assert not list(out.rglob("*.tmp"))


def test_tasks_csv_opens_in_a_spreadsheet(tmp_path, seed):
    import csv

    out = tmp_path / "out"
    result = subprocess.run([sys.executable, "-m", "kehoach.cli", "run", str(seed), "-o", str(out), "-q"],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    raw = (out / "tasks.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM: Excel then reads Vietnamese correctly
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    assert rows[0][:5] == ["document", "number", "issued_date", "issuer", "description"]
    doc = json.loads((out / (seed.name + ".json")).read_text())
    assert len(rows) - 1 == len(doc["tasks"])

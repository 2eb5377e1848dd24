"""`kehoach run` resumes: finished documents are not redone, failures are retried, a killed
run loses nothing it finished, changed inputs and `--force` are redone."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time

import pytest


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kehoach.cli", "run", *args, "--quiet", "-j", "1"],
                          capture_output=True, text=True, timeout=900)


def summary(out) -> dict:
    return json.loads((out / "summary.json").read_text())


def test_second_run_resumes_and_retries_failures(tmp_path, seed, real_pdfs):
    inputs, out = tmp_path / "in", tmp_path / "out"
    inputs.mkdir()
    shutil.copy(seed, inputs / "seed.txt")
    shutil.copy(seed, inputs / "seed2.txt")  # same content: processed once
    shutil.copy(real_pdfs / "QD-1074-QD-BXD-29-6-2026.pdf", inputs / "qd.pdf")
    (inputs / "broken.pdf").write_bytes(b"%PDF-1.7\n1 0 obj\n<<")

    first = run(str(inputs), "-o", str(out))
    assert first.returncode == 1
    s1 = summary(out)
    assert (s1["success"], s1["failed"], s1["skipped"], s1["resumed"]) == (2, 1, 1, 0)
    assert "same content as" in s1["skips"][0]["reason"]
    written = (out / "qd.pdf.json").stat().st_mtime_ns

    (inputs / "broken.pdf").write_text("KẾ HOẠCH\nTuyên truyền cải cách hành chính\n", encoding="utf-8")  # fixed: retried
    second = run(str(inputs), "-o", str(out))
    assert second.returncode == 0, second.stderr
    s2 = summary(out)
    assert s2["resumed"] == 2 and s2["failed"] == 0
    assert (out / "qd.pdf.json").stat().st_mtime_ns == written
    assert (out / "broken.pdf.json").exists()
    index = [json.loads(line) for line in (out / "index.jsonl").read_text().splitlines()]
    assert len(index) == 4

    (inputs / "seed.txt").write_text("Kế hoạch mới\n", encoding="utf-8")  # changed content: redone
    third = run(str(inputs), "-o", str(out))
    s3 = summary(out)
    assert third.returncode == 0 and s3["resumed"] == 2  # qd.pdf and broken.pdf; seed.txt redone
    assert s3["skipped"] == 0  # seed2.txt is no longer a duplicate

    forced = run(str(inputs), "-o", str(out), "--force")
    assert forced.returncode == 0 and summary(out)["resumed"] == 0
    assert (out / "qd.pdf.json").stat().st_mtime_ns != written


@pytest.mark.slow
def test_killed_run_keeps_what_it_finished(tmp_path, samples):
    inputs, out = tmp_path / "in", tmp_path / "out"
    inputs.mkdir()
    for pdf in sorted((samples / "generated").glob("*scan*.pdf")):
        shutil.copy(pdf, inputs / pdf.name)
    proc = subprocess.Popen([sys.executable, "-m", "kehoach.cli", "run", str(inputs), "-o", str(out), "-q", "-j", "1"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.time() + 600
    while time.time() < deadline and not list(out.glob("*.pdf.json")):
        time.sleep(0.2)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    finished = list(out.glob("*.pdf.json"))
    assert len(finished) >= 1
    for path in finished:
        json.loads(path.read_text())  # complete, never half-written
    assert not list(out.glob(".*.tmp"))

    again = run(str(inputs), "-o", str(out))
    assert again.returncode == 0, again.stderr
    assert summary(out)["resumed"] >= len(finished)
    assert len(list(out.glob("*.pdf.json"))) == 3

"""Faults of a batch run, each for real: the run reports it clearly, keeps what it finished,
goes on where it can, and a second run resumes."""

from __future__ import annotations

import json
import resource
import signal
import socket
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from kehoach.batch import run_batch
from kehoach.executors import SerialExecutor
from kehoach.inputs import UNPACKED, collect_inputs
from kehoach.pipeline import ProcessOptions

KEHOACH = [sys.executable, "-m", "kehoach.cli"]


def _summary(out: Path) -> dict:
    return json.loads((out / "summary.json").read_text(encoding="utf-8"))


def test_zip_bomb_is_refused_and_the_rest_goes_on(tmp_path: Path, seed: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "plan.txt").write_bytes(seed.read_bytes())
    with zipfile.ZipFile(folder / "bomb.zip", "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("scan.pdf", b"\0" * (64 << 20))  # 64 MB of zeros in about 64 kB
    items = collect_inputs([folder], tmp_path / "out" / UNPACKED)
    assert [i.output_name for i in items] == ["bomb.zip.json", "plan.txt.json"]
    assert "zip bomb" in items[0].problem and "bomb.zip" in items[0].problem
    assert not (tmp_path / "out" / UNPACKED / "bomb.zip" / "scan.pdf").exists()
    summary = run_batch(items, tmp_path / "out", ProcessOptions())
    assert [o.status for o in summary.outcomes][0] == "failed"
    assert summary.outcomes[1].status in ("success", "partial")


def test_file_changed_while_being_read_is_not_recorded_as_done(tmp_path: Path, seed: Path, repo: Path) -> None:
    """The second input is rewritten after the batch hashed it and before it was read."""
    folder = tmp_path / "in"
    folder.mkdir()
    first, second = folder / "a.txt", folder / "b.txt"
    first.write_bytes(seed.read_bytes())
    second.write_text("KẾ HOẠCH\nTuyên truyền cải cách hành chính năm 2023\n", encoding="utf-8")
    out = tmp_path / "out"

    def rewrite_second(outcome) -> None:
        if outcome.input.path == first:
            second.write_text("KẾ HOẠCH\nTuyên truyền cải cách hành chính năm 2024\n", encoding="utf-8")

    summary = run_batch(collect_inputs([folder]), out, ProcessOptions(), SerialExecutor(), on_done=rewrite_second)
    changed = summary.outcomes[1]
    assert changed.status == "failed" and "changed while it was being read" in changed.message
    assert not (out / "b.txt.json").exists()
    again = run_batch(collect_inputs([folder]), out, ProcessOptions(), SerialExecutor())
    assert [o.resumed for o in again.outcomes] == [True, False]
    assert again.outcomes[1].status in ("success", "partial")
    assert "2024" in (out / "b.txt.json").read_text(encoding="utf-8")


def _limit_file_size() -> None:
    """In the child: files may not grow past 48 kB, as on a nearly full disk (EFBIG, not a signal)."""
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (48 << 10, 48 << 10))


def test_output_that_cannot_be_written_fails_alone_and_resumes(tmp_path: Path, seed: Path) -> None:
    """A document whose JSON does not fit fails with the reason; the small one is written whole;
    no temporary file is left; with room again the next run does only what failed."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "big.txt").write_bytes(seed.read_bytes())  # its JSON is far over 48 kB
    (folder / "small.txt").write_text("KẾ HOẠCH\nTuyên truyền cải cách hành chính năm 2023\n", encoding="utf-8")
    out = tmp_path / "out"
    run = subprocess.run([*KEHOACH, "run", str(folder), "-o", str(out), "-q", "-j", "1"],
                         capture_output=True, text=True, timeout=300, preexec_fn=_limit_file_size)
    assert run.returncode == 1, run.stderr
    summary = _summary(out)
    assert summary["failed"] == 1
    reason = summary["failures"][0]["reason"]
    assert "big.txt" in reason and "cannot write" in reason and "File too large" in reason
    assert json.loads((out / "small.txt.json").read_text(encoding="utf-8"))["source"]["path"].endswith("small.txt")
    assert not (out / "big.txt.json").exists()
    assert not list(out.glob(".*.tmp"))
    again = subprocess.run([*KEHOACH, "run", str(folder), "-o", str(out), "-q", "-j", "1"],
                           capture_output=True, text=True, timeout=300)
    assert again.returncode == 0, again.stderr
    summary = _summary(out)
    assert summary["resumed"] == 1 and summary["failed"] == 0
    assert json.loads((out / "big.txt.json").read_text(encoding="utf-8"))["number"]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.slow
def test_dask_scheduler_going_away_stops_clearly_and_resumes(tmp_path: Path, samples: Path) -> None:
    """A real `dask scheduler` and `dask worker`; the scheduler is killed once the first
    document is written. The run ends with exit code 7 and the reason, keeps that document,
    and the same command on this machine resumes."""
    folder = tmp_path / "in"
    folder.mkdir()
    for pdf in sorted((samples / "generated").glob("*scan*.pdf")):
        (folder / pdf.name).write_bytes(pdf.read_bytes())
    out = tmp_path / "out"
    port = _free_port()
    dask = str(Path(sys.executable).parent / "dask")
    scheduler = subprocess.Popen([dask, "scheduler", "--host", "127.0.0.1", "--port", str(port), "--no-dashboard"],
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    worker = subprocess.Popen([dask, "worker", f"tcp://127.0.0.1:{port}", "--nthreads", "1", "--no-dashboard"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        run = subprocess.Popen([*KEHOACH, "run", str(folder), "-o", str(out), "-q", "--dask", f"tcp://127.0.0.1:{port}"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 240
        while not list(out.glob("*.pdf.json")) and run.poll() is None and time.monotonic() < deadline:
            time.sleep(0.2)
        scheduler.kill()
        _, stderr = run.communicate(timeout=120)
    finally:
        scheduler.kill()
        worker.kill()
        worker.wait(timeout=30)
    finished = list(out.glob("*.pdf.json"))
    assert run.returncode == 7, stderr
    assert "lost the Dask scheduler" in stderr and "run the same command again to resume" in stderr
    assert 1 <= len(finished) < 3
    again = subprocess.run([*KEHOACH, "run", str(folder), "-o", str(out), "-q", "-j", "1"],
                           capture_output=True, text=True, timeout=600)
    assert again.returncode == 0, again.stderr
    summary = _summary(out)
    assert summary["resumed"] == len(finished) and summary["success"] + summary["partial"] == 3

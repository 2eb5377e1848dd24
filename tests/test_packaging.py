"""kehoach installs as the package `kehoach.*` from a wheel too, not only editable."""

from __future__ import annotations

import subprocess
import sys
import zipfile

import pytest


@pytest.mark.slow
def test_wheel_contents_and_import(tmp_path, repo):
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(repo)],
                   check=True, timeout=600)
    wheel = next(tmp_path.glob("kehoach-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    for required in ("kehoach/__init__.py", "kehoach/cli.py", "kehoach/models/document.py",
                     "kehoach/ingest/pdf.py", "kehoach/extract/__init__.py", "kehoach/normalize/__init__.py",
                     "kehoach/schema/document.schema.json", "kehoach/normalize/data/lm.npz"):
        assert required in names
    assert not any(n.startswith(("kehoach/tests/", "kehoach/samples/", "models/", "ingest/")) for n in names)

    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)],
                   check=True, timeout=600)
    probe = ("import kehoach, kehoach.models, kehoach.cli; print(kehoach.__file__); "
             "print(kehoach.models.json_schema()['title']); print(kehoach.normalize_text('cai cach hanh chinh'))")
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=tmp_path,
                            env={"PYTHONPATH": str(target), "PATH": "/usr/bin:/bin"}, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [str(target / "kehoach" / "__init__.py"), "Document", "cải cách hành chính"]

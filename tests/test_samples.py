"""The README's main job: `kehoach run samples/ -o out/` gives one valid JSON per sample."""

from __future__ import annotations

import json
import subprocess
import sys

import jsonschema
import pytest


@pytest.mark.slow
def test_run_samples_validates_against_committed_schema(tmp_path, samples, repo):
    out = tmp_path / "out"
    result = subprocess.run([sys.executable, "-m", "kehoach.cli", "run", str(samples), "-o", str(out), "--quiet"],
                            capture_output=True, text=True, timeout=1800)
    assert result.returncode == 0, result.stderr
    inputs = sorted(p.relative_to(samples).as_posix() for p in samples.rglob("*") if p.is_file())
    outputs = sorted(p.relative_to(out).as_posix()[: -len(".json")] for p in out.rglob("*.json")
                     if p.name != "summary.json")
    assert outputs == inputs
    validator = jsonschema.Draft202012Validator(json.loads((repo / "schema" / "document.schema.json").read_text()))
    for name in outputs:
        doc = json.loads((out / f"{name}.json").read_text())
        errors = [e.message for e in validator.iter_errors(doc)]
        assert errors == [], name
        assert doc["source"]["page_count"] >= 1
    index = [json.loads(line) for line in (out / "index.jsonl").read_text().splitlines()]
    assert len(index) == len(inputs)

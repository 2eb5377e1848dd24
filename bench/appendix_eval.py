"""Phụ lục tables on scans: rows read from rendered scans against the same Phụ lục read as text.

For each dev document named, the text from its first Phụ lục heading on is cut out, read by
kehoach as text (its '|' rows are the reference: each checked by the tests against the
file's own rows), rendered by ``scripts/make_scans.py`` as a scan (the rows drawn as a ruled
table) and read again through OCR. A scan row matches a reference row when their cells,
joined by ' | ', have a rapidfuzz ratio of at least 90 (each reference row matched once).
For the task tables, a scan task is paired with the reference task of the most similar
description, and its lead agencies and deadline are compared exactly.

    .venv/bin/python bench/appendix_eval.py 006 042 037 123 --degrade medium --seed 11
"""

from __future__ import annotations

import argparse
import importlib.util
import re
import sys
import tempfile
import time
from pathlib import Path

from rapidfuzz import fuzz

import kehoach

REPO = Path(__file__).resolve().parents[1]
DEV_PLANS = REPO.parent / "shared" / "data" / "dev_plans"
ROW_MATCH = 90


def load_make_scans():  # noqa: ANN201 - a script module
    spec = importlib.util.spec_from_file_location("make_scans", REPO / "scripts" / "make_scans.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["make_scans"] = module
    spec.loader.exec_module(module)
    return module


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("docs", nargs="+", help="dev document number prefixes, e.g. 006 042")
    parser.add_argument("--degrade", default="medium")
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args()
    make_scans = load_make_scans()
    totals = dict.fromkeys(("reference", "scan", "matched", "tasks_ref", "tasks_scan", "lead", "deadline"), 0)
    with tempfile.TemporaryDirectory(prefix="appendix-eval-") as tmp:
        out = Path(tmp)
        for prefix in args.docs:
            source = next(DEV_PLANS.glob(f"{prefix}_*.txt"))
            lines = source.read_text(encoding="utf-8").splitlines()
            start = next(i for i, ln in enumerate(lines) if re.match(r"^(PHỤ LỤC|Phụ lục)", ln.strip()))
            excerpt = out / f"{prefix}.txt"
            excerpt.write_text("\n".join(lines[start:]) + "\n", encoding="utf-8")
            reference = kehoach.process(excerpt)
            began = time.perf_counter()
            scan = make_scans.make_scan(excerpt, out, degrade_level=args.degrade, seed=args.seed, stem=f"{prefix}-scan")
            read = kehoach.process(scan.pdf)
            seconds = time.perf_counter() - began
            want = [r for a in reference.appendices for r in a.rows]
            got = [r for a in read.appendices for r in a.rows]
            used: set[int] = set()
            matched = 0
            for row in want:
                text = " | ".join(row.cells)
                scores = [(fuzz.ratio(text, " | ".join(g.cells)), j) for j, g in enumerate(got) if j not in used]
                score, j = max(scores, default=(0.0, -1))
                if score >= ROW_MATCH:
                    matched += 1
                    used.add(j)
            ref_tasks = [t for t in reference.tasks if t.origin == "appendix"]
            scan_tasks = [t for t in read.tasks if t.origin == "appendix"]
            lead = deadline = 0
            for task in scan_tasks:
                best = max(ref_tasks, key=lambda t: fuzz.ratio(task.description, t.description), default=None)
                if best is not None and fuzz.ratio(task.description, best.description) >= ROW_MATCH:
                    lead += sorted(task.lead) == sorted(best.lead)
                    deadline += task.deadline == best.deadline
            print(f"{prefix}: {scan.pages} pages, reference rows {len(want)}, scan rows {len(got)}, matched {matched}; "
                  f"tasks {len(ref_tasks)} / {len(scan_tasks)}, same lead {lead}, same deadline {deadline} "
                  f"({seconds:.0f} s)")
            for key, value in zip(totals, (len(want), len(got), matched, len(ref_tasks), len(scan_tasks), lead, deadline)):
                totals[key] += value
    recall = totals["matched"] / max(1, totals["reference"])
    precision = totals["matched"] / max(1, totals["scan"])
    print(f"rows: recall {recall:.3f}, precision {precision:.3f}, F1 {2 * recall * precision / max(1e-9, recall + precision):.3f}; "
          f"tasks: {totals['tasks_scan']} read for {totals['tasks_ref']}, lead agencies identical "
          f"{totals['lead'] / max(1, totals['tasks_scan']):.1%}, deadline identical {totals['deadline'] / max(1, totals['tasks_scan']):.1%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Build the agency gazetteer ``normalize/data/agencies.json`` used by ``extract/agencies.py``.

Every line of ``../shared/data/corpus/*.txt`` and of the training part of
``../shared/data/dev_plans/`` (see ``devsplit.py``) is run through the extractor's own
agency patterns (``find_agencies``); each mention is put in its long form
(``agencies.expand``: 'UBND' → 'Ủy ban nhân dân', 'Uỷ' → 'Ủy') and grouped by its folded
spelling (no case, no diacritics). A group seen ``--min-count`` times or more is kept under
its most frequent spelling that is not all capitals ('Sở Tài nguyên và Môi trường', not
'SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG'). Collective phrases ('các sở, ban, ngành') are left out:
they name no one body. The file records the sources, the threshold and the counts.

Usage::

    .venv/bin/python scripts/build_agencies.py --data ../shared/data --out normalize/data/agencies.json
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from devsplit import split  # noqa: E402

from kehoach.extract.agencies import COUNCILS, HEADS, expand, find_agencies, is_collective  # noqa: E402
from kehoach.extract.lines import is_upper  # noqa: E402
from kehoach.models.doc_types import fold  # noqa: E402

MAX_WORDS = 12  # a longer 'name' is a pattern running on into the sentence
# Only lines naming a head word can hold a body's name: skipping the others saves most of the time.
HEAD_WORD = re.compile(r"\b(?:" + "|".join(re.escape(h) for h in sorted({*HEADS, *COUNCILS}, key=len, reverse=True)) + r")\b")


def mentions(paths: list[Path]) -> Counter[str]:
    """Long forms of every agency mention in ``paths``, counted."""
    counts: Counter[str] = Counter()
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            line = unicodedata.normalize("NFC", line)
            if not HEAD_WORD.search(line):
                continue
            for agency in find_agencies(line, known=False):
                name = expand(agency.text)
                if not is_collective(name) and len(name.split()) <= MAX_WORDS:
                    counts[name] += 1
    return counts


def gazetteer(counts: Counter[str], min_count: int) -> dict[str, int]:
    """Canonical spelling → count, for each folded group seen ``min_count`` times or more."""
    groups: dict[str, Counter[str]] = defaultdict(Counter)
    for name, count in counts.items():
        groups[fold(name)][name] += count
    kept: dict[str, int] = {}
    for spellings in groups.values():
        total = sum(spellings.values())
        mixed = [(count, name) for name, count in spellings.items() if not is_upper(name)]
        if total >= min_count and mixed:
            kept[max(mixed)[1]] = total
    return dict(sorted(kept.items(), key=lambda item: (-item[1], item[0])))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--out", type=Path, default=Path("normalize/data/agencies.json"))
    parser.add_argument("--min-count", type=int, default=3)
    args = parser.parse_args(argv)
    started = time.time()
    train, _ = split(args.data / "dev_plans")
    sources = sorted((args.data / "corpus").glob("*.txt")) + train
    counts = mentions(sources)
    names = gazetteer(counts, args.min_count)
    record = {
        "built_by": "scripts/build_agencies.py --data ../shared/data --out normalize/data/agencies.json"
                    f" --min-count {args.min_count}",
        "sources": f"corpus/*.txt ({len(sources) - len(train)} files) + {len(train)} training dev_plans",
        "mentions": sum(counts.values()),
        "names": names,
    }
    args.out.write_text(json.dumps(record, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    print(f"{len(names)} names from {record['mentions']} mentions in {time.time() - started:.0f} s -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

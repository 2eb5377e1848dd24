"""Build the agency gazetteer ``normalize/data/agencies.json`` used by ``extract/agencies.py``.

Every line of ``../shared/data/corpus/*.txt`` and of the training part of
``../shared/data/dev_plans/`` (see ``devsplit.py``) is run through the extractor's own
agency patterns (``find_agencies``); each mention is put in its long form
(``agencies.expand``: 'UBND' → 'Ủy ban nhân dân', 'Uỷ' → 'Ủy'), completed where the
patterns cut it short (nearly every 'Bộ Ngoại' goes on 'giao') and grouped by its folded
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
EXTEND_SHARE = 0.8  # a name is cut short when this share of its mentions go on with the same words
TAIL_SHARE = 0.5  # 'Bộ Công Thương quy' (a verb run on) is rarer than this share of 'Bộ Công Thương'
TAIL_WORDS = 3
# Only lines naming a head word can hold a body's name: skipping the others saves most of the time.
HEAD_WORD = re.compile(r"\b(?:" + "|".join(re.escape(h) for h in sorted({*HEADS, *COUNCILS}, key=len, reverse=True)) + r")\b")


def mentions(paths: list[Path]) -> tuple[Counter[str], Counter[str]]:
    """Long forms of every agency mention in ``paths``, counted; and the same followed by
    the next one, two or three lower-case words of the line ('Bộ Giáo dục và Đào' + 'tạo':
    the patterns stop at 'tạo', which is also a verb)."""
    counts: Counter[str] = Counter()
    extended: Counter[str] = Counter()
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            line = unicodedata.normalize("NFC", line)
            if not HEAD_WORD.search(line):
                continue
            for agency in find_agencies(line, known=False):
                name = expand(agency.text)
                if not is_collective(name) and len(name.split()) <= MAX_WORDS:
                    counts[name] += 1
                    words = _lower_words(line[agency.end:])
                    for size in range(1, len(words) + 1):
                        extended[" ".join([name, *words[:size]])] += 1
    return counts, extended


def _lower_words(text: str) -> list[str]:
    """The lower-case words that open ``text``, up to TAIL_WORDS, up to punctuation
    ('giao; Bộ …' gives 'giao')."""
    words = []
    for token in text.split()[:TAIL_WORDS]:
        word = token.rstrip(",.;:)")
        if not (word.isalpha() and word.islower()):
            break
        words.append(word)
        if word != token:
            break
    return words


def completed(counts: Counter[str], extended: Counter[str]) -> Counter[str]:
    """Each name replaced by its longest continuation that nearly all its mentions share
    ('Bộ Ngoại' → 'Bộ Ngoại giao'); then a name that is another plus a run-on lower-case
    word, and much rarer than it, is dropped ('Bộ Công Thương quy')."""
    result: Counter[str] = Counter()
    for name, count in counts.items():
        longer = [e for e in extended if e.startswith(name + " ") and extended[e] >= EXTEND_SHARE * count]
        result[max(longer, key=len) if longer else name] += count
    for name in list(result):
        words = name.split()
        for cut in range(len(words) - 1, 0, -1):
            shorter = " ".join(words[:cut])
            if shorter in result and all(w.islower() for w in words[cut:]) and result[name] < TAIL_SHARE * result[shorter]:
                del result[name]
                break
    return result


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
    counts, extended = mentions(sources)
    names = gazetteer(completed(counts, extended), args.min_count)
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

"""Build the normaliser's syllable trigram language model from ../shared/data.

Reads the corpus (``corpus/*.txt``, 7.7 M syllables of legal and administrative Vietnamese)
and the training part of ``dev_plans/`` (see ``devsplit.py``), drops corpus lines that repeat
held-out dev text, and estimates an interpolated Kneser-Ney trigram model over lower-cased
syllables (numbers become ``<n>``, punctuation is left out). It is stored in back-off form —
the full interpolated log-probability of each kept n-gram and the back-off weight of each
context — so that scoring needs no normalisation at run time.

Pruning keeps the artefact small: syllables seen fewer than ``--min-count`` times become
``<unk>``; trigrams seen fewer than ``--min-trigram`` times (default 1: none) can be dropped, their mass then reached through back-off; contexts
seen once are not stored (their back-off weight is the discount ``D3``, stored once).

    .venv/bin/python scripts/build_lm.py --data ../shared/data --out normalize/data/lm.npz
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from devsplit import split  # noqa: E402

from kehoach.normalize.tokens import BOS, NUM, UNK, lm_units  # noqa: E402
from kehoach.normalize.tone_marks import normalize_form  # noqa: E402

BITS = 21
MASK = (1 << BITS) - 1
SHINGLE = 8


def shingles(units: list[str]) -> set[int]:
    return {hash(tuple(units[i:i + SHINGLE])) for i in range(len(units) - SHINGLE + 1)}


def held_out_shingles(held: list[Path]) -> set[int]:
    found: set[int] = set()
    for path in held:
        found |= shingles(lm_units(normalize_form(path.read_text(encoding="utf-8"))))
    return found


def training_lines(corpus: list[Path], dev_train: list[Path], held: set[int], stats: Counter) -> Iterator[list[str]]:
    """Units of each training line; corpus lines mostly made of held-out text are dropped."""
    for path in [*corpus, *dev_train]:
        for line in path.read_text(encoding="utf-8").splitlines():
            units = lm_units(normalize_form(line))
            if not units:
                continue
            sh = shingles(units)
            if sh and len(sh & held) >= 0.5 * len(sh):
                stats["lines dropped as held-out text"] += 1
                continue
            stats["lines"] += 1
            stats["syllables"] += len(units)
            yield units


def group_sum(keys: np.ndarray, values: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Unique keys, the sum of ``values`` per key and the number of entries per key."""
    uniq, inverse, counts = np.unique(keys, return_inverse=True, return_counts=True)
    return uniq, np.bincount(inverse, weights=values), counts


def discount(counts: np.ndarray) -> float:
    n1, n2 = np.sum(counts == 1), np.sum(counts == 2)
    return float(n1 / (n1 + 2 * n2))


def lookup(keys: np.ndarray, values: np.ndarray, query: np.ndarray, default: float) -> np.ndarray:
    pos = np.searchsorted(keys, query)
    pos = np.clip(pos, 0, len(keys) - 1)
    return np.where(keys[pos] == query, values[pos], default)


def build(data: Path, out: Path, min_count: int, min_trigram: int) -> dict:
    start = time.time()
    corpus = sorted((data / "corpus").glob("*.txt"))
    dev_train, dev_held = split(data / "dev_plans")
    held = held_out_shingles(dev_held)
    stats: Counter = Counter()
    lines = list(training_lines(corpus, dev_train, held, stats))

    unigram = Counter(u for units in lines for u in units)
    vocab = [BOS, UNK, NUM] + sorted(w for w, c in unigram.items() if c >= min_count and w not in (NUM,))
    index = {w: i for i, w in enumerate(vocab)}
    unk = index[UNK]

    tri_counter: Counter = Counter()
    for units in lines:
        ids = [0, 0] + [index.get(u, unk) for u in units]
        tri_counter.update((a << (2 * BITS)) | (b << BITS) | c for a, b, c in zip(ids, ids[1:], ids[2:]))
    del lines
    tri_keys = np.fromiter(tri_counter.keys(), dtype=np.int64, count=len(tri_counter))
    tri_counts = np.fromiter(tri_counter.values(), dtype=np.float64, count=len(tri_counter))
    del tri_counter
    order = np.argsort(tri_keys)
    tri_keys, tri_counts = tri_keys[order], tri_counts[order]

    # Trigram level: raw counts.
    d3 = discount(tri_counts)
    ctx_keys, ctx_total, ctx_types = group_sum(tri_keys >> BITS, tri_counts)
    ctx_gamma = d3 * ctx_types / ctx_total

    # Bigram level: continuation counts N1+(. b c).
    bi_keys, bi_cont = np.unique(tri_keys & ((1 << (2 * BITS)) - 1), return_counts=True)
    bi_cont = bi_cont.astype(np.float64)
    d2 = discount(bi_cont)
    b_keys, b_total, b_types = group_sum(bi_keys >> BITS, bi_cont)
    b_gamma = d2 * b_types / b_total

    # Unigram level: continuation counts N1+(. c), add-one over the vocabulary.
    uni_ids, uni_cont = np.unique(bi_keys & MASK, return_counts=True)
    uni_cont_full = np.zeros(len(vocab))
    uni_cont_full[uni_ids] = uni_cont
    p1 = (uni_cont_full + 1) / (uni_cont_full.sum() + len(vocab))

    gamma_b = lookup(b_keys, b_gamma, bi_keys >> BITS, 1.0)
    p2 = np.maximum(bi_cont - d2, 0) / lookup(b_keys, b_total, bi_keys >> BITS, 1.0) + gamma_b * p1[bi_keys & MASK]

    keep = tri_counts >= min_trigram
    k_keys = tri_keys[keep]
    p2_of_tri = lookup(bi_keys, p2, k_keys & ((1 << (2 * BITS)) - 1), 0.0)
    gamma_ab = lookup(ctx_keys, ctx_gamma, k_keys >> BITS, 1.0)
    p3 = np.maximum(tri_counts[keep] - d3, 0) / lookup(ctx_keys, ctx_total, k_keys >> BITS, 1.0) + gamma_ab * p2_of_tri

    ctx_keep = ctx_total >= 2
    # Back-off weight of unigram contexts b (for bigrams), with 1.0 where b was never a context.
    uni_bow = np.ones(len(vocab))
    uni_bow[b_keys] = b_gamma

    out.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(
        out,
        vocab=np.array("\n".join(vocab)),
        uni_logp=np.log(p1).astype(np.float32),
        uni_logbow=np.log(uni_bow).astype(np.float32),
        bi_keys=bi_keys.astype(np.int64),
        bi_logp=np.log(p2).astype(np.float16),
        ctx_keys=ctx_keys[ctx_keep].astype(np.int64),
        ctx_logbow=np.log(ctx_gamma[ctx_keep]).astype(np.float16),
        tri_keys=k_keys.astype(np.int64),
        tri_logp=np.log(p3).astype(np.float16),
        default_ctx_logbow=np.array(np.log(d3), dtype=np.float32),
        bits=np.array(BITS),
    )
    info = {
        "built_by": "scripts/build_lm.py",
        "inputs": {
            "corpus_files": [p.name for p in corpus],
            "dev_plans_training_documents": len(dev_train),
            "dev_plans_held_out_documents": len(dev_held),
        },
        "training_lines": stats["lines"],
        "training_syllables": stats["syllables"],
        "corpus_lines_dropped_as_held_out_text": stats["lines dropped as held-out text"],
        "min_count": min_count,
        "min_trigram_count": min_trigram,
        "vocabulary": len(vocab),
        "bigrams": int(len(bi_keys)),
        "trigrams_kept": int(keep.sum()),
        "trigrams_seen": int(len(tri_keys)),
        "contexts_kept": int(ctx_keep.sum()),
        "discounts": {"d2": round(d2, 4), "d3": round(d3, 4)},
        "size_bytes": out.stat().st_size,
        "build_seconds": round(time.time() - start, 1),
    }
    out.with_suffix(".json").write_text(json.dumps(info, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return info


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "data")
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parents[1] / "normalize" / "data" / "lm.npz")
    parser.add_argument("--min-count", type=int, default=2, help="rarer syllables become <unk>")
    parser.add_argument("--min-trigram", type=int, default=1, help="rarer trigrams are reached by back-off")
    args = parser.parse_args()
    print(json.dumps(build(args.data, args.out, args.min_count, args.min_trigram), ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()

"""Which dev documents train the normaliser and which are held out to evaluate it.

Deterministic: every fifth document of ``dev_plans/`` (sorted by name, 0-based index
4, 9, 14, …) is held out; the language-model build also drops corpus lines that repeat
held-out text, since several dev documents also appear in the corpus.
"""

from __future__ import annotations

from pathlib import Path

HOLD_OUT_EVERY = 5


def dev_documents(dev_dir: Path) -> list[Path]:
    return sorted(dev_dir.glob("*.txt"))


def split(dev_dir: Path) -> tuple[list[Path], list[Path]]:
    """``(training, held_out)`` documents."""
    docs = dev_documents(dev_dir)
    held = [d for i, d in enumerate(docs) if i % HOLD_OUT_EVERY == HOLD_OUT_EVERY - 1]
    train = [d for i, d in enumerate(docs) if i % HOLD_OUT_EVERY != HOLD_OUT_EVERY - 1]
    return train, held

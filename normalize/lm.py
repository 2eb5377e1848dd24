"""The syllable trigram language model shipped in ``normalize/data/lm.npz``.

Built by ``scripts/build_lm.py`` (interpolated Kneser-Ney, stored in back-off form; see
``normalize/data/README.md``). Scoring is a few dictionary look-ups, so the decoder can
afford many candidate sequences per second in plain Python.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import numpy as np

from .tokens import BOS, NUM, UNK

MODEL_PATH = Path(__file__).parent / "data" / "lm.npz"


class LanguageModel:
    """``logp(a, b, c)``: natural log of P(c | a b) over vocabulary ids."""

    def __init__(self, path: Path = MODEL_PATH) -> None:
        with np.load(path) as data:
            self.words: list[str] = str(data["vocab"]).split("\n")
            self.bits = int(data["bits"])
            self.uni: list[float] = data["uni_logp"].tolist()
            self.uni_bow: list[float] = data["uni_logbow"].tolist()
            self.bi: dict[int, float] = dict(zip(data["bi_keys"].tolist(), data["bi_logp"].astype(np.float32).tolist()))
            self.ctx: dict[int, float] = dict(zip(data["ctx_keys"].tolist(), data["ctx_logbow"].astype(np.float32).tolist()))
            self.tri: dict[int, float] = dict(zip(data["tri_keys"].tolist(), data["tri_logp"].astype(np.float32).tolist()))
            self.default_ctx_bow = float(data["default_ctx_logbow"])
        self.index = {w: i for i, w in enumerate(self.words)}
        self.bos, self.unk, self.num = self.index[BOS], self.index[UNK], self.index[NUM]

    def id(self, unit: str) -> int:
        return self.index.get(unit, self.unk)

    def logp(self, a: int, b: int, c: int) -> float:
        bits = self.bits
        ab = (a << bits) | b
        found = self.tri.get((ab << bits) | c)
        if found is not None:
            return found
        bow = self.ctx.get(ab)
        if bow is None:
            bow = self.default_ctx_bow if ab in self.bi else 0.0
        found = self.bi.get((b << bits) | c)
        if found is not None:
            return bow + found
        return bow + self.uni_bow[b] + self.uni[c]


@cache
def load_model() -> LanguageModel:
    """The shipped model, loaded once per process."""
    return LanguageModel()

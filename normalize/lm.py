"""The syllable trigram language model shipped in ``normalize/data/lm.npz``.

Built by ``scripts/build_lm.py`` (interpolated Kneser-Ney, stored in back-off form; see
``normalize/data/README.md``). Scoring is a few dictionary look-ups, so the decoder can
afford many candidate sequences per second in plain Python; :meth:`LanguageModel.logp_many`
scores whole arrays of trigrams at once (binary search in the sorted keys), for the many
look-ups whose contexts are all known in advance.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import numpy as np

from .tokens import BOS, NUM, UNK

MODEL_PATH = Path(__file__).parent / "data" / "lm.npz"


def _table(keys: np.ndarray, values: np.ndarray) -> dict[int, float]:
    """A look-up dict whose values share one float object per distinct value: the file stores
    float16, so a few thousand distinct values serve a million entries (about 30 MB less per
    process than one float object each, the same numbers)."""
    distinct, inverse = np.unique(values.astype(np.float32), return_inverse=True)
    shared = distinct.tolist()
    return dict(zip(keys.tolist(), map(shared.__getitem__, inverse.tolist())))


class LanguageModel:
    """``logp(a, b, c)``: natural log of P(c | a b) over vocabulary ids."""

    def __init__(self, path: Path = MODEL_PATH) -> None:
        with np.load(path) as data:
            self.words: list[str] = str(data["vocab"]).split("\n")
            self.bits = int(data["bits"])
            self.uni: list[float] = data["uni_logp"].tolist()
            self.uni_bow: list[float] = data["uni_logbow"].tolist()
            self.bi: dict[int, float] = _table(data["bi_keys"], data["bi_logp"])
            self.ctx: dict[int, float] = _table(data["ctx_keys"], data["ctx_logbow"])
            self.tri: dict[int, float] = _table(data["tri_keys"], data["tri_logp"])
            self.default_ctx_bow = float(data["default_ctx_logbow"])
            # The same tables as sorted arrays (the file stores the keys sorted), in float64
            # so that logp_many adds up exactly as logp does; and the back-off weight of
            # every context that has one (its own, or the default of a seen bigram), so
            # that it takes one search, not two.
            self._arrays = {name: (data[f"{name}_keys"], data[f"{name}_logp"].astype(np.float64))
                            for name in ("tri", "bi")}
            contexts = np.union1d(data["ctx_keys"], data["bi_keys"])
            bows = np.full(len(contexts), self.default_ctx_bow)
            bows[np.searchsorted(contexts, data["ctx_keys"])] = data["ctx_logbow"]
            self._arrays["bow"] = contexts, bows
            self._uni = data["uni_logp"].astype(np.float64)
            self._uni_bow = data["uni_logbow"].astype(np.float64)
            # Contexts (a b) with any trigram: most have none, and a decoder need not look.
            self.tri_contexts = frozenset(np.unique(data["tri_keys"] >> self.bits).tolist())
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

    def _find(self, table: str, keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Whether each key is in the table ("tri", "bi" or "bow"), and its value where it is."""
        stored, values = self._arrays[table]
        at = np.minimum(np.searchsorted(stored, keys), len(stored) - 1)
        return stored[at] == keys, values[at]

    def logp_many(self, a: np.ndarray, b: np.ndarray, c: np.ndarray) -> np.ndarray:
        """``logp`` of each (a, b, c) of three int64 arrays, the same values to the bit."""
        bits = self.bits
        ab = (a << bits) | b
        in_tri, tri = self._find("tri", (ab << bits) | c)
        has_bow, bow = self._find("bow", ab)
        bow = np.where(has_bow, bow, 0.0)
        in_bi, bi = self._find("bi", (b << bits) | c)
        backoff = np.where(in_bi, bow + bi, bow + self._uni_bow[b] + self._uni[c])
        return np.where(in_tri, tri, backoff)


@cache
def load_model() -> LanguageModel:
    """The shipped model, loaded once per process."""
    return LanguageModel()

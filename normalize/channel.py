"""The channel model: how likely an English-set OCR reading is, given the printed syllable.

Learned by ``scripts/build_channel.py`` from Vietnamese pages read with Tesseract ``eng``
(``normalize/data/channel.json``). Two levels: word counts (``của`` was read ``cua`` 40 times,
``ciia`` 3 times …) and, as their prior, character outcomes (``ủ`` kept, read ``u``, ``ii``,
dropped …). P(reading | syllable) is the word-level estimate smoothed towards the character
model, so that a reading never seen still gets a sensible probability.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from functools import cache
from pathlib import Path

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from ..models.doc_types import fold

CHANNEL_PATH = Path(__file__).parent / "data" / "channel.json"
ALPHA = 2.0  # weight of the character model against word counts
FAMILY_WEIGHT = 20.0  # weight of a letter family's outcomes against the letter's own
CHAR_SMOOTH = 0.5  # add-k for outcomes a family never showed
OUTCOMES = 40  # rough number of distinct outcomes, for the add-k denominator
SAME = "\0"  # a letter read as itself, pooled across a family
FLOOR = math.log(1e-6)


class Channel:
    def __init__(self, path: Path = CHANNEL_PATH) -> None:
        data = json.loads(path.read_text(encoding="utf-8"))
        self.words: dict[str, dict[str, int]] = data["words"]
        self.totals: dict[str, int] = data["truth_totals"]
        self.chars: dict[str, dict[str, int]] = data["chars"]
        self.char_totals = {c: sum(v.values()) for c, v in self.chars.items()}
        pooled: dict[str, Counter] = {}
        for printed, outcomes in self.chars.items():
            family = pooled.setdefault(fold(printed), Counter())
            for read, n in outcomes.items():
                family[SAME if read == printed else read] += n
        self.families = {f: (c, sum(c.values())) for f, c in pooled.items()}
        inserted = data["inserted"]
        total_chars = sum(self.char_totals.values()) or 1
        self.insert_logp = math.log((sum(inserted.values()) + CHAR_SMOOTH) / total_chars)
        self._cache: dict[tuple[str, str], float] = {}

    def _family_p(self, printed: str, read: str) -> float:
        """P(read | any letter of printed's family): à á ả ã ạ ă ằ … all pool as 'a'.

        Rare letters (ẵ, ỹ) are seen too seldom to estimate alone; their family is not.
        The reading is compared as a family too when it is the printed letter itself."""
        family = self.families.get(fold(printed))
        if not family:
            return 1.0 if printed == read else math.exp(FLOOR)
        counts, total = family
        key = SAME if read == printed else read
        return (counts.get(key, 0) + CHAR_SMOOTH) / (total + CHAR_SMOOTH * OUTCOMES)

    def _outcome_logp(self, printed: str, read: str) -> float:
        seen = self.chars.get(printed, {})
        prior = self._family_p(printed, read)
        return math.log((seen.get(read, 0) + FAMILY_WEIGHT * prior) / (self.char_totals.get(printed, 0) + FAMILY_WEIGHT))

    def char_logp(self, syllable: str, reading: str) -> float:
        """log P(reading | syllable) from character outcomes along one edit alignment."""
        ops = Levenshtein.editops(syllable, reading)
        changed = {op.src_pos: op for op in ops if op.tag != "insert"}
        total = sum(self.insert_logp for op in ops if op.tag == "insert")
        for i, ch in enumerate(syllable):
            op = changed.get(i)
            out = ch if op is None else ("" if op.tag == "delete" else reading[op.dest_pos])
            total += self._outcome_logp(ch, out)
        return total

    def logp(self, reading: str, syllable: str) -> float:
        """log P(reading | syllable): word counts smoothed towards the character model."""
        key = (reading, syllable)
        found = self._cache.get(key)
        if found is None:
            count = self.words.get(reading, {}).get(syllable, 0)
            prior = math.exp(self.char_logp(syllable, reading))
            found = math.log((count + ALPHA * prior) / (self.totals.get(syllable, 0) + ALPHA))
            self._cache[key] = found
        return found

    def seen_as(self, reading: str) -> list[str]:
        """Syllables this reading was seen standing for."""
        return list(self.words.get(reading, ()))


def near(reading: str, syllables: list[str], max_distance: int, limit: int = 60) -> list[str]:
    """Syllables within ``max_distance`` edits of ``reading`` (rapidfuzz, C++)."""
    found = process.extract(reading, syllables, scorer=Levenshtein.distance,
                            score_cutoff=max_distance, limit=limit)
    return [s for s, _, _ in found]


@cache
def load_channel() -> Channel:
    return Channel()

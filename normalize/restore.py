"""Diacritic restoration: choose, for each syllable, the intended Vietnamese form.

A noisy-channel decoder. Candidates for an observed token are the syllables of the model's
vocabulary with the same skeleton (letters without diacritics, đ as d). The channel says how
likely the observation is given a candidate: for text that lost its accents every candidate
explains it equally; for text that has them, the form as written is much more likely than
another. The syllable trigram model (:mod:`.lm`) scores sequences; a beam search finds the
best one per line. Changed tokens get a confidence (the candidate's share of probability
against its rivals, with its neighbours fixed) and the runner-up.
"""

from __future__ import annotations

import heapq
import math
import re
from dataclasses import dataclass

from ..models.doc_types import fold
from .lm import LanguageModel
from .tokens import TOKEN

# Spans no restoration may touch: e-mail and web addresses. Document codes (76/NQ-CP) need
# no protection: their letters are abbreviations, whose only candidates are themselves or
# their own accented form (QD → QĐ), and numbers are never candidates.
PROTECTED = re.compile(r"\S+@\S+|(?:https?://|www\.)\S+")

BEAM = 8
IDENTITY_MARKED = 0.97  # probability of the written form, when the text carries diacritics
# Vietnamese prose marks about two syllables in three; from half on, text counts as accented
# and an unmarked syllable in it is taken as meant.
ACCENTED_TEXT_SHARE = 0.5


@dataclass(frozen=True)
class Change:
    """A token the restorer rewrote."""

    line: int  # 0-based line of the input
    start: int  # character offsets in that line
    end: int
    original: str
    replacement: str
    confidence: float
    runner_up: str | None


@dataclass(frozen=True)
class Restored:
    text: str
    changes: list[Change]
    tokens: int  # tokens the restorer could have changed


def apply_case(pattern: str, word: str) -> str:
    """``word`` in the letter case of ``pattern``, letter by letter (TTg stays TTg).

    A syllable and its stripped form have the same length in NFC, so the case of each
    observed letter carries over; otherwise upper, title or lower case is copied.
    """
    if len(pattern) == len(word):
        return "".join(w.upper() if p.isupper() else w for p, w in zip(pattern, word))
    if len(pattern) > 1 and pattern.isupper():
        return word.upper()
    if pattern[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def marked_share(text: str) -> float:
    """Share of alphabetic tokens that carry a Vietnamese diacritic or đ."""
    words = [t for t in TOKEN.findall(text) if t[0].isalpha()]
    if not words:
        return 0.0
    return sum(any(not c.isascii() for c in w) for w in words) / len(words)


@dataclass
class _Slot:
    """One position of the model's stream: fixed, or a choice among candidates."""

    ids: list[int]
    channel: list[float]
    span: tuple[int, int] | None = None  # offsets of a restorable token


class Restorer:
    def __init__(self, lm: LanguageModel, beam: int = BEAM) -> None:
        self.lm = lm
        self.beam = beam
        self.by_skeleton: dict[str, list[int]] = {}
        for i, word in enumerate(lm.words):
            if word[:1].isalpha():
                self.by_skeleton.setdefault(fold(word), []).append(i)

    def _slots(self, line: str, marked: float) -> list[_Slot]:
        protected = [m.span() for m in PROTECTED.finditer(line)]
        slots: list[_Slot] = []
        for match in TOKEN.finditer(line):
            tok = match.group(0)
            if tok[0].isdigit():
                slots.append(_Slot([self.lm.num], [0.0]))
                continue
            if not tok[0].isalpha():
                continue
            start, end = match.span()
            lower = tok.lower()
            candidates = self.by_skeleton.get(fold(lower))
            if not candidates or any(a <= start < b for a, b in protected):
                slots.append(_Slot([self.lm.id(lower)], [0.0]))
                continue
            own = self.lm.index.get(lower)
            if own is None or len(candidates) == 1:
                channel = [0.0] * len(candidates)
            else:
                # A marked form is taken as meant (mostly); an unmarked one only in so far
                # as the text around it has accents: in stripped text all are equal.
                share = 1.0 if not lower.isascii() else min(1.0, marked / ACCENTED_TEXT_SHARE)
                keep = share * IDENTITY_MARKED + (1 - share) / len(candidates)
                other = math.log((1 - keep) / (len(candidates) - 1))
                keep = math.log(keep)
                channel = [keep if c == own else other for c in candidates]
            slots.append(_Slot(candidates, channel, (start, end)))
        return slots

    def _decode(self, slots: list[_Slot]) -> list[int]:
        """Index of the chosen candidate in each slot (beam search over trigram states).

        The model's look-up is inlined here: this loop is where the normaliser spends its time.
        """
        lm = self.lm
        bits = lm.bits
        tri, ctx, bi, uni, uni_bow = lm.tri.get, lm.ctx.get, lm.bi, lm.uni, lm.uni_bow
        default_bow = lm.default_ctx_bow
        beams: dict[tuple[int, int], tuple[float, tuple]] = {(lm.bos, lm.bos): (0.0, ())}
        for slot in slots:
            nxt: dict[tuple[int, int], tuple[float, tuple]] = {}
            pairs = list(enumerate(zip(slot.ids, slot.channel)))
            for (p2, p1), (score, hist) in beams.items():
                ab = (p2 << bits) | p1
                abk = ab << bits
                bow = ctx(ab)
                if bow is None:
                    bow = default_bow if ab in bi else 0.0
                bk = p1 << bits
                for k, (cand, chan) in pairs:
                    lp = tri(abk | cand)
                    if lp is None:
                        lp = bi.get(bk | cand)
                        lp = bow + (lp if lp is not None else uni_bow[p1] + uni[cand])
                    s = score + chan + lp
                    key = (p1, cand)
                    best = nxt.get(key)
                    if best is None or s > best[0]:
                        nxt[key] = (s, (k, hist))
            if len(nxt) > self.beam:
                nxt = dict(heapq.nlargest(self.beam, nxt.items(), key=lambda kv: kv[1][0]))
            beams = nxt
        _, hist = max(beams.values(), key=lambda v: v[0])
        choice: list[int] = []
        while hist:
            k, hist = hist
            choice.append(k)
        return choice[::-1]

    def _local_posterior(self, words: list[int], slot: _Slot, i: int) -> list[float]:
        """Probabilities of the slot's candidates at position ``i`` with the neighbours fixed."""
        logp = self.lm.logp
        padded = [self.lm.bos, self.lm.bos, *words]
        j = i + 2
        scores = []
        for cand, chan in zip(slot.ids, slot.channel):
            s = chan + logp(padded[j - 2], padded[j - 1], cand)
            if j + 1 < len(padded):
                s += logp(padded[j - 1], cand, padded[j + 1])
            if j + 2 < len(padded):
                s += logp(cand, padded[j + 1], padded[j + 2])
            scores.append(s)
        top = max(scores)
        exp = [math.exp(s - top) for s in scores]
        total = sum(exp)
        return [e / total for e in exp]

    def restore_line(self, line: str, line_no: int, marked: float) -> tuple[str, list[Change], int]:
        slots = self._slots(line, marked)
        if not any(s.span for s in slots):
            return line, [], 0
        choice = self._decode(slots)
        words = [slot.ids[k] for slot, k in zip(slots, choice)]
        out, changes, last = [], [], 0
        for i, (slot, k) in enumerate(zip(slots, choice)):
            if slot.span is None:
                continue
            start, end = slot.span
            original = line[start:end]
            new = apply_case(original, self.lm.words[slot.ids[k]])
            if new == original:
                continue
            post = self._local_posterior(words, slot, i)
            ranked = sorted(range(len(post)), key=post.__getitem__, reverse=True)
            runner = next((r for r in ranked if r != k), None)
            changes.append(Change(
                line=line_no, start=start, end=end, original=original, replacement=new,
                confidence=round(post[k], 4),
                runner_up=apply_case(original, self.lm.words[slot.ids[runner]]) if runner is not None else None,
            ))
            out.append(line[last:start])
            out.append(new)
            last = end
        out.append(line[last:])
        return "".join(out), changes, sum(1 for s in slots if s.span)

    def restore(self, text: str) -> Restored:
        marked = marked_share(text)
        lines, changes, tokens = [], [], 0
        for n, line in enumerate(text.split("\n")):
            new, ch, count = self.restore_line(line, n, marked)
            lines.append(new)
            changes.extend(ch)
            tokens += count
        return Restored("\n".join(lines), changes, tokens)

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
from typing import Literal

from ..ingest.layer_quality import VIET_LETTERS
from ..models.doc_types import fold
from .channel import Channel, near
from .lm import LanguageModel
from .tokens import TOKEN, lm_units
from .tone_marks import untoned

# Text is read in whitespace-separated chunks, trimmed of the punctuation at their edges.
CHUNK = re.compile(r"\S+")
EDGE_PUNCTUATION = "\"'“”‘’()[]«».,;:!?…*"
# Chunks left as they are: e-mail and web addresses, and codes with inner separators
# (76/NQ-CP, KH-UBND, b/c, 2021-2030), which are abbreviations and numbers, not syllables.
PROTECTED = re.compile(r"\S+@\S+|(?:https?://|www\.)\S+")
INNER_SEPARATOR = re.compile(r"\w[-/.]\w")
# A line's first chunk that numbers a section, as printed or as OCR misreads it (I1., 1.2.,
# a), đ)), is left for the structure extractor.
LIST_MARKER = re.compile(r"[\w.]{1,5}[.)]")
# Below this share of marked words the text lost its accents by stripping (every candidate
# equally likely); from it up to ACCENTED_TEXT_SHARE it was garbled by an English-set OCR.
STRIPPED_SHARE = 0.02

Mode = Literal["stripped", "garbled", "ocr"]

BEAM = 8
PRUNE = 10.0  # hypotheses this many nats behind the best are dropped (e^-10: never chosen)
OCR_IDENTITY = 0.99  # probability that Tesseract vie read a syllable's tone right
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


VIETNAMESE_LETTERS = frozenset(c for c in VIET_LETTERS if c not in "fjwz")
VOWELS = frozenset(c for c in VIETNAMESE_LETTERS if fold(c) in "aeiouy")


def is_syllable(word: str) -> bool:
    """Whether ``word`` (lower case) is spelt like a Vietnamese syllable: Vietnamese letters
    only, with a vowel. Screens out abbreviations (pc, ubnd) and English words (def)."""
    return bool(word) and all(c in VIETNAMESE_LETTERS for c in word) and any(c in VOWELS for c in word)


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
    span: tuple[int, int] | None = None  # offsets of a restorable token in its line
    line: int = 0


class Restorer:
    def __init__(self, lm: LanguageModel, channel: Channel, beam: int = BEAM) -> None:
        self.lm = lm
        self.channel = channel
        self.beam = beam
        self.by_skeleton: dict[str, list[int]] = {}
        for i, word in enumerate(lm.words):
            if word.isalpha():
                self.by_skeleton.setdefault(fold(word), []).append(i)
        # Readings never seen are matched against real Vietnamese syllables only (not the
        # abbreviations and foreign words the vocabulary also holds).
        self.syllables = [w for w in lm.words if is_syllable(w)]
        self.untoned = [untoned(w) for w in lm.words]
        self._near: dict[str, list[str]] = {}
        self._skeleton_cache: dict[str, list[int]] = {}

    def _fixed(self, text: str, slots: list[_Slot]) -> None:
        """Slots for text that is not restored (codes, numbers, addresses, unknown words)."""
        slots.extend(_Slot([self.lm.id(unit)], [0.0]) for unit in lm_units(text))

    def _code_parts(self, core: str, offset: int, marked: float, mode: Mode, slots: list[_Slot]) -> None:
        """Slots for a chunk that is not one syllable (76/NQ-CP, KH-UBND, b/c, an address):
        numbers stay numbers, and each letter run may only take its own accents (QD → QĐ)."""
        if PROTECTED.fullmatch(core):
            self._fixed(core, slots)
            return
        for match in TOKEN.finditer(core):
            part = match.group(0)
            if part[0].isdigit():
                slots.append(_Slot([self.lm.num], [0.0]))
            elif part[0].isalpha():
                ids, channel = self._candidates(part.lower(), marked, "ocr" if mode == "ocr" else "stripped")
                if ids:
                    slots.append(_Slot(ids, channel, (offset + match.start(), offset + match.end())))
                else:
                    slots.append(_Slot([self.lm.id(part.lower())], [0.0]))

    def _same_skeleton(self, lower: str) -> list[int]:
        found = self._skeleton_cache.get(lower)
        if found is None:
            found = self._skeleton_cache[lower] = self.by_skeleton.get(fold(lower), [])
        return found

    def _candidates(self, lower: str, marked: float, mode: Mode) -> tuple[list[int], list[float]]:
        """Candidate syllables for a token and log P(token | candidate) for each."""
        lm = self.lm
        same = self._same_skeleton(lower) if lower.isalpha() else []
        if mode == "ocr":
            # Tesseract vie reads the letters and their vowel marks well and confuses tones
            # (ổ/ố, ỉ/ĩ, thâm/thẩm): only the other tones of the same letters compete.
            bare = untoned(lower)
            same = [c for c in same if self.untoned[c] == bare]
            own = lm.index.get(lower)
            if own not in same or len(same) <= 1:
                return same, [0.0] * len(same)
            other = math.log((1 - OCR_IDENTITY) / (len(same) - 1))
            return same, [math.log(OCR_IDENTITY) if c == own else other for c in same]
        if mode == "stripped":
            own = lm.index.get(lower)
            if own is None or len(same) <= 1:
                return same, [0.0] * len(same)
            # A marked form is taken as meant (mostly); an unmarked one only in so far as
            # the text around it has accents: in stripped text all candidates are equal.
            share = 1.0 if not lower.isascii() else min(1.0, marked / ACCENTED_TEXT_SHARE)
            keep = share * IDENTITY_MARKED + (1 - share) / len(same)
            other = math.log((1 - keep) / (len(same) - 1))
            return same, [math.log(keep) if c == own else other for c in same]
        ids = dict.fromkeys(same)
        ids.update((lm.index[w], None) for w in self.channel.seen_as(lower) if w in lm.index)
        found = self._near.get(lower)
        if found is None:
            found = self._near[lower] = near(lower, self.syllables, 1 if len(lower) <= 3 else 2)
        ids.update((lm.index[w], None) for w in found)
        candidates = list(ids)
        return candidates, [self.channel.logp(lower, lm.words[c]) for c in candidates]

    def _slots(self, line: str, marked: float, mode: Mode) -> list[_Slot]:
        slots: list[_Slot] = []
        for position, chunk in enumerate(CHUNK.finditer(line)):
            text = chunk.group(0)
            core = text.strip(EDGE_PUNCTUATION)
            if not core:
                continue
            if position == 0 and LIST_MARKER.fullmatch(text):
                self._fixed(core, slots)  # "I1." or "a)" opens a section: the extractor reads it
                continue
            start = chunk.start() + text.index(core)
            end = start + len(core)
            restorable = (
                not PROTECTED.fullmatch(core)
                and any(c.isalpha() for c in core)
                and not INNER_SEPARATOR.search(core)
                and (core.isalpha() or (mode == "garbled" and sum(c.isdigit() for c in core) <= 1 and len(core) <= 8))
            )
            if not restorable:
                self._code_parts(core, start, marked, mode, slots)
                continue
            candidates, channel = self._candidates(core.lower(), marked, mode)
            if not candidates:
                self._fixed(core, slots)
                continue
            slots.append(_Slot(candidates, channel, (start, end)))
        return slots

    def _decode(self, slots: list[_Slot]) -> list[int]:
        """Index of the chosen candidate in each slot (beam search over trigram states).

        The model's look-up is inlined here: this loop is where the normaliser spends its time.
        Back-pointers are kept per step (a flat list), not as a chain of nested tuples, which
        the garbage collector would walk again and again on a long document.
        """
        lm = self.lm
        bits = lm.bits
        tri, ctx, bi, uni, uni_bow = lm.tri.get, lm.ctx.get, lm.bi, lm.uni, lm.uni_bow
        default_bow = lm.default_ctx_bow
        # A state: (p2, p1) -> (score, candidate index k, index of the previous state).
        states: list[tuple[tuple[int, int], float]] = [((lm.bos, lm.bos), 0.0)]
        steps: list[list[tuple[int, int]]] = []
        for slot in slots:
            nxt: dict[tuple[int, int], tuple[float, int, int]] = {}
            pairs = list(enumerate(zip(slot.ids, slot.channel)))
            for index, ((p2, p1), score) in enumerate(states):
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
                        nxt[key] = (s, k, index)
            kept = heapq.nlargest(self.beam, nxt.items(), key=lambda kv: kv[1][0]) if len(nxt) > 1 else list(nxt.items())
            floor = kept[0][1][0] - PRUNE
            kept = [kv for kv in kept if kv[1][0] >= floor]
            states = [(key, value[0]) for key, value in kept]
            steps.append([(value[1], value[2]) for _, value in kept])
        choice: list[int] = []
        index = max(range(len(states)), key=lambda i: states[i][1])
        for step in reversed(steps):
            k, index = step[index]
            choice.append(k)
        return choice[::-1]

    def _local_posterior(self, padded: list[int], slot: _Slot, i: int) -> list[float]:
        """Probabilities of the slot's candidates at position ``i`` with the neighbours fixed
        (``padded`` is the chosen sequence after two sentence starts)."""
        logp = self.lm.logp
        j = i + 2
        a, b = padded[j - 2], padded[j - 1]
        after = padded[j + 1: j + 3]
        scores = []
        for cand, chan in zip(slot.ids, slot.channel):
            s = chan + logp(a, b, cand)
            if after:
                s += logp(b, cand, after[0])
                if len(after) > 1:
                    s += logp(cand, after[0], after[1])
            scores.append(s)
        top = max(scores)
        exp = [math.exp(s - top) for s in scores]
        total = sum(exp)
        return [e / total for e in exp]

    def restore(self, text: str, mode: Mode | None = None) -> Restored:
        """Restore ``text`` as one stream: a sentence runs on across line breaks, so the
        model keeps its context from one printed line to the next. ``mode=None`` tells
        stripped from garbled text by its share of marked words."""
        marked = marked_share(text)
        if mode is None:
            mode = "garbled" if marked >= STRIPPED_SHARE else "stripped"
        lines = text.split("\n")
        slots: list[_Slot] = []
        for n, line in enumerate(lines):
            for slot in self._slots(line, marked, mode):
                slot.line = n
                slots.append(slot)
        if not any(s.span for s in slots):
            return Restored(text, [], 0)
        choice = self._decode(slots)
        padded = [self.lm.bos, self.lm.bos, *(slot.ids[k] for slot, k in zip(slots, choice))]
        changes: list[Change] = []
        for i, (slot, k) in enumerate(zip(slots, choice)):
            if slot.span is None:
                continue
            start, end = slot.span
            original = lines[slot.line][start:end]
            new = apply_case(original, self.lm.words[slot.ids[k]])
            if new == original:
                continue
            post = self._local_posterior(padded, slot, i)
            runner = max((r for r in range(len(post)) if r != k), key=post.__getitem__, default=None)
            changes.append(Change(
                line=slot.line, start=start, end=end, original=original, replacement=new,
                confidence=round(post[k], 4),
                runner_up=apply_case(original, self.lm.words[slot.ids[runner]]) if runner is not None else None,
            ))
        return Restored(apply_changes(lines, changes), changes, sum(1 for s in slots if s.span))


def apply_changes(lines: list[str], changes: list[Change]) -> str:
    """The lines with each change's span replaced (changes come in line and offset order)."""
    out = list(lines)
    by_line: dict[int, list[Change]] = {}
    for change in changes:
        by_line.setdefault(change.line, []).append(change)
    for n, line_changes in by_line.items():
        line, parts, last = lines[n], [], 0
        for change in line_changes:
            parts += [line[last:change.start], change.replacement]
            last = change.end
        out[n] = "".join(parts) + line[last:]
    return "\n".join(out)

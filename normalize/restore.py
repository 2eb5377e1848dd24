"""Diacritic restoration: choose, for each syllable, the intended Vietnamese form.

A noisy-channel decoder. Candidates for an observed token are the syllables of the model's
vocabulary with the same skeleton (letters without diacritics, đ as d); in text that keeps
its marks, only those an OCR slip explains (another tone in Tesseract ``vie`` output, a
vowel mark lost: :mod:`.vowel_marks`). The channel says how likely the observation is given a
candidate: for text that lost its accents every candidate explains it equally; for text
that has them, the form as written is much more likely than another. The syllable trigram model (:mod:`.lm`) scores sequences; a beam search finds the
best one per line. Changed tokens get a confidence (the candidate's share of probability
against its rivals, with its neighbours fixed) and the runner-up.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Literal

import numpy as np

from ..ingest.layer_quality import VIET_LETTERS
from ..models.doc_types import fold
from .channel import Channel, near
from .lm import LanguageModel
from .tokens import TOKEN, lm_units
from .tone_marks import untoned
from .vowel_marks import is_lookalike

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

Mode = Literal["stripped", "garbled", "ocr", "marked"]

BEAM = 8
PRUNE = 10.0  # hypotheses this many nats behind the best are dropped (e^-10: never chosen)
OCR_IDENTITY = 0.99  # probability that Tesseract vie read a syllable's tone right
# Probability that a known syllable was printed as one particular look-alike with a vowel mark
# Tesseract lost ("đóng" for "đồng", :mod:`.vowel_marks`): the LM must prefer the look-alike by
# -log(VOWEL_MARK_SLIP) nats (about 9) to change a word the vocabulary knows.
VOWEL_MARK_SLIP = 1e-4
# A syllable the corpus barely knows (unigram log-probability below RARE_SYLLABLE: seen a few
# times in 8 M, often as an OCR slip itself, "tói" for "tối") needs a smaller margin, and one it
# does not know at all is kept (as ``<unk>``) only if the LM finds no look-alike likelier.
RARE_SYLLABLE = -11.0
RARE_SLIP = 1e-2
UNKNOWN_KEPT = 0.5
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
    if pattern.islower():  # most tokens: no letter to copy, and a quick test
        return word
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
    return sum(not w.isascii() for w in words) / len(words)


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
        # Garbled readings repeat (cua, cac, nguoi): their candidates and channel scores are
        # kept per reading, as they depend on nothing else.
        self._garbled: dict[str, tuple[list[int], list[float]]] = {}
        self._skeleton_cache: dict[str, list[int]] = {}
        self._marked: dict[tuple[str, Mode], tuple[list[int], list[float]]] = {}

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
                ids, channel = self._candidates(part.lower(), marked, mode if mode in ("ocr", "marked") else "stripped")
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
        if mode in ("ocr", "marked"):
            return self._marked_candidates(lower, mode)
        lm = self.lm
        same = self._same_skeleton(lower) if lower.isalpha() else []
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
        found = self._garbled.get(lower)
        if found is None:
            ids = dict.fromkeys(same)
            ids.update((lm.index[w], None) for w in self.channel.seen_as(lower) if w in lm.index)
            ids.update((lm.index[w], None) for w in near(lower, self.syllables, 1 if len(lower) <= 3 else 2))
            candidates = list(ids)
            found = self._garbled[lower] = candidates, [self.channel.logp(lower, lm.words[c]) for c in candidates]
        return found

    def _marked_candidates(self, lower: str, mode: Mode) -> tuple[list[int], list[float]]:
        """Candidates for a token of text that carries its marks.

        Tesseract vie confuses tones (ổ/ố, ỉ/ĩ, thâm/thẩm) and drops or merges vowel marks
        (ĐÓNG for ĐỒNG, quyét for quyết; :mod:`.vowel_marks`): in its output ("ocr") the
        other tones of the same letters and the vowel-mark look-alikes compete. Other
        marked text ("marked": a text layer, a file) may hold the same slips, as it was often
        typed from or made by OCR, but its tones are taken as written: only the look-alikes
        compete. A syllable the vocabulary does not know stays a candidate as ``<unk>``."""
        found = self._marked.get((lower, mode))
        if found is not None:
            return found
        lm = self.lm
        own = lm.index.get(lower)
        same = self._same_skeleton(lower) if lower.isalpha() else []
        lookalikes = [c for c in same if is_lookalike(lower, lm.words[c], ocr=mode == "ocr")]
        tones: list[int] = []
        if mode == "ocr":
            bare = untoned(lower)
            tones = [c for c in same if self.untoned[c] == bare and c != own]
        if not lookalikes and not tones:
            found = [], []
        elif own is None:
            found = [lm.unk, *tones, *lookalikes], [math.log(UNKNOWN_KEPT)] + [0.0] * (len(tones) + len(lookalikes))
        else:
            keep = OCR_IDENTITY if tones else 1.0
            tone_slip = math.log((1 - OCR_IDENTITY) / len(tones)) if tones else 0.0
            slip = math.log(VOWEL_MARK_SLIP if lm.uni[own] >= RARE_SYLLABLE else RARE_SLIP)
            found = [own, *tones, *lookalikes], [math.log(keep)] + [tone_slip] * len(tones) + [slip] * len(lookalikes)
        self._marked[(lower, mode)] = found
        return found

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
            # A word of letters only (the common case) is neither an address nor a code.
            restorable = core.isalpha() or (
                mode == "garbled"
                and not PROTECTED.fullmatch(core)
                and any(c.isalpha() for c in core)
                and not INNER_SEPARATOR.search(core)
                and sum(c.isdigit() for c in core) <= 1
                and len(core) <= 8
            )
            if not restorable:
                self._code_parts(core, start, marked, mode, slots)
                continue
            lower = core.lower()
            candidates, channel = self._candidates(lower, marked, mode)
            if not candidates:
                if core.isalpha():  # one unit, the word itself (what _fixed finds, quicker)
                    slots.append(_Slot([self.lm.id(lower)], [0.0]))
                else:
                    self._fixed(core, slots)
                continue
            slots.append(_Slot(candidates, channel, (start, end)))
        return slots

    def _decode_stretches(self, slots: list[_Slot]) -> list[int]:
        """Index of the chosen candidate in each slot, decoding only where there is a choice.

        Two slots in a row with one candidate each fix the trigram context, so what comes
        before them cannot change a choice after them: the stretches between such pairs
        are decoded apart, each from the two fixed units before it, with the same result as
        one pass. In text that keeps its marks most tokens have one candidate, and most of
        the stream is never decoded."""
        choice = [0] * len(slots)
        i = 0
        while i < len(slots):
            if len(slots[i].ids) == 1:
                i += 1
                continue
            end, fixed = i, 0
            while end < len(slots) and fixed < 2:
                fixed = fixed + 1 if len(slots[end].ids) == 1 else 0
                end += 1
            before = [self.lm.bos, self.lm.bos, *(slot.ids[0] for slot in slots[max(0, i - 2):i])]
            choice[i:end] = self._decode(slots[i:end], before[-2], before[-1])
            i = end
        return choice

    def _decode(self, slots: list[_Slot], p2: int, p1: int) -> list[int]:
        """Index of the chosen candidate in each slot (beam search over trigram states),
        after the context ``p2 p1``.

        The model's look-up is inlined here: this loop is where the normaliser spends its time.
        A state is its context (p2, p1) packed as the model packs it, so that the bigram key
        of a candidate is also the next state's key. Most contexts have no trigram at all;
        their states skip that look-up. Back-pointers are kept per step (a flat list), not
        as a chain of nested tuples, which the garbage collector would walk again and again
        on a long document.
        """
        lm = self.lm
        bits = lm.bits
        last = (1 << bits) - 1
        tri, ctx, bi, uni, uni_bow = lm.tri.get, lm.ctx.get, lm.bi, lm.uni, lm.uni_bow
        bi_get = bi.get
        tri_contexts = lm.tri_contexts
        default_bow = lm.default_ctx_bow
        beam = self.beam
        unseen = -math.inf
        # Parallel lists, best first: packed contexts and their scores.
        states, scores = [(p2 << bits) | p1], [0.0]
        # Per step, the number of candidates n and each kept state's back-pointer, the
        # previous state's index × n + the candidate's index.
        steps: list[tuple[int, list[int]]] = []
        for slot in slots:
            ids = slot.ids
            n = len(ids)
            if n == 1 and len(states) == 1:
                # One hypothesis, one candidate: nothing to choose, and a score added to
                # every surviving hypothesis alike changes no later choice.
                states = [((states[0] & last) << bits) | ids[0]]
                steps.append((1, [0]))
                continue
            candidates = list(zip(ids, slot.channel))
            best: dict[int, float] = {}
            back: dict[int, int] = {}
            for index, (ab, score) in enumerate(zip(states, scores)):
                bow = ctx(ab)
                if bow is None:
                    bow = default_bow if ab in bi else 0.0
                p1 = ab & last
                bk = p1 << bits
                p1_bow = uni_bow[p1]
                pointer = index * n
                if ab in tri_contexts:
                    abk = ab << bits
                    for cand, chan in candidates:
                        key = bk | cand
                        lp = tri(abk | cand)
                        if lp is None:
                            lp = bi_get(key)
                            lp = bow + (lp if lp is not None else p1_bow + uni[cand])
                        s = score + chan + lp
                        if s > best.get(key, unseen):
                            best[key] = s
                            back[key] = pointer
                        pointer += 1
                else:
                    for cand, chan in candidates:
                        key = bk | cand
                        lp = bi_get(key)
                        s = score + chan + (bow + (lp if lp is not None else p1_bow + uni[cand]))
                        if s > best.get(key, unseen):
                            best[key] = s
                            back[key] = pointer
                        pointer += 1
            # Best first; among equal scores the first reached (sorted is stable).
            kept = sorted(best, key=best.__getitem__, reverse=True)[:beam]
            floor = best[kept[0]] - PRUNE
            states, scores, pointers = [], [], []
            for key in kept:
                s = best[key]
                if s < floor:
                    break
                states.append(key)
                scores.append(s)
                pointers.append(back[key])
            steps.append((n, pointers))
        choice: list[int] = []
        index = 0  # the best final state
        for n, pointers in reversed(steps):
            index, k = divmod(pointers[index], n)
            choice.append(k)
        return choice[::-1]

    def _posteriors(self, padded: list[int], slots: list[_Slot], chosen: list[tuple[int, int]]
                    ) -> tuple[list[float], list[int | None]]:
        """For each (position, chosen candidate k) in ``chosen``: the probability of k against
        the slot's other candidates with the neighbours fixed (``padded`` is the chosen
        sequence after two sentence starts), and the likeliest other candidate (None if
        there is none). Scored in one batch with numpy, as the contexts are all known."""
        positions = [i for i, _ in chosen]
        rows = np.asarray([len(slots[i].ids) for i in positions])
        slot_of_row = np.repeat(np.arange(len(positions)), rows)
        j = np.asarray(positions, dtype=np.int64)[slot_of_row] + 2
        # Two sentence starts after the end stand for the missing right neighbours.
        stream = np.asarray([*padded, self.lm.bos, self.lm.bos], dtype=np.int64)
        cand = np.fromiter((x for i in positions for x in slots[i].ids), np.int64, len(j))
        chan = np.fromiter((x for i in positions for x in slots[i].channel), np.float64, len(j))
        a, b, c, d = stream[j - 2], stream[j - 1], stream[j + 1], stream[j + 2]
        logp_many = self.lm.logp_many
        scores = chan + logp_many(a, b, cand)
        end = len(padded)
        scores += np.where(j + 1 < end, logp_many(b, cand, c), 0.0)
        scores += np.where(j + 2 < end, logp_many(cand, c, d), 0.0)
        starts = np.cumsum(rows) - rows
        exp = np.exp(scores - np.maximum.reduceat(scores, starts)[slot_of_row])
        post = exp / np.add.reduceat(exp, starts)[slot_of_row]
        at_chosen = starts + np.asarray([k for _, k in chosen])
        confidence = post[at_chosen]
        # The runner-up: the first of the others with the highest probability.
        post[at_chosen] = -1.0
        top = post == np.maximum.reduceat(post, starts)[slot_of_row]
        first = np.minimum.reduceat(np.where(top, np.arange(len(post)), len(post)), starts) - starts
        runner = [int(r) if n > 1 else None for r, n in zip(first.tolist(), rows.tolist())]
        return confidence.tolist(), runner

    def restore(self, text: str, mode: Mode | None = None, marked: float | None = None) -> Restored:
        """Restore ``text`` as one stream: a sentence runs on across line breaks, so the
        model keeps its context from one printed line to the next. ``mode=None`` tells
        stripped from garbled text by its share of marked words (``marked``, when the
        caller has measured it already)."""
        if marked is None:
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
        choice = self._decode_stretches(slots)
        edits: list[tuple[int, str, str]] = []  # (slot position, original, replacement)
        for i, (slot, k) in enumerate(zip(slots, choice)):
            if slot.span is None:
                continue
            start, end = slot.span
            original = lines[slot.line][start:end]
            new = self._spelling(original, slot.ids[k])
            if new != original:
                edits.append((i, original, new))
        changes: list[Change] = []
        if edits:
            padded = [self.lm.bos, self.lm.bos, *(slot.ids[k] for slot, k in zip(slots, choice))]
            confidences, runners = self._posteriors(padded, slots, [(i, choice[i]) for i, _, _ in edits])
            for (i, original, new), confidence, runner in zip(edits, confidences, runners):
                slot = slots[i]
                changes.append(Change(
                    line=slot.line, start=slot.span[0], end=slot.span[1], original=original, replacement=new,
                    confidence=round(confidence, 4),
                    runner_up=self._spelling(original, slot.ids[runner]) if runner is not None else None,
                ))
        return Restored(apply_changes(lines, changes), changes, sum(1 for s in slots if s.span))

    def _spelling(self, original: str, chosen: int) -> str:
        """The chosen syllable in the case of the token as written; ``<unk>`` keeps the token."""
        return original if chosen == self.lm.unk else apply_case(original, self.lm.words[chosen])


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

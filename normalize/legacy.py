"""Legacy Vietnamese encodings — TCVN3 (ABC), VNI-Windows, VIQR, Windows-1258 — detected and
turned into Unicode.

Archives still hold documents typed before Unicode: 8-bit font encodings whose letters show
up as Latin-1 lookalikes once the font is gone ("Céng hßa x· héi" is TCVN3 for "Cộng hòa
xã hội", "Coäng hoøa xaõ hoäi" is VNI), and VIQR, the ASCII mnemonics of e-mail and Usenet
("Co^.ng ho`a xa~ ho^.i"). Nothing in the text says which one it is, and every one of them
reuses characters that are legitimate elsewhere (``à``, ``ô``, ``?``, ``.``), so detection
must never touch correct Unicode Vietnamese, English, or codes such as 76/NQ-CP.

Tables. Unicode letters are composed from their marks with :mod:`unicodedata`; each encoding
is one row per vowel in the order plain, acute, grave, hook, tilde, dot below — the layout
of the parallel tables ``utf8.h``/``tcvn.h``/``vni.h``/``viqr.h`` of xvnkb (Dao Hai Lam, 2002,
GPL; github.com/lamdao/xvnkb), from which the rows were taken and then checked:

- TCVN3: TCVN 5712:1993 VN3, the "ABC" encoding of the ``.VnTime`` fonts: lower-case
  letters and the seven base capitals Ă Â Ê Ô Ơ Ư Đ in 0xA1–0xFE. Checked against glibc
  iconv's ``TCVN5712-1`` (VN1, a superset that also puts toned capitals in the slots VN3
  leaves empty; ``tests/normalize/test_legacy.py`` compares every byte) and against the
  ``utf8ToTCVN3`` table of BoGo (github.com/cmpitg/bogoengine ``src/charset.hpp``). VN3 has
  no toned capitals: headings set in ``.VnTimeH`` carry the lower-case codes, so a word
  whose ASCII letters are all capitals is given back in capitals.
- VNI: VNI-Windows, a base letter followed by one or two Latin-1 mark characters (``aù`` á,
  ``aâ`` â, ``aá`` ấ) and single characters for đ ị ỉ ĩ ỵ ơ ư (``ñ ò æ ó î ô ö``); capitals
  are the upper case of both parts (``AÙ`` Á). Checked against xvnkb ``vni.h`` and
  duydev/vietnamese-conversion ``src/charsets.ts``.
- Windows-1258 (Microsoft's Vietnamese code page: base letters, tones as combining marks):
  Python's own ``cp1258`` codec, applied to text that reached us read as cp1252.
- VIQR: RFC 1456 (1993): ``' ` ? ~ .`` for the tones, ``^ ( +`` for circumflex, breve and
  horn, ``DD``/``Dd``/``dd`` for Đ/đ (and the ``d-`` variant), ``\\`` before a mark that is
  meant literally.

Detection scores each candidate encoding on the text itself: the whitespace-separated chunks
that a conversion would change must mostly be syllables the language model knows after it and
not before it. A text is converted only when at least :data:`MIN_GAIN` chunks turn into known
syllables by marks that cannot be punctuation, and :data:`MIN_KNOWN_SHARE` of the changed
chunks are known afterwards. A text with no letter beyond Latin-1 is then converted throughout;
beside Unicode Vietnamese, only the lines that gain from it are, so a Unicode line of a mixed
document stays. VIQR is tried only on lines written in ASCII. Its ``.`` and ``?`` after a word's last vowel end sentences too: before
a space the language model chooses between the two readings (``Bo^. Co^ng`` → Bộ Công, ``ddi.``
→ đi.), and never reads a syllable it does not know.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import groupby
from typing import Literal

from .lm import load_model

Encoding = Literal["tcvn3", "vni", "viqr", "cp1258"]
ENCODINGS: tuple[Encoding, ...] = ("tcvn3", "vni", "viqr", "cp1258")

# Order of the rows' columns, as in xvnkb: no tone, acute, grave, hook above, tilde, dot below.
TONE_MARKS = ("", "\u0301", "\u0300", "\u0309", "\u0303", "\u0323")
VOWELS = ("a", "â", "ă", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y")


def _row(vowel: str) -> list[str]:
    return [unicodedata.normalize("NFC", vowel + mark) for mark in TONE_MARKS]


# TCVN3 (VN3) byte values of each lower-case row, then đ and the base capitals.
_TCVN3_ROWS = {
    "a": b"a\xb8\xb5\xb6\xb7\xb9",
    "â": b"\xa9\xca\xc7\xc8\xc9\xcb",
    "ă": b"\xa8\xbe\xbb\xbc\xbd\xc6",
    "e": b"e\xd0\xcc\xce\xcf\xd1",
    "ê": b"\xaa\xd5\xd2\xd3\xd4\xd6",
    "i": b"i\xdd\xd7\xd8\xdc\xde",
    "o": b"o\xe3\xdf\xe1\xe2\xe4",
    "ô": b"\xab\xe8\xe5\xe6\xe7\xe9",
    "ơ": b"\xac\xed\xea\xeb\xec\xee",
    "u": b"u\xf3\xef\xf1\xf2\xf4",
    "ư": b"\xad\xf8\xf5\xf6\xf7\xf9",
    "y": b"y\xfd\xfa\xfb\xfc\xfe",
}
_TCVN3_SINGLE = {"đ": 0xAE, "Ă": 0xA1, "Â": 0xA2, "Ê": 0xA3, "Ô": 0xA4, "Ơ": 0xA5, "Ư": 0xA6, "Đ": 0xA7}

# VNI-Windows sequences of each lower-case row (capitals: both characters upper-cased).
_VNI_ROWS = {
    "a": ("a", "aù", "aø", "aû", "aõ", "aï"),
    "â": ("aâ", "aá", "aà", "aå", "aã", "aä"),
    "ă": ("aê", "aé", "aè", "aú", "aü", "aë"),
    "e": ("e", "eù", "eø", "eû", "eõ", "eï"),
    "ê": ("eâ", "eá", "eà", "eå", "eã", "eä"),
    "i": ("i", "í", "ì", "æ", "ó", "ò"),
    "o": ("o", "où", "oø", "oû", "oõ", "oï"),
    "ô": ("oâ", "oá", "oà", "oå", "oã", "oä"),
    "ơ": ("ô", "ôù", "ôø", "ôû", "ôõ", "ôï"),
    "u": ("u", "uù", "uø", "uû", "uõ", "uï"),
    "ư": ("ö", "öù", "öø", "öû", "öõ", "öï"),
    "y": ("y", "yù", "yø", "yû", "yõ", "î"),
}
_VNI_D = "ñ"

# VIQR (RFC 1456) mnemonics.
_VIQR_MODIFIERS = {"â": "a^", "ă": "a(", "ê": "e^", "ô": "o^", "ơ": "o+", "ư": "u+"}
_VIQR_TONES = "'`?~."


def _tcvn3_pairs() -> Iterator[tuple[str, str]]:
    """(Unicode letter, TCVN3 character) for every letter TCVN3 can write."""
    for vowel, codes in _TCVN3_ROWS.items():
        for letter, code in zip(_row(vowel), codes.decode("latin-1")):
            yield letter, code
    for letter, code in _TCVN3_SINGLE.items():
        yield letter, chr(code)


def _vni_pairs() -> Iterator[tuple[str, str]]:
    for vowel, sequences in _VNI_ROWS.items():
        for letter, sequence in zip(_row(vowel), sequences):
            yield letter, sequence
            yield letter.upper(), sequence.upper()
    yield "đ", _VNI_D
    yield "Đ", _VNI_D.upper()


def _viqr_pairs() -> Iterator[tuple[str, str]]:
    for vowel in VOWELS:
        base = _VIQR_MODIFIERS.get(vowel, vowel)
        for letter, tone in zip(_row(vowel), ("",) + tuple(_VIQR_TONES)):
            yield letter, base + tone
            yield letter.upper(), base.upper() + tone
    yield "đ", "dd"
    yield "Đ", "DD"


# Decoding: legacy → Unicode, only what differs from the character itself.
TCVN3_DECODE = {ord(code): letter for letter, code in _tcvn3_pairs() if code != letter}
VNI_DECODE = {seq: letter for letter, seq in _vni_pairs() if seq != letter}
_VNI_SEQUENCE = re.compile("|".join(sorted(map(re.escape, VNI_DECODE), key=len, reverse=True)))
VIQR_DECODE = {seq: letter for letter, seq in _viqr_pairs() if seq != letter}

# Encoding: Unicode → legacy; TCVN3 writes a toned capital with its lower-case code (VN3 has none).
_TCVN3_ENCODE = {letter: code for letter, code in _tcvn3_pairs()}
_TCVN3_ENCODE.update({letter.upper(): code for letter, code in _tcvn3_pairs()
                      if not letter.isascii() and letter.upper() not in _TCVN3_ENCODE})
_VNI_ENCODE = dict(_vni_pairs())
_VIQR_ENCODE = dict(_viqr_pairs())

MIN_GAIN = 3  # chunks that must turn from unknown into known syllables
MIN_KNOWN_SHARE = 0.8  # of the chunks a conversion changes, this share must be known afterwards
MAX_VIQR_NON_ASCII = 0.02  # VIQR is ASCII: a line with more non-ASCII letters than this is not VIQR

# Punctuation at the edges of a chunk, and separators inside codes (ASCII only: the legacy
# encodings use the Latin-1 symbols as letters).
_EDGE = "\"'“”‘’()[]«».,;:!?…*"
_INNER = re.compile(r"[-/.]")


def encode_legacy(text: str, encoding: Encoding) -> str:
    """``text`` written in a legacy encoding, each legacy byte as its Latin-1 character.

    For tests and the benchmark: real documents are made this way by the old fonts and
    keyboards. Characters the encoding has no code for are left as they are.
    """
    text = unicodedata.normalize("NFC", text)
    if encoding == "cp1258":
        return "".join(_cp1258_char(c) for c in text)
    table = {"tcvn3": _TCVN3_ENCODE, "vni": _VNI_ENCODE, "viqr": _VIQR_ENCODE}[encoding]
    return "".join(table.get(c, c) for c in text)


def _cp1258_char(char: str) -> str:
    """A letter as Windows-1258 writes it (the base letter, then the tone as a combining mark),
    seen through cp1252."""
    nfd = unicodedata.normalize("NFD", char)
    base = unicodedata.normalize("NFC", "".join(c for c in nfd if c not in TONE_MARKS[1:]))
    try:
        return (base + "".join(c for c in nfd if c in TONE_MARKS[1:])).encode("cp1258").decode("cp1252")
    except UnicodeError:
        return char


def _tcvn3_line(line: str) -> str:
    converted = line.translate(TCVN3_DECODE)
    if converted == line:
        return line
    chunks = line.split(" ")
    kinds = [_case_kind(chunk) for chunk in chunks]
    out = []
    for i, (before, after) in enumerate(zip(chunks, converted.split(" "))):
        if before != after and (kinds[i] == "caps" or kinds[i] == "short" and _caps_around(kinds, i)):
            after = after.upper()
        out.append(after)
    return " ".join(out)


def _case_kind(chunk: str) -> str:
    """How a TCVN3 word's ASCII letters show its case: ``caps`` (two or more, all capitals:
    ``CéNG`` → CỘNG), ``lower`` (a lower-case one), ``code`` (digits or a slash), ``short``
    (one capital or none: ``Sè`` may be Số or SỐ), ``none`` (no letter)."""
    if any(c in "0123456789/" for c in chunk):
        return "code"
    letters = [c for c in chunk if c.isascii() and c.isalpha()]
    if any(c.islower() for c in letters):
        return "lower"
    if len(letters) >= 2:
        return "caps"
    return "short" if any(c.isalpha() for c in chunk) else "none"


def _caps_around(kinds: list[str], i: int) -> bool:
    """Whether the nearest words that show their case, on each side of word ``i``, are capitals."""
    sides = []
    for step in (-1, 1):
        j = i + step
        while 0 <= j < len(kinds) and kinds[j] not in ("caps", "lower"):
            j += step
        if 0 <= j < len(kinds):
            sides.append(kinds[j])
    return bool(sides) and all(kind == "caps" for kind in sides)


def _vni_line(line: str) -> str:
    return _VNI_SEQUENCE.sub(lambda m: VNI_DECODE[m.group(0)], line)


def _cp1258_line(line: str) -> str:
    """Windows-1258 text read as cp1252 (as an 8-bit file reaches the normaliser): its bytes
    read again with Python's cp1258 codec, tone marks composed. Characters cp1252 cannot hold
    were never 8-bit and stay; runs with bytes cp1258 leaves undefined are not Windows-1258."""
    out = []
    for is_8bit, run in groupby(line, key=_in_cp1252):
        text = "".join(run)
        if is_8bit:
            try:
                text = unicodedata.normalize("NFC", text.encode("cp1252").decode("cp1258"))
            except UnicodeDecodeError:
                pass
        out.append(text)
    return "".join(out)


def _in_cp1252(char: str) -> bool:
    try:
        char.encode("cp1252")
    except UnicodeEncodeError:
        return False
    return True


_VOWEL = set("aeiouyAEIOUY")
_WORD_LETTERS = re.compile(r"[^\W\d_]+")
_CHUNK = re.compile(r"\S+")
_STEM = re.compile(r"[^\W\d_]*$")  # the letters a line ends with


def _viqr_text(text: str, decide: Callable[[str, str, str, str], bool]) -> str:
    """VIQR → Unicode: each ASCII vowel takes the marks that follow it.

    A ``.`` or ``?`` after a word's last vowel, before a space or the end of a line, may be a
    tone or punctuation; ``decide(left, toned, plain, next_word)`` chooses (True: the tone).
    """
    out: list[str] = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c == "\\" and i + 1 < n and text[i + 1] in _VIQR_TONES + "^(+":
            out.append(text[i + 1])  # an escaped mark is the punctuation itself
            i += 2
            continue
        if c in "Dd" and _is_d_stroke(text, i):
            out.append("Đ" if c == "D" else "đ")
            i += 2
            continue
        if c not in _VOWEL:
            out.append(c)
            i += 1
            continue
        j = i + 1
        base = c
        if j < n and c.lower() + text[j] in ("a^", "a(", "e^", "o^", "o+", "u+"):
            base += text[j]
            j += 1
        letter = VIQR_DECODE.get(base, base) if len(base) > 1 else c
        mark = text[j] if j < n and text[j] in _VIQR_TONES else ""
        if mark:
            toned = VIQR_DECODE[base + mark]
            follower = text[j + 1] if j + 1 < n else " "
            if mark == "." and text.startswith("...", j) and not text.startswith("....", j):
                pass  # an ellipsis
            elif mark in "'`~" or follower.isalpha() or follower in ".,;:!?)/-\"'”":
                letter = toned
                j += 1
            elif follower.isspace():
                left = "".join(out[-60:])
                if decide(left, toned, letter, _next_word(text, j + 1)):
                    letter = toned
                    j += 1
        out.append(letter)
        i = j
    return "".join(out)


def _is_d_stroke(text: str, i: int) -> bool:
    """``DD``, ``Dd``, ``dd`` or ``d-`` for Đ/đ: at the start of a word before a vowel (ddi,
    d-i), ``dd`` standing alone, or DD among capitals (QDD-UBND, HDDND)."""
    pair = text[i:i + 2]
    if pair not in ("DD", "Dd", "dd", "D-", "d-"):
        return False
    after = text[i + 2:i + 3]
    at_start = i == 0 or not text[i - 1].isalpha()
    if at_start and (after in _VOWEL or pair == "dd" and not after.isalpha()):
        return True  # ddi, d-i; dd alone is an abbreviation (dd/c: đ/c, đồng chí)
    return pair == "DD" and (at_start or text[i - 1].isupper()) and not after.islower()


def _next_word(text: str, i: int) -> str:
    """The first syllable of the word after position ``i`` on the same line, read as VIQR
    (if its own last mark is ambiguous, the reading the model finds more frequent)."""
    end = text.find("\n", i)
    chunk = _CHUNK.search(text, i, end if end >= 0 else len(text))
    if chunk is None:
        return ""
    lm = load_model()
    readings = [_WORD_LETTERS.search(_viqr_text(chunk.group(0), lambda *_: tone)) for tone in (False, True)]
    words = [m.group(0) for m in readings if m]
    return max(words, key=lambda w: lm.uni[lm.id(w.lower())], default="")


def _lm_decides(left: str, toned: str, plain: str, next_word: str) -> bool:
    """The tone when the language model prefers the toned syllable between its neighbours
    (punctuation is not part of the model's stream, so both readings are scored alike); never
    a syllable the model does not know."""
    line = left.rsplit("\n", 1)[-1]
    stem = _STEM.search(line)
    assert stem is not None  # the pattern matches the empty string
    words = _WORD_LETTERS.findall(line, 0, stem.start())
    lm = load_model()
    context = [lm.bos, lm.bos] + [lm.id(w.lower()) for w in words]
    a, b = context[-2], context[-1]
    nxt = lm.id(next_word.lower()) if next_word else None

    def score(word: str) -> float:
        unit = lm.id((stem.group(0) + word).lower())
        if unit == lm.unk:
            return -math.inf
        return lm.logp(a, b, unit) + (lm.logp(b, unit, nxt) if nxt is not None else 0.0)

    return score(toned) > score(plain)


_CONVERTERS: dict[Encoding, Callable[[str], str]] = {"tcvn3": _tcvn3_line, "vni": _vni_line, "cp1258": _cp1258_line}


def _lines(text: str, encoding: Encoding) -> list[str]:
    """The lines of ``text`` read as ``encoding``; VIQR reads across line ends (a word's
    tone may depend on the next line), the 8-bit encodings line by line."""
    if encoding == "viqr":  # only lines written in ASCII can be VIQR
        pairs = zip(text.split("\n"), _viqr_text(text, _lm_decides).split("\n"))
        return [new if _ascii_line(old) else old for old, new in pairs]
    convert = _CONVERTERS[encoding]
    return [convert(line) for line in text.split("\n")]


def decode_legacy(text: str, encoding: Encoding) -> str:
    """``text`` read as ``encoding`` throughout (lines are kept)."""
    return "\n".join(_lines(text, encoding))


@dataclass(frozen=True)
class LineScore:
    """How one line fares under a conversion: chunks it changes, and how many are known syllables."""

    changed: int = 0
    known_before: int = 0
    known_after: int = 0
    evidence: int = 0  # chunks made known by a mark that punctuation cannot explain

    @property
    def gain(self) -> int:
        return self.known_after - self.known_before

    def __add__(self, other: LineScore) -> LineScore:
        return LineScore(self.changed + other.changed, self.known_before + other.known_before,
                         self.known_after + other.known_after, self.evidence + other.evidence)


def _known(chunk: str, vocabulary: dict[str, int]) -> bool:
    """Whether a chunk is made of syllables the language model knows (or numbers), ignoring
    the punctuation at its edges and the separators inside codes (ubnd-ct, 76/nq)."""
    core = chunk.strip(_EDGE)
    if not core:
        return False
    return all(part.isdigit() or (part.isalpha() and part.lower() in vocabulary) for part in _INNER.split(core))


def _score(before: str, after: str, vocabulary: dict[str, int], encoding: Encoding) -> LineScore:
    changed = [(a, b, _known(a, vocabulary), _known(b, vocabulary))
               for a, b in zip(before.split(), after.split()) if a != b]
    # Every TCVN3 or VNI mark is a letter; VIQR's "." and "?" at a word's end may be punctuation.
    evidence = sum(1 for a, _, was, now in changed if now and not was
                   and (encoding != "viqr" or _VIQR_STRONG.search(a)))
    return LineScore(len(changed), sum(was for *_, was, _ in changed), sum(now for *_, now in changed), evidence)


def _candidates(text: str) -> list[Encoding]:
    """Encodings worth scoring: TCVN3 and VNI need Latin-1 letters or symbols, Windows-1258
    its tone marks, VIQR an ASCII line with a mark after a vowel. Saves loading the model for
    plain ASCII text."""
    found: list[Encoding] = []
    # Where every non-ASCII character is a Vietnamese letter or common punctuation the text is
    # correct Unicode (every 8-bit encoding yields some other Latin-1 character: TCVN3 'µ',
    # VNI 'ä', Windows-1258 'ð' for đ), and only VIQR, plain ASCII, remains to look for.
    if any(c not in _ORDINARY for c in text if not c.isascii()):
        if any(ord(c) in TCVN3_DECODE for c in text if not c.isascii()):
            found.append("tcvn3")
        if _VNI_SEQUENCE.search(text):
            found.append("vni")
        if any(c in _CP1258_MARKS for c in text):
            found.append("cp1258")
    if any(_VIQR_MARK.search(line) and _ascii_line(line) for line in text.split("\n")):
        found.append("viqr")
    return found


_VIET_LETTERS = {"đ", *(unicodedata.normalize("NFC", v + t) for v in "aăâeêioôơuưy"
                        for t in ("", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323"))}
_ORDINARY = frozenset(_VIET_LETTERS | {c.upper() for c in _VIET_LETTERS}
                      | set("–—“”‘’…•°×«»≤≥±²³½¼€§№\u00a0\u200b\ufeff"))
_CP1258_MARKS = set(bytes([0xCC, 0xD2, 0xDE, 0xEC, 0xF2]).decode("cp1252"))  # its five tone marks
_VIQR_MARK = re.compile(r"[aeiouyAEIOUY][\^(+'`?~.]")
_VIQR_STRONG = re.compile(r"[aeiouyAEIOUY](?:[\^(+'`~]|[.?][A-Za-z])|(?<![A-Za-z])(?:dd|DD|Dd)")


def _ascii_line(line: str) -> bool:
    """Whether a line's letters are (nearly all) ASCII, as VIQR's are."""
    letters = [c for c in line if c.isalpha()]
    return sum(not c.isascii() for c in letters) <= MAX_VIQR_NON_ASCII * len(letters)


@dataclass(frozen=True)
class LegacyResult:
    """The converted text, the encoding found (None: left as it was) and the lines converted."""

    text: str
    encoding: Encoding | None
    lines: int
    score: LineScore


def convert_legacy(text: str) -> LegacyResult:
    """Detect a legacy encoding in ``text`` and convert the lines written in it; lines are kept.

    Returns the text unchanged (``encoding=None``) unless one encoding clearly turns unknown
    chunks into known Vietnamese syllables (see the module docstring).
    """
    candidates = _candidates(text)
    if not candidates:
        return LegacyResult(text, None, 0, LineScore())
    vocabulary = load_model().index
    lines = text.split("\n")
    trials = []
    for encoding in candidates:
        converted = _lines(text, encoding)
        scores = [_score(a, b, vocabulary, encoding) if a != b else LineScore() for a, b in zip(lines, converted)]
        trials.append((sum(scores, LineScore()), encoding, converted, scores))
    total, encoding, converted, scores = max(trials, key=lambda trial: trial[0].gain)
    if min(total.gain, total.evidence) < MIN_GAIN or total.known_after < MIN_KNOWN_SHARE * total.changed:
        return LegacyResult(text, None, 0, total)
    # Text with no letter beyond Latin-1 is legacy throughout. Otherwise (Unicode Vietnamese
    # beside it) a line converts when it loses no known syllable and had one that read as nothing.
    whole = not any(ord(c) > 0xFF and c.isalpha() for c in text)
    out, count = [], 0
    for line, new, score in zip(lines, converted, scores):
        take = new != line and (whole or score.gain >= 0 and score.known_before < score.changed)
        out.append(new if take else line)
        count += take
    return LegacyResult("\n".join(out), encoding, count, total)


__all__ = ["ENCODINGS", "Encoding", "LegacyResult", "convert_legacy", "decode_legacy", "encode_legacy"]

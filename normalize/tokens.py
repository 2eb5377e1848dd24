"""Split text into the units the language model sees, keeping everything else in place.

The model works on syllables (runs of letters), lower-cased, with every number mapped to
``<n>``; punctuation is not part of its stream. ``lm_units`` is shared by the build script
and the runtime so that both see text the same way.
"""

from __future__ import annotations

import re

NUM = "<n>"
BOS = "<s>"
UNK = "<unk>"

# Letters, or digits (with inner separators: 15/7/2021, 1.000), or any other single character.
TOKEN = re.compile(r"[^\W\d_]+|\d+(?:[.,/]\d+)*|\S")


def lm_units(line: str) -> list[str]:
    """The model's units of one line: lower-cased syllables and ``<n>``; punctuation dropped."""
    units = []
    for tok in TOKEN.findall(line):
        if tok[0].isdigit():
            units.append(NUM)
        elif tok[0].isalpha():
            units.append(tok.lower())
    return units

"""What a line of the closing block is: the 'Nơi nhận:' label, a recipient, a signature
title ('KT. GIÁM ĐỐC', 'PHÓ GIÁM ĐỐC'), a signer's name, or signing noise ('(Đã ký)').

Like the header, the closing puts two columns side by side (Nơi nhận left, signature
right); :func:`signature_anchors` finds where the right column starts in a mixed line
that has no word boxes.
"""

from __future__ import annotations

import re

from ..models.doc_types import fold
from .lines import folded, is_upper, looks_like_name, squash

AUTHORITIES = {"tm": "TM.", "kt": "KT.", "tl": "TL.", "tuq": "TUQ."}
POSITION_WORDS = re.compile(
    r"\b(chu tich|giam doc|truong|chu nhiem|thu tuong|bi thu|chanh|pho|uy vien|thu ky|dai dien|"
    r"nguoi lap|thong doc|ke toan|chuyen vien|tong kiem toan)\b")
_AUTHORITY = re.compile(r"^(T/?\.?M|K/?\.?T|T/?\.?L|T\.?U\.?Q)(\.\s*|\s+|$)")
_NOI_NHAN = re.compile(r"^n\S{1,3}\s+nh\S{1,3}\s*(?:[:.]|$)")  # or alone, its ":" wrapped (172)
_NOISE = re.compile(r"^[\[(]?\s*(da ky|ky\b|ky,|chu ky|dong dau|ghi ro)")
_DASH = re.compile(r"^[-–—•+*]")
PARTY_HEADS = ("dai dien", "y kien", "nguoi lap", "xac nhan")
OPINION_HEAD = "y kien"
MIN_LETTERS = 2


def split_authority(text: str) -> tuple[str | None, str]:
    """'KT. GIÁM ĐỐC' / 'T/M. ĐOÀN …' / 'KT.GIÁM ĐỐC' → ('KT.', 'GIÁM ĐỐC'); (None, text) otherwise."""
    text = text.strip()
    m = _AUTHORITY.match(text)
    if m is None:
        return None, text
    return AUTHORITIES[re.sub(r"[./]", "", m[1]).lower()], text[m.end():].strip()


def authority_of(token: str) -> str | None:
    """The normalised authority a token is, e.g. 'T/M.' → 'TM.'; None for any other token."""
    authority, rest = split_authority(token)
    return authority if not rest else None


def opens_with_authority(text: str) -> bool:
    """An upper-case line starting with an authority: 'TM. ỦY BAN NHÂN DÂN'."""
    return split_authority(text)[0] is not None and is_upper(text)


def opens_parties(text: str) -> bool:
    """A row of signature heads without 'Nơi nhận' or authority, as a biên bản or a phiếu
    trình closes: 'ĐẠI DIỆN SỞ CÔNG THƯƠNG   ĐẠI DIỆN CÔNG TY …', 'Ý KIẾN CỦA LÃNH ĐẠO PHÒNG
    NGƯỜI LẬP PHIẾU TRÌNH'."""
    return is_upper(text) and folded(text).startswith(PARTY_HEADS)


def is_opinion(text: str) -> bool:
    """An 'Ý KIẾN CỦA …' head: a box for a reviewer's opinion, not a signatory of the document."""
    return folded(text).startswith(OPINION_HEAD)


def party_anchors(tokens: list[str]) -> list[int]:
    """Where a further signature head starts in a row without word boxes."""
    return [i for i in range(1, len(tokens)) if folded(" ".join(tokens[i:])).startswith(PARTY_HEADS)]


def is_noi_nhan(text: str) -> bool:
    """'Nơi nhận:' (also OCR 'Noi nhin:', 'not nhận:', 'Nơi nhận.')."""
    return bool(_NOI_NHAN.match(folded(text)))


def after_noi_nhan(text: str) -> str:
    """What follows the 'Nơi nhận:' label on its line ('Nơi nhận: - Như trên;' → '- Như trên;')."""
    text = squash(text)
    m = _NOI_NHAN.match(fold(text))  # folding keeps one character per character of NFC text
    return text[m.end():].strip() if m else text


def is_noise(text: str) -> bool:
    """'(Đã ký)', '(Ký tên, đóng dấu)', or OCR scraps: no word of two letters or more ('H Ã', '7 ~')."""
    return bool(_NOISE.match(folded(text))) or not any(
        sum(c.isalpha() for c in token) >= MIN_LETTERS for token in text.split())


def is_position(text: str) -> bool:
    """An upper-case signature title line ('PHÓ CHỦ TỊCH', 'TM. ỦY BAN NHÂN DÂN')."""
    return is_upper(text) and (opens_with_authority(text) or bool(POSITION_WORDS.search(folded(text)))
                               or len(text.split()) <= 6)


def is_recipient_item(text: str) -> bool:
    """A 'Nơi nhận' item: '- Bộ Nội vụ (b/c);'."""
    return bool(_DASH.match(text.strip()))


def is_signature_line(text: str) -> bool:
    """A line that can belong to a signature block (a recipient item ends with ';', a title never)."""
    if text.rstrip().endswith(";"):
        return False
    return is_position(text) or looks_like_name(text) or is_noise(text)


def signature_anchors(tokens: list[str]) -> list[int]:
    """Where the signature column (or the name in it) starts in a mixed line without boxes:
    an authority token followed by capitals ('Nơi nhận: KT. CHỦ TỊCH'), a trailing run of
    capitals holding a position word ('- Bộ Nội vụ (b/c); PHÓ CHỦ TỊCH'), or a name after
    the title ('THỦ TƯỚNG Nguyễn Tấn Dũng')."""
    found = [i for i in range(1, len(tokens) - 1)
             if authority_of(tokens[i]) and is_upper(" ".join(tokens[i + 1:]))]
    start = len(tokens)
    while start > 0 and is_upper(tokens[start - 1]) and tokens[start - 1].isalpha():
        start -= 1
    if 0 < start < len(tokens) and not is_upper(" ".join(tokens[:start])) \
            and POSITION_WORDS.search(folded(" ".join(tokens[start:]))):
        found.append(start)
    found += [i for i in range(1, len(tokens) - 1)
              if is_upper(" ".join(tokens[:i])) and looks_like_name(" ".join(tokens[i:]))]
    return found

"""The signer: thẩm quyền ký, the body or post signed for, the signer's position and name.

A block reads top to bottom, e.g. 'TM. ỦY BAN NHÂN DÂN' / 'KT. CHỦ TỊCH' / 'PHÓ CHỦ TỊCH' /
'(Đã ký)' / 'Nguyễn Văn A'. The model has one authority, so the first line's authority is
kept ('TM.'), the rest of that line and every further title line but the last go to
``on_behalf_of`` joined with ' / ' ('ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH'), and the last title
line is the position: joined back in order they give the block as printed.
"""

from __future__ import annotations

from ..ingest.types import Line
from ..models import Signer
from .closing_lines import authority_of, is_noise, split_authority
from .ids import make_id, provenance_of
from .lines import looks_like_name, squash, strip_rank
from .names import canonical_title, looks_like_damaged_name, names_in, repair_name

WRAP_ENDINGS = (",", "-", "VÀ")  # a title line ending so continues on the next line
DEPUTY_WORDS = ("PHÓ", "THỨ")
GOES_ON = ("VỀ", "CỦA", "VÀ")  # words a title line never starts with: the wrapped end of the line above  # 'KT. CHỦ TỊCH PHÓ CHỦ TỊCH': a flattened text joined two lines


def build_signer(sha: str, lines: list[Line], context: list[Line] = ()) -> Signer | None:  # type: ignore[assignment]
    """The first signature block in ``lines`` (title lines, then the name), or None. A
    damaged name is repaired from the names printed in ``context`` (the rest of the document)."""
    kept = [ln for ln in lines if not is_noise(ln.text)]
    name_at = next((i for i, ln in enumerate(kept) if looks_like_name(ln.text) or looks_like_damaged_name(ln.text)),
                   len(kept))
    titles = _first_block(_unwrap(_unmerge([canonical_title(_trim(ln.text)) for ln in kept[:name_at]])))
    if not titles and name_at == len(kept):
        return None
    signer = Signer(id=make_id(sha, "signer"), provenance=provenance_of(kept[:name_at + 1]))
    if name_at < len(kept):
        signer.name = repair_name(strip_rank(kept[name_at].text), names_in(list(context)))
    if titles:
        _apply_titles(signer, titles)
    return signer


def _trim(text: str) -> str:
    """A title line without the scraps a pen stroke or a seal leaves at its ends
    ('ĐẠI DIỆN SỞ CÔNG THƯƠNG __'); a wrap mark (',', '-') stays."""
    tokens = squash(text).split()
    while tokens and tokens[-1] not in WRAP_ENDINGS and not any(c.isalnum() for c in tokens[-1]):
        tokens.pop()
    while tokens and not any(c.isalnum() for c in tokens[0]):
        tokens.pop(0)
    return " ".join(tokens)


def _apply_titles(signer: Signer, titles: list[str]) -> None:
    authority, head = split_authority(titles[0])
    head = canonical_title(head)
    signer.authority = authority  # type: ignore[assignment]
    if len(titles) == 1 and authority is None:
        signer.position = head
        return
    signer.on_behalf_of = " / ".join(t for t in [head, *titles[1:-1]] if t) or None
    signer.position = titles[-1] if len(titles) > 1 else None


def _unmerge(titles: list[str]) -> list[str]:
    """Split title lines that a flattened text joined: at an inner authority
    ('TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH') and, after 'KT.', before 'PHÓ …' / 'THỨ …', also where
    the 'KT.' line's wrapped end was printed before the position ('VỀ HQ PHÓ TRƯỞNG BAN')."""
    result: list[str] = []
    for title in titles:
        current: list[str] = []
        for token in title.split():
            deputy = token in DEPUTY_WORDS and split_authority(" ".join(current))[0] == "KT." and len(current) > 1
            if current and (authority_of(token) or deputy):
                result.append(" ".join(current))
                current = []
            elif current and token in DEPUTY_WORDS and current[0] in GOES_ON and result \
                    and split_authority(result[-1])[0] == "KT.":
                result[-1] += " " + " ".join(current)  # 'KT. TRƯỞNG BAN GIÁM SÁT QUẢN LÝ' / 'VỀ HQ PHÓ TRƯỞNG BAN'
                current = []
            current.append(token)
        result.append(" ".join(current))
    return result


def _unwrap(titles: list[str]) -> list[str]:
    """Join a title line that wraps ('KT. TRƯỞNG BAN CHÍNH SÁCH,' + 'THUẾ QUỐC TẾ')."""
    joined: list[str] = []
    for title in titles:
        if joined and joined[-1].endswith(WRAP_ENDINGS) and split_authority(title)[0] is None:
            joined[-1] = f"{joined[-1]} {title}"
        else:
            joined.append(title)
    return joined


def _first_block(titles: list[str]) -> list[str]:
    """Titles up to where a second block starts (an authority line after a position line)."""
    for i in range(1, len(titles)):
        if split_authority(titles[i])[0] and split_authority(titles[i - 1])[0] is None:
            return titles[:i]
    return titles

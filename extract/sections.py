"""The numbered body as a tree of :class:`Section` nodes.

Nesting: ranked kinds (Phần > Chương > Mục > Điều > I. > 1. > 1.1. > …) close every node of
the same or a lower rank; the other kinds (a), (1), -, +) nest by first appearance along the
current path: a kind already open becomes a sibling of that node, a new one a child of the
innermost node. So 'I.' / '1.' / 'a)' / '-' / 'b)' puts 'b)' beside 'a)'.

Heading or text: after a ranked or lettered marker, an upper-case or short line without
';' is a heading, 'Label: text' splits into heading and text; a bullet is always text.
Lines without a marker continue the current node; a new paragraph starts where the
previous line ended a sentence and this one begins with a capital. On a page (scans, text
layers) an item's lines that run to the right margin are joined before any of this is
decided, so a printed item wrapped over three lines reads as a text file's one line does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from ..ingest.types import Line
from ..models import Section
from .agencies import Agency, find_agencies, is_known, is_name_list, proper_names
from .doers import ASKING, PREDICATE, names_a_doer
from .header_lines import ADDRESSEE_OPENING
from .ids import make_id, provenance_of
from .labels import is_label
from .lines import folded, is_upper, squash, starts_lower
from .numbering import BULLETS, ROMAN_ORDER, Marker, marker_of
from .quotes import quoted_lines

HEADING_CHARS = 80  # a numbered line at most this long may be a heading …
SHORT_HEADING_CHARS = 40  # … and at most this long even when it ends with a full stop
EDGE_SLACK = 0.03  # a line ending this share of its width short of the text's right edge reaches it
LONG_HEADING_CHARS = 200  # a longer unpunctuated numbered line is a heading only if items follow it
LABEL_CHARS = 50  # 'Thời gian thực hiện: …' – a label this short is the heading
LONG_LABEL_CHARS = 140  # … and one this long when it names a matter (see _long_label)
SCOPE_LABEL = "doi voi"  # 'a) Đối với tài sản công tại cơ quan, …: Cơ quan nhà nước …' – a label of any length
# A notice of conclusions titles each item by its topic ('1. Về đề nghị sửa đổi Nghị định số
# 76/2019/NĐ-CP …: Giao Bộ Nội vụ …'): a label of any length and any punctuation.
TOPIC_LABEL = "ve "
DEMANDS_OF = "yeu cau doi voi "  # '1. Yêu cầu đối với các tổ chức, …' – whom the items below charge
TITLE_END_RATIO = 0.6  # a wrapped title's last line this much shorter than its first ends the title
# A line that ends by opening a list of inline items ('(1) Bộ Tài chính giải quyết 03 vấn đề tồn đọng: (i)')
# goes on in the next one.
OPENS_INLINE_ITEMS = re.compile(r"[:;]\s*\((?:1|i)\)$")
SENTENCE_END = (".", ";", ":", "!", "?", "./.")
_LABEL_COLON = re.compile(r":(?=\s|$)")
CLOSING_QUOTES = "”\"’»"  # a quoted passage closed after its full stop ('… trừ Hiến pháp.”') ends a paragraph too
# 'Nguồn lực thực hiện Kế hoạch bao gồm: (i) …' is a sentence running on after its ':', no label.
INTRODUCING = (" gom", " nhu sau", " la", " sau day")
HONORIFIC = re.compile(r"^(?:Ông|Bà|Đ/c|Đồng chí)\.?\s+")
ADDRESS = re.compile(r"^(?:Ông|Bà|Ông/Bà|Đ/c|Đồng chí)\.?$")  # '1. Ông: Hoàng Văn Thuân - …': a person, no label
# A report's item answers its title with a figure or 'Không' ('c) Chủng loại, số lượng tiền chất thuốc nổ …
# đã sử dụng trong năm 2025: 1.939.211 kg Anfo rời.', '2. Các tai nạn, sự cố …: Không.'): a label of any length.
ANSWER = re.compile(r"^(?:\d|[Kk]hông\W*$)")
# Line ends that close a title though their last word is a connective: '4. Các Sở Xây dựng nêu trên',
# '8. Đánh giá chung về thuận lợi, khó khăn và tồn tại'
ENDS_WHOLE = ("nêu trên", "trên đây", "tồn tại", "hiện tại")
CONNECTIVES = {"và", "của", "các", "cho", "với", "trong", "theo", "tại", "về", "được", "là", "có", "để", "từ",
               "đến", "những", "hoặc", "thuộc", "đối", "như", "do", "trên", "dưới", "nhằm"}


@dataclass(slots=True)
class _Node:
    marker: Marker
    lines: list[Line]
    heading: str | None = None
    text: str = ""
    children: list[_Node] = field(default_factory=list)


def first_numbered(lines: list[Line]) -> int:
    """Index of the first body line opening a ranked section ('I.', 'Điều 1.', '1.'), else of
    the first line with any marker; len(lines) when there is none. What precedes is preamble."""
    skipped = _addressee_lines(lines) | set(quoted_lines(lines))
    markers = [(i, m) for i, ln in enumerate(lines) if i not in skipped and (m := marker_of(ln.text))]
    ranked = [i for i, m in markers if m.rank is not None]
    if ranked:
        return ranked[0]
    return markers[0][0] if markers else len(lines)


def _addressee_lines(lines: list[Line]) -> set[int]:
    """The lines of a letter's 'Kính gửi:' list ('- UBND các xã, phường;' / '- Các đơn vị, cơ sở giáo dục
    trực thuộc.'): bullets, and lower-case lines they wrap onto or an addressee's '(Địa chỉ: …)',
    right after it; they address the letter, they open no part of its body."""
    found: set[int] = set()
    for i, line in enumerate(lines):
        if not folded(line.text).startswith(ADDRESSEE_OPENING) or not line.text.rstrip().endswith(":"):
            continue
        for j in range(i + 1, len(lines)):
            m = marker_of(lines[j].text)
            if not (m is not None and m.kind in BULLETS or j - 1 in found and _goes_on_addressee(lines[j].text)):
                break
            found.add(j)
    return found


def unnumbered_body(sha: str, lines: list[Line]) -> Section | None:
    """The body of a letter printed without numbered items ('Kính gửi: Thuế tỉnh Phú Thọ.' /
    'Cục Thuế nhận được …' / 'Đề nghị Công ty … liên hệ …'): its paragraphs after the addressees,
    as one node without a number, from which the tasks stage reads the letter's requests. It
    is not one of the document's sections; None when ``lines`` hold no 'Kính gửi' or nothing after it."""
    span = _addressee_span(lines)
    if span is None or span[1] >= len(lines):
        return None
    start = span[1]
    quoted = quoted_lines(lines[start:])
    node = _Node(Marker("body", "", ""), [])
    for i, line in enumerate(lines[start:]):
        _continue(node, line, in_quote=quoted.get(i, False))
    return _to_model(sha, node, "body")


def _addressee_span(lines: list[Line]) -> tuple[int, int] | None:
    """The index of a letter's 'Kính gửi' line and of the first line after its addressees."""
    listed = _addressee_lines(lines)
    for i, line in enumerate(lines):
        if folded(line.text).startswith(ADDRESSEE_OPENING):
            end = i + 1
            while end < len(lines) and (end in listed or _goes_on_addressee(lines[end].text)
                                        or lines[end - 1].text.split()[-1].lower() in CONNECTIVES):
                end += 1  # 'Kính gửi: Các' / 'Thuế tỉnh, thành phố.'
            return i, end
    return None


_INLINE_BULLETS = re.compile(r";\s*-\s+")  # '- Sở Công Thương; - Sở Tư pháp' read onto one line


def addressees(lines: list[Line]) -> list[str]:
    """Whom a letter is addressed to, one name each as printed without its bullet or closing
    ';' / '.' ('Kính gửi: Bộ Xây dựng', or 'Kính gửi:' / '- Các Sở, ban, ngành tỉnh;' / …);
    [] without a 'Kính gửi'."""
    span = _addressee_span(lines)
    if span is None:
        return []
    start, end = span
    first = lines[start].text.partition(":")[2].strip().lstrip("|")  # 'Kính gửi: | - Sở …' in a table's cell
    names: list[str] = []
    for i, text in enumerate([first, *(line.text for line in lines[start + 1:end])]):
        marker = marker_of(text)
        if marker is not None and marker.kind in BULLETS:
            names.append(marker.rest)
        elif names and i > 0:
            names[-1] += " " + text.strip()  # a name wrapped onto the next line
        elif text.strip():
            names.append(text)
    listed = [part for name in names for part in _INLINE_BULLETS.split(name.strip().removeprefix("- "))]
    return [name for raw in listed if (name := raw.strip().rstrip(";.,").strip())]


def _goes_on_addressee(text: str) -> bool:
    """A line that goes on the addressee above it: wrapped in lower case, or its '(Địa chỉ: …)'."""
    return starts_lower(text) or text.lstrip().startswith("(")


def build_sections(sha: str, lines: list[Line], first: int = 0) -> list[Section]:
    """The section tree of ``lines``, which start with a marker line; roots are keyed from
    ``first`` on (a second body, such as an attached plan, follows the first one's roots)."""
    roots: list[_Node] = []
    stack: list[_Node] = []
    last_roman: str | None = None
    edges = _right_edges(lines)
    quoted = quoted_lines(lines)
    consumed = -1
    for i, line in enumerate(lines):
        if i <= consumed:
            continue  # printed on under the item above, already part of it
        m = None if i in quoted else marker_of(line.text)
        if m is not None and m.kind == "roman":
            m = _in_sequence(m, last_roman, _read_by_ocr(line))
            last_roman = m.number if m is not None else last_roman
        if m is None:
            if stack:
                _continue(stack[-1], line, in_quote=quoted.get(i, False))
            continue
        if stack:
            _wrapped_heading(stack[-1])
        consumed = _paragraph_end(lines, i, edges)
        more = lines[i + 1:consumed + 1]
        if more:  # the item's printed lines are read as one, as a text file gives them
            m = replace(m, rest=" ".join([m.rest, *(squash(ln.text) for ln in more)]))
        next_text = lines[consumed + 1].text if consumed + 1 < len(lines) else None
        node = _open(m, line, next_text)
        node.lines += more
        _place(node, stack, roots)
    return [_to_model(sha, node, f"{i}:{node.marker.number}") for i, node in enumerate(roots, start=first)]


def _paragraph_end(lines: list[Line], i: int, edges: dict[int | None, float]) -> int:
    """Index of the last printed line of the paragraph line ``i`` opens: a line that runs to the
    right margin wraps onto the next one, unless that one opens an item of its own."""
    end = i
    while end + 1 < len(lines) and marker_of(lines[end + 1].text) is None and _reaches_edge(lines[end], edges):
        end += 1
    return end


def _in_sequence(m: Marker, last: str | None, by_ocr: bool) -> Marker | None:
    """The numeral that follows ``last`` when OCR read ``m`` as a repeat of it that loses a
    stroke of the next one (OCR drops an 'I' of a bold 'III.' far more often than a plan
    numbers two parts alike; but a second 'IV.' is the author's, 'V.' never reads so) or guessed it from
    a look-alike one step off it ('IH.' after 'I.' is 'II.', not 'III.'). A repeat in text that
    was not OCR'd is the author's own and stays as printed (a plan with two 'IV.'). None for a
    guessed numeral that does not fit the sequence ('VI PHẠM …' after 'II.'): the line is text."""
    expected = ROMAN_ORDER.index(last) + 1 if last else 0
    if expected == len(ROMAN_ORDER):
        return None if m.guessed else m
    got = ROMAN_ORDER.index(m.number)
    dropped = _drops_to(ROMAN_ORDER[expected], m.number)  # 'III' read as 'II'; 'V' is never read 'IV'
    if (by_ocr and got == expected - 1 and dropped) or (m.guessed and abs(got - expected) == 1):
        return replace(m, number=ROMAN_ORDER[expected])
    return None if m.guessed and got != expected else m


def _drops_to(printed: str, read: str) -> bool:
    """OCR could read ``printed`` as ``read`` by losing strokes: ``read`` is ``printed`` with
    letters left out ('III' → 'II', 'VIII' → 'VII')."""
    letters = iter(printed)
    return len(read) < len(printed) and all(letter in letters for letter in read)


def _read_by_ocr(line: Line) -> bool:
    """Tesseract gave the line's words their confidences (text layers and files give 100 or none)."""
    return any(word.confidence < 100 for word in line.words)


def _place(node: _Node, stack: list[_Node], roots: list[_Node]) -> None:
    """Pop ``stack`` to ``node``'s parent, attach it there and push it."""
    rank = node.marker.rank
    if rank is not None:
        while stack and (stack[-1].marker.rank is None or stack[-1].marker.rank >= rank):  # type: ignore[operator]
            stack.pop()
    else:
        same = [i for i, open_node in enumerate(stack) if open_node.marker.kind == node.marker.kind]
        if same:
            del stack[same[-1]:]
    (stack[-1].children if stack else roots).append(node)
    stack.append(node)


def _right_edges(lines: list[Line]) -> dict[int | None, float]:
    """The right edge of the text on each page (scans and text layers; none for plain text)."""
    edges: dict[int | None, float] = {}
    for line in lines:
        if (box := line.bbox) is not None:
            edges[line.page] = max(edges.get(line.page, 0.0), box.x1)
    return edges


def _reaches_edge(line: Line, edges: dict[int | None, float]) -> bool:
    """A printed line running to the right margin: its sentence wraps onto the next line."""
    box = line.bbox
    edge = edges.get(line.page)
    return box is not None and edge is not None and box.x1 >= edge - EDGE_SLACK * (edge - box.x0)


def _wrapped_heading(node: _Node) -> None:
    """A numbered title that wrapped on the page ('1. Tái cơ cấu ngành … theo chiều' / 'sâu, …
    kinh tế tuần hoàn') and ends unpunctuated where the next item starts is a heading; so is a
    wrapped list of the agencies charged below ('1. Giám đốc các Sở …; Chủ tịch …' / '… phường:')."""
    text = node.text
    if node.heading is None and text and len(node.lines) > 1 and "\n" not in text and not node.children \
            and node.marker.kind not in BULLETS and len(text) <= LONG_HEADING_CHARS \
            and (not text.endswith((*SENTENCE_END, ",")) or is_name_list(text)):
        node.heading, node.text = text.rstrip(":"), ""
    elif node.heading is None and text and not node.children and node.marker.kind not in BULLETS and _scope_title(text):
        node.heading, node.text = text.rstrip("."), ""  # '2.2. Đối với công tác quản lý … khai thác.' / '- …'
    elif node.heading is None and len(node.lines) > 1 and not node.children and node.marker.kind not in BULLETS \
            and node.marker.kind != "article" and (_titles_items_below(text) or _wrapped_topic(text)):
        node.heading, node.text = text.rstrip(":."), ""  # '2. Quy định về trình tự, … phê duyệt' / 'thiết kế …:'


def _wrapped_topic(text: str) -> bool:
    """A topic title ('1.5. Về việc lập, cập nhật, nộp và lưu giữ bản đồ hiện trạng, bản vẽ mặt' / 'cắt hiện
    trạng đối với khoáng sản rắn.') that a hard-wrapped text broke and closed with a full stop: one clause."""
    return _is_topic(text) and text.endswith(".") and _one_clause(text)


def _one_clause(text: str) -> bool:
    """Text short enough for a title, on one line, that no '.', ';' or ':' breaks inside."""
    return len(text) <= LONG_HEADING_CHARS and "\n" not in text and not re.search(r"[.;:]\s", text)


def _scope_title(text: str) -> bool:
    """One clause naming what or whom the items below are about ('Đối với công tác quản lý bảo vệ
    khoáng sản trong quá trình hoạt động khai thác.'), printed as a sentence of its own: the items' title."""
    key = folded(text)
    if not _one_clause(text):
        return False
    # '1. Yêu cầu đối với các tổ chức, cá nhân được cấp giấy phép khai thác, thu hồi khoáng sản.' lists
    # whom its items charge, commas and all; after a bare 'Đối với X' a comma goes on to the sentence
    return key.startswith(DEMANDS_OF) or key.startswith((SCOPE_LABEL, TOPIC_LABEL)) and not re.search(r",\s", text)


def _open(m: Marker, line: Line, next_text: str | None) -> _Node:
    node = _Node(m, [line])
    rest = squash(m.rest)
    if m.kind in BULLETS or not rest:
        node.text = rest
        return node
    wraps = next_text is not None and marker_of(next_text) is None and (starts_lower(next_text)
                                                                      or _cuts_a_name(rest, next_text)
                                                                      or bool(OPENS_INLINE_ITEMS.search(rest)))
    label, sep, after = rest.partition(":")
    bare = HONORIFIC.sub("", label)  # 'Ông. Hoàng Văn Thuân - Trưởng đoàn: Phụ trách chung …'
    if not wraps and is_name_list(rest) or sep and is_name_list(label) and proper_names(after):
        node.heading = rest.rstrip(":")  # '1. Giám đốc các Sở …; Chủ tịch …:', '12. UBND các xã: Gia Thuận, Tân Điền'
    elif sep and _is_topic(label):
        node.heading, node.text = label.strip(), squash(after)  # '3. Về …: Giao Bộ …', '3. Về …:' over paragraphs
    elif sep and _titles_duties(label, after):
        node.heading, node.text = label.strip(), squash(after)  # '2. Đẩy mạnh rà soát, …: Các bộ khẩn trương …'
    elif sep and ADDRESS.match(label.strip()):
        node.text = rest  # a member of a body set up, not a title: '1. Ông: X - Phó Giám đốc Sở, Trưởng đoàn;'
    elif sep and after.strip() and ((len(core := _BRACKETED.sub("", bare)) <= LABEL_CHARS
                                     or m.kind != "article" and _long_label(core)
                                     or folded(label).startswith(SCOPE_LABEL) or _CITES_RULE.search(folded(label))
                                     or len(label) <= LONG_HEADING_CHARS and ANSWER.match(after.strip()))
                                    and not any(c in core.rstrip(".") for c in ".;(") and not _is_sentence(label)
                                    and not folded(label).endswith(INTRODUCING) or is_name_list(label)) \
            and not _colon_in_name(rest, len(label)) and not _names_the_label(after):
        node.heading, node.text = label.strip(), squash(after)
    elif not wraps and next_text is not None and marker_of(next_text) is not None and names_a_doer(rest):
        node.heading = rest.rstrip(":")  # '1. Các cơ quan đăng ký đầu tư (Sở Tài chính, …):' over its duties
    elif not wraps and rest.endswith(":") and len(rest) <= LONG_HEADING_CHARS and ";" not in rest \
            and next_text is not None and marker_of(next_text) is not None and _opens_with_agency(rest):
        node.heading = rest.rstrip(":")  # '2. Bộ Quốc phòng, Bộ Công an … chủ trì, phối hợp với …:' over a), b)
    elif not wraps and next_text is not None and _staffs(next_text):
        node.heading = rest.rstrip(":.")  # the duty as the item's title, its labels below
    elif not wraps and m.kind != "article" and next_text is not None and marker_of(next_text) is not None \
            and _titles_items_below(rest):
        node.heading = rest.rstrip(":")  # 'g) Tình hình thực hiện các quy định … tiền chất thuốc nổ:' over its bullets
    elif not wraps and _opens_its_children(m, next_text) and not _sentence_with_subject(rest):
        node.heading = rest.rstrip(":.")  # '7.4. Đánh giá tổng hợp … (thực trạng, nguyên nhân, giải pháp).' over 7.4.1.
    elif not wraps and _is_heading(rest, next_text) and not _sentence_runs_on(rest, next_text):
        node.heading = rest.rstrip(":")
    else:
        node.text = rest
    return node


_BRACKETED = re.compile(r"\s*\([^()]*\)")  # '2. Mã số thông tin công trình (theo quy định …): Chưa có' – a short label
# A form's item naming the rule it follows ('1. Sự tuân thủ … (thực hiện theo quy định tại khoản 1 Điều 46 …): …'):
# a label of any length.
_CITES_RULE = re.compile(r"\((?:thuc hien )?theo quy dinh tai [^()]*\)\W*$")


def _long_label(label: str) -> bool:
    """A report's longer label names a matter, not a duty ('4. Vướng mắc về xử lý tài sản trên đất
    tại các Cụm công nghiệp …: việc bồi thường …', '1. Nhóm cụm công nghiệp do UBND cấp xã, phường
    quản lý: đây là …'): no body is named in it but the one a matter is run by ('do UBND …'); a
    body after a verb ('Tham mưu, trình Ủy ban nhân dân tỉnh: …', 'Chấp thuận cho Công ty …: …')
    makes the text before the ':' a sentence, and so do a provision taking effect and a target
    ('b) 100% các nguồn phát sinh khí thải lớn …: xi măng, …')."""
    if len(label) > LONG_LABEL_CHARS or "có hiệu lực" in label or label[:1].isdigit():
        return False
    return all(label[:a.start].rstrip().endswith(" do") for a in find_agencies(label))


def _is_topic(label: str) -> bool:
    """An item titled by its topic ('Về …'), however long its title runs."""
    return folded(label).startswith(TOPIC_LABEL)


def _titles_duties(label: str, after: str) -> bool:
    """A long title whose ':' is followed by who does it or by inline items ('2. Đẩy mạnh rà soát, xây
    dựng, hoàn thiện thể chế, cơ chế chính sách: Các bộ khẩn trương …', '3. Khẩn trương xây dựng …:
    (1) Thanh tra Chính phủ …'): a notice's title for the duties it hands out. The title is one
    clause ('.', ';' and brackets end it) and names no agency itself."""
    after = after.strip()
    if len(label) > LONG_HEADING_CHARS or any(c in label for c in ".;()") or find_agencies(label):
        return False
    return after.startswith("(1)") or _sentence_with_subject(after)


def _is_sentence(label: str) -> bool:
    """Text before a ':' that opens with an agency and goes on in lower case ('(1) Bộ Tài chính giải
    quyết 03 vấn đề tồn đọng: (i) …'): the start of a sentence, not a label."""
    agency = _opening_agency(label)
    rest = label[agency.end:].split() if agency else []
    return len(rest) >= 2 and rest[0][:1].islower()


def _sentence_with_subject(text: str) -> bool:
    """The text opens with an agency that does something ('Các bộ khẩn trương trình …')."""
    agency = _opening_agency(text)
    return agency is not None and bool(PREDICATE.match(folded(text[agency.end:].strip())))


def _ends_label(first: str, text: str) -> bool:
    """``text`` completes the topic title ``first`` began: a ':' follows a few words that end no
    sentence ('Biên vào …: Giao …'), not a paragraph of its own under a whole title."""
    label, colon, _ = _at_label_colon(text)
    return bool(colon) and not re.search(r"\.(?:\s|$)", label) and len(first) + len(label) <= LONG_HEADING_CHARS


def _at_label_colon(text: str) -> tuple[str, str, str]:
    """``text`` split at its first ':' that ends a label, not one inside a code ('QCVN 05A:2020/BCT')."""
    found = _LABEL_COLON.search(text)
    return (text[:found.start()], ":", text[found.end():]) if found else (text, "", "")


def _names_the_label(after: str) -> bool:
    """The ':' says which ones the label means and the sentence goes on after a comma ('Đối với các
    Cụm công nghiệp: Phú Thịnh 5 và Phú Thịnh 6, giao UBND phường Văn Phú …'): one sentence, no label."""
    names, comma, rest = after.strip().partition(",")
    words = names.split()
    return bool(comma and words) and all(w[:1].isupper() or w[:1].isdigit() or w == "và" for w in words) \
        and folded(rest.strip()).startswith(ASKING)


def _colon_in_name(text: str, colon: int) -> bool:
    """The ':' belongs to an agency's name that lists its members ('5. Các Bộ: Quốc phòng, Công
    an chủ động …'): the line is a sentence whose subject is that group, not 'Label: text'."""
    return any(a.start < colon < a.end for a in find_agencies(text))


def _opens_with_agency(text: str) -> bool:
    """The line's subject is an agency ('Bộ Tài chính chủ trì, phối hợp …:'): said of a short line
    that announces the items below, it is the title the agency's duties are listed under (a long
    one, or one with ';', gives a duty of its own before them: 'UBND các tỉnh chịu trách nhiệm …;
    lồng ghép …:')."""
    return _opening_agency(text) is not None


def _opening_agency(text: str) -> Agency | None:
    """The agency the text begins with, if it begins with one."""
    found = find_agencies(text)
    return found[0] if found and found[0].start == 0 else None


def _sentence_runs_on(rest: str, next_text: str | None) -> bool:
    """A short line whose agency already does something, unpunctuated, with unnumbered text
    below ('(3) Bộ Công an tiếp tục chủ động phối hợp, hướng dẫn' / 'Bộ Y tế, Ban Quản lý dự án
    …'): a sentence a text file broke, not a title."""
    if next_text is None or marker_of(next_text) is not None or rest.endswith(SENTENCE_END):
        return False
    return _sentence_with_subject(rest)


def _staffs(next_text: str) -> bool:
    """The next line is a label bullet ('- Cơ quan chủ trì: Sở Khoa học và Công nghệ.'): the
    item above, however long, is a title ('a) Nghị định quy định về điều kiện kinh doanh …')."""
    m = marker_of(next_text)
    return m is not None and m.kind in BULLETS and is_label(squash(m.rest))


def _titles_items_below(rest: str) -> bool:
    """A longer line ending in ':' over items, naming a matter ('a) Quyết định phê duyệt dự án đầu tư xây
    dựng kèm theo Báo cáo nghiên cứu khả thi …:'): their title. Not an opening that introduces them ('…
    với những nội dung sau:', '… đề nghị:'), a target ('… được kiểm soát, cải thiện:') or a duty naming
    a body ('Tổ chức triển khai … do Bộ Công an chủ trì …:')."""
    label = rest[:-1] if rest.endswith(":") else ""
    key = folded(label)
    return bool(label) and _long_label(_BRACKETED.sub("", label)) and not find_agencies(label) \
        and not key.endswith((*INTRODUCING, " sau", " de nghi")) and " duoc " not in f" {key} "


def _opens_its_children(m: Marker, next_text: str | None) -> bool:
    """The next line is this item's first sub-item ('7.4.' then '7.4.1.'): the item, however long
    or punctuated, is their title."""
    below = marker_of(next_text) if next_text is not None else None
    return m.kind.startswith("decimal") and below is not None and below.number == f"{m.number}.1"


def _is_heading(rest: str, next_text: str | None) -> bool:
    if is_upper(rest):
        return True
    wraps = next_text is not None and marker_of(next_text) is None and starts_lower(next_text)
    if wraps or rest.endswith(",") or rest.split()[-1].lower() in CONNECTIVES and not rest.endswith(ENDS_WHOLE):
        return False  # the sentence goes on on the next line
    short = len(rest) <= HEADING_CHARS and ";" not in rest
    if short and (not rest.endswith(".") or len(rest) <= SHORT_HEADING_CHARS):
        return True
    # A long title such as '1. Tái cơ cấu ngành công nghiệp …, nâng cao giá trị gia tăng và …'
    # ends without punctuation, and its items follow on numbered or bulleted lines, or a
    # report's paragraphs on it ('1. Điều kiện tỷ lệ lấp đầy … không có trường hợp loại trừ' /
    # 'Điểm c khoản 1 …'); an agency doing something is a sentence, not a title.
    if len(rest) > LONG_HEADING_CHARS or rest.endswith(SENTENCE_END) or next_text is None:
        return False
    return marker_of(next_text) is not None or next_text.lstrip()[:1].isupper() and not _is_sentence(rest)


def _cuts_a_name(rest: str, next_text: str) -> bool:
    """The line ends inside an agency's name that the next line completes ('l) Đài Truyền hình
    Việt Nam, Đài Tiếng nói Việt' / 'Nam, Thông tấn xã Việt Nam chủ trì …'): a wrapped sentence.
    Only a name the gazetteer knows counts: '1. Sở Y tế' / 'Chủ trì …' would read 'Sở Y tế Chủ trì'."""
    cut = len(rest)
    return any(a.start < cut < a.end and is_known(a.text) for a in find_agencies(f"{rest} {next_text.strip()}"))


def _continue(node: _Node, line: Line, in_quote: bool = False) -> None:
    """Add an unnumbered line: a wrapped upper-case heading, or the node's running text. A
    quoted passage is one paragraph of it, so that its duties are told from the node's own."""
    text = squash(line.text)
    node.lines.append(line)
    first = node.text or node.heading or ""
    if len(node.lines) == 2 and _is_topic(first) and ":" not in first and _ends_label(first, text):
        label, _, after = _at_label_colon(f"{first} {text}")  # '6. Về việc … của tỉnh Điện' / 'Biên vào …: Giao Bộ …'
        node.heading, node.text = label.strip(), squash(after)
    elif node.heading is None and (_ends_scope_title(node, text) or _ends_name_list(node, text)):
        node.heading, node.text = node.text, text  # '2.3. Đối với công tác …,' / '… khoáng sản' / 'Yêu cầu …'
    elif node.heading and not node.text and (is_upper(text) and is_upper(node.heading) or _wraps_topic(node, text)):
        node.heading = f"{node.heading} {text}"
    elif not node.text:
        node.text = text
    elif node.text.rstrip(CLOSING_QUOTES).endswith(SENTENCE_END) and not starts_lower(text) and not in_quote:
        node.text = f"{node.text}\n{text}"
    else:
        node.text = f"{node.text} {text}"


def _ends_scope_title(node: _Node, text: str) -> bool:
    """A scope title a text file wrapped over lines ('2.3. Đối với công tác quản lý, thống kê, …' /
    '… khai thác, thu hồi khoáng sản') ends where its last line stops short of the first one's
    width and a capitalised paragraph starts ('Yêu cầu thực hiện …')."""
    if len(node.lines) < 3 or not node.text or not folded(node.text).startswith((SCOPE_LABEL, TOPIC_LABEL)):
        return False
    first, last = node.lines[0].text.strip(), node.lines[-2].text.strip()
    return not re.search(r"[.;:]", node.text) and len(node.text) <= LONG_HEADING_CHARS \
        and len(last) < TITLE_END_RATIO * len(first) and text[:1].isupper()


def _ends_name_list(node: _Node, text: str) -> bool:
    """The bodies an item charges, wrapped onto a second line ('1. Công an tỉnh, các sở, ban, ngành,
    đoàn thể tỉnh và Ủy ban nhân dân' / 'các xã, phường'), end where a capitalised paragraph starts
    ('Theo chức năng, nhiệm vụ, …'): they are the item's title."""
    return len(node.lines) >= 3 and bool(node.text) and text[:1].isupper() and "\n" not in node.text \
        and not node.text.endswith(SENTENCE_END) and is_name_list(node.text)


def _wraps_topic(node: _Node, text: str) -> bool:
    """A topic title a text file wrapped inside a name ('1. Về Dự án Nhà máy điện Nhơn' / 'Trạch 3 và
    Nhơn Trạch 4'): a short second line that ends no sentence goes on with the title."""
    return len(node.lines) == 2 and _is_topic(node.heading or "") and len(text) <= SHORT_HEADING_CHARS \
        and not text.endswith((*SENTENCE_END, ","))


def _to_model(sha: str, node: _Node, key: str) -> Section:
    """Ids from the path of sibling indices and numbers, e.g. '0:I/1:2/0:a'."""
    return Section(
        id=make_id(sha, "section", key),
        provenance=provenance_of(node.lines),
        number=node.marker.number,
        heading=node.heading,
        text=node.text,
        children=[_to_model(sha, child, f"{key}/{i}:{child.marker.number}") for i, child in enumerate(node.children)],
    )

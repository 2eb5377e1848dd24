"""Tasks of a plan: who does what, by when, read off the section tree of its body.

A Kế hoạch assigns duties mostly in 'Tổ chức thực hiện', but also under 'Phân công nhiệm
vụ', 'Nhiệm vụ cụ thể' or inside its tasks ('… giao Sở X chủ trì …'); a Quyết định that
approves or issues a plan carries the plan's text. Every section is read, except those that
state purposes, targets and viewpoints (their sentences name agencies without assigning
them anything). Duties are assigned in one of two shapes:

* an agency as the heading, its duties as text or bullets below ('1. Sở Y tế: Chủ trì …',
  '3. Sở Văn hóa, Thể thao và Du lịch' / '- Định hướng …'): the heading's agency leads each;
* a numbered paragraph whose subject is the agency ('Sở Khoa học và Công nghệ theo dõi …',
  'Giao Công an tỉnh chủ trì, phối hợp với Văn phòng UBND tỉnh …').

* duties as bullets, the agencies named after them by labels ('Đơn vị chủ trì: Phòng X;
  Đơn vị phối hợp: Phòng Y', 'Cơ quan thực hiện: …', 'Thời gian thực hiện: Quý II/2026'):
  the labels lead, assist and date every bullet of the item.

A paragraph with no agency as subject or 'chủ trì' (general remarks such as 'Trong quá
trình thực hiện, nếu có khó khăn …') gives no task: no lead, no assignment. Directives charge
agencies the same way: a Chỉ thị, a Công điện, and a Thông báo that gives a leader's
conclusions or directions ('Kết luận của Phó Thủ tướng …', 'Ý kiến chỉ đạo …'). So does a
Công văn that asks its addressees to do something ('Đề nghị Công ty bổ sung tài liệu kiểm định …',
'Giao Sở Nông nghiệp và Môi trường khẩn trương chia sẻ …'), as the annotators of seven Công văn
read them (FORMAT.md, helpers CC, DD); one that only informs gives none, having no subject that
acts. Other document types (báo cáo, tờ trình, other thông báo) give none: their numbered items
report or propose, and a task list full of them would be noise.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from ..models import Section, Task
from .agencies import Agency, canonical_name, find_agencies, is_collective, is_name_list, proper_names
from .closing_article import executors
from .deadlines import read_timing
from .doers import ASKING, RUNS_ON, cut_short, doer_names
from .ids import make_id
from .labels import LABEL, TIME_LABEL, is_label
from .legal_bases import aligned_fold
from .lines import folded
from .quotes import is_quoted

TASK_DOC_TYPES = ("Kế hoạch", "Quyết định", "Chỉ thị", "Chương trình", "Đề án", "Công điện", "Công văn")
# A Thông báo whose trích yếu opens so charges agencies: a leader's conclusions or directions, and
# the results of an inspection, which demand remedies of the body inspected ('2. Yêu cầu đối với chủ đầu tư').
DIRECTING_NOTICES = ("ket luan", "y kien chi dao", "ket qua kiem tra")
MEETING_LABELS = ("dia diem", "thanh phan")  # where a meeting or inspection is held, and who attends
NO_TASK_SECTIONS = ("muc dich", "yeu cau", "muc tieu", "quan diem", "ket qua", "tinh hinh", "danh gia",
                    "can cu", "su can thiet", "pham vi", "doi tuong", "chi tieu", *MEETING_LABELS)
CLOSING_PARAGRAPH = "tren day la"  # 'Trên đây là Kế hoạch …' glued to the last item
_INTRO = re.compile(r"^(?:(?:can cu|tren co so) [^,]*,\s*|giao\s+|de nghi\s+|yeu cau\s+|uy quyen(?: cho)?\s+"
                    r"|(?:do vay|vi vay|vi the),\s*(?=de nghi|giao|yeu cau)"  # 'Do vậy, đề nghị Công ty …'
                    r"|(?:cac )?dong chi\s+"
                    r"|thu (?:nhat|hai|ba|tu|nam|sau|bay|tam|chin|muoi),\s*)+")  # 'Thứ tư, các địa phương cần …'
# A clause of purpose, time or role before the sentence's subject ('Để tháo gỡ …, tỉnh X cần …',
# 'Sau khi phương án … được thông qua, Bộ Tài chính khẩn trương …', 'Với vai trò là chủ đầu tư, …',
# 'Trong thời gian chưa hoàn thành di dời, giao các sở …'). A clause of scope ('Đối với các Cụm công
# nghiệp: …, giao UBND …') is followed by its subject only after 'giao' / 'đề nghị' / 'yêu cầu' ('Đối
# với các địa phương …, Ủy ban nhân dân các cấp … thì cần …' names the object).
_LEADING_CLAUSE = re.compile(r"^(?:de (?!nghi\b|xuat\b)|(?:sau khi|truoc khi|khi|voi vai tro|trong thoi gian"
                             r"|truong hop|nham|tren co so|ngoai viec)\b)")  # 'Trên cơ sở đề nghị của các Bộ, cơ quan liên quan, Bộ Tài chính …'
SCOPE_CLAUSE = "doi voi "
ALSO = "dong thoi "  # '…; đồng thời UBND phường Âu Lâu đề xuất …': a clause of its own for whom it names
# Duties handed out by someone named after 'do' ('Nhiệm vụ cụ thể của các thành viên trong Đoàn kiểm tra do
# Trưởng đoàn phân công'): that one is the subject (FORMAT.md, helper-R).
_ASSIGNED_BY = re.compile(r"^nhiem vu (?:cu the )?cua [^.;]*?\bdo (?=.*\bphan cong\b)")
_PLACE_WORD = r"(?:[Cc]ác\s+)?(?:[Tt]ỉnh|[Tt]hành phố)"
_PROPER = r"[A-ZĐ][^\s,;:.()]*"
_PLACES = re.compile(rf"{_PLACE_WORD}(?:\s+{_PROPER})*(?:(?:\s*,\s*|\s+và\s+)(?:{_PLACE_WORD}\s+)?{_PROPER}(?:\s+{_PROPER})*)*")
_PLACE_SPLIT = re.compile(rf"(?:,\s*|\s+và\s+)(?={_PLACE_WORD}\s)")
_DUTY_VERB = re.compile(r"(?:can|phai|khan truong|chu dong|tiep tuc|day nhanh|tap trung|thuc hien|ra soat|can cu"
                        r"|to chuc|nghien cuu|bao cao|hoan thanh|chi dao|phoi hop|chiu trach nhiem|quyet liet|som"
                        r"|xay dung|tong hop)\b")
_CLAUSE_END = re.compile(r"(?<=[.;])\s+(?=\S)")  # where a sentence or a ';' clause ends
_JOINER = re.compile(r"^(?:,|;|/|va|, va|cac|va cac|, cac)?$")  # '/': 'Sở Văn hóa, Thể thao và Du lịch/Sở Văn hóa …'
_LEAD_CUE = re.compile(r"\bchu tri\b")
_PARTNERS_BELOW = re.compile(r"^chu tri,?\s*(?:va\s*)?phoi hop(?: voi| cung)?\s*:?$")  # 'Chủ trì, phối hợp' / '- Sở X …'
PERSON = re.compile(r"^(?:Ông|Bà|Đồng chí|Đ/c)\.?\s+[A-ZĐÀ-Ỹ]")
# What is left of a paragraph that names agencies only to announce the items below ('Các bộ, ngành có
# trách nhiệm:', '…, thành phố Đà Nẵng cần tập trung thực hiện tốt một số nhiệm vụ, giải pháp sau đây:').
_ANNOUNCES = re.compile(r"^(?:can |phai |khan truong )?(?:(?:co|chiu) trach nhiem|(?:trien khai, )?(?:tap trung )?thuc hien(?: tot| day du| nghiem tuc)?)?\s*"
                        r"(?:cac cong viec(?: lien quan| sau)?|(?:mot so |cac )?(?:nhiem vu|giai phap|noi dung)(?:,? (?:nhiem vu|giai phap))*"
                        r"(?: trong tam| chu yeu| cu the)?(?: cap bach)? (?:nhu )?sau(?: day)?|nhu sau"
                        r"|(?:mot so|cac) (?:\S+ ){1,3}sau(?: day)?)?\s*:?$")  # '… một số nội [dung] sau:'
# A notice of a meeting with one province ('… TẠI BUỔI LÀM VIỆC VỚI LÃNH ĐẠO TỈNH PHÚ THỌ'): the duties
# its part on tasks lists with no subject are that province's (FORMAT.md, helper-K).
_MEETS_PLACE = re.compile(r"\blam viec voi (?:lanh dao |thuong truc |ban thuong vu )?(tinh|thanh pho) (?!uy\b)"
                          r"(.+?)(?= ve\b| tai\b| nam\b|,|$)")
_ASKED = r"\s+(?:cac )?(?:dong chi\s+)?"  # who is asked follows: '… yêu cầu (các đồng chí) Bộ trưởng, …'
# the issuer asks the agencies after it ('… yêu cầu …', '… trân trọng đề nghị …')
_ASKS_NEXT = re.compile(rf"\s+(?:kinh |tran trong )?(?:yeu cau|de nghi|giao){_ASKED}")
_ASKS = re.compile(r"\b(?:yeu cau|de nghi)\s+(?:(?:cac )?dong chi\s+)?")  # 'các' is left to the name ('các chủ đầu tư')
_DUTY_PART = re.compile(r"\b(?:nhiem vu|giai phap)\b")  # 'II. MỘT SỐ NHIỆM VỤ, GIẢI PHÁP TRONG THỜI GIAN TỚI'
# The issuer asking everyone to carry the plan out ('Ủy ban nhân dân tỉnh yêu cầu các Sở, ban,
# ngành … nghiêm túc triển khai thực hiện Kế hoạch này'): a closing remark, not a task.
# So is 'Chủ tịch UBND tỉnh yêu cầu Thủ trưởng …' / 'Yêu cầu Giám đốc các sở … thực hiện nghiêm
# Chỉ thị này', and a notice's last line ('Văn phòng Chính phủ thông báo để … biết, thực hiện',
# 'Sở Công Thương thông báo cho Công ty … được biết để …',
# '… trân trọng thông báo./.').
_ISSUER_ASKS = re.compile(r"^[^\s,]+(?: [^\s,]+){0,8} (?:yeu cau|de nghi) (?:cac|thu truong|giam doc|chu tich|lanh dao)\b"
                          r"|^yeu cau .*\b(?:chi thi|ke hoach|cong dien|quyet dinh) nay\b"
                          r"|^\S+(?: \S+){0,6} (?:thong bao (?:cho |de )?.* biet\b|tran trong thong bao)"
                          # a letter's sender signing off ('Sở Công Thương kính báo cáo …', '… phúc đáp để Công ty …
                          # biết, thực hiện', 'Thuế tỉnh Tây Ninh trả lời cho Công ty được biết …', 'Cục Thuế
                          # có ý kiến để … được biết') or introducing what it conveys ('… có ý kiến chỉ đạo như sau:')
                          r"|^\S+(?: \S+){0,8} (?:kinh bao cao|kinh trinh|phuc dap|tra loi|tran trong cam on"
                          r"|co y kien (?:de|chi dao|nhu sau))\b"
                          # or asking the addressee to carry the letter out ('Sở … yêu cầu Công ty … nghiêm túc thực hiện;')
                          r"|^\S+(?: \S+){0,8} (?:yeu cau|de nghi) [^;.]{0,120}? (?:nghiem tuc|khan truong|to chuc|trien khai)"
                          r" thuc hien\s*(?:[;.]|$)")
_CARRIES_OUT = re.compile(r"^\W*(?:nghiem tuc |khan truong )?(?:to chuc |trien khai,? )?thuc hien\W*$")
# A duty that ends by announcing what a report must contain ('… tổng hợp báo cáo cụ thể về một số nội
# dung sau:' / '(1) Số hộ dân có nhà bị sập …'): the items below are its contents, not duties of their own.
_LISTS_CONTENTS = re.compile(r"\bbao cao\b.*\b(?:noi dung|thong tin|so lieu)(?: cu the)? (?:nhu )?sau(?: day)?\s*:$"
                             r"|\bvan ban(?: quy pham phap luat)? (?:nhu )?sau(?: day)?\s*:$")  # '… các văn bản … sau:' / '- Nghị định …'
# '(1) …; (2) …' or '(i) …; (ii) …' numbering items inside one paragraph, after its ':' or a ';'.
_INLINE_MARKER = re.compile(r"(?:^|(?<=[:;])\s*)\((\d{1,2}|[ivx]{1,4})\)\s*")
MAX_NAME_WORDS_LABELLED = 12  # a body named after a role's ':' ('Chủ đầu tư: Ban Quản lý dự án … xã Trấn Yên.')
TITLE_CARRIES_WORDS = 10  # an inline item with this few words after its agency names no duty of its own
# A request after a comma or a label's ':' inside a sentence ('…, do vậy đề nghị Chủ đầu tư cập nhật …',
# '- Về hạ tầng bảo vệ môi trường: Đề nghị Chủ đầu tư …'), or after the reason it follows from ('… liên quan
# đến quy định tại Nghị định số 60/2014/NĐ-CP … nên đề nghị Công ty liên hệ …'): the request starts a task there.
_ASKS_INSIDE = re.compile(r"(?:[,:]\s+(?:do vậy,?\s+|vì vậy,?\s+)?|\s+nên\s+)((?:đề nghị|Đề nghị)\s+(?!của\b))")
SNAGS = ("vuong mac", "kho khan", "phat sinh")  # the closing's 'if anything goes wrong, report it': no task
# … said of what may arise ('nếu có khó khăn, vướng mắc, đề nghị …'), not of the question answered ('… vướng mắc của
# Công ty liên quan đến … nên đề nghị Công ty liên hệ …')
_IF_SNAGS = re.compile(r"\b(?:truong hop|neu|khi)\b.*\b(?:" + "|".join(SNAGS) + r")\b")
# Items that hand out no duty: that closing as an item or paragraph of its own ('Trường hợp phát sinh khó
# khăn, vướng mắc, đề nghị Công ty tổng hợp báo cáo …'), and the particulars of a body ('- Tên chủ đầu tư:
# Công ty …', '- Địa chỉ liên hệ: …', '- Số điện thoại: …') listed under it, or of a meeting ('- Thành phần: …').
_NO_DUTY = re.compile(r"^(?:trong qua trinh [^,.;]*,\s*)?(?:truong hop|neu)\b[^.;]*\b(?:" + "|".join(SNAGS) + r")\b"
                      r"|^(?:ten(?: [^:]{1,30})?|dia chi(?: [^:]{1,20})?|(?:so )?dien thoai|email|fax|website|dia diem|thanh phan"
                      r"|ma so (?:thue|doanh nghiep))\s*:"
                      # what happened before the letter ('Ngày 16/6/2025, Quốc hội đã thông qua …', 'Trong thời gian qua, … đã …')
                      r"|^(?:trong )?(?:thoi gian qua|ngay \d{1,2}/\d{1,2}/\d{4}),[^.;]{0,100}?\bda\b")
_PARTICULARS = re.compile(r"^\W*(?:\([^)]*\)\s*)?[;:,]\s*(?:dia chi|giay chung nhan|ma so|(?:so )?dien thoai)\b")  # 'Công ty …; Địa chỉ: …'
# An item that tells the rule ('Theo quy định tại khoản 3 Điều 13 Nghị định …, thời hạn của Giấy phép …'),
# and a finding followed by what is asked about it of no one named ('…. Đề nghị rà soát, ghi thống nhất …').
_STATES_RULE = re.compile(r"^theo quy dinh\b")
# and one that says what a thing is or how it is made ('Hồ sơ thống kê bao gồm: …', 'Báo cáo định kỳ … được lập
# theo Mẫu số 06 …', 'Việc xác định trữ lượng … được căn cứ vào …'): a definition, told to no one
_DEFINES = re.compile(r"^[^,;:.]{0,100}?\b(?:bao gom|duoc (?:lap|can cu|xac dinh|tich hop|quy dinh|the hien))\b")
_ASKED_AFTER_FINDING = re.compile(r"(?<=[.;])\s+(?:Đề nghị|Yêu cầu)\s+(?=[a-zđà-ỹ])")
ASKED_VERB_WORDS = 4  # an opening that asks named bodies to do 'what follows' with a verb this short
_DETAILED = re.compile(r",?\s*cu the(?: nhu sau)?\s*:?$")  # '…, hoàn thành trong tháng 11 năm 2025, cụ thể:'
# A decision that sets out a body's functions and duties, and the article that lists the duties.
_REGULATES = re.compile(r"\bchuc nang, nhiem vu(?:,| va) quyen han\b.*?\bcua (.+)$")
_DUTY_ARTICLE = re.compile(r"^nhiem vu(?:,| va) quyen han$")
_AGREES = re.compile(r"^(?:(?:co ban |da )?(?:thong nhat(?! quan ly)|nhat tri|dong y)|co (?:chuc nang|tu cach phap nhan)|da |nhan duoc "
                     r"|chua (?![^.;]*\b(?:phai|can|khan truong)\b)"  # what it has not done yet, unless told to
                     r"|la (?!(?:co quan |don vi )?(?:dau moi|thuong truc|chu tri)))\b")  # '… là cơ quan đầu mối' is a duty
MAX_GROUP_WORDS = 15  # words describing a group between its kind and 'có trách nhiệm'
# 'X có trách nhiệm …': the sentence's duty, with its subject before it (no clause break between).
_RESPONSIBLE = re.compile(r"(?<=[^\s.;:])\s+(?:có|chịu) trách nhiệm\b")
# A rule restated ('Khoản 1 Điều 59 Nghị định … quy định: …') for those it binds, named by their kind ('Tổ
# chức, cá nhân khai thác khoáng sản …'), up to what they must do ('có trách nhiệm', 'phải').
_RULE_SAYS = re.compile(r"^[^:.;]{0,150}\bquy định:\s*")
_BOUND_BY_RULE = re.compile(r"(?:Các |các )?[Tt]ổ chức, cá nhân\s+(?!có liên quan\b)[a-zđà-ỹ]")
_BINDS = re.compile(r"(?<=[^\s.;:])\s+(?:(?:có|chịu) trách nhiệm|phải)\b")
_VERB_AHEAD = re.compile(r"\s+" + _DUTY_VERB.pattern)  # a duty's verb after words describing its doer
# What a group asked by its kind does, said right after it ('các đơn vị hoạt động hóa chất …')
_DESCRIBES = re.compile(r"\s+(?:hoat dong|kinh doanh|san xuat|su dung|tham gia|co hoat dong|dang)\b")
_COORD_CUE = re.compile(r"\bphoi hop(?: chat che)?(?: voi| cung)?\s*")
# Sections whose items are headed by who does the work ('IV. TỔ CHỨC THỰC HIỆN' / '4. Các doanh
# nghiệp viễn thông'); elsewhere an item's heading is a topic ('2.3. Thử nghiệm và tối ưu hóa').
# whose duties the item lists ('Nhiệm vụ và quyền hạn của Đoàn kiểm tra', 'Yêu cầu đối với chủ đầu tư')
_DUTIES_OF = re.compile(r"^(?:(?:trach nhiem|nhiem vu(?:,? (?:va )?quyen han)?) cua|yeu cau doi voi)\s")
ASSIGNING_SECTIONS = re.compile(r"\b(?:to chuc thuc hien|phan cong|trach nhiem|nhiem vu cua|giao nhiem vu)\b")


def build_tasks(sha: str, doc_type: str | None, sections: list[Section], title: str | None = None,
                opening: str = "") -> list[Task]:
    """The tasks of a plan's sections, in reading order; ``title`` is the trích yếu, which tells
    a notice of conclusions from other notices; ``opening`` is the last paragraph before the
    numbered body, which may say whom the items are asked of."""
    directing = doc_type == "Thông báo" and folded(title or "").startswith(DIRECTING_NOTICES)
    if doc_type not in TASK_DOC_TYPES and not directing:
        return []
    addressee = _addressee(title or "") if directing else []
    asked = _asked(opening)
    body = _regulated_body(title or "", sections)
    tasks: list[Task] = []
    for section in sections:
        duty_part = bool(section.heading and _DUTY_PART.search(folded(section.heading)))
        inherited = addressee if duty_part else asked
        if body and _DUTY_ARTICLE.match(folded(section.heading or "")):
            inherited = body
        tasks += _tasks_of(sha, section, inherited, assigning=False)
    return tasks


def letter_tasks(sha: str, doc_type: str | None, body: Section, sender: str | None) -> list[Task]:
    """The requests of a letter that numbers no items, read off its paragraphs (``body``, see
    ``sections.unnumbered_body``). A closing that asks to carry the letter out ('Căn cứ ý kiến chỉ
    đạo trên, Sở Công Thương … triển khai thực hiện./.') adds no duty, and neither does what the
    sender says of itself (see ``requests``)."""
    tasks = build_tasks(sha, doc_type, [body])
    for task in tasks:
        task.section_ref = None  # the paragraphs are no section of the letter
    return requests(tasks, sender)


def requests(tasks: list[Task], sender: str | None) -> list[Task]:
    """A letter's tasks that ask someone else for something of its own: what its sender says of
    itself ('Sở Công Thương xác định …', 'Bộ Tài chính gửi kèm bộ Cẩm nang gồm:') reports or
    answers, and a closing that only asks for the letter to be carried out ('… yêu cầu Công ty …
    nghiêm túc thực hiện; trong quá trình thực hiện có khó khăn …') adds no duty."""
    return [t for t in tasks if (not sender or any(folded(lead) != folded(sender) for lead in t.lead))
            and not _CARRIES_OUT.match(folded(_subject_and_rest(t.description)[1].split(";")[0]))]


def named_as_addressed(tasks: list[Task], addressees: list[str]) -> None:
    """Leads the patterns cut short, completed from the letter's 'Kính gửi' line where the task
    prints the addressee's whole name ('Công ty cổ phần Đầu tư' of 'Đề nghị Công ty cổ phần Đầu tư
    xây dựng hạ tầng cơ sở thông báo …', whose business line has no place to end it)."""
    for task in tasks:
        for i, lead in enumerate(task.lead):
            whole = next((name for name in addressees if len(name) > len(lead) and name.startswith(lead)
                          and name in task.description), None)
            if whole:
                task.lead[i], task.lead_canonical[i] = whole, canonical_name(whole)


def _regulated_body(title: str, sections: list[Section]) -> list[str]:
    """The body whose functions and duties a decision sets out ('… QUY ĐỊNH CHỨC NĂNG, NHIỆM VỤ, QUYỀN
    HẠN VÀ CƠ CẤU TỔ CHỨC CỦA SỞ NỘI VỤ TỈNH HÀ TĨNH'), as its text most often prints it ('Sở Nội vụ'):
    its article on duties lists them with no subject, one by one, and they are that body's."""
    found = _REGULATES.search(aligned_fold(title))
    if found is None:
        return []
    named = found[1]
    counts: dict[str, int] = {}
    for section in _walk(sections):
        for agency in find_agencies(f"{section.heading or ''}\n{section.text}"):
            key = folded(agency.text)
            if len(key.split()) >= 2 and named.startswith(key) and not is_collective(agency.text):
                counts[agency.text] = counts.get(agency.text, 0) + 1
    return [max(counts, key=lambda name: counts[name])] if counts else []


def _walk(sections: list[Section]) -> list[Section]:
    """Every section and all below it, in reading order."""
    return [node for section in sections for node in (section, *_walk(section.children))]


def _asked(paragraph: str) -> list[str]:
    """Whom an opening asks to carry out the items below ('…, Thủ tướng Chính phủ yêu cầu Bộ trưởng,
    Thủ trưởng Cơ quan ngang Bộ, …, Chủ tịch Ủy ban nhân dân các tỉnh, … thực hiện một số nhiệm vụ
    trọng tâm cấp bách sau:'), when it names them and nothing else before its ':'."""
    if not paragraph.endswith(":"):
        return []
    cues = list(_ASKS.finditer(aligned_fold(paragraph)))
    if not cues:
        return []
    names = _run(paragraph, find_agencies(paragraph), cues[-1].end())
    if not names:
        return []
    if len(names) == 1 and paragraph.startswith(names[0], cues[-1].end()):
        names = [_described(paragraph, cues[-1].end(), names[0], asked=True)]
    rest = paragraph[paragraph.find(names[-1], cues[-1].end()) + len(names[-1]):]
    rest = folded(rest.strip(" .;,"))
    # '… đề nghị UBND các xã, phường; các đơn vị … thực hiện nghiêm túc …. Cụ thể:': the items detail the request
    short = len(rest.rstrip(":").split()) <= ASKED_VERB_WORDS  # '… đề nghị UBND các tỉnh, thành phố quan tâm chỉ đạo:'
    return names if _ANNOUNCES.match(rest) or _DETAILED.search(rest) or short else []


def _addressee(title: str) -> list[str]:
    """The province a notice's meeting was held with, as a lead ('tỉnh Phú Thọ')."""
    found = _MEETS_PLACE.search(aligned_fold(title))
    if found is None:
        return []
    name = " ".join(word.capitalize() for word in title[found.start(2):found.end(2)].split())
    return [f"{'tỉnh' if found[1] == 'tinh' else 'thành phố'} {name}"]


def _states_aims(section: Section) -> bool:
    """A 'Mục đích, yêu cầu' / 'Mục tiêu' / 'Quan điểm' section: no duty is assigned there
    ('Yêu cầu đối với chủ đầu tư' demands, it is no aim)."""
    heading = folded(section.heading or "")
    return heading.startswith(NO_TASK_SECTIONS) and not _DUTIES_OF.match(heading)


@dataclass(frozen=True, slots=True)
class _Labels:
    """What an item's label lines say: 'Đơn vị chủ trì: …; Đơn vị phối hợp: …', 'Thời gian: …'."""

    lead: list[str] = field(default_factory=list)
    coordinating: list[str] = field(default_factory=list)
    timing: str = ""


NO_LABELS = _Labels()


def _tasks_of(sha: str, node: Section, inherited: list[str], labels: _Labels = NO_LABELS, *,
              assigning: bool) -> list[Task]:
    """The task of ``node``'s own text and those of its children; an agency named by the
    heading, or as the subject of the node's text, or by the item's labels, leads every duty below
    it. Under an ``assigning`` section a heading that names a doer leads even when the agency
    patterns do not know it."""
    if _states_aims(node):  # no duty, unless its last words hand the items below to someone
        intro = _lead_in(node)
        tasks = [t for child in node.children for t in _tasks_of(sha, child, intro, assigning=False)] if intro else []
        if folded(node.heading or "").startswith(MEETING_LABELS):  # a letter's request run on after its last item
            tasks += _later_charges(sha, node, labels, first_part=1)  # ('5. Địa điểm: …' / 'Đề nghị UBND xã …')
        return tasks
    if is_label(node.text) or _is_label_heading(node):  # no duty, but a request may follow ('5. Địa điểm: …' / 'Đề nghị …')
        return _later_charges(sha, node, labels, first_part=1)
    own = _labels_of(node)
    labels = own if own.lead or own.timing else labels
    heading_lead = _heading_lead(node.heading) if node.heading else []
    hands_out = node.heading and (_DUTIES_OF.match(folded(node.heading)) or folded(node.heading).startswith(ASKING))
    if node.heading and ((assigning or hands_out) and not heading_lead  # 'Giao người đứng đầu các cơ quan …'
                         or cut_short(node.heading, heading_lead)):
        heading_lead = doer_names(node.heading) or heading_lead
    lead = own.lead or heading_lead or inherited
    description = (_description(node.text) or _titled_duty(node, own) or _sentence_title(node)
                   or _detailed_duty(node))
    if _PARTNERS_BELOW.match(folded(description or node.heading or "")):  # each bullet names the partners, then the duty
        return [t for child in node.children if (t := _partnered_task(sha, child, lead, labels))]
    announced = _announced(description) if description else []
    inline = _inline_items(description) if description and not announced else []
    if announced:  # 'Các sở, ban, ngành; UBND các huyện.' heads its bullets
        lead, task = announced, None
    elif inline:
        task = None
    else:
        task = _task(sha, node, description, lead, labels) if description and not _agrees(description) else None
    tasks = [task] if task else []
    if task:
        tasks += _charged_in_turn(sha, node, task, labels)
    elif inline:
        tasks += _inline_tasks(sha, node, inline, lead, labels)
    elif description and not announced:
        tasks += _charged_later(sha, node, description, labels)
    tasks += _later_charges(sha, node, labels, first_part=len(tasks) + 1)
    assigning = assigning or bool(node.heading and ASSIGNING_SECTIONS.search(folded(node.heading)))
    lead = _lead_in(node) or (task.lead if task else lead)
    last = tasks[-1] if tasks else None  # the clause the contents follow, when the text charges several in turn
    if last and node.children and _LISTS_CONTENTS.search(folded(last.description)):
        last.description += "".join(f" {child.number} {_description(child.text)}" for child in node.children)
        return tasks + [t for child in node.children for t in _later_charges(sha, child, labels, first_part=1)]
    for child in node.children:
        tasks += _tasks_of(sha, child, lead, labels, assigning=assigning)
        lead = _announces_siblings(child) or lead
    return tasks


def _inline_items(text: str) -> list[tuple[str, str]]:
    """The items a paragraph numbers inline after nothing but its ':' ('a) Bộ Khoa học và Công nghệ:
    (1) trình Thủ tướng …; (2) chủ trì, phối hợp …'), as (marker, text); [] when it numbers none, or
    when a duty of its own comes first ('(1) Bộ Tài chính giải quyết 03 vấn đề tồn đọng: (i) …;
    (ii) …' lists what that one duty covers)."""
    markers = list(_INLINE_MARKER.finditer(text))
    if len(markers) < 2 or markers[0][1] not in ("1", "i") or not _announces_items(text[:markers[0].start()]):
        return []
    ends = [m.start() for m in markers[1:]] + [len(text)]
    return [(m[1], text[m.end():end].strip().rstrip(";").strip()) for m, end in zip(markers, ends)]


def _announces_items(head: str) -> bool:
    """What precedes a paragraph's inline items only announces them: nothing, a label, agencies, or
    agencies and one verb ('các bộ, ngành, địa phương tập trung:')."""
    head = head.strip()
    if not head:
        return True
    subject, rest = _subject_and_rest(head)
    return head.endswith(":") and (_ANNOUNCES.match(folded(rest.strip(" .;,"))) is not None
                                   or bool(subject) and len(rest.split()) <= 2)


def _inline_tasks(sha: str, node: Section, items: list[tuple[str, str]], lead: list[str],
                  labels: _Labels) -> list[Task]:
    """One task per inline item, led by its own subject or by whoever leads the paragraph; an item
    that ends with ':' announces the items after it ('(3) các bộ, ngành, địa phương tập trung: (i) …;
    (ii) …'), up to the next arabic one. An item naming only its agency and date ('(1) Thanh tra
    Chính phủ ban hành trước ngày 25 tháng 11 năm 2025') does the duty its item's title states
    (FORMAT.md, helper-P)."""
    tasks: list[Task] = []
    current = lead
    merged: list[tuple[str, str]] = []
    absorbing = False  # '(4) Phát triển VNeID … với 05 chức năng chính: (i) …; (ii) …' is one duty
    for marker, text in items:
        if merged and not marker.isdigit() and absorbing:
            glue = " " if merged[-1][1].endswith(":") else "; "
            merged[-1] = (merged[-1][0], f"{merged[-1][1]}{glue}({marker}) {text}")
        else:
            absorbing = text.endswith(":") and not _announces_items(text)
            merged.append((marker, text))
    for number, (marker, text) in enumerate(merged, start=1):
        if marker.isdigit():
            current = lead
        if text.endswith(":"):
            current = _subject(text) or current
            continue
        subject, rest = _subject_and_rest(text)
        if subject and node.heading and len(rest.split()) <= TITLE_CARRIES_WORDS:
            text = f"{node.heading}: {text}"
        if task := _task(sha, node, text, current, labels, f"({number})"):
            tasks += [task, *_charged_in_turn(sha, node, task, labels, prefix=f"({number})")]
    return tasks


def _announces_siblings(node: Section) -> list[str]:
    """Who an item with nothing under it hands the items after it to, when it only announces
    them ('1. Giao phòng Quản lý Công nghiệp triển khai, thực hiện các công việc liên quan:' / '2. Tổ
    chức kiểm tra …' / '3. Chuẩn bị …', numbered as its siblings)."""
    own = (node.text or node.heading or "").strip()
    if node.children or not (own.endswith(":") or node.heading and not node.text):
        return []
    return _announced(own)


def _lead_in(node: Section) -> list[str]:
    """Who the items below are charged to, when the node's text ends by saying so ('Để tiếp
    tục …, thành phố Đà Nẵng cần tập trung thực hiện tốt một số nhiệm vụ, giải pháp sau đây:')."""
    last = node.text.rstrip().rsplit("\n", 1)[-1].strip()
    if not (node.children and last.endswith(":")):
        return []
    # or by asking someone at its end over a list of bullets ('… Trong quá trình triển khai dự án …, đề nghị
    # Chủ đầu tư:' / '- Phối hợp …'); numbered items below such a request title topics, each naming its doers
    bulleted = all(not child.number[:1].isalnum() and not child.number.startswith("(") for child in node.children)
    return _subject(last) or (_asked(last) if bulleted else [])


def _partnered_task(sha: str, node: Section, lead: list[str], labels: _Labels) -> Task | None:
    """A bullet under 'Chủ trì, phối hợp': '- Sở Tài chính và các đơn vị có liên quan tham
    mưu …' – the agencies it opens with assist the lead above."""
    description = _description(node.text)
    task = _task(sha, node, description, lead, labels) if description and lead else None
    if task is None:
        return None
    partners = _subject(description)
    task.lead, task.lead_canonical = lead, [canonical_name(a) for a in lead]
    task.coordinating = [a for a in partners if a not in lead]
    task.coordinating_canonical = [canonical_name(a) for a in task.coordinating]
    return task


def _titled_duty(node: Section, own: _Labels) -> str:
    """The heading, when it is the duty: an item whose only content is its labels ('4. Phối hợp
    kiểm tra việc thi hành Luật …' / '- Cơ quan chủ trì: Sở X' / '- Thời gian thực hiện: …')."""
    if not (own.lead and node.heading) or node.text.strip():
        return ""
    return node.heading if all(is_label(c.text) or _is_label_heading(c) for c in node.children) else ""


def _sentence_title(node: Section) -> str:
    """A short item the section reader took for a title, but printed as a sentence with nothing
    under it ('a) Lưu trữ hồ sơ công trình theo quy định.'): the duty itself."""
    heading = node.heading or ""
    return heading if heading.endswith(".") and not node.text.strip() and not node.children else ""


def _detailed_duty(node: Section) -> str:
    """A title that is an agency's duty, detailed by the items below ('b) Các Bộ: Tài chính, Y tế, Tư
    pháp, Nội vụ khẩn trương khắc phục các bất cập …, hoàn thành trong tháng 11 năm 2025, cụ thể:'):
    the duty itself, without its 'cụ thể' (FORMAT.md, helper-Q)."""
    heading = node.heading or ""
    cut = _DETAILED.search(aligned_fold(heading))
    return heading[:cut.start()] if cut and node.children and _charges(heading[:cut.start()]) else ""


def _heading_lead(heading: str) -> list[str]:
    """Who a heading names: its agencies, or a person given duties ('Ông. Hoàng Văn Thuân -
    Trưởng đoàn'), as printed; agencies and the ones meant ('Ủy ban nhân dân các xã: Gia Thuận,
    Tân Điền') are one lead."""
    label, sep, which = heading.partition(":")
    if sep and is_name_list(label) and proper_names(which):
        return [heading]
    return _subject(heading) or ([heading] if PERSON.match(heading) else [])


def _is_label_heading(node: Section) -> bool:
    """An item headed by a label ('b) Cơ quan thực hiện:' over '- Đơn vị chủ trì: …' bullets,
    'c) Thời gian thực hiện: Hoàn thành trong năm 2025'): it dates or staffs its siblings."""
    return bool(node.heading) and is_label(f"{node.heading}:")


def _labels_of(node: Section) -> _Labels:
    """The labels printed in the item: paragraphs of its own text after the first, the text
    of its label bullets, and paragraphs run onto its last bullet (they follow it unnumbered)."""
    paragraphs = node.text.split("\n")[1:]
    for child in node.children:
        if _is_label_heading(child):  # the label, its value, and label bullets under it
            paragraphs += [f"{child.heading}: {child.text}", *(p for g in child.children for p in g.text.split("\n"))]
            continue
        parts = child.text.split("\n")
        paragraphs += parts if is_label(child.text) else parts[1:]
    lead: list[str] = []
    coordinating: list[str] = []
    timing = ""
    for paragraph in paragraphs:
        folded_text = aligned_fold(paragraph)
        if TIME_LABEL.match(folded_text):
            timing = timing or paragraph
        cues = list(LABEL.finditer(folded_text))
        for cue, nxt in zip(cues, [*cues[1:], None]):
            names = _names_in(paragraph[cue.end():nxt.start() if nxt else len(paragraph)])
            (coordinating if cue[1] == "phoi hop" else lead).extend(names)
    return _Labels(lead, coordinating, timing)


def _names_in(text: str) -> list[str]:
    """The bodies a label's value lists: the agencies the patterns know, and between them, as
    printed, any capitalised stretch they do not cover ('Sở Tư pháp; Báo và Phát thanh Truyền
    hình Lai Châu và các sở, ngành có liên quan')."""
    text = text.strip(" .;")
    names: list[str] = []
    position = 0
    for agency in [*find_agencies(text), None]:
        gap = text[position:agency.start if agency else len(text)]
        for piece in re.split(r"\s*[;,]\s*", gap):
            piece = re.sub(r"^và\s+|\s+và$", "", piece.strip(" .;,"))
            if piece[:1].isupper():
                names.append(piece)
        if agency is not None:
            names.append(agency.text)
            position = agency.end
    return names


def _announced(text: str) -> list[str]:
    """The agencies of a text that is nothing but their list, a heading printed as a sentence,
    maybe announcing its bullets ('Các bộ, ngành, địa phương có trách nhiệm:')."""
    subject, rest = _subject_and_rest(text)
    return subject if subject and _ANNOUNCES.match(folded(rest.strip(" .;,"))) else []


def _subject_and_rest(text: str) -> tuple[list[str], str]:
    """The agencies the text opens with, and what it says after the last of them."""
    subject = _subject(text)
    return subject, text[text.find(subject[-1]) + len(subject[-1]):] if subject else text


def _description(text: str) -> str:
    """The node's first paragraph: what follows it in the same node is, in these plans, a
    general remark ('Trong quá trình thực hiện …', 'Trên đây là Kế hoạch …') glued on
    because it carries no number of its own."""
    first = _paragraphs(text)[0]
    return "" if folded(first).startswith(CLOSING_PARAGRAPH) else first


def _paragraphs(text: str) -> list[str]:
    """The paragraphs of a node's text, a list of agencies broken after its ';' joined to the
    line it goes on in ('3. Các bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ;' / 'Ủy ban nhân dân
    các tỉnh, … căn cứ chức năng …')."""
    paragraphs: list[str] = []
    for paragraph in (p.strip() for p in text.split("\n")):
        if paragraphs and paragraphs[-1].endswith((";", ",")) and _announced(paragraphs[-1]) and _subject(paragraph):
            paragraphs[-1] += f" {paragraph}"
        else:
            paragraphs.append(paragraph)
    return paragraphs


def _charged_in_turn(sha: str, node: Section, task: Task, labels: _Labels, prefix: str = "") -> list[Task]:
    """A paragraph that charges several agencies in turn ('… các cơ quan, tổ chức được phân công
    có trách nhiệm lập dự toán …. Bộ Tài chính có trách nhiệm phân bổ kinh phí …; Ủy ban nhân dân
    cấp tỉnh trình …'): each later sentence or ';' clause opening with other agencies is their
    task, and the first task keeps only what comes before it (FORMAT.md: one task per agency)."""
    text = task.description
    bounds = [m.end() for m in _CLAUSE_END.finditer(text)]
    bounds = [b + len(ALSO) if folded(text[b:b + 20]).startswith(ALSO) else b for b in bounds]  # '…; đồng thời UBND …'
    starts = [b for b in bounds if text[b:b + 1].isupper() and _charges(text[b:])
              and not {folded(a) for a in _subject(text[b:])} & {folded(a) for a in task.lead}]
    if not starts or not _charges(text[:starts[0]]):
        return []
    more = _clause_tasks(sha, node, text, starts, labels, prefix)
    first = text[:starts[0]].strip()
    timing = read_timing(first)
    closing = [b for b in bounds if TIME_LABEL.match(aligned_fold(text[b:]))]
    if timing.deadline is None and closing and closing[-1] > starts[-1]:  # '… Thời hạn hoàn thành: trước ngày …'
        timing = read_timing(text[closing[-1]:])  # closes the item: it dates every part
    task.description, task.deadline, task.frequency, task.timeframe = \
        first, timing.deadline, timing.frequency, timing.timeframe
    return more


def _charged_later(sha: str, node: Section, text: str, labels: _Labels, prefix: str = "") -> list[Task]:
    """A paragraph that charges nobody at first but does further on ('Về vấn đề này, Chính phủ đã
    ban hành …. Các bộ, ngành … hoàn thiện …', 'Các Bộ, cơ quan thống nhất …; giao Bộ Nông nghiệp
    và Môi trường làm chủ …'): each later sentence or ';' clause that opens by charging agencies
    is their task, and so is a request inside a sentence ('…, do vậy đề nghị Chủ đầu tư …')."""
    inside = {m.start(1) for m in _ASKS_INSIDE.finditer(text)  # not '… nếu có khó khăn, vướng mắc, đề nghị … phản ánh'
              if not _IF_SNAGS.search(folded(re.split(r"[.;]", text[:m.start()])[-1]))}
    bounds = sorted({m.end() for m in _CLAUSE_END.finditer(text)} | inside)
    starts = [b for b in bounds if (text[b:b + 1].isupper() or folded(text[b:b + 9]).startswith(ASKING))
              and _charges(text[b:]) and not _ISSUER_ASKS.search(folded(text[b:])) and not _agrees(text[b:])]
    return _clause_tasks(sha, node, text, starts, labels, prefix)


def _clause_tasks(sha: str, node: Section, text: str, starts: list[int], labels: _Labels,
                  prefix: str = "") -> list[Task]:
    """The task of each stretch of ``text`` from one of ``starts`` to the next (parts 1, 2, … after
    ``prefix``, the inline item the text is)."""
    return [task for part, (start, end) in enumerate(zip(starts, [*starts[1:], len(text)]), start=1)
            if (task := _task(sha, node, text[start:end].strip(), [], labels, f"{prefix}{part}" if prefix else part))]


def _agrees(text: str) -> bool:
    """The agencies the text opens with agree to something ('Các Bộ, cơ quan thống nhất chỉ có một
    cơ quan chủ trì'), the text says what a body is ('Trung tâm … (Trung tâm) là đơn vị sự nghiệp
    công lập …', '… có tư cách pháp nhân') or what it already did ('Sở Xây dựng đã tham gia ý kiến
    …') or has not ('Công ty chưa tiến hành kiểm tra định kỳ …'): a finding, a status or a report, not a duty."""
    subject, rest = _subject_and_rest(text)
    return bool(subject) and bool(_AGREES.match(folded(re.sub(r"^\s*\([^)]*\)", "", rest).strip())))


def _later_charges(sha: str, node: Section, labels: _Labels, first_part: int) -> list[Task]:
    """Paragraphs after the first that charge agencies of their own: a decision's closing
    article printed after its effective date ('Điều 3. Quyết định này có hiệu lực …' / 'Chánh
    Văn phòng UBND tỉnh; Giám đốc Sở … chịu trách nhiệm thi hành Quyết định này')."""
    tasks = []
    for paragraph in _paragraphs(node.text)[1:]:
        if is_label(paragraph) or folded(paragraph).startswith(CLOSING_PARAGRAPH) or is_quoted(paragraph) \
                or _ISSUER_ASKS.search(folded(paragraph)) or _announced(paragraph):
            continue
        # '… không có đủ cơ sở thẩm định …. Đề nghị Công ty rà soát, …', 'Trên cơ sở đó, Phòng … cơ bản thống nhất …'
        if not _charges(paragraph) or _agrees(paragraph):
            tasks += _charged_later(sha, node, paragraph, labels, prefix=str(first_part + len(tasks)))
        elif task := _task(sha, node, paragraph, [], labels, first_part + len(tasks)):
            tasks.append(task)
            tasks += _charged_in_turn(sha, node, task, labels, prefix=str(first_part + len(tasks) - 1))
    return tasks


def _charges(clause: str) -> bool:
    """The clause opens with agencies and goes on with what they do ('Bộ Tài chính có trách nhiệm
    …'), not with more of a list ('Chủ tịch UBND các xã, phường và đặc khu Lý Sơn;', 'Giám đốc các
    Sở: Tư pháp, …;', a closing article's subjects split by ';')."""
    subject, after = _subject_and_rest(clause)
    if not subject:
        return False
    rest = after.split()
    return len(rest) >= 3 and rest[0][:1].islower() and rest[0] != "và"


def _task(sha: str, node: Section, description: str, lead: list[str], labels: _Labels = NO_LABELS,
          part: int | str = 0) -> Task | None:
    if _hands_out_nothing(description):
        return None
    agencies = find_agencies(description)
    # a label ('Đơn vị chủ trì: Sở X') says outright who leads; the sentence's own subject is
    # often the generic doer ('Các đơn vị được giao … lập dự toán', 'các cơ quan, đơn vị tổ chức …')
    named = labels.lead or _subject(description, agencies) or _before_cue(description, agencies)
    if not named and lead:  # the duty of whom the item is asked of, unless it only states the rule
        if _STATES_RULE.match(folded(description)) or _DEFINES.match(folded(description)):
            return None
        if asked := _ASKED_AFTER_FINDING.search(description):  # '… ghi không thống nhất …. Đề nghị rà soát, …'
            description = description[asked.end():]
    lead = named or lead
    if not lead:
        return None
    timing = read_timing(description)
    if timing.deadline is None and labels.timing:
        timing = read_timing(labels.timing)
    coordinating = [a for a in _after_cue(description, agencies) or labels.coordinating if a not in lead]
    return Task(
        id=make_id(sha, "task", node.id, *([part] if part else [])),
        provenance=node.provenance,
        description=description,
        lead=lead,
        coordinating=coordinating,
        lead_canonical=[canonical_name(a) for a in lead],
        coordinating_canonical=[canonical_name(a) for a in coordinating],
        deadline=timing.deadline,
        frequency=timing.frequency,
        timeframe=timing.timeframe,
        section_ref=node.id,
        origin="body",
    )


def _hands_out_nothing(description: str) -> bool:
    """A text that charges no duty however it opens: a closing on snags, particulars (see
    ``_NO_DUTY``), a body named and nothing more ('…; Công ty X.'), or a role and its holder."""
    subject, rest = _subject_and_rest(description)
    return bool(_NO_DUTY.match(folded(description)) or _PARTICULARS.match(folded(rest))
                or subject and not re.search(r"\w", rest) or _names_only(rest))


def _names_only(rest: str) -> bool:
    """A role labelled with the body that holds it ('Chủ đầu tư: Ban Quản lý dự án … xã Trấn Yên.'):
    who, and no duty."""
    label, colon, value = rest.partition(":")
    if not colon or label.strip() or not value.strip():
        return False
    value = value.strip()
    found = find_agencies(value)
    return bool(found) and found[0].start == 0 and len(value.split()) <= MAX_NAME_WORDS_LABELLED \
        and not re.search(r"[,;:]", value)


def _subject(text: str, agencies: list[Agency] | None = None) -> list[str]:
    """The agencies the text opens with, after 'Giao' / 'Đề nghị' / 'Căn cứ …,' (or the ones its
    opening agency asks: 'Ủy ban nhân dân tỉnh yêu cầu Thủ trưởng các sở …'); a group whose
    description runs on to 'có trách nhiệm' is named up to there ('Các cơ quan được phân công
    chủ trì thực hiện nhiệm vụ theo Kế hoạch này có trách nhiệm …')."""
    if names := executors(text):  # a decision's closing article, whose list the patterns cannot read whole
        return names
    if ruled := _ruled_subject(text):
        return [ruled]
    agencies = find_agencies(text) if agencies is None else agencies
    key = aligned_fold(text)
    intro = _INTRO.match(key) or _ASSIGNED_BY.match(key)
    start = len(intro[0]) if intro else 0
    scoped = key.startswith(SCOPE_CLAUSE)
    if _LEADING_CLAUSE.match(key) or scoped:  # the subject after the clause's comma, maybe after 'yêu cầu' / 'giao'
        starts = {a.start for a in agencies}
        after = (m.end() + (len(i[0]) if (i := _INTRO.match(key[m.end():])) else 0) for m in re.finditer(r",\s+", text)
                 if not scoped or _INTRO.match(key[m.end():]))
        start = next((a for a in after if a in starts or _places(text, a)), start)
    run = _run(text, agencies, start) or _places(text, start)
    if run and (asks := _ASKS_NEXT.match(key, text.find(run[-1], start) + len(run[-1]))):
        run = _run(text, agencies, asks.end()) or run  # 'Ủy ban nhân dân tỉnh yêu cầu Thủ trưởng các sở …'
    if len(run) == 1 and text.startswith(run[0], start):
        return [_described(text, start, run[0], asked=bool(intro))]
    return run


def _described(text: str, start: int, name: str, asked: bool) -> str:
    """A group named by its kind at ``start``, with the description that runs on to its duty: up to
    'có trách nhiệm' ('Các cơ quan được phân công chủ trì … có trách nhiệm …'), or, when a request
    names it (``asked``) and the description says what the group does, up to the duty's verb ('đề
    nghị các đơn vị hoạt động hóa chất trên địa bàn tỉnh nghiên cứu, …'). Otherwise as found."""
    if not is_collective(name):
        return name
    end = start + len(name)
    key = aligned_fold(text)
    if duty := _RESPONSIBLE.search(text, end):
        stop = duty.start()
    elif asked and _DESCRIBES.match(key, end) and (verb := _VERB_AHEAD.search(key, end)):
        stop = verb.start()
    else:
        return name
    gap = text[end:stop]
    if RUNS_ON.match(gap) and not re.search(r"[.;:]", gap) and len(gap.split()) <= MAX_GROUP_WORDS:
        return text[start:stop].strip()
    return name


def _ruled_subject(text: str) -> str | None:
    """Whom a rule the text restates binds, named by kind and described up to its duty ('Khoản 1
    Điều 59 Nghị định số 193/2025/NĐ-CP quy định: Tổ chức, cá nhân khai thác khoáng sản có trách
    nhiệm …', 'Tổ chức, cá nhân khai thác khoáng sản, khai thác tận thu khoáng sản phải lắp đặt …')."""
    says = _RULE_SAYS.match(text)
    start = says.end() if says else 0
    if not _BOUND_BY_RULE.match(text, start) or not (duty := _BINDS.search(text, start)):
        return None
    subject = text[start:duty.start()].strip()
    if re.search(r"[.;:]", subject) or len(subject.split()) > MAX_GROUP_WORDS:
        return None
    return subject


def _places(text: str, start: int) -> list[str]:
    """Provinces and cities charged by name, as a notice of conclusions does ('Thành phố Hà Nội,
    các tỉnh Bắc Ninh, Gia Lai đẩy nhanh …', 'Tỉnh căn cứ …'): the places the text opens with, when
    a duty's verb follows them; one name per 'tỉnh' / 'thành phố' word."""
    found = _PLACES.match(text, start)
    if found is None or not _DUTY_VERB.match(folded(text[found.end():].lstrip())):
        return []
    return [name.strip() for name in _PLACE_SPLIT.split(found[0]) if name.strip()]


def _before_cue(text: str, agencies: list[Agency]) -> list[str]:
    """The agency right before 'chủ trì' ('… giao Sở Tài chính chủ trì')."""
    cue = _LEAD_CUE.search(aligned_fold(text))
    if cue is None:
        return []
    before = [a for a in agencies if a.end <= cue.start() and not text[a.end:cue.start()].strip()]
    if not before or folded(text[:before[-1].start]).endswith(" do"):
        return []  # '… dự án do Bộ Công an chủ trì': a clause about the object, not the assignment
    return [before[-1].text]


def _after_cue(text: str, agencies: list[Agency]) -> list[str]:
    """The agencies listed right after 'phối hợp (với)'."""
    cue = _COORD_CUE.search(aligned_fold(text))
    return _run(text, agencies, cue.end()) if cue else []


def _run(text: str, agencies: list[Agency], start: int) -> list[str]:
    """Consecutive agencies from ``start``, joined only by ',', ';' or 'và'."""
    names: list[str] = []
    position = start
    for agency in agencies:
        if agency.start < position:
            continue
        if not _JOINER.match(folded(text[position:agency.start])):
            break
        names.append(agency.text)
        position = agency.end
    return names

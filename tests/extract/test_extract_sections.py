"""The numbered body as a tree, on real plans; numbers and headings read off the texts."""

from __future__ import annotations

import pytest

from kehoach.extract.numbering import marker_of


def outline(sections):
    return [(s.number, s.heading) for s in sections]


def test_top_level_of_a_ke_hoach(dev_plan, extract_file):
    doc = extract_file(dev_plan("014_"))
    assert outline(doc.sections) == [("I", "MỤC ĐÍCH, YÊU CẦU"), ("II", "NHIỆM VỤ"), ("III", "TỔ CHỨC THỰC HIỆN")]
    tasks = doc.sections[1]
    assert outline(tasks.children) == [("1", "Về dữ liệu"), ("2", "Về các nền tảng số"),
                                      ("3", "Về đảm bảo an toàn thông tin"), ("4", "Về nguồn lực")]
    assert [s.number for s in tasks.children[0].children] == ["1.1", "1.2"]
    # 'a) Nhiệm vụ:' / 'b) Cơ quan thực hiện:' / 'c) Thời gian thực hiện: Hoàn thành trong năm 2025.'
    letters = tasks.children[1].children
    assert outline(letters) == [("a", "Nhiệm vụ"), ("b", "Cơ quan thực hiện"), ("c", "Thời gian thực hiện")]
    assert letters[2].text == "Hoàn thành trong năm 2025."
    assert [s.number for s in letters[1].children] == ["-", "-"]


def test_long_numbered_sentence_is_text_not_heading(dev_plan, extract_file):
    organisation = extract_file(dev_plan("014_")).sections[2]
    first = organisation.children[0]
    assert first.heading is None
    assert first.text.startswith("Sở Khoa học và Công nghệ theo dõi, đôn đốc")


def test_quyet_dinh_articles(dev_plan, extract_file):
    doc = extract_file(dev_plan("018_"))
    assert [s.number for s in doc.sections] == ["Điều 1", "Điều 2", "Điều 3", "Điều 4", "Điều 5"]
    # The promulgation formula and 'Căn cứ …' are preamble, not sections.
    assert not any("Căn cứ" in s.text for s in doc.sections)


def test_articles_stay_top_level_after_the_plan_they_carry(dev_plan, extract_file):
    """035: 'Điều 1. Phê duyệt … Kế hoạch …' carries the plan's I. … V.; 'Điều 2.' and 'Điều 3.'
    follow at the top, not under V."""
    doc = extract_file(dev_plan("035_"))
    assert [s.number for s in doc.sections] == ["Điều 1", "Điều 2", "Điều 3"]
    assert [s.number for s in doc.sections[0].children] == ["I", "II", "III", "IV", "V"]


def test_agency_list_items_are_headings(dev_plan, extract_file):
    """An item naming only the agencies its text or bullets charge is a heading, however long,
    with ';' or 'Đề nghị' (FORMAT.md: an agency heading drops its ':')."""
    doc = extract_file(dev_plan("006_"))
    duties = next(s for s in doc.sections if s.heading == "TỔ CHỨC THỰC HIỆN")
    assert duties.children[0].heading == ("Giám đốc các Sở và Thủ trưởng các ban, ngành tỉnh; "
                                          "Chủ tịch Ủy ban nhân dân các xã, phường")
    assert [t.lead for t in doc.tasks if t.section_ref == duties.children[0].children[0].id] == [
        ["Giám đốc các Sở", "Thủ trưởng các ban, ngành tỉnh", "Chủ tịch Ủy ban nhân dân các xã, phường"]]
    # 008 '2. Đề nghị các cấp ủy Đảng, …, Mặt trận Tổ quốc Việt Nam tỉnh và …: Phối hợp chặt chẽ …'
    doc = extract_file(dev_plan("008_"))
    item = next(s for s in doc.sections if s.heading == "TỔ CHỨC THỰC HIỆN").children[1]
    assert item.heading.startswith("Đề nghị các cấp ủy Đảng") and item.text.startswith("Phối hợp chặt chẽ")
    # 015 '12. Ủy ban nhân dân các xã: Gia Thuận, Tân Điền, …': the communes named belong to the heading
    doc = extract_file(dev_plan("015_"))
    communes = next(s for root in doc.sections for s in root.children if s.heading and "Gia Thuận" in s.heading)
    assert communes.heading == "Ủy ban nhân dân các xã: Gia Thuận, Tân Điền, Gò Công Đông, Tân Phú Đông"
    assert communes.text == "" and len(communes.children) == 3


def test_line_broken_inside_a_name_is_no_heading(dev_plan, extract_file):
    """035 'l) Đài Truyền hình Việt Nam, Đài Tiếng nói Việt' / 'Nam, Thông tấn xã Việt Nam chủ trì …'
    is one sentence; 'V.1. Nguồn lực thực hiện Kế hoạch bao gồm: (i) …' runs on after its ':'."""
    doc = extract_file(dev_plan("035_"))
    duties = next(s for s in doc.sections[0].children if s.heading == "TỔ CHỨC THỰC HIỆN").children[1]
    item = next(s for s in duties.children if s.number == "l")
    assert item.heading is None and item.text.startswith("Đài Truyền hình Việt Nam, Đài Tiếng nói Việt Nam, Thông tấn")
    [task] = [t for t in doc.tasks if t.section_ref == item.id]
    assert task.lead == ["Đài Truyền hình Việt Nam", "Đài Tiếng nói Việt Nam", "Thông tấn xã Việt Nam"]
    resources = next(s for s in doc.sections[0].children if s.heading == "NGUỒN LỰC THỰC HIỆN").children[0]
    assert resources.heading is None and resources.text.startswith("Nguồn lực thực hiện Kế hoạch bao gồm: (i)")
    # '1. Sở Y tế' / 'Chủ trì phối hợp …' (012) stays a heading: 'Sở Y tế Chủ trì' is no name.
    doc = extract_file(dev_plan("012_"))
    assert any(child.heading == "Sở Y tế" for root in doc.sections for child in root.children)


def test_seed_ocr_tree_and_paragraphs_joined_across_lines(seed_doc):
    top = seed_doc.sections
    # 'I1.' and 'I1I.' are how the OCR read 'II.' and 'III.'.
    assert outline(top) == [("I", "MUC PiCH, YEU CAU"), ("II", "NOI DUNG, HINH THUC TUYEN TRUYEN"),
                            ("III", "TO CHUC THU'C HIEN")]
    assert [s.number for s in top[0].children] == ["1", "2"]
    purpose = top[0].children[0]
    assert [s.number for s in purpose.children] == ["-", "-", "-", "-"]
    # A bullet wraps over six printed lines and stays one paragraph.
    assert purpose.children[0].text.startswith("Nang cao nhan thtrc, vai tro, trach nhi€ém cua nguoi dung dau va cip uy Dang,")
    assert "\n" not in purpose.children[0].text
    assert purpose.children[0].text.endswith("cua co quan hanh chinh nha nuéc cac cap.")
    # 'a)' … 'e)' under 'III.1', with '¢)' read back as 'c)'; '-' items under them.
    duties = top[2].children[0]
    assert [s.number for s in duties.children] == ["a", "b", "c", "d", "e"]
    assert [s.number for s in duties.children[1].children] == ["-", "-"]
    assert [s.heading for s in top[2].children[1:]] == ["Ché d9 bao cao", "Kinh phi thwe hién"]


def test_page_numbers_and_stamps_are_not_body_text(seed_doc):
    def texts(sections):
        for s in sections:
            yield s.text
            yield from texts(s.children)

    body = "\n".join(texts(seed_doc.sections))
    assert "Ky béi" not in body and "Nagdy ky" not in body


@pytest.mark.parametrize(
    ("line", "kind", "number"),
    [
        ("I. MỤC ĐÍCH", "roman", "I"),
        ("I1I. TO CHUC THU'C HIEN", "roman", "III"),
        ("H. NỘI DUNG THỰC HIỆN", "roman", "II"),  # a bold serif 'II' read as one letter
        ("HI. TỔ CHỨC THỰC HIỆN", "roman", "III"),
        ("IL. NHIỆM VỤ, GIẢI PHÁP", "roman", "II"),
        ("3.2. Nội dung kiểm tra", "decimal2", "3.2"),
        ("6.2 Đối với đơn vị", "decimal2", "6.2"),
        ("¢) S& Thong tin", "letter", "c"),
        ("ø) Bộ Tài chính chủ trì, phối hợp với các bộ, ngàn", "letter", "g"),  # Tesseract vie, 035 medium scan
        ("¡) Bộ Văn hóa, Thể thao và Du lịch chủ trì, phối h", "letter", "i"),
        ("– Tuyên truyền", "dash", "–"),
        ("+ Hoàn thiện", "plus", "+"),
        ("t Tổ chức tuyên truyền", "plus", "+"),  # OCR of '+': no Vietnamese word is a lone 't'
        ("† Hoàn thiện", "plus", "+"),
        ("— Tuyên truyền", "dash", "—"),
        ("· Tuyên truyền", "dash", "·"),
        ("Điều 3. Tổ chức thực hiện", "article", "Điều 3"),
        ("CHƯƠNG II QUY ĐỊNH CỤ THỂ", "chapter", "Chương II"),
    ],
)
def test_markers(line, kind, number):
    found = marker_of(line)
    assert found is not None and (found.kind, found.number) == (kind, number)


@pytest.mark.parametrize("line", ["Mục đích", "1.500 người tham gia", "15/7/2021 của Chính phủ",
                                  "mục II Phụ lục VII", "Điều 12 Nghị định số 139/2025/NĐ-CP",
                                  "H. Nguyễn Văn An phụ trách", "L. Trần Bình",
                                  "tỉnh Lào Cai", "tuyên truyền"])
def test_not_markers(line):
    assert marker_of(line) is None


def test_plan_attached_after_the_decision_signature(dev_plan, extract_file):
    """042: Quyết định 2820 ('Điều 1. Ban hành kèm theo Quyết định này Kế hoạch …'), signed,
    then 'KẾ HOẠCH' / title / '(Kèm theo …)' / 'I. MỤC ĐÍCH, YÊU CẦU' … 'IV. TỔ CHỨC THỰC
    HIỆN', then the PHỤ LỤC table (not body)."""
    doc = extract_file(dev_plan("042_"))
    romans = [s.number for s in doc.sections if s.number in ("I", "II", "III", "IV", "V")]
    assert romans == ["I", "II", "III", "IV"]
    assert doc.sections[-1].heading == "TỔ CHỨC THỰC HIỆN"
    assert len({s.id for s in doc.sections}) == len(doc.sections)
    assert any(t.lead for t in doc.tasks if t.origin == "body")
    # 007: a Phụ lục titled 'KẾ HOẠCH KIỂM TRA' after the signature is no attached plan
    assert not any(s.heading and "KẾ HOẠCH KIỂM TRA" in s.heading for s in extract_file(dev_plan("007_")).sections)


def test_long_unpunctuated_title_followed_by_items_is_a_heading(dev_plan, extract_file):
    """001 'III. NHIỆM VỤ TRỌNG TÂM' / '1. Tái cơ cấu ngành công nghiệp theo chiều sâu, nâng cao
    giá trị gia tăng và phát triển kinh tế tuần hoàn' (> 80 characters) / '- Tham mưu …'."""
    doc = extract_file(dev_plan("001_"))
    tasks_section = next(s for s in doc.sections if s.heading == "NHIỆM VỤ TRỌNG TÂM")
    assert tasks_section.children[0].heading == (
        "Tái cơ cấu ngành công nghiệp theo chiều sâu, nâng cao giá trị gia tăng và phát triển kinh tế tuần hoàn")


def test_person_label_is_a_heading(dev_plan, extract_file):
    """007 '4.1. Ông. Hoàng Văn Thuân - Trưởng đoàn: Phụ trách chung; …': the person is the
    label, and the task's lead."""
    doc = extract_file(dev_plan("007_"))
    task = next(t for t in doc.tasks if t.description.startswith("Phụ trách chung"))
    assert task.lead == ["Ông. Hoàng Văn Thuân - Trưởng đoàn"]


def test_a_repeated_roman_numeral_read_by_ocr_is_the_next_one(dev_plan, extract_file):
    """OCR often drops an 'I' of a bold 'III.': in Tesseract's lines the second 'II.' in a row is III."""
    from kehoach.extract.sections import build_sections
    from kehoach.ingest.types import Line, Word

    source = dev_plan("013_").read_text(encoding="utf-8").replace("\nIII. NHIỆM VỤ", "\nII. NHIỆM VỤ")
    body = source[source.index("\nI. "):].strip().split("\n")
    lines = [Line(text=t, number=n, page=1, words=[Word(w, confidence=91.0) for w in t.split()])
             for n, t in enumerate(body, start=1)]
    want = [(s.number, s.heading) for s in extract_file(dev_plan("013_")).sections]
    assert [(s.number, s.heading) for s in build_sections("x", lines)][:4] == want[:4]
    assert [number for number, _ in want][:4] == ["I", "II", "III", "IV"]


def test_a_repeated_roman_numeral_typed_by_the_author_stays_as_printed(dev_plan, extract_file):
    """009 prints 'IV.' twice ('IV. KINH PHÍ', then 'IV. PHÂN CÔNG NHIỆM VỤ'): text that was not
    OCR'd is not renumbered, so the output matches the document a reader holds."""
    source = dev_plan("009_").read_text(encoding="utf-8")
    assert source.count("\nIV. ") == 2
    numbers = [s.number for s in extract_file(dev_plan("009_")).sections]
    assert numbers.count("IV") == 2 and "V" not in numbers


def _scanned(texts_and_right_edges: list[tuple[str, float]]):
    """Lines as OCR gives them: one word box per token, spread from x 350 to the given right edge."""
    from kehoach.ingest.types import Line, Word
    from kehoach.models import BBox

    lines = []
    for number, (text, right) in enumerate(texts_and_right_edges, start=1):
        tokens = text.split()
        step = (right - 350) / len(tokens)
        words = [Word(t, BBox(x0=350 + k * step, y0=100.0 * number, x1=350 + (k + 1) * step - 10, y1=100.0 * number + 40,
                              unit="px", dpi=300)) for k, t in enumerate(tokens)]
        words[-1].bbox = words[-1].bbox.model_copy(update={"x1": right})
        lines.append(Line(text=text, number=number, page=1, words=words))
    return lines


def test_wrapped_lines_on_a_scan():
    """Sentences that run to the right margin go on on the next line: '3. Thường xuyên … các
    bộ, ban, ngành' / 'Trung ương …' is text (the next line opens with a capital all the same);
    a title that wraps and ends unpunctuated before the next item is a heading."""
    from kehoach.extract.sections import build_sections

    lines = _scanned([
        ("1. Tái cơ cấu ngành công nghiệp theo chiều sâu, nâng cao giá trị gia tăng và", 2244),
        ("phát triển kinh tế tuần hoàn", 1100),
        ("- Tham mưu UBND tỉnh xây dựng chính sách thu hút các dự án.", 2244),
        ("2. Thường xuyên rà soát, kịp thời tham mưu, trao đổi, đề xuất các bộ, ban, ngành", 2244),
        ("Trung ương hướng dẫn thực hiện.", 1300),
    ])
    first, second = build_sections("0" * 64, lines)
    assert first.heading == ("Tái cơ cấu ngành công nghiệp theo chiều sâu, nâng cao giá trị gia tăng và "
                             "phát triển kinh tế tuần hoàn")
    assert second.heading is None and second.text.endswith("Trung ương hướng dẫn thực hiện.")


def test_an_item_wrapped_on_a_scan_is_read_whole():
    """A notice's topic title printed over three lines, its ':' on the last one, splits into
    title and duty as on one text line; so does an agency's line announcing the items below
    when its ':' is on the second printed line (065 III, 097 2. on their rendered scans)."""
    from kehoach.extract.sections import build_sections

    lines = _scanned([
        ("1. Về kiến nghị sớm ban hành Nghị quyết mới về phát triển kinh tế - xã hội và bảo", 2244),
        ("đảm quốc phòng, an ninh đối với vùng mới được hình thành là vùng Duyên hải Nam", 2244),
        ("Trung Bộ và Tây Nguyên:", 900),
        ("Giao Bộ Tài chính khẩn trương hoàn thiện báo cáo sơ kết.", 1800),
        ("2. Bộ Quốc phòng, Bộ Công an theo chức năng, nhiệm vụ, thẩm quyền chủ trì, phối hợp", 2244),
        ("với các Bộ, cơ quan liên quan và các địa phương:", 1400),
        ("a) Rà soát các mặt hàng dự trữ quốc gia thuộc lĩnh vực quản lý.", 1900),
    ])
    first, second = build_sections("0" * 64, lines)
    assert first.heading.startswith("Về kiến nghị sớm ban hành") and first.heading.endswith("Tây Nguyên")
    assert first.text == "Giao Bộ Tài chính khẩn trương hoàn thiện báo cáo sơ kết."
    assert second.heading.endswith("và các địa phương") and [c.number for c in second.children] == ["a"]


def test_roman_look_alikes_are_read_in_sequence(dev_plan, extract_file, tmp_path):
    """'IH.' after 'I.' is II and 'HI.' after it III, as Tesseract reads bold serif numerals
    (seen on the rendered scan of this plan)."""
    source = dev_plan("011_").read_text(encoding="utf-8")
    misread = tmp_path / "011-misread.txt"
    misread.write_text(source.replace("\nII. ĐỐI TƯỢNG", "\nIH. ĐỐI TƯỢNG").replace("\nIII. NỘI DUNG", "\nHI. NỘI DUNG"),
                       encoding="utf-8")
    assert misread.read_text(encoding="utf-8") != source
    want = [(s.number, s.heading) for s in extract_file(dev_plan("011_")).sections]
    assert [(s.number, s.heading) for s in extract_file(misread).sections] == want
    assert [number for number, _ in want] == ["I", "II", "III", "IV", "V"]


def find_node(sections, predicate):
    for node in sections:
        if predicate(node):
            return node
        if (found := find_node(node.children, predicate)) is not None:
            return found
    return None


def test_an_item_staffed_by_label_bullets_is_a_title(dev_plan, extract_file):
    """016 II.3.1 'b) Nghị định quy định về điều kiện kinh doanh dịch vụ và đánh giá sự phù hợp.'
    over '- Cơ quan chủ trì: …': a title, full stop and all; 033 II.2 'a) Đối với tài sản công …
    Luật Quản lý, sử dụng tài sản công: Cơ quan nhà nước …' is a scope label, however long."""
    decree = find_node(extract_file(dev_plan("016_")).sections, lambda n: n.number == "b" and n.heading
                       and n.heading.startswith("Nghị định quy định về điều kiện kinh doanh"))
    assert decree is not None and decree.heading.endswith("sự phù hợp") and not decree.text
    scope = find_node(extract_file(dev_plan("033_")).sections, lambda n: (n.heading or "").startswith("Đối với tài sản công"))
    assert scope is not None and scope.heading.endswith("Luật Quản lý, sử dụng tài sản công")
    assert scope.text.startswith("Cơ quan nhà nước")


def test_look_alikes_before_a_sentence_case_title():
    """089 read by OCR: 'L. Trách nhiệm phối hợp …' is 'I.', 'H. Trách nhiệm …' is 'II.' (a plan
    whose roman headings are in sentence case); a sentence after 'L.' is no numeral."""
    first, second = marker_of("L. Trách nhiệm phối hợp trong công tác thẩm định"), marker_of("H. Trách nhiệm phối hợp")
    assert (first.kind, first.number, first.guessed) == ("roman", "I", True)
    assert (second.kind, second.number) == ("roman", "II")
    assert marker_of("L. Trách nhiệm thuộc về các sở.") is None


def test_ocr_romans_without_their_dot_and_an_authors_second_iv():
    """Read by OCR: 'II NHIỆM VỤ' lost its dot and is part II (014's scan); 'VI PHẠM HÀNH CHÍNH'
    after 'II.' is no part VI; a second 'IV.' is the author's (009), since OCR never reads 'V.'
    as 'IV.' (it drops strokes: 'III.' → 'II.')."""
    from kehoach.extract.sections import build_sections
    from kehoach.ingest.types import Line, Word

    def ocr(texts):
        return [Line(text=t, number=n, page=1, words=[Word(w, confidence=91.0) for w in t.split()])
                for n, t in enumerate(texts, start=1)]

    first = build_sections("x", ocr(["I. MỤC ĐÍCH", "Nội dung.", "II NHIỆM VỤ", "1. Tuyên truyền.",
                                     "VI PHẠM HÀNH CHÍNH", "III. TỔ CHỨC THỰC HIỆN"]))
    assert [(s.number, s.heading) for s in first] == [("I", "MỤC ĐÍCH"), ("II", "NHIỆM VỤ"),
                                                      ("III", "TỔ CHỨC THỰC HIỆN")]
    second = build_sections("x", ocr(["III. KINH PHÍ", "Nội dung.", "IV. KINH PHÍ", "Nội dung.",
                                      "IV. PHÂN CÔNG NHIỆM VỤ", "1. Sở Công Thương:"]))
    assert [s.number for s in second] == ["III", "IV", "IV"]


def test_a_topic_title_wrapped_inside_a_name(dev_plan, extract_file):
    """074's text file wraps its topic titles inside a plant's name ('1. Về Dự án Nhà máy điện Nhơn' /
    'Trạch 3 và Nhơn Trạch 4'): the short second line goes on with the title."""
    sections = extract_file(dev_plan("074_")).sections
    assert [s.heading for s in sections[:2]] == ["Về Dự án Nhà máy điện Nhơn Trạch 3 và Nhơn Trạch 4",
                                                 "Về Dự án Nhà máy điện Hiệp Phước giai đoạn 1"]


def test_a_sentence_a_text_file_broke_is_no_title(dev_plan, extract_file):
    """071 '(3) Bộ Công an tiếp tục chủ động phối hợp, hướng dẫn' / 'Bộ Y tế, Ban Quản lý dự án …': the
    agency already does something, so the short line is a sentence that goes on, not a title; an
    agency qualified by what it has ('7. Ủy ban nhân dân các xã, phường có cụm công nghiệp', 051) is."""
    item = next(s for s in extract_file(dev_plan("071_")).sections[1].children if s.number == "(3)")
    assert item.heading is None and item.text.startswith("Bộ Công an tiếp tục chủ động phối hợp, hướng dẫn Bộ Y tế")
    titled = [c.heading for s in extract_file(dev_plan("051_")).sections for c in s.children]
    assert "Ủy ban nhân dân các xã, phường có cụm công nghiệp" in titled


def test_a_quoted_article_opens_no_section(dev_plan, extract_file):
    """A tax office's reply quotes the articles it relies on ('Tại khoản 1 Điều 26 Nghị định … quy
    định:' / '“Điều 26. …' / '1. Trường hợp …' / 'a) …' / '… (đồng/m2).”'; 219 also leaves one
    quotation open, and its addressee's '(Địa chỉ: …)' splits its 'Kính gửi' bullets): none of it
    is a part of the letter. 161 numbers its own items 1 and 2 and quotes 'Điều 10' inside item 2."""
    assert extract_file(dev_plan("219_")).sections == []
    doc = extract_file(dev_plan("161_"))
    assert [s.number for s in doc.sections] == ["1", "2"]
    texts = [doc.sections[1].text, *(bullet.text for bullet in doc.sections[1].children)]
    assert any("Điều 10. Thẩm quyền thẩm định" in text for text in texts)


def test_a_long_title_over_paragraphs_is_a_heading(dev_plan, extract_file):
    """081, a Báo cáo: '1. Điều kiện tỷ lệ lấp đầy … không có trường hợp loại trừ' ends unpunctuated
    and its paragraphs follow ('Điểm c khoản 1 Điều 8 …'): a title, like one over numbered items."""
    first = extract_file(dev_plan("081_")).sections[0].children[0]
    assert first.heading == ("Điều kiện tỷ lệ lấp đầy khi thành lập CCN mới chặt hơn khu công nghiệp, "
                             "không có trường hợp loại trừ")


def test_a_reports_title_answered_by_a_figure_is_a_label(dev_plan, extract_file):
    """084, a Báo cáo filling in a form: 'c) Chủng loại, số lượng tiền chất thuốc nổ … năm 2025:
    1.939.211 kg Anfo rời.' and '2. Các tai nạn, sự cố …: Không.' title their answers however long."""
    doc = extract_file(dev_plan("084_"))
    headings = [s.heading for s in doc.sections[0].children] + [s.heading for s in doc.sections[1:3]]
    assert any(h and h.startswith("Chủng loại, số lượng tiền chất thuốc nổ") for h in headings)
    assert any(h and h.startswith("Các tai nạn, sự cố liên quan") for h in headings)


def test_a_quoted_slogan_at_a_lines_start_is_no_passage(tmp_path):
    """096 as OCR reads its scan: a printed line that wraps onto a campaign's name in quotes opens
    with the mark after a ':'; the name closes inside the next line, so no passage is quoted and
    items 7 and 8 after it stay the letter's own."""
    from kehoach.extract.quotes import quoted_lines
    from kehoach.ingest import read_document

    page = tmp_path / "096-ocr.txt"
    page.write_text(
        "thời khen thưởng các tổ chức, cá nhân có thành tích cao trong các phong trào thi đua:\n"
        "“Đẩy mạnh phát triển kết cấu hạ tầng đồng bộ, hiện đại; thực hành tiết kiệm, chống\n"
        "lãng phí”; thi đua cao điểm “500 ngày đêm thi đua hoàn thành 3.000 km đường bộ cao\n"
        "tốc” và khen thưởng các Thành viên Ban chỉ đạo; hoàn thành trước ngày 10 tháng 12 năm 2025.\n"
        "7. Giao Phó Thủ tướng Chính phủ Trần Hồng Hà trực tiếp chỉ đạo công tác chuẩn bị.\n", encoding="utf-8")
    assert quoted_lines(list(read_document(page).lines())) == {}


def test_scope_titles_printed_as_sentences(dev_plan, extract_file):
    """113: '2.2. Đối với công tác quản lý bảo vệ khoáng sản trong quá trình hoạt' / 'động khai thác.'
    over bullets, and '2.3. Đối với công tác quản lý, thống kê, …' wrapped over three lines whose last
    stops short before 'Yêu cầu thực hiện …', are the items' titles; so is 110's '1. Yêu cầu đối với
    các tổ chức, cá nhân được cấp giấy phép khai thác,' / 'thu hồi khoáng sản.'"""
    second = extract_file(dev_plan("113_")).sections[1].children
    assert second[1].heading == "Đối với công tác quản lý bảo vệ khoáng sản trong quá trình hoạt động khai thác"
    assert second[2].heading.endswith("khai thác, thu hồi khoáng sản") and second[2].text.startswith("Yêu cầu thực hiện")
    first = extract_file(dev_plan("110_")).sections[0]
    assert first.heading == "Yêu cầu đối với các tổ chức, cá nhân được cấp giấy phép khai thác, thu hồi khoáng sản"


def test_form_labels_with_brackets_and_a_wrapped_list_of_bodies(dev_plan, extract_file):
    """114 follows the appraisal notice's form: '2. Mã số thông tin công trình (theo quy định …): Chưa có.'
    and 'V. … 1. Sự tuân thủ … (thực hiện theo quy định tại khoản 1 Điều 46 …): Nội dung này, …' are
    labels however long; 166's '1. Công an tỉnh, các sở, … và Ủy ban nhân dân' / 'các xã, phường' /
    'Theo chức năng, …' is titled by the bodies it charges."""
    sections = extract_file(dev_plan("114_")).sections
    assert sections[0].children[1].heading.startswith("Mã số thông tin công trình (theo quy định")
    result = next(s for s in sections if s.number == "V")
    assert result.children[0].heading.startswith("Sự tuân thủ quy định của pháp luật về lập, thẩm tra thiết kế")
    first = extract_file(dev_plan("166_")).sections[0]
    assert first.heading == "Công an tỉnh, các sở, ban, ngành, đoàn thể tỉnh và Ủy ban nhân dân các xã, phường"
    assert first.text.startswith("Theo chức năng, nhiệm vụ")


def test_a_colon_inside_a_code_is_no_label(dev_plan, extract_file):
    """115's '6. Về bản vẽ tổng thể mặt bằng của kho chứa hóa chất' is followed by 'Theo quy định tại …
    QCVN 05A:2020/BCT …': the ':' of the code ends no label, so the heading stays the title alone."""
    doc = extract_file(dev_plan("115_"))
    assert any(s.number == "6" and s.heading == "Về bản vẽ tổng thể mặt bằng của kho chứa hóa chất" for s in doc.sections)


def test_a_reports_longer_labels_naming_a_matter(dev_plan, extract_file):
    """085 IV lists its snags as 'Label: text' with labels of 50 to 140 characters ('4. Vướng mắc về xử
    lý tài sản trên đất tại các Cụm công nghiệp …: việc bồi thường …'); a label naming a body after a
    verb is a sentence ('b) Tham mưu, trình Ủy ban nhân dân tỉnh, Chủ tịch Ủy ban nhân dân tỉnh: Chỉ
    đạo …' in 044)."""
    doc = extract_file(dev_plan("085_"))
    snags = next(n for n in doc.sections if n.number == "IV")
    assert [c.heading for c in snags.children][:2] == ["Nhóm cụm công nghiệp do UBND cấp xã, phường quản lý",
                                                        "Nhóm cụm công nghiệp thuộc diện di dời, rút khỏi quy hoạch"]
    assert snags.children[0].text.startswith("đây là các cụm hình thành")
    doc = extract_file(dev_plan("044_"))
    def walk(nodes):
        for n in nodes:
            yield n
            yield from walk(n.children)
    advise = [n for n in walk(doc.sections) if n.number == "b" and (n.text or "").startswith("Tham mưu, trình Ủy ban")]
    assert advise and all(n.heading is None for n in advise)


def test_a_title_over_its_first_sub_item_and_one_ending_in_ton_tai(dev_plan, extract_file):
    """082: '7.4. Đánh giá tổng hợp … (thực trạng, nguyên nhân, giải pháp).' is followed by '7.4.1.', so it is
    their title, full stop and all; '8. Đánh giá chung về thuận lợi, khó khăn và tồn tại' ends in 'tại', a
    connective alone but here the end of 'tồn tại'."""
    doc = extract_file(dev_plan("082_"))
    first = doc.sections[0]
    seven = next(n for n in first.children if n.number == "7")
    four = next(n for n in seven.children if n.number == "7.4")
    assert four.heading == ("Đánh giá tổng hợp công tác bảo vệ môi trường trong khai thác, thu hồi khoáng sản "
                            "(thực trạng, nguyên nhân, giải pháp)")
    eight = next(n for n in first.children if n.number == "8")
    assert eight.heading == "Đánh giá chung về thuận lợi, khó khăn và tồn tại"


def test_a_longer_title_ending_in_a_colon_over_its_items(dev_plan, extract_file):
    """084 'g) Tình hình thực hiện các quy định của pháp luật trong lĩnh vực vật liệu nổ công nghiệp, tiền chất
    thuốc nổ:' over its bullets is their title; 040's 'Điều 1. Phê duyệt Chương trình … với những nội dung sau:'
    introduces them and stays text."""
    doc = extract_file(dev_plan("084_"))
    g = next(n for n in doc.sections[0].children if n.number == "g")
    assert g.heading == ("Tình hình thực hiện các quy định của pháp luật trong lĩnh vực vật liệu nổ công nghiệp, "
                         "tiền chất thuốc nổ")
    article = extract_file(dev_plan("040_")).sections[0]
    assert article.heading is None and article.text.startswith("Phê duyệt Chương trình phát triển Chính phủ số")


def test_titles_a_hard_wrapped_text_broke(dev_plan, extract_file):
    """161 breaks '2. Quy định về trình tự, thủ tục lập, thẩm định, phê duyệt dự án, phê duyệt' / 'thiết kế tại thời
    điểm lập dự án:' over its a), b); 110 breaks '1.5. Về việc lập, … bản vẽ mặt' / 'cắt hiện trạng đối với khoáng
    sản rắn.': both are titles, and 110's is no task."""
    two = next(n for n in extract_file(dev_plan("161_")).sections if n.number == "2")
    assert two.heading == ("Quy định về trình tự, thủ tục lập, thẩm định, phê duyệt dự án, phê duyệt thiết kế "
                           "tại thời điểm lập dự án")
    doc = extract_file(dev_plan("110_"))
    five = next(n for n in doc.sections[0].children if n.number == "1.5")
    assert five.heading == ("Về việc lập, cập nhật, nộp và lưu giữ bản đồ hiện trạng, bản vẽ mặt cắt hiện trạng "
                            "đối với khoáng sản rắn")
    assert not any(t.description.startswith("Về việc lập, cập nhật") for t in doc.tasks)

"""Tasks of real plans (Kế hoạch, and Quyết định carrying one); leads, partners and timing read off the texts."""

from __future__ import annotations

from kehoach.extract.agencies import find_agencies
from kehoach.extract.tasks import _places
from kehoach.extract.deadlines import read_timing


def by_lead(doc):
    return [(t.lead, t.coordinating, t.deadline, t.frequency) for t in doc.tasks]


def test_giao_chu_tri_phoi_hop(dev_plan, extract_file):
    # '2. Giao Công an tỉnh chủ trì, phối hợp với Văn phòng UBND tỉnh theo dõi, … định kỳ báo cáo …'
    doc = extract_file(dev_plan("010_"))
    section = next(s for s in doc.sections if s.heading == "TỔ CHỨC THỰC HIỆN").children[1]
    task = next(t for t in doc.tasks if t.section_ref == section.id)
    assert (task.lead, task.coordinating, task.deadline, task.frequency) == (
        ["Công an tỉnh"], ["Văn phòng UBND tỉnh"], None, "định kỳ")
    assert task.origin == "body"


def test_tasks_outside_to_chuc_thuc_hien(dev_plan, extract_file):
    """010 'III. PHÂN CÔNG NHIỆM VỤ' assigns by agency headings ('1. Công an tỉnh' / '- …');
    'I. MỤC ĐÍCH, YÊU CẦU' names agencies but assigns nothing."""
    doc = extract_file(dev_plan("010_"))
    assigned = next(s for s in doc.sections if s.heading == "PHÂN CÔNG NHIỆM VỤ")
    aims = next(s for s in doc.sections if s.heading == "MỤC ĐÍCH, YÊU CẦU")

    def ids(section):
        return {section.id} | {i for child in section.children for i in ids(child)}

    assert len([t for t in doc.tasks if t.section_ref in ids(assigned)]) >= 10
    assert not [t for t in doc.tasks if t.section_ref in ids(aims)]


def test_agency_headings_lead_their_bullets(dev_plan, extract_file):
    doc = extract_file(dev_plan("011_"))
    leads = [t.lead for t in doc.tasks]
    assert leads[:3] == [["Sở Nông nghiệp và Môi trường"]] * 3  # '1. Sở Nông nghiệp và Môi trường' / '- …' ×3
    # '2. Sở Tài chính: Căn cứ chức năng, nhiệm vụ, phối hợp với các cơ quan, đơn vị liên quan …'
    assert (doc.tasks[3].lead, doc.tasks[3].coordinating) == (["Sở Tài chính"], ["các cơ quan, đơn vị liên quan"])
    assert ["Sở Văn hóa, Thể thao và Du lịch"] in leads
    assert ["Ủy ban nhân dân cấp xã"] in leads
    # '… trong báo cáo công tác giảm nghèo hàng năm …'
    assert "hàng năm" in [t.frequency for t in doc.tasks]
    assert len(doc.tasks) == 17


def test_deadline_and_remarks_without_an_agency(dev_plan, extract_file):
    doc = extract_file(dev_plan("013_"))
    # '… xây dựng kế hoạch hoặc văn bản triển khai thực hiện (hoàn thành trong tháng 11/2025) …'
    dated = next(t for t in doc.tasks if "(hoàn thành trong tháng 11/2025)" in t.description)
    assert dated.deadline == "2025-11" and dated.timeframe == "hoàn thành trong tháng 11/2025"
    doc = extract_file(dev_plan("016_"))
    # '3. Trong quá trình thực hiện, nếu có khó khăn, vướng mắc …' assigns nothing.
    assert [t.lead for t in doc.tasks if t.description.startswith(("Sở Khoa học", "Căn cứ nội dung"))] == [
        ["Sở Khoa học và Công nghệ"], ["các sở, ngành", "Ủy ban nhân dân các xã, phường"]]
    assert not any(t.description.startswith("Trong quá trình") for t in doc.tasks)


def test_inspection_decision_charges_its_team_and_closing_article(dev_plan, extract_file):
    """018, a Quyết định setting up an inspection team: the article 'Nhiệm vụ và quyền hạn của Đoàn
    kiểm tra' gives the team its lead-in and each numbered duty below it, but the one handed out by
    'Trưởng đoàn' to him; its members ('1. Ông:
    Hoàng Văn Thuân - …, Trưởng đoàn;') are people, not titles or duties; the closing article
    charges every body and person it lists (FORMAT.md, helper-R)."""
    doc = extract_file(dev_plan("018_"))
    article = next(s for s in doc.sections if s.heading and s.heading.startswith("Nhiệm vụ và quyền hạn"))
    team = [t for t in doc.tasks if t.section_ref in {article.id, *(c.id for c in article.children)}]
    assert len(team) == 1 + len(article.children) == 9
    assert all(t.lead == ["Đoàn kiểm tra"] for t in team[:-1])
    assert team[-1].lead == ["Trưởng đoàn"]  # '8. Nhiệm vụ cụ thể của các thành viên … do Trưởng đoàn phân công.'
    members = doc.sections[0].children
    assert [m.heading for m in members] == [None] * 4 and members[0].text.startswith("Ông: Hoàng Văn Thuân")
    closing = doc.tasks[-1]
    assert "thi hành Quyết định này" in closing.description
    assert closing.lead == ["Chánh Văn phòng Sở", "Trưởng phòng Quản lý công nghiệp",
                            "các tổ chức cá nhân có liên quan", "các ông/bà có tên tại Điều 1"]


def test_task_ids_are_stable(dev_plan, extract_file):
    path = dev_plan("017_")
    first, again = extract_file(path), extract_file(path)
    assert [t.id for t in first.tasks] == [t.id for t in again.tasks]
    assert len({t.id for t in first.tasks}) == len(first.tasks) == 28  # as annotated in annotations-fresh


def test_agencies_as_printed():
    text = ("Sở Nội vụ: Chủ trì, phối hợp với Sở Thông tin và Truyền thông, Đài Phát thanh và Truyền hình tỉnh, "
            "Sở Văn hóa, Thể thao và Du lịch, UBND các huyện, thị xã, thành phố tổ chức tuyên truyền.")
    assert [a.text for a in find_agencies(text)] == [
        "Sở Nội vụ", "Sở Thông tin và Truyền thông", "Đài Phát thanh và Truyền hình tỉnh",
        "Sở Văn hóa, Thể thao và Du lịch", "UBND các huyện, thị xã, thành phố"]


def test_timing_phrases():
    assert read_timing("Thời gian thực hiện: trong Quý II/2023.").deadline == "2023-Q2"
    assert read_timing("Hoàn thành trước ngày 15 tháng 6 năm 2023.").deadline == "2023-06-15"
    assert read_timing("báo cáo trước ngày 15/6/2023").timeframe == "trước ngày 15/6/2023"
    assert read_timing("Kế hoạch cải cách hành chính năm 2023").deadline is None
    assert read_timing("mỗi tuần ít nhất 01 lần").frequency == "mỗi tuần ít nhất 01 lần"
    assert read_timing("Xong trong tháng 5/2026").deadline == "2026-05"
    assert read_timing("Thời gian thực hiện: Năm 2025 - 2026").deadline == "2026"
    assert read_timing("tổ chức sơ kết kết quả triển khai Kế hoạch vào cuối năm 2027").deadline == "2027"
    # a vision or target year is no due date (006: '… thời kỳ 2021–2030, tầm nhìn đến năm 2050')
    assert read_timing("Quy hoạch tỉnh Lào Cai thời kỳ 2021–2030, tầm nhìn đến năm 2050").deadline is None
    hang = read_timing("báo cáo trước ngày 18 hằng tháng")  # recurring: no deadline, a frequency
    assert (hang.deadline, hang.frequency) == (None, "hằng tháng")


def test_labels_after_the_bullets_lead_them(dev_plan, extract_file):
    """001 III.1: six '- Tham mưu …' / '- Phối hợp …' bullets, then 'Đơn vị chủ trì: Phòng Quản
    lý Công nghiệp; Đơn vị phối hợp: Phòng Quản lý Năng lượng, Phòng Quản lý Thương mại.'"""
    doc = extract_file(dev_plan("001_"))
    led = [t for t in doc.tasks if t.lead == ["Phòng Quản lý Công nghiệp"]]
    assert len(led) >= 6
    first = next(t for t in led if t.description.startswith("Tham mưu UBND tỉnh xây dựng chính sách"))
    assert first.coordinating == ["Phòng Quản lý Năng lượng", "Phòng Quản lý Thương mại"]
    assert not any(t.description.startswith(("Đơn vị chủ trì", "Lãnh đạo phụ trách")) for t in doc.tasks)


def test_partners_named_by_the_bullets_of_chu_tri_phoi_hop(dev_plan, extract_file):
    """013 '2.3. Công an tỉnh' / 'b) Chủ trì, phối hợp' / '- Sở Tài chính và các đơn vị có liên
    quan tham mưu …': Công an tỉnh leads, the bullet's agencies assist; in 'c) … các dự án do Bộ
    Công an chủ trì …' Bộ Công an only qualifies the projects."""
    doc = extract_file(dev_plan("013_"))
    task = next(t for t in doc.tasks if t.description.startswith("Sở Tài chính và các đơn vị có liên quan tham mưu"))
    assert (task.lead, task.coordinating) == (["Công an tỉnh"], ["Sở Tài chính", "các đơn vị có liên quan"])
    projects = next(t for t in doc.tasks if t.description.startswith("Tổ chức triển khai thực hiện các nội dung"))
    assert projects.lead == ["Công an tỉnh"]


def test_canonical_agency_names():
    """One body printed several ways has one canonical name (gazetteer normalize/data/agencies.json)."""
    from kehoach.extract.agencies import canonical_name

    assert canonical_name("UBND tỉnh") == canonical_name("Uỷ ban nhân dân tỉnh") == "Ủy ban nhân dân tỉnh"
    assert canonical_name("SỞ TÀI CHÍNH") == canonical_name("Sở Tài Chính") == "Sở Tài chính"
    assert canonical_name("Sở TN&MT") == canonical_name("Sở Tài nguyên và Môi trường") == "Sở Tài nguyên và Môi trường"
    assert canonical_name("Sở VHTTDL") == "Sở Văn hóa, Thể thao và Du lịch"


def test_names_the_patterns_cut_short_are_completed_by_the_gazetteer():
    assert [a.text for a in find_agencies("Sở Giáo dục và Đào tạo chủ trì")] == ["Sở Giáo dục và Đào tạo"]
    assert [a.text for a in find_agencies("Bộ Ngoại giao phối hợp")] == ["Bộ Ngoại giao"]
    assert [a.text for a in find_agencies("Sở TN&MT tổng hợp")] == ["Sở TN&MT"]
    # 176's text layer runs its addressee on into the opening: 'Xét' starts no name word
    assert [a.text for a in find_agencies("Bộ Công Thương Xét đề nghị của Bộ Công Thương")] == ["Bộ Công Thương"] * 2


def test_tasks_carry_canonical_names(dev_plan, extract_file):
    doc = extract_file(dev_plan("010_"))
    for task in doc.tasks:
        assert len(task.lead_canonical) == len(task.lead) and len(task.coordinating_canonical) == len(task.coordinating)
    assert any(t.coordinating == ["Văn phòng UBND tỉnh"] and t.coordinating_canonical == ["Văn phòng Ủy ban nhân dân tỉnh"]
               for t in doc.tasks)


def _line(path, number: int) -> str:
    return path.read_text(encoding="utf-8").splitlines()[number - 1]


def test_heads_by_title_and_groups_with_their_qualifiers(dev_plan):
    """Names as the annotation rules read them: a head charged by title, a group with all its
    kinds and its qualifier, one name per body ('và các …' starts another)."""
    # 042 'Điều 3. Chánh Văn phòng Ủy ban nhân dân Thành phố, Giám đốc các Sở, Thủ trưởng …'
    names = [a.text for a in find_agencies(_line(dev_plan("042_"), 37))]
    assert names == ["Chánh Văn phòng Ủy ban nhân dân Thành phố", "Giám đốc các Sở",
                     "Thủ trưởng các cơ quan, đơn vị trực thuộc Ủy ban nhân dân Thành phố",
                     "Chủ tịch Ủy ban nhân dân phường, xã, đặc khu", "các đơn vị có liên quan"]
    # 006 IV.1 '1. Giám đốc các Sở và Thủ trưởng các ban, ngành tỉnh; Chủ tịch Ủy ban nhân dân các xã, phường:'
    assert [a.text for a in find_agencies(_line(dev_plan("006_"), 57))] == [
        "Giám đốc các Sở", "Thủ trưởng các ban, ngành tỉnh", "Chủ tịch Ủy ban nhân dân các xã, phường"]
    assert [a.text for a in find_agencies(_line(dev_plan("011_"), 66))] == ["Các Sở, ngành, đơn vị liên quan"]
    # 006 line 44 '- Các Sở, ngành và các cơ quan chức năng chủ động phối hợp …': two bodies
    assert [a.text for a in find_agencies(_line(dev_plan("006_"), 44))][:2] == ["Các Sở, ngành", "các cơ quan chức năng"]
    # 013 '… các Sở, ban, ngành, đoàn thể cấp tỉnh, cơ quan ngành dọc …': the level closes the group
    assert "các Sở, ban, ngành, đoàn thể cấp tỉnh" in [a.text for a in find_agencies(_line(dev_plan("013_"), 114))]


def test_closing_article_of_a_decision_is_a_task(dev_plan, extract_file):
    """Điều 3 '… chịu trách nhiệm thi hành Quyết định này' charges every body it names (FORMAT.md)."""
    doc = extract_file(dev_plan("040_"))
    article = next(s for s in doc.sections if s.number == "Điều 3")
    [task] = [t for t in doc.tasks if t.section_ref == article.id]
    assert task.lead == ["Bộ trưởng", "Thủ trưởng cơ quan ngang bộ", "Thủ trưởng cơ quan thuộc Chính phủ",
                         "Chủ tịch Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương",
                         "Thủ trưởng các cơ quan, đơn vị có liên quan"]


def test_a_capital_head_opens_the_next_name(dev_plan):
    """010 '… các Ban Xây dựng Đảng và Ủy ban Kiểm tra Tỉnh ủy, …': 'và Ủy ban' starts another body;
    042 'Viện Nghiên cứu phát triển Thành phố' keeps its place."""
    names = [a.text for a in find_agencies(_line(dev_plan("010_"), 42))]
    assert names[:3] == ["Văn phòng Tỉnh ủy", "Ban Xây dựng Đảng", "Ủy ban Kiểm tra Tỉnh ủy"]
    assert "Viện Nghiên cứu phát triển Thành phố" in [a.text for a in find_agencies(_line(dev_plan("042_"), 112))]
    # 046 '… Đề nghị Chủ tịch Ủy ban nhân dân tỉnh thành lập, giải thể …': 'thành' without 'phố' is no place
    line = next(ln for ln in dev_plan("046_").read_text(encoding="utf-8").splitlines() if "tỉnh thành lập" in ln)
    assert "Chủ tịch Ủy ban nhân dân tỉnh" in [a.text for a in find_agencies(line)]


def test_a_departments_own_units(dev_plan, extract_file):
    """001 '5. Văn phòng Sở: Thực hiện công tác cải cách hành chính …' and 'VI. CHẾ ĐỘ BÁO CÁO' /
    'Các phòng, đơn vị báo cáo … về Phòng Kế hoạch - Tổng hợp trước ngày 18 hằng tháng …'."""
    doc = extract_file(dev_plan("001_"))
    leads = [t.lead for t in doc.tasks]
    assert ["Văn phòng Sở"] in leads and ["Các phòng, đơn vị"] in leads
    assert [a.text for a in find_agencies("do Văn phòng Sở Công Thương tỉnh Lào Cai bố trí")] == [
        "Văn phòng Sở Công Thương tỉnh Lào Cai"]


def test_a_paragraph_charging_agencies_in_turn(dev_plan, extract_file):
    """035 V.2 'Trên cơ sở nhiệm vụ được giao, các cơ quan, tổ chức được phân công có trách nhiệm lập dự
    toán …. Bộ Tài chính có trách nhiệm phân bổ kinh phí …; Ủy ban nhân dân cấp tỉnh trình Hội đồng nhân
    dân phê duyệt …': one task per agency (FORMAT.md), the first one cut where the next begins."""
    doc = extract_file(dev_plan("035_"))
    resources = next(s for s in doc.sections[0].children if s.heading == "NGUỒN LỰC THỰC HIỆN").children[1]
    tasks = [t for t in doc.tasks if t.section_ref == resources.id]
    assert [t.lead for t in tasks] == [["các cơ quan, tổ chức được phân công"], ["Bộ Tài chính"],
                                       ["Ủy ban nhân dân cấp tỉnh"]]
    assert tasks[0].description.endswith("trình phê duyệt để triển khai thực hiện.")
    assert tasks[1].description.startswith("Bộ Tài chính có trách nhiệm phân bổ kinh phí")
    assert len({t.id for t in doc.tasks}) == len(doc.tasks)


def test_items_staffed_by_labelled_sub_items(dev_plan, extract_file):
    """014: '1.1. …' / 'a) Nhiệm vụ: Tham mưu …' / 'b) Cơ quan thực hiện:' over '- Đơn vị chủ trì: Sở
    Khoa học và Công nghệ.' '- Đơn vị phối hợp: …' / 'c) Thời gian thực hiện: Hoàn thành trong năm
    2025.': the duty is led and dated by the labels, and the labels themselves are no tasks."""
    tasks = extract_file(dev_plan("014_")).tasks
    first = next(t for t in tasks if t.description.startswith("Tham mưu UBND Thành phố phối hợp với Bộ Công an"))
    assert first.lead == ["Sở Khoa học và Công nghệ"] and first.deadline == "2025"
    # 4.1: the sentence's own subject is the generic doer; the label names the lead
    funding = next(t for t in tasks if t.description.startswith("Các đơn vị được giao thực hiện"))
    assert funding.lead == ["Các Sở, ban, ngành"]
    assert not [t for t in tasks if t.description.startswith(("Hoàn thành trong năm", "Đơn vị chủ trì"))]


def test_an_item_whose_title_is_the_duty(dev_plan, extract_file):
    """016 '4. Phối hợp kiểm tra việc thi hành Luật …' has only label bullets under it: the title is
    the duty; a label value lists a body the patterns do not know by name, kept as printed."""
    tasks = extract_file(dev_plan("016_")).tasks
    check = next(t for t in tasks if t.description.startswith("Phối hợp kiểm tra việc thi hành Luật"))
    assert check.lead == ["Sở Khoa học và Công nghệ"]
    first = next(t for t in tasks if t.description.startswith("Trên cơ sở tài liệu do Trung ương biên soạn"))
    assert "Báo và Phát thanh Truyền hình Lai Châu" in first.lead and "Sở Tư pháp" in first.lead


def test_a_body_followed_by_its_role_leads_by_its_name(dev_plan, extract_file):
    """033 '1.2. Sở Tài chính - Cơ quan thường trực Ban Chỉ đạo' heads its bullets: the lead is the
    body ('Sở Tài chính'), not the body run on into its role; a name with a dash inside stays whole."""
    from kehoach.extract.agencies import find_agencies

    tasks = extract_file(dev_plan("033_")).tasks
    duty = next(t for t in tasks if t.description.startswith("Tuyên truyền, phổ biến, quán triệt các cơ quan"))
    assert duty.lead == ["Sở Tài chính"]
    assert [a.text for a in find_agencies("Sở Lao động - Thương binh và Xã hội chủ trì")] == \
        ["Sở Lao động - Thương binh và Xã hội"]


def test_doers_the_patterns_do_not_know_lead_under_to_chuc_thuc_hien(dev_plan, extract_file):
    """017 'IV. TỔ CHỨC THỰC HIỆN' / '4. Các doanh nghiệp viễn thông' / '- Đảm bảo tốc độ …': the
    heading names a doer no agency pattern knows, and leads its bullets; a topic heading outside
    such a section ('2.3. Thử nghiệm và tối ưu hóa', over bullets too) leads nothing."""
    tasks = extract_file(dev_plan("017_")).tasks
    speed = next(t for t in tasks if t.description.startswith("Đảm bảo tốc độ, độ trễ"))
    assert speed.lead == ["Các doanh nghiệp viễn thông"]
    assert not [t for t in tasks if "Thử nghiệm và tối ưu hóa" in t.lead]
    investors = [t for t in tasks if t.lead == ["Các chủ đầu tư xây dựng và kinh doanh hạ tầng Khu công nghiệp"]]
    assert len(investors) == 6


def test_a_doer_list_splits_only_where_a_new_name_starts(dev_plan, extract_file):
    """045 IV: '8. Đề nghị Liên minh Hợp tác xã tỉnh, Đoàn TNCS Hồ Chí Minh tỉnh, …' is four bodies;
    '7. Trung tâm Xúc tiến đầu tư, thương mại và du lịch' is one; '1.5. Trách nhiệm của đối tượng
    thực hiện kiểm kê:' (033) names the doer after 'Trách nhiệm của'."""
    tasks = extract_file(dev_plan("045_")).tasks
    fair = next(t for t in tasks if t.description.startswith("Đẩy mạnh tập huấn, học tập mô hình"))
    assert fair.lead == ["Liên minh Hợp tác xã tỉnh", "Đoàn TNCS Hồ Chí Minh tỉnh", "Hội nông dân tỉnh",
                         "Hiệp hội doanh nghiệp tỉnh"]
    week = next(t for t in tasks if t.description.startswith("Tổ chức các chương trình: Tuần hàng"))
    assert week.lead == ["Trung tâm Xúc tiến đầu tư, thương mại và du lịch"]
    count = next(t for t in extract_file(dev_plan("033_")).tasks if t.description.startswith("Thành lập Tổ kiểm kê"))
    assert count.lead == ["đối tượng thực hiện kiểm kê"]


def test_a_closing_article_after_the_effective_date(dev_plan, extract_file):
    """045 'Điều 3. Quyết định này có hiệu lực …' then, in the same article, 'Chánh Văn phòng UBND
    tỉnh; Giám đốc Sở Công Thương; … chịu trách nhiệm thi hành quyết định này': that paragraph is a
    task of all five; the issuer's closing request ('Ủy ban nhân dân tỉnh Lào Cai yêu cầu các Sở …
    nghiêm túc triển khai', 006) is not."""
    tasks = extract_file(dev_plan("045_")).tasks
    closing = next(t for t in tasks if "chịu trách nhiệm thi hành quyết định này" in t.description)
    assert closing.lead == ["Chánh Văn phòng UBND tỉnh", "Giám đốc Sở Công Thương",
                            "Thủ trưởng các Sở, ngành, cơ quan thuộc tỉnh", "Chủ tịch Ủy ban nhân dân các xã, phường",
                            "các tổ chức, cá nhân liên quan"]
    assert not [t for t in extract_file(dev_plan("006_")).tasks if "yêu cầu các Sở, ban, ngành" in t.description]


def test_names_stop_before_the_verb():
    """'tiến hành' and 'tổng hợp' begin the predicate ('Bộ Công an tiến hành rà soát'), yet 'Xúc
    tiến' is part of a name; 'thuộc Chính phủ' ends a group; a listed name keeps its country."""
    assert [a.text for a in find_agencies("Bộ Công an tiến hành rà soát; Sở Công Thương tổng hợp báo cáo")] == \
        ["Bộ Công an", "Sở Công Thương"]
    assert [a.text for a in find_agencies("Trung tâm Xúc tiến đầu tư tổ chức hội chợ")] == ["Trung tâm Xúc tiến đầu tư"]
    assert [a.text for a in find_agencies("Các bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ căn cứ chức năng")] == \
        ["Các bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ"]
    assert [a.text for a in find_agencies("Viện trưởng Viện Văn hóa, Nghệ thuật, Thể thao và Du lịch Việt Nam và "
                                          "Thủ trưởng các cơ quan liên quan")] == \
        ["Viện trưởng Viện Văn hóa, Nghệ thuật, Thể thao và Du lịch Việt Nam", "Thủ trưởng các cơ quan liên quan"]


def test_a_doer_cut_short_outside_to_chuc_thuc_hien(dev_plan, extract_file):
    """089, a Chỉ thị with no 'Tổ chức thực hiện' around its items: '1. Các cơ quan đăng ký đầu tư
    (Sở Tài chính, …):' is a heading, and the doer it names (not 'Các cơ quan', where the group
    pattern stops) leads its lettered duties; a name followed by a predicate ('Sở Y tế chủ trì …')
    is no name cut short."""
    from kehoach.extract.doers import cut_short

    doc = extract_file(dev_plan("089_"))
    duty = next(t for t in doc.tasks if t.description.startswith("Là đầu mối chủ trì, tiếp nhận hồ sơ"))
    assert duty.lead == ["Các cơ quan đăng ký đầu tư"]
    assert not cut_short("Sở Y tế chủ trì, phối hợp với Sở Nông nghiệp và Môi trường", ["Sở Y tế"])
    assert cut_short("Các đơn vị cấp nước sạch trên địa bàn thành phố", ["Các đơn vị"])


def test_directives_charge_agencies_other_notices_do_not(dev_plan, extract_file):
    """A Công điện (093) charges provinces and ministries item by item; a Thông báo of results
    (052, 'Về kết quả xác định trước mã số') charges nobody, whatever agencies it names."""
    cable = extract_file(dev_plan("093_"))
    assert cable.doc_type == "Công điện" and len(cable.tasks) >= 10
    assert any(t.lead == ["Bộ Nông nghiệp và Môi trường"] for t in cable.tasks)
    notice = extract_file(dev_plan("052_"))
    assert notice.doc_type == "Thông báo" and notice.tasks == []


def test_a_group_named_by_its_members(dev_plan, extract_file):
    """'Các Bộ: Quốc phòng, Công an chủ động …' (093): the ministries listed after the colon are
    one lead, as printed, and the line is a sentence, not 'Label: text'; 'kịp thời' after
    'Thông tấn xã Việt Nam' starts the predicate."""
    assert [a.text for a in find_agencies("phối hợp với các Sở: Tư pháp, Nội vụ và UBND các xã")] == \
        ["các Sở: Tư pháp, Nội vụ", "UBND các xã"]
    tasks = extract_file(dev_plan("093_")).tasks
    forces = next(t for t in tasks if "rà soát kịch bản" in t.description)
    assert forces.lead == ["Các Bộ: Quốc phòng, Công an"]
    news = next(t for t in tasks if t.lead and t.lead[0] == "Đài Truyền hình Việt Nam")
    assert news.lead[-1] == "Thông tấn xã Việt Nam"


def test_alternative_bodies_joined_by_a_slash(dev_plan, extract_file):
    """047 '3. Sở Văn hóa, Thể thao và Du lịch/Sở Văn hóa và Thể thao tỉnh, thành phố trực thuộc
    Trung ương': two bodies (a province has one or the other), the second with its locality."""
    tasks = extract_file(dev_plan("047_")).tasks
    duty = next(t for t in tasks if t.description.startswith("Chủ động cân đối, bố trí đủ nguồn vốn đối ứng"))
    assert duty.lead == ["Sở Văn hóa, Thể thao và Du lịch",
                         "Sở Văn hóa và Thể thao tỉnh, thành phố trực thuộc Trung ương"]


def test_a_group_described_up_to_its_duty_and_dates_that_are_no_duties(dev_plan, extract_file):
    """039: 'Các cơ quan được phân công chủ trì thực hiện nhiệm vụ theo Kế hoạch này có trách
    nhiệm lập kế hoạch …' – the group is everything before 'có trách nhiệm'; '- Thời hạn ban hành:
    trước ngày 01 tháng 01 năm 2026.' dates its item and is no task of its own."""
    tasks = extract_file(dev_plan("039_")).tasks
    budget = next(t for t in tasks if "lập kế hoạch, dự toán, quyết toán" in t.description)
    assert budget.lead == ["Các cơ quan được phân công chủ trì thực hiện nhiệm vụ theo Kế hoạch này"]
    assert not [t for t in tasks if t.description.startswith("Thời hạn ban hành")]


def test_boards_of_zones_named_in_lower_case():
    """'Ban Quản lý các khu chế xuất và công nghiệp Cần Thơ' (092): 'các khu' is part of the name,
    not a locality that ends it."""
    assert [a.text for a in find_agencies("Giao Ban Quản lý các khu chế xuất và công nghiệp Cần Thơ chỉ đạo "
                                          "các đơn vị")] == ["Ban Quản lý các khu chế xuất và công nghiệp Cần Thơ",
                                                            "các đơn vị"]
    assert [a.text for a in find_agencies("Ban Quản lý các Khu công nghiệp tỉnh chủ trì")] == \
        ["Ban Quản lý các Khu công nghiệp tỉnh"]


def test_councils_of_listed_places_and_party_leaders(dev_plan, extract_file):
    """095 '2. Chủ tịch Ủy ban nhân dân các tỉnh: Khánh Hòa,' / 'Đắk Lắk, Gia Lai:' heads three
    bullets: the provinces listed after the colon belong to the lead, across the line break.
    Item 1 opens 'Đồng chí Bí thư tỉnh ủy và Chủ tịch … và lãnh đạo các Bộ, ngành': three leads,
    the party secretary and the ministries' leaders by their titles, without 'Đồng chí'."""
    assert [a.text for a in find_agencies("UBND các xã: Gia Thuận, Tân Điền và Sở Y tế chủ trì")] == \
        ["UBND các xã: Gia Thuận, Tân Điền", "Sở Y tế"]
    assert [a.text for a in find_agencies("Ủy ban nhân dân các tỉnh: chủ động ứng phó")] == ["Ủy ban nhân dân các tỉnh"]
    assert [a.text for a in find_agencies("Chủ tịch UBND các tỉnh: Điện Biên, Thanh Hóa chủ động")] == \
        ["Chủ tịch UBND các tỉnh: Điện Biên, Thanh Hóa"]  # places that begin like a head ('Điện lực', 'Thanh tra')
    tasks = extract_file(dev_plan("095_")).tasks
    provinces = "Chủ tịch Ủy ban nhân dân các tỉnh: Khánh Hòa, Đắk Lắk, Gia Lai"
    assert [t.lead for t in tasks if t.description.startswith(("Chịu trách nhiệm toàn diện", "Tiếp tục huy động",
                                                               "Cung ứng, tiếp tế"))] == [[provinces]] * 3
    first = next(t for t in tasks if t.description.startswith("Đồng chí Bí thư"))
    assert first.lead == ["Bí thư tỉnh ủy", provinces, "lãnh đạo các Bộ, ngành"]


def test_closing_requests_of_directives_are_no_tasks(dev_plan, extract_file):
    """'Chủ tịch UBND tỉnh yêu cầu Thủ trưởng các sở …' (090), 'Yêu cầu Giám đốc các sở … triển
    khai thực hiện nghiêm Chỉ thị này' (091) and 'Văn phòng Chính phủ thông báo để … biết, thực
    hiện' (065) close the document; the duties before them stay."""
    for prefix, closing in [("090_", "Chủ tịch UBND tỉnh yêu cầu"), ("091_", "Yêu cầu Giám đốc"),
                            ("065_", "Văn phòng Chính phủ thông báo")]:
        tasks = extract_file(dev_plan(prefix)).tasks
        assert tasks and not [t for t in tasks if t.description.startswith(closing)]


def test_an_agency_line_announcing_its_items_is_their_title(dev_plan, extract_file):
    """097 '2. Bộ Quốc phòng, Bộ Công an theo chức năng, nhiệm vụ, thẩm quyền chủ trì, phối hợp với
    các Bộ, cơ quan liên quan và các địa phương:' over a) and b): a title whose agencies lead the
    items, no task of its own; 035's long 'm) Ủy ban nhân dân các tỉnh … chịu trách nhiệm …;
    lồng ghép …:' over bullets keeps its own duty."""
    doc = extract_file(dev_plan("097_"))
    second = next(s for s in doc.sections if s.number == "2")
    assert second.heading and second.heading.startswith("Bộ Quốc phòng, Bộ Công an") and not second.text
    assert [t.lead for t in doc.tasks if t.section_ref in {c.id for c in second.children}] == \
        [["Bộ Quốc phòng", "Bộ Công an"]] * 2
    assert not [t for t in doc.tasks if t.description.startswith("Bộ Quốc phòng, Bộ Công an theo chức năng")]
    councils = [t for t in extract_file(dev_plan("035_")).tasks if t.description.startswith("Ủy ban nhân dân các tỉnh")]
    assert any("chịu trách nhiệm toàn diện" in t.description for t in councils)


def test_notices_of_conclusions(dev_plan, extract_file):
    """A Thông báo kết luận (069, 073, 065): items titled by their topic ('2. Về dự án …: Bộ Xây
    dựng khẩn trương …', also wrapped over two lines) give the duty after the ':' to its subject;
    the lead-in 'Đề nghị Thường trực Tỉnh ủy …:' leads the numbered items below it; a subject
    after a leading clause ('Sau khi …, Bộ Tài chính …') leads; state groups listed after 'các
    Tập đoàn:' are one lead; '… trân trọng thông báo./.' is no task."""
    doc = extract_file(dev_plan("069_"))
    proposals = next(s for s in doc.sections if s.number == "III")
    assert all(c.heading.startswith("Về ") for c in proposals.children[:9])
    dredging = next(t for t in doc.tasks if t.section_ref == proposals.children[1].id)
    assert dredging.lead == ["Bộ Xây dựng"] and dredging.description.startswith("Bộ Xây dựng khẩn trương")
    solutions = next(s for s in doc.sections if s.number == "II")
    assert [t.lead for t in doc.tasks if t.section_ref in {c.id for c in solutions.children}] == \
        [["Thường trực Tỉnh ủy"]] * 10
    coverage = next(t for t in doc.tasks if t.section_ref == proposals.children[8].id)
    assert coverage.lead[0] == "các Tập đoàn: Bưu chính Viễn thông Việt Nam, Công nghiệp - Viễn thông Quân đội"
    assert not [t for t in doc.tasks if "trân trọng thông báo" in t.description]
    wrapped = next(s for s in extract_file(dev_plan("073_")).sections if s.number == "II").children[5:7]
    assert wrapped[0].heading == "Về việc lồng ghép các kiến nghị của tỉnh Điện Biên vào các các Chương trình mục " \
        "tiêu quốc gia và các đề án có liên quan" and wrapped[0].text.startswith("Giao Bộ Giáo dục")
    assert wrapped[1].heading.endswith("Cửa khẩu Tây Trang; dự án nâng cấp đường từ Quốc lộ 12 đến cửa khẩu A Pa Chải")
    whole = next(s for s in doc.sections if s.number == "I").children[0]  # a whole title over a paragraph with a ':'
    assert whole.heading == "Về tình hình kết quả kinh tế - xã hội 10 tháng năm 2025 của tỉnh Thanh Hóa"
    later = next(t for t in extract_file(dev_plan("065_")).tasks if t.description.startswith("Sau khi phương án"))
    assert later.lead == ["Bộ Tài chính"]


def test_places_charged_by_name(dev_plan, extract_file):
    """Notices charge provinces by name: 'Thành phố Hồ Chí Minh, tỉnh Lâm Đồng đẩy nhanh …' (067)
    is two leads, 'Tỉnh căn cứ …' (073) one, and after a clause of purpose ('Để tiếp tục …, tỉnh
    Đắk Lắk cần tiếp tục …:', 065) the province leads the lead-in and the items below it. A place
    that opens a sentence without a duty's verb ('Tỉnh Lào Cai có …') charges nobody."""
    assert _places("Tỉnh Lào Cai có diện tích 6.364 km2", 0) == []
    tasks = extract_file(dev_plan("067_")).tasks
    assert next(t for t in tasks if t.description.startswith("Thành phố Hồ Chí Minh, tỉnh Lâm Đồng")).lead == \
        ["Thành phố Hồ Chí Minh", "tỉnh Lâm Đồng"]
    assert next(t for t in tasks if t.description.startswith("Thành phố Hà Nội và các tỉnh")).lead == \
        ["Thành phố Hà Nội", "các tỉnh Bắc Ninh, Gia Lai"]
    assert next(t for t in extract_file(dev_plan("073_")).tasks if t.description.startswith("Tỉnh căn cứ")).lead == ["Tỉnh"]
    doc = extract_file(dev_plan("065_"))
    solutions = next(s for s in doc.sections if s.number == "II")
    assert [t.lead for t in doc.tasks if t.section_ref in {solutions.id, *(c.id for c in solutions.children)}] == \
        [["tỉnh Đắk Lắk"]] * 6


def test_office_holders_of_directives(dev_plan, extract_file):
    """'Giao Phó Thủ tướng Hồ Đức Phớc và các Phó Thủ tướng theo nhiệm vụ được phân công chỉ đạo …'
    (097) names two leads; 'Thống đốc Ngân hàng Nhà nước Việt Nam chỉ đạo …' is the governor, by title."""
    assert [a.text for a in find_agencies("Thống đốc Ngân hàng Nhà nước Việt Nam chỉ đạo các ngân hàng")] == \
        ["Thống đốc Ngân hàng Nhà nước Việt Nam"]
    assert [a.text for a in find_agencies("Bộ trưởng, Thủ trưởng các cơ quan ngang Bộ, cơ quan thuộc Chính phủ, "
                                          "Tổng giám đốc các Tập đoàn chỉ đạo")] == \
        ["Bộ trưởng", "Thủ trưởng các cơ quan ngang Bộ, cơ quan thuộc Chính phủ", "Tổng giám đốc các Tập đoàn"]
    deputies = next(t for t in extract_file(dev_plan("097_")).tasks if "Phó Thủ tướng" in t.description)
    assert deputies.lead == ["Phó Thủ tướng Hồ Đức Phớc", "các Phó Thủ tướng"]


def test_a_doer_heading_that_refers_back(dev_plan, extract_file):
    """105 '4. Các Sở Xây dựng nêu trên' ends with the connective 'trên' yet is whole: the title
    whose doers, named as printed, lead its bullets. 067's 'Ủy ban nhân dân các tỉnh, thành phố:
    Tuyên Quang, …' keeps its places."""
    doc = extract_file(dev_plan("105_"))
    fourth = next(s for s in doc.sections if s.number == "4")
    assert fourth.heading == "Các Sở Xây dựng nêu trên"
    assert {tuple(t.lead) for t in doc.tasks if t.section_ref in {c.id for c in fourth.children}} == \
        {("Các Sở Xây dựng nêu trên",)}
    assert [a.text for a in find_agencies("Ủy ban nhân dân các tỉnh, thành phố: Tuyên Quang, Đồng Nai quyết liệt")] \
        == ["Ủy ban nhân dân các tỉnh, thành phố: Tuyên Quang, Đồng Nai"]


def test_ordinal_paragraphs_charge_their_subjects(dev_plan, extract_file):
    """067 'Thứ tư, các địa phương cần chủ động, quyết liệt hơn nữa …': the ordinal opens the
    paragraph, its subject leads."""
    tasks = extract_file(dev_plan("067_")).tasks
    assert next(t for t in tasks if t.description.startswith("Thứ tư,")).lead == ["các địa phương"]


def test_duties_of_the_province_a_notice_meets(dev_plan, extract_file):
    """A notice of a meeting with one province: the duty part's items that name no subject are
    that province's ('… LÀM VIỆC VỚI LÃNH ĐẠO TỈNH PHÚ THỌ' / 'II. MỘT SỐ NHIỆM VỤ, GIẢI PHÁP …' /
    '1. Nhận diện …', 070); a lead-in that ends an assessment hands its items below to its subject
    ('…, thành phố Đà Nẵng cần tập trung thực hiện tốt một số nhiệm vụ, giải pháp sau đây:', 072),
    and announces them only: it is no task of its own. The assessment itself charges nobody."""
    doc = extract_file(dev_plan("070_"))
    duties = next(s for s in doc.sections if s.number == "II")
    ids = {duties.id} | {c.id for c in duties.children} | {g.id for c in duties.children for g in c.children}
    assert [t.lead for t in doc.tasks if t.section_ref in ids] == [["tỉnh Phú Thọ"]] * 10
    assessment = next(s for s in doc.sections if s.number == "I")
    assert not [t for t in doc.tasks if t.section_ref == assessment.id]
    doc = extract_file(dev_plan("072_"))
    items = next(s for s in doc.sections if s.number == "I").children
    leads = [t.lead for t in doc.tasks if t.section_ref in {c.id for c in items}]
    assert leads.count(["thành phố Đà Nẵng"]) >= 6
    assert not [t for t in doc.tasks if t.description.endswith("giải pháp sau đây:")]


def test_office_holders_and_inspectorates_of_a_telegram(dev_plan, extract_file):
    """101: 'Cơ quan thanh tra khẩn trương …' leads; 'Thủ trưởng cơ quan ngang bộ, cơ quan trực
    thuộc Chính phủ' is one title, so the run of leads goes on to the provinces' chairmen; a list
    broken after its ';' ('3. Các bộ, …;' / 'Ủy ban nhân dân các tỉnh, … căn cứ …') is one task;
    'Đề nghị các đồng chí Bộ trưởng, …' charges the office holders after it."""
    leads = [t.lead for t in extract_file(dev_plan("101_")).tasks]
    assert ["Cơ quan thanh tra"] in leads
    assert ["Bộ trưởng", "Thủ trưởng cơ quan ngang bộ, cơ quan trực thuộc Chính phủ",
            "Chủ tịch Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương"] in leads
    assert ["Các bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ",
            "Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương", "các cơ quan thanh tra"] in leads
    assert ["Bộ trưởng", "Thủ trưởng các cơ quan ngang Bộ", "Chủ tịch Ủy ban nhân dân các tỉnh, thành phố"] in leads


def test_charges_further_on_in_a_paragraph(dev_plan, extract_file):
    """A notice's item that charges nobody at first but does further on: 068 '(1) Về việc phê
    duyệt Chương trình: Các Bộ, cơ quan thống nhất …; giao Bộ Nông nghiệp và Môi trường làm chủ
    …' (agreeing is no duty), '(2) …: Chính phủ sẽ phân công …. Bộ Dân tộc và Tôn giáo chịu trách
    nhiệm …. Yêu cầu các Bộ, cơ quan …'; 072 II.3 '…: Về vấn đề này, Chính phủ đã ban hành ….
    Các bộ, ngành … hoàn thiện …'. 'Cấp ủy, chính quyền Thành phố phải …' (072 I.1) leads."""
    leads = [t.lead for t in extract_file(dev_plan("068_")).tasks]
    assert ["Bộ Nông nghiệp và Môi trường"] in leads and ["Các Bộ, cơ quan"] not in leads
    assert ["Bộ Dân tộc và Tôn giáo"] in leads and ["các Bộ, cơ quan"] in leads
    leads = [t.lead for t in extract_file(dev_plan("072_")).tasks]
    assert ["Các bộ, ngành"] in leads and ["Cấp ủy", "chính quyền Thành phố"] in leads


def test_telegram_items_charging_listed_provinces_and_dated_at_their_end(dev_plan, extract_file):
    """099 '4. Chủ tịch … các tỉnh, thành phố trực thuộc Trung ương: Hà Tĩnh, …, Lâm Đồng chủ động …'
    is one item led by the council of the listed places; 101 2. charges the office holders, then
    'UBND thành phố Đà Nẵng …', and its closing 'Thời hạn hoàn thành: trước ngày 30/11/2025' dates both."""
    item = next(t for t in extract_file(dev_plan("099_")).tasks if t.lead[0].startswith("Chủ tịch"))
    assert item.lead == ["Chủ tịch Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương: Hà Tĩnh, Quảng Trị, "
                         "Huế, Đà Nẵng, Quảng Ngãi, Gia Lai, Đắk Lắk, Khánh Hòa, Lâm Đồng"]
    tasks = extract_file(dev_plan("101_")).tasks
    both = [t for t in tasks if t.lead[0] == "Bộ trưởng" and t.deadline or t.lead == ["UBND thành phố Đà Nẵng"]]
    assert [str(t.deadline) for t in both] == ["2025-11-30", "2025-11-30"]


def test_kinds_of_bodies_directives_charge():
    """Directives charge the press and builders by kind ('Các cơ quan truyền thông, báo chí tiếp tục
    …', 098; 'các nhà đầu tư, nhà thầu …', 067): each is one name, not 'Các cơ quan' cut short."""
    assert [a.text for a in find_agencies("Các cơ quan truyền thông, báo chí tiếp tục bám sát địa bàn")] == \
        ["Các cơ quan truyền thông, báo chí"]
    assert [a.text for a in find_agencies("các nhà đầu tư, nhà thầu khẩn trương thi công")] == ["các nhà đầu tư, nhà thầu"]


def test_councils_of_a_stretch_of_the_country(dev_plan, extract_file):
    """Directives on storms charge the provinces of a stretch of coast: 'Chủ tịch Ủy ban nhân dân
    các tỉnh, thành phố từ Hà Tĩnh đến Lâm Đồng' (104) and '… ven biển từ Đà Nẵng đến Lâm Đồng' (102)
    are one lead each."""
    assert [a.text for a in find_agencies("Chủ tịch Ủy ban nhân dân các tỉnh, thành phố từ Hà Tĩnh đến Lâm Đồng, "
                                          "trong đó tập trung")] == \
        ["Chủ tịch Ủy ban nhân dân các tỉnh, thành phố từ Hà Tĩnh đến Lâm Đồng"]
    leads = [t.lead for t in extract_file(dev_plan("102_")).tasks]
    assert any("Chủ tịch Ủy ban nhân dân các tỉnh, thành phố ven biển từ Đà Nẵng đến Lâm Đồng" in lead for lead in leads)


def test_a_notice_of_inspection_results_demands_remedies(dev_plan, extract_file):
    """048, a Sở's Thông báo of inspection results to a company: '2. Yêu cầu đối với chủ đầu tư' is no
    aim but the duties of its subject, each item one task ('a) Lưu trữ hồ sơ công trình theo quy
    định.', a one-sentence item read as a title); the information part gives none, and the closing
    'Sở Công Thương thông báo cho Công ty … được biết …' is no task."""
    doc = extract_file(dev_plan("048_"))
    assert [t.description for t in doc.tasks][:2] == [
        "Lưu trữ hồ sơ công trình theo quy định.",
        "Quản lý, khai thác, vận hành công trình theo đúng công năng, thiết kế được phê duyệt;"]
    assert {t.lead[0].casefold() for t in doc.tasks} == {"chủ đầu tư"}  # 'Chủ đầu tư và các nhà thầu …' too
    assert not [t for t in doc.tasks if "thông báo cho" in t.description]


def test_the_subject_asked_after_a_leading_clause(dev_plan, extract_file):
    """071 2.: 'Để đảm bảo chất lượng, …, yêu cầu Bộ Y tế, Ban Quản lý dự án, các nhà thầu và các bộ, cơ
    quan liên quan … tiếp tục …' is led by all four, Bộ Y tế first; deputies are titles too ('Thứ
    trưởng Bộ Y tế', 'Phó Chủ tịch UBND tỉnh')."""
    first = next(t for t in extract_file(dev_plan("071_")).tasks if t.description.startswith("Để đảm bảo chất lượng"))
    assert first.lead == ["Bộ Y tế", "Ban Quản lý dự án", "các nhà thầu", "các bộ, cơ quan liên quan"]
    assert [a.text for a in find_agencies("Bộ trưởng Bộ Y tế, Thứ trưởng Bộ Y tế phụ trách")] == \
        ["Bộ trưởng Bộ Y tế", "Thứ trưởng Bộ Y tế"]
    assert [a.text for a in find_agencies("Phó Chủ tịch UBND tỉnh Lào Cai chỉ đạo")] == ["Phó Chủ tịch UBND tỉnh Lào Cai"]


def test_a_basis_clause_listing_agencies_before_the_subject(dev_plan, extract_file):
    """075 2.: 'Trên cơ sở đề nghị của các Bộ, cơ quan liên quan, Bộ Tài chính khẩn trương …': the clause
    names agencies of its own; the subject is the one after its last comma."""
    task = next(t for t in extract_file(dev_plan("075_")).tasks if t.description.startswith("Trên cơ sở đề nghị"))
    assert task.lead == ["Bộ Tài chính"]


def test_items_asked_of_the_addressees_of_the_opening(dev_plan, extract_file):
    """100: the opening ends '…, Thủ tướng Chính phủ yêu cầu Bộ trưởng, Thủ trưởng Cơ quan ngang Bộ, Thủ
    trưởng Cơ quan thuộc Chính phủ, Chủ tịch … trực thuộc Trung ương thực hiện một số nhiệm vụ trọng tâm
    cấp bách sau:'; its items that name no agency ('1. Khẩn trương thực hiện …') are theirs, an item
    with its own subject ('4. Văn phòng Chính phủ hướng dẫn …') keeps it."""
    asked = ["Bộ trưởng", "Thủ trưởng Cơ quan ngang Bộ", "Thủ trưởng Cơ quan thuộc Chính phủ",
             "Chủ tịch Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương"]
    tasks = extract_file(dev_plan("100_")).tasks
    assert tasks[0].lead == asked and tasks[0].description.startswith("Khẩn trương thực hiện")
    assert tasks[-1].lead == ["Văn phòng Chính phủ"]


def test_boards_named_by_their_works_or_number():
    """A project board's name goes on in lower case with the works it builds and where ('Ban Quản lý dự
    án đầu tư xây dựng công trình giao thông tỉnh', 051), or with its number ('Ban Chỉ đạo 751', 101;
    'Ban Quản lý Dự án 85', 105); a date after a board is no number of it."""
    assert [a.text for a in find_agencies("Ban Quản lý dự án đầu tư xây dựng công trình giao thông tỉnh đẩy nhanh")] \
        == ["Ban Quản lý dự án đầu tư xây dựng công trình giao thông tỉnh"]
    assert [a.text for a in find_agencies("Giao Ban Quản lý Dự án 85 khẩn trương")] == ["Ban Quản lý Dự án 85"]
    assert [a.text for a in find_agencies("Ban Chỉ đạo 751 đôn đốc")] == ["Ban Chỉ đạo 751"]
    assert [a.text for a in find_agencies("Ban Chỉ đạo 30/4 họp")] == ["Ban Chỉ đạo"]


def test_the_contents_a_report_must_give_are_no_duties(dev_plan, extract_file):
    """103 1. asks the provinces to report '… về một số nội dung sau:' and lists them '(1) Số hộ dân có
    nhà bị sập …', '(2) …', '(3) …': one task that carries the list, not one per item; the paragraph
    after them that charges the provinces again ('Ủy ban nhân dân các tỉnh: … khẩn trương gửi Báo cáo
    …') is still a task."""
    tasks = extract_file(dev_plan("103_")).tasks
    assert not [t for t in tasks if t.description.startswith(("Số hộ dân", "Tổng kinh phí"))]
    report = next(t for t in tasks if "một số nội dung sau:" in t.description)
    assert "(1) Số hộ dân có nhà bị sập" in report.description and "(3) Tổng kinh phí" in report.description
    assert any(t.description.startswith("Ủy ban nhân dân các tỉnh: Đắk Lắk") for t in tasks)


def test_an_item_that_hands_the_next_items_to_its_subject(dev_plan, extract_file):
    """002 III.: '1. Giao phòng Quản lý Công nghiệp triển khai, thực hiện các công việc liên quan:' only
    announces '2. Tổ chức kiểm tra …' and '3. Chuẩn bị …', numbered as its siblings: they are that
    office's tasks and it is none; '2. Địa điểm: Sở Công Thương Lào Cai, địa chỉ: …' names a venue, no doer."""
    body = [t for t in extract_file(dev_plan("002_")).tasks if t.origin == "body"]
    assert [(t.lead, t.description[:20]) for t in body] == [
        (["phòng Quản lý Công nghiệp"], "Tổ chức kiểm tra kỹ "), (["phòng Quản lý Công nghiệp"], "Chuẩn bị các điều ki")]


def test_the_investor_charged_by_its_role():
    """'Chủ đầu tư phối hợp chặt chẽ …' (074) charges the investor, written as a role with a capital;
    'Các chủ đầu tư xây dựng và kinh doanh hạ tầng Khu công nghiệp' (017) is left to the doer reader,
    which names it whole."""
    assert [a.text for a in find_agencies("Chủ đầu tư phối hợp chặt chẽ với các đơn vị liên quan")] == \
        ["Chủ đầu tư", "các đơn vị liên quan"]
    assert find_agencies("Các chủ đầu tư xây dựng và kinh doanh hạ tầng Khu công nghiệp") == []


def test_the_agencies_the_issuer_asks_are_the_subject(dev_plan, extract_file):
    """051's lead-in '…, Ủy ban nhân dân tỉnh yêu cầu Thủ trưởng các sở, ngành, đơn vị và Chủ tịch Ủy ban
    nhân dân các xã, phường tập trung thực hiện các nhiệm vụ sau:' asks others and only announces the
    items below: no task of the issuer's own."""
    assert not [t for t in extract_file(dev_plan("051_")).tasks if t.lead == ["Ủy ban nhân dân tỉnh"]]


def test_closing_article_charges_everyone_it_lists(dev_plan, extract_file):
    """A decision's closing article lists who executes it, bodies the agency patterns cannot read
    whole included: 032 (Quảng Ngãi) splits at ';' and at 'và các …', keeps 'Giám đốc các Sở: Tư
    pháp, Nông nghiệp và Môi trường' and '… các xã, phường và đặc khu Lý Sơn' whole; 023 addresses
    'Các ông (bà) …' and ends '… căn cứ Quyết định thi hành' (FORMAT.md, helpers S and U)."""
    closing = extract_file(dev_plan("032_")).tasks[-1]
    assert closing.lead == ["Chánh Văn phòng Ủy ban nhân dân tỉnh", "Giám đốc các Sở: Tư pháp, Nông nghiệp và Môi trường",
                            "Chủ tịch Ủy ban nhân dân các xã, phường và đặc khu Lý Sơn",
                            "Giám đốc Trung tâm phục vụ hành chính công tỉnh", "Thủ trưởng các cơ quan, đơn vị",
                            "các tổ chức, cá nhân có liên quan"]
    closing = extract_file(dev_plan("023_")).tasks[-1]
    assert closing.lead == ["Chánh Văn phòng tỉnh", "Giám đốc Sở, ban, ngành", "Chủ tịch UBND xã Si ma Cai",
                            "Giám đốc Công ty TNHH Thương mại và Xây dựng hạ tầng Bắc Hà", "các cơ quan có liên quan"]


def test_inline_items_are_tasks_of_their_own(dev_plan, extract_file):
    """066 numbers duties inside one paragraph: 'a) Bộ Khoa học và Công nghệ: (1) trình …; (2) chủ trì, …'
    gives a task per item led by the heading's agency; '(3) các bộ, ngành, địa phương tập trung: (i) …;
    (ii) …' hands its roman items to its own subject; '(4) Phát triển VNeID … 05 chức năng chính: (i)
    …' keeps its roman items as one duty (FORMAT.md, helper-P)."""
    doc = extract_file(dev_plan("066_"))
    science = next(s for s in doc.sections if s.number == "III").children[4].children[0]
    assert science.heading == "Bộ Khoa học và Công nghệ"
    mine = [t for t in doc.tasks if t.section_ref == science.id]
    assert len(mine) >= 6 and all(t.lead == ["Bộ Khoa học và Công nghệ"] for t in mine)
    assert len({t.id for t in doc.tasks}) == len(doc.tasks)
    vneid = [t for t in doc.tasks if t.origin == "body" and "VNeID" in t.description.split(":")[0]]
    assert len(vneid) == 1 and "(ii)" in vneid[0].description
    local = [t for t in doc.tasks if t.lead == ["các bộ, ngành, địa phương"] and t.description.startswith("Sửa đổi, bổ sung 322")]
    assert len(local) == 1


def test_functions_decision_charges_the_body_by_its_full_name(dev_plan, extract_file):
    """041 (Đà Nẵng) sets out a centre's functions: what it is ('… (Trung tâm) là đơn vị sự nghiệp
    công lập …') is no task, its duties are, led by its whole name, place included (the 'Hội' of
    'Hội An' also heads bodies such as 'Hội Nông dân')."""
    doc = extract_file(dev_plan("041_"))
    centre = "Trung tâm Bảo tồn Di sản Văn hóa thế giới Hội An"
    led = [t for t in doc.tasks if t.lead == [centre]]
    assert len(led) >= 15
    assert not any(" là đơn vị sự nghiệp" in t.description for t in doc.tasks)
    assert [a.text for a in find_agencies("Hội Nông dân tỉnh, Hội Cựu chiến binh tỉnh")] == \
        ["Hội Nông dân tỉnh", "Hội Cựu chiến binh tỉnh"]


def test_duties_of_the_body_a_decision_regulates(dev_plan, extract_file):
    """044 (Hà Tĩnh) issues the rules on the functions and duties of the Sở Nội vụ; its article
    'Nhiệm vụ và quyền hạn' lists them with no subject: they are that body's, named as the text
    prints it (FORMAT.md, helper-Y)."""
    doc = extract_file(dev_plan("044_"))
    assert sum(t.lead == ["Sở Nội vụ"] for t in doc.tasks) >= 100


def test_a_letter_asking_its_addressee_gives_tasks(dev_plan, extract_file):
    """120, a Công văn of the Sở Công Thương to a company applying for a permit: its opening asks the
    company ('… đề nghị Công ty rà soát, hoàn thiện, cụ thể như sau:') and each bullet below, a finding
    and its 'Đề nghị Công ty …', is a task of the company."""
    doc = extract_file(dev_plan("120_"))
    assert doc.doc_type == "Công văn"
    asked = [t for t in doc.tasks if t.lead == ["Công ty"]]
    assert len(asked) >= 5 and sum("Đề nghị Công ty" in t.description for t in asked) >= 4


def test_a_letters_sign_off_and_past_actions_are_no_tasks(dev_plan, extract_file):
    """155, a Công văn of the Sở Xây dựng: what another body already did ('Sở Xây dựng đã tham gia ý
    kiến …') is no task, and in its closing request the body asked is the lead, not the sender ('Sở Xây
    dựng tỉnh Lào Cai trân trọng đề nghị Sở Công Thương tỉnh Lào Cai tổng hợp, báo cáo')."""
    doc = extract_file(dev_plan("155_"))
    assert not any(" đã " in t.description[:40] for t in doc.tasks)
    assert doc.tasks and doc.tasks[-1].lead == ["Sở Công Thương tỉnh Lào Cai"]


def test_a_letters_addressees_are_no_sections_and_lead_what_it_details(dev_plan, extract_file):
    """195, a Công văn of the Sở GD&ĐT Hà Nội: its 'Kính gửi:' bullets address the letter and open no
    section; its opening asks them ('… đề nghị UBND các xã, phường; các đơn vị, cơ sở giáo dục trực
    thuộc thực hiện nghiêm túc …. Cụ thể:') and so leads the bullets that detail the request."""
    doc = extract_file(dev_plan("195_"))
    assert not any(s.text.startswith("UBND các xã, phường") for s in doc.sections)
    detailed = [t for t in doc.tasks if t.description.startswith(("Thường xuyên cập nhật", "Hạn chế các hoạt động"))]
    assert len(detailed) == 2
    assert all(t.lead == ["UBND các xã, phường", "các đơn vị, cơ sở giáo dục trực thuộc"] for t in detailed)


def test_an_unnumbered_letters_requests_are_tasks_and_its_own_statements_are_not(dev_plan, extract_file):
    """214 and 198, Công văn of the Cục Thuế that number nothing: the request to the provincial tax
    office is a task, not attached to any section; the sender's own 'Cục Thuế có ý kiến để … được
    biết' is a sign-off, and what the sender says it does is no task of anyone."""
    for prefix, asked in (("214_", "Thuế tỉnh An Giang"), ("198_", "Thuế tỉnh Quảng Ninh")):
        doc = extract_file(dev_plan(prefix))
        assert not doc.sections
        assert [t.lead for t in doc.tasks] == [[asked]]
        assert doc.tasks[0].description.startswith(f"Đề nghị {asked}") and doc.tasks[0].section_ref is None


def test_a_request_after_a_finding_in_the_same_paragraph(dev_plan, extract_file):
    """128: '… Sở Công Thương không có đủ cơ sở thẩm định …. Đề nghị Công ty rà soát, …' asks the
    company in the paragraph's second sentence; 'Sở Công Thương là cơ quan chuyên môn …' says what
    the Sở is, no duty."""
    doc = extract_file(dev_plan("128_"))
    assert any(t.lead == ["Công ty"] and t.description.startswith("Đề nghị Công ty rà soát") for t in doc.tasks)
    assert not any(" là cơ quan" in t.description[:40] for t in doc.tasks)


def test_clauses_of_time_scope_and_also_before_whom_they_charge(dev_plan, extract_file):
    """152, a Công văn of the UBND tỉnh: 'Trong thời gian chưa hoàn thành di dời, giao các sở …',
    'Đối với các Cụm công nghiệp: Phú Thịnh 5 và Phú Thịnh 6, giao UBND phường Văn Phú …' (one
    sentence, its ':' no label) and '…; đồng thời UBND phường Âu Lâu đề xuất …' each charge whom
    they name after the clause."""
    doc = extract_file(dev_plan("152_"))
    assert doc.sections[3].heading is None
    leads = [t.lead for t in doc.tasks]
    assert ["UBND phường Văn Phú"] in leads and ["UBND phường Âu Lâu"] in leads
    assert ["các sở, ngành liên quan", "UBND các phường: Yên Bái, Văn Phú"] in leads


def test_a_request_in_a_lower_case_clause(dev_plan, extract_file):
    """116 item 3: '… văn bản đề nghị phải ghi rõ số lượng, chủng loại VLNCN; đề nghị Công ty tách
    số lượng theo từng chủng loại …' asks the company in a clause that opens in lower case."""
    doc = extract_file(dev_plan("116_"))
    assert any(t.lead == ["Công ty"] and t.description.startswith("đề nghị Công ty tách số lượng") for t in doc.tasks)


def test_a_request_after_a_connective(dev_plan, extract_file):
    """161: 'Do vậy, đề nghị Công ty TNHH Đại Đồng Tiến nghiên cứu quy định trên, …' concludes the
    quoted articles with a request of the company; 128's 'Do vậy, Sở Công Thương không có đủ cơ
    sở …' states what the sender cannot do and is none."""
    assert any(t.description.startswith("Do vậy, đề nghị Công ty TNHH Đại Đồng Tiến")
               and t.lead == ["Công ty TNHH Đại Đồng Tiến"] for t in extract_file(dev_plan("161_")).tasks)
    assert not any(t.description.startswith("Do vậy") for t in extract_file(dev_plan("128_")).tasks)


def test_an_opening_asking_bodies_to_see_to_the_items_below(dev_plan, extract_file):
    """180, a Công văn of the Bộ Tài chính: '… Bộ Tài chính đề nghị UBND các tỉnh, thành phố quan tâm
    chỉ đạo:' asks the provinces to see to items 1–3, each their task."""
    doc = extract_file(dev_plan("180_"))
    led = [t for t in doc.tasks if t.lead == ["UBND các tỉnh, thành phố"]]
    assert [t.description[:20] for t in led] == ["Phổ biến rộng rãi nộ", "Lồng ghép nội dung C", "Chỉ đạo đầu mối phối"]


def test_a_company_named_with_its_legal_form_in_lower_case(dev_plan, extract_file):
    """160: '… Sở Công Thương đề nghị Công ty cổ phần Mông Sơn:' names the company whole; its items are
    that company's tasks."""
    doc = extract_file(dev_plan("160_"))
    assert sum(t.lead == ["Công ty cổ phần Mông Sơn"] for t in doc.tasks) >= 3


def test_a_letters_submission_and_thanks_are_sign_offs(dev_plan, extract_file):
    """122 closes 'Sở Công Thương kính trình UBND tỉnh Lào Cai xem xét./.' and 169 'Bộ Nội vụ trân
    trọng cảm ơn và rất mong Quý cơ quan phối hợp …': the sender signing off, no task."""
    for prefix, opening in (("122_", "Sở Công Thương kính trình"), ("169_", "Bộ Nội vụ trân trọng cảm ơn")):
        assert not any(t.description.startswith(opening) for t in extract_file(dev_plan(prefix)).tasks)


def test_a_request_inside_a_sentence(dev_plan, extract_file):
    """165: '… đã được sửa đổi, bổ sung hoặc thay thế, do vậy đề nghị Chủ đầu tư cập nhật …' and '- Về
    hạ tầng bảo vệ môi trường: Đề nghị Chủ đầu tư hạ tầng cụm công nghiệp thực hiện …' ask the investor
    inside a sentence; a closing's '…, nếu có phát sinh khó khăn, vướng mắc …, đề nghị các sở … kịp
    thời báo cáo' (015) asks nothing new."""
    asked = [t.description for t in extract_file(dev_plan("165_")).tasks]
    assert any(d.startswith("đề nghị Chủ đầu tư cập nhật") for d in asked)
    assert any(d.startswith("Đề nghị Chủ đầu tư hạ tầng cụm công nghiệp") for d in asked)
    assert not any(t.description.startswith("đề nghị các sở, ban, ngành") for t in extract_file(dev_plan("015_")).tasks)


def test_an_opening_asking_the_investors(dev_plan, extract_file):
    """124: '… Sở Công Thương đề nghị các chủ đầu tư tập trung thực hiện các nội dung sau:' asks the
    investors of the industrial clusters; the bullets of its items are theirs."""
    doc = extract_file(dev_plan("124_"))
    led = [t.description[:20] for t in doc.tasks if t.lead == ["các chủ đầu tư"]]
    assert led[:3] == ["Rà soát toàn bộ hạng", "Chủ động phối hợp vớ", "Bố trí đủ vốn theo đ"]


def test_a_numbered_letters_own_statements_are_no_tasks(dev_plan, extract_file):
    """180 numbers its requests, then 'Bộ Tài chính gửi kèm bộ Cẩm nang gồm:' lists what it sends:
    the sender's own statement and its bullets are no tasks, as in a letter that numbers nothing."""
    doc = extract_file(dev_plan("180_"))
    assert doc.tasks and all(t.lead == ["UBND các tỉnh, thành phố"] for t in doc.tasks)


def test_a_letter_to_a_superior_charges_nobody(dev_plan, extract_file):
    """162, the UBND tỉnh Lào Cai to the Bộ Xây dựng ('… trân trọng đề nghị Bộ Xây dựng quan tâm …'),
    and 109, a Sở to its UBND tỉnh, propose: no tasks. 180, a ministry to the provinces, asks."""
    assert extract_file(dev_plan("162_")).tasks == []
    assert extract_file(dev_plan("109_")).tasks == []
    assert extract_file(dev_plan("180_")).tasks


def test_a_letter_asking_a_company_to_carry_out_what_follows(dev_plan, extract_file):
    """113: '… Sở Nông nghiệp và Môi trường đề nghị Công ty thực hiện đầy đủ các nội dung sau:' gives
    the company the items below; the closing '… yêu cầu Công ty cổ phần … nghiêm túc thực hiện; trong
    quá trình thực hiện có khó khăn …' asks nothing new."""
    tasks = extract_file(dev_plan("113_")).tasks
    assert sum(t.lead == ["Công ty"] for t in tasks) >= 20
    assert not any("nghiêm túc thực hiện" in t.description[:120] and "yêu cầu Công ty" in t.description for t in tasks)


def test_duties_of_bodies_named_by_kind_and_of_the_enforcement_forces(dev_plan, extract_file):
    """157: '6. Trách nhiệm của các tổ chức, doanh nghiệp hoạt động trong lĩnh vực có liên quan đến
    VLNCN, TCTN' heads its items whole ('TCTN' is a thing, not a second body); 177: '2. Các lực lượng
    chức năng phải liên tục ra quân …' charges the forces."""
    group = "các tổ chức, doanh nghiệp hoạt động trong lĩnh vực có liên quan đến VLNCN, TCTN"
    assert sum(t.lead == [group] for t in extract_file(dev_plan("157_")).tasks) >= 8
    assert any(t.lead == ["Các lực lượng chức năng"] for t in extract_file(dev_plan("177_")).tasks)


def test_a_later_paragraph_that_agrees_is_no_task(dev_plan, extract_file):
    """108: 'Trên cơ sở đó, Phòng Quản lý công nghiệp cơ bản thống nhất với chủ trương …' agrees, and
    '… cơ bản nhất trí …; đề nghị Phòng Kế hoạch - Tổng hợp nghiên cứu, tổng hợp./.' asks the addressee."""
    tasks = extract_file(dev_plan("108_")).tasks
    assert not any(t.lead == ["Phòng Quản lý công nghiệp"] for t in tasks)
    assert any(t.lead == ["Phòng Kế hoạch - Tổng hợp"] for t in tasks)


def test_closings_on_snags_and_particulars_are_no_tasks(dev_plan, extract_file):
    """125's item 'Trường hợp phát sinh khó khăn, vướng mắc, đề nghị Công ty tổng hợp báo cáo …' and
    210's 'Trường hợp phát sinh vướng mắc …' close the letter; 114 lists a company's particulars
    ('- Tên chủ đầu tư: …', '- Số điện thoại: …', 'Công ty … ; Địa chỉ: …'): none is a duty."""
    for prefix in ("125_", "210_"):
        assert not any(t.description.startswith("Trường hợp phát sinh") for t in extract_file(dev_plan(prefix)).tasks)
    described = [t.description for t in extract_file(dev_plan("114_")).tasks]
    assert not any(d.startswith(("Tên chủ đầu tư", "Số điện thoại", "Địa chỉ")) or "; Địa chỉ:" in d for d in described)


def test_a_heading_that_hands_items_to_bodies_the_patterns_do_not_know(dev_plan, extract_file):
    """194: '1. Giao người đứng đầu các cơ quan chuyên môn, …, các đơn vị sự nghiệp công lập trực thuộc Ủy
    ban nhân Thành phố; Chủ tịch Ủy ban nhân dân các xã, phường và đặc khu' leads its four bullets;
    its closing 'Đề nghị các cơ quan, đơn vị khẩn trương triển khai, thực hiện./.' asks nothing new."""
    tasks = extract_file(dev_plan("194_")).tasks
    heads = [t for t in tasks if t.lead and t.lead[0].startswith("người đứng đầu các cơ quan chuyên môn")]
    assert len(heads) == 4 and all(t.lead[1] == "Chủ tịch Ủy ban nhân dân các xã, phường và đặc khu" for t in heads)
    assert not any(t.description.startswith("Đề nghị các cơ quan, đơn vị khẩn trương") for t in tasks)


def test_telling_the_addressee_is_a_sign_off(dev_plan, extract_file):
    """136 closes 'Sở Công Thương thông báo Công ty … biết và thực hiện./.': no task."""
    assert not any(t.description.startswith("Sở Công Thương thông báo") for t in extract_file(dev_plan("136_")).tasks)


def test_a_paragraph_asking_at_its_end_leads_the_bullets_below(dev_plan, extract_file):
    """165's '2.5. Lĩnh vực thủy lợi' ends its finding '… Trong quá trình triển khai dự án nếu được cấp có
    thẩm quyền phê duyệt, đề nghị Chủ đầu tư:' over four bullets: each is the investor's; its 'Chủ đầu
    tư: Ban Quản lý dự án … xã Trấn Yên.' names who holds the role, no duty."""
    tasks = extract_file(dev_plan("165_")).tasks
    assert sum(t.lead == ["Chủ đầu tư"] and t.description.startswith(("Phối hợp", "Không gây", "Chịu trách"))
               for t in tasks) == 3
    assert not any(t.description.startswith("Chủ đầu tư: Ban Quản lý") for t in tasks)


def test_what_happened_before_the_letter_is_no_task(dev_plan, extract_file):
    """169 recounts 'Trong thời gian qua, nước ta đã tiến hành …' and 'Ngày 16/6/2025, Quốc hội đã thông
    qua …' under its request to the central bodies: background, not their duties."""
    assert not any(t.description.startswith(("Trong thời gian qua", "Ngày 16/6/2025"))
                   for t in extract_file(dev_plan("169_")).tasks)


def test_a_business_name_in_lower_case_up_to_its_place(dev_plan, extract_file):
    """026 charges 'Công ty Cổ phần xây dựng giao thông Yên Bái' twice: the name runs in lower case
    to its place, and is read whole, not cut after 'Cổ phần'."""
    leads = [t.lead for t in extract_file(dev_plan("026_")).tasks]
    assert leads.count(["Công ty Cổ phần xây dựng giao thông Yên Bái"]) >= 2


def test_a_group_asked_with_what_it_does(dev_plan, extract_file):
    """119 asks 'Đề nghị các đơn vị hoạt động hóa chất trên địa bàn tỉnh nghiên cứu, …' over six bullets:
    the group is named with its description, up to the verb of its duty, and leads each bullet."""
    leads = [t.lead for t in extract_file(dev_plan("119_")).tasks]
    assert leads.count(["các đơn vị hoạt động hóa chất trên địa bàn tỉnh"]) >= 7


def test_an_opening_asking_for_some_items_and_a_later_request(dev_plan, extract_file):
    """127's opening '… yêu cầu các tổ chức, doanh nghiệp có hoạt động liên quan đến hoạt động VLNCN trên
    địa bàn thực hiện một số nội sau:' (a word missing) leads its seven items; 'Ngoài việc thực hiện các
    nội dung trên, yêu cầu các tổ chức, cá nhân, doanh nghiệp thực hiện …' is a request of its own."""
    tasks = extract_file(dev_plan("127_")).tasks
    group = "các tổ chức, doanh nghiệp có hoạt động liên quan đến hoạt động VLNCN trên địa bàn"
    assert sum(t.lead == [group] for t in tasks) == 7
    assert any(t.lead == ["các tổ chức, cá nhân, doanh nghiệp"] and t.description.startswith("Ngoài việc")
               for t in tasks)


def test_a_letter_to_a_branch_asks_after_each_finding(dev_plan, extract_file):
    """117 asks 'đề nghị Chi nhánh rà soát, hoàn thiện, cụ thể như sau:' (the branch named 'Chi nhánh số 1 -
    Công ty cổ phần …' and shortened 'Chi nhánh'): a bullet stating a finding and then '… . Đề nghị rà
    soát, …' is the request alone; '- Theo quy định tại khoản 3 Điều 13 …, thời hạn …' tells the rule."""
    tasks = extract_file(dev_plan("117_")).tasks
    assert any(t.lead == ["Chi nhánh"] and t.description.startswith("kê khai đầy đủ") for t in tasks)
    assert not any(t.description.startswith("Theo quy định") for t in tasks)
    assert any(t.lead == ["Chi nhánh số 1 - Công ty cổ phần Xuất nhập khẩu Sợi Phương Nam"] for t in tasks)


def test_a_request_after_a_meetings_place_and_a_long_business_name(dev_plan, extract_file):
    """130 numbers its meeting's particulars and ends '5. Địa điểm: …' / 'Đề nghị UBND xã Quy Mông, Công ty
    cổ phần Luyện kim hóa chất Tây Bắc chuẩn bị báo cáo …': the request is a task of both, the company
    named whole (a business line of four syllables before its place)."""
    tasks = extract_file(dev_plan("130_")).tasks
    assert any(t.lead[0] == "UBND xã Quy Mông" and t.lead[1].startswith("Công ty cổ phần Luyện kim h")  # 'hoá' as printed
               and t.lead[1].endswith("chất Tây Bắc") for t in tasks if len(t.lead) == 2)


def test_a_business_name_in_lower_case_up_to_its_own_name_words(dev_plan, extract_file):
    """028 charges 'Công ty Cổ phần đầu tư phát triển Đô thị và Khu công nghiệp có trách nhiệm …': the
    business line in lower case runs on to the words of its own name, read whole, not cut at 'Đô'."""
    leads = [t.lead for t in extract_file(dev_plan("028_")).tasks]
    assert ["Công ty Cổ phần đầu tư phát triển Đô thị và Khu công nghiệp"] in leads


def test_an_abbreviated_company_with_its_trade_after_va():
    """145 lists 'Nhà thầu thẩm tra … – Hạng mục PCCC: Công ty TNHH MTV PCCC và xây dựng Phú Thành.':
    the trade after 'và' is part of the name, not a duty 'xây dựng Phú Thành' the company is given."""
    text = "Công ty TNHH MTV PCCC và xây dựng Phú Thành."
    assert [a.text for a in find_agencies(text)] == ["Công ty TNHH MTV PCCC và xây dựng Phú Thành"]


def test_a_letter_to_a_firm_calls_it_doanh_nghiep(dev_plan, extract_file):
    """121 writes to 'Doanh nghiệp tư nhân xăng dầu Phúc Lộc' and then says 'Đề nghị Doanh nghiệp tổ chức
    thực hiện …' and 'Doanh nghiệp chịu trách nhiệm toàn diện …': two tasks of the firm. 040's 'Doanh nghiệp
    công nghệ số Việt Nam tận dụng …', a kind of firm inside a target, stays no body."""
    tasks = extract_file(dev_plan("121_")).tasks
    assert [t.lead for t in tasks] == [["Doanh nghiệp"], ["Doanh nghiệp"]]
    assert [a.text for a in find_agencies("Doanh nghiệp công nghệ số Việt Nam tận dụng công nghệ nguồn mở")] == []


def test_a_request_after_the_reason_it_follows_from(dev_plan, extract_file):
    """188: '… vướng mắc của Công ty liên quan đến quy định tại Nghị định số 60/2014/NĐ-CP … nên đề nghị Công
    ty liên hệ với Bộ Khoa học và Công nghệ, Bộ Công Thương …' asks outright: 'vướng mắc' here is the
    company's question, not the closing on snags that may arise."""
    tasks = extract_file(dev_plan("188_")).tasks
    assert [t.lead for t in tasks] == [["Công ty"]]
    assert tasks[0].description.startswith("đề nghị Công ty liên hệ với Bộ Khoa học và Công nghệ")


def test_a_request_after_a_quoted_passage(dev_plan, extract_file):
    """107 quotes the law and closes the passage '… trừ Hiến pháp.”'; the next line 'Cục Hóa chất đề
    nghị Sở Công Thương tỉnh Quảng Ngãi căn cứ các quy trên, chủ động nghiên cứu …' is a paragraph of
    its own and a request."""
    tasks = extract_file(dev_plan("107_")).tasks
    assert [t.lead for t in tasks] == [["Sở Công Thương tỉnh Quảng Ngãi"]]


def test_whom_a_restated_rule_binds(dev_plan, extract_file):
    """110 restates the rules: 'Khoản 1 Điều 59 Nghị định số 193/2025/NĐ-CP quy định: Tổ chức, cá nhân khai
    thác khoáng sản có trách nhiệm …' binds the miners as the rule describes them, not the letter's
    addressees."""
    leads = [t.lead for t in extract_file(dev_plan("110_")).tasks]
    assert ["Tổ chức, cá nhân khai thác khoáng sản"] in leads
    assert ["Tổ chức, cá nhân khai thác khoáng sản, khai thác tận thu khoáng sản"] in leads


def test_a_request_to_the_provinces_military_command(dev_plan, extract_file):
    """144 asks 'Bộ chỉ huy quân sự tỉnh Lào Cai nghiên cứu, tổng hợp': the command is named with its
    province and, standing beside a Sở, not above it, is charged."""
    assert [t.lead for t in extract_file(dev_plan("144_")).tasks] == [["Bộ chỉ huy quân sự tỉnh Lào Cai"]]


def test_a_lead_completed_from_the_addressee(dev_plan, extract_file):
    """156 asks 'Đề nghị Công ty cổ phần Đầu tư xây dựng hạ tầng cơ sở thông báo …': a business line with no
    place to end it, cut short by the patterns and completed from the 'Kính gửi' line that names it."""
    leads = [t.lead for t in extract_file(dev_plan("156_")).tasks]
    assert ["Công ty cổ phần Đầu tư xây dựng hạ tầng cơ sở"] in leads


def test_what_a_company_has_not_done_is_a_finding(dev_plan, extract_file):
    """115 lists '- Công ty chưa tiến hành kiểm tra định kỳ hàng năm về an toàn …': what the company has
    not done yet is a finding, as what it already did is, not a duty."""
    assert not any(t.description.startswith("Công ty chưa") for t in extract_file(dev_plan("115_")).tasks)


def test_a_definition_under_a_request_is_no_task(dev_plan, extract_file):
    """110's items 'Hồ sơ thống kê bao gồm: …' and 'Báo cáo định kỳ hoạt động khai thác khoáng sản nhóm IV được
    lập theo Mẫu số 06 …' say what a record is and how it is made: told to no one, no task."""
    tasks = extract_file(dev_plan("110_")).tasks
    assert not any(t.description.startswith(("Hồ sơ thống kê bao gồm", "Báo cáo định kỳ hoạt động khai thác khoáng sản nhóm IV"))
                   for t in tasks)


def test_a_later_paragraph_that_charges_two_in_turn(dev_plan, extract_file):
    """179's paragraph 'Chủ tịch Ủy ban nhân dân tỉnh Hưng Yên khẩn trương …. Ủy ban nhân dân các tỉnh: Ninh Bình,
    Bắc Ninh, Phú Thọ, Tuyên Quang đẩy nhanh …' follows another: each sentence is the task of whom it names."""
    tasks = extract_file(dev_plan("179_"))
    leads = [t.lead for t in tasks.tasks]
    assert ["Chủ tịch Ủy ban nhân dân tỉnh Hưng Yên"] in leads
    assert ["Ủy ban nhân dân các tỉnh: Ninh Bình, Bắc Ninh, Phú Thọ, Tuyên Quang"] in leads

"""Legal bases read off real preambles; the expected values were read off the texts."""

from __future__ import annotations

import datetime as dt

import pytest

from kehoach.pipeline import process


def cited(doc):
    return [(b.doc_type, b.number, b.date, b.issuer) for b in doc.legal_bases]


@pytest.fixture(scope="module")
def seed_processed(seed, repo):
    path = seed if seed.exists() else repo.parent / "shared" / "data" / "seed" / seed.name
    if not path.exists():
        pytest.skip("the seed sample is not available")
    return process(path)


def test_seed_after_normalisation(seed_processed):
    # 'Thyc hién Nghi quyet s6 76/NQ-CP ngay 15/7/2021 cta Chinh phu vé ban hanh …;
    #  K& hoach s6 575/KH-UBND ngay 30/12/2022 cua UBND tinh vé …' over three lines.
    assert cited(seed_processed) == [
        ("Nghị quyết", "76/NQ-CP", dt.date(2021, 7, 15), "Chính phủ"),
        ("Kế hoạch", "575/KH-UBND", dt.date(2022, 12, 30), "UBND tỉnh"),
    ]
    first, second = seed_processed.legal_bases
    assert first.text.startswith("Nghị quyết số 76/NQ-CP") and first.text.endswith("giai đoạn 2021-2030")
    assert second.provenance.line_span is not None and first.provenance.line_span[0] < second.provenance.line_span[0]


def test_several_documents_in_one_can_cu_and_a_law_without_number(dev_plan, extract_file):
    doc = extract_file(dev_plan("002_"))
    assert cited(doc) == [
        ("Luật", None, dt.date(2024, 8, 26), None),  # '… công cụ hỗ trợ ngày 26 tháng 8 năm 2024;'
        ("Nghị định", "181/2024/NĐ-CP", dt.date(2024, 12, 31), "Chính phủ"),
        ("Nghị định", "146/2025/NĐ-CP", dt.date(2025, 6, 12), "Chính phủ"),
        ("Quyết định", "1883/QĐ-UBND", dt.date(2025, 11, 6), "UBND tỉnh Lào Cai"),
        ("Quyết định", "05/2025/QĐ-UBND", dt.date(2025, 7, 1), "UBND tỉnh Lào Cai"),
        ("Quyết định", "2797/QĐ-SCT", dt.date(2025, 11, 28), "Giám đốc Sở Công Thương"),
        ("Quyết định", "564/QĐ-SCT", dt.date(2026, 1, 31), "Giám đốc Sở Công Thương"),
    ]
    # 'Xét đề nghị của … tại Văn bản số 05/2026/VLN/CV-LV …' is not a basis.
    assert not any("VLN" in (b.number or "") for b in doc.legal_bases)


def test_quyet_dinh_citations_wrapped_over_lines(dev_plan, extract_file):
    doc = extract_file(dev_plan("018_"))
    numbers = [b.number for b in doc.legal_bases]
    assert numbers == ["42/2024/QH15", "15/2012/QH13", "189/2025/NĐ-CP", "181/2024/NĐ-CP", "71/2019/NĐ-CP",
                       "217/2025/NĐ-CP", "23/2024/TT-BCT", "32/2019/TT-BCT", "05/2025/QĐ-UBND"]
    # 'Thông tư số 23/2024/TT-BCT ngày 07/11/2024 của Bộ trưởng Bộ' / 'Công Thương quy định …'
    circular = doc.legal_bases[6]
    assert (circular.doc_type, circular.date, circular.issuer) == (
        "Thông tư", dt.date(2024, 11, 7), "Bộ trưởng Bộ Công Thương")
    assert circular.provenance.line_span[1] > circular.provenance.line_span[0]
    # '… sửa đổi, bổ sung tại Nghị định số 17/2022/NĐ-CP' is what 71/2019 is about, not a basis.
    assert "17/2022/NĐ-CP" not in numbers


def test_documents_named_inside_a_citation_are_not_bases(dev_plan, extract_file):
    # 'Thực hiện Nghị quyết số 163/2024/QH15 … (Nghị quyết số 163/2024/QH15), Nghị quyết số
    #  50/NQ-CP … về ban hành Kế hoạch triển khai Nghị quyết số 163/2024/QH15 … và Quyết định số 7619/QĐ-BCA …'
    doc = extract_file(dev_plan("013_"))
    assert cited(doc) == [
        ("Nghị quyết", "163/2024/QH15", dt.date(2024, 11, 27), "Quốc hội"),
        ("Nghị quyết", "50/NQ-CP", dt.date(2025, 3, 13), "Chính phủ"),
        ("Quyết định", "7619/QĐ-BCA", dt.date(2025, 9, 8), "Bộ trưởng Bộ Công an"),
    ]


def test_ids_are_stable(dev_plan, extract_file):
    path = dev_plan("018_")
    first, again = extract_file(path), extract_file(path)
    assert [b.id for b in first.legal_bases] == [b.id for b in again.legal_bases]
    assert len({b.id for b in first.legal_bases}) == len(first.legal_bases)

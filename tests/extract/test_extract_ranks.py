"""Levels of the bodies a letter's direction turns on (``kehoach.extract.ranks``), read off the
addressee lists of real dev letters."""

from __future__ import annotations

from kehoach.extract.layout import build_context
from kehoach.extract.ranks import CENTRAL, DEPARTMENT, PROVINCE, level, writes_upward
from kehoach.extract.sections import addressees
from kehoach.ingest import read_document


def test_levels_of_names_as_printed():
    assert level("BỘ NỘI VỤ") == CENTRAL and level("Cục Hóa chất") == CENTRAL
    assert level("Ban Tuyên giáo và Dân vận Trung ương") == CENTRAL
    assert level("ỦY BAN NHÂN DÂN TỈNH LÀO CAI") == PROVINCE and level("Uỷ ban nhân dân tỉnh Lào Cai") == PROVINCE
    assert level("UBND Thành phố Hồ Chí Minh") == PROVINCE
    assert level("SỞ CÔNG THƯƠNG") == DEPARTMENT and level("Thuế tỉnh Hà Tĩnh") == DEPARTMENT
    assert level("Bộ Chỉ huy Quân sự tỉnh Lào Cai") == DEPARTMENT  # a province's command, not a ministry
    assert level("Công ty cổ phần Mông Sơn") is None and level("Ủy ban nhân dân xã Quy Mông") is None


def test_addressees_of_real_letters(dev_plan):
    """A one-line 'Kính gửi: Bộ Xây dựng' (162), a bulleted list (166) and one read into a table's cell
    as '| - Sở Công Thương; - Sở Tư pháp.' (154)."""
    def listed(prefix: str) -> list[str]:
        return addressees(build_context(read_document(dev_plan(prefix))).layout.preamble)

    assert listed("162_") == ["Bộ Xây dựng"]
    assert listed("166_") == ["Các Sở, ban, ngành thuộc tỉnh", "Công an tỉnh", "Ủy ban nhân dân các xã, phường"]
    assert listed("154_") == ["Sở Công Thương", "Sở Tư pháp"]


def test_direction_needs_every_addressee_above_and_known_levels():
    assert writes_upward("ỦY BAN NHÂN DÂN TỈNH LÀO CAI", ["Bộ Xây dựng"])
    assert writes_upward("SỞ CÔNG THƯƠNG", ["Ủy ban nhân dân tỉnh Lào Cai"])
    assert not writes_upward("SỞ CÔNG THƯƠNG", ["Cục Hóa chất", "Sở Nội vụ tỉnh Lào Cai"])  # one peer
    assert not writes_upward("CỤC THUẾ", ["Thuế tỉnh Hà Tĩnh"])
    assert not writes_upward("CỤC THUẾ", ["Ban Tuyên giáo và Dân vận Trung ương"])  # peers
    assert not writes_upward(None, ["Bộ Xây dựng"]) and not writes_upward("SỞ CÔNG THƯƠNG", [])

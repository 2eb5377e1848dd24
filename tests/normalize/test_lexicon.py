"""The user lexicon: whole-word, case-keeping replacement of reviewers' corrections."""

from __future__ import annotations

from pathlib import Path

from kehoach.normalize import lexicon


def test_apply_replaces_whole_words_and_keeps_case() -> None:
    lx = {"tranh xã": "tránh xa", "Do Mạnh": "Đỗ Mạnh"}
    text = "tạm thời tranh xã khu vực. TRANH XÃ KHU VỰC. Tranh xã ngay; tranh xãa; ông do Mạnh Cường"
    assert lexicon.apply(text, lx) == ("tạm thời tránh xa khu vực. TRÁNH XA KHU VỰC. Tránh xa ngay; tranh xãa; "
                                       "ông Đỗ Mạnh Cường")


def test_longest_phrase_wins_and_empty_lexicon_changes_nothing() -> None:
    lx = {"xã": "xa", "tranh xã khu": "tránh xa khu"}
    assert lexicon.apply("tranh xã khu vực", lx) == "tránh xa khu vực"
    assert lexicon.apply("tranh xã khu vực", {}) == "tranh xã khu vực"


def test_save_and_load_keep_the_most_frequent_right_form(tmp_path: Path) -> None:
    path = lexicon.outdir_lexicon(tmp_path)
    assert lexicon.load(path) == {}
    lexicon.save(path, {("tranh xã", "tránh xa"): 3, ("tranh xã", "tranh xa"): 1, ("Sở:", "Số:"): 1})
    assert path == tmp_path / "review" / "lexicon.json"
    assert lexicon.load(path) == {"tranh xã": "tránh xa", "Sở:": "Số:"}


def test_a_damaged_lexicon_is_a_clear_input_error(tmp_path: Path) -> None:
    import pytest

    from kehoach.errors import InputFileError

    path = lexicon.outdir_lexicon(tmp_path)
    path.parent.mkdir()
    path.write_text('{"replacements": [{"wrong": "a"}]}', encoding="utf-8")
    with pytest.raises(InputFileError, match="not a lexicon file"):
        lexicon.load(path)

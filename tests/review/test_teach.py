"""Corrections teach: a word-level fix made once is applied by the normaliser on the next run,
also in another document with the same error (real pipeline, real restorer)."""

from __future__ import annotations

import json
from pathlib import Path

from kehoach.cli import main
from kehoach.normalize import lexicon
from kehoach.review import ReviewFolder
from kehoach.review.teach import word_fixes

DATA = Path(__file__).resolve().parents[1] / "data" / "review"
# Two Lào Cai blasting decisions with their accents stripped (from dev_plans 023 and 025): the
# restorer reads "tam thoi tranh xa khu vuc" as "tạm thời tranh xã khu vực" ("tránh xa" is right).
DOCS = [DATA / "qd-lao-cai-no-min-a.stripped.txt", DATA / "qd-lao-cai-no-min-b.stripped.txt"]


def test_word_fixes_learn_misreadings_not_rewrites() -> None:
    assert word_fixes("di dân tạm thời tranh xã khu vực", "di dân tạm thời tránh xa khu vực") == [("tranh xã", "tránh xa")]
    assert word_fixes("ông Do Mạnh Cường", "ông Đỗ Mạnh Cường") == [("Do Mạnh", "Đỗ Mạnh")]  # one word: with context
    assert word_fixes("chủ trì thực hiện", "chủ trì thực hiện, báo cáo kết quả") == []  # an insertion
    assert word_fixes("trước ngày 15/12/2025", "trước ngày 20/12/2025") == []  # numbers are facts, not spelling
    assert word_fixes("Sở Tài chính", "Văn phòng UBND tỉnh") == []  # a different agency, not a misreading
    assert word_fixes("a b c d e f g h", "A B C D e f g h") == []  # too many words at once


def section_with(doc: dict, phrase: str) -> dict | None:
    stack = list(doc["sections"])
    while stack:
        s = stack.pop()
        if phrase in s["text"]:
            return s
        stack += s["children"]
    return None


def test_a_correction_made_once_fixes_the_same_error_in_another_document(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert main(["run", *map(str, DOCS), "-o", str(out), "-j", "1", "-q"]) == 0
    folder = ReviewFolder(out)
    ids = {p.name: i for i, p in folder.documents().items()}
    a, b = (folder.open(ids[d.name + ".json"]) for d in DOCS)
    wrong = section_with(a.doc, "tạm thời tranh xã khu vực")
    assert wrong is not None and section_with(b.doc, "tạm thời tranh xã khu vực") is not None

    # The reviewer fixes document A only.
    edit = folder.save(a.doc["id"], wrong["id"], {"text": wrong["text"].replace("tranh xã", "tránh xa")}, 0, "Lan")
    assert not edit.errors
    assert lexicon.load(lexicon.outdir_lexicon(out)) == {"tranh xã": "tránh xa"}

    # The next run (no --force: the changed lexicon changes the pipeline version) fixes B too.
    assert main(["run", *map(str, DOCS), "-o", str(out), "-j", "1", "-q"]) == 0
    fresh_b = json.loads((out / (DOCS[1].name + ".json")).read_text(encoding="utf-8"))
    assert section_with(fresh_b, "tạm thời tránh xa khu vực") is not None
    assert "tranh xã" not in json.dumps(fresh_b, ensure_ascii=False)
    # A's correction now matches the fresh output: applied, nothing to look at again.
    view = ReviewFolder(out).open(a.doc["id"]).view
    assert view.stale == [] and section_with(view.doc, "tạm thời tránh xa khu vực") is not None

    # Undoing the correction forgets what it taught.
    ReviewFolder(out).undo(a.doc["id"], wrong["id"], 1, "Lan")
    assert lexicon.load(lexicon.outdir_lexicon(out)) == {}


def test_agency_names_fixed_entry_by_entry_are_learned(outdir: Path) -> None:
    folder = ReviewFolder(outdir)
    doc_id = next(i for i, p in folder.documents().items() if "kh-308" in p.name)
    task = folder.open(doc_id).doc["tasks"][0]
    misread = ["Sở Tài chinh", "Sở Nội vu"]
    assert not folder.save(doc_id, task["id"], {"lead": "\n".join(misread)}, 0, "Lan").errors
    assert not folder.save(doc_id, task["id"], {"lead": "Sở Tài chính\nSở Nội vụ"}, 1, "Lan").errors
    learned = lexicon.load(lexicon.outdir_lexicon(outdir))
    assert learned["Tài chinh"] == "Tài chính" and learned["Nội vu"] == "Nội vụ"
    # Replacing an agency by another is a decision, not a spelling fix: nothing learned.
    assert not folder.save(doc_id, task["id"], {"lead": "Văn phòng UBND thành phố\nSở Nội vụ"}, 2, "Lan").errors
    assert lexicon.load(lexicon.outdir_lexicon(outdir)) == learned

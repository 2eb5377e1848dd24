"""The corrections log and its overlay on real outputs: validation, conflicts, undo, export, re-runs."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from kehoach.cli import main
from kehoach.review import ReviewFolder
from kehoach.review.corrections import Conflict


def plan(folder: ReviewFolder) -> str:
    return next(i for i, p in folder.documents().items() if "kh-308" in p.name)


def first_task(folder: ReviewFolder, doc_id: str) -> dict:
    return folder.open(doc_id).doc["tasks"][0]


def test_a_saved_correction_is_logged_with_who_and_overlaid(outdir: Path) -> None:
    folder = ReviewFolder(outdir)
    doc_id = plan(folder)
    task = first_task(folder, doc_id)
    raw_before = (folder.documents()[doc_id]).read_bytes()
    edit = folder.save(doc_id, task["id"], {"lead": "Sở Nội vụ\nSở Tư pháp"}, 0, "Lan")
    assert not edit.errors
    assert first_task(folder, doc_id)["lead"] == ["Sở Nội vụ", "Sở Tư pháp"]
    [entry] = folder.log.entries(doc_id)
    assert (entry.item_id, entry.field, entry.old, entry.new, entry.reviewer) == (
        task["id"], "lead", task["lead"], ["Sở Nội vụ", "Sở Tư pháp"], "Lan")
    assert entry.doc_sha == folder.open(doc_id).raw["source"]["sha256"]
    assert folder.documents()[doc_id].read_bytes() == raw_before  # the output of run is not touched
    assert folder.open(doc_id).view.status == "in_progress"


@pytest.mark.parametrize(("form", "field", "message"), [
    ({"deadline": "30/02/2026"}, "deadline", "Ngày 30/02/2026 không tồn tại."),
    ({"lead": "  \n "}, "lead", "Cơ quan chủ trì không được để trống."),
    ({"deadline": "sớm nhất"}, "deadline", "không phải là thời hạn"),
])
def test_invalid_values_are_refused_in_vietnamese_and_nothing_is_saved(outdir: Path, form, field, message) -> None:
    folder = ReviewFolder(outdir)
    doc_id = plan(folder)
    task = first_task(folder, doc_id)
    # A valid change in the same form is not saved either: nothing half-saved.
    edit = folder.save(doc_id, task["id"], {"description": "Mô tả mới", **form}, 0, "Lan")
    assert message in edit.errors[field]
    assert folder.log.entries() == []
    assert first_task(folder, doc_id) == task


def test_impossible_header_date_is_refused_by_the_model(outdir: Path) -> None:
    folder = ReviewFolder(outdir)
    doc_id = plan(folder)
    assert folder.save(doc_id, doc_id, {"issued_date": "31/04/2025"}, 0, "Lan").errors == {
        "issued_date": "Ngày 31/04/2025 không tồn tại."}
    assert not folder.save(doc_id, doc_id, {"issued_date": "30/04/2025"}, 0, "Lan").errors
    assert folder.open(doc_id).doc["issued_date"] == "2025-04-30"


def test_two_reviewers_saving_one_item_from_stale_pages_conflict(outdir: Path) -> None:
    folder = ReviewFolder(outdir)
    doc_id = plan(folder)
    task = first_task(folder, doc_id)
    version = folder.version(doc_id, task["id"])  # both opened the page now
    folder.save(doc_id, task["id"], {"lead": "Sở Nội vụ"}, version, "Lan")
    with pytest.raises(Conflict, match="vừa được sửa bởi Lan"):
        folder.save(doc_id, task["id"], {"lead": "Sở Tài chính"}, version, "Minh")
    assert first_task(folder, doc_id)["lead"] == ["Sở Nội vụ"]
    assert [e.reviewer for e in folder.log.entries()] == ["Lan"]


def test_undo_is_a_new_entry_and_restores_the_value(outdir: Path) -> None:
    folder = ReviewFolder(outdir)
    doc_id = plan(folder)
    task = first_task(folder, doc_id)
    folder.save(doc_id, task["id"], {"lead": "Sở Nội vụ"}, 0, "Lan")
    folder.undo(doc_id, task["id"], 1, "Minh")
    assert first_task(folder, doc_id)["lead"] == task["lead"]
    assert [(e.op, e.reviewer) for e in folder.log.entries()] == [("set", "Lan"), ("undo", "Minh")]


def test_the_log_is_append_only(outdir: Path) -> None:
    folder = ReviewFolder(outdir)
    doc_id = plan(folder)
    assert folder.save(doc_id, doc_id, {"place": "Thủ đô Hà Nội"}, 0, "Lan").values
    db = sqlite3.connect(folder.log.path)
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        db.execute("UPDATE corrections SET new = '\"x\"'")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        db.execute("DELETE FROM corrections")


def test_add_and_delete_items(outdir: Path) -> None:
    folder = ReviewFolder(outdir)
    doc_id = plan(folder)
    before = folder.open(doc_id).doc["tasks"]
    refused = folder.add(doc_id, "tasks", {"description": "Tổng kết", "lead": ""}, "Lan")
    assert refused.errors == {"lead": "Cơ quan chủ trì không được để trống."}
    added = folder.add(doc_id, "tasks", {"description": "Tổng kết", "lead": "Sở Nội vụ", "deadline": "31/12/2026"}, "Lan")
    folder.delete(doc_id, before[1]["id"], 0, "Lan")
    tasks = folder.open(doc_id).doc["tasks"]
    assert [t["id"] for t in tasks] == [before[0]["id"], *[t["id"] for t in before[2:]], added.values["id"]]
    assert tasks[-1]["deadline"] == "2026-12-31" and tasks[-1]["lead"] == ["Sở Nội vụ"]


def test_export_applies_the_log_and_a_rerun_keeps_every_correction(outdir: Path, run_again, tmp_path: Path) -> None:
    folder = ReviewFolder(outdir)
    doc_id = plan(folder)
    task = first_task(folder, doc_id)
    folder.save(doc_id, task["id"], {"lead": "Sở Nội vụ"}, 0, "Lan")
    folder.set_status(doc_id, "approved", "Lan")
    raw_path = folder.documents()[doc_id]

    assert main(["export", str(outdir), "-o", str(tmp_path / "exp")]) == 0
    exported = json.loads((tmp_path / "exp" / raw_path.name).read_text(encoding="utf-8"))
    assert exported["tasks"][0]["lead"] == ["Sở Nội vụ"]
    assert json.loads(raw_path.read_text(encoding="utf-8"))["tasks"][0]["lead"] == task["lead"]
    review = json.loads((tmp_path / "exp" / "review.json").read_text(encoding="utf-8"))
    assert review["documents"][raw_path.name]["status"] == "approved"

    mtime = raw_path.stat().st_mtime_ns
    assert run_again(outdir, "--force") == 0
    assert raw_path.stat().st_mtime_ns != mtime  # really rewritten
    again = ReviewFolder(outdir).open(doc_id)
    assert again.doc["tasks"][0]["lead"] == ["Sở Nội vụ"]
    assert again.view.stale == [] and again.view.status == "approved"


def test_a_correction_whose_source_changed_is_reported_not_dropped(outdir: Path, tmp_path: Path) -> None:
    folder = ReviewFolder(outdir)
    doc_id = plan(folder)
    tasks = folder.open(doc_id).doc["tasks"]
    folder.save(doc_id, tasks[0]["id"], {"lead": "Sở Nội vụ"}, 0, "Lan")
    folder.save(doc_id, tasks[1]["id"], {"frequency": "hằng quý"}, 0, "Lan")
    # A later run reads the document differently: the first task's lead changed, the second task is gone.
    raw_path = folder.documents()[doc_id]
    raw = json.loads(raw_path.read_text(encoding="utf-8"))
    raw["tasks"][0]["lead"] = ["Sở Khoa học và Công nghệ", "Công an thành phố"]
    del raw["tasks"][1]
    raw_path.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")

    view = ReviewFolder(outdir).open(doc_id).view
    assert [(s.entry.item_id, s.entry.field) for s in view.stale] == [(tasks[0]["id"], "lead"), (tasks[1]["id"], "frequency")]
    assert view.doc["tasks"][0]["lead"] == ["Sở Khoa học và Công nghệ", "Công an thành phố"]  # not applied blindly
    report = ReviewFolder(outdir).export(tmp_path / "exp")
    assert len(report) == 2
    assert len(json.loads((tmp_path / "exp" / "review.json").read_text())["documents"][raw_path.name]["stale"]) == 2

    # A second look settles it: re-apply the first, keep the new value for the second.
    folder = ReviewFolder(outdir)
    folder.resolve(doc_id, view.stale[0].entry.seq, True, "Minh")
    assert [s.entry.field for s in folder.open(doc_id).view.stale] == ["frequency"]
    assert folder.open(doc_id).doc["tasks"][0]["lead"] == ["Sở Nội vụ"]


def test_corrections_of_a_document_that_left_the_folder_are_reported(outdir: Path, tmp_path: Path) -> None:
    folder = ReviewFolder(outdir)
    doc_id = plan(folder)
    folder.save(doc_id, doc_id, {"place": "Thủ đô Hà Nội"}, 0, "Lan")
    # The source file changed: the next run gives the document another id (ids derive from the sha256).
    raw_path = folder.documents()[doc_id]
    raw = json.loads(raw_path.read_text(encoding="utf-8"))
    raw["id"] = "doc-000000000000"
    raw_path.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    folder = ReviewFolder(outdir)
    assert [(e.doc_id, e.new) for e in folder.orphans()] == [(doc_id, "Thủ đô Hà Nội")]
    report = folder.export(tmp_path / "exp")
    assert [where for where, _ in report] == ["(không còn trong thư mục)"]
    assert json.loads((tmp_path / "exp" / "review.json").read_text())["orphans"][0]["doc_id"] == doc_id

"""Lay the corrections log over a document as ``kehoach run`` (last) wrote it.

The log is replayed in order on the fresh output, so a re-run of the pipeline never loses a
correction. A correction applies when its item is still there and the field still holds the
value the reviewer corrected (or already holds the new one). When the source changed under
it (the item is gone, or the field now holds something else) it is *not* applied and *not*
dropped: it is reported as stale, for a second look, until a later correction of the same
field settles it (the reviewer re-applied it or kept the new value) or it is undone.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Literal

from .corrections import Entry
from .items import collection_of, find

Status = Literal["todo", "in_progress", "approved"]
STATUS_LABELS = {"todo": "Chưa xem", "in_progress": "Đang xem", "approved": "Đã duyệt"}


@dataclass(frozen=True)
class Stale:
    """A correction that no longer fits the fresh output."""

    entry: Entry
    reason: str
    current: Any = None


@dataclass
class Overlaid:
    doc: dict[str, Any]
    applied: list[Entry] = field(default_factory=list)
    stale: list[Stale] = field(default_factory=list)
    status: Status = "todo"
    last_change: dict[str, Entry] = field(default_factory=dict)  # item id → its last effective change


def effective(entries: Iterable[Entry]) -> list[Entry]:
    """The changes still in force: every set/add/delete/status row not cancelled by an undo row."""
    entries = list(entries)
    cancelled = {e.undoes for e in entries if e.op == "undo"}
    return [e for e in entries if e.op != "undo" and e.seq not in cancelled]


def overlay(raw: dict[str, Any], entries: Iterable[Entry]) -> Overlaid:
    """``raw`` (a document as JSON data, not modified) with the log's corrections for it applied."""
    out = Overlaid(copy.deepcopy(raw))
    stale: dict[tuple[str, str], list[Stale]] = {}
    edited_since_status = False
    for e in effective(e for e in entries if e.doc_id == raw["id"]):
        if e.op == "status":
            out.status = e.new
            edited_since_status = False
            continue
        problem = _apply(out.doc, e)
        key = (e.item_id, e.field)
        if problem is None:
            out.applied.append(e)
            out.last_change[e.item_id] = e
            stale.pop(key, None)  # a later correction of the same field settles earlier stale ones
            if e.op == "delete":
                for k in [k for k in stale if k[0] == e.item_id]:
                    stale.pop(k)
        else:
            stale.setdefault(key, []).append(problem)
        edited_since_status = True
    out.stale = sorted((s for group in stale.values() for s in group), key=lambda s: s.entry.seq)
    if out.status == "approved" and edited_since_status:
        out.status = "in_progress"
    elif out.status == "todo" and out.applied:
        out.status = "in_progress"
    return out


def _apply(doc: dict[str, Any], e: Entry) -> Stale | None:
    """Apply one change in place; a :class:`Stale` when it no longer fits."""
    if e.op == "add":
        container = collection_of(doc, e.field, e.parent)
        if container is None:
            return Stale(e, "Không còn chỗ để thêm mục này (phụ lục không còn trong kết quả mới).")
        if find(doc, e.item_id) is None:
            container.append(copy.deepcopy(e.new))
        return None
    loc = find(doc, e.item_id)  # the document's own id finds its header
    if loc is None:
        return None if e.op == "delete" else Stale(e, "Mục không còn trong kết quả mới (mã mục đã đổi).")
    item = loc.item
    if e.op == "delete":
        if loc.container is not None:
            loc.container.remove(item)
        return None
    current = item.get(e.field)
    if current == e.new:
        return None
    if current != e.old:
        return Stale(e, "Giá trị gốc đã đổi sau lần chạy lại.", current)
    item[e.field] = copy.deepcopy(e.new)
    return None

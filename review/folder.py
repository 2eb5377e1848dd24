"""An output folder under review: its documents, with the corrections log laid over them.

Everything the web app and ``kehoach export`` do goes through :class:`ReviewFolder`, so a
correction is checked, logged and taught the same way whoever makes it. The folder's own
files (``OUTDIR/*.json`` written by ``kehoach run``) are only read.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..batch import write_atomic
from ..normalize import lexicon
from .corrections import Change, Conflict, CorrectionLog, Entry
from .items import ID_PREFIX, KINDS, Edit, FieldError, check_edit, collection_of, find, iter_items, \
    new_item, parse_value, validate_document
from .overlay import Overlaid, Stale, effective, overlay
from .teach import learn

LOG_NAME = "corrections.sqlite"
STATUS_ITEM = "@status"  # the item id of review-status rows (not an item of the document)


class NotFound(LookupError):
    """No such document or item in this folder."""


@dataclass
class Reviewed:
    """One document as the reviewer sees it: as run wrote it, and with the corrections."""

    path: Path  # the JSON file, inside the folder
    raw: dict[str, Any]
    view: Overlaid

    @property
    def doc(self) -> dict[str, Any]:
        return self.view.doc


class ReviewFolder:
    def __init__(self, outdir: str | Path) -> None:
        self.root = Path(outdir).resolve()
        if not (self.root / "index.jsonl").is_file():
            raise FileNotFoundError(f"{outdir}: no index.jsonl here; is this an output folder of `kehoach run`?")
        self.review_dir = self.root / lexicon.REVIEW_DIR
        self.log = CorrectionLog(self.review_dir / LOG_NAME)
        self._raw: dict[Path, tuple[float, dict[str, Any]]] = {}

    # --- reading ---------------------------------------------------------------------------

    def outputs(self) -> list[Path]:
        """The JSON files ``index.jsonl`` lists, each checked to lie inside the folder."""
        paths = []
        for line in (self.root / "index.jsonl").read_text(encoding="utf-8").splitlines():
            record = json.loads(line) if line.strip() else {}
            name = record.get("output")
            if not name or record.get("status") not in ("success", "partial"):
                continue
            path = (self.root / name).resolve()
            if path.is_relative_to(self.root) and path.is_file() and path not in paths:
                paths.append(path)
        return paths

    def raw(self, path: Path) -> dict[str, Any]:
        """A document as ``kehoach run`` wrote it, re-read when a run rewrote the file."""
        mtime = path.stat().st_mtime
        cached = self._raw.get(path)
        if cached is None or cached[0] != mtime:
            cached = (mtime, json.loads(path.read_text(encoding="utf-8")))
            self._raw[path] = cached
        return cached[1]

    def documents(self) -> dict[str, Path]:
        """Document id → its JSON file."""
        return {self.raw(p)["id"]: p for p in self.outputs()}

    def all_reviewed(self) -> list[Reviewed]:
        entries = self.log.entries()
        out = []
        for path in self.outputs():
            raw = self.raw(path)
            out.append(Reviewed(path, raw, overlay(raw, entries)))
        return out

    def open(self, doc_id: str) -> Reviewed:
        path = self.documents().get(doc_id)
        if path is None:
            raise NotFound(f"no document {doc_id} in {self.root}")
        raw = self.raw(path)
        return Reviewed(path, raw, overlay(raw, self.log.entries(doc_id)))

    def orphans(self) -> list[Entry]:
        """Effective corrections of documents no longer in the folder (their file changed: new id)."""
        present = set(self.documents())
        return [e for e in effective(self.log.entries()) if e.doc_id not in present and e.op != "status"]

    # --- writing ---------------------------------------------------------------------------

    def save(self, doc_id: str, item_id: str, form: dict[str, str], version: int, reviewer: str) -> Edit:
        """Check a form for one item and log its changed fields; refused values come back as
        messages and nothing is written. Raises :class:`Conflict` on a stale version."""
        reviewed = self.open(doc_id)
        loc = find(reviewed.doc, item_id)  # the document's own id finds its header
        if loc is None:
            raise NotFound(f"no item {item_id} in document {doc_id}")
        edit = check_edit(reviewed.doc, loc, form)
        if edit.errors or not edit.values:
            self._check_version(doc_id, item_id, version)  # a stale form hears so even when it changed nothing
            return edit
        changes = [Change(item_id, name, "set", loc.item.get(name), value) for name, value in edit.values.items()]
        self.log.append(doc_id, reviewed.raw["source"]["sha256"], reviewer, changes, {item_id: version})
        self.rebuild_lexicon()
        return edit

    def add(self, doc_id: str, kind: str, form: dict[str, str], reviewer: str, parent: str | None = None) -> Edit:
        """Add an item the extraction missed (a task, a basis, a recipient, an appendix row)."""
        reviewed = self.open(doc_id)
        spec = KINDS.get(kind)
        if spec is None or spec.collection is None or collection_of(reviewed.doc, kind, parent) is None:
            raise NotFound(f"cannot add {kind} here")
        edit = Edit()
        for f in spec.fields:
            try:
                edit.values[f.name] = parse_value(f, form.get(f.name, ""))
            except FieldError as exc:
                edit.errors[f.name] = str(exc)
        if edit.errors:
            return edit
        item_id = f"{ID_PREFIX[kind]}-r{uuid.uuid4().hex[:12]}"  # 'r': added by a reviewer
        item = new_item(kind, item_id, {k: v for k, v in edit.values.items() if v is not None})
        candidate = json.loads(json.dumps(reviewed.doc))
        collection_of(candidate, kind, parent).append(item)  # type: ignore[union-attr]
        validate_document(candidate)
        self.log.append(doc_id, reviewed.raw["source"]["sha256"], reviewer,
                        [Change(item_id, kind, "add", None, item, parent=parent)], {item_id: 0})
        edit.values["id"] = item_id
        return edit

    def delete(self, doc_id: str, item_id: str, version: int, reviewer: str) -> None:
        reviewed = self.open(doc_id)
        loc = find(reviewed.doc, item_id)
        if loc is None or loc.container is None or not KINDS[loc.kind].deletable:
            raise NotFound(f"no deletable item {item_id} in document {doc_id}")
        self.log.append(doc_id, reviewed.raw["source"]["sha256"], reviewer,
                        [Change(item_id, loc.kind, "delete", loc.item, None, position=loc.container.index(loc.item))],
                        {item_id: version})

    def undo(self, doc_id: str, item_id: str, version: int, reviewer: str) -> Entry:
        """Cancel the item's most recent effective change, as a new row of the log."""
        reviewed = self.open(doc_id)
        last = reviewed.view.last_change.get(item_id)
        if last is None:
            raise NotFound(f"nothing to undo for {item_id}")
        self.log.append(doc_id, reviewed.raw["source"]["sha256"], reviewer,
                        [Change(item_id, last.field, "undo", last.new, last.old, undoes=last.seq)], {item_id: version})
        self.rebuild_lexicon()
        return last

    def resolve(self, doc_id: str, seq: int, reapply: bool, reviewer: str) -> None:
        """Settle a stale correction: apply its value to the fresh output, or keep the fresh value."""
        reviewed = self.open(doc_id)
        stale = next((s for s in reviewed.view.stale if s.entry.seq == seq), None)
        if stale is None or stale.entry.op != "set":
            raise NotFound(f"no stale correction {seq} in document {doc_id}")
        e = stale.entry
        value = e.new if reapply else stale.current
        self.log.append(doc_id, reviewed.raw["source"]["sha256"], reviewer,
                        [Change(e.item_id, e.field, "set", stale.current, value)])
        self.rebuild_lexicon()

    def set_status(self, doc_id: str, status: str, reviewer: str) -> None:
        if status not in ("approved", "in_progress"):
            raise ValueError(status)
        reviewed = self.open(doc_id)
        self.log.append(doc_id, reviewed.raw["source"]["sha256"], reviewer,
                        [Change(STATUS_ITEM, "status", "status", reviewed.view.status, status)])

    def version(self, doc_id: str, item_id: str) -> int:
        return self.log.version(doc_id, item_id)

    def _check_version(self, doc_id: str, item_id: str, version: int) -> None:
        actual = self.log.version(doc_id, item_id)
        if actual != version:
            raise Conflict(item_id, version, actual, None)

    # --- teaching and export ---------------------------------------------------------------

    def rebuild_lexicon(self) -> Path:
        """Rewrite ``OUTDIR/review/lexicon.json`` from every effective text correction (so an
        undone correction is forgotten)."""
        kinds: dict[str, str] = {}
        for reviewed in self.all_reviewed():
            kinds.update({loc.item["id"]: loc.kind for loc in iter_items(reviewed.doc)})
        path = lexicon.outdir_lexicon(self.root)
        lexicon.save(path, learn(effective(self.log.entries()), kinds))
        return path

    def export(self, dest: Path) -> list[tuple[str, Stale | Entry]]:
        """Write every document with its corrections applied to ``dest`` (same relative names)
        and return what needs a second look: stale corrections and corrections of documents
        no longer in the folder. ``dest/review.json`` lists the same, with each document's status."""
        dest = dest.resolve()
        report: list[tuple[str, Stale | Entry]] = []
        statuses = {}
        for reviewed in self.all_reviewed():
            relative = reviewed.path.relative_to(self.root)
            document = validate_document(reviewed.doc)
            write_atomic(dest / relative, document.model_dump_json(indent=2) + "\n")
            report += [(str(relative), s) for s in reviewed.view.stale]
            statuses[str(relative)] = {"id": reviewed.raw["id"], "status": reviewed.view.status,
                                       "corrections": len(reviewed.view.applied),
                                       "stale": [_stale_json(s) for s in reviewed.view.stale]}
        orphans = self.orphans()
        report += [("(không còn trong thư mục)", e) for e in orphans]
        summary = {"documents": statuses, "orphans": [_entry_json(e) for e in orphans]}
        write_atomic(dest / "review.json", json.dumps(summary, ensure_ascii=False, indent=2) + "\n")
        return report


def _entry_json(e: Entry) -> dict[str, Any]:
    return {"seq": e.seq, "doc_id": e.doc_id, "item_id": e.item_id, "field": e.field, "op": e.op,
            "old": e.old, "new": e.new, "reviewer": e.reviewer, "at": e.at}


def _stale_json(s: Stale) -> dict[str, Any]:
    return {**_entry_json(s.entry), "reason": s.reason, "current": s.current}

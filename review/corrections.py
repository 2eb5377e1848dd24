"""The corrections log: every change a reviewer makes, append-only, in ``OUTDIR/review/corrections.sqlite``.

Corrections are data, not edits of the output files: ``kehoach run`` may rewrite every
``OUTDIR/*.json`` and the log still says what people changed, so :mod:`.overlay` can lay it
over the fresh output. Each row is one field of one item (keyed by the document id and the
item's stable id) with its old and new value (JSON), who and when, and the sha256 of the file
it was made on. Undo is a row too (``op = 'undo'`` naming the row it cancels); SQLite
triggers refuse UPDATE and DELETE, so the history cannot be rewritten by this program.

An item's *version* is the number of rows about it. A form carries the version it was drawn
from; :meth:`CorrectionLog.append` checks it inside the same write transaction, so two
reviewers saving one item from stale pages get :class:`Conflict` instead of a lost update.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Literal

Op = Literal["set", "add", "delete", "undo", "status"]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS corrections (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    doc_id TEXT NOT NULL,
    doc_sha TEXT NOT NULL,
    item_id TEXT NOT NULL,
    field TEXT NOT NULL,
    op TEXT NOT NULL CHECK (op IN ('set', 'add', 'delete', 'undo', 'status')),
    old TEXT,
    new TEXT,
    parent TEXT,
    position INTEGER,
    undoes INTEGER REFERENCES corrections(seq),
    reviewer TEXT NOT NULL,
    at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS corrections_item ON corrections (doc_id, item_id);
CREATE TRIGGER IF NOT EXISTS corrections_no_update BEFORE UPDATE ON corrections
BEGIN SELECT RAISE(ABORT, 'the corrections log is append-only'); END;
CREATE TRIGGER IF NOT EXISTS corrections_no_delete BEFORE DELETE ON corrections
BEGIN SELECT RAISE(ABORT, 'the corrections log is append-only'); END;
"""


@dataclass(frozen=True)
class Entry:
    """One row of the log. ``old``/``new`` are JSON values (a date is its ISO string)."""

    seq: int
    doc_id: str
    doc_sha: str
    item_id: str
    field: str
    op: Op
    old: Any
    new: Any
    parent: str | None
    position: int | None
    undoes: int | None
    reviewer: str
    at: str


@dataclass(frozen=True)
class Change:
    """A row to append (the log fills in seq, reviewer and time)."""

    item_id: str
    field: str
    op: Op
    old: Any = None
    new: Any = None
    parent: str | None = None
    position: int | None = None
    undoes: int | None = None


class Conflict(Exception):
    """Someone saved the item after the form was drawn: the expected version is stale."""

    def __init__(self, item_id: str, expected: int, actual: int, last: Entry | None) -> None:
        who = f" {last.reviewer} lúc {last.at}" if last else ""
        super().__init__(f"Mục này vừa được sửa bởi{who} sau khi bạn mở trang (phiên bản {actual}, "
                         f"trang của bạn là {expected}). Không lưu để tránh ghi đè; hãy tải lại trang "
                         "rồi sửa lại nếu cần.")
        self.item_id, self.expected, self.actual = item_id, expected, actual


class CorrectionLog:
    """The append-only log of one output folder."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        with self._connect() as db:
            db.executescript(_SCHEMA)

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        # One short connection per call: the web server calls from several threads and
        # `kehoach export` may read while it runs. WAL lets readers and one writer overlap.
        db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        try:
            db.execute("PRAGMA journal_mode=WAL")
            yield db
        finally:
            db.close()

    def entries(self, doc_id: str | None = None) -> list[Entry]:
        """All rows (of one document), oldest first."""
        sql = "SELECT * FROM corrections" + (" WHERE doc_id = ?" if doc_id else "") + " ORDER BY seq"
        with self._connect() as db:
            return [_entry(row) for row in db.execute(sql, (doc_id,) if doc_id else ())]

    def version(self, doc_id: str, item_id: str) -> int:
        with self._connect() as db:
            return _version(db, doc_id, item_id)

    def versions(self, doc_id: str) -> dict[str, int]:
        """Every item's version in one query (the document page draws many forms)."""
        with self._connect() as db:
            rows = db.execute("SELECT item_id, COUNT(*) FROM corrections WHERE doc_id = ? GROUP BY item_id", (doc_id,))
            return dict(rows.fetchall())

    def append(self, doc_id: str, doc_sha: str, reviewer: str, changes: Sequence[Change],
               expected: dict[str, int] | None = None) -> list[int]:
        """Append ``changes`` in one transaction, after checking each item of ``expected``
        (item id → version the reviewer saw) still has that version; raise :class:`Conflict`
        and write nothing otherwise."""
        now = datetime.now(timezone.utc).isoformat(timespec="seconds")
        with self._connect() as db:
            db.execute("BEGIN IMMEDIATE")  # the version check and the insert see the same log
            try:
                for item_id, version in (expected or {}).items():
                    actual = _version(db, doc_id, item_id)
                    if actual != version:
                        last = db.execute("SELECT * FROM corrections WHERE doc_id = ? AND item_id = ? "
                                          "ORDER BY seq DESC LIMIT 1", (doc_id, item_id)).fetchone()
                        raise Conflict(item_id, version, actual, _entry(last) if last else None)
                seqs = []
                for c in changes:
                    cur = db.execute(
                        "INSERT INTO corrections (doc_id, doc_sha, item_id, field, op, old, new, parent, position, "
                        "undoes, reviewer, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        (doc_id, doc_sha, c.item_id, c.field, c.op, _dump(c.old), _dump(c.new), c.parent,
                         c.position, c.undoes, reviewer, now))
                    seqs.append(int(cur.lastrowid or 0))
                db.execute("COMMIT")
                return seqs
            except BaseException:
                db.execute("ROLLBACK")
                raise


def _version(db: sqlite3.Connection, doc_id: str, item_id: str) -> int:
    return db.execute("SELECT COUNT(*) FROM corrections WHERE doc_id = ? AND item_id = ?",
                      (doc_id, item_id)).fetchone()[0]


def _dump(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _entry(row: tuple) -> Entry:
    seq, doc_id, doc_sha, item_id, field, op, old, new, parent, position, undoes, reviewer, at = row
    return Entry(seq, doc_id, doc_sha, item_id, field, op, json.loads(old) if old is not None else None,
                 json.loads(new) if new is not None else None, parent, position, undoes, reviewer, at)

"""The run manifest: what became of each input of an output folder, so that a run resumes.

``OUTDIR/manifest.sqlite`` (SQLite, in the folder it describes) holds one row per input
path: its content hash, status, error, pages, seconds, the pipeline version that produced
it and the record written to ``index.jsonl``. Each row is committed as soon as its document
is written, so a run killed at any point keeps everything it finished; the next run with the
same inputs skips those and retries what failed. A document is redone when its content, the
pipeline version or the options that shape the output changed.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from . import __version__
from .models import SCHEMA_NAME, SCHEMA_VERSION
from .normalize import ENGINE as NORMALIZER_ENGINE

MANIFEST_NAME = "manifest.sqlite"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS inputs (
    path TEXT PRIMARY KEY,
    sha256 TEXT,
    status TEXT NOT NULL,
    error TEXT,
    pages INTEGER,
    seconds REAL,
    pipeline TEXT NOT NULL,
    record TEXT NOT NULL,
    updated_at TEXT NOT NULL
)
"""


def pipeline_version(options_json: str) -> str:
    """What decides the output besides the input: code, schema, normaliser and options."""
    options = hashlib.sha256(options_json.encode()).hexdigest()[:12]
    return f"kehoach {__version__}; {SCHEMA_NAME} {SCHEMA_VERSION}; {NORMALIZER_ENGINE}; options {options}"


@dataclass(frozen=True)
class Previous:
    sha256: str | None
    status: str
    pipeline: str
    record: dict


class Manifest:
    def __init__(self, outdir: Path) -> None:
        self.path = outdir / MANIFEST_NAME
        self._db = sqlite3.connect(self.path, isolation_level=None)  # autocommit: one row, one commit
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute(_SCHEMA)

    def previous(self, path: str) -> Previous | None:
        row = self._db.execute("SELECT sha256, status, pipeline, record FROM inputs WHERE path = ?", (path,)).fetchone()
        return Previous(row[0], row[1], row[2], json.loads(row[3])) if row else None

    def record(self, path: str, sha256: str | None, status: str, error: str | None, pages: int | None,
               seconds: float, pipeline: str, record: dict) -> None:
        self._db.execute(
            "INSERT OR REPLACE INTO inputs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (path, sha256, status, error, pages, round(seconds, 3), pipeline,
             json.dumps(record, ensure_ascii=False), datetime.now(timezone.utc).isoformat(timespec="seconds")),
        )

    def close(self) -> None:
        self._db.close()

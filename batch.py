"""Batch runs: many inputs in, one JSON per document plus ``index.jsonl`` and a summary out.

One bad file never stops the batch: each document's failure becomes a record with its
reason. Every output is written atomically (temporary file, then rename), so a run that is
killed leaves either the complete JSON of a document or none, and the manifest
(:mod:`.manifest`) lets the next run resume where this one stopped.
"""

from __future__ import annotations

import csv
import io
import json
import os
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from .errors import KehoachError, UnsupportedInputError
from .executors import Executor, SerialExecutor, WorkerDied
from .inputs import InputFile
from .ingest import file_sha256
from .manifest import Manifest, pipeline_version
from .pipeline import ProcessOptions, process

Status = Literal["success", "partial", "failed", "skipped"]


@dataclass
class Outcome:
    input: InputFile
    status: Status
    message: str | None = None
    record: dict = field(default_factory=dict)
    seconds: float = 0.0
    resumed: bool = False  # finished by an earlier run in the same output folder


@dataclass
class BatchSummary:
    outcomes: list[Outcome] = field(default_factory=list)

    def count(self, status: Status) -> int:
        return sum(o.status == status for o in self.outcomes)

    @property
    def failed(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.status == "failed"]

    def as_dict(self) -> dict:
        return {
            "documents": len(self.outcomes),
            "resumed": sum(o.resumed for o in self.outcomes),
            **{s: self.count(s) for s in ("success", "partial", "failed", "skipped")},
            "failures": [{"path": str(o.input.path), "reason": o.message} for o in self.failed],
            "skips": [{"path": str(o.input.path), "reason": o.message}
                        for o in self.outcomes if o.status == "skipped"],
            "flagged_for_review": [{"path": str(o.input.path), "flags": o.record.get("review_flags", [])}
                                   for o in self.outcomes if o.record.get("review_flags")],
        }


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` so that ``path`` is either the old file or the complete new one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def process_one(path: str, options_json: str) -> tuple[str, str | None, str | None, bool, float]:
    """The batch task: ``(path, document JSON or None, error or None, unsupported?, seconds)``.

    Takes and returns plain strings so it pickles cheaply to worker processes and Dask
    workers alike.
    """
    options = ProcessOptions.model_validate_json(options_json)
    start = time.perf_counter()
    doc_json, error, unsupported = None, None, False
    try:
        doc_json = process(path, options).model_dump_json(indent=2)
    except UnsupportedInputError as exc:
        error, unsupported = str(exc), True
    except KehoachError as exc:
        error = str(exc)
    except Exception as exc:  # a bug on one file must not stop the batch; report it
        error = f"{path}: internal error: {type(exc).__name__}: {exc}"
    return path, doc_json, error, unsupported, time.perf_counter() - start


def _not_processed(item: InputFile, status: Status, reason: str | None, seconds: float = 0.0) -> Outcome:
    """The outcome of an input that produced no document, with its reason."""
    return Outcome(item, status, reason, {"path": str(item.path), "status": status, "error": reason}, seconds)


def _outcome(item: InputFile, result: tuple[str, str | None, str | None, bool, float] | WorkerDied,
             outdir: Path) -> Outcome:
    if isinstance(result, WorkerDied):
        result = (str(item.path), None, f"{item.path}: {result}", False, 0.0)
    _, doc_json, error, unsupported, seconds = result
    if doc_json is None:
        return _not_processed(item, "skipped" if unsupported and not item.explicit else "failed", error, seconds)
    out_path = outdir / item.output_name
    write_atomic(out_path, doc_json + "\n")
    doc = json.loads(doc_json)
    record = {
        "path": str(item.path), "output": item.output_name, "status": doc["status"],
        "sha256": doc["source"]["sha256"], "pages": doc["source"]["page_count"],
        "number": doc["number"], "doc_type": doc["doc_type"], "issued_date": doc["issued_date"],
        "title": doc["title"], "review_flags": doc["review_flags"], "seconds": round(seconds, 3),
    }
    return Outcome(item, doc["status"], None, record, seconds)


TASK_COLUMNS = ["document", "number", "issued_date", "issuer", "description", "lead", "coordinating",
                "deadline", "frequency", "origin", "task_id"]


def tasks_csv(outdir: Path, outcomes: list[Outcome]) -> str:
    """One row per task of every document written, as a spreadsheet opens it: UTF-8 with a
    byte-order mark (Excel otherwise reads Vietnamese as mojibake), agencies joined by '; '."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(TASK_COLUMNS)
    for outcome in outcomes:
        if outcome.status not in ("success", "partial"):
            continue
        doc = json.loads((outdir / outcome.input.output_name).read_text(encoding="utf-8"))
        issuer = (doc.get("issuer") or {}).get("name")
        for task in doc["tasks"]:
            writer.writerow([outcome.record.get("output"), doc["number"], doc["issued_date"], issuer,
                             task["description"], "; ".join(task["lead"]), "; ".join(task["coordinating"]),
                             task["deadline"], task["frequency"], task["origin"], task["id"]])
    return "\ufeff" + buffer.getvalue()


def _sha256_or_none(path: Path) -> str | None:
    """The content hash, or None when the file cannot be read (the worker then says why)."""
    try:
        return file_sha256(path)
    except OSError:
        return None


def run_batch(items: list[InputFile], outdir: Path, options: ProcessOptions, executor: Executor | None = None,
              on_done: Callable[[Outcome], None] | None = None, force: bool = False) -> BatchSummary:
    """Process ``items`` into ``outdir``; ``on_done`` is called after each document.

    Resumable: inputs that an earlier run in ``outdir`` finished with the same content and
    pipeline version are not redone (unless ``force``); failures are retried. Inputs with
    the same content as an earlier one are processed once.
    """
    outdir.mkdir(parents=True, exist_ok=True)
    summary = BatchSummary()
    options_json = options.model_dump_json()
    version = pipeline_version(options_json)
    manifest = Manifest(outdir)

    def finish(outcome: Outcome) -> None:
        summary.outcomes.append(outcome)
        if on_done:
            on_done(outcome)

    todo: list[InputFile] = []
    hashes: dict[Path, str | None] = {}
    first_with: dict[str, InputFile] = {}
    for item in items:
        if item.problem:
            finish(_not_processed(item, "failed", item.problem))
            continue
        sha = hashes[item.path] = _sha256_or_none(item.path)
        if sha is not None and sha in first_with:
            reason = f"{item.path}: same content as {first_with[sha].path}, processed once"
            finish(_not_processed(item, "skipped", reason))
            continue
        if sha is not None:
            first_with[sha] = item
        prev = manifest.previous(str(item.path))
        if (not force and prev is not None and prev.sha256 == sha and prev.pipeline == version
                and prev.status in ("success", "partial") and (outdir / item.output_name).exists()):
            finish(Outcome(item, prev.status, None, prev.record, resumed=True))
            continue
        todo.append(item)
    executor = executor or SerialExecutor()
    by_key = {str(item.path): item for item in todo}
    try:
        # Workers get absolute paths: a Dask worker's working folder is not ours.
        tasks = [(key, (str(item.path.resolve()), options_json)) for key, item in by_key.items()]
        for key, result in executor.run(process_one, tasks):
            item = by_key[key]
            outcome = _outcome(item, result, outdir)
            manifest.record(key, hashes[item.path], outcome.status, outcome.message,
                            outcome.record.get("pages"), outcome.seconds, version, outcome.record)
            finish(outcome)
    finally:
        manifest.close()
    order = {item.path: i for i, item in enumerate(items)}
    summary.outcomes.sort(key=lambda o: order[o.input.path])
    index = "".join(json.dumps(o.record, ensure_ascii=False) + "\n" for o in summary.outcomes)
    write_atomic(outdir / "index.jsonl", index)
    write_atomic(outdir / "tasks.csv", tasks_csv(outdir, summary.outcomes))
    write_atomic(outdir / "summary.json", json.dumps(summary.as_dict(), ensure_ascii=False, indent=2) + "\n")
    return summary

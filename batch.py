"""Batch runs: many inputs in, one JSON per document plus ``index.jsonl`` and a summary out.

One bad file never stops the batch: each document's failure becomes a record with its
reason. Every output is written atomically (temporary file, then rename), so a run that is
killed leaves either the complete JSON of a document or none, and the manifest
(:mod:`.manifest`) lets the next run resume where this one stopped.
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from .errors import KehoachError, UnsupportedInputError
from .ingest import file_sha256
from .manifest import Manifest, pipeline_version
from .pipeline import ProcessOptions, process

Status = Literal["success", "partial", "failed", "skipped"]


@dataclass(frozen=True)
class InputFile:
    """One file to process and where its JSON goes, relative to the output folder."""

    path: Path
    output_name: str
    explicit: bool  # named on the command line (not found by walking a folder)


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


def collect_inputs(paths: Iterable[str | Path]) -> list[InputFile]:
    """Files named, and the files under folders named (recursively, hidden ones left out).

    A folder's files keep their relative path in the output folder, so two ``report.pdf``
    in different sub-folders do not overwrite each other.
    """
    found: list[InputFile] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for sub in sorted(p for p in path.rglob("*") if p.is_file()):
                rel = sub.relative_to(path)
                if any(part.startswith(".") for part in rel.parts):
                    continue
                found.append(InputFile(sub, str(rel) + ".json", explicit=False))
        else:
            found.append(InputFile(path, path.name + ".json", explicit=True))
    return found


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


def _process_one(path: str, options_json: str) -> tuple[str, str | None, str | None, bool]:
    """Worker: ``(document JSON or None, error message or None, unsupported?)``.

    Takes and returns plain strings so it pickles cheaply to and from worker processes.
    """
    options = ProcessOptions.model_validate_json(options_json)
    try:
        doc = process(path, options)
    except UnsupportedInputError as exc:
        return path, None, str(exc), True
    except KehoachError as exc:
        return path, None, str(exc), False
    except Exception as exc:  # a bug on one file must not stop the batch; report it
        return path, None, f"{path}: internal error: {type(exc).__name__}: {exc}", False
    return path, doc.model_dump_json(indent=2), None, False


def _outcome(item: InputFile, result: tuple[str, str | None, str | None, bool], outdir: Path,
             seconds: float) -> Outcome:
    _, doc_json, error, unsupported = result
    if doc_json is None:
        status: Status = "skipped" if unsupported and not item.explicit else "failed"
        return Outcome(item, status, error, {"path": str(item.path), "status": status, "error": error}, seconds)
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


def _results(items: list[InputFile], options_json: str, jobs: int
             ) -> Iterator[tuple[InputFile, tuple[str, str | None, str | None, bool], float]]:
    """Yield each item's worker result as it completes, in a pool when ``jobs > 1``."""
    if jobs <= 1 or len(items) <= 1:
        for item in items:
            start = time.perf_counter()
            result = _process_one(str(item.path), options_json)
            yield item, result, time.perf_counter() - start
        return
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        started: dict[Future, tuple[InputFile, float]] = {}
        for item in items:
            started[pool.submit(_process_one, str(item.path), options_json)] = (item, time.perf_counter())
        pending = set(started)
        while pending:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                item, t0 = started[future]
                try:
                    result = future.result()
                except Exception as exc:  # the worker process died (killed, out of memory)
                    result = (str(item.path), None, f"{item.path}: worker died: {type(exc).__name__}: {exc}", False)
                yield item, result, time.perf_counter() - t0


def _sha256_or_none(path: Path) -> str | None:
    """The content hash, or None when the file cannot be read (the worker then says why)."""
    try:
        return file_sha256(path)
    except OSError:
        return None


def run_batch(items: list[InputFile], outdir: Path, options: ProcessOptions, jobs: int = 1,
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
        sha = hashes[item.path] = _sha256_or_none(item.path)
        if sha is not None and sha in first_with:
            reason = f"{item.path}: same content as {first_with[sha].path}, processed once"
            finish(Outcome(item, "skipped", reason, {"path": str(item.path), "status": "skipped", "error": reason}))
            continue
        if sha is not None:
            first_with[sha] = item
        prev = manifest.previous(str(item.path))
        if (not force and prev is not None and prev.sha256 == sha and prev.pipeline == version
                and prev.status in ("success", "partial") and (outdir / item.output_name).exists()):
            finish(Outcome(item, prev.status, None, prev.record, resumed=True))
            continue
        todo.append(item)
    try:
        for item, result, seconds in _results(todo, options_json, jobs):
            outcome = _outcome(item, result, outdir, seconds)
            manifest.record(str(item.path), hashes[item.path], outcome.status, outcome.message,
                            outcome.record.get("pages"), seconds, version, outcome.record)
            finish(outcome)
    finally:
        manifest.close()
    order = {item.path: i for i, item in enumerate(items)}
    summary.outcomes.sort(key=lambda o: order[o.input.path])
    index = "".join(json.dumps(o.record, ensure_ascii=False) + "\n" for o in summary.outcomes)
    write_atomic(outdir / "index.jsonl", index)
    write_atomic(outdir / "summary.json", json.dumps(summary.as_dict(), ensure_ascii=False, indent=2) + "\n")
    return summary

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
import resource
import sqlite3
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from .errors import BatchAbortedError, KehoachError, UnsupportedInputError
from .executors import Executor, SerialExecutor, WorkerDied
from .ingest import assemble, failed_page, file_sha256, read_pages
from .ingest.detect import sniff
from .ingest.pdf import page_count
from .ingest.types import PageText
from .inputs import InputFile
from .manifest import MANIFEST_NAME, Manifest, pipeline_version
from .models import ProcessingError
from .normalize import restorer
from .pipeline import ProcessOptions, process, process_ingested

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


@dataclass(frozen=True)
class Job:
    """One unit of work for an executor: a whole document, or a page range of a long PDF.

    Plain strings and numbers, so it pickles cheaply to worker processes and Dask workers.
    """

    path: str
    options_json: str
    pages: tuple[int, int] | None = None  # 0-based [start, stop); None: the whole document


@dataclass
class JobResult:
    """A document's JSON; or, for a page-range job, the pages as read (normalised and
    extracted once all ranges are back); or why it failed."""

    doc_json: str | None = None
    media_type: str | None = None
    pages: list[PageText] = field(default_factory=list)
    page_errors: list[ProcessingError] = field(default_factory=list)
    error: str | None = None
    unsupported: bool = False
    seconds: float = 0.0
    peak_rss_mb: float = 0.0  # the worker process's peak resident memory so far


def run_job(job: Job) -> JobResult:
    """The batch task, run on a worker."""
    options = ProcessOptions.model_validate_json(job.options_json)
    start = time.perf_counter()
    result = JobResult()
    try:
        if job.pages is None:
            result.doc_json = process(job.path, options).model_dump_json(indent=2)
        else:
            result.media_type, result.pages, result.page_errors = read_pages(
                job.path, options.ingest, range(*job.pages))
    except UnsupportedInputError as exc:
        result.error, result.unsupported = str(exc), True
    except KehoachError as exc:
        result.error = str(exc)
    except Exception as exc:  # a bug on one file must not stop the batch; report it
        result.error = f"{job.path}: internal error: {type(exc).__name__}: {exc}"
    result.seconds = time.perf_counter() - start
    result.peak_rss_mb = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    return result


WARM_UP_TEXT = """ỦY BAN NHÂN DÂN TỈNH LÀO CAI
Số: 1/KH-UBND
KẾ HOẠCH
Tuyen truyen cai cach hanh chinh nam 2026
I. TỔ CHỨC THỰC HIỆN
1. Sở Tài chính chủ trì, phối hợp với Sở Nội vụ thực hiện trước ngày 15/6/2026.
"""


def warm_worker() -> None:
    """Load what every document needs (language and channel models, agency matcher) by
    processing a small built-in plan, once per worker, before its first job."""
    restorer()  # the plan reads as accented, so processing it alone would not load the models
    with tempfile.TemporaryDirectory(prefix="kehoach-warm-") as folder:
        path = Path(folder) / "warm-up.txt"
        path.write_text(WARM_UP_TEXT, encoding="utf-8")
        process(path)


def page_ranges(path: Path, pages_per_job: int) -> list[tuple[int, int]] | None:
    """How to split a PDF longer than ``pages_per_job`` pages into jobs; None to read it whole
    (not a PDF, short, or unreadable: the whole-document job then says why)."""
    if pages_per_job <= 0:
        return None
    try:
        with path.open("rb") as fh:
            kind = sniff(fh.read(1024))
        if kind is None or kind[0] != "pdf":
            return None
        count = page_count(str(path))
    except (OSError, KehoachError):
        return None
    if count <= pages_per_job:
        return None
    return [(start, min(start + pages_per_job, count)) for start in range(0, count, pages_per_job)]


def join_ranges(path: str, parts: dict[tuple[int, int], JobResult | WorkerDied], sha256: str | None,
                options: ProcessOptions) -> JobResult:
    """Join the page ranges of one document read on several workers, then normalise and
    extract it here. A range whose worker died becomes failed pages; the document is then
    partial, not lost."""
    start = time.perf_counter()
    pages: list[PageText] = []
    errors: list[ProcessingError] = []
    media_type = "application/pdf"
    seconds = peak = 0.0
    for (first, stop), part in sorted(parts.items()):
        if isinstance(part, WorkerDied):
            for number in range(first + 1, stop + 1):
                error = ProcessingError(stage="ingest", page=number,
                                        message=f"the worker reading pages {first + 1}–{stop} died ({part})")
                errors.append(error)
                pages.append(failed_page(error, number))
            continue
        if part.error is not None:
            return part  # the file itself failed (vanished, changed, damaged): say so once
        media_type = part.media_type or media_type
        pages += part.pages
        errors += part.page_errors
        seconds += part.seconds
        peak = max(peak, part.peak_rss_mb)
    try:
        if sha256 is not None and file_sha256(Path(path)) != sha256:
            return JobResult(error=f"{path}: the file changed while it was being read; the next run reads it again")
        ingested = assemble(path, media_type, pages, errors, sha256)
        doc = process_ingested(ingested, options, {"ingest": seconds})
    except OSError as exc:
        return JobResult(error=f"{path}: cannot be read ({exc.strerror or exc})")
    except Exception as exc:  # as in run_job: report, do not stop the batch
        return JobResult(error=f"{path}: internal error: {type(exc).__name__}: {exc}")
    return JobResult(doc_json=doc.model_dump_json(indent=2), seconds=seconds + time.perf_counter() - start,
                     peak_rss_mb=peak)


def _not_processed(item: InputFile, status: Status, reason: str | None, seconds: float = 0.0) -> Outcome:
    """The outcome of an input that produced no document, with its reason."""
    return Outcome(item, status, reason, {"path": str(item.path), "status": status, "error": reason}, seconds)


def _outcome(item: InputFile, result: JobResult | WorkerDied, outdir: Path, sha256: str | None) -> Outcome:
    """Write the document's JSON and say how it went. ``sha256`` is the content hash taken
    when the batch started: a document read from other content (the file changed in the
    meantime) is not written, so that the manifest never pairs a hash with another text."""
    if isinstance(result, WorkerDied):
        result = JobResult(error=f"{item.path}: {result}")
    if result.doc_json is None:
        return _not_processed(item, "skipped" if result.unsupported and not item.explicit else "failed",
                              result.error, result.seconds)
    doc = json.loads(result.doc_json)
    if sha256 is not None and doc["source"]["sha256"] != sha256:
        return _not_processed(item, "failed", f"{item.path}: the file changed while it was being read; "
                              "the next run reads it again", result.seconds)
    out_path = outdir / item.output_name
    try:
        write_atomic(out_path, result.doc_json + "\n")
    except OSError as exc:  # disk full, quota, permissions: this document fails, the batch goes on
        return _not_processed(item, "failed", f"{item.path}: cannot write {out_path}: {exc.strerror or exc}",
                              result.seconds)
    record = {
        "path": str(item.path), "output": item.output_name, "status": doc["status"],
        "sha256": doc["source"]["sha256"], "pages": doc["source"]["page_count"],
        "number": doc["number"], "doc_type": doc["doc_type"], "issued_date": doc["issued_date"],
        "title": doc["title"], "review_flags": doc["review_flags"], "seconds": round(result.seconds, 3),
        "worker_peak_rss_mb": result.peak_rss_mb,
    }
    return Outcome(item, doc["status"], None, record, result.seconds)


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
              on_done: Callable[[Outcome], None] | None = None, force: bool = False,
              pages_per_job: int = 0) -> BatchSummary:
    """Process ``items`` into ``outdir``; ``on_done`` is called after each document.

    Resumable: inputs that an earlier run in ``outdir`` finished with the same content and
    pipeline version are not redone (unless ``force``); failures are retried. Inputs with
    the same content as an earlier one are processed once. PDFs longer than
    ``pages_per_job`` pages (when it is above 0) are read in ranges of that many pages on
    several workers, so that one long scan does not hold up the batch.
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
    jobs: list[tuple[str, tuple[Job]]] = []
    job_of: dict[str, tuple[str, tuple[int, int] | None]] = {}  # job key → (document key, page range)
    expected: dict[str, int] = {}  # document key → number of page-range jobs
    for key, item in by_key.items():
        path = str(item.path.resolve())  # workers get absolute paths: a Dask worker's folder is not ours
        ranges = page_ranges(item.path, pages_per_job) or [None]
        if ranges != [None]:
            expected[key] = len(ranges)
        for span in ranges:
            job_key = key if span is None else f"{key}#pages {span[0] + 1}-{span[1]}"
            job_of[job_key] = (key, span)
            jobs.append((job_key, (Job(path, options_json, span),)))
    parts: dict[str, dict[tuple[int, int], JobResult | WorkerDied]] = {}
    try:
        for job_key, result in executor.run(run_job, jobs, setup=warm_worker):
            key, span = job_of[job_key]
            item = by_key[key]
            if span is not None:
                parts.setdefault(key, {})[span] = result
                if len(parts[key]) < expected[key]:
                    continue
                result = join_ranges(str(item.path.resolve()), parts.pop(key), hashes[item.path], options)
            outcome = _outcome(item, result, outdir, hashes[item.path])
            try:
                manifest.record(key, hashes[item.path], outcome.status, outcome.message,
                                outcome.record.get("pages"), outcome.seconds, version, outcome.record)
            except (sqlite3.Error, OSError) as exc:
                raise BatchAbortedError(f"cannot record progress in {outdir / MANIFEST_NAME} ({exc})") from exc
            finish(outcome)
    except BatchAbortedError as exc:
        done = sum(o.status in ("success", "partial") for o in summary.outcomes)
        raise BatchAbortedError(f"{exc.reason}; the documents finished so far ({done}) are kept in {outdir}/ "
                                "— run the same command again to resume") from exc
    finally:
        manifest.close()
    order = {item.path: i for i, item in enumerate(items)}
    summary.outcomes.sort(key=lambda o: order[o.input.path])
    index = "".join(json.dumps(o.record, ensure_ascii=False) + "\n" for o in summary.outcomes)
    try:
        write_atomic(outdir / "index.jsonl", index)
        write_atomic(outdir / "tasks.csv", tasks_csv(outdir, summary.outcomes))
        write_atomic(outdir / "summary.json", json.dumps(summary.as_dict(), ensure_ascii=False, indent=2) + "\n")
    except OSError as exc:
        raise BatchAbortedError(f"every document was processed, but the reports cannot be written to {outdir}/ "
                                f"({exc.strerror or exc}); run the same command again to write them") from exc
    return summary

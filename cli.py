"""The ``kehoach`` command: a thin layer that parses arguments into options and calls the library.

This is the one place where exceptions become exit codes and one-line messages.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from . import __version__
from .errors import ExitCode, KehoachError
from .ingest import IngestOptions
from .ingest.ocr import ENGINES

EPILOG = """\
examples:
  kehoach extract plan.pdf -o plan.json     one document to JSON
  kehoach run archive/ -o out/              a whole folder: out/<file>.json, index.jsonl, summary.json
  kehoach ocr scan.pdf                      the text as the pipeline reads it
  echo "hoá thuỷ" | kehoach normalize -     normalised text, one line out per line in
  kehoach schema > document.schema.json     the JSON Schema of the output
  kehoach review out/                       check and correct out/ in the browser (127.0.0.1:8765)
  kehoach export out/ -o corrected/         the documents with the reviewers' corrections applied

Scans are read by Tesseract with the 'vie' language (apt-get install tesseract-ocr tesseract-ocr-vie).
PDF pages whose text layer is real Vietnamese are read from it; other pages are OCR'd.
"""


def _add_read_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("reading")
    group.add_argument("--force-ocr", action="store_true", help="OCR every PDF page, even with a good text layer")
    group.add_argument("--dpi", type=int, default=300, help="render PDF pages for OCR at this resolution (default 300)")
    group.add_argument("--ocr-engine", default="tesseract", choices=sorted(ENGINES), help="OCR engine (default tesseract)")
    group.add_argument("--lang", default="vie", help="Tesseract language (default vie; vie+eng strips accents)")
    group.add_argument("--page-timeout", type=float, default=300, help="seconds of OCR allowed per page (default 300, 0 = none)")
    group.add_argument("--max-image-mp", type=float, default=150, help="refuse images larger than this many megapixels (default 150)")
    group.add_argument("--no-normalize", action="store_true", help="keep the text exactly as read (no Vietnamese normalisation)")
    group.add_argument("--tone-style", choices=("old", "new"), default="old",
                       help="tone-mark placement: old = hóa, thủy (default); new = hoá, thuỷ")


def _options(args: argparse.Namespace):
    from .pipeline import ProcessOptions

    ingest = IngestOptions(ocr_engine=args.ocr_engine, lang=args.lang, dpi=args.dpi, force_ocr=args.force_ocr,
                           page_timeout=args.page_timeout, max_image_mp=args.max_image_mp)
    return ProcessOptions(ingest=ingest, normalize=not args.no_normalize, tone_style=args.tone_style)


def cmd_extract(args: argparse.Namespace) -> int:
    from .batch import write_atomic
    from .pipeline import process

    doc = process(args.file, _options(args))
    text = doc.model_dump_json(indent=2) + "\n"
    if args.output:
        write_atomic(Path(args.output), text)
    else:
        sys.stdout.write(text)
    for flag in doc.review_flags:
        print(f"kehoach: {args.file}: review: {flag}", file=sys.stderr)
    return ExitCode.ok


def cmd_run(args: argparse.Namespace) -> int:
    from .batch import run_batch
    from .executors import make_executor
    from .inputs import UNPACKED, collect_inputs
    from .normalize import lexicon
    from .progress import BatchProgress

    outdir = Path(args.output)
    items = collect_inputs(args.inputs, outdir / UNPACKED, args.include, args.exclude)
    missing = [i for i in items if not i.path.exists()]
    if missing:
        for item in missing:
            print(f"kehoach: {item.path}: no such file or folder", file=sys.stderr)
        return ExitCode.bad_args
    if not items:
        print("kehoach: no input files found", file=sys.stderr)
        return ExitCode.bad_args
    pages_per_job = args.pages_per_job if (args.jobs > 1 or args.dask) else 0  # one worker: nothing to gain
    options = _options(args)
    options.user_lexicon = lexicon.load(lexicon.outdir_lexicon(outdir))  # reviewers' corrections teach
    executor = make_executor(args.jobs, args.dask)
    try:
        with BatchProgress(len(items), enabled=not args.quiet, log_json=args.log_json) as progress:
            summary = run_batch(items, outdir, options, executor, on_done=progress.done, force=args.force,
                                pages_per_job=pages_per_job)
    finally:
        executor.close()
    counts = summary.as_dict()
    if args.log_json:
        print(json.dumps({"summary": counts}, ensure_ascii=False), file=sys.stderr)
    elif not args.quiet:
        print(f"kehoach: {counts['documents']} inputs ({counts['resumed']} already done by an earlier run): "
              f"{counts['success']} done, {counts['partial']} partial, "
              f"{counts['failed']} failed, {counts['skipped']} skipped; "
              f"{len(counts['flagged_for_review'])} flagged for review; output in {outdir}/", file=sys.stderr)
    return ExitCode.failed if summary.failed else ExitCode.ok


def cmd_ocr(args: argparse.Namespace) -> int:
    from .pipeline import ingest_and_normalize

    options = _options(args)
    options.normalize = not args.raw and options.normalize
    ingested, _ = ingest_and_normalize(args.file, options)
    sys.stdout.write(ingested.text() + "\n")
    for error in ingested.errors:
        print(f"kehoach: {args.file}: page {error.page}: {error.message}", file=sys.stderr)
    return ExitCode.ok


def cmd_normalize(args: argparse.Namespace) -> int:
    from .ingest.text import decode_text
    from .normalize import LOW_RESTORE_CONFIDENCE, normalize_detailed

    # The whole input at once: whether text lost its accents is judged on all of it, and
    # the model reads sentences across line breaks. Lines still map one to one. Bytes are
    # decoded as for `extract`: UTF-8/UTF-16, or 8-bit legacy Vietnamese (TCVN3, VNI).
    if args.file == "-":
        text = decode_text(sys.stdin.buffer.read(), "<stdin>")
    else:
        text = decode_text(Path(args.file).read_bytes(), args.file)
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    result = normalize_detailed("\n".join(lines), args.tone_style)
    sys.stdout.write("".join(line + "\n" for line in result.text.split("\n")) if lines else "")
    if args.explain:
        sys.stdout.flush()
        for c in result.changes:
            flag = "  LOW" if c.confidence < LOW_RESTORE_CONFIDENCE else ""
            runner = f" (runner-up {c.runner_up})" if c.runner_up else ""
            print(f"line {c.line + 1}:{c.start + 1}: {c.original} -> {c.replacement} "
                  f"confidence {c.confidence:.2f}{runner}{flag}", file=sys.stderr)
        print(f"{len(result.changes)} of {result.tokens} tokens restored", file=sys.stderr)
    return ExitCode.ok


def cmd_review(args: argparse.Namespace) -> int:
    from .review import UnsafeBind, serve

    try:
        serve(args.outdir, args.host, args.port, args.token, args.reviewer, open_browser=not args.no_browser)
    except (UnsafeBind, FileNotFoundError) as exc:
        print(f"kehoach: error: {exc}", file=sys.stderr)
        return ExitCode.bad_args
    return ExitCode.ok


def cmd_export(args: argparse.Namespace) -> int:
    from .review import ReviewFolder

    try:
        folder = ReviewFolder(args.outdir)
    except FileNotFoundError as exc:
        print(f"kehoach: error: {exc}", file=sys.stderr)
        return ExitCode.bad_args
    dest = Path(args.output) if args.output else folder.root / "corrected"
    report = folder.export(dest)
    for where, item in report:
        entry = getattr(item, "entry", item)
        reason = getattr(item, "reason", "document no longer in the folder")
        print(f"kehoach: {where}: second look: {entry.item_id} {entry.field}: {reason} "
              f"({entry.reviewer}: {entry.old!r} -> {entry.new!r})", file=sys.stderr)
    print(f"kehoach: corrected documents in {dest}/ ({len(report)} corrections need a second look)", file=sys.stderr)
    return ExitCode.ok


def cmd_schema(args: argparse.Namespace) -> int:
    from .models import json_schema_text

    sys.stdout.write(json_schema_text())
    return ExitCode.ok


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kehoach", description="Vietnamese government plan documents → clean, typed JSON.",
        epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"kehoach {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("extract", help="one document to JSON")
    p.add_argument("file", help="a PDF, image (PNG/JPEG/TIFF) or text file")
    p.add_argument("-o", "--output", help="write the JSON here (default: standard output)")
    _add_read_options(p)
    p.set_defaults(func=cmd_extract)

    p = sub.add_parser("run", help="many documents: files, folders (recursively) and zip archives to a folder of JSON")
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="files, folders or zip archives")
    p.add_argument("-o", "--output", required=True, metavar="OUTDIR", help="output folder")
    p.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 1,
                   help="documents processed in parallel (default: the number of cores)")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar and no summary line")
    p.add_argument("--include", action="append", default=[], metavar="GLOB",
                   help="only inputs whose name or path matches (repeatable), e.g. --include '*.pdf'")
    p.add_argument("--exclude", action="append", default=[], metavar="GLOB",
                   help="leave out inputs whose name or path matches (repeatable), e.g. --exclude 'drafts/*'")
    p.add_argument("--pages-per-job", type=int, default=8, metavar="N",
                   help="read PDFs longer than N pages in ranges of N pages on several workers, so one long scan "
                        "does not hold up the batch (default 8; 0 = never split)")
    p.add_argument("--dask", metavar="ADDRESS",
                   help="run on an existing Dask cluster, e.g. tcp://scheduler:8786 (workers need kehoach and Tesseract)")
    p.add_argument("--log-json", action="store_true",
                   help="one JSON object per document (and the summary) on standard error, instead of the bar")
    p.add_argument("--force", action="store_true",
                   help="redo every input, also those an earlier run in OUTDIR finished (default: resume); "
                        "a changed OUTDIR/review/lexicon.json (learned from corrections) also redoes them")
    _add_read_options(p)
    p.set_defaults(func=cmd_run)

    p = sub.add_parser("ocr", help="the document's text as the pipeline reads it (pages separated by form feeds)")
    p.add_argument("file")
    p.add_argument("--raw", action="store_true", help="the text as read, before normalisation")
    _add_read_options(p)
    p.set_defaults(func=cmd_ocr)

    p = sub.add_parser("normalize", help="normalise Vietnamese text: one output line per input line")
    p.add_argument("file", help="a UTF-8 text file, or - for standard input")
    p.add_argument("--tone-style", choices=("old", "new"), default="old", help="old = hóa, thủy (default); new = hoá, thuỷ")
    p.add_argument("--explain", action="store_true",
                   help="list every restored token with its confidence and runner-up on standard error")
    p.set_defaults(func=cmd_normalize)

    p = sub.add_parser("review", help="a local web app to check and correct an output folder beside the page images")
    p.add_argument("outdir", metavar="OUTDIR", help="an output folder of kehoach run")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1: this machine only; "
                   "any other address needs --token)")
    p.add_argument("--port", type=int, default=8765, help="port (default 8765; 0 = any free port)")
    p.add_argument("--token", help="access token every request must carry (required off 127.0.0.1)")
    p.add_argument("--reviewer", help="name recorded with each correction (default: your user name; "
                   "each reviewer can set theirs on the page)")
    p.add_argument("--no-browser", action="store_true", help="do not open a browser")
    p.set_defaults(func=cmd_review)

    p = sub.add_parser("export", help="write the documents of an output folder with the reviewers' corrections applied")
    p.add_argument("outdir", metavar="OUTDIR", help="an output folder of kehoach run (and kehoach review)")
    p.add_argument("-o", "--output", metavar="DIR", help="where to write (default OUTDIR/corrected); "
                   "the outputs of kehoach run are left untouched")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("schema", help="print the JSON Schema of the output document")
    p.set_defaults(func=cmd_schema)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    func: Callable[[argparse.Namespace], int] = args.func
    try:
        return int(func(args))
    except KehoachError as exc:
        print(f"kehoach: error: {exc}", file=sys.stderr)
        return int(exc.exit_code)
    except KeyboardInterrupt:
        print("kehoach: interrupted", file=sys.stderr)
        return int(ExitCode.interrupted)
    except BrokenPipeError:
        return int(ExitCode.ok)
    except OSError as exc:
        print(f"kehoach: error: {exc.filename or ''}: {exc.strerror or exc}", file=sys.stderr)
        return int(ExitCode.input_file)


if __name__ == "__main__":
    sys.exit(main())

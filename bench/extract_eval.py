"""Score kehoach's extraction against the hand-annotated dev documents, on the text and on scans.

Each ``tests/data/annotations/<stem>.expected.json`` (format and rules in FORMAT.md beside
them) was written by reading ``../shared/data/dev_plans/<stem>.txt``. This script extracts
every annotated document twice and compares with the annotation:

* **text**: ``kehoach.process(<stem>.txt)``;
* **scan**: ``scripts/make_scans.py`` prints the text as a degraded scan (``--degrade``,
  default medium, ``--seed`` 0), ``kehoach.ingest.read_document`` reads it (Tesseract ``vie``)
  and ``kehoach.pipeline.process_ingested`` does the rest of ``kehoach.process`` (normalise,
  extract, review flags). OCR is the slow part (~6-10 s a page on a busy core), so with
  ``--cache DIR`` the rendered PDFs and the pickled ingest results are kept and reused:
  re-runs only re-normalise and re-extract, so they measure the current extractor. The
  pickle key includes a hash of ``ingest/types.py`` (a changed ingest model re-reads, and a
  pickle that turns out older than its model is read again); after changing OCR itself, pass
  ``--refresh``.

Metrics, per document and overall (micro: counts summed over documents), for text and scan:

* **header**: eight fields (issuer as 'parent / name', signer position as 'authority
  on_behalf_of / position', as ``bench/header_eval.py`` builds them) compared after NFC and
  whitespace squashing and tone marks placed in one style, as the normaliser places them
  ("exact"), and without case, diacritics, punctuation or spacing
  ("folded"; it also ignores how the issuer and signer lines are split by '/').
* **legal bases**: F1 on the multiset of (type, number) keys (type folded, number without
  spaces; an unnumbered citation is keyed by its date), plus the share of matched bases whose
  date is equal.
* **sections**: precision / recall / F1 of body nodes (bullets '-' '+' and items '(1)', '(i)'
  are not nodes, they are text of their parent, as FORMAT.md's marker list says; a decision's "Điều N" articles are not annotated, so they are left
  out and their children take their place). A predicted node matches an annotated one when the paths of
  numbers are equal and the headings match (both null, or rapidfuzz ``ratio`` >= 90 on the
  squashed text). For matched nodes, "text sim" is the mean ``ratio`` between the predicted
  heading + text (+ its bullet children) and the source lines from the node's line to the
  next annotated node (marker removed; the last node stops at 'Nơi nhận', 'Trên đây' or the
  signature).
* **tasks** (origin body): one-to-one assignment (Hungarian, ``scipy.optimize.
  linear_sum_assignment``; scipy is installed with scikit-image; maximising description similarity) where a pair may match only
  when description similarity >= 0.6 — rapidfuzz ``token_set_ratio`` on case-folded text, so a
  description that includes or leaves out the agency subject or a deadline phrase still
  matches — AND the lead agency sets agree (folded names, each name paired with one of the
  other side at ``ratio`` >= 85). Deadlines: exact share among matched pairs where either side
  has one. "desc-only F1" drops the lead condition, to tell a wrong lead from a missed duty.
* **appendix rows**: every annotated row against ``Document.appendices[*].rows``, matched on
  the similarity of the joined cells (same gate and assignment); and "appendix tasks": the
  annotated rows that have a lead column against the tasks with ``origin == "appendix"``
  (description + lead sets, as for tasks).

Usage::

    python bench/extract_eval.py --cache /tmp/kehoach-extract-eval [--docs '00*'] [--no-scan]
                                 [--show] [--json out.json] [--jobs 1]
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import os
import pickle
import re
import sys
import tempfile
import time
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np
from rapidfuzz import fuzz
from scipy.optimize import linear_sum_assignment

import kehoach
from kehoach.ingest import read_document
from kehoach.ingest.types import IngestedDocument
from kehoach.models import Document, Section
from kehoach.models.doc_types import fold
from kehoach.normalize.tone_marks import place_tones
from kehoach.pipeline import ProcessOptions, process_ingested

REPO = Path(__file__).resolve().parents[1]
DEFAULT_ANNOTATIONS = REPO / "tests" / "data" / "annotations"
DEFAULT_DATA = REPO.parent / "shared" / "data"
FIELDS = ("issuer", "number", "doc_type", "place", "date", "title", "signer_name", "signer_position")
BULLETS = {"-", "+", "•", "–", "—", "*", "·"}
PAREN_ITEM = re.compile(r"^\(\w{1,4}\)$")  # '(1)', '(iv)': not in FORMAT.md's marker list
ARTICLE = re.compile(r"^Điều\s+\d+", re.IGNORECASE)
HEADING_MATCH = 90.0
DESCRIPTION_MATCH = 60.0
AGENCY_MATCH = 85.0
MARKER = re.compile(r"^\s*(?:[IVXLC]+\.|\d+(?:\.\d+)*\.?|[a-zđ][\)\./]{1,2})\s*")
BODY_END = re.compile(r"^\s*(?:Nơi nhận|Trên đây|T/?M\.|KT\.|TL\.|TUQ\.|PHỤ LỤC|Phụ lục)")


def load_script(name: str, path: Path) -> ModuleType:
    """Import a script of this repository that is not in a package (bench/, scripts/)."""
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def header_of(doc: Document) -> dict[str, str | None]:
    """Our header in the annotations' shape, built exactly as bench/header_eval.py does."""
    return load_script("header_eval", REPO / "bench" / "header_eval.py").predicted(doc)


def squash(text: str | None) -> str:
    """NFC, tone marks placed in one style ('UỶ' as 'ỦY': the normaliser places them one way by
    design, ``--tone-style``), every whitespace run made one space."""
    return " ".join(place_tones(unicodedata.normalize("NFC", text or "")).split())


def loose(text: str | None) -> str:
    """No case, diacritics, punctuation or spacing."""
    return re.sub(r"[\W_]+", "", fold(squash(text)))


# --- counting -----------------------------------------------------------------------------------


@dataclass
class Tally:
    """Matched / predicted / annotated counts, and the scores of matched pairs."""

    tp: int = 0
    predicted: int = 0
    expected: int = 0
    extra: list[float] = field(default_factory=list)  # e.g. text similarity of matched pairs
    agree: int = 0  # e.g. matched pairs whose deadline/date agree
    judged: int = 0  # pairs where that agreement was judged

    def add(self, other: Tally) -> None:
        self.tp += other.tp
        self.predicted += other.predicted
        self.expected += other.expected
        self.extra += other.extra
        self.agree += other.agree
        self.judged += other.judged

    @property
    def precision(self) -> float | None:
        return self.tp / self.predicted if self.predicted else None

    @property
    def recall(self) -> float | None:
        return self.tp / self.expected if self.expected else None

    @property
    def f1(self) -> float | None:
        if not self.predicted and not self.expected:
            return None
        return 2 * self.tp / (self.predicted + self.expected)

    def as_dict(self) -> dict[str, Any]:
        return {"tp": self.tp, "predicted": self.predicted, "expected": self.expected,
                "precision": self.precision, "recall": self.recall, "f1": self.f1,
                "mean_similarity": sum(self.extra) / len(self.extra) if self.extra else None,
                "agree": self.agree, "judged": self.judged}


def assign(expected: list[Any], predicted: list[Any],
           score: Callable[[Any, Any], float | None]) -> list[tuple[int, int, float]]:
    """One-to-one pairs (expected index, predicted index, score) maximising the total score;
    ``score`` returns None for a pair that may not match."""
    if not expected or not predicted:
        return []
    matrix = np.zeros((len(expected), len(predicted)))
    allowed = np.zeros_like(matrix, dtype=bool)
    for i, e in enumerate(expected):
        for j, p in enumerate(predicted):
            value = score(e, p)
            if value is not None:
                matrix[i, j], allowed[i, j] = value + 1.0, True  # +1: any allowed pair beats none
    rows, cols = linear_sum_assignment(matrix, maximize=True)
    return [(i, j, matrix[i, j] - 1.0) for i, j in zip(rows, cols) if allowed[i, j]]


# --- header and legal bases -----------------------------------------------------------------------


def score_header(truth: dict[str, str | None], doc: Document) -> dict[str, Any]:
    ours = header_of(doc)
    fields = {}
    for name in FIELDS:
        want, got = truth.get(name), ours[name]
        fields[name] = {"want": want, "got": got, "exact": squash(want) == squash(got),
                        "folded": loose(want) == loose(got)}
    return fields


def basis_key(doc_type: str | None, number: str | None, date: str | None) -> tuple[str, str]:
    kind = loose(doc_type)
    return (kind, re.sub(r"\s+", "", unicodedata.normalize("NFC", number)).upper()) if number else (kind, f"@{date}")


def score_bases(truth: list[dict[str, Any]], doc: Document) -> Tally:
    want: dict[tuple[str, str], list[str | None]] = {}
    for b in truth:
        want.setdefault(basis_key(b["doc_type"], b["number"], b["date"]), []).append(b["date"])
    got: dict[tuple[str, str], list[str | None]] = {}
    for b in doc.legal_bases:
        date = b.date.isoformat() if b.date else None
        got.setdefault(basis_key(b.doc_type, b.number, date), []).append(date)
    tally = Tally(predicted=len(doc.legal_bases), expected=len(truth))
    for key, dates in want.items():
        theirs = list(got.get(key, []))
        for date in dates:
            if not theirs:
                break
            tally.tp += 1
            tally.judged += 1
            if date in theirs:
                tally.agree += 1
                theirs.remove(date)
            else:
                theirs.pop(0)
    return tally


# --- sections ------------------------------------------------------------------------------------


def flatten(sections: Iterable[Section], parent: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], Section]]:
    """(path, node) of every numbered node; bullet nodes are text of their parent, not nodes.
    An article "Điều N" of a decision is not annotated (FORMAT.md), so it is not scored either:
    it is left out and its children keep the path of its parent."""
    out = []
    for node in sections:
        if is_bullet(node.number):
            continue
        if ARTICLE.match(node.number.strip()):
            out += flatten(node.children, parent)
            continue
        path = (*parent, node.number.strip().rstrip(".)"))
        out.append((path, node))
        out += flatten(node.children, path)
    return out


def node_text(node: Section) -> str:
    """Heading, text and the text of the bullet children below it."""
    parts = [node.heading or "", node.text]
    for child in node.children:
        if is_bullet(child.number):
            parts += [child.number, node_text(child)]
    return squash(" ".join(parts))


def is_bullet(number: str) -> bool:
    """A marker that FORMAT.md does not count as a node: its item is text of the parent."""
    return number.strip() in BULLETS or bool(PAREN_ITEM.match(number.strip()))


def source_text(lines: list[str], start: int, end: int) -> str:
    """Source lines ``start``..``end - 1`` (1-based), the first one without its marker."""
    chunk = lines[start - 1:end - 1]
    if chunk:
        chunk = [MARKER.sub("", chunk[0], count=1), *chunk[1:]]
    return squash(" ".join(chunk))


def section_spans(truth: list[dict[str, Any]], lines: list[str]) -> dict[int, str]:
    """Source text of each annotated node, keyed by its line."""
    starts = sorted({s["line"] for s in truth})
    spans = {}
    for i, start in enumerate(starts):
        end = starts[i + 1] if i + 1 < len(starts) else next(
            (n for n in range(start + 1, len(lines) + 1) if BODY_END.match(lines[n - 1])), len(lines) + 1)
        spans[start] = source_text(lines, start, end)
    return spans


def headings_match(want: str | None, got: str | None) -> bool:
    if not want or not got:
        return not want and not got
    return fuzz.ratio(squash(want), squash(got)) >= HEADING_MATCH


def score_sections(truth: list[dict[str, Any]], doc: Document, lines: list[str]) -> tuple[Tally, dict[str, list]]:
    predicted = flatten(doc.sections)
    spans = section_spans(truth, lines)
    pairs = assign(truth, predicted, lambda t, p: 1.0 if tuple(t["path"]) == p[0] and
                   headings_match(t["heading"], p[1].heading) else None)
    tally = Tally(tp=len(pairs), predicted=len(predicted), expected=len(truth))
    for i, j, _ in pairs:
        tally.extra.append(fuzz.ratio(node_text(predicted[j][1]), spans[truth[i]["line"]]) / 100)
    found = {i for i, _, _ in pairs}
    used = {j for _, j, _ in pairs}
    misses = {"missed": [[" > ".join(t["path"]), t["heading"], t["line"]] for i, t in enumerate(truth) if i not in found],
              "spurious": [[" > ".join(p), n.heading] for j, (p, n) in enumerate(predicted) if j not in used]}
    return tally, misses


# --- tasks and appendix rows ---------------------------------------------------------------------


def agencies_agree(want: list[str], got: list[str]) -> bool:
    """Same set of agencies: each name on either side pairs with one of the other at ratio >= 85."""
    a, b = {loose(x) for x in want if loose(x)}, {loose(x) for x in got if loose(x)}
    if len(a) != len(b):
        return False
    return len(assign(sorted(a), sorted(b), lambda x, y: 1.0 if fuzz.ratio(x, y) >= AGENCY_MATCH else None)) == len(a)


def description_similarity(want: str, got: str) -> float:
    return fuzz.token_set_ratio(squash(want).casefold(), squash(got).casefold())


def score_tasks(truth: list[dict[str, Any]], predicted: list[dict[str, Any]],
                with_lead: bool = True) -> tuple[Tally, dict[str, list]]:
    """Tasks as dicts with description, lead and deadline."""
    def score(t: dict[str, Any], p: dict[str, Any]) -> float | None:
        similarity = description_similarity(t["description"], p["description"])
        if similarity < DESCRIPTION_MATCH or (with_lead and not agencies_agree(t["lead"], p["lead"])):
            return None
        return similarity / 100
    pairs = assign(truth, predicted, score)
    tally = Tally(tp=len(pairs), predicted=len(predicted), expected=len(truth))
    for i, j, _ in pairs:
        if truth[i]["deadline"] or predicted[j]["deadline"]:
            tally.judged += 1
            tally.agree += truth[i]["deadline"] == predicted[j]["deadline"]
    found = {i for i, _, _ in pairs}
    used = {j for _, j, _ in pairs}
    misses = {"missed": [[t["line"], t["lead"], t["description"][:80]] for i, t in enumerate(truth) if i not in found],
              "spurious": [[p["lead"], p["description"][:80]] for j, p in enumerate(predicted) if j not in used],
              "deadline differs": [[truth[i]["line"], truth[i]["deadline"], predicted[j]["deadline"]] for i, j, _ in pairs
                                   if truth[i]["deadline"] != predicted[j]["deadline"]]}
    return tally, misses


def predicted_tasks(doc: Document, origin: str) -> list[dict[str, Any]]:
    return [{"description": t.description, "lead": t.lead, "deadline": t.deadline}
            for t in doc.tasks if t.origin == origin]


def score_rows(truth: list[dict[str, Any]], doc: Document) -> tuple[Tally, dict[str, list]]:
    want = [" | ".join(r["cells"]) for r in truth]
    got = [" | ".join(r.cells) for a in doc.appendices for r in a.rows]
    def score(t: str, p: str) -> float | None:
        similarity = description_similarity(t, p)
        return similarity / 100 if similarity >= DESCRIPTION_MATCH else None
    pairs = assign(want, got, score)
    found, used = {i for i, _, _ in pairs}, {j for _, j, _ in pairs}
    misses = {"missed": [[truth[i]["line"], w[:100]] for i, w in enumerate(want) if i not in found],
              "spurious": [g[:100] for j, g in enumerate(got) if j not in used]}
    return Tally(tp=len(pairs), predicted=len(got), expected=len(want)), misses


# --- one document ----------------------------------------------------------------------------------


def score_document(truth: dict[str, Any], doc: Document | None, lines: list[str]) -> dict[str, Any]:
    """All metrics of one extraction against its annotation (``doc`` None: extraction failed)."""
    doc = doc or Document.model_validate({"id": "failed", "source": {"path": "", "sha256": "", "media_type": "",
                                                                     "page_count": 0}})
    rows = [r for a in truth["appendices"] for r in a["rows"]]
    row_tasks = [{"description": r["description"], "lead": r["lead"], "deadline": r["deadline"], "line": r["line"]}
                 for r in rows if r["lead"] and r["description"]]
    sections, section_misses = score_sections(truth["sections"], doc, lines)
    tasks, task_misses = score_tasks(truth["tasks"], predicted_tasks(doc, "body"))
    loose_tasks, loose_misses = score_tasks(truth["tasks"], predicted_tasks(doc, "body"), with_lead=False)
    task_misses["lead differs"] = [m for m in task_misses["missed"] if m not in loose_misses["missed"]]
    appendix_tasks, appendix_task_misses = score_tasks(row_tasks, predicted_tasks(doc, "appendix"))
    appendix_rows, row_misses = score_rows(rows, doc)
    return {
        "header": score_header(truth["header"], doc),
        "legal_bases": score_bases(truth["legal_bases"], doc),
        "sections": sections, "tasks": tasks, "tasks_desc_only": loose_tasks,
        "appendix_rows": appendix_rows, "appendix_tasks": appendix_tasks,
        "misses": {"sections": section_misses, "tasks": task_misses, "appendix rows": row_misses,
                   "appendix tasks": appendix_task_misses},
    }


# --- reading documents -----------------------------------------------------------------------------


def source_path(truth: dict[str, Any], data: Path) -> Path:
    return data / truth["source"]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:12]


def scan_ingest(source: str, cache: str, degrade: str, seed: int, refresh: bool) -> str:
    """Render ``source`` as a scan and OCR it, both cached; returns the pickle's path (worker process)."""
    src, root = Path(source), Path(cache)
    stem = f"{src.stem}.{digest(src)}.{degrade}.s{seed}"
    pdf = root / "scans" / f"{stem}.pdf"
    if refresh or not pdf.exists():
        make_scans = load_script("make_scans", REPO / "scripts" / "make_scans.py")
        make_scans.make_scan(src, pdf.parent, truth_dir=root / "truth", degrade_level=degrade, seed=seed, stem=stem)
    types_key = digest(REPO / "ingest" / "types.py")
    pickled = root / "ingest" / f"{stem}.{types_key}.pkl"
    if refresh or not pickled.exists():
        pickled.parent.mkdir(parents=True, exist_ok=True)
        pickled.write_bytes(pickle.dumps(read_document(pdf)))
    return str(pickled)


def read_scan(pickled: Path, source: Path, cache: Path, args: argparse.Namespace) -> Document:
    """Extract a cached scan; a pickle older than the ingest model it was made with (an attribute
    added since) is read again once."""
    try:
        return extract_scan(pickled)
    except AttributeError:
        pickled.unlink()
        return extract_scan(Path(scan_ingest(str(source), str(cache), args.degrade, args.seed, False)))


def extract_scan(pickled: Path) -> Document:
    """A cached ingest result through the rest of ``kehoach.process``."""
    ingested: IngestedDocument = pickle.loads(pickled.read_bytes())
    return process_ingested(ingested, ProcessOptions(), {})


# --- report ----------------------------------------------------------------------------------------


def pct(value: float | None) -> str:
    return "–" if value is None else f"{value:.0%}"


def num(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


def share(agree: int, judged: int) -> str:
    return "–" if not judged else f"{agree}/{judged}"


def totals(results: list[dict[str, Any]]) -> dict[str, Any]:
    total: dict[str, Any] = {k: Tally() for k in ("legal_bases", "sections", "tasks", "tasks_desc_only",
                                                  "appendix_rows", "appendix_tasks")}
    exact, folded = Counter(), Counter()
    for r in results:
        for key in total:
            total[key].add(r[key])
        for name, f in r["header"].items():
            exact[name] += f["exact"]
            folded[name] += f["folded"]
    total["header_fields"] = {name: {"exact": exact[name] / len(results), "folded": folded[name] / len(results)}
                              for name in FIELDS}
    total["header_exact"] = sum(exact.values()) / (len(results) * len(FIELDS))
    total["header_folded"] = sum(folded.values()) / (len(results) * len(FIELDS))
    return total


def header_rates(result: dict[str, Any]) -> tuple[float, float]:
    fields = result["header"].values()
    return sum(f["exact"] for f in fields) / len(FIELDS), sum(f["folded"] for f in fields) / len(FIELDS)


def table_row(name: str, header: tuple[float, float], r: dict[str, Any]) -> str:
    s, t, b = r["sections"], r["tasks"], r["legal_bases"]
    sim = sum(s.extra) / len(s.extra) if s.extra else None
    return (f"| {name} | {pct(header[0])} | {pct(header[1])} | {num(b.f1)} | {share(b.agree, b.judged)} "
            f"| {num(s.precision)} / {num(s.recall)} / **{num(s.f1)}** | {num(sim)} "
            f"| **{num(t.f1)}** ({t.tp}/{t.expected}, {t.predicted} found) | {num(r['tasks_desc_only'].f1)} "
            f"| {share(t.agree, t.judged)} | {num(r['appendix_rows'].f1)} ({r['appendix_rows'].expected}) "
            f"| {num(r['appendix_tasks'].f1)} |")


def markdown(mode: str, results: list[dict[str, Any]], names: list[str]) -> str:
    lines = [f"**{mode}**", "",
             "| document | header exact | header folded | bases F1 | base dates | sections P / R / F1 | text sim "
             "| tasks F1 | desc-only F1 | deadlines | appendix rows F1 (rows) | appendix tasks F1 |",
             "|---|---:|---:|---:|---:|---|---:|---|---:|---:|---|---:|"]
    for name, r in zip(names, results):
        lines.append(table_row(name[:28], header_rates(r), r))
    total = totals(results)
    lines.append(table_row(f"**all {len(results)}**", (total["header_exact"], total["header_folded"]), total))
    return "\n".join(lines)


def field_table(by_mode: dict[str, dict[str, Any]]) -> str:
    modes = list(by_mode)
    lines = ["| header field | " + " | ".join(f"{m} exact | {m} folded" for m in modes) + " |",
             "|---|" + "---:|---:|" * len(modes)]
    for name in FIELDS:
        cells = [f"{pct(by_mode[m]['header_fields'][name]['exact'])} | {pct(by_mode[m]['header_fields'][name]['folded'])}"
                 for m in modes]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def show(name: str, mode: str, r: dict[str, Any]) -> None:
    """Print what did not match, for the people improving the extractor."""
    print(f"\n### {name} ({mode})")
    for field_name, f in r["header"].items():
        if not f["exact"]:
            print(f"  header {field_name}: want {f['want']!r}\n  {'':{len(field_name) + 8}}got  {f['got']!r}")
    for kind in r["misses"]:
        for what, items in r["misses"][kind].items():
            for item in items:
                print(f"  {kind} {what}: {item}")


def jsonable(r: dict[str, Any]) -> dict[str, Any]:
    return {k: (v.as_dict() if isinstance(v, Tally) else v) for k, v in r.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--annotations", type=Path, default=DEFAULT_ANNOTATIONS, help="folder of *.expected.json")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="folder the annotations' 'source' is relative to")
    parser.add_argument("--docs", default="*", help="glob on the annotation file name (default: all)")
    parser.add_argument("--cache", type=Path, help="keep rendered scans and OCR results here (default: a temporary folder)")
    parser.add_argument("--no-scan", action="store_true", help="score the text only")
    parser.add_argument("--refresh", action="store_true", help="re-render and re-OCR even when cached")
    parser.add_argument("--degrade", default="medium", choices=["none", "light", "medium", "heavy"])
    parser.add_argument("--seed", type=int, default=0, help="scan seed (default 0)")
    parser.add_argument("--jobs", type=int, default=1, help="documents OCR'd in parallel (default 1)")
    parser.add_argument("--show", action="store_true", help="print every mismatch")
    parser.add_argument("--json", type=Path, help="write every figure as JSON")
    args = parser.parse_args(argv)

    paths = sorted(p for p in args.annotations.glob("*.expected.json") if p.match(args.docs))
    if not paths:
        print("no annotations match", file=sys.stderr)
        return 1
    truths = [json.loads(p.read_text(encoding="utf-8")) for p in paths]
    names = [p.name.removesuffix(".expected.json") for p in paths]
    sources = [source_path(t, args.data) for t in truths]
    lines = [unicodedata.normalize("NFC", s.read_text(encoding="utf-8")).split("\n") for s in sources]

    modes: dict[str, list[Document | None]] = {"text": []}
    errors: list[str] = []
    started = time.perf_counter()
    for name, source in zip(names, sources):
        try:
            modes["text"].append(kehoach.process(source))
        except Exception as exc:  # a failing document scores zero, the run goes on
            errors.append(f"text {name}: {type(exc).__name__}: {exc}")
            modes["text"].append(None)
    text_seconds = time.perf_counter() - started
    scan_seconds = 0.0
    if not args.no_scan:
        tmp = None if args.cache else tempfile.TemporaryDirectory(prefix="kehoach-extract-eval-")
        cache = args.cache or Path(tmp.name)  # type: ignore[union-attr]
        os.environ.setdefault("OMP_THREAD_LIMIT", "1")  # one Tesseract thread per worker process
        print(f"scans: {len(sources)} documents, degrade {args.degrade}, seed {args.seed}, cache {cache}", file=sys.stderr)
        started = time.perf_counter()
        with ProcessPoolExecutor(max_workers=max(1, args.jobs)) as pool:
            futures = [pool.submit(scan_ingest, str(s), str(cache), args.degrade, args.seed, args.refresh)
                       for s in sources]
            modes["scan"] = []
            for name, source, future in zip(names, sources, futures):
                try:
                    modes["scan"].append(read_scan(Path(future.result()), source, cache, args))
                except Exception as exc:
                    errors.append(f"scan {name}: {type(exc).__name__}: {exc}")
                    modes["scan"].append(None)
        scan_seconds = time.perf_counter() - started
        if tmp is not None:
            tmp.cleanup()

    report: dict[str, Any] = {"settings": {"docs": names, "degrade": args.degrade, "seed": args.seed,
                                           "text_seconds": round(text_seconds, 1), "scan_seconds": round(scan_seconds, 1)},
                              "errors": errors}
    overall = {}
    for mode, docs in modes.items():
        results = [score_document(t, d, ln) for t, d, ln in zip(truths, docs, lines)]
        print(markdown(mode, results, names) + "\n")
        if args.show:
            for name, r in zip(names, results):
                show(name, mode, r)
        overall[mode] = totals(results)
        report[mode] = {"documents": {n: jsonable(r) for n, r in zip(names, results)},
                        "overall": jsonable(overall[mode])}
    print(field_table(overall))
    for error in errors:
        print(f"extraction failed: {error}", file=sys.stderr)
    print(f"\ntext {text_seconds:.0f} s, scans {scan_seconds:.0f} s (incl. rendering and OCR of uncached scans)",
          file=sys.stderr)
    if args.json is not None:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(report, ensure_ascii=False, indent=1, default=str), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

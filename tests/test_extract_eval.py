"""The extraction scorer (bench/extract_eval.py) scores what it should.

These tests check the scorer, not the extractor's quality: a prediction built from the
annotation itself must score perfectly, and each deliberate damage to it must lower exactly
the metric it touches. One real extraction of the text checks that every metric is computed.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import re
import sys
import unicodedata
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

import kehoach
from kehoach.models import Appendix, AppendixRow, Document, Issuer, LegalBasis, Section, Signer, Task

STEM = "006_kh-lao-cai-trien-khai-thuc-hien-chi-thi-so-11-ct-tu"  # has every kind of item, appendix rows too


@pytest.fixture(scope="module")
def scorer(repo: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("extract_eval", repo / "bench" / "extract_eval.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["extract_eval"] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def annotated(repo: Path, shared_data: Path) -> tuple[dict[str, Any], Path, list[str]]:
    truth = json.loads((repo / "tests" / "data" / "annotations" / f"{STEM}.expected.json").read_text(encoding="utf-8"))
    source = shared_data / truth["source"]
    lines = unicodedata.normalize("NFC", source.read_text(encoding="utf-8")).split("\n")
    return truth, source, lines


def perfect(truth: dict[str, Any], lines: list[str], scorer: ModuleType) -> Document:
    """The annotation expressed as a Document, as a flawless extractor would return it."""
    header = truth["header"]
    authority, _, rest = header["signer_position"].partition(" ")
    on_behalf_of, _, position = rest.rpartition(" / ")
    spans = scorer.section_spans(truth["sections"], lines)
    nodes: dict[tuple[str, ...], Section] = {}
    roots: list[Section] = []
    for i, s in enumerate(truth["sections"]):
        text = spans[s["line"]]
        if s["heading"] and text.startswith(s["heading"]):
            text = text[len(s["heading"]):]
        node = Section(id=f"s{i}", number=s["number"], heading=s["heading"], text=text)
        nodes[tuple(s["path"])] = node
        (nodes[tuple(s["path"][:-1])].children if len(s["path"]) > 1 else roots).append(node)
    tasks = [Task(id=f"t{i}", description=t["description"], lead=t["lead"], deadline=t["deadline"])
             for i, t in enumerate(truth["tasks"])]
    rows = [r for a in truth["appendices"] for r in a["rows"]]
    tasks += [Task(id=f"r{i}", description=r["description"], lead=r["lead"], deadline=r["deadline"], origin="appendix")
              for i, r in enumerate(rows) if r["lead"]]
    return Document(
        id="perfect", source={"path": "", "sha256": "", "media_type": "text/plain", "page_count": 1},
        issuer=Issuer(id="issuer", name=header["issuer"]), number=header["number"], doc_type=header["doc_type"],
        place=header["place"], issued_date=dt.date.fromisoformat(header["date"]) if header["date"] else None,
        title=header["title"], signer=Signer(id="signer", name=header["signer_name"], authority=authority,
                                             on_behalf_of=on_behalf_of, position=position),
        legal_bases=[LegalBasis(id=f"b{i}", doc_type=b["doc_type"], number=b["number"],
                                date=dt.date.fromisoformat(b["date"]) if b["date"] else None, text="")
                     for i, b in enumerate(truth["legal_bases"])],
        sections=roots, tasks=tasks,
        appendices=[Appendix(id="a0", rows=[AppendixRow(id=f"row{i}", cells=r["cells"]) for i, r in enumerate(rows)])],
    )


def figures(result: dict[str, Any]) -> dict[str, float]:
    tally = {k: result[k] for k in ("legal_bases", "sections", "tasks", "appendix_rows", "appendix_tasks")}
    out = {f"{k} f1": v.f1 for k, v in tally.items()}
    out["header exact"] = sum(f["exact"] for f in result["header"].values()) / len(result["header"])
    out["section text"] = sum(result["sections"].extra) / len(result["sections"].extra)
    out["task deadlines"] = result["tasks"].agree / result["tasks"].judged if result["tasks"].judged else 0.0
    return out


def test_flawless_prediction_scores_perfectly(scorer: ModuleType, annotated: tuple) -> None:
    truth, _, lines = annotated
    got = figures(scorer.score_document(truth, perfect(truth, lines, scorer), lines))
    assert got.pop("section text") > 0.97
    assert got == {k: 1.0 for k in got}


def test_decision_articles_are_not_scored(scorer: ModuleType, annotated: tuple) -> None:
    """Annotations leave out a decision's "Điều N" (FORMAT.md): the same body inside "Điều 1",
    followed by a childless "Điều 2", scores as the body alone."""
    truth, _, lines = annotated
    doc = perfect(truth, lines, scorer)
    doc.sections = [Section(id="d1", number="Điều 1", children=doc.sections), Section(id="d2", number="Điều 2")]
    assert scorer.score_document(truth, doc, lines)["sections"].f1 == 1.0


@pytest.mark.parametrize("damage, metric", [
    ("title", "header exact"),
    ("bases", "legal_bases f1"),
    ("headings", "sections f1"),
    ("section text", "section text"),
    ("leads", "tasks f1"),
    ("deadlines", "task deadlines"),
    ("rows", "appendix_rows f1"),
    ("row leads", "appendix_tasks f1"),
])
def test_damage_lowers_its_metric(scorer: ModuleType, annotated: tuple, damage: str, metric: str) -> None:
    truth, _, lines = annotated
    doc = perfect(truth, lines, scorer)
    body = [t for t in doc.tasks if t.origin == "body"]
    if damage == "title":
        doc.title = "Kế hoạch khác hẳn"
    elif damage == "bases":
        doc.legal_bases = []
    elif damage == "headings":
        for _, node in scorer.flatten(doc.sections)[::2]:
            node.heading = "Nội dung không liên quan" if node.heading else "Tiêu đề thừa"
    elif damage == "section text":
        for _, node in scorer.flatten(doc.sections):
            node.text = node.text[: len(node.text) // 3]
    elif damage == "leads":
        for task in body[::2]:
            task.lead = ["Sở Ngoại vụ"]
    elif damage == "deadlines":
        for task in body:
            task.deadline = "1999" if task.deadline else "2026-Q1"
    elif damage == "rows":
        doc.appendices[0].rows = doc.appendices[0].rows[::2]
    elif damage == "row leads":
        for task in doc.tasks:
            if task.origin == "appendix":
                task.lead = ["Sở Ngoại vụ"]
    before = figures(scorer.score_document(truth, perfect(truth, lines, scorer), lines))
    after = figures(scorer.score_document(truth, doc, lines))
    assert after[metric] < before[metric]
    # a node or task that no longer matches also takes its text similarity / deadline out of the figures
    follows = {"headings": "section text", "leads": "task deadlines"}.get(damage)
    untouched = {k for k in before if k not in (metric, follows)}
    assert {k: after[k] for k in untouched} == pytest.approx({k: before[k] for k in untouched})


def test_real_extraction_of_the_text_is_scored(scorer: ModuleType, annotated: tuple) -> None:
    truth, source, lines = annotated
    result = scorer.score_document(truth, kehoach.process(source), lines)
    assert set(result["header"]) == set(scorer.FIELDS)
    for key in ("legal_bases", "sections", "tasks", "tasks_desc_only", "appendix_rows", "appendix_tasks"):
        tally = result[key]
        assert tally.expected == sum(1 for _ in tally_items(truth, key))
        assert 0.0 <= tally.f1 <= 1.0
        assert tally.tp <= min(tally.predicted, tally.expected)
    assert all(0.0 <= s <= 1.0 for s in result["sections"].extra)
    assert result["tasks_desc_only"].tp >= result["tasks"].tp  # dropping the lead condition never matches fewer


def tally_items(truth: dict[str, Any], key: str) -> list[Any]:
    rows = [r for a in truth["appendices"] for r in a["rows"]]
    return {"legal_bases": truth["legal_bases"], "sections": truth["sections"], "tasks": truth["tasks"],
            "tasks_desc_only": truth["tasks"], "appendix_rows": rows,
            "appendix_tasks": [r for r in rows if r["lead"] and r["description"]]}[key]


ANNOTATION_FILES = sorted((Path(__file__).parent / "data").glob("annotations*/*.expected.json"))


@pytest.mark.parametrize("path", ANNOTATION_FILES, ids=lambda p: f"{p.parent.name}/{p.name[:12]}")
def test_every_annotation_is_consistent(path: Path, shared_data: Path) -> None:
    """Each hand annotation (tuning, check and fresh sets) names an existing source, points at
    lines inside it, nests every section under an annotated parent, and uses ISO dates."""
    truth = json.loads(path.read_text(encoding="utf-8"))
    lines = (shared_data / truth["source"]).read_text(encoding="utf-8").split("\n")
    items = [*truth["sections"], *truth["tasks"], *(r for a in truth["appendices"] for r in a["rows"])]
    assert all(1 <= item["line"] <= len(lines) for item in items)
    paths = {tuple(s["path"]) for s in truth["sections"]}
    assert all(tuple(s["path"][:-1]) in paths for s in truth["sections"] if len(s["path"]) > 1)
    assert all(s["path"][-1] == s["number"] for s in truth["sections"])
    for task in [*truth["tasks"], *(r for a in truth["appendices"] for r in a["rows"])]:
        assert task["deadline"] is None or re.fullmatch(r"\d{4}(-Q[1-4]|-\d{2}(-\d{2})?)?", task["deadline"])
    if truth["header"]["date"]:
        dt.date.fromisoformat(truth["header"]["date"])


def test_exact_header_match_ignores_only_tone_placement(scorer: ModuleType) -> None:
    """'UỶ BAN' as printed and the normaliser's 'ỦY BAN' are the same letters; a lost mark is not."""
    assert scorer.squash("UỶ BAN NHÂN DÂN  TỈNH") == scorer.squash("ỦY BAN NHÂN DÂN TỈNH")
    assert scorer.squash("UỶ BAN") != scorer.squash("UY BAN")

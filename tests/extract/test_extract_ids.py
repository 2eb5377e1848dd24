"""Item ids are stable: the same file gives the same ids, and an item's id follows its
place in the structure, not a counter that an unrelated earlier item would shift."""

from __future__ import annotations

import copy
import unicodedata

from kehoach.extract import extract
from kehoach.ingest import read_document
from kehoach.ingest.types import Line, Word


def all_ids(doc):
    def sections(items):
        for s in items:
            yield s.id
            yield from sections(s.children)

    ids = [*sections(doc.sections), *(r.id for r in doc.recipients), *(d.id for d in doc.digital_signatures)]
    ids += [f.id for f in doc.field_sources.values()]
    ids += [item.id for item in (doc.issuer, doc.signer) if item is not None]
    return ids


def read(path):
    ingested = read_document(path)
    for line in ingested.lines():
        line.text = unicodedata.normalize("NFC", line.text)
    return ingested


def test_extracting_twice_gives_the_same_ids(dev_plan):
    path = dev_plan("014_")
    first, second = extract(read(path)), extract(read(path))
    assert all_ids(first) == all_ids(second)
    assert len(set(all_ids(first))) == len(all_ids(first)) > 50


def test_ids_ignore_unrelated_earlier_items(seed):
    original = read(seed)
    edited = copy.deepcopy(original)
    lines = edited.pages[0].lines
    at = next(i for i, ln in enumerate(lines) if ln.text.startswith("2. Yéu ciu"))
    extra = "Một đoạn văn thêm vào, không đánh số."  # an unnumbered paragraph after I.1's last '-' item
    lines.insert(at, Line(text=extra, number=0, words=[Word(w) for w in extra.split()]))
    at = next(i for i, ln in enumerate(lines) if ln.text.startswith("- Chu tich, cac PCT"))
    lines.insert(at, Line(text="- Sở Tư pháp;", number=0, words=[Word("-"), Word("Sở"), Word("Tư"), Word("pháp;")]))
    for number, line in enumerate(edited.lines(), start=1):
        line.number = number

    before, after = extract(original), extract(edited)
    assert len(after.recipients) == len(before.recipients) + 1
    assert extra in after.sections[0].children[0].children[-1].text
    assert [s.id for s in after.sections] == [s.id for s in before.sections]
    assert [s.id for s in after.sections[2].children[0].children] == [s.id for s in before.sections[2].children[0].children]
    assert after.signer.id == before.signer.id
    assert [d.id for d in after.digital_signatures] == [d.id for d in before.digital_signatures]
    assert after.recipients[0].id == before.recipients[0].id

"""Extraction behind the normaliser, as ``kehoach.pipeline.process`` runs it: the fields
that do not depend on how well diacritics are restored must come out the same."""

from __future__ import annotations

import datetime as dt

from kehoach.models.doc_types import fold
from kehoach.pipeline import process


def test_pipeline_on_the_garbled_seed(seed):
    doc = process(seed)
    assert (doc.number, doc.doc_type, doc.doc_type_code) == ("32/KH-UBND", "Kế hoạch", "KH")
    assert doc.issued_date == dt.date(2023, 2, 9)
    assert [s.number for s in doc.sections] == ["I", "II", "III"]
    assert doc.signer is not None and doc.signer.authority == "TM."
    assert fold(doc.signer.position or "") == "chu tich"
    assert len(doc.recipients) == 9
    assert doc.digital_signatures[0].signed_at == dt.datetime(2023, 2, 9, 15, 54, 32,
                                                              tzinfo=dt.timezone(dt.timedelta(hours=7)))
    assert "header field not found: number" not in doc.review_flags


def test_pipeline_on_correct_text_matches_plain_extraction(dev_plan, extract_file):
    path = dev_plan("014_")
    piped, plain = process(path), extract_file(path)
    fields = ("number", "issued_date", "place", "doc_type", "title", "issuer", "signer", "recipients", "sections")
    assert {f: getattr(piped, f) for f in fields} == {f: getattr(plain, f) for f in fields}

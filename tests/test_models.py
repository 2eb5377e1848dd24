import json

import jsonschema

from kehoach.models import ADMIN_TYPES, Document, json_schema, json_schema_text
from kehoach.models.doc_types import code_for_type, type_for_code


def test_committed_schema_is_current(repo):
    committed = (repo / "schema" / "document.schema.json").read_text(encoding="utf-8")
    assert committed == json_schema_text(), "schema/ is stale: run `kehoach schema > schema/document.schema.json`"


def test_schema_is_valid_json_schema():
    jsonschema.Draft202012Validator.check_schema(json_schema())


def test_decree_30_has_27_abbreviations_and_lookups_forgive_ocr_forms():
    assert len(ADMIN_TYPES) == 27
    assert len(set(ADMIN_TYPES.values())) == 27
    assert type_for_code("KH") == "Kế hoạch"
    assert type_for_code("QD") == "Quyết định"  # Đ read as D
    assert code_for_type("KẾ HOẠCH") == "KH"
    assert code_for_type("Công văn") is None


def test_unknown_fields_are_refused(repo):
    doc = json.loads((repo / "schema" / "document.schema.json").read_text())
    assert doc["additionalProperties"] is False
    try:
        Document.model_validate({"id": "x", "source": {"path": "a", "sha256": "b", "media_type": "c",
                                                        "page_count": 0}, "nmber": "1/KH"})
    except Exception as exc:
        assert "nmber" in str(exc)
    else:
        raise AssertionError("a misspelled field was accepted")

"""The typed document model (pydantic v2) and its JSON Schema."""

from __future__ import annotations

import json

from .base import BBox, Item, Provenance
from .doc_types import ADMIN_TYPES, LEGAL_TYPES, code_for_type, type_for_code
from .document import (
    SCHEMA_NAME,
    SCHEMA_VERSION,
    Appendix,
    AppendixRow,
    DigitalSignature,
    Document,
    FieldSource,
    Issuer,
    LegalBasis,
    Normalization,
    PageInfo,
    ProcessingError,
    Recipient,
    RestoredToken,
    Section,
    Signer,
    Source,
    Task,
)


def json_schema() -> dict:
    """The JSON Schema of :class:`Document`, as committed under ``schema/``."""
    schema = Document.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schema


def json_schema_text() -> str:
    """The schema as the text committed in ``schema/document.schema.json``."""
    return json.dumps(json_schema(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


__all__ = [
    "ADMIN_TYPES", "LEGAL_TYPES", "SCHEMA_NAME", "SCHEMA_VERSION", "Appendix", "AppendixRow",
    "BBox", "DigitalSignature", "Document", "FieldSource", "Issuer", "Item", "LegalBasis",
    "Normalization", "PageInfo", "ProcessingError", "Provenance", "Recipient", "RestoredToken", "Section",
    "Signer", "Source", "Task", "code_for_type", "json_schema", "json_schema_text", "type_for_code",
]

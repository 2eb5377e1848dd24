"""Stable item ids and provenance built from the lines an item was read from."""

from __future__ import annotations

import hashlib

from ..ingest.types import Line
from ..models import BBox, Provenance


def make_id(sha256: str, kind: str, *key: object) -> str:
    """``kind-<12 hex>`` from the file hash, the item kind and its structural key.

    The key is the item's position in the structure (e.g. the path of section numbers and
    sibling indices), never a timestamp or a counter shared across documents, so the same
    file processed again yields the same ids and reviewers' corrections find their items.
    """
    payload = "|".join([sha256, kind, *map(str, key)]).encode()
    return f"{kind}-{hashlib.blake2b(payload, digest_size=6).hexdigest()}"


def provenance_of(lines: list[Line], certainty: float = 1.0) -> Provenance:
    """Provenance of an item spanning ``lines``: the first line's page, the union of the
    boxes on that page, the line span and the mean confidence times ``certainty``."""
    if not lines:
        return Provenance()
    page = lines[0].page
    boxes = [b for ln in lines if ln.page == page and (b := ln.bbox) is not None]
    confidence = sum(ln.confidence for ln in lines) / len(lines) * certainty
    return Provenance(
        page=page,
        bbox=BBox.union(boxes),
        line_span=(lines[0].number, lines[-1].number),
        confidence=round(min(max(confidence, 0.0), 1.0), 4),
    )

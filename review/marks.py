"""What the reviewer's eye is drawn to: flagged items, uncertain words, source boxes on the page."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..models.doc_types import fold
from .items import HEADER, iter_items
from .overlay import STATUS_LABELS, Overlaid

LOW_ITEM_CONFIDENCE = 0.8  # items read with less certainty than this are flagged


def tokens_in(doc: dict[str, Any], span: list[int] | None) -> list[dict[str, Any]]:
    """Restored words of low confidence on the lines of ``span``."""
    if not span or not doc.get("normalization"):
        return []
    first, last = span
    return [t for t in doc["normalization"]["low_confidence"] if first <= t["line"] <= last]


def header_spans(doc: dict[str, Any]) -> list[list[int]]:
    return [fs["provenance"]["line_span"] for fs in doc.get("field_sources", {}).values()
            if fs["provenance"].get("line_span")]


def flagged_items(view: Overlaid) -> dict[str, list[str]]:
    """Item id → why a reviewer should look at it (Vietnamese), in reading order."""
    doc = view.doc
    flags: dict[str, list[str]] = {}
    for loc in iter_items(doc):
        reasons = []
        if loc.kind == HEADER:
            missing = [n for n in ("number", "issued_date", "doc_type", "title") if doc.get(n) is None]
            if missing:
                reasons.append("thiếu trường: " + ", ".join(missing))
            tokens = [t for span in header_spans(doc) for t in tokens_in(doc, span)]
        else:
            prov = loc.item.get("provenance") or {}
            confidence = prov.get("confidence")
            if confidence is not None and confidence < LOW_ITEM_CONFIDENCE:
                reasons.append(f"độ tin cậy thấp {confidence:.0%}")
            tokens = tokens_in(doc, prov.get("line_span"))
        if tokens:
            reasons.append(f"{len(tokens)} từ khôi phục chưa chắc chắn")
        if reasons:
            flags[loc.item["id"]] = reasons
    for stale in view.stale:
        flags.setdefault(stale.entry.item_id, []).append("sửa đổi cần xem lại")
    return flags


def confidence(doc: dict[str, Any]) -> float | None:
    """Mean provenance confidence of the document's items (None when nothing carries one)."""
    values = [loc.item["provenance"]["confidence"] for loc in iter_items(doc)
              if loc.kind != HEADER and (loc.item.get("provenance") or {}).get("confidence") is not None]
    return sum(values) / len(values) if values else None


def box_percent(bbox: dict[str, Any] | None, page: dict[str, Any] | None) -> tuple[float, float, float, float] | None:
    """A provenance box as (left, top, width, height) in percent of the page, whatever the
    units: points for text layers, pixels at a stated dpi for OCR'd pages."""
    if not bbox or not page or not page.get("width") or not page.get("height"):
        return None

    def inches(value: float, unit: str | None, dpi: int | None) -> float:
        return value / 72 if unit == "pt" else value / (dpi or 300)

    w = inches(page["width"], page.get("unit"), page.get("dpi"))
    h = inches(page["height"], page.get("unit"), page.get("dpi"))
    x0, x1 = (inches(bbox[k], bbox["unit"], bbox.get("dpi")) for k in ("x0", "x1"))
    y0, y1 = (inches(bbox[k], bbox["unit"], bbox.get("dpi")) for k in ("y0", "y1"))
    return (round(100 * x0 / w, 2), round(100 * y0 / h, 2), round(100 * (x1 - x0) / w, 2), round(100 * (y1 - y0) / h, 2))


@dataclass
class QueueRow:
    doc_id: str
    output: str
    number: str | None
    title: str | None
    issuer: str | None
    date: str | None
    confidence: float | None
    flagged: int
    stale: int
    status: str

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def search_key(self) -> str:
        return fold(" ".join(filter(None, (self.number, self.title, self.issuer, self.output)))).lower()

    def need(self) -> tuple:
        """Sort key: approved last; then stale corrections, flagged items, low confidence first."""
        return (self.status == "approved", -self.stale, -self.flagged,
                self.confidence if self.confidence is not None else 1.0, self.output)


def queue_row(view: Overlaid, output: str) -> QueueRow:
    doc = view.doc
    return QueueRow(doc["id"], output, doc.get("number"), doc.get("title"),
                    (doc.get("issuer") or {}).get("name"), doc.get("issued_date"), confidence(doc),
                    len(flagged_items(view)), len(view.stale), view.status)

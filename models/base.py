"""Shared building blocks: provenance, boxes and the base of every extracted item.

Reviewers' corrections are keyed on ``Item.id``; the review app highlights
``Item.provenance.bbox`` on the page image. Both must therefore be present and stable.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class Strict(BaseModel):
    """Base for all models: unknown keys are an error, so a typo never passes silently."""

    model_config = ConfigDict(extra="forbid")


class BBox(Strict):
    """A rectangle on a page, origin at the top-left corner, y growing downwards."""

    x0: float
    y0: float
    x1: float
    y1: float
    unit: Literal["pt", "px"] = Field(
        description="'pt': PDF points (1/72 inch) of the PDF page; 'px': pixels of the image "
        "that was OCR'd, at the resolution given by `dpi`."
    )
    dpi: int | None = Field(
        default=None, description="Resolution of the OCR'd image when unit is 'px'."
    )

    def holds_centre_of(self, other: BBox) -> bool:
        """``other``'s centre lies in this box (same unit; left and top edges in, right and
        bottom out): which table cell a word, or which ruled table a line, belongs to."""
        x, y = (other.x0 + other.x1) / 2, (other.y0 + other.y1) / 2
        return self.unit == other.unit and self.x0 <= x < self.x1 and self.y0 <= y < self.y1

    @staticmethod
    def union(boxes: list[BBox]) -> BBox | None:
        """The smallest box holding all ``boxes`` (which must share unit and dpi)."""
        if not boxes:
            return None
        first = boxes[0]
        return BBox(
            x0=min(b.x0 for b in boxes),
            y0=min(b.y0 for b in boxes),
            x1=max(b.x1 for b in boxes),
            y1=max(b.y1 for b in boxes),
            unit=first.unit,
            dpi=first.dpi,
        )


class Provenance(Strict):
    """Where an item came from, so a reviewer can find it on the page."""

    page: int | None = Field(
        default=None, description="1-based page number; null for plain-text inputs."
    )
    bbox: BBox | None = Field(
        default=None, description="Union of the item's word boxes on `page`; null without boxes."
    )
    line_span: tuple[int, int] | None = Field(
        default=None,
        description="First and last line (1-based, inclusive) of the item in the document's "
        "text as `kehoach ocr --raw` prints it, counting lines across pages without the form feeds.",
    )
    confidence: float | None = Field(
        default=None,
        ge=0.0,
        le=1.0,
        description="0–1: mean OCR word confidence of the item's words (1.0 for a good text "
        "layer or a text file), times the extractor's own certainty where it has one.",
    )


class Item(Strict):
    """Base of every extracted item: a stable id plus provenance."""

    id: str = Field(
        description="Stable identifier: the same item of the same file gets the same id on every "
        "run. Derived from the file's sha256, the item kind and its structural position."
    )
    provenance: Provenance = Field(default_factory=Provenance)

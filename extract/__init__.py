"""Structure extraction: from read lines to the typed :class:`~kehoach.models.Document`."""

from __future__ import annotations

from ..ingest.types import IngestedDocument
from ..models import Document
from .ids import make_id


def extract(ingested: IngestedDocument) -> Document:
    """Build the document from ``ingested``; fields not found stay null."""
    sha = ingested.source.sha256
    return Document(id=make_id(sha, "doc"), source=ingested.source, errors=list(ingested.errors))


__all__ = ["extract"]

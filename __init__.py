"""kehoach: Vietnamese government plan documents into clean, typed, reviewable data.

The front door::

    import kehoach
    doc = kehoach.process("plan.pdf")        # -> kehoach.Document
    kehoach.normalize_text("Tuyên truyền")   # -> normalised Vietnamese
"""

from __future__ import annotations

from .models import Document, json_schema
from .normalize import normalize_text
from .pipeline import ProcessOptions, process

__version__ = "0.1.0"

__all__ = ["Document", "ProcessOptions", "__version__", "json_schema", "normalize_text", "process"]

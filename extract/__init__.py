"""Structure extraction: from read lines to the typed :class:`~kehoach.models.Document`.

The line stream is cleaned (:mod:`.cleanup`), cut into zones (:mod:`.layout`: header,
body, closing, rest), and each stage in :data:`STAGES` fills its part of the document from
those zones. Later extractors (legal bases from ``layout.preamble``, tasks from the
sections, appendix tables from ``layout.rest``) are added to :data:`STAGES` without
touching the others.
"""

from __future__ import annotations

from collections.abc import Callable

from ..ingest.types import IngestedDocument, Line
from ..models import Document
from .appendix import build_appendices
from .appendix_tasks import appendix_tasks
from .header_fields import apply_header
from .ids import make_id
from .layout import Context, build_context
from .lines import join_text
from .legal_bases import build_legal_bases
from .recipients import build_recipients
from .ranks import writes_upward
from .sections import addressees, build_sections, unnumbered_body
from .signature import build_signer
from .tasks import build_tasks, letter_tasks, named_as_addressed, requests
from .stamps import build_stamp

Stage = Callable[[Document, Context], None]


def header_stage(doc: Document, ctx: Context) -> None:
    apply_header(doc, ctx.layout.header, ctx.layout.preamble + ctx.layout.numbered)


def sections_stage(doc: Document, ctx: Context) -> None:
    doc.sections = build_sections(doc.source.sha256, ctx.layout.numbered)
    doc.sections += build_sections(doc.source.sha256, ctx.layout.attached, first=len(doc.sections))


def closing_stage(doc: Document, ctx: Context) -> None:
    """A closing found without a signer's name is flagged: on scans the name is most often
    under a red seal that OCR does not read, and a reviewer can read it off the page."""
    closing = ctx.layout.closing
    layout = ctx.layout
    context = layout.preamble + layout.numbered + closing.recipients + layout.rest
    doc.signer = build_signer(doc.source.sha256, closing.signature, context)
    doc.recipients = build_recipients(doc.source.sha256, closing.recipients)
    if (doc.recipients or doc.signer) and (doc.signer is None or doc.signer.name is None):
        doc.review_flags.append("signature: closing found but no signer's name read (under a seal?)")


def stamps_stage(doc: Document, ctx: Context) -> None:
    """Stamps keyed by page and their order on it, so a stamp on page 3 keeps its id when
    one is added on page 1."""
    seen: dict[int | None, int] = {}
    for lines in ctx.stamps:
        page = lines[0].page
        doc.digital_signatures.append(build_stamp(doc.source.sha256, lines, (page, seen.get(page, 0))))
        seen[page] = seen.get(page, 0) + 1


def legal_bases_stage(doc: Document, ctx: Context) -> None:
    doc.legal_bases = build_legal_bases(doc.source.sha256, ctx.layout.preamble)


def tasks_stage(doc: Document, ctx: Context) -> None:
    """After the header and sections stages: tasks are read off ``doc.sections`` of a Kế hoạch
    (and of the directives that charge agencies the same way, see :mod:`.tasks`), or off the
    paragraphs of a letter that numbers none; a letter to a superior (see :mod:`.ranks`) gives none."""
    sender = doc.issuer.name if doc.issuer else None
    addressed = addressees(ctx.layout.preamble)
    if doc.doc_type == "Công văn" and writes_upward(sender, addressed):
        doc.tasks = []  # a proposal to a superior ('… trân trọng đề nghị Bộ Xây dựng …') charges nobody
    elif not doc.sections and (body := unnumbered_body(doc.source.sha256, ctx.layout.preamble)) is not None:
        doc.tasks = letter_tasks(doc.source.sha256, doc.doc_type, body, sender)
    else:
        doc.tasks = build_tasks(doc.source.sha256, doc.doc_type, doc.sections, doc.title, _opening(ctx.layout.preamble))
        if doc.doc_type == "Công văn":
            doc.tasks = requests(doc.tasks, sender)
    named_as_addressed(doc.tasks, addressed)


def _opening(preamble: list[Line]) -> str:
    """The preamble's last paragraph: its printed lines back to the one that ends a sentence."""
    if not preamble:
        return ""
    start = len(preamble) - 1
    while start > 0 and not preamble[start - 1].text.rstrip().endswith((".", ";", ":")):
        start -= 1
    return join_text(preamble[start:])


def appendix_stage(doc: Document, ctx: Context) -> None:
    """After tasks_stage: the rows of Phụ lục task tables are appended to the body's tasks.
    A Phụ lục that looks tabular but could not be read as rows is flagged for a reviewer, not
    counted as a failure: nothing broke, and nothing is invented."""
    doc.appendices, unread = build_appendices(doc.source.sha256, ctx.lines, ctx.tables)
    doc.review_flags += [f"page {e.page}: {e.message}" if e.page else e.message for e in unread]
    doc.tasks += [task for appendix in doc.appendices for task in appendix_tasks(doc.source.sha256, appendix)]


STAGES: list[Stage] = [header_stage, sections_stage, closing_stage, stamps_stage, legal_bases_stage, tasks_stage,
                       appendix_stage]


def extract(ingested: IngestedDocument) -> Document:
    """Build the document from ``ingested``; fields not found stay null."""
    sha = ingested.source.sha256
    doc = Document(id=make_id(sha, "doc"), source=ingested.source, errors=list(ingested.errors))
    ctx = build_context(ingested)
    for stage in STAGES:
        stage(doc, ctx)
    return doc


__all__ = ["STAGES", "Context", "extract"]

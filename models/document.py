"""The typed document: an administrative document as Nghị định 30/2020/NĐ-CP defines it.

Field names are an interface: downstream systems read them. Where the decree's Phụ lục VI
(the metadata of documents sent, "thông tin đầu vào của dữ liệu quản lý văn bản đi") names
the field, its description gives that name.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field

from .base import Item, Provenance, Strict

SCHEMA_NAME = "kehoach.document"
SCHEMA_VERSION = "1.0"


class PageInfo(Strict):
    """How one page's text was obtained."""

    number: int = Field(description="1-based page number.")
    method: Literal["text_layer", "ocr", "text"] = Field(
        description="'text_layer': words from the PDF's own text; 'ocr': Tesseract on the "
        "rendered or scanned image; 'text': a plain-text input (one pseudo-page)."
    )
    reason: str = Field(description="Why this method was chosen for this page.")
    ocr_engine: str | None = Field(default=None, description="e.g. 'tesseract 5.3.0 (vie, psm 3)'.")
    ocr_mean_confidence: float | None = Field(
        default=None, ge=0, le=100, description="Mean Tesseract word confidence (0–100)."
    )
    text_layer_score: float | None = Field(
        default=None,
        description="Share (0–1) of the text layer's words that look like real Vietnamese; "
        "null when the page has no text layer.",
    )
    width: float | None = None
    height: float | None = None
    unit: Literal["pt", "px"] | None = None
    dpi: int | None = None
    skew_degrees: float | None = Field(
        default=None, description="Skew measured and corrected before OCR."
    )
    preprocessing: list[str] = Field(
        default_factory=list, description="Image steps applied before OCR (deskew, denoise, Sauvola)."
    )
    word_count: int = 0


class Source(Strict):
    """The input file."""

    path: str
    sha256: str
    media_type: str = Field(description="Detected from content, e.g. 'application/pdf'.")
    page_count: int
    pages: list[PageInfo] = Field(default_factory=list)


class Issuer(Item):
    """Cơ quan ban hành and its cơ quan chủ quản (Phụ lục VI: 'Tên cơ quan, tổ chức ban hành')."""

    name: str | None = Field(default=None, description="Cơ quan ban hành, e.g. 'UỶ BAN NHÂN DÂN TỈNH BẮC NINH'.")
    parent: str | None = Field(default=None, description="Cơ quan chủ quản, when printed above it.")
    lines: list[str] = Field(
        default_factory=list,
        description="The block as printed, one entry a printed line, a line that wraps joined to the one it "
        "continues: ['UBND TỈNH LÀO CAI', 'SỞ CÔNG THƯƠNG'], ['ỦY BAN NHÂN DÂN', 'TỈNH LÀO CAI'].")


class LegalBasis(Item):
    """A document cited as a basis ('Căn cứ …', 'Thực hiện …')."""

    doc_type: str | None = None
    number: str | None = None
    date: dt.date | None = None
    issuer: str | None = None
    text: str = Field(description="The citation as printed.")


class Section(Item):
    """A numbered part of the body: I. / 1. / a) / - / +, with its children."""

    number: str = Field(description="As printed, without the trailing dot or parenthesis: 'I', '1', '1.2', 'a', '-', '+'.")
    heading: str | None = Field(default=None, description="The heading text on the numbered line, when it is a heading.")
    text: str = Field(default="", description="Body text of this node (paragraphs joined across line breaks).")
    children: list[Section] = Field(default_factory=list)


class Task(Item):
    """An assignment: who does what, by when."""

    description: str
    lead: list[str] = Field(default_factory=list, description="Agencies in charge ('chủ trì').")
    coordinating: list[str] = Field(default_factory=list, description="Agencies that assist ('phối hợp').")
    lead_canonical: list[str] = Field(
        default_factory=list,
        description="Canonical names of ``lead``, one each in order ('UBND tỉnh' → 'Ủy ban nhân dân tỉnh').")
    coordinating_canonical: list[str] = Field(
        default_factory=list, description="Canonical names of ``coordinating``, one each in order.")
    deadline: str | None = Field(default=None, description="ISO date, or an ISO period such as '2023-Q2'.")
    frequency: str | None = Field(default=None, description="e.g. 'hằng năm', 'thường xuyên'.")
    timeframe: str | None = Field(default=None, description="The timing as printed.")
    section_ref: str | None = Field(default=None, description="id of the section the task comes from.")
    origin: Literal["body", "appendix"] = "body"


class AppendixRow(Item):
    """One row of a Phụ lục table: a cell per column ('' where nothing is printed); a cell that
    spans rows (a merged 'Cơ quan chủ trì') is repeated in every row it covers."""

    cells: list[str]
    group: bool = Field(default=False, description="A group heading ('I | Hoàn thiện thể chế'), not an entry.")


class Appendix(Item):
    """A Phụ lục table."""

    title: str | None = None
    columns: list[str] = Field(default_factory=list)
    rows: list[AppendixRow] = Field(default_factory=list)


class Signer(Item):
    """The signature block (Phụ lục VI: 'Chức vụ, họ tên người ký')."""

    name: str | None = None
    position: str | None = Field(default=None, description="e.g. 'CHỦ TỊCH', 'PHÓ GIÁM ĐỐC'.")
    authority: Literal["TM.", "KT.", "TL.", "TUQ."] | None = Field(
        default=None, description="Thẩm quyền ký: thay mặt, ký thay, thừa lệnh, thừa ủy quyền."
    )
    on_behalf_of: str | None = Field(default=None, description="The body or post after the authority, e.g. 'ỦY BAN NHÂN DÂN'.")


class Recipient(Item):
    """One line of Nơi nhận."""

    name: str
    note: str | None = Field(default=None, description="e.g. 'để b/c', '(t/h)'.")


class DigitalSignature(Item):
    """A digital-signature stamp printed on the page ('Ký bởi: … Ngày ký: …')."""

    signed_by: str | None = None
    signed_at: dt.datetime | None = None
    text: str = Field(default="", description="The stamp as read.")


class FieldSource(Strict):
    """Where a scalar header field (number, date, …) was read, so it can be reviewed like an item."""

    id: str
    printed: str = Field(description="The text as printed, before parsing.")
    provenance: Provenance


class ProcessingError(Strict):
    """A failure of one stage on one page that did not stop the document."""

    stage: str
    message: str
    page: int | None = None


class RestoredToken(Strict):
    """A token whose diacritics the normaliser chose with little certainty."""

    line: int = Field(description="1-based line, as in Provenance.line_span.")
    original: str
    replacement: str
    confidence: float = Field(ge=0, le=1)
    runner_up: str | None = None


class Normalization(Strict):
    """What the normaliser did to the text."""

    applied: bool
    engine: str
    restored: bool = Field(default=False, description=(
        "Whether the restorer ran: accents put back on text that lost them, or the marks OCR slips on "
        "(tones in Tesseract output, vowel marks such as 'CHÁP' for 'CHẤP' in any text) repaired where the "
        "language model is sure."))
    changed_tokens: int = Field(default=0, description="Tokens changed by tone placement or restoration.")
    total_tokens: int = 0
    low_confidence: list[RestoredToken] = Field(
        default_factory=list, description="Restored tokens below the confidence threshold, for review."
    )


class Document(Strict):
    """One administrative document, as read and extracted by kehoach."""

    schema_name: Literal["kehoach.document"] = SCHEMA_NAME
    schema_version: str = SCHEMA_VERSION
    id: str = Field(description="Stable id of the document: derived from its sha256.")
    status: Literal["success", "partial"] = Field(
        default="success", description="'partial' when some page or stage failed (see errors)."
    )
    source: Source
    issuer: Issuer | None = Field(default=None, description="Phụ lục VI: 'Tên cơ quan, tổ chức ban hành văn bản'.")
    national_title: str | None = Field(default=None, description="Quốc hiệu: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'.")
    motto: str | None = Field(default=None, description="Tiêu ngữ: 'Độc lập - Tự do - Hạnh phúc'.")
    number: str | None = Field(default=None, description="Số, ký hiệu as printed and repaired, e.g. '32/KH-UBND' (Phụ lục VI: 'Số, ký hiệu văn bản').")
    code_number: str | None = Field(default=None, description="The số part, e.g. '32' (Phụ lục VI: 'Số của văn bản').")
    code_notation: str | None = Field(default=None, description="The ký hiệu part, e.g. 'KH-UBND' (Phụ lục VI: 'Ký hiệu văn bản').")
    doc_type: str | None = Field(default=None, description="Tên loại văn bản, e.g. 'Kế hoạch' (Phụ lục VI: 'Tên loại văn bản').")
    doc_type_code: str | None = Field(default=None, description="Abbreviation from Phụ lục III, e.g. 'KH'; null for Công văn.")
    place: str | None = Field(default=None, description="Địa danh, e.g. 'Bắc Ninh'.")
    issued_date: dt.date | None = Field(default=None, description="Phụ lục VI: 'Ngày, tháng, năm văn bản'.")
    title: str | None = Field(default=None, description="Trích yếu nội dung (Phụ lục VI: 'Trích yếu nội dung').")
    field_sources: dict[str, FieldSource] = Field(
        default_factory=dict, description="For each scalar header field found, where it was read."
    )
    legal_bases: list[LegalBasis] = Field(default_factory=list)
    sections: list[Section] = Field(default_factory=list)
    tasks: list[Task] = Field(default_factory=list)
    appendices: list[Appendix] = Field(default_factory=list)
    signer: Signer | None = Field(default=None, description="Phụ lục VI: 'Chức vụ, họ tên người ký'.")
    recipients: list[Recipient] = Field(default_factory=list, description="Nơi nhận (Phụ lục VI: 'Nơi nhận').")
    digital_signatures: list[DigitalSignature] = Field(default_factory=list)
    normalization: Normalization | None = None
    review_flags: list[str] = Field(
        default_factory=list,
        description="Why a person should look at this document (low OCR confidence, missing header fields, …).",
    )
    errors: list[ProcessingError] = Field(default_factory=list)
    timings: dict[str, float] = Field(default_factory=dict, description="Seconds spent per stage.")


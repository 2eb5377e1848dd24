"""The reviewable items of a document and their editable fields, in Vietnamese.

Work happens on the document as JSON-like data (``Document.model_dump(mode="json")``), the
form the corrections log stores values in; every edit ends with ``Document.model_validate``
of the whole edited copy, so nothing the pydantic models refuse is ever saved.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import BaseModel, ValidationError

from ..models import Document
from ..models.document import AppendixRow, Issuer, LegalBasis, Recipient, Section, Signer, Task

Kind = Literal["line", "text", "list", "date", "deadline", "choice"]
HEADER = "header"  # the kind of the document's own scalar fields; their item id is the document id


@dataclass(frozen=True)
class FieldSpec:
    name: str
    label: str
    kind: Kind = "line"
    required: bool = False
    choices: tuple[str, ...] = ()
    hint: str = ""
    nullable: bool = True  # an emptied field becomes null (else "")


@dataclass(frozen=True)
class KindSpec:
    label: str
    model: type[BaseModel] | None
    fields: tuple[FieldSpec, ...]
    collection: str | None = None  # where a reviewer can add items of this kind
    deletable: bool = False


DATE_HINT = "ngày/tháng/năm, ví dụ 09/02/2023"
LIST_HINT = "mỗi dòng một cơ quan"

KINDS: dict[str, KindSpec] = {
    HEADER: KindSpec("Thông tin chung", None, (
        FieldSpec("doc_type", "Loại văn bản"),
        FieldSpec("number", "Số, ký hiệu"),
        FieldSpec("code_number", "Số"),
        FieldSpec("code_notation", "Ký hiệu"),
        FieldSpec("place", "Địa danh"),
        FieldSpec("issued_date", "Ngày ban hành", "date", hint=DATE_HINT),
        FieldSpec("title", "Trích yếu", "text"),
    )),
    "issuer": KindSpec("Cơ quan ban hành", Issuer, (
        FieldSpec("name", "Cơ quan ban hành"), FieldSpec("parent", "Cơ quan chủ quản"))),
    "legal_bases": KindSpec("Căn cứ", LegalBasis, (
        FieldSpec("text", "Nguyên văn", "text", required=True),
        FieldSpec("doc_type", "Loại văn bản"), FieldSpec("number", "Số, ký hiệu"),
        FieldSpec("date", "Ngày", "date", hint=DATE_HINT), FieldSpec("issuer", "Cơ quan ban hành"),
    ), collection="legal_bases", deletable=True),
    "sections": KindSpec("Mục", Section, (
        FieldSpec("number", "Số mục", required=True), FieldSpec("heading", "Tiêu đề"),
        FieldSpec("text", "Nội dung", "text", nullable=False))),
    "tasks": KindSpec("Nhiệm vụ", Task, (
        FieldSpec("description", "Nội dung nhiệm vụ", "text", required=True),
        FieldSpec("lead", "Cơ quan chủ trì", "list", required=True, hint=LIST_HINT),
        FieldSpec("coordinating", "Cơ quan phối hợp", "list", hint=LIST_HINT),
        FieldSpec("deadline", "Thời hạn", "deadline", hint="ngày/tháng/năm, hoặc quý như 2023-Q2"),
        FieldSpec("frequency", "Tần suất"), FieldSpec("timeframe", "Thời gian (nguyên văn)"),
    ), collection="tasks", deletable=True),
    "rows": KindSpec("Dòng phụ lục", AppendixRow, (
        FieldSpec("cells", "Các ô", "list", required=True, hint="mỗi dòng một ô"),), collection="rows", deletable=True),
    "signer": KindSpec("Người ký", Signer, (
        FieldSpec("authority", "Thẩm quyền ký", "choice", choices=("", "TM.", "KT.", "TL.", "TUQ.")),
        FieldSpec("on_behalf_of", "Thay mặt / ký thay cho"), FieldSpec("position", "Chức vụ"),
        FieldSpec("name", "Họ tên"))),
    "recipients": KindSpec("Nơi nhận", Recipient, (
        FieldSpec("name", "Nơi nhận", required=True), FieldSpec("note", "Ghi chú")),
        collection="recipients", deletable=True),
}
# Shown but not edited: appendix titles and columns (their rows are), digital-signature stamps.
ID_PREFIX = {"legal_bases": "basis", "tasks": "task", "rows": "row", "recipients": "recipient"}


@dataclass
class Located:
    """An item found in the document data: the dict itself, its kind and where it sits."""

    item: dict[str, Any]
    kind: str
    container: list[dict[str, Any]] | None = None  # the list holding it, for delete
    depth: int = 0


def iter_items(doc: dict[str, Any]) -> Iterator[Located]:
    """Every reviewable item in reading order: header, issuer, bases, sections (depth first),
    tasks, appendix rows, signer, recipients."""
    yield Located(doc, HEADER)
    if doc.get("issuer"):
        yield Located(doc["issuer"], "issuer")
    for item in doc.get("legal_bases", []):
        yield Located(item, "legal_bases", doc["legal_bases"])

    def sections(items: list[dict[str, Any]], depth: int) -> Iterator[Located]:
        for s in items:
            yield Located(s, "sections", items, depth)
            yield from sections(s.get("children", []), depth + 1)

    yield from sections(doc.get("sections", []), 0)
    for item in doc.get("tasks", []):
        yield Located(item, "tasks", doc["tasks"])
    for appendix in doc.get("appendices", []):
        for row in appendix.get("rows", []):
            yield Located(row, "rows", appendix["rows"])
    if doc.get("signer"):
        yield Located(doc["signer"], "signer")
    for item in doc.get("recipients", []):
        yield Located(item, "recipients", doc["recipients"])


def find(doc: dict[str, Any], item_id: str) -> Located | None:
    return next((loc for loc in iter_items(doc) if loc.item.get("id") == item_id), None)


def collection_of(doc: dict[str, Any], collection: str, parent: str | None) -> list[dict[str, Any]] | None:
    """The list new items of ``collection`` go into (appendix rows: the appendix ``parent``)."""
    if collection == "rows":
        appendix = next((a for a in doc.get("appendices", []) if a.get("id") == parent), None)
        return None if appendix is None else appendix["rows"]
    return doc.get(collection) if collection in ID_PREFIX else None


# --- form values → JSON values, with Vietnamese messages ---------------------------------------

_DMY = re.compile(r"^\s*(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})\s*$")
_ISO = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")


class FieldError(ValueError):
    """A value refused, with the message shown beside the field."""


def _date(text: str) -> str | None:
    """A date as typed (dd/mm/yyyy or yyyy-mm-dd) → ISO; an impossible date is refused."""
    text = text.strip()
    if not text:
        return None
    m = _DMY.match(text)
    if m:
        day, month, year = (int(g) for g in m.groups())
    elif m := _ISO.match(text):
        year, month, day = (int(g) for g in m.groups())
    else:
        raise FieldError(f"«{text}» không phải là ngày; ghi theo dạng {DATE_HINT}.")
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        raise FieldError(f"Ngày {day:02d}/{month:02d}/{year} không tồn tại.") from None


_PERIOD = re.compile(r"^\d{4}(-Q[1-4]|-\d{2}|-H[12])?$")


def _deadline(text: str) -> str | None:
    text = text.strip()
    if not text:
        return None
    if _DMY.match(text) or _ISO.match(text):
        return _date(text)
    if _PERIOD.match(text):
        return text
    raise FieldError(f"«{text}» không phải là thời hạn; ghi ngày/tháng/năm, năm (2025), tháng (2025-06) "
                     "hoặc quý (2025-Q2).")


def parse_value(spec: FieldSpec, raw: str) -> Any:
    """The JSON value of a form input; raises :class:`FieldError` with a Vietnamese message."""
    raw = raw.replace("\r\n", "\n")
    if spec.kind == "list":
        value: Any = [line.strip() for line in raw.split("\n") if line.strip()]
        empty = not value
    elif spec.kind in ("date", "deadline"):
        value = _date(raw) if spec.kind == "date" else _deadline(raw)
        empty = value is None
    else:
        value = " ".join(raw.split()) if spec.kind in ("line", "choice") else raw.strip()
        empty = not value
        if empty:
            value = None if spec.nullable else ""
        if spec.choices and (value or "") not in spec.choices:
            raise FieldError("Chỉ nhận: " + ", ".join(c for c in spec.choices if c) + " (hoặc để trống).")
    if empty and spec.required:
        raise FieldError(f"{spec.label} không được để trống.")
    return value


def display_value(spec: FieldSpec, value: Any) -> str:
    """A JSON value as the form shows it (dates as dd/mm/yyyy, lists one per line)."""
    if value is None:
        return ""
    if spec.kind == "list":
        return "\n".join(value)
    if spec.kind in ("date", "deadline") and isinstance(value, str) and _ISO.match(value):
        year, month, day = value.split("-")
        return f"{day}/{month}/{year}"
    return str(value)


_MESSAGES = {
    "date_from_datetime_parsing": "Ngày không tồn tại hoặc sai dạng; ghi theo dạng " + DATE_HINT + ".",
    "date_parsing": "Ngày không tồn tại hoặc sai dạng; ghi theo dạng " + DATE_HINT + ".",
    "literal_error": "Giá trị không nằm trong danh sách cho phép.",
    "string_type": "Cần một đoạn chữ.",
    "missing": "Thiếu giá trị bắt buộc.",
}


def vietnamese(error: Mapping[str, Any]) -> str:
    """A pydantic error in Vietnamese (the English original kept for the rare unknown kind)."""
    return _MESSAGES.get(error["type"], f"Giá trị không hợp lệ ({error['msg']}).")


@dataclass
class Edit:
    """The outcome of checking a form: the changed values, or messages per field."""

    values: dict[str, Any] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)


def check_edit(doc: dict[str, Any], loc: Located, form: Mapping[str, str]) -> Edit:
    """Parse the form's fields of ``loc`` and validate the item and the whole document with them.

    Returns the fields whose value changed, or, when anything is refused, the messages; the
    document passed in is not modified.
    """
    spec = KINDS[loc.kind]
    edit = Edit()
    for f in spec.fields:
        if f.name not in form:
            continue
        try:
            value = parse_value(f, form[f.name])
        except FieldError as exc:
            edit.errors[f.name] = str(exc)
            continue
        if value != loc.item.get(f.name):
            edit.values[f.name] = value
    if edit.errors or not edit.values:
        return edit
    candidate = {**loc.item, **edit.values}
    try:
        if spec.model is not None:
            spec.model.model_validate(candidate)
        validate_document(replace_item(doc, loc, candidate))
    except ValidationError as exc:
        for err in exc.errors():
            name = next((str(p) for p in reversed(err["loc"]) if str(p) in edit.values), None)
            edit.errors[name or "_"] = vietnamese(err)
    return edit


def replace_item(doc: dict[str, Any], loc: Located, new: dict[str, Any]) -> dict[str, Any]:
    """A copy of ``doc`` with the item at ``loc`` replaced by ``new`` (the header: merged)."""
    import copy

    copied = copy.deepcopy(doc)
    if loc.kind == HEADER:
        copied.update({k: v for k, v in new.items() if k in {f.name for f in KINDS[HEADER].fields}})
        return copied
    target = find(copied, loc.item["id"])
    assert target is not None
    target.item.clear()
    target.item.update(new)
    return copied


def validate_document(doc: dict[str, Any]) -> Document:
    return Document.model_validate(doc)


def new_item(kind: str, item_id: str, values: Mapping[str, Any]) -> dict[str, Any]:
    """A reviewer-added item: the model's defaults plus the form's values, validated."""
    model = KINDS[kind].model
    assert model is not None
    return model.model_validate({"id": item_id, **values}).model_dump(mode="json")

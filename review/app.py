"""The review web app: server-rendered pages (Starlette + Jinja2) over a :class:`ReviewFolder`.

Every write is an HTML form POST carrying a CSRF token and the version of the item it was drawn
from; the answer is a redirect back to the item (303), or the page again with the messages
beside the fields (422: refused values, 409: someone saved the item meanwhile).
"""

from __future__ import annotations

import getpass
import secrets
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

from ..models.doc_types import fold
from .corrections import Conflict
from .folder import NotFound, Reviewed, ReviewFolder
from .items import HEADER, KINDS, FieldSpec, display_value, iter_items
from .marks import box_percent, flagged_items, header_spans, queue_row, tokens_in
from .overlay import STATUS_LABELS
from .pages import PageUnavailable, page_image, source_lines
from .security import BodyTooLarge, Guard, check_bind, is_loopback

HERE = Path(__file__).parent
DATE_FIELD = FieldSpec("date", "Ngày", "date")


def create_app(outdir: str | Path, *, host: str = "127.0.0.1", port: int = 8765, token: str | None = None,
               reviewer: str | None = None) -> Starlette:
    """The ASGI app for one output folder; ``host``/``port`` are where it will be reached."""
    check_bind(host, token)
    folder = ReviewFolder(outdir)
    default_reviewer = reviewer or getpass.getuser()
    prefix = f"kehoach_review_{port}"  # cookies are per host, not per port: keep two servers apart
    csrf_cookie, reviewer_cookie = f"{prefix}_csrf", f"{prefix}_reviewer"
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    templates.env.globals.update(STATUS_LABELS=STATUS_LABELS, KINDS=KINDS, display_value=display_value)
    templates.env.filters["dmy"] = lambda value: display_value(DATE_FIELD, value)

    def reviewer_of(request: Request) -> str:
        return (unquote(request.cookies.get(reviewer_cookie, "")) or default_reviewer)[:80]

    def render(request: Request, name: str, context: dict[str, Any], status: int = 200) -> Response:
        csrf = request.cookies.get(csrf_cookie) or secrets.token_urlsafe(24)
        response = templates.TemplateResponse(
            request, name, {**context, "csrf": csrf, "reviewer": reviewer_of(request)}, status_code=status)
        response.set_cookie(csrf_cookie, csrf, httponly=True, samesite="strict")
        return response

    async def form_of(request: Request) -> dict[str, str]:
        form = await request.form()
        values = {k: v for k, v in form.items() if isinstance(v, str)}
        if not secrets.compare_digest(values.get("csrf", ""), request.cookies.get(csrf_cookie, "-")):
            raise HTTPException(403, "Phiên làm việc hết hạn hoặc yêu cầu không đến từ trang này "
                                     "(mã CSRF không khớp). Tải lại trang rồi thử lại.")
        return values

    def open_doc(doc_id: str) -> Reviewed:
        try:
            return folder.open(doc_id)
        except NotFound:
            raise HTTPException(404, "Không có văn bản này trong thư mục.") from None

    # --- pages -----------------------------------------------------------------------------

    def queue(request: Request) -> Response:
        status = request.query_params.get("status", "")
        query = request.query_params.get("q", "").strip()
        rows = [queue_row(r.view, str(r.path.relative_to(folder.root))) for r in folder.all_reviewed()]
        total = len(rows)
        if status in STATUS_LABELS:
            rows = [r for r in rows if r.status == status]
        if query:
            needle = fold(query).lower()
            rows = [r for r in rows if needle in r.search_key]
        rows.sort(key=lambda r: r.need())
        return render(request, "queue.html", {"rows": rows, "total": total, "status": status, "q": query,
                                              "orphans": folder.orphans()})

    def document_page(request: Request, reviewed: Reviewed, errors: dict[str, dict[str, str]] | None = None,
                      submitted: dict[str, dict[str, str]] | None = None, message: str | None = None,
                      status: int = 200) -> Response:
        doc = reviewed.doc
        pages = doc["source"]["pages"]
        items = []
        versions = folder.log.versions(doc["id"])
        flags = flagged_items(reviewed.view)
        for loc in iter_items(doc):
            prov = _header_provenance(doc) if loc.kind == HEADER else (loc.item.get("provenance") or {})
            page = prov.get("page")
            page_info = next((p for p in pages if p["number"] == page), None)
            field_boxes = {}
            if loc.kind == HEADER:  # each header field has its own source
                for name, fs in doc.get("field_sources", {}).items():
                    fp = fs["provenance"]
                    info = next((p for p in pages if p["number"] == fp.get("page")), None)
                    field_boxes[name] = {"page": fp.get("page"), "box": box_percent(fp.get("bbox"), info),
                                         "span": fp.get("line_span")}
            span = prov.get("line_span")
            tokens = [t for s in header_spans(doc) for t in tokens_in(doc, s)] if loc.kind == HEADER \
                else tokens_in(doc, span)
            items.append({"loc": loc, "spec": KINDS[loc.kind], "page": page, "span": span,
                          "box": box_percent(prov.get("bbox"), page_info), "tokens": tokens,
                          "flags": flags.get(loc.item["id"], []), "version": versions.get(loc.item["id"], 0),
                          "last": reviewed.view.last_change.get(loc.item["id"]), "field_boxes": field_boxes})
        groups: list[dict[str, Any]] = []
        for kind in KINDS:
            if kind == "rows":
                for appendix in doc.get("appendices", []):
                    ids = {r["id"] for r in appendix["rows"]}
                    groups.append({"kind": kind, "label": f"Phụ lục: {appendix.get('title') or ''}", "parent": appendix["id"],
                                   "items": [i for i in items if i["loc"].item["id"] in ids]})
                continue
            members = [i for i in items if i["loc"].kind == kind]
            if members or KINDS[kind].collection:
                groups.append({"kind": kind, "label": KINDS[kind].label, "parent": None, "items": members})
        lines: list[tuple[int, str]] = []
        if doc["source"]["media_type"].startswith("text/"):
            try:
                lines = source_lines(doc, folder.root)
            except PageUnavailable:
                lines = []
        history = folder.log.entries(doc["id"])
        return render(request, "document.html", {
            "doc": doc, "reviewed": reviewed, "groups": groups, "flagged": [i for i in items if i["flags"]], "errors": errors or {}, "submitted": submitted or {},
            "message": message, "lines": lines, "history": history[-50:][::-1], "versions": versions,
            "deleted": {e.seq for e in reviewed.view.applied if e.op == "delete"},
            "appendices": doc.get("appendices", []),
        }, status)

    def document(request: Request) -> Response:
        return document_page(request, open_doc(request.path_params["doc_id"]))

    def page(request: Request) -> Response:
        reviewed = open_doc(request.path_params["doc_id"])
        try:
            path = page_image(reviewed.doc, int(request.path_params["number"]), folder.root,
                              folder.review_dir / "pages")
        except PageUnavailable as exc:
            raise HTTPException(404, str(exc)) from None
        return FileResponse(path, media_type="image/jpeg", headers={"Cache-Control": "private, max-age=3600"})

    def corrected_json(request: Request) -> Response:
        from ..models import Document

        reviewed = open_doc(request.path_params["doc_id"])
        return Response(Document.model_validate(reviewed.doc).model_dump_json(indent=2),
                        media_type="application/json")

    # --- writes ----------------------------------------------------------------------------

    def back(doc_id: str, item_id: str | None = None) -> Response:
        return RedirectResponse(f"/doc/{doc_id}" + (f"#item-{item_id}" if item_id else ""), 303)

    async def save(request: Request) -> Response:
        doc_id, item_id = request.path_params["doc_id"], request.path_params["item_id"]
        form = await form_of(request)
        reviewed = open_doc(doc_id)
        try:
            edit = folder.save(doc_id, item_id, form, _int(form.get("version")), reviewer_of(request))
        except NotFound:
            raise HTTPException(404, "Không có mục này.") from None
        except Conflict as exc:
            return document_page(request, reviewed, {item_id: {"_": str(exc)}}, {item_id: form}, status=409)
        if edit.errors:
            return document_page(request, reviewed, {item_id: edit.errors}, {item_id: form}, status=422)
        return back(doc_id, item_id)

    async def add(request: Request) -> Response:
        doc_id, kind = request.path_params["doc_id"], request.path_params["kind"]
        form = await form_of(request)
        reviewed = open_doc(doc_id)
        try:
            edit = folder.add(doc_id, kind, form, reviewer_of(request), form.get("parent") or None)
        except NotFound:
            raise HTTPException(404, "Không thêm được mục loại này.") from None
        if edit.errors:
            key = f"new-{kind}"
            return document_page(request, reviewed, {key: edit.errors}, {key: form}, status=422)
        return back(doc_id, edit.values["id"])

    async def item_action(request: Request) -> Response:
        doc_id, item_id, action = (request.path_params[k] for k in ("doc_id", "item_id", "action"))
        form = await form_of(request)
        reviewed = open_doc(doc_id)
        try:
            if action == "delete":
                folder.delete(doc_id, item_id, _int(form.get("version")), reviewer_of(request))
                return back(doc_id)
            if action == "undo":
                folder.undo(doc_id, item_id, _int(form.get("version")), reviewer_of(request))
                return back(doc_id, item_id)
        except NotFound:
            raise HTTPException(404, "Không có mục này hoặc không có gì để hoàn tác.") from None
        except Conflict as exc:
            return document_page(request, reviewed, {item_id: {"_": str(exc)}}, status=409)
        raise HTTPException(404)

    async def set_status(request: Request) -> Response:
        doc_id = request.path_params["doc_id"]
        form = await form_of(request)
        reviewed = open_doc(doc_id)
        if form.get("status") not in ("approved", "in_progress"):
            raise HTTPException(400, "Trạng thái không hợp lệ.")
        if form.get("status") == "approved" and reviewed.view.stale:
            return document_page(request, reviewed, message="Chưa duyệt được: còn sửa đổi cần xem lại "
                                 "(giá trị gốc đã đổi sau lần chạy lại).", status=409)
        folder.set_status(doc_id, form["status"], reviewer_of(request))
        return RedirectResponse("/" if form["status"] == "approved" else f"/doc/{doc_id}", 303)

    async def resolve(request: Request) -> Response:
        doc_id = request.path_params["doc_id"]
        form = await form_of(request)
        try:
            folder.resolve(doc_id, _int(form.get("seq")), form.get("choice") == "reapply", reviewer_of(request))
        except NotFound:
            raise HTTPException(404, "Không có sửa đổi này.") from None
        return back(doc_id)

    async def set_reviewer(request: Request) -> Response:
        form = await form_of(request)
        name = " ".join(form.get("reviewer", "").split())[:80]
        response = RedirectResponse(form.get("next") if str(form.get("next", "")).startswith("/") else "/", 303)
        if name:
            response.set_cookie(reviewer_cookie, quote(name), httponly=True, samesite="strict")  # names are Vietnamese
        return response

    async def too_large(request: Request, exc: Exception) -> Response:
        return PlainTextResponse("Yêu cầu quá lớn.", 413)

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        return PlainTextResponse(exc.detail, exc.status_code)

    routes = [
        Route("/", queue),
        Route("/doc/{doc_id}.json", corrected_json),  # before /doc/{doc_id}, which would take "….json"
        Route("/doc/{doc_id}", document),
        Route("/doc/{doc_id}/page/{number:int}.jpg", page),
        Route("/doc/{doc_id}/item/{item_id}", save, methods=["POST"]),
        Route("/doc/{doc_id}/item/{item_id}/{action}", item_action, methods=["POST"]),
        Route("/doc/{doc_id}/add/{kind}", add, methods=["POST"]),
        Route("/doc/{doc_id}/status", set_status, methods=["POST"]),
        Route("/doc/{doc_id}/resolve", resolve, methods=["POST"]),
        Route("/reviewer", set_reviewer, methods=["POST"]),
        Mount("/static", StaticFiles(directory=str(HERE / "static")), name="static"),
    ]
    app = Starlette(routes=routes, exception_handlers={BodyTooLarge: too_large, HTTPException: http_error})
    # On loopback only this machine's names are accepted (a page elsewhere cannot reach the
    # server by DNS rebinding); off loopback the token, which such a page cannot know, guards it.
    hosts = {f"127.0.0.1:{port}", f"localhost:{port}", f"[::1]:{port}"} if is_loopback(host) else None
    return Guard(app, hosts=hosts, token=token, cookie_prefix=prefix)  # type: ignore[return-value]


def _header_provenance(doc: dict[str, Any]) -> dict[str, Any]:
    """Where the header was read: the title's source, else the number's, else the first field's."""
    sources = doc.get("field_sources", {})
    for name in ("title", "number", "issued_date", *sources):
        if name in sources:
            return sources[name]["provenance"]
    return {}


def _int(value: str | None) -> int:
    try:
        return int(value or "")
    except ValueError:
        raise HTTPException(400, "Thiếu phiên bản của mục trong biểu mẫu.") from None

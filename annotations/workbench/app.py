"""The review workbench: a Starlette app over the case dataset (``expediente review`` serves it).

Pages (Jinja2, autoescaped; one small script shipped in ``static/``, no CDN): the queue, a document (its page
image with the evidence drawn on it, its page text with the same highlights, its items by field), a case (its
documents and each defendant's rolled-up values, with the documents that disagree), annotators' agreement,
and the disputes a reviewer adjudicates. Decisions are JSON posts (no page reload), each one row of
``corrections`` written by :func:`casedata.corrections.add_correction` in one transaction.

Safety: every request needs a session (the HttpOnly, SameSite=Strict cookie of a login, or, served on
loopback to a dataset without accounts, the local user's session made on the first visit); every post needs
the session's CSRF token (a header for JSON, a form field for forms); pages are read through connections
SQLite opens read-only, and only posts write; a Content-Security-Policy allows only this app's own script, so
text from a filing can never run as code even if it escaped escaping. No SQL is built from request values.
"""

from __future__ import annotations

import functools
import json
import secrets
import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, FileSystemLoader
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.base import BaseHTTPMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from expediente.annotations.agreement import agreement
from expediente.casedata import accounts, review
from expediente.casedata.corrections import Correction, add_correction, undo
from expediente.casedata.db import connect
from expediente.casedata.errors import CorrectionError
from expediente.corpus import boxes as page_boxes
from expediente.corpus.errors import ExpedienteError
from expediente.corpus.locations import shipped
from expediente.corpus.page_images import IMAGE_KINDS, page_png
from expediente.extractors.fields import registry

COOKIE = "expediente_session"
LOGIN_COOKIE = "expediente_login"
HERE = shipped("annotations", "workbench")
SECURITY_HEADERS = {
    "content-security-policy": "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
    "cache-control": "no-store",
}


@dataclass(frozen=True)
class Settings:
    db: Path
    local_user: str | None  # served on loopback without accounts: everyone is this user (a reviewer)
    double_share: float = 0.0  # share of items shown to two annotators


class Connections(threading.local):
    """One read-only and one writing connection per server thread (sqlite3 connections stay in their thread)."""

    def __init__(self, db: Path):
        self.db = db
        self._reader: sqlite3.Connection | None = None
        self._writer: sqlite3.Connection | None = None

    @property
    def reader(self) -> sqlite3.Connection:
        if self._reader is None:
            self._reader = connect(self.db, readonly=True)
        return self._reader

    @property
    def writer(self) -> sqlite3.Connection:
        if self._writer is None:
            self._writer = connect(self.db, create=False)
        return self._writer


def _environment() -> Environment:
    env = Environment(loader=FileSystemLoader(str(HERE / "templates")), autoescape=True)
    env.filters["pct"] = lambda x: "" if x is None else f"{x:.0%}"
    env.filters["num"] = lambda x: "–" if x is None else f"{x:.2f}"
    env.filters["fromjson"] = lambda text: json.loads(text) if text else {}
    return env


def field_specs() -> dict[str, dict]:
    """What the page script needs of each reviewable field: its title, kind, actions and vocabulary."""
    return {
        f.name: {
            "title": f.title,
            "kind": f.kind,
            "actions": list(f.actions),
            "vocabulary": list(f.vocabulary or ()),
            "attributes": f.attributes,
        }
        for f in review.reviewable()
    }


def segments(text: str, items: list[dict]) -> list[dict]:
    """The page text cut at every item boundary: each piece with its start offset and the items covering it
    (carriage returns shown as a one-character symbol, so offsets in the browser stay the page's)."""
    cuts = {0, len(text)}
    spans = [(i["start"], i["end"], n) for n, i in enumerate(items) if i["start"] is not None and i["end"]]
    for start, end, _ in spans:
        cuts.update((max(0, min(start, len(text))), max(0, min(end, len(text)))))
    points = sorted(cuts)
    out = []
    for a, b in zip(points, points[1:], strict=False):
        if a == b:
            continue
        covering = [n for start, end, n in spans if start <= a and b <= end]
        out.append({"start": a, "text": text[a:b].replace("\r", "\u240d"), "items": covering})
    return out


def create_app(settings: Settings) -> Starlette:
    env = _environment()
    conns = Connections(settings.db)
    specs = field_specs()

    def render(request: Request, name: str, status: int = 200, **context) -> HTMLResponse:
        session = request.state.session
        page = env.get_template(name).render(
            session=session, csrf=session.csrf if session else "", path=request.url.path, specs=specs, **context
        )
        return HTMLResponse(page, status_code=status)

    def fail(request: Request, status: int, message: str) -> Response:
        if request.url.path.startswith("/api/"):
            return JSONResponse({"error": message}, status_code=status)
        return render(request, "error.html", status=status, message=message)

    # --- sessions -------------------------------------------------------------------------------------

    async def guard(request: Request, call_next):
        request.state.session = None
        path = request.url.path
        if path.startswith("/static/") or path == "/favicon.ico":
            return _secured(await call_next(request))
        token = request.cookies.get(COOKIE)
        session = accounts.session(conns.reader, token)
        fresh_token = None
        if session is None and settings.local_user and request.method == "GET":
            fresh_token, session = accounts.open_session(conns.writer, settings.local_user)
        request.state.session = session
        if path == "/login":
            return _secured(await call_next(request))
        if session is None:
            if request.method == "GET" and not path.startswith("/api/"):
                return _secured(RedirectResponse("/login", status_code=303))
            return _secured(fail(request, 401, "log in first"))
        # a post carries the session's token in a header (logout's form carries it as a field, checked there)
        if (
            request.method != "GET"
            and path != "/logout"
            and not _same_token(request.headers.get("x-csrf-token"), session.csrf)
        ):
            return _secured(fail(request, 403, "this request has no valid CSRF token: reload the page"))
        response = await call_next(request)
        if fresh_token:
            _set_cookie(response, COOKIE, fresh_token)
        return _secured(response)

    async def login(request: Request) -> Response:
        if request.method == "GET":
            nonce = secrets.token_urlsafe(24)
            response = render(request, "login.html", nonce=nonce, error=None)
            _set_cookie(response, LOGIN_COOKIE, nonce)
            return response
        form = await request.form()
        nonce = request.cookies.get(LOGIN_COOKIE)
        if not _same_token(form.get("nonce"), nonce):
            return fail(request, 403, "the login form expired: reload the page")
        name, password = str(form.get("name", "")), str(form.get("password", ""))
        if accounts.authenticate(conns.reader, name, password) is None:
            response = render(request, "login.html", status=401, nonce=nonce, error="unknown name or wrong password")
            return response
        token, _ = accounts.open_session(conns.writer, name)
        response = RedirectResponse("/", status_code=303)
        _set_cookie(response, COOKIE, token)
        response.delete_cookie(LOGIN_COOKIE)
        return response

    async def logout(request: Request) -> Response:
        if not _same_token((await request.form()).get("csrf"), request.state.session.csrf):
            return fail(request, 403, "this request has no valid CSRF token: reload the page")
        accounts.close_session(conns.writer, request.cookies.get(COOKIE))
        response = RedirectResponse("/login" if not settings.local_user else "/", status_code=303)
        response.delete_cookie(COOKIE)
        return response

    # --- pages ----------------------------------------------------------------------------------------

    def queue_page(request: Request) -> Response:
        p = request.query_params
        filters = tuple((k, p[k]) for k in review.FILTERS if p.get(k))
        state = p.get("state", "todo")
        if state not in review.STATES:
            return fail(request, 400, f"state must be one of {', '.join(review.STATES)}")
        try:
            offset = max(0, int(p.get("offset", "0")))
        except ValueError:
            return fail(request, 400, "offset must be a whole number")
        conn = conns.reader
        q = review.QueueQuery(request.state.session.user, filters, state, settings.double_share, offset)
        return render(
            request,
            "queue.html",
            items=[{**dict(r), "n": n} for n, r in enumerate(review.queue(conn, q))],
            query=q,
            params=dict(filters),
            state=state,
            progress=review.progress(conn),
            facets=review.facets(conn),
            states=review.STATES,
            page_size=review.QUEUE_PAGE,
            low=review.LOW_CONFIDENCE,
        )

    def document_page(request: Request) -> Response:
        conn = conns.reader
        sha = request.path_params["sha"]
        doc = conn.execute("SELECT * FROM documents_effective WHERE sha256 = ?", (sha,)).fetchone()
        if doc is None:
            return fail(request, 404, "no such document in this dataset")
        pages = conn.execute("SELECT * FROM pages WHERE sha256 = ? ORDER BY number", (sha,)).fetchall()
        items = review.document_items(conn, sha)
        for n, item in enumerate(items):
            item["n"] = n
        first = next((i["page"] for i in items if i["page"]), 1)
        try:
            number = int(request.query_params.get("page", first))
        except ValueError:
            number = first
        page = next((p for p in pages if p["number"] == number), pages[0] if pages else None)
        here = [i for i in items if page is not None and i["page"] == page["number"]]
        text = (page["text"] or "") if page is not None else ""
        marks = []
        if page is not None and doc["kind"] in IMAGE_KINDS:
            stored = page_boxes.decode(page["boxes"])
            for item in here:
                if item["start"] is not None and item["end"]:
                    for b in page_boxes.covering(stored, item["start"], item["end"]):
                        marks.append({"n": item["n"], "box": [round(v * 100, 3) for v in b[2:]]})
        groups: dict[str, list[dict]] = {}
        for item in items:
            groups.setdefault(item["field"], []).append(item)
        return render(
            request,
            "document.html",
            doc=doc,
            pages=pages,
            page=page,
            groups=groups,
            items=items,
            segments=segments(text, here),
            marks=marks,
            has_image=doc["kind"] in IMAGE_KINDS and page is not None,
            doc_json={"sha256": sha, "page": page["number"] if page else None},
        )

    @functools.lru_cache(maxsize=64)  # the last pages shown: paging back and forth renders nothing again
    def image_bytes(sha: str, number: int) -> bytes | None:
        doc = conns.reader.execute("SELECT path, kind FROM documents WHERE sha256 = ?", (sha,)).fetchone()
        if doc is None:
            return None
        return page_png(doc["path"], doc["kind"], number)

    def page_image(request: Request) -> Response:
        try:
            data = image_bytes(request.path_params["sha"], int(request.path_params["number"]))
        except ExpedienteError as exc:
            return Response(str(exc), status_code=404, media_type="text/plain")
        if data is None:
            return Response("no page image for this document", status_code=404, media_type="text/plain")
        return Response(data, media_type="image/png")

    def case_page(request: Request) -> Response:
        conn = conns.reader
        key = request.path_params["key"]
        case = conn.execute("SELECT * FROM cases WHERE case_key = ?", (key,)).fetchone()
        if case is None:
            return fail(request, 404, "no such case in this dataset")
        docs = conn.execute(
            "SELECT * FROM documents_effective WHERE case_key = ? AND status = 'done' ORDER BY date_filed, file",
            (key,),
        ).fetchall()
        files = {d["sha256"]: d["file"] for d in docs}
        people = []
        for person in conn.execute("SELECT * FROM case_defendants WHERE case_key = ? ORDER BY person", (key,)):
            values = conn.execute(
                "SELECT * FROM case_defendant_values WHERE case_key = ? AND person = ? ORDER BY field, chosen DESC",
                (key, person["person"]),
            ).fetchall()
            by_field: dict[str, list[dict]] = {}
            for v in values:
                by_field.setdefault(v["field"], []).append(dict(v))
            people.append(
                {"row": dict(person), "values": by_field, "conflicts": json.loads(person["conflicts"] or "[]")}
            )
        person_fields = [(f.name, f.title, f.person_column) for f in registry().of_person()]
        return render(
            request, "case.html", case=case, docs=docs, files=files, people=people, person_fields=person_fields
        )

    def agreement_page(request: Request) -> Response:
        return render(
            request,
            "agreement.html",
            rows=agreement(conns.reader),
            double_share=settings.double_share,
        )

    def adjudicate_page(request: Request) -> Response:
        if request.state.session.role != "reviewer":
            return fail(request, 403, "adjudication is a reviewer's: ask for the reviewer role")
        conn = conns.reader
        disputes = review.disputed(conn)
        files = {}
        for d in disputes:
            row = conn.execute("SELECT file FROM documents WHERE sha256 = ?", (d["sha256"],)).fetchone()
            files[d["sha256"]] = row["file"] if row else d["sha256"][:12]
        return render(request, "adjudicate.html", disputes=disputes, files=files)

    def next_document(request: Request) -> Response:
        """The next document of the queue after the one named by ``after``."""
        after = request.query_params.get("after", "")
        q = review.QueueQuery(request.state.session.user, (), "todo", settings.double_share, 0, 200)
        for item in review.queue(conns.reader, q):
            if item["sha256"] != after:
                return RedirectResponse(f"/doc/{item['sha256']}?page={item['page'] or 1}#item-{item['id']}", 303)
        return RedirectResponse("/?done=1", status_code=303)

    # --- decisions --------------------------------------------------------------------------------------

    async def decide(request: Request) -> Response:
        try:
            body = await request.json()
        except ValueError:
            return fail(request, 400, "send the decision as a JSON object")
        if not isinstance(body, dict):
            return fail(request, 400, "send the decision as a JSON object")
        try:
            correction = Correction(
                sha256=_text(body, "sha256"),
                field=_text(body, "field"),
                action=_text(body, "action"),
                value=_text(body, "value", optional=True),
                item_key=_text(body, "item_key", optional=True) or "",
                author=request.state.session.user,
                note=_text(body, "note", optional=True) or "",
                page=_int(body, "page"),
                start=_int(body, "start"),
                end=_int(body, "end"),
                attrs=_object(body, "attrs"),
            )
            cid = add_correction(conns.writer, correction)
        except (CorrectionError, ValueError) as exc:
            return fail(request, 400, str(exc))
        row = conns.writer.execute("SELECT * FROM corrections WHERE id = ?", (cid,)).fetchone()
        return JSONResponse({"correction": _public(row)})

    async def undo_decision(request: Request) -> Response:
        try:
            body = await request.json()
        except ValueError:
            body = {}
        try:
            wanted = _int(body, "id") if isinstance(body, dict) else None
        except ValueError as exc:
            return fail(request, 400, str(exc))
        row = undo(conns.writer, request.state.session.user, wanted)
        if row is None:
            return JSONResponse({"undone": None, "now": None})
        now = conns.writer.execute(  # the item's decision once this one is undone (another one, or none)
            """SELECT * FROM corrections WHERE sha256 = ? AND field = ? AND item_key = ? AND action != 'add'
               AND undone_at IS NULL ORDER BY id DESC LIMIT 1""",
            (row["sha256"], row["field"], row["item_key"]),
        ).fetchone()
        return JSONResponse({"undone": _public(row), "now": _public(now) if now and row["action"] != "add" else None})

    routes = [
        Route("/", queue_page),
        Route("/login", login, methods=["GET", "POST"]),
        Route("/logout", logout, methods=["POST"]),
        Route("/doc/{sha:str}", document_page),
        Route("/doc/{sha:str}/page/{number:int}.png", page_image),
        Route("/case/{key:path}", case_page),
        Route("/agreement", agreement_page),
        Route("/adjudicate", adjudicate_page),
        Route("/next", next_document),
        Route("/favicon.ico", lambda request: Response(status_code=204)),
        Route("/api/decide", decide, methods=["POST"]),
        Route("/api/undo", undo_decision, methods=["POST"]),
        Mount("/static", StaticFiles(directory=str(HERE / "static")), name="static"),
    ]
    return Starlette(routes=routes, middleware=[Middleware(BaseHTTPMiddleware, dispatch=guard)])


def _same_token(sent, expected: str | None) -> bool:
    return bool(sent) and bool(expected) and secrets.compare_digest(str(sent), expected)


def _secured(response: Response) -> Response:
    for key, value in SECURITY_HEADERS.items():
        if key == "cache-control" and response.media_type == "image/png":
            continue
        response.headers.setdefault(key, value)
    return response


def _set_cookie(response: Response, name: str, value: str) -> None:
    response.set_cookie(name, value, max_age=accounts.SESSION_HOURS * 3600, httponly=True, samesite="strict", path="/")


def _text(body: dict, key: str, optional: bool = False) -> str | None:
    value = body.get(key)
    if value is None and optional:
        return None
    if not isinstance(value, str) or len(value) > 5000:
        raise ValueError(f"'{key}' must be a text of at most 5000 characters")
    return value


def _int(body: dict, key: str) -> int | None:
    value = body.get(key)
    if value is None:
        return None
    if not isinstance(value, int) or isinstance(value, bool):
        raise ValueError(f"'{key}' must be a whole number")
    return value


def _object(body: dict, key: str) -> dict | None:
    value = body.get(key)
    if value is not None and not isinstance(value, dict):
        raise ValueError(f"'{key}' must be an object of attribute values")
    return value


def _public(row: sqlite3.Row) -> dict:
    keys = ("id", "sha256", "field", "item_key", "action", "value", "previous", "author", "created_at", "page")
    return {k: row[k] for k in (*keys, "start", "end", "text", "undone_at", "attrs")}

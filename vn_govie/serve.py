"""The local web app: a page to paste or upload texts and see what was found, and a JSON API.

``create_app()`` builds a FastAPI application (``vn-govie serve`` runs it with uvicorn):

* ``GET /`` a page with a textarea and a file input (``.txt``, several at once); the form
  posts back to ``/`` and the page shows each text's rendering (``vn_govie.render``): the
  entities marked, the relations, the officials/events/projects/documents tables. The page
  is self-contained (inline CSS, no script, nothing from the network).
* ``POST /extract`` ``{"text": str, "year": int | null}`` → ``Extraction.to_dict()``
* ``POST /extract_many`` ``{"texts": [str], "year": int | null}`` → ``{"results": [...]}``
* ``GET /health`` → ``{"status": "ok", "version": ..., "model": ..., "limits": {...}}``
* ``/docs`` (Swagger UI), ``/redoc`` (ReDoc) and ``/openapi.json``: the API documentation. The
  two pages load their scripts and styles from the app itself (``/static/docs/``, the files
  that the ``fastapi-offline`` package ships), so they work without a network; without that
  package they answer 503 with a line saying what to install.

Limits (``max_chars`` per text, ``max_texts`` per request, ``max_body_bytes`` per request
body) answer 413 with a JSON ``detail``; malformed requests answer 422. The pipeline is
loaded once when the app starts, and every extraction runs on one worker thread (spaCy
pipelines are not thread-safe), so concurrent requests queue and each gets its own result.

There is no authentication: the CLI binds to 127.0.0.1 unless told otherwise.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import html
import importlib.util
import re
import threading
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Annotated, Any, AsyncIterator, Callable, Optional, Sequence

from fastapi import FastAPI, HTTPException, Request
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, ConfigDict, Field, StrictStr

from . import __version__
from .inputs import decode_input

DEFAULT_MAX_CHARS = 200_000
DEFAULT_MAX_TEXTS = 100
DEFAULT_MAX_BODY_BYTES = 32 * 1024 * 1024

# One extraction at a time in the whole process: apps built in one process share the cached pipeline.
_pipeline_lock = threading.Lock()

Year = Annotated[int, Field(strict=True, ge=1, le=9999)]


# --- request and response models -------------------------------------------------------------

class ExtractRequest(BaseModel):
    """One text, and the year that completes dates written without one (``11/10`` → 2024-10-11)."""

    model_config = ConfigDict(extra="forbid")
    text: StrictStr = Field(description="the text, as given; offsets in the answer are into it")
    year: Optional[Year] = Field(None, description="the document's year, to complete dates such as 11/10")


class ExtractManyRequest(BaseModel):
    """Several texts, extracted with the same ``year``; results come back in the same order."""

    model_config = ConfigDict(extra="forbid")
    texts: list[StrictStr] = Field(description="the texts")
    year: Optional[Year] = Field(None, description="the documents' year, to complete dates such as 11/10")


class EntityOut(BaseModel):
    id: int
    text: str
    label: str
    start: int
    end: int
    value: Any = None
    currency: Optional[str] = None
    high: Any = None
    qualifier: Optional[str] = None
    value_error: Optional[str] = None


class RelationOut(BaseModel):
    head: int
    tail: int
    label: str


class MentionOut(BaseModel):
    id: int
    text: str
    start: int
    end: int


class EvidenceOut(BaseModel):
    field: str
    text: str
    start: int
    end: int
    sentence: Optional[tuple[int, int]] = None


class ValueOut(BaseModel):
    text: str
    value: Any = None
    entity: int
    currency: Optional[str] = None
    high: Any = None
    qualifier: Optional[str] = None


class OfficeOut(BaseModel):
    position: str
    body: Optional[str] = None


class OfficialOut(BaseModel):
    name: str
    positions: list[OfficeOut] = []
    mentions: list[MentionOut] = []
    evidence: list[EvidenceOut] = []


class EventOut(BaseModel):
    name: str
    organizers: list[str] = []
    chairs: list[str] = []
    attendees: list[str] = []
    dates: list[ValueOut] = []
    places: list[str] = []
    mentions: list[MentionOut] = []
    evidence: list[EvidenceOut] = []


class ProjectOut(BaseModel):
    name: str
    allocations: list[ValueOut] = []
    disbursements: list[ValueOut] = []
    places: list[str] = []
    mentions: list[MentionOut] = []
    evidence: list[EvidenceOut] = []


class DocumentOut(BaseModel):
    name: str
    issuers: list[str] = []
    dates: list[ValueOut] = []
    allocations: list[ValueOut] = []
    mentions: list[MentionOut] = []
    evidence: list[EvidenceOut] = []


class ExtractionOut(BaseModel):
    """``Extraction.to_dict()``: the schema's result shape (docs/annotation-schema.md)."""

    text: str
    entities: list[EntityOut]
    relations: list[RelationOut]
    officials: list[OfficialOut]
    events: list[EventOut]
    projects: list[ProjectOut]
    documents: list[DocumentOut]


class ExtractManyOut(BaseModel):
    results: list[ExtractionOut]


class Limits(BaseModel):
    max_chars: int
    max_texts: int
    max_body_bytes: int


class HealthOut(BaseModel):
    status: str
    version: str
    model: str
    limits: Limits


# --- request body limit ----------------------------------------------------------------------

class BodyTooLarge(HTTPException):
    """A request body over ``max_body_bytes`` (413)."""

    def __init__(self, limit: int) -> None:
        super().__init__(413, f"request body too large: the limit is {limit} bytes")


class _BodyLimit:
    """ASGI middleware: a body declared or streamed beyond ``max_bytes`` raises ``BodyTooLarge`` when read.

    Raised from ``receive`` inside the application, the exception reaches the app's
    exception handlers, so the answer is an ordinary 413 (JSON, or the page for the form).
    """

    def __init__(self, app: Any, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: dict, receive: Callable, send: Callable) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or ()).get(b"content-length")
        too_long = declared is not None and declared.isdigit() and int(declared) > self.max_bytes
        seen = 0

        async def limited_receive() -> dict:
            nonlocal seen
            if too_long:
                raise BodyTooLarge(self.max_bytes)
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    raise BodyTooLarge(self.max_bytes)
            return message

        await self.app(scope, limited_receive, send)


# --- the page ---------------------------------------------------------------------------------

_PAGE_STYLE = """
*{box-sizing:border-box}
body{margin:0;font-family:-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;color:#222;background:#fafafa}
header{background:#17324d;color:#fff;padding:0.7em 1.5em}
header h1{margin:0;font-size:20px;display:inline}
header span{margin-left:1em;opacity:0.8;font-size:14px}
main{max-width:64em;margin:0 auto;padding:1em 1.5em 3em}
form{background:#fff;border:1px solid #ddd;border-radius:6px;padding:1em}
label{font-weight:600;display:block;margin:0.4em 0 0.2em}
textarea{width:100%;min-height:9em;font-size:15px;line-height:1.5;font-family:inherit;padding:0.5em;border:1px solid #bbb;border-radius:4px}
.row{display:flex;gap:2em;flex-wrap:wrap;align-items:flex-end;margin-top:0.6em}
input[type=number]{width:7em;padding:0.3em}
button{background:#17324d;color:#fff;border:0;border-radius:4px;padding:0.55em 1.6em;font-size:15px;cursor:pointer}
.hint{color:#666;font-size:13px;margin:0.3em 0 0}
.error{background:#fde8e8;border:1px solid #e0a0a0;color:#8a1f1f;border-radius:4px;padding:0.6em 1em;margin:1em 0}
.result{background:#fff;border:1px solid #ddd;border-radius:6px;padding:0.2em 1.2em 0.8em;margin-top:1.2em}
.result h2{font-size:17px;margin:0.7em 0 0.3em;word-break:break-all}
footer{color:#666;font-size:13px;margin-top:2em}
"""

# Nothing on the page runs or loads from anywhere: styles inline, no scripts at all.
_PAGE_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
                               "form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}


def _page(limits: Limits, *, text: str = "", year: str = "", errors: Sequence[str] = (),
          sections: Sequence[tuple[str, str]] = ()) -> str:
    """The whole page; ``sections`` are (title, rendering) pairs, the renderings already escaped HTML."""
    error_html = "".join(f'<div class="error" role="alert">{html.escape(e)}</div>' for e in errors)
    result_html = "".join(
        f'<section class="result"><h2>{html.escape(title)}</h2>{rendering}</section>' for title, rendering in sections
    )
    return f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>vn_govie</title><style>{_PAGE_STYLE}</style></head>
<body><header><h1>vn_govie</h1><span>facts from Vietnamese government news &middot; {html.escape(__version__)}</span></header>
<main>
<form method="post" action="/" enctype="multipart/form-data" accept-charset="utf-8">
<label for="text">Text</label>
<textarea id="text" name="text" placeholder="Dán văn bản vào đây / paste a text here">{html.escape(text)}</textarea>
<div class="row">
<div><label for="files">or .txt files</label><input id="files" name="files" type="file" accept=".txt,text/plain" multiple></div>
<div><label for="year">Year</label><input id="year" name="year" type="number" min="1" max="9999" placeholder="2024" value="{html.escape(year)}"></div>
<div><button id="submit" type="submit">Extract</button></div>
</div>
<p class="hint">The year completes dates written without one (11/10 &rarr; 2024-10-11).
At most {limits.max_texts} texts of {limits.max_chars:,} characters each.</p>
</form>
{error_html}{result_html}
<footer>JSON API: <code>POST /extract</code>, <code>POST /extract_many</code>, <code>GET /health</code>;
documentation at <a href="/docs">/docs</a> and <a href="/redoc">/redoc</a>.</footer>
</main></body></html>
"""


# --- the API documentation pages ---------------------------------------------------------------

#: where the app serves the Swagger UI and ReDoc files
DOCS_ASSETS_URL = "/static/docs"
_DOCS_ASSETS = ("swagger-ui-bundle.js", "swagger-ui.css", "redoc.standalone.js", "favicon.png")
_DOCS_PACKAGE = "fastapi_offline"
_INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.S)


def docs_assets() -> Path | None:
    """The folder of Swagger UI and ReDoc files that ``fastapi-offline`` ships, or ``None`` without it."""
    try:
        spec = importlib.util.find_spec(_DOCS_PACKAGE)
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    for location in spec.submodule_search_locations:
        folder = Path(location) / "static"
        if all((folder / name).is_file() for name in _DOCS_ASSETS):
            return folder
    return None


def _docs_headers(page: str) -> dict[str, str]:
    """The headers of a documentation page: scripts and styles from the app only, and the page's own inline script.

    The inline script (Swagger UI's start) is allowed by its hash; nothing from another
    origin is (no CDN, no fonts, no validator badge). Inline styles are allowed: ReDoc's
    page and both renderers set styles at run time.
    """
    hashes = " ".join(
        "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii") + "'"
        for script in _INLINE_SCRIPT.findall(page)
    )
    return {
        "Content-Security-Policy": f"default-src 'none'; script-src 'self' {hashes}".rstrip() + "; "
                                   "style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; "
                                   "connect-src 'self'; worker-src 'self' blob:; form-action 'none'; "
                                   "base-uri 'none'; frame-ancestors 'none'",
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
    }


def _docs_missing_page(what: str) -> str:
    message = (f"the {what} page needs the Swagger UI and ReDoc files of the fastapi-offline package, "
               "which is not installed: pip install 'vn_govie[serve]'. The schema itself is at /openapi.json.")
    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>vn_govie: {html.escape(what)}</title>'
            f'</head><body><p role="alert">{html.escape(message)}</p></body></html>\n')


def _part_size(limit: int) -> dict[str, int]:
    """``max_part_size`` for ``Request.form`` where Starlette has it (a text field is otherwise capped at 1 MB)."""
    import inspect

    return {"max_part_size": limit} if "max_part_size" in inspect.signature(Request.form).parameters else {}


# --- the app ----------------------------------------------------------------------------------

def _model_path(model: str | Path | None) -> Path:
    from .api import PACKAGED_MODEL, ModelNotFoundError

    target = Path(model) if model is not None else PACKAGED_MODEL
    if not (target / "config.cfg").exists():
        raise ModelNotFoundError(f"no spaCy pipeline at {target} (config.cfg is missing)")
    return target


def create_app(
    model: str | Path | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
    max_texts: int = DEFAULT_MAX_TEXTS,
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES,
) -> FastAPI:
    """The web app over the pipeline at ``model`` (default: the shipped one).

    The pipeline is loaded when the app starts (its lifespan: run it under uvicorn, or
    use ``fastapi.testclient.TestClient(app)`` as a context manager). A missing pipeline
    raises ``ModelNotFoundError`` here, before anything starts.
    """
    for name, value in (("max_chars", max_chars), ("max_texts", max_texts), ("max_body_bytes", max_body_bytes)):
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise ValueError(f"{name} must be a positive int, got {value!r}")
    model_dir = _model_path(model)
    limits = Limits(max_chars=max_chars, max_texts=max_texts, max_body_bytes=max_body_bytes)
    state: dict[str, Any] = {}

    def warm_up() -> str:
        from .api import extract, load

        with _pipeline_lock:
            nlp = load(model_dir)
            extract("Hà Nội.", model=model_dir)  # underthesea loads on first use: not in the first request
        return f"{nlp.meta.get('name', model_dir.name)} {nlp.meta.get('version', '')}".strip()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        worker = ThreadPoolExecutor(1, thread_name_prefix="vn-govie-extract")
        try:
            state["model"] = await asyncio.get_running_loop().run_in_executor(worker, warm_up)
            state["worker"] = worker
            yield
        finally:
            state.pop("worker", None)
            worker.shutdown(wait=False, cancel_futures=True)

    async def run(function: Callable[..., Any], *args: Any) -> Any:
        """``function(*args)`` on the extraction thread, one at a time."""
        worker = state.get("worker")
        if worker is None:
            raise HTTPException(503, "the pipeline is not loaded (the app was not started)")

        def locked() -> Any:
            with _pipeline_lock:
                return function(*args)

        return await asyncio.get_running_loop().run_in_executor(worker, locked)

    def extract_dicts(texts: list[str], year: int | None) -> list[dict[str, Any]]:
        from .api import extract_many

        return [r.to_dict() for r in extract_many(texts, model=model_dir, doc_year=year)]

    def extract_rendered(texts: list[str], year: int | None) -> list[str]:
        from .api import extract_many
        from .render import render_html

        return [render_html(r) for r in extract_many(texts, model=model_dir, doc_year=year)]

    def check_texts(texts: list[str], names: Callable[[int], str]) -> None:
        if len(texts) > max_texts:
            raise HTTPException(413, f"too many texts: {len(texts)}; the limit is {max_texts} per request")
        for i, text in enumerate(texts):
            if len(text) > max_chars:
                raise HTTPException(413, f"{names(i)} is {len(text)} characters long; "
                                         f"the limit is {max_chars} characters per text")

    app = FastAPI(
        title="vn_govie",
        version=__version__,
        description="Entities, relations and records (officials, events, projects, documents) "
                    "from Vietnamese government news. No authentication: keep it on 127.0.0.1.",
        lifespan=lifespan,
        docs_url=None,   # our own /docs and /redoc below: their files come from the app, not a CDN
        redoc_url=None,
    )
    app.add_middleware(_BodyLimit, max_bytes=max_body_bytes)
    assets = docs_assets()
    if assets is not None:
        app.mount(DOCS_ASSETS_URL, StaticFiles(directory=assets), name="docs-assets")

    def docs_page(request: Request, what: str, build: Callable[[str, str], HTMLResponse]) -> HTMLResponse:
        if assets is None:
            return HTMLResponse(_docs_missing_page(what), status_code=503, headers=_PAGE_HEADERS)
        root = request.scope.get("root_path", "").rstrip("/")
        page = build(root + (app.openapi_url or "/openapi.json"), root + DOCS_ASSETS_URL).body.decode("utf-8")
        return HTMLResponse(page, headers=_docs_headers(page))

    @app.get("/docs", response_class=HTMLResponse, include_in_schema=False)
    async def swagger_ui(request: Request) -> HTMLResponse:
        return docs_page(request, "API documentation", lambda openapi, static: get_swagger_ui_html(
            openapi_url=openapi, title=f"{app.title} {app.version}: API documentation",
            swagger_js_url=f"{static}/swagger-ui-bundle.js", swagger_css_url=f"{static}/swagger-ui.css",
            swagger_favicon_url=f"{static}/favicon.png", oauth2_redirect_url=None,
            swagger_ui_parameters={"validatorUrl": None}))

    @app.get("/redoc", response_class=HTMLResponse, include_in_schema=False)
    async def redoc(request: Request) -> HTMLResponse:
        return docs_page(request, "ReDoc", lambda openapi, static: get_redoc_html(
            openapi_url=openapi, title=f"{app.title} {app.version}: API documentation (ReDoc)",
            redoc_js_url=f"{static}/redoc.standalone.js", redoc_favicon_url=f"{static}/favicon.png",
            with_google_fonts=False))

    @app.exception_handler(BodyTooLarge)
    async def body_too_large(request: Request, exc: BodyTooLarge) -> Any:
        if request.url.path == "/" and request.method == "POST":
            return HTMLResponse(_page(limits, errors=[str(exc.detail)]), status_code=413, headers=_PAGE_HEADERS)
        return JSONResponse({"detail": exc.detail}, status_code=413)

    @app.get("/health", response_model=HealthOut, summary="the app is up, with its version, pipeline and limits")
    async def health() -> dict[str, Any]:
        return {"status": "ok", "version": __version__, "model": state.get("model", str(model_dir)),
                "limits": limits.model_dump()}

    @app.post("/extract", response_model=ExtractionOut, response_model_exclude_unset=True,
              summary="entities, relations and records of one text",
              responses={413: {"description": "the text or the body is over the limits"}})
    async def extract_one(request: ExtractRequest) -> dict[str, Any]:
        check_texts([request.text], lambda i: "the text")
        return (await run(extract_dicts, [request.text], request.year))[0]

    @app.post("/extract_many", response_model=ExtractManyOut, response_model_exclude_unset=True,
              summary="entities, relations and records of several texts, in order",
              responses={413: {"description": "too many texts, a text too long or the body too large"}})
    async def extract_several(request: ExtractManyRequest) -> dict[str, Any]:
        check_texts(request.texts, lambda i: f"text {i}")
        return {"results": await run(extract_dicts, request.texts, request.year)}

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    async def page() -> HTMLResponse:
        return HTMLResponse(_page(limits), headers=_PAGE_HEADERS)

    @app.post("/", response_class=HTMLResponse, include_in_schema=False)
    async def page_results(request: Request) -> HTMLResponse:
        text, year_field, errors, status = "", "", [], 200
        titles: list[str] = []
        texts: list[str] = []
        try:
            form = await request.form(max_files=max_texts + 1, max_fields=20, **_part_size(max_body_bytes))
        except BodyTooLarge:
            raise
        except HTTPException as err:  # a malformed or oversized multipart body
            form, status = None, 413 if "Too many" in str(err.detail) else 400
            errors.append(f"the form could not be read: {err.detail}")
        if form is not None:
            value = form.get("text")
            text = value if isinstance(value, str) else ""
            value = form.get("year")
            year_field = value.strip() if isinstance(value, str) else ""
            if text.strip():
                titles.append("Pasted text")
                texts.append(text)
            for upload in form.getlist("files"):
                if isinstance(upload, str) or (not upload.filename and not upload.size):
                    continue  # the file input with nothing chosen
                name = upload.filename or "unnamed file"
                data = await upload.read()  # the whole body is at most max_body_bytes
                try:
                    texts.append(decode_input(data, name))
                    titles.append(name)
                except ValueError as err:
                    errors.append(str(err))
                    status = 422
            await form.close()
        year: int | None = None
        if year_field:
            if not re.fullmatch(r"[0-9]{1,4}", year_field) or int(year_field) < 1:
                errors.append(f"the year must be a number between 1 and 9999, not {year_field!r}")
                status = 422
            else:
                year = int(year_field)
        if form is not None and not texts and not errors:
            errors.append("paste a text or choose one or more .txt files")
            status = 422
        if not errors:
            try:
                check_texts(texts, lambda i: titles[i])
            except HTTPException as err:
                errors.append(str(err.detail))
                status = err.status_code
        sections: list[tuple[str, str]] = []
        if not errors:
            sections = list(zip(titles, await run(extract_rendered, texts, year)))
        return HTMLResponse(_page(limits, text=text, year=year_field, errors=errors, sections=sections),
                            status_code=status, headers=_PAGE_HEADERS)

    return app


def serve(host: str = "127.0.0.1", port: int = 8000, model: str | Path | None = None, **limits: int) -> None:
    """Run the app with uvicorn until interrupted (``vn-govie serve``)."""
    import uvicorn

    uvicorn.run(create_app(model, **limits), host=host, port=port, log_level="info")

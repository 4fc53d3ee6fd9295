"""The local web app (``vn_govie.serve``, ``vn-govie serve``).

The JSON API is driven through FastAPI's test client; the page is driven end to end in
a real headless browser (Debian's ``chromium`` through ``chromedriver``, with selenium)
against the app served by uvicorn on a free port. Without chromium the browser tests
fail: CI installs it (``.ci/run``); here ``apt-get install chromium chromium-driver``.
"""

import base64
import hashlib
import importlib.util
import json
import re
import shutil
import socket
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from urllib.request import Request, urlopen

import pytest
from fastapi.testclient import TestClient

import vn_govie
from vn_govie.cli import main
from vn_govie.serve import create_app

SENTENCE = "Chiều 11/10/2024, Phó Chủ tịch UBND TP Hà Nội Hà Minh Hải chủ trì hội nghị."
SENTENCES = [
    SENTENCE,
    "Sáng 5/3, Bộ trưởng Bộ Tài chính Hồ Đức Phớc làm việc với UBND tỉnh Quảng Ninh.",
    "Phó Thủ tướng Trần Hồng Hà chủ trì cuộc họp về dự án đường Vành đai 4.",
    "Chủ tịch UBND tỉnh Bắc Ninh Nguyễn Hương Giang ký Quyết định số 120/QĐ-UBND ngày 2/4/2024.",
    "Dự án cầu Tứ Liên được bố trí 3.000 tỷ đồng, đạt 45% kế hoạch.",
    "Giám đốc Sở Xây dựng Hà Nội Võ Nguyên Phong dự hội nghị sơ kết sáu tháng.",
    "Thứ trưởng Bộ Giao thông vận tải Lê Đình Thọ kiểm tra dự án cao tốc Bắc – Nam.",
    "Bí thư Tỉnh ủy Nghệ An Nguyễn Đức Trung tiếp đoàn công tác của Bộ Y tế.",
]
HOSTILE = "<script>window.pwned = 1; document.title = 'pwned'</script><img src=x onerror=\"window.pwned = 2\">"


def expected(text, year=None):
    """What ``vn_govie.extract`` gives, as it reads once sent as JSON."""
    return json.loads(json.dumps(vn_govie.extract(text, doc_year=year).to_dict()))


@pytest.fixture(scope="module")
def client():
    with TestClient(create_app()) as client:  # the context runs the lifespan: the pipeline loads once here
        yield client


@pytest.fixture(scope="module")
def small():
    """An app with small limits, to see them answered."""
    with TestClient(create_app(max_chars=500, max_texts=3, max_body_bytes=4000)) as client:
        yield client


# --- the JSON API ----------------------------------------------------------------------------

def test_health_names_the_version_the_pipeline_and_the_limits(small):
    health = small.get("/health").json()
    assert health["status"] == "ok"
    assert health["version"] == vn_govie.__version__
    assert health["model"].startswith("vn_govie_ner")
    assert health["limits"] == {"max_chars": 500, "max_texts": 3, "max_body_bytes": 4000}


def test_extract_answers_what_vn_govie_extract_gives(client, seed_texts):
    answer = client.post("/extract", json={"text": SENTENCE, "year": 2024})
    assert answer.status_code == 200
    assert answer.json() == expected(SENTENCE, 2024)
    person = [e for e in answer.json()["entities"] if e["label"] == "PERSON"]
    assert [(e["text"], SENTENCE[e["start"]:e["end"]]) for e in person] == [("Hà Minh Hải", "Hà Minh Hải")]
    assert answer.json()["officials"][0]["positions"] == [{"position": "Phó Chủ tịch", "body": "UBND TP Hà Nội"}]
    # a whole seed article, year left out: every entity, relation and record alike
    assert client.post("/extract", json={"text": seed_texts[1]}).json() == expected(seed_texts[1])


def test_extract_many_answers_each_text_in_order(client):
    answer = client.post("/extract_many", json={"texts": SENTENCES[:3], "year": 2024})
    assert answer.status_code == 200
    assert answer.json() == {"results": [expected(t, 2024) for t in SENTENCES[:3]]}
    assert client.post("/extract_many", json={"texts": []}).json() == {"results": []}


def test_a_text_too_long_too_many_texts_or_a_body_too_large_is_413(small):
    answer = small.post("/extract", json={"text": "a" * 501})
    assert answer.status_code == 413
    assert answer.json()["detail"] == "the text is 501 characters long; the limit is 500 characters per text"
    answer = small.post("/extract_many", json={"texts": ["Hà Nội.", "b" * 600]})
    assert answer.status_code == 413 and answer.json()["detail"].startswith("text 1 is 600 characters long")
    answer = small.post("/extract_many", json={"texts": ["Hà Nội."] * 4})
    assert answer.status_code == 413
    assert answer.json()["detail"] == "too many texts: 4; the limit is 3 per request"
    body = json.dumps({"texts": ["ệ" * 450] * 3}).encode()  # each text within limits, the body (\u1ec7...) not
    answer = small.post("/extract_many", content=body, headers={"content-type": "application/json"})
    assert answer.status_code == 413
    assert answer.json()["detail"] == "request body too large: the limit is 4000 bytes"

    def chunks():  # streamed without a Content-Length: counted as it arrives
        yield b'{"text": "'
        for _ in range(10):
            yield b"d" * 1000
        yield b'"}'

    answer = small.post("/extract", content=chunks(), headers={"content-type": "application/json"})
    assert answer.status_code == 413 and "4000 bytes" in answer.json()["detail"]


@pytest.mark.parametrize("body", [
    {"text": 5},                              # not a string
    {"texts": "one text"},                   # /extract wants text
    {"text": "Hà Nội.", "year": "2024"},     # a year is a number
    {"text": "Hà Nội.", "year": 0},          # and a real one
    {"text": "Hà Nội.", "doc_year": 2024},   # no such field
    {},
])
def test_a_wrong_request_is_422_with_the_field_named(client, body):
    answer = client.post("/extract", json=body)
    assert answer.status_code == 422
    assert answer.json()["detail"][0]["loc"][0] == "body"


def test_a_wrong_extract_many_request_or_broken_json_is_422(client):
    assert client.post("/extract_many", json={"texts": ["a", 2]}).status_code == 422
    assert client.post("/extract_many", json={"texts": "a"}).status_code == 422
    answer = client.post("/extract", content=b'{"text": ', headers={"content-type": "application/json"})
    assert answer.status_code == 422 and answer.json()["detail"][0]["type"] == "json_invalid"


def test_concurrent_requests_each_get_their_own_result(client, monkeypatch):
    import vn_govie.api

    real, running, most = vn_govie.api.extract_many, [0], [0]

    def watched(*args, **kwargs):  # how many extractions run at once (spaCy pipelines are not thread-safe)
        running[0] += 1
        most[0] = max(most[0], running[0])
        try:
            time.sleep(0.01)
            return list(real(*args, **kwargs))
        finally:
            running[0] -= 1

    monkeypatch.setattr(vn_govie.api, "extract_many", watched)

    def post(text):
        return text, client.post("/extract", json={"text": text, "year": 2024}).json()

    with ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(post, SENTENCES * 2))
    monkeypatch.undo()
    for text, answer in answers:
        assert answer == expected(text, 2024)
    assert most == [1]


def test_the_openapi_schema_documents_the_json_api(client):
    schema = client.get("/openapi.json").json()
    assert {"/extract", "/extract_many", "/health"} <= set(schema["paths"])
    assert "/" not in schema["paths"]  # the page is not part of the API
    assert set(schema["components"]["schemas"]["ExtractionOut"]["properties"]) == {
        "text", "entities", "relations", "officials", "events", "projects", "documents"}
    assert client.get("/docs").status_code == 200


ASSET_TYPES = {".js": ("text/javascript", "application/javascript"), ".css": ("text/css",), ".png": ("image/png",)}


@pytest.mark.parametrize("path", ["/docs", "/redoc"])
def test_the_documentation_pages_load_everything_from_the_app(client, path):
    page = client.get(path)
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "http://" not in page.text and "https://" not in page.text and "//cdn" not in page.text
    assets = re.findall(r'<(?:script|link)\b[^>]*?\b(?:src|href)="([^"]+)"', page.text)
    assert assets and all(url.startswith("/static/docs/") for url in assets), assets
    for url in assets:
        answer = client.get(url)
        assert answer.status_code == 200 and len(answer.content) > 1000, url
        assert answer.headers["content-type"].split(";")[0] in ASSET_TYPES[url[url.rindex("."):]], url
    policy = page.headers["content-security-policy"]
    assert policy.startswith("default-src 'none'; ") and "http" not in policy and "*" not in policy
    script_src = re.search(r"script-src ([^;]*)", policy).group(1).split()
    inline = re.findall(r"<script>(.*?)</script>", page.text, re.S)  # Swagger UI's start: allowed by its hash only
    assert script_src == ["'self'"] + [
        f"'sha256-{base64.b64encode(hashlib.sha256(s.encode()).digest()).decode()}'" for s in inline]
    assert "'unsafe-eval'" not in policy and "'unsafe-inline'" not in script_src


def test_the_documentation_pages_without_fastapi_offline_say_what_to_install(monkeypatch):
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *a: None if name == "fastapi_offline" else real(name, *a))
    plain = TestClient(create_app())  # not started: the pages need no pipeline
    for path in ("/docs", "/redoc"):
        page = plain.get(path)
        assert page.status_code == 503 and "<script" not in page.text
        assert "fastapi-offline" in page.text and "pip install &#x27;vn_govie[serve]&#x27;" in page.text
    assert plain.get("/static/docs/swagger-ui.css").status_code == 404
    assert plain.get("/openapi.json").status_code == 200


# --- the page, without a browser ---------------------------------------------------------------

def test_the_page_needs_nothing_from_the_network(client):
    page = client.get("/")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "<textarea" in page.text and 'type="file"' in page.text
    assert "<script" not in page.text and "http://" not in page.text and "https://" not in page.text
    assert "default-src 'none'" in page.headers["content-security-policy"]


def test_the_form_renders_pasted_text_and_uploaded_files(client):
    files = [("files", ("họp.txt", SENTENCES[1].encode("utf-8"), "text/plain")),
             ("files", ("<b>quyết định</b>.txt", "\ufeff".encode() + SENTENCES[3].encode("utf-8"), "text/plain"))]
    page = client.post("/", data={"text": SENTENCE, "year": "2024"}, files=files)
    assert page.status_code == 200
    assert page.text.count('<section class="result">') == 3
    assert "<h2>Pasted text</h2>" in page.text and "<h2>họp.txt</h2>" in page.text
    assert "<h2>&lt;b&gt;quyết định&lt;/b&gt;.txt</h2>" in page.text  # file names are escaped too
    assert 'data-label="PERSON"' in page.text and "Nguyễn Hương Giang" in page.text
    assert "<h3>Officials</h3>" in page.text


def test_the_form_says_what_is_wrong(small):
    page = small.post("/", data={"text": "  "})
    assert page.status_code == 422 and "paste a text or choose one or more .txt files" in page.text
    page = small.post("/", data={"text": ""}, files=[("files", ("x<y>.txt", b"caf\xe9 <", "text/plain"))])
    assert page.status_code == 422 and "x&lt;y&gt;.txt: not UTF-8" in page.text
    page = small.post("/", data={"text": SENTENCE, "year": "two thousand"})
    assert page.status_code == 422 and "the year must be a number" in page.text
    page = small.post("/", data={"text": "Hà Nội " * 80})
    assert page.status_code == 413 and "Pasted text is 560 characters long" in page.text
    page = small.post("/", data={"text": "a" * 5000})
    assert page.status_code == 413 and "request body too large" in page.text and "<textarea" in page.text


def test_serve_without_the_extra_is_one_line(monkeypatch, capsys):
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "fastapi" else real(name, *a))
    assert main(["serve"]) == 2
    err = capsys.readouterr().err
    assert err.strip() == "vn-govie: the web app needs fastapi: pip install 'vn_govie[serve]'"


def test_serve_with_a_missing_model_is_one_line(tmp_path, capsys):
    assert main(["serve", "--model", str(tmp_path)]) == 2
    assert "config.cfg is missing" in capsys.readouterr().err


# --- end to end: uvicorn and a real browser ------------------------------------------------------

@pytest.fixture(scope="module")
def server():
    """The app under uvicorn on a free port of 127.0.0.1, in a background thread."""
    import uvicorn

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    app = uvicorn.Server(uvicorn.Config(create_app(), log_level="warning"))
    thread = threading.Thread(target=app.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not app.started:
        assert thread.is_alive() and time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    app.should_exit = True
    thread.join(10)
    sock.close()


@pytest.fixture(scope="module")
def browser():
    """Headless chromium; its absence is a failure, not a skip (CI installs it, see .ci/run)."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    binary = shutil.which("chromium") or shutil.which("chromium-browser")
    driver_path = shutil.which("chromedriver")
    if binary is None or driver_path is None:
        pytest.fail("the browser tests need chromium and chromedriver: apt-get install chromium chromium-driver")
    options = webdriver.ChromeOptions()
    options.binary_location = binary
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                     "--window-size=1280,1200", "--no-first-run", "--disable-extensions",
                     "--disable-background-networking", "--disable-component-update", "--disable-sync"):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(executable_path=driver_path), options=options)
    driver.implicitly_wait(0)
    yield driver
    driver.quit()


def _submit(browser, text, year=""):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    form = browser.find_element(By.TAG_NAME, "form")
    browser.find_element(By.ID, "text").send_keys(text)
    if year:
        browser.find_element(By.ID, "year").send_keys(year)
    browser.find_element(By.ID, "submit").click()
    WebDriverWait(browser, 30).until(lambda b: not _attached(form))  # the answer page has replaced the form's


def _attached(element):
    from selenium.common.exceptions import StaleElementReferenceException

    try:
        element.is_enabled()
        return True
    except StaleElementReferenceException:
        return False


def test_concurrent_http_requests_to_uvicorn_each_get_their_own_result(server):
    def post(text):
        request = Request(f"{server}/extract", data=json.dumps({"text": text}).encode(),
                          headers={"content-type": "application/json"})
        with urlopen(request, timeout=60) as answer:
            return text, json.load(answer)

    with ThreadPoolExecutor(8) as pool:
        for text, answer in pool.map(post, SENTENCES):
            assert answer == expected(text)


def test_browser_paste_submit_and_see_the_entities_and_the_officials(server, browser):
    from selenium.webdriver.common.by import By

    browser.get(server)
    assert browser.title == "vn_govie"
    paragraph = f"{SENTENCE} {SENTENCES[3]}"
    _submit(browser, paragraph, "2024")
    people = browser.find_elements(By.CSS_SELECTOR, '.result mark[data-label="PERSON"]')
    names = [browser.execute_script("return arguments[0].firstChild.textContent", m) for m in people]
    assert names == ["Hà Minh Hải", "Nguyễn Hương Giang"]
    heading = browser.find_element(By.XPATH, "//h3[.='Officials']")
    table = heading.find_element(By.XPATH, "following-sibling::table[1]")
    rows = [[td.text for td in tr.find_elements(By.TAG_NAME, "td")] for tr in table.find_elements(By.CSS_SELECTOR, "tbody tr")]
    assert any("Hà Minh Hải" in row and "Phó Chủ tịch" in row for row in rows), rows
    assert browser.find_element(By.ID, "text").get_attribute("value").replace("\r\n", "\n") == paragraph
    assert browser.find_element(By.ID, "year").get_attribute("value") == "2024"


def test_browser_uploads_several_txt_files(server, browser, tmp_path):
    from selenium.webdriver.common.by import By

    hostile_name = tmp_path / "<img src=x onerror=window.pwned=3>.txt"
    hostile_name.write_text(SENTENCES[1], encoding="utf-8")
    plain = tmp_path / "bắc ninh.txt"
    plain.write_text(SENTENCES[3], encoding="utf-8")
    browser.get(server)
    browser.find_element(By.ID, "files").send_keys(f"{hostile_name}\n{plain}")
    form = browser.find_element(By.TAG_NAME, "form")
    browser.find_element(By.ID, "submit").click()
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(browser, 30).until(lambda b: not _attached(form))
    titles = [h.text for h in browser.find_elements(By.CSS_SELECTOR, ".result h2")]
    assert titles == [hostile_name.name, plain.name]
    assert browser.execute_script("return window.pwned") is None
    assert not browser.find_elements(By.CSS_SELECTOR, ".result img")
    assert len(browser.find_elements(By.CSS_SELECTOR, '.result mark[data-label="PERSON"]')) == 2


def test_browser_shows_script_in_the_input_as_text_and_never_runs_it(server, browser):
    from selenium.webdriver.common.by import By

    browser.get(server)
    _submit(browser, f"{HOSTILE} {SENTENCES[2]}")
    assert browser.title == "vn_govie"
    assert browser.execute_script("return window.pwned") is None
    assert browser.execute_script("return document.scripts.length") == 0
    assert not browser.find_elements(By.CSS_SELECTOR, ".result img")
    shown = browser.find_element(By.CSS_SELECTOR, ".result .vg-text").text
    assert HOSTILE in shown  # the markup is on the page as the words typed
    assert browser.find_elements(By.CSS_SELECTOR, '.result mark[data-label="PERSON"]')


def _resources(browser):
    return browser.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")


def test_browser_shows_the_swagger_ui_with_nothing_from_the_network(server, browser):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get_log("browser")  # what earlier tests left
    browser.get(f"{server}/docs")
    WebDriverWait(browser, 30).until(
        lambda b: b.find_elements(By.CSS_SELECTOR, '.swagger-ui .opblock-summary-path[data-path="/extract"]'))
    paths = [e.get_attribute("data-path") for e in browser.find_elements(By.CSS_SELECTOR, ".swagger-ui .opblock-summary-path")]
    assert paths == ["/health", "/extract", "/extract_many"]
    assert browser.find_element(By.CSS_SELECTOR, ".swagger-ui .info .title").text.startswith("vn_govie")
    loaded = _resources(browser)
    assert f"{server}/static/docs/swagger-ui-bundle.js" in loaded and f"{server}/openapi.json" in loaded
    assert all(url.startswith(server + "/") for url in loaded), loaded
    assert [entry for entry in browser.get_log("browser") if entry["level"] == "SEVERE"] == []


def test_browser_shows_redoc_with_nothing_from_the_network(server, browser):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get_log("browser")
    browser.get(f"{server}/redoc")
    WebDriverWait(browser, 30).until(lambda b: b.find_elements(By.CSS_SELECTOR, "redoc .api-content h2"))
    headings = [h.text for h in browser.find_elements(By.CSS_SELECTOR, "redoc .api-content h2")]
    assert "entities, relations and records of one text" in headings
    loaded = [url for url in _resources(browser) if not url.startswith(("blob:", "data:"))]
    assert f"{server}/static/docs/redoc.standalone.js" in loaded and f"{server}/openapi.json" in loaded
    # ReDoc's bundle asks for its maker's logo from a CDN: the page's CSP blocks it (and the page hides it)
    errors = [entry["message"] for entry in browser.get_log("browser") if entry["level"] == "SEVERE"]
    assert all("violates the following Content Security Policy directive" in e for e in errors), errors
    for url in loaded:
        assert url.startswith(server + "/") or any(f"'{url}'" in e for e in errors), url
    assert not browser.find_elements(By.CSS_SELECTOR, 'img[src^="http"]')

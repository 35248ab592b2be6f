"""`permitflow serve` behind a reverse proxy at a sub-path (https://intranet.kommun.se/permitflow/), as a
municipality's IT department puts it on the intranet: every address the page and its script ask for is
relative to the page (absolute "/api/..." left the prefix), a proxy that keeps the prefix is served with
--root-path, and what a proxy says in its headers is believed only from the addresses --trust-proxy names.
Through the requests, through a real proxy process (tests/web/prefixproxy.py) in front of a real server, and
in Debian's Chromium: run, answer, download the report, upload."""

from __future__ import annotations

import json
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from http.cookies import SimpleCookie
from pathlib import Path

import pytest
from chromium import CHROMIUM, launch, watch
from weblog import simulated_log, swedish_export

from bpmn_io.library import library_paths

starlette_testclient = pytest.importorskip("starlette.testclient")
from web.app import create_app  # noqa: E402 - after the skip when starlette is absent
from web.proxy import trusted_proxies  # noqa: E402

HERE = Path(__file__).parent
ROOT = HERE.parent.parent
TOKEN = "intranet-token-0123456789"
LOCAL = ("127.0.0.1", 50000)  # the proxy's address, as the server sees it


def _addresses(html: str) -> list[str]:
    return re.findall(r'(?:href|src)="([^"]*)"', html)


def test_the_page_and_its_script_ask_only_for_addresses_relative_to_the_page():
    # "/static/app.js" and fetch("/api/setup") left https://intranet/permitflow/ for https://intranet/static/...
    with starlette_testclient.TestClient(create_app(workers=0)) as c:
        page = c.get("/").text
        script = c.get("static/app.js").text
    assert _addresses(page) == ["data:,", "static/app.css", "static/app.js"]
    code = "\n".join(line for line in script.splitlines() if not line.lstrip().startswith("//"))
    asked = re.findall(r"""["'`](/?api/[^"'`$]*)""", code)
    assert asked and all(a.startswith("api/") for a in asked), asked
    assert not re.search(r"""["'`]/(?:api|static)\b""", code)


def test_a_proxy_that_keeps_the_prefix_is_served_under_root_path_and_one_that_strips_it_too():
    app = create_app(workers=0, root_path="/permitflow")
    with starlette_testclient.TestClient(app, follow_redirects=False) as c:
        for base in ("/permitflow/", "/"):  # kept, stripped
            assert "static/app.js" in c.get(base).text
            assert c.get(base + "static/app.css").status_code == 200
            assert c.get(base + "api/setup").json()["levers"]
        # the prefix without its slash: the page's relative addresses would miss the prefix
        bare = c.get("/permitflow")
        assert (bare.status_code, bare.headers["location"]) == (308, "permitflow/")
        # an address no route answers links back to the page relative to itself
        lost = c.get("/permitflow/api/nothing/here")
        assert lost.status_code == 404 and lost.json()["error"].startswith("There is no such page")
        lost = c.get("/permitflow/old/bookmark")
        assert lost.status_code == 404 and _addresses(lost.text) == ["../"]
        # no redirect to an absolute http://host/... outside the prefix and its https
        assert c.get("/permitflow/api/setup/").status_code == 404


def test_the_token_cookie_stays_under_the_prefix_and_is_secure_over_https_only_from_a_trusted_proxy():
    proxy = {"X-Forwarded-Prefix": "/permitflow", "X-Forwarded-Proto": "https"}
    trusted = create_app(workers=0, token=TOKEN, proxies=trusted_proxies("127.0.0.1"))
    with starlette_testclient.TestClient(trusted, client=LOCAL, base_url="https://intranet") as c:
        cookie = SimpleCookie(c.get(f"/?token={TOKEN}", headers=proxy).headers["set-cookie"])["permitflow_token"]
        assert (cookie["path"], cookie["secure"], cookie["httponly"]) == ("/permitflow/", True, True)
        assert c.get("/permitflow/api/setup", headers=proxy).status_code == 200  # the cookie carries the token
        assert c.get("/elsewhere/api/setup", headers=proxy).status_code == 401  # another application's address
        bad = c.get("/", headers={"X-Forwarded-Prefix": "permitflow/../x", "X-Permitflow-Token": TOKEN})
        assert bad.status_code == 400 and bad.text.count("\n") == 1 and "X-Forwarded-Prefix" in bad.text
    # anyone else says what they like: not believed, and the cookie is the browser's default for the page's folder
    with starlette_testclient.TestClient(trusted, client=("10.1.2.3", 50000)) as c:
        cookie = SimpleCookie(c.get(f"/?token={TOKEN}", headers=proxy).headers["set-cookie"])["permitflow_token"]
        assert (cookie["path"], cookie["secure"]) == ("", "")
    # and without --trust-proxy, not from the proxy's address either
    with starlette_testclient.TestClient(create_app(workers=0, token=TOKEN), client=LOCAL) as c:
        cookie = SimpleCookie(c.get(f"/?token={TOKEN}", headers=proxy).headers["set-cookie"])["permitflow_token"]
        assert (cookie["path"], cookie["secure"]) == ("", "")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def _behind_proxy(strip: bool, proto: str = "https", *, options: list[str] | None = None,
                  prefix: str = "/permitflow", log: list[str] | None = None) -> Iterator[str]:
    """A real `permitflow serve` behind the proxy process at ``prefix`` (stripped or kept, the server told the
    prefix only when kept, or given ``options`` instead; ``proto``: what the proxy says the browser used): the
    page's address through the proxy; the server's standard error added to ``log`` once it has stopped."""
    port = _free_port()
    if options is None:
        kept = [] if strip else ["--root-path", prefix]
        options = ["--token", TOKEN, "--trust-proxy", "127.0.0.1", *kept]
    server = subprocess.Popen([sys.executable, "-m", "cli", "serve", "--port", str(port), "--workers", "1",
                               *options], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    proxy = subprocess.Popen([sys.executable, str(HERE / "prefixproxy.py"), "--to", str(port), "--prefix",
                              prefix, "--proto", proto, *(["--strip"] if strip else [])],
                             stdout=subprocess.PIPE, text=True)
    try:
        assert proxy.stdout is not None
        base = f"http://127.0.0.1:{proxy.stdout.readline().strip()}{prefix}/"
        for _ in range(600):  # until the server answers through the proxy (a prefix that does not match: 404)
            try:
                _ask(base + "api/setup")
                break
            except urllib.error.HTTPError as err:
                assert err.code in (404, 502), err.read()
                if err.code == 404:
                    break
            except OSError:
                pass
            assert server.poll() is None, server.communicate()
            time.sleep(0.1)
        yield base
    finally:
        proxy.kill()
        proxy.wait(10)
        server.send_signal(signal.SIGTERM)
        (log if log is not None else []).append(server.communicate(timeout=30)[1])


def _ask(url: str, body: bytes | None = None, kind: str = "application/json") -> bytes:
    req = urllib.request.Request(url, data=body, headers={"Content-Type": kind, "X-Permitflow-Token": TOKEN})
    with urllib.request.urlopen(req, timeout=120) as reply:
        return reply.read()  # type: ignore[no-any-return]


def _form(fields: dict[str, str], files: dict[str, tuple[str, bytes]]) -> bytes:
    """A multipart body (boundary ``b``) of ``fields`` and ``files`` (name: (file name, bytes))."""
    parts = [f'--b\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode() for k, v in fields.items()]
    parts += [f'--b\r\nContent-Disposition: form-data; name="{k}"; filename="{n}"\r\n\r\n'.encode() + data + b"\r\n"
              for k, (n, data) in files.items()]
    return b"".join([*parts, b"--b--\r\n"])


def _upload_body(name: str) -> bytes:
    model, profile = (p.read_bytes() for p in library_paths(name))
    return _form({"name": "Egen"}, {"model": ("m.bpmn", model), "profile": ("p.yaml", profile)})


@pytest.mark.slow
@pytest.mark.parametrize("strip", [True, False], ids=["prefix-stripped", "prefix-kept"])
def test_every_address_of_the_page_works_through_a_proxy_under_a_prefix(strip: bool, tmp_path: Path):
    with _behind_proxy(strip) as base:
        page = _ask(base).decode()
        for address in _addresses(page)[1:]:  # the stylesheet and the script, relative to the page
            assert _ask(base + address)
        upload = json.loads(_ask(base + "api/uploads", _upload_body("bjuv"), "multipart/form-data; boundary=b"))
        asked = {"municipalities": ["astorp"], "uploads": [upload["id"]],
                 "levers": {"replications": 2, "years": 0.25, "officers": 2}}
        run = json.loads(_ask(base + "api/runs", json.dumps(asked).encode()))
        for _ in range(1200):
            shown = json.loads(_ask(base + f"api/runs/{run['id']}"))
            if shown["state"] != "running":
                break
            time.sleep(0.1)
        assert shown["state"] == "done", shown
        for place in shown["answer"]["municipalities"]:  # the diagram's address the answer names
            assert _ask(base + place["diagram"]["url"]).startswith(b"<svg")
        assert _ask(base + f"api/runs/{run['id']}/report").lstrip().lower().startswith(b"<!doctype html")
        assert _ask(base + f"api/runs/{run['id']}/results.csv?lang=sv").startswith("\ufeff".encode())
        assert b"set:" in _ask(base + "api/scenario", json.dumps(asked).encode())
        # a case log's calibration and its validation page, which the page links to (a new tab)
        log = swedish_export(simulated_log(tmp_path))
        sent = json.loads(_ask(base + "api/logs", _form({"library": "hoganas"}, {"log": ("export.csv", log)}),
                               "multipart/form-data; boundary=b"))
        validation = _ask(base + f"api/uploads/{sent['id']}/validation").decode()
        assert "<html" in validation and not re.search(r'(?:href|src)="/', validation)
        # an address no route answers: its link back is relative, so it leads to the page under the prefix
        with pytest.raises(urllib.error.HTTPError) as lost:
            _ask(base + "old/bookmark")
        assert lost.value.code == 404 and _addresses(lost.value.read().decode()) == ["../"]


@pytest.mark.slow
@pytest.mark.browser
@pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium (make browser)")
def test_a_manager_runs_reads_downloads_and_uploads_through_the_proxy_in_chromium(tmp_path: Path):
    sync_api = pytest.importorskip("playwright.sync_api")
    messages: list[str] = []
    outside: list[str] = []
    # the proxy says http as the browser's address is: a cookie marked Secure is not kept from an http page
    with _behind_proxy(strip=False, proto="http") as base, sync_api.sync_playwright() as p:
        browser = launch(p)
        try:
            page = browser.new_page(accept_downloads=True)
            watch(page, messages)
            page.on("request", lambda r: None if r.url.startswith((base, "blob:", "data:")) else outside.append(r.url))
            page.goto(base + f"?token={TOKEN}&lang=sv", wait_until="load")
            page.wait_for_selector("body[data-ready='1']")
            page.fill("#lever-replications", "2")
            page.click("#run")
            page.wait_for_selector("body[data-runs='1']", timeout=120_000)
            assert page.locator("#results .sentence").first.inner_text().startswith("Helsingborg:")
            page.locator(".diagram svg").first.wait_for()  # fetched from the address the answer names
            with page.expect_download(timeout=120_000) as reporting:
                page.click("#report")
            saved = tmp_path / "report.html"
            reporting.value.save_as(saved)
            assert "Helsingborg" in saved.read_text(encoding="utf-8")
            model, profile = library_paths("bjuv")
            page.set_input_files("#up-model", str(model))
            page.set_input_files("#up-profile", str(profile))
            page.click("#up-send")
            page.wait_for_selector("#places input[data-upload]:checked", timeout=120_000)
            page.uncheck("[data-place='helsingborg']")
            page.click("#run")
            page.wait_for_selector("body[data-runs='2']", timeout=120_000)
            assert page.locator("#results h3").all_inner_texts() == ["Bjuv"]
        finally:
            browser.close()
    assert not outside, outside  # nothing asked outside the prefix
    assert not [m for m in messages if "error" in m.lower()], messages


def test_the_prefix_without_its_slash_is_redirected_with_the_token_the_address_carried():
    # "https://intranet/permitflow?token=..." typed or bookmarked without the slash: the token went with the
    # redirect's dropped query, and the page that followed was refused for want of it
    with starlette_testclient.TestClient(create_app(workers=0, token=TOKEN, root_path="/permitflow")) as c:
        bare = c.get(f"/permitflow?token={TOKEN}", follow_redirects=False)
        assert (bare.status_code, bare.headers["location"]) == (308, f"permitflow/?token={TOKEN}")
        assert c.get(f"/permitflow?token={TOKEN}").status_code == 200


def _refused(url: str, lang: str) -> tuple[int, str]:
    """What the server answered ``url`` with, asked by a browser that reads ``lang`` first (with the
    token)."""
    first = f"{lang},en;q=0.5" if lang == "sv" else lang
    req = urllib.request.Request(url, headers={"Accept-Language": first, "X-Permitflow-Token": TOKEN})
    try:
        with urllib.request.urlopen(req, timeout=60) as reply:
            return reply.status, reply.read().decode()
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode()


_MISMATCH = {"sv": "servern och intranätets webbserver är inställda på olika adresser",
             "en": "the server and the intranet's web server are set up for different addresses"}


@pytest.mark.slow
def test_a_proxy_that_keeps_a_prefix_the_server_was_not_told_gets_one_page_and_one_log_line():
    # nginx's proxy_pass without the slash after the port, and no --root-path: every address was a bare 404
    log: list[str] = []
    with _behind_proxy(False, options=[], log=log) as base:
        for lang in ("sv", "en"):
            status, page = _refused(base, lang)
            assert status == 404 and f'<html lang="{lang}">' in page and _MISMATCH[lang] in page
            # what to change; what arrived
            assert "--root-path /permitflow" in page and "/permitflow/," in page
            assert 'class="detail"' in page and "<style>" in page  # the detail for IT, the page's own look
        status, said = _refused(base + "api/setup", "sv")  # the page's script: its message in both languages
        reply = json.loads(said)
        assert status == 404 and _MISMATCH["en"] in reply["error"] and _MISMATCH["sv"] in reply["error_sv"]
        assert "--root-path /permitflow" in reply["error"] and "--root-path /permitflow" in reply["error_sv"]
    lines = [line for line in log[0].splitlines() if "GET /permitflow/:" in line]
    assert len(lines) == 2 and lines[0] == (
        "permitflow serve: GET /permitflow/: the proxy's prefix and the server's do not match. The request "
        "reached the server as /permitflow/, but the server serves its pages under / (it was started without "
        "--root-path): the proxy in front keeps /permitflow in the address. Start permitflow serve with "
        "--root-path /permitflow, or have the proxy strip /permitflow before it forwards (nginx: a slash "
        "after the port in proxy_pass).")


def _without_token(url: str) -> tuple[int, str, str | None]:
    """What the server answered ``url`` with, asked as a monitor asks: no token, no cookie."""
    try:
        with urllib.request.urlopen(urllib.request.Request(url), timeout=60) as reply:
            return reply.status, reply.read().decode(), reply.headers.get("set-cookie")
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode(), err.headers.get("set-cookie")


@pytest.mark.slow
def test_a_monitor_s_health_check_under_a_prefix_that_does_not_match_is_told_so_without_the_token():
    # found by QA (qamsg): with a token, /permitflow/healthz through a proxy that keeps the prefix answered
    # 401 (the token is checked first), and the monitor's setup looked like a missing token; /healthz needs
    # none
    log: list[str] = []
    with _behind_proxy(False, options=["--token", TOKEN], log=log) as base:
        status, page, cookie = _without_token(base + "healthz")
        assert status == 404 and _MISMATCH["sv"] in page and "--root-path /permitflow" in page
        assert cookie is None and TOKEN not in page
        # nothing else under the prefix gets past the token: the page, its script's addresses, a deeper
        # healthz
        for address in ("", "api/setup", "api/runs/healthz", "static/healthz"):
            assert _without_token(base + address)[0] == 401, address
    said = [line for line in log[0].splitlines() if "GET /permitflow/healthz:" in line]
    assert len(said) == 1 and "Start permitflow serve with --root-path /permitflow" in said[0]


@pytest.mark.slow
def test_a_proxy_under_another_prefix_than_root_path_is_told_apart_from_an_ordinary_wrong_address():
    log: list[str] = []
    options = ["--token", TOKEN, "--root-path", "/permitflow"]
    with _behind_proxy(False, options=options, prefix="/permit", log=log) as base:
        for lang, started in (("sv", "servern startades med --root-path /permitflow"),
                              ("en", "the server was started with --root-path /permitflow")):
            status, page = _refused(base, lang)
            assert status == 404 and _MISMATCH[lang] in page and started in page
            assert "--root-path /permit," in page  # or the proxy under /permitflow/
        # an address the server has under no prefix is an ordinary wrong one: no guess about the proxy
        status, page = _refused(base + "old/bookmark", "en")
        assert status == 404 and "There is no such page" in page and _MISMATCH["en"] not in page
    said = [line for line in log[0].splitlines() if "GET /permit/:" in line]
    assert len(said) == 2, said
    assert all("as /permit/, but the server was started with --root-path /permitflow" in s for s in said)


def test_the_page_s_address_under_a_prefix_without_a_sign_of_a_proxy_is_an_ordinary_wrong_address():
    # /permitflow/ typed on the server's own port cannot be told from a proxy that forwards it without a
    # header: said as any wrong address, whose link finds the page; a proxy's header, or the token, tells
    # them apart
    from liveserver import serving

    with serving(create_app(workers=0)) as base:
        status, page = _refused(base + "permitflow/", "en")
        assert status == 404 and "There is no such page" in page and _addresses(page) == ["../"]
        for sign in ("permitflow/?token=x", "permitflow/"):
            proxied = {} if "?" in sign else {"X-Forwarded-For": "10.0.0.9"}
            req = urllib.request.Request(base + sign, headers=proxied)
            with pytest.raises(urllib.error.HTTPError) as refused:
                urllib.request.urlopen(req, timeout=60)
            assert refused.value.code == 404 and _MISMATCH["sv"] in refused.value.read().decode()


def test_a_prefix_is_looked_for_in_an_address_s_first_segments_only():
    # a 404 of thousands of segments is looked through no further than a prefix's most (web.wrongprefix)
    from web.wrongprefix import MOST_SEGMENTS, arrived_under

    asked: list[str] = []

    def answers(path: str) -> bool:
        asked.append(path)
        return path == "/api/setup"

    deep = "/a" * MOST_SEGMENTS
    assert arrived_under(deep + "/api/setup", "", answers, sign=False) == deep
    asked.clear()
    assert arrived_under("/a" * 5000 + "/api/setup", "", answers, sign=False) is None
    assert len(asked) == MOST_SEGMENTS


@pytest.mark.slow
def test_a_proxy_that_strips_the_prefix_of_a_server_told_nothing_needs_no_page_of_its_own():
    # the third common setup the brief named: the prefix stripped, no --root-path (nor --trust-proxy): the
    # page's relative addresses work, so there is no mismatch to say
    log: list[str] = []
    with _behind_proxy(True, options=[], log=log) as base:
        assert "static/app.js" in _ask(base).decode()
        assert json.loads(_ask(base + "api/setup"))["levers"]
    assert "do not match" not in log[0]

"""links/external.py against http.server instances on 127.0.0.1 only (never the internet); small timeouts.
Waits go to a fake `sleep` that records what it was asked for (no test measures the wall clock)."""

from __future__ import annotations

import http.server
import json
import socket
import threading
import time
from pathlib import Path

import pytest

from disclosure.links.check import CheckResult
from disclosure.links.external import ExternalChecker, ExternalOptions, parse_retry_after


class Handler(http.server.BaseHTTPRequestHandler):
    hits: dict[str, int] = {}
    methods: list[tuple[str, str]] = []

    def log_message(self, *args) -> None:  # silence
        pass

    def do_HEAD(self) -> None:
        self.handle_any("HEAD")

    def do_GET(self) -> None:
        self.handle_any("GET")

    def handle_any(self, method: str) -> None:
        Handler.hits[self.path] = Handler.hits.get(self.path, 0) + 1
        Handler.methods.append((method, self.path))
        route = ROUTES.get(self.path.split("?")[0], lambda h, m: h.reply(404))
        route(self, method)

    def reply(self, status: int, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.send_header("Content-Length", "0")
        self.end_headers()


def _too_many(handler: Handler, method: str) -> None:
    """429 with the Retry-After of the query (`/limited?7` → 7 seconds) the first time, then 200."""
    first = Handler.hits[handler.path] == 1
    handler.reply(429, {"Retry-After": handler.path.partition("?")[2]}) if first else handler.reply(200)


def _slow(handler: Handler, method: str) -> None:
    time.sleep(1.0)
    handler.reply(200)


ROUTES = {
    "/ok": lambda h, m: h.reply(200),
    "/%E4%B8%AD%E6%96%87": lambda h, m: h.reply(200),
    "/gone": lambda h, m: h.reply(410),
    "/error": lambda h, m: h.reply(500),
    "/limited": _too_many,
    "/slow": _slow,
    "/r1": lambda h, m: h.reply(301, {"Location": "/r2"}),
    "/r2": lambda h, m: h.reply(302, {"Location": "r3"}),
    "/r3": lambda h, m: h.reply(307, {"Location": "/ok"}),
    "/loop-a": lambda h, m: h.reply(302, {"Location": "/loop-b"}),
    "/loop-b": lambda h, m: h.reply(302, {"Location": "/loop-a"}),
    "/head-refused": lambda h, m: h.reply(405) if m == "HEAD" else h.reply(200),
}


@pytest.fixture
def server():
    Handler.hits, Handler.methods = {}, []
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def refused_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]  # closed again: nothing listens there


def checker(sleeps: list[float] | None = None, clock=None, **options) -> ExternalChecker:
    """A checker whose waits are appended to `sleeps` instead of slept; `clock` replaces time.monotonic."""
    defaults = dict(timeout=10.0, host_interval=0.0, retries=1, backoff=0.01, max_retry_after=1.0)
    record = sleeps if sleeps is not None else []
    return ExternalChecker(ExternalOptions(**{**defaults, **options}), sleep=record.append,
                           **({"clock": clock} if clock else {}))


def test_statuses_redirects_and_failures(server: str):
    urls = {name: f"{server}/{name}" for name in ("ok", "gone", "error", "missing", "r1", "loop-a", "head-refused")}
    urls["refused"] = f"http://127.0.0.1:{refused_port()}/x"
    urls["chinese"] = f"{server}/中文"
    outcomes = checker().check_all(list(urls.values()))
    verdict = {name: outcomes[url] for name, url in urls.items()}
    assert {name for name, o in verdict.items() if o.ok} == {"ok", "r1", "head-refused", "chinese"}
    assert verdict["gone"].reason.startswith("HTTP 410")
    assert verdict["missing"].reason.startswith("HTTP 404")
    assert verdict["error"].reason.startswith("HTTP 500")
    assert "重定向循环" in verdict["loop-a"].reason
    assert verdict["refused"].reason == "连接被拒绝"
    assert Handler.hits["/error"] == 2  # retried once
    assert Handler.hits["/gone"] == 1  # a 410 is final
    assert ("GET", "/head-refused") in Handler.methods and ("GET", "/ok") not in Handler.methods


def test_timeout_is_reported(server: str):
    outcome = checker(timeout=0.2, retries=0).check_url(f"{server}/slow")
    assert not outcome.ok and outcome.reason == "连接超时"


def test_retry_after_is_honoured_up_to_its_limit(server: str):
    sleeps: list[float] = []
    outcome = checker(sleeps, backoff=5.0, max_retry_after=10.0).check_url(f"{server}/limited?3")
    assert outcome.ok and Handler.hits["/limited?3"] == 2
    assert sleeps == [3.0]  # Retry-After, not the 5 s backoff
    sleeps.clear()
    assert checker(sleeps, backoff=5.0, max_retry_after=10.0).check_url(f"{server}/limited?60").ok
    assert sleeps == [10.0]  # a longer Retry-After is cut to max_retry_after


def test_backoff_doubles_between_retries(server: str):
    sleeps: list[float] = []
    outcome = checker(sleeps, retries=3, backoff=0.5).check_url(f"{server}/error")
    assert not outcome.ok and Handler.hits["/error"] == 4
    assert sleeps == [0.5, 1.0, 2.0]


def test_hop_limit(server: str):
    outcome = checker(max_redirects=2).check_url(f"{server}/r1")
    assert not outcome.ok and "重定向次数过多" in outcome.reason


def test_per_host_rate_limit(server: str):
    """With the clock standing still, the n-th request to a host waits n intervals; each host has its own."""
    sleeps: list[float] = []
    other_host = server.replace("127.0.0.1", "localhost")
    urls = [f"{host}/ok?{i}" for host in (server, other_host) for i in range(5)]
    checker(sleeps, clock=lambda: 100.0, host_interval=0.1, concurrency=4).check_all(urls)
    assert sorted(sleeps) == pytest.approx([0.1, 0.1, 0.2, 0.2, 0.3, 0.3, 0.4, 0.4])


def test_cache_with_ttl(server: str, tmp_path: Path):
    cache = tmp_path / "cache.json"
    url = f"{server}/ok"
    checker(cache_file=str(cache)).check_all([url])
    assert json.loads(cache.read_text(encoding="utf-8"))[url]["ok"] is True
    checker(cache_file=str(cache)).check_all([url])
    assert Handler.hits["/ok"] == 1  # answered from the cache
    checker(cache_file=str(cache), cache_ttl=0.0).check_all([url])
    assert Handler.hits["/ok"] == 2  # expired


def test_check_into_reports_pages_and_ignores_patterns(server: str):
    result = CheckResult(external={
        f"{server}/gone": [("gkml/a/index.html", f"{server}/gone#x")],
        f"{server}/error": [("gkml/b/index.html", f"{server}/error")],
    })
    checker(ignore=[r"/error$"]).check_into(result, None)
    assert [(b.page, b.url, b.source) for b in result.broken] == [("gkml/a/index.html", f"{server}/gone#x", None)]
    assert "/error" not in Handler.hits


def test_retry_after_parsing():
    assert parse_retry_after("3") == 3.0
    assert parse_retry_after(None) is None
    assert parse_retry_after("soon") is None
    assert parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT") == 0.0

"""`--external`: links to other hosts, checked with stdlib threads (bounded concurrency, per-host rate limit,
HEAD then GET, redirects with a hop limit and loop detection, 429 Retry-After, retries with backoff, a cache)."""

from __future__ import annotations

import http.client
import re
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from typing import Callable
from urllib.parse import quote, urljoin, urlsplit

from .cache import ResultCache
from .check import Broken, CheckResult
from .sources import SourceLocator

SAFE_PATH = "/%:@!$&'()*+,;=-._~?"


@dataclass
class ExternalOptions:
    timeout: float = 10.0  # seconds, per request
    concurrency: int = 8  # requests in flight
    host_interval: float = 0.2  # seconds between two requests to one host
    max_redirects: int = 10
    retries: int = 2  # after the first attempt, for 429, 5xx, timeouts and refused connections
    backoff: float = 0.5  # seconds, doubled each retry
    max_retry_after: float = 30.0  # longest Retry-After honoured
    ignore: list[str] = field(default_factory=list)  # regular expressions over URLs
    cache_file: str | None = None
    cache_ttl: float = 24 * 3600.0  # seconds
    progress: bool = False
    user_agent: str = "Mozilla/5.0 (compatible; disclosure-links/0.1)"


@dataclass(frozen=True)
class Outcome:
    ok: bool
    reason: str = ""
    transient: bool = False  # worth retrying
    retry_after: float | None = None


class HostPacer:
    """At most one request per `interval` seconds to each host."""

    def __init__(self, interval: float, sleep: Callable[[float], None] = time.sleep,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.interval = interval
        self.next_time: dict[str, float] = {}
        self.lock = threading.Lock()
        self.sleep, self.clock = sleep, clock

    def wait(self, host: str) -> None:
        with self.lock:
            now = self.clock()
            start = max(now, self.next_time.get(host, now))
            self.next_time[host] = start + self.interval
        if start > now:
            self.sleep(start - now)


class ExternalChecker:
    """`sleep` and `clock` are the waits and the time the checker uses (tests pass fakes)."""

    def __init__(self, options: ExternalOptions, sleep: Callable[[float], None] = time.sleep,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.options = options
        self.sleep = sleep
        self.pacer = HostPacer(options.host_interval, sleep, clock)
        self.ignore = [re.compile(pattern) for pattern in options.ignore]

    def check_into(self, result: CheckResult, locator: SourceLocator | None) -> None:
        """Check every external URL collected in `result`; append the broken ones with their sources."""
        urls = [url for url in result.external if not any(p.search(url) for p in self.ignore)]
        for url, outcome in sorted(self.check_all(urls).items()):
            if outcome.ok:
                continue
            for page, written in result.external[url]:
                source = locator.locate(page, written, None) if locator else None
                result.broken.append(Broken(page, written, outcome.reason, source))

    def check_all(self, urls: list[str]) -> dict[str, Outcome]:
        cache = ResultCache(self.options.cache_file, self.options.cache_ttl)
        outcomes = {url: Outcome(hit[0], hit[1]) for url in urls if (hit := cache.get(url)) is not None}
        todo = [url for url in urls if url not in outcomes]
        with ThreadPoolExecutor(max_workers=max(1, self.options.concurrency)) as pool:
            futures = {pool.submit(self.check_url, url): url for url in todo}
            for done, future in enumerate(as_completed(futures), 1):
                outcomes[futures[future]] = outcome = future.result()
                cache.put(futures[future], outcome.ok, outcome.reason)
                self._progress(done, len(todo))
        cache.save()
        return outcomes

    def _progress(self, done: int, total: int) -> None:
        if self.options.progress:
            width = 30
            filled = width * done // max(total, 1)
            sys.stderr.write(f"\r外部链接 [{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
            if done == total:
                sys.stderr.write("\n")
            sys.stderr.flush()

    def check_url(self, url: str) -> Outcome:
        outcome = Outcome(False, "未检查")
        for attempt in range(self.options.retries + 1):
            outcome = self.follow(url)
            if not outcome.transient or attempt == self.options.retries:
                break
            delay = self.options.backoff * 2 ** attempt
            if outcome.retry_after is not None:
                delay = min(outcome.retry_after, self.options.max_retry_after)
            self.sleep(delay)
        return outcome

    def follow(self, url: str) -> Outcome:
        """One attempt: HEAD (GET when HEAD is refused), following redirects."""
        seen = {url}
        current = url
        for _ in range(self.options.max_redirects + 1):
            status, headers = self.request(current, "HEAD")
            if status in (405, 501):
                status, headers = self.request(current, "GET")
            if isinstance(status, Outcome):
                return status
            if status in (301, 302, 303, 307, 308) and headers.get("location"):
                try:
                    current = urljoin(current, headers["location"])
                except ValueError:
                    return Outcome(False, f"重定向地址无效（{headers['location'][:100]}）")
                if current in seen:
                    return Outcome(False, f"重定向循环（回到 {current}）")
                seen.add(current)
                continue
            return status_outcome(status, headers)
        return Outcome(False, f"重定向次数过多（超过 {self.options.max_redirects} 次）")

    def request(self, url: str, method: str) -> tuple[int | Outcome, dict[str, str]]:
        try:
            split = urlsplit(url)
            port = split.port
        except ValueError:  # "http://[x/", "http://host:99999/"
            return Outcome(False, "网址格式不对"), {}
        if split.scheme not in ("http", "https") or not split.hostname:
            return Outcome(False, "不支持的链接地址"), {}
        self.pacer.wait(split.netloc.lower())
        connection_class = http.client.HTTPSConnection if split.scheme == "https" else http.client.HTTPConnection
        connection = connection_class(split.hostname, port, timeout=self.options.timeout)
        path = quote(split.path or "/", safe=SAFE_PATH) + (f"?{quote(split.query, safe=SAFE_PATH)}" if split.query else "")
        try:
            connection.request(method, path, headers={"User-Agent": self.options.user_agent, "Accept": "*/*"})
            response = connection.getresponse()
            headers = {k.lower(): v for k, v in response.getheaders()}
            return response.status, headers
        except (TimeoutError, OSError, http.client.HTTPException) as error:
            return network_outcome(error), {}
        finally:
            connection.close()


def status_outcome(status: int, headers: dict[str, str]) -> Outcome:
    if status < 400:
        return Outcome(True)
    if status == 429:
        return Outcome(False, "HTTP 429：请求过多，对方网站限制了访问频率", True, parse_retry_after(headers.get("retry-after")))
    labels = {404: "页面不存在", 410: "页面已被永久删除", 403: "禁止访问", 401: "需要登录"}
    label = labels.get(status, "服务器错误" if status >= 500 else "请求失败")
    return Outcome(False, f"HTTP {status}：{label}", status >= 500)


def network_outcome(error: Exception) -> Outcome:
    if isinstance(error, TimeoutError) or "timed out" in str(error):
        return Outcome(False, "连接超时", True)
    if isinstance(error, ConnectionRefusedError):
        return Outcome(False, "连接被拒绝", True)
    if isinstance(error, OSError) and "Name or service not known" in str(error):
        return Outcome(False, "域名无法解析")
    return Outcome(False, f"无法访问：{error}", True)


def parse_retry_after(value: str | None) -> float | None:
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        return max(0.0, parsedate_to_datetime(value).timestamp() - time.time())
    except (TypeError, ValueError):
        return None

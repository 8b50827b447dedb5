"""What every benchmark module gets: a bench database, a gunicorn server, timers, results.

A benchmark module is ``tests/benchmarks/bench_<name>.py`` with ``def run(bench: Bench)``.
It runs in this process with Django set up on the bench database, so it may create data
with the ORM or the real actions, then time pages with :meth:`Bench.median_ms` or anything
else with :meth:`Bench.timed`, and report with :meth:`Bench.record`::

    def run(bench):
        cookie = bench.session_cookie(user)
        bench.record("page.dashboard_50k.median_ms",
                     bench.median_ms("/fr/my-data/", cookie=cookie), "ms",
                     baseline="page.minimal.median_ms")

``record`` computes ``ratio = value / baseline_value`` against a figure measured earlier in
the same run, so that the ratio holds on a noisy machine.
"""

import http.client
import socket
import statistics
import subprocess
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent


@dataclass
class Result:
    """One benchmark figure and the baseline it is compared with."""

    name: str
    value: float
    unit: str
    baseline: str | None = None
    baseline_value: float | None = None
    ratio: float | None = None
    extra: dict = field(default_factory=dict)

    def as_json(self) -> dict:
        data = {
            "name": self.name,
            "value": round(self.value, 3),
            "unit": self.unit,
            "baseline": self.baseline,
            "baseline_value": None
            if self.baseline_value is None
            else round(self.baseline_value, 3),
            "ratio": None if self.ratio is None else round(self.ratio, 3),
        }
        data.update(self.extra)
        return data


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Bench:
    """A benchmark run: its server, its environment and the figures measured so far."""

    def __init__(self, env: dict[str, str]):
        self.env = env
        self.results: dict[str, Result] = {}
        self.port = free_port()
        self.server: subprocess.Popen | None = None

    # --- server -----------------------------------------------------------
    def start_server(self, workers: int = 2) -> None:
        """Serve the portal with gunicorn on loopback, as in production."""
        self.server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "citizenpass.wsgi",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(workers),
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=self.env,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                status, _ = self.get("/bench/minimal")
                if status == 200:
                    return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("gunicorn did not start")

    def stop_server(self) -> None:
        if self.server and self.server.poll() is None:
            self.server.terminate()
            self.server.wait(timeout=20)

    def restart_server(self) -> None:
        """Restart so that workers drop caches warmed by earlier benchmarks."""
        self.stop_server()
        self.start_server()

    # --- HTTP -------------------------------------------------------------
    def _headers(self, cookie: str | None, headers: dict | None) -> dict:
        all_headers = {"Host": "127.0.0.1", "Connection": "keep-alive"}
        if cookie:
            all_headers["Cookie"] = cookie
        all_headers.update(headers or {})
        return all_headers

    def get(self, path: str, cookie: str | None = None, headers: dict | None = None):
        """One GET on the server: (status, body)."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
        try:
            connection.request("GET", path, headers=self._headers(cookie, headers))
            response = connection.getresponse()
            return response.status, response.read()
        finally:
            connection.close()

    def median_ms(
        self,
        path: str,
        requests: int = 200,
        warmup: int = 20,
        cookie: str | None = None,
        headers: dict | None = None,
        expect_status: int = 200,
        distinct: bool = False,
    ) -> float:
        """Median time of one request to ``path`` over a kept-alive loopback connection.

        ``distinct`` adds a parameter the page ignores, different on every request, so
        that no request is answered from a cache of the rendered page.
        """
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
        timings = []
        try:
            for index in range(warmup + requests):
                url = path
                if distinct:
                    url += f"{'&' if '?' in path else '?'}bench-view={index}"
                started = time.perf_counter()
                connection.request("GET", url, headers=self._headers(cookie, headers))
                response = connection.getresponse()
                response.read()
                elapsed = (time.perf_counter() - started) * 1000
                if response.status != expect_status:
                    raise RuntimeError(f"GET {path} answered {response.status}")
                if index >= warmup:
                    timings.append(elapsed)
        finally:
            connection.close()
        return statistics.median(timings)

    @contextmanager
    def timed(self):
        """``with bench.timed() as t: ...`` then ``t.seconds``."""

        class Timer:
            seconds = 0.0

        timer = Timer()
        started = time.perf_counter()
        yield timer
        timer.seconds = time.perf_counter() - started

    def session_cookie(self, user) -> str:
        """A ``Cookie`` header value of a browser signed in as ``user`` (two-factor
        satisfied for staff): the session cookie, and the CSRF cookie that the first
        page a browser loads sets and that it sends from then on."""
        from django.conf import settings
        from django.middleware.csrf import _get_new_csrf_string

        from tests.support.logins import log_in

        class CookieJar:
            cookies: dict = {}

        jar = CookieJar()
        jar.cookies = {}
        log_in(jar, user)
        return (
            f"{settings.SESSION_COOKIE_NAME}={jar.cookies[settings.SESSION_COOKIE_NAME]}; "
            f"{settings.CSRF_COOKIE_NAME}={_get_new_csrf_string()}"
        )

    # --- results ----------------------------------------------------------
    def record(
        self, name: str, value: float, unit: str, baseline: str | None = None, **extra
    ):
        """Keep a figure; with ``baseline``, its ratio to a figure recorded earlier."""
        result = Result(name, float(value), unit, baseline=baseline, extra=extra)
        if baseline is not None:
            base = self.results[baseline]
            result.baseline_value = base.value
            result.ratio = result.value / base.value if base.value else None
        self.results[name] = result
        ratio = f"  ratio {result.ratio:.2f}" if result.ratio is not None else ""
        print(f"  {name:<45} {result.value:>12.3f} {unit:<10}{ratio}", flush=True)
        return result

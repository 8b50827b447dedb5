"""``make bench``: run every ``tests/benchmarks/bench_*.py`` and write ``var/bench.json``
(and a copy under ``var/bench-history/``, named after the run's UTC time and modules).

Usage: ``python -m tests.benchmarks.run [name ...]`` (names of modules without ``bench_``).
The bench database is fresh each run: PostgreSQL ``<database>_bench`` beside the one
``DATABASE_URL`` names, or ``var/bench.sqlite3`` without it.
"""

import importlib
import json
import os
import sys
import time
import traceback
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from tests.benchmarks.harness import ROOT, Bench


def _bench_database_url() -> str:
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://")):
        import psycopg

        parts = urlsplit(url)
        name = f"{parts.path.lstrip('/') or 'citizenpass'}_bench"
        admin_url = urlunsplit(parts._replace(path="/postgres"))
        with psycopg.connect(admin_url, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            connection.execute(f'CREATE DATABASE "{name}"')
        return urlunsplit(parts._replace(path=f"/{name}"))
    database = ROOT / "var" / "bench.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{database}{suffix}").unlink(missing_ok=True)
    return f"sqlite:///{database}"


def _bench_cache_url() -> str:
    """Redis as in production when ``REDIS_URL`` names one (emptied first).

    Without it, each gunicorn worker keeps its own memory cache: fine for timing, not
    a set-up to deploy (``check --deploy`` refuses it).
    """
    redis_url = os.environ.get("REDIS_URL", "")
    if not redis_url:
        return "locmemcache://"
    import redis

    bench_url = redis_url.rsplit("/", 1)[0] + "/14"
    redis.Redis.from_url(bench_url).flushdb()
    return bench_url.replace("redis://", "rediscache://", 1)


def _modules(selected: list[str]) -> list[str]:
    names = sorted(
        path.stem for path in (ROOT / "tests" / "benchmarks").glob("bench_*.py")
    )
    if selected:
        names = [name for name in names if name.removeprefix("bench_") in selected]
    # Pages first (they share the baseline), then the rest in name order.
    return sorted(names, key=lambda name: (name != "bench_home", name))


def main(selected: list[str]) -> int:
    (ROOT / "var").mkdir(exist_ok=True)
    os.environ["DATABASE_URL"] = _bench_database_url()
    os.environ["DJANGO_SETTINGS_MODULE"] = "tests.benchmarks.settings"
    os.environ.setdefault("DJANGO_SECRET_KEY", "bench-" + "x" * 60)
    os.environ["CACHE_URL"] = _bench_cache_url()
    import django

    django.setup()
    from django.core.management import call_command

    print(f"Bench database: {os.environ['DATABASE_URL'].split('@')[-1]}", flush=True)
    print(f"Bench cache: {os.environ['CACHE_URL'].split('@')[-1]}", flush=True)
    call_command("migrate", verbosity=0, interactive=False)
    call_command("collectstatic", verbosity=0, interactive=False)
    call_command("seed_demo", allow_without_debug=True, stdout=open(os.devnull, "w"))  # noqa: SIM115

    bench = Bench(env=dict(os.environ))
    bench.start_server()
    failed = []
    try:
        bench.record(
            "page.minimal.median_ms",
            bench.median_ms("/bench/minimal", requests=500),
            "ms",
        )
        for name in _modules(selected):
            print(f"{name}:", flush=True)
            try:
                importlib.import_module(f"tests.benchmarks.{name}").run(bench)
            except Exception:
                traceback.print_exc()
                failed.append(name)
    finally:
        bench.stop_server()

    figures = json.dumps(
        {"results": [result.as_json() for result in bench.results.values()]},
        indent=2,
    )
    (ROOT / "var" / "bench.json").write_text(figures)
    # Each run also kept under its time, so that a later (or partial) run does not
    # erase the figures a note quotes.
    history = ROOT / "var" / "bench-history"
    history.mkdir(exist_ok=True)
    stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
    kept = history / f"{stamp}-{'-'.join(selected) or 'all'}.json"
    kept.write_text(figures)
    print(f"\n{'figure':<45} {'value':>12} {'unit':<14} {'baseline':<38} {'ratio':>6}")
    for result in bench.results.values():
        ratio = f"{result.ratio:.2f}" if result.ratio is not None else ""
        print(
            f"{result.name:<45} {result.value:>12.3f} {result.unit:<14} {result.baseline or '':<38} {ratio:>6}"
        )
    print(f"\nWritten to var/bench.json and {kept.relative_to(ROOT)}")
    if failed:
        print(f"Benchmarks that failed: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

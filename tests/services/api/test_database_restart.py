"""After PostgreSQL drops every connection (as in a restart), the next calls succeed.

Django's test client shares the test's connection, which hides the problem: this test
runs a real gunicorn process on its own throwaway PostgreSQL database, kills the
server's database sessions with ``pg_terminate_backend``, and calls the API again.
It needs the PostgreSQL server of this machine and of CI (``postgres@127.0.0.1``);
``CITIZENPASS_TEST_POSTGRES_URL`` points elsewhere.
"""

import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import psycopg
import pytest

from tests.benchmarks.harness import free_port

ROOT = Path(__file__).resolve().parents[3]
SERVER_URL = os.environ.get(
    "CITIZENPASS_TEST_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432"
)


@pytest.fixture
def throwaway_database():
    name = f"cp_restart_{uuid.uuid4().hex[:10]}"
    try:
        admin = psycopg.connect(f"{SERVER_URL}/postgres", autocommit=True)
    except psycopg.OperationalError as error:
        pytest.fail(f"This test needs PostgreSQL at {SERVER_URL}: {error}")
    with admin:
        admin.execute(f'CREATE DATABASE "{name}"')
        try:
            yield f"{SERVER_URL}/{name}"
        finally:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _environment(database_url: str) -> dict:
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "citizenpass.settings.production",
        "DJANGO_SECRET_KEY": "restart-test-" + "x" * 50,
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "CACHE_URL": "locmemcache://",
        "DJANGO_CONN_MAX_AGE": "600",
        "LOG_LEVEL": "WARNING",
    }


def _manage(env: dict, *args: str) -> str:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
        timeout=600,
    ).stdout


def _get(port: int, secret: str) -> int:
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/api/v1/sources",
        headers={"Authorization": f"Bearer {secret}"},
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_calls_succeed_after_the_database_drops_its_connections(throwaway_database):
    env = _environment(throwaway_database)
    # The API's tables and what they depend on (not Wagtail's: faster).
    _manage(env, "migrate", "api", "--no-input", "-v0")
    _manage(env, "shell", "-c", _MAKE_ORGANISATION)
    secret = _manage(env, "api_token", "create", "restart-test", "probe").strip()
    port = free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "citizenpass.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        deadline = time.monotonic() + 90
        status = None
        while time.monotonic() < deadline:
            try:
                status = _get(port, secret)
                break
            except OSError:
                time.sleep(0.3)
        assert status == 200
        with psycopg.connect(throwaway_database, autocommit=True) as connection:
            killed = connection.execute(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            ).fetchone()[0]
        assert killed >= 1  # the server's persistent connection
        assert [_get(port, secret) for _ in range(3)] == [200, 200, 200]
    finally:
        server.terminate()
        server.wait(timeout=30)


_MAKE_ORGANISATION = (
    "from citizenpass.organisations.models import Organisation; "
    "Organisation.objects.create(slug='restart-test', name='Restart test', "
    "kind='operator')"
)

"""The shared Redis cache backend behaves as Django's, with one client per pool.

Runs against the Redis server named by ``REDIS_URL`` (CI sets it; database 15,
emptied before and after). Without ``REDIS_URL`` there is no Redis to test against:
the portal then runs on the database cache and these tests are reported as skipped.
"""

import os
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core.cache.backends.redis import RedisCache

from citizenpass.redis_cache import SharedRedisCache

REDIS_URL = os.environ.get("REDIS_URL", "").rsplit("/", 1)[0]

pytestmark = pytest.mark.skipif(not REDIS_URL, reason="REDIS_URL is not set")


@pytest.fixture
def shared_cache():
    cache = SharedRedisCache(f"{REDIS_URL}/15", {"KEY_PREFIX": "cache-test"})
    cache.clear()
    yield cache
    cache.clear()


def test_reads_and_writes_as_djangos_backend_does(shared_cache):
    django_cache = RedisCache(f"{REDIS_URL}/15", {"KEY_PREFIX": "cache-test"})
    shared_cache.set("fact", {"unread": 3}, 60)
    assert django_cache.get("fact") == {"unread": 3}
    django_cache.set_many({"a": 1, "b": False}, 60)
    assert shared_cache.get_many(["a", "b", "missing"]) == {"a": 1, "b": False}
    shared_cache.delete_many(["a", "b"])
    assert django_cache.get("a") is None and django_cache.get("b") is None
    assert shared_cache.add("once", 1, 60) and not shared_cache.add("once", 2, 60)
    assert shared_cache.incr("once") == 2


def test_one_client_serves_every_call_and_every_thread(shared_cache):
    client = shared_cache._cache.get_client()
    assert shared_cache._cache.get_client(write=True) is client

    def write_and_read(number: int) -> int:
        shared_cache.set(f"key-{number}", number, 60)
        return shared_cache.get(f"key-{number}")

    with ThreadPoolExecutor(max_workers=8) as pool:
        assert list(pool.map(write_and_read, range(200))) == list(range(200))

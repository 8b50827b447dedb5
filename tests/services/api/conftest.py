"""An organisation with a token, a water source and a client that calls the API."""

import orjson
import pytest
from django.core.cache import cache

from .factories import make_commune, make_source, make_token


class ApiClient:
    """Django's test client with a bearer token and JSON helpers."""

    def __init__(self, client, secret: str | None):
        self.client = client
        self.headers = {"Authorization": f"Bearer {secret}"} if secret else {}

    def call(self, method, path, body=None, content_type="application/json", **headers):
        data = body if isinstance(body, bytes | str) else orjson.dumps(body)
        return getattr(self.client, method)(
            f"/api/v1{path}",
            data=data if body is not None else None,
            content_type=content_type,
            headers={**self.headers, **headers},
        )

    def get(self, path, **headers):
        return self.client.get(f"/api/v1{path}", headers={**self.headers, **headers})

    def post(self, path, body=None, **kwargs):
        return self.call("post", path, body, **kwargs)

    def put(self, path, body=None, **kwargs):
        return self.call("put", path, body, **kwargs)

    def patch(self, path, body=None, **kwargs):
        return self.call("patch", path, body, **kwargs)

    def delete(self, path, **headers):
        return self.client.delete(f"/api/v1{path}", headers={**self.headers, **headers})


@pytest.fixture(autouse=True)
def _empty_cache():
    """Quotas and pairing attempts are counted in the cache: each test starts at 0."""
    cache.clear()


@pytest.fixture
def commune(db):
    return make_commune()


@pytest.fixture
def source(commune):
    return make_source(commune)


@pytest.fixture
def api(client, commune):
    return ApiClient(client, make_token(commune))


@pytest.fixture
def make_api_client(client):
    def make(secret):
        return ApiClient(client, secret)

    return make

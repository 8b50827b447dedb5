import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _empty_cache():
    """Pairing attempts are counted in the cache: each test starts at 0."""
    cache.clear()

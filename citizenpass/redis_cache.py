"""Django's Redis cache, reusing one client per connection pool.

Django's ``RedisCacheClient`` builds a new ``redis.Redis`` object for every call; at
three cache reads per signed-in page that costs more than the round trips themselves.
A ``redis.Redis`` object is safe to share between threads (it borrows a connection
from its pool per command), so one per pool is enough. Use with
``CACHE_URL=rediscache://…`` (the setting picks this backend for that scheme).
"""

from django.core.cache.backends.redis import RedisCache, RedisCacheClient


class ReusingRedisCacheClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            pool = self._get_connection_pool(write)
            client = self._clients[index] = self._client(connection_pool=pool)
        return client


class SharedRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusingRedisCacheClient

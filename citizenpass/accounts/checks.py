"""Deployment check: the default cache must be shared by every process.

Sessions, the signed-in account and a person's facts (two-factor, badges) are read
from the default cache and dropped from it when they change. A per-process cache
would let another process keep serving a deactivated account or a session signed
out everywhere; rate limits would not add up either.
"""

from django.conf import settings
from django.core.checks import Error, Tags, register

PER_PROCESS_CACHES = (
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
)


@register(Tags.caches, deploy=True)
def default_cache_is_shared(app_configs, **kwargs):
    backend = settings.CACHES.get("default", {}).get("BACKEND", "")
    if backend in PER_PROCESS_CACHES:
        return [
            Error(
                "The default cache is not shared between processes.",
                hint="Set CACHE_URL to Redis (rediscache://…) or the database "
                "(dbcache://citizenpass_cache).",
                id="citizenpass.E001",
            )
        ]
    return []

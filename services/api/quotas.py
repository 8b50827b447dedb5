"""Per-token call quotas over fixed one-minute windows, counted in the shared cache."""

import time

from django.core.cache import cache

WINDOW_SECONDS = 60


def take_call(token_id: int, calls_per_minute: int) -> int:
    """Count one call; 0 when allowed, else the seconds until the next window."""
    now = time.time()
    window = int(now // WINDOW_SECONDS)
    key = f"api-quota:{token_id}:{window}"
    if cache.add(key, 1, timeout=WINDOW_SECONDS + 5):
        count = 1
    else:
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.add(key, 1, timeout=WINDOW_SECONDS + 5)
            count = 1
    if count <= calls_per_minute:
        return 0
    return max(1, int((window + 1) * WINDOW_SECONDS - now + 0.999))

"""Cache of public Wagtail pages for visitors who are not signed in.

Public pages are the same for every anonymous visitor, so their rendered response is kept
in the shared cache under a *content version* that every publish, unpublish, move or delete
of a page increments: an editor's change shows at once, without purging keys one by one.
Only anonymous GET/HEAD requests for pages Wagtail serves are cached, and only 200
responses that set no cookie, carry no CSP nonce and are not marked private or no-store.
"""

from django.core.cache import cache
from django.http import HttpResponse
from django.urls import Resolver404, resolve

from citizenpass import per_user_cache
from citizenpass.request_scope import request_values

# Signed-in pages get it with the person's cached facts, in the same round trip.
VERSION_KEY = per_user_cache.fetch_along("public-pages:version")
TIMEOUT_SECONDS = 600
_SKIPPED_HEADERS = {"set-cookie", "date", "vary"}


def content_version() -> int:
    """The current version of public content (starts at 1), read once per request."""
    store = request_values()
    if store is not None and VERSION_KEY in store:
        return store[VERSION_KEY]
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, 1, timeout=None)
        version = cache.get(VERSION_KEY, 1)
    if store is not None:
        store[VERSION_KEY] = version
    return version


def bump_content_version(**kwargs) -> None:
    """Invalidate every cached public page (connected to Wagtail's page signals)."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 2, timeout=None)
    store = request_values()
    if store is not None:
        store.pop(VERSION_KEY, None)


def _is_wagtail_page(path: str) -> bool:
    from wagtail.views import serve

    try:
        return resolve(path).func is serve
    except Resolver404:
        return False


def _cacheable(response) -> bool:
    cache_control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and "private" not in cache_control
        and "no-store" not in cache_control
        and "'nonce-" not in response.get("Content-Security-Policy", "")
    )


class PublicPageCacheMiddleware:
    """Serve anonymous visitors' public pages from the cache; fill it on a miss."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.conf import settings

        if (
            request.method not in ("GET", "HEAD")
            or settings.SESSION_COOKIE_NAME in request.COOKIES
            # A pending message ("you have signed out") must be shown, not a cached page.
            or "messages" in request.COOKIES
            or not _is_wagtail_page(request.path_info)
        ):
            return self.get_response(request)
        key = f"public-pages:{content_version()}:{request.get_full_path()}"
        cached = cache.get(key)
        if cached is not None:
            content, headers = cached
            response = HttpResponse(content)
            for name, value in headers:
                response[name] = value
            response["X-Page-Cache"] = "hit"
            return response
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if _cacheable(response) and not (user and user.is_authenticated):
            headers = [
                (name, value)
                for name, value in response.items()
                if name.lower() not in _SKIPPED_HEADERS
            ]
            cache.set(key, (response.content, headers), TIMEOUT_SECONDS)
        return response

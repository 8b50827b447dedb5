"""Pages kept rendered for the person viewing them, until something they show changes.

Some pages are the same for one person until one of a few *versions* moves: their
records' version, their organisation's requests, the public content, the small facts
the layout shows. Such a view passes what its page depends on (``parts``) to
:func:`serve`, which keeps the rendered page in the shared cache per person, address
and language under those parts, and renders it again as soon as one moves.

The view still runs its access checks, and writes its access-log entries, on every
request: only the rendering is skipped. Nothing is cached for a request that has a
message waiting (it would be shown once, then never again), or without a CSRF cookie:
the page carries a token made from it, so a kept page is only ever served back with the
cookie it was rendered for (a digest of it is kept with the page). There is one entry
per person, address and parts: a visitor sending new cookie values or parameters on
every request cannot fill the cache. A page that used a CSP nonce is not kept either:
a nonce must not be served twice.
"""

import hashlib
from collections.abc import Callable, Iterable

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language

TIMEOUT_SECONDS = 600


def _has_waiting_messages(request: HttpRequest) -> bool:
    return "messages" in request.COOKIES or "_messages" in request.session


def _digest(*parts) -> str:
    return hashlib.sha256("\x00".join(str(part) for part in parts).encode()).hexdigest()


def _page_key(
    request: HttpRequest, parts: Iterable, *, any_query: bool = False
) -> str | None:
    """The cache key of this page as ``request`` would see it, or None if not cacheable
    (see :func:`serve` for ``any_query``)."""
    if (
        request.method != "GET"
        or not request.META.get("CSRF_COOKIE")
        or request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        or _has_waiting_messages(request)
        or (request.GET and not any_query)
    ):
        return None
    digest = _digest(request.user.pk, get_language(), request.get_full_path(), *parts)
    return f"rendered-page:{digest}"


def serve(
    request: HttpRequest,
    parts: Iterable,
    render: Callable[[], HttpResponse],
    *,
    any_query: bool = False,
) -> HttpResponse:
    """The page from the cache when it holds it; else ``render()``, kept if it can be.

    ``any_query``: the page depends on its query string (filters, pages), which is then
    part of the key; without it a request with a query string is never kept.
    """
    key = _page_key(request, parts, any_query=any_query)
    if key is None:
        return render()
    csrf = _digest(request.META["CSRF_COOKIE"])
    cached = cache.get(key)
    if cached is not None and cached[0] == csrf:
        _csrf, content, content_type = cached
        return HttpResponse(content, content_type=content_type)
    response = render()
    if hasattr(response, "render"):
        response.render()
    used_nonce = getattr(request, "_csp_nonce", None) is not None
    if response.status_code == 200 and not response.cookies and not used_nonce:
        cache.set(
            key, (csrf, response.content, response["Content-Type"]), TIMEOUT_SECONDS
        )
    return response

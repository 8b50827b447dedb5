"""Pages kept rendered for the person viewing them, until something they show changes.

Some pages are the same for one person until one of a few *versions* moves: their
records' version, their organisation's requests, the public content, the small facts
the layout shows. Such a view passes what its page depends on (``parts``) to
:func:`serve`, which keeps the rendered page in the shared cache per person, address,
language and CSRF cookie under those parts, and renders it again as soon as one moves.

The view still runs its access checks, and writes its access-log entries, on every
request: only the rendering is skipped. Nothing is cached for a request that has a
message waiting (it would be shown once, then never again), or without a CSRF cookie:
the page carries a token made from it, and the key holds a digest of it, so that a page
is only ever served back with the cookie it was rendered for. A page that used a CSP
nonce is not kept either: a nonce must not be served twice.
"""

import hashlib
from collections.abc import Callable, Iterable

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language

TIMEOUT_SECONDS = 600


def _has_waiting_messages(request: HttpRequest) -> bool:
    return "messages" in request.COOKIES or "_messages" in request.session


def page_key(request: HttpRequest, parts: Iterable) -> str | None:
    """The cache key of this page as ``request`` would see it, or None if not cacheable."""
    csrf_secret = request.META.get("CSRF_COOKIE")
    if (
        request.method != "GET"
        or not csrf_secret
        or request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        or _has_waiting_messages(request)
    ):
        return None
    digest = hashlib.sha256(
        "\x00".join(
            str(part)
            for part in (
                request.user.pk,
                get_language(),
                request.get_full_path(),
                csrf_secret,
                *parts,
            )
        ).encode()
    ).hexdigest()
    return f"rendered-page:{digest}"


def serve(
    request: HttpRequest, parts: Iterable, render: Callable[[], HttpResponse]
) -> HttpResponse:
    """The page from the cache when it holds it; else ``render()``, kept if it can be."""
    key = page_key(request, parts)
    if key is not None:
        cached = cache.get(key)
        if cached is not None:
            content, content_type = cached
            return HttpResponse(content, content_type=content_type)
    response = render()
    if key is None:
        return response
    if hasattr(response, "render"):
        response.render()
    used_nonce = getattr(request, "_csp_nonce", None) is not None
    if response.status_code == 200 and not response.cookies and not used_nonce:
        cache.set(key, (response.content, response["Content-Type"]), TIMEOUT_SECONDS)
    return response

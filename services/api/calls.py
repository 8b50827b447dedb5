"""What wraps every API call: size limit, quota, idempotency, and the call log.

The call log line carries the method, the route pattern (never the path, which may
hold identifiers), the status, the organisation id and the duration: no personal data.
"""

import functools
import logging
import time

from django.conf import settings
from django.utils.translation import gettext as _

from . import idempotency, quotas
from .problems import problem_response
from .tokens import request_token

logger = logging.getLogger("citizenpass.api.calls")

UNSAFE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}
READ_CHUNK = 1024 * 1024


def max_body_bytes() -> int:
    return getattr(settings, "CITIZENPASS_API_MAX_BODY_BYTES", 64 * 1024 * 1024)


def _read_body(request, limit: int) -> bytes | None:
    """The body, read once (Django's own 2.5 MB limit does not suit bulk pushes)."""
    try:
        declared = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        declared = 0
    if declared > limit:
        return None
    chunks, size = [], 0
    while True:
        chunk = request.read(READ_CHUNK)
        if not chunk:
            break
        size += len(chunk)
        if size > limit:
            return None
        chunks.append(chunk)
    body = b"".join(chunks)
    # Later reads of ``request.body`` (django-ninja's) get these bytes.
    request._body = body
    return body


def _too_large(limit: int):
    return problem_response(
        413,
        "payload-too-large",
        _("Request too large"),
        _("The body may not exceed %(megabytes)s MB.")
        % {"megabytes": limit // (1024 * 1024)},
    )


def _route(request) -> str:
    match = getattr(request, "resolver_match", None)
    return getattr(match, "route", "") or "?"


def _guarded(run, request, **kwargs):
    if request.method in UNSAFE_METHODS:
        limit = max_body_bytes()
        body = _read_body(request, limit)
        if body is None:
            return _too_large(limit)
    else:
        body = b""
    token = request_token(request)
    if token is None:
        return run(request, **kwargs)  # django-ninja answers 401
    request.api_organisation_id = token.organisation_id
    wait = quotas.take_call(token.pk, token.calls_per_minute)
    if wait:
        return problem_response(
            429,
            "quota-exceeded",
            _("Too many requests"),
            _("This token may make %(count)s calls a minute.")
            % {"count": token.calls_per_minute},
            headers={"Retry-After": str(wait)},
        )
    key = request.META.get("HTTP_IDEMPOTENCY_KEY")
    if key is None or request.method not in UNSAFE_METHODS:
        return run(request, **kwargs)
    claimed, answer = idempotency.claim(request, token.organisation_id, key, body)
    if answer is not None:
        return answer
    try:
        response = run(request, **kwargs)
    except BaseException:
        idempotency.IdempotencyKey.objects.filter(pk=claimed.pk).delete()
        raise
    idempotency.complete(claimed, response)
    return response


def api_call(run):
    """django-ninja ``view`` decorator applied to every operation of the API."""

    @functools.wraps(run)
    def wrapper(request, **kwargs):
        started = time.perf_counter()
        status = 500
        request.urlconf = "services.api.api_urlconf"
        try:
            response = _guarded(run, request, **kwargs)
            status = response.status_code
            return response
        finally:
            logger.info(
                "api call method=%s route=%s status=%s organisation=%s ms=%.1f",
                request.method,
                _route(request),
                status,
                getattr(request, "api_organisation_id", "-"),
                (time.perf_counter() - started) * 1000,
            )

    return wrapper

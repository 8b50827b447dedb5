"""API tokens: made once, shown once, stored as a SHA-256 digest.

A token is ``cp_`` followed by 40 random URL-safe characters (240 bits): too long to
guess, so a fast digest is enough and lets every call find its token by one index read.
"""

import hashlib
import secrets

from django.utils import timezone

from .models import ApiToken

TOKEN_PREFIX = "cp_"  # noqa: S105 (a marker, not a secret)


def new_token() -> str:
    return TOKEN_PREFIX + secrets.token_urlsafe(30)


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def find_active_token(secret: str) -> ApiToken | None:
    """The active token whose digest matches, with its organisation, or ``None``."""
    if not secret.startswith(TOKEN_PREFIX) or len(secret) > 100:
        return None
    token = (
        ApiToken.objects.active()
        .select_related("organisation")
        .filter(digest=digest(secret))
        .first()
    )
    if token is not None:
        now = timezone.now()
        # One write a minute at most: "last used" need not be exact.
        if token.last_used_at is None or (now - token.last_used_at).seconds > 60:
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token


def bearer_secret(request) -> str:
    header = request.META.get("HTTP_AUTHORIZATION", "")
    scheme, _, secret = header.partition(" ")
    return secret.strip() if scheme.lower() == "bearer" else ""


def request_token(request) -> ApiToken | None:
    """The token of this call (looked up once per request)."""
    if not hasattr(request, "_api_token"):
        secret = bearer_secret(request)
        request._api_token = find_active_token(secret) if secret else None
    return request._api_token

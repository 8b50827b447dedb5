"""Keeps the "active sessions" list current without a database write on every page.

allauth's own middleware rewrites the session's row (IP address, browser, last seen) on
every request. This one does it when the session is first seen (its key is new at
sign-in), when its IP address or browser changes, and otherwise at most once a minute, as ``last seen`` is shown to the
minute anyway.
"""

import hashlib
import time

from allauth.account.adapter import get_adapter
from allauth.usersessions.models import UserSession
from django.http import HttpRequest

TRACKED_AT = "citizenpass_activity_tracked_at"
TRACKED_CLIENT = "citizenpass_activity_client"
TRACKING_INTERVAL_SECONDS = 60


def _client_fingerprint(request: HttpRequest) -> str:
    """Changes with the session key (new at sign-in), the IP address and the browser."""
    client = "\n".join(
        [
            request.session.session_key or "",
            get_adapter().get_client_ip(request),
            request.headers.get("user-agent", ""),
        ]
    )
    return hashlib.sha256(client.encode()).hexdigest()[:16]


class SessionActivityMiddleware:
    """Record the session's IP address, browser and last activity, throttled."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        user = getattr(request, "user", None)
        session = getattr(request, "session", None)
        if user is not None and user.is_authenticated and session is not None:
            now = int(time.time())
            client = _client_fingerprint(request)
            if (
                not session.session_key
                or session.get(TRACKED_CLIENT) != client
                or now - session.get(TRACKED_AT, 0) >= TRACKING_INTERVAL_SECONDS
            ):
                UserSession.objects.create_from_request(request)
                session[TRACKED_AT] = now
                session[TRACKED_CLIENT] = client
        return self.get_response(request)

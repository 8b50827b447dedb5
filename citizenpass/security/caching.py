"""Pages shown to a signed-in person are never stored by a browser or a proxy."""

from django.http import HttpRequest
from django.utils.cache import add_never_cache_headers


class NoStoreForSignedInMiddleware:
    """``Cache-Control: no-store`` on every response to a signed-in person."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            add_never_cache_headers(response)
            response["Cache-Control"] = (
                "no-store, no-cache, must-revalidate, private, max-age=0"
            )
        return response

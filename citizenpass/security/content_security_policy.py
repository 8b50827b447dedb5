"""Content Security Policy chosen by path: strict on the portal, looser on the back office.

The portal runs under ``CONTENT_SECURITY_POLICY`` (nonces, no ``'unsafe-inline'``). The
Wagtail admin relies on inline scripts and styles it does not mark with a nonce, so the
paths in ``BACKOFFICE_CSP_PATH_PREFIXES`` get ``BACKOFFICE_CONTENT_SECURITY_POLICY``
instead. That policy still forbids plugins, foreign ``<base>``, framing and other hosts,
except that a back-office view marking itself frameable by its own origin (Wagtail's
live preview sends ``X-Frame-Options: SAMEORIGIN``) gets ``frame-ancestors 'self'``:
browsers obey the CSP directive over that header.
"""

from csp.constants import HEADER, SELF
from csp.middleware import CSPMiddleware
from csp.utils import build_policy, default_config
from django.conf import settings
from django.http import HttpRequest, HttpResponseBase


def is_backoffice_path(path: str) -> bool:
    """Whether ``path`` belongs to the back office (Wagtail or Django admin)."""
    return path.startswith(tuple(settings.BACKOFFICE_CSP_PATH_PREFIXES))


class PathAwareCSPMiddleware(CSPMiddleware):
    """django-csp's middleware, with the back-office policy on back-office paths."""

    def process_response(
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        if (
            is_backoffice_path(request.path_info)
            and HEADER not in response
            and not getattr(response, "_csp_exempt", False)
        ):
            # Built here rather than through ``get_policy_parts``, whose caller deep-copies
            # the whole policy on every response.
            response[HEADER] = _backoffice_policy(response)
        return super().process_response(request, response)


def _backoffice_policy(response: HttpResponseBase) -> str:
    # No nonce: one in the header would make browsers ignore 'unsafe-inline'.
    directives = dict(settings.BACKOFFICE_CONTENT_SECURITY_POLICY["DIRECTIVES"])
    if response.get("X-Frame-Options", "").upper() == "SAMEORIGIN":
        directives["frame-ancestors"] = [SELF]
    return build_policy(config=default_config(directives))

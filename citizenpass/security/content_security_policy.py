"""Content Security Policy chosen by path: strict on the portal, looser on the back office.

The portal runs under ``CONTENT_SECURITY_POLICY`` (nonces, no ``'unsafe-inline'``). The
Wagtail admin relies on inline scripts and styles it does not mark with a nonce, so the
paths in ``BACKOFFICE_CSP_PATH_PREFIXES`` get ``BACKOFFICE_CONTENT_SECURITY_POLICY``
instead. That policy still forbids plugins, foreign ``<base>``, framing and other hosts,
except that a back-office view marking itself frameable by its own origin (Wagtail's
live preview sends ``X-Frame-Options: SAMEORIGIN``) gets ``frame-ancestors 'self'``:
browsers obey the CSP directive over that header.
"""

from csp.constants import SELF
from csp.middleware import CSPMiddleware, PolicyParts
from csp.utils import default_config
from django.conf import settings
from django.http import HttpRequest, HttpResponseBase


def is_backoffice_path(path: str) -> bool:
    """Whether ``path`` belongs to the back office (Wagtail or Django admin)."""
    return path.startswith(tuple(settings.BACKOFFICE_CSP_PATH_PREFIXES))


class PathAwareCSPMiddleware(CSPMiddleware):
    """django-csp's middleware, with the back-office policy on back-office paths."""

    def get_policy_parts(
        self,
        request: HttpRequest,
        response: HttpResponseBase,
        report_only: bool = False,
    ) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and is_backoffice_path(request.path_info):
            # A nonce in the header would make browsers ignore 'unsafe-inline'.
            directives = dict(settings.BACKOFFICE_CONTENT_SECURITY_POLICY["DIRECTIVES"])
            if response.get("X-Frame-Options", "").upper() == "SAMEORIGIN":
                directives["frame-ancestors"] = [SELF]
            parts.config = default_config(directives)
            parts.nonce = None
        return parts

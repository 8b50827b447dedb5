"""Django's LocaleMiddleware, minus its redirect on addresses outside the portal.

The portal lives under ``/fr/`` and ``/en/``; Wagtail's page catch-all sits inside that
prefix, so Django would turn every 404 elsewhere (an unknown back-office screen, an
unknown API route) into a redirect to ``/fr/…``. Addresses under
``LANGUAGE_NEUTRAL_PATH_PREFIXES`` keep their 404.
"""

from django.conf import settings
from django.middleware.locale import LocaleMiddleware


class PortalLocaleMiddleware(LocaleMiddleware):
    def process_response(self, request, response):
        if response.status_code == 404 and request.path_info.startswith(
            tuple(settings.LANGUAGE_NEUTRAL_PATH_PREFIXES)
        ):
            response.setdefault("Content-Language", request.LANGUAGE_CODE)
            return response
        return super().process_response(request, response)

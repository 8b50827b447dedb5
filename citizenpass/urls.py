"""URLs: health check, language-prefixed portal and Wagtail pages, the back office."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.http import HttpResponseRedirect
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from citizenpass.exports import views as export_views
from citizenpass.health import healthz


def root_redirect(request):
    """``/`` leads to the French site, the default language."""
    return HttpResponseRedirect(f"/{settings.LANGUAGE_CODE}/")


urlpatterns = [
    path("", root_redirect),
    path("healthz", healthz, name="healthz"),
    path("backoffice/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    # Commune API (tokens, not sessions): outside the language prefix.
    path("api/v1/", include("services.api.urls")),
    # Published JSON Schema of the data export, at a stable address.
    path("schemas/export/v1.json", export_views.schema, name="export_schema"),
]

urlpatterns += i18n_patterns(
    # The resident's security area and the two-factor step, before allauth's pages.
    path("account/", include("citizenpass.accounts.urls")),
    path("account/", include("allauth.urls")),
    # Download of the resident's data: JSON, PDF jobs, signed links.
    path("my-data/export/", include("citizenpass.exports.urls")),
    # Digital counter: apply to a service, my requests, notifications.
    path("", include("services.requests.urls")),
    # Personal data: dashboard, my data, timeline, family, mandates, access log.
    path("", include("citizenpass.portal.urls")),
    # Residents pair their account with a commune's file by a one-time code.
    path("", include("services.api.portal_urls")),
    # Public content outside the page tree: search, the resident's commune.
    path("", include("cms.urls")),
    # Wagtail's catch-all comes last.
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

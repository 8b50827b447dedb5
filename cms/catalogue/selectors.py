"""Queries of the service catalogue pages."""

from django.db.models import Q
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from cms.catalogue.models import ServiceIndexPage, ServicePage
from services.catalogue.models import Service, Theme


def live_service_pages(locale):
    """Live, public service pages of one locale, with their service and its owner."""
    return (
        ServicePage.objects.live()
        .public()
        .filter(locale=locale)
        .select_related("service__owner")
    )


def services_by_theme(*, index: ServiceIndexPage) -> list[tuple[str, list]]:
    """The index's service pages grouped under their first theme, themes in their order."""
    groups: dict[str, list] = {code: [] for code, _label in Theme.choices}
    others = []
    for page in live_service_pages(index.locale).child_of(index).order_by("title"):
        theme = next((code for code in page.service.themes if code in groups), None)
        (groups[theme] if theme else others).append(page)
    labels = dict(Theme.choices)
    grouped = [(str(labels[code]), pages) for code, pages in groups.items() if pages]
    if others:
        grouped.append((_("Other services"), others))
    return grouped


def popular_service_pages(locale, *, limit: int = 6) -> list[ServicePage]:
    """The service pages editors marked as most used."""
    return list(
        live_service_pages(locale).filter(popular=True).order_by("title")[:limit]
    )


def commune_service_pages(locale, commune, *, limit: int = 6) -> list[ServicePage]:
    """Service pages of services the commune owns or that are offered in it."""
    return list(
        live_service_pages(locale)
        .filter(Q(service__communes=commune) | Q(service__owner=commune))
        .distinct()
        .order_by("title")[:limit]
    )


def service_commune_names(service: Service) -> list[str]:
    """Communes where the service is offered; empty when offered in all of them."""
    names = [commune.name for commune in service.communes.order_by("name")]
    if not names and service.owner.kind == "commune":
        names = [service.owner.name]
    return names


def start_request_url(service: Service) -> str | None:
    """Where the button "Start the online request" leads, or None when there is none."""
    if service.mode == Service.Mode.EXTERNAL_LINK:
        return service.external_url or None
    if not service.accepts_online_requests:
        return None
    try:
        return reverse("service_requests:apply", kwargs={"slug": service.slug})
    except NoReverseMatch:
        return None

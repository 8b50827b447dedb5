"""Queries of the life-event guides."""

from cms.guides.models import LifeEventPage


def live_guides(locale):
    """Live, public guides of one locale, in the editors' order."""
    return LifeEventPage.objects.live().public().filter(locale=locale).order_by("path")


def guides_listing_service(service_page) -> list[LifeEventPage]:
    """Guides of the page's locale that list the service (in any language)."""
    return list(
        live_guides(service_page.locale)
        .filter(
            service_links__service_page__translation_key=service_page.translation_key
        )
        .distinct()
    )

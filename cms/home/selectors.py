"""What the home page shows, personalised for a signed-in resident."""

from cms.catalogue.selectors import commune_service_pages, popular_service_pages
from cms.guides.selectors import live_guides
from cms.news.models import NewsPage
from cms.personal.forms import CommuneForm
from cms.personal.household import household_life_stages, resident_commune


def home_sections(*, home, user, household=None) -> dict:
    """Most-used services, guides, news; the resident's commune and stages first.

    ``household``: the resident's ``(commune, stages)`` when the caller has them already.
    """
    locale = home.locale
    commune, stages = household or (resident_commune(user), household_life_stages(user))
    guides = list(live_guides(locale))
    for guide in guides:
        guide.for_household = guide.life_stage in stages
    # Guides of the household's stages first; sorted() keeps the editors' order otherwise.
    guides.sort(key=lambda guide: not guide.for_household)
    return {
        "commune": commune,
        "commune_services": commune_service_pages(locale, commune) if commune else [],
        "commune_form": CommuneForm(initial={"commune": commune})
        if user.is_authenticated
        else None,
        "popular_services": popular_service_pages(locale),
        "guides": guides,
        "household_stages": stages,
        "latest_news": list(
            NewsPage.objects.live()
            .public()
            .filter(locale=locale)
            .order_by("-date", "-pk")[:3]
        ),
    }

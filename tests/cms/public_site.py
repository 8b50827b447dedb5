"""A small public site in French and English, built directly (the full demo is slow)."""

from dataclasses import dataclass, field

from wagtail.models import Locale, Page, Site

from citizenpass.demo.seeding import SeedReport
from citizenpass.organisations import demo as organisations_demo
from citizenpass.organisations.models import Organisation
from cms.models import (
    HomePage,
    LifeEventIndexPage,
    LifeEventPage,
    LifeEventService,
    NewsIndexPage,
    NewsPage,
    ServiceIndexPage,
    ServicePage,
)
from cms.search.indexing import rebuild_search_index
from services.catalogue.models import Service


@dataclass
class PublicSite:
    """Pages of the small site, French ones by name, English ones under ``en``."""

    home: HomePage
    services: ServiceIndexPage
    guides: LifeEventIndexPage
    news: NewsIndexPage
    pages: dict = field(default_factory=dict)
    en: dict = field(default_factory=dict)


def _live_translation(page: Page, locale: Locale, title: str, slug: str) -> Page:
    translated = page.copy_for_translation(locale, copy_parents=True)
    translated.title = title
    translated.slug = slug
    translated.live = True
    translated.save()
    return translated.specific


def _service(slug, owner, title_fr, title_en, *, communes=(), themes=(), stages=()):
    service = Service.objects.create(
        slug=slug,
        owner=Organisation.objects.get(slug=owner),
        title_fr=title_fr,
        title_en=title_en,
        summary_fr=f"Résumé : {title_fr}",
        summary_en=f"Summary: {title_en}",
        themes=list(themes),
        life_stages=list(stages),
        processing_days=12,
        documents_required_fr="Justificatif de domicile\nPièce d'identité",
        documents_required_en="Proof of address\nIdentity document",
    )
    service.communes.set(Organisation.objects.filter(slug__in=communes))
    return service


def build_public_site() -> PublicSite:
    """Build the small site (the database must be open to the caller)."""
    organisations_demo.seed(SeedReport())
    fr = Locale.objects.get_or_create(language_code="fr")[0]
    en = Locale.objects.get_or_create(language_code="en")[0]
    # A transactional test starts from an empty database, without Wagtail's root.
    root = Page.get_first_root_node() or Page.add_root(
        instance=Page(title="Root", slug="root", locale=fr)
    )
    Page.objects.filter(depth=2).delete()
    home = root.add_child(instance=HomePage(title="Accueil", slug="home", locale=fr))
    Site.objects.all().delete()
    Site.objects.create(hostname="localhost", root_page=home, is_default_site=True)
    site = PublicSite(
        home=home,
        services=home.add_child(
            instance=ServiceIndexPage(title="Démarches", slug="demarches")
        ),
        guides=home.add_child(
            instance=LifeEventIndexPage(title="Moments de vie", slug="moments")
        ),
        news=home.add_child(
            instance=NewsIndexPage(title="Actualités", slug="actualites")
        ),
    )
    site.en["home"] = _live_translation(home, en, "Home", "home-en")
    site.en["services"] = _live_translation(site.services, en, "Services", "services")
    site.en["guides"] = _live_translation(site.guides, en, "Life events", "life-events")
    definitions = [
        (
            "cantine-college",
            "metropole-de-lyon",
            "Cantine du collège",
            "Collège canteen",
            {"themes": ["education"], "stages": ["school"]},
            True,
        ),
        (
            "creche-villeurbanne",
            "villeurbanne",
            "Place en crèche",
            "Nursery place",
            {
                "communes": ["villeurbanne"],
                "themes": ["education"],
                "stages": ["early_childhood"],
            },
            False,
        ),
        (
            "etat-civil-lyon",
            "lyon",
            "Déclaration de naissance",
            "Birth registration",
            {
                "communes": ["lyon"],
                "themes": ["civil_status"],
                "stages": ["early_childhood"],
            },
            False,
        ),
        (
            "badge-decheterie",
            "metropole-de-lyon",
            "Badge de déchèterie",
            "Recycling centre badge",
            {"themes": ["environment"], "stages": ["adult"]},
            True,
        ),
    ]
    for slug, owner, title_fr, title_en, options, popular in definitions:
        service = _service(slug, owner, title_fr, title_en, **options)
        page = site.services.add_child(
            instance=ServicePage(
                title=title_fr, slug=slug, service=service, popular=popular
            )
        )
        site.pages[slug] = page
        site.en[slug] = _live_translation(page, en, title_en, f"{slug}-en")
    guide = LifeEventPage(
        title="Une naissance",
        slug="naissance",
        life_stage="early_childhood",
        introduction="Déclarer l'enfant et trouver une crèche.",
        data_held=[
            ("data", {"domain": "health", "held": "Vaccinations", "source": "PMI"})
        ],
    )
    guide.service_links = [
        LifeEventService(service_page=site.pages["etat-civil-lyon"], sort_order=0),
        LifeEventService(service_page=site.pages["creche-villeurbanne"], sort_order=1),
    ]
    site.pages["naissance"] = site.guides.add_child(instance=guide)
    site.en["naissance"] = _live_translation(guide, en, "A birth", "a-birth")
    site.pages["news"] = site.news.add_child(
        instance=NewsPage(
            title="Le pass est ouvert", slug="ouverture", introduction="Ouvert."
        )
    )
    rebuild_search_index()
    return site

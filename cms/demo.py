"""Demo public site in French and English: home, services, guides, news, standard pages,
and the editors' groups, page permissions and moderation workflow (idempotent)."""

import datetime

from django.utils.text import slugify
from wagtail.models import Locale, Page, Site

from citizenpass.accounts.models import User
from citizenpass.organisations.models import Organisation
from cms.demo_content.guides import GUIDES
from cms.demo_content.services import SERVICES
from cms.demo_content.standard_pages import NEWS, NEWS_SECTIONS, STANDARD_PAGES
from cms.editorial import editor_group, grant_editor_permissions, set_up_review_workflow
from cms.models import (
    HomePage,
    LifeEventIndexPage,
    LifeEventPage,
    LifeEventService,
    NewsIndexPage,
    NewsPage,
    ServiceIndexPage,
    ServicePage,
    StandardPage,
)
from cms.search.indexing import rebuild_search_index
from services.catalogue.models import FormField, Service

HOME = {
    "fr": (
        "Bienvenue sur CitizenPass",
        "Votre compte citoyen de la Métropole et de votre commune : démarches en ligne, "
        "vos données personnelles et leur téléchargement.",
    ),
    "en": (
        "Welcome to CitizenPass",
        "Your citizen account for the metropolis and your commune: online requests, "
        "your personal data and its download.",
    ),
}
SECTIONS = {
    "services": {
        "model": ServiceIndexPage,
        "slug": ("demarches", "services"),
        "title": ("Démarches", "Services"),
        "introduction": (
            "Toutes les démarches en ligne de la Métropole, des communes et des "
            "opérateurs publics, par thème.",
            "Every online service of the metropolis, the communes and the public "
            "operators, by theme.",
        ),
    },
    "guides": {
        "model": LifeEventIndexPage,
        "slug": ("moments-de-vie", "life-events"),
        "title": ("Moments de vie", "Life events"),
        "introduction": (
            "Quand la vie change, les démarches à faire, dans l'ordre, et les données "
            "que les services publics gardent pour vous.",
            "When life changes: what to do, in order, and the data public services "
            "keep for you.",
        ),
    },
    "news": {
        "model": NewsIndexPage,
        "slug": ("actualites", "news"),
        "title": ("Actualités", "News"),
        "introduction": (
            "Les nouvelles du compte citoyen et des services publics de la Métropole.",
            "News of the citizen account and the metropolis' public services.",
        ),
    },
}
LYON_EDITOR = (
    "editor.lyon@demo.citizenpass.fr",
    "demo-editor-lyon-2026",
    "Hugo",
    "Perrin",
)


def seed(report) -> None:
    """Create or complete the demo public site."""
    locales = {
        code: Locale.objects.get_or_create(language_code=code)[0] for code in HOME
    }
    fr, en = locales["fr"], locales["en"]
    home_fr = _home(fr, report)
    home_en = _translation(
        home_fr, en, report, HOME["en"][0], introduction=HOME["en"][1]
    )
    sections = {
        key: _section(home_fr, en, report, **definition)
        for key, definition in SECTIONS.items()
    }
    services = _services(report)
    service_pages = _service_pages(sections["services"], en, services, report)
    _guides(sections["guides"], en, service_pages, report)
    news_sections = _news(sections["news"], en, report)
    _standard_pages(home_fr, en, report)
    _editors([home_fr, home_en], news_sections, service_pages, report)
    rebuild_search_index()


def _home(fr: Locale, report) -> HomePage:
    root = Page.get_first_root_node() or Page.add_root(
        instance=Page(title="Root", slug="root", locale=fr)
    )
    # Wagtail's placeholder welcome page is replaced by ours.
    Page.objects.filter(
        depth=2, content_type__model="page", content_type__app_label="wagtailcore"
    ).delete()
    home = HomePage.objects.filter(locale=fr).first()
    if home is None:
        title, intro = HOME["fr"]
        home = root.add_child(
            instance=HomePage(title=title, slug="home", introduction=intro, locale=fr)
        )
        report.count("page")
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost",
            root_page=home,
            is_default_site=True,
            site_name="CitizenPass",
        )
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.site_name = "CitizenPass"
        site.save()
    return home


def _child(parent: Page, model, slug: str, report, **fields) -> Page:
    """The French child page with this slug, created and published if missing."""
    page = model.objects.child_of(parent).filter(slug=slug).first()
    if page is None:
        page = parent.add_child(
            instance=model(slug=slug, locale=parent.locale, **fields)
        )
        page.save_revision().publish()
        report.count("page")
    return page


def _translation(
    page: Page, locale: Locale, report, title: str, slug: str = "", **fields
):
    """The page's translation in ``locale``, created and published if missing."""
    translated = page.get_translation_or_none(locale)
    if translated is None:
        translated = page.copy_for_translation(locale, copy_parents=True)
        translated.title = title
        if slug:
            translated.slug = slug
        for name, value in fields.items():
            setattr(translated, name, value)
        translated.save_revision().publish()
        report.count("page")
    return translated.specific


def _section(home_fr, en, report, *, model, slug, title, introduction) -> Page:
    page = _child(
        home_fr, model, slug[0], report, title=title[0], introduction=introduction[0]
    )
    _translation(page, en, report, title[1], slug=slug[1], introduction=introduction[1])
    return page


def _services(report) -> dict[str, Service]:
    """The demo services the guides point to (kept as they are when they exist)."""
    organisations = {org.slug: org for org in Organisation.objects.all()}
    services = {}
    for definition in SERVICES:
        service = Service.objects.filter(slug=definition["slug"]).first()
        if service is None:
            service = Service.objects.create(
                slug=definition["slug"],
                owner=organisations[definition["owner"]],
                title_fr=definition["title"][0],
                title_en=definition["title"][1],
                summary_fr=definition["summary"][0],
                summary_en=definition["summary"][1],
                themes=definition["themes"],
                life_stages=definition["life_stages"],
                processing_days=definition["days"],
                documents_required_fr=definition["documents"][0],
                documents_required_en=definition["documents"][1],
            )
            service.communes.set(organisations[slug] for slug in definition["communes"])
            for order, (kind, label_fr, label_en, required) in enumerate(
                definition["fields"]
            ):
                FormField.objects.create(
                    service=service,
                    sort_order=order,
                    kind=kind,
                    label_fr=label_fr,
                    label_en=label_en,
                    required=required,
                )
            report.count("service")
        services[service.slug] = service
    return services


def _service_pages(index_fr, en, services, report) -> dict[str, ServicePage]:
    """A page, in both languages, for each demo service and each other open service."""
    details = {definition["slug"]: definition for definition in SERVICES}
    pages = {}
    others = Service.objects.filter(is_active=True).exclude(slug__in=services)
    for service in [*services.values(), *others]:
        definition = details.get(service.slug, {})
        page = ServicePage.objects.filter(
            service=service, locale=index_fr.locale
        ).first()
        if page is None:
            page = _child(
                index_fr,
                ServicePage,
                service.slug,
                report,
                title=service.title_fr,
                service=service,
                popular=definition.get("popular", False),
            )
        _translation(
            page,
            en,
            report,
            service.title_en or service.title_fr,
            slug=definition.get("en_slug") or slugify(service.title_en) or service.slug,
        )
        pages[service.slug] = page
    return pages


def _guides(index_fr, en, service_pages, report) -> None:
    for guide in GUIDES:
        page = (
            LifeEventPage.objects.child_of(index_fr)
            .filter(slug=guide["slug"][0])
            .first()
        )
        if page is None:
            page = LifeEventPage(
                slug=guide["slug"][0],
                title=guide["title"][0],
                life_stage=guide["life_stage"],
                introduction=guide["introduction"][0],
                body=guide["body"][0],
                data_held=_data_held(guide, 0),
                locale=index_fr.locale,
            )
            page.service_links = [
                LifeEventService(service_page=service_pages[slug], sort_order=order)
                for order, slug in enumerate(guide["services"])
            ]
            index_fr.add_child(instance=page)
            page.save_revision().publish()
            report.count("page")
        _translation(
            page,
            en,
            report,
            guide["title"][1],
            slug=guide["slug"][1],
            introduction=guide["introduction"][1],
            body=guide["body"][1],
            data_held=_data_held(guide, 1),
        )


def _data_held(guide: dict, language: int) -> list:
    return [
        ("data", {"domain": domain, "held": held[language], "source": source[language]})
        for domain, *texts in guide["data_held"]
        for held, source in [(texts[0:2], texts[2:4])]
    ]


def _news(index_fr, en, report) -> dict[str, NewsIndexPage]:
    """News of the metropolis and the communes' news sections (by organisation slug)."""
    sections = {}
    for org_slug, (title_fr, title_en, slug_fr, slug_en) in NEWS_SECTIONS.items():
        section = _child(
            index_fr,
            NewsIndexPage,
            slug_fr,
            report,
            title=title_fr,
            organisation=Organisation.objects.get(slug=org_slug),
        )
        _translation(section, en, report, title_en, slug=slug_en)
        sections[org_slug] = section
    for news in NEWS:
        parent = sections[news["section"]] if news["section"] else index_fr
        page = _child(
            parent,
            NewsPage,
            news["slug"][0],
            report,
            title=news["title"][0],
            date=datetime.date.fromisoformat(news["date"]),
            introduction=news["introduction"][0],
            body=[("paragraph", f"<p>{news['body'][0]}</p>")],
        )
        _translation(
            page,
            en,
            report,
            news["title"][1],
            slug=news["slug"][1],
            introduction=news["introduction"][1],
            body=[("paragraph", f"<p>{news['body'][1]}</p>")],
        )
    return sections


def _standard_pages(home_fr, en, report) -> None:
    for slug, content in STANDARD_PAGES.items():
        page = _child(home_fr, StandardPage, slug, report, title=content["title"][0])
        translated = _translation(page, en, report, content["title"][1])
        for version, language in ((page.specific, 0), (translated, 1)):
            # Pages created by an earlier seed without text get it now.
            if not version.body:
                version.introduction = content["introduction"][language]
                version.body = content["body"][language]
                version.save_revision().publish()


def _editors(homes, news_sections, service_pages, report) -> None:
    """Editors' groups per organisation, their page permissions and the review workflow."""
    metropolis_group = grant_editor_permissions(
        homes=homes,
        organisation_sections=news_sections.values(),
        service_pages=service_pages.values(),
    )
    set_up_review_workflow(homes=homes, reviewers=metropolis_group)
    metropolis_editor = User.objects.filter(email="editor@demo.citizenpass.fr").first()
    if metropolis_editor is not None:
        metropolis_editor.groups.add(metropolis_group)
    _lyon_editor(report)


def _lyon_editor(report) -> None:
    email, password, first_name, last_name = LYON_EDITOR
    lyon = Organisation.objects.get(slug="lyon")
    editor = User.objects.filter(email=email).first()
    if editor is None:
        editor = User.objects.create_user(
            email=email,
            password=password,
            first_name=first_name,
            last_name=last_name,
            is_staff=True,
            organisation=lyon,
        )
        report.count("user")
    editor.groups.add(editor_group(lyon))
    from allauth.account.models import EmailAddress

    EmailAddress.objects.get_or_create(
        user=editor, email=email, defaults={"verified": True, "primary": True}
    )
    report.login("editor (Lyon)", email, password)

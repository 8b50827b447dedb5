"""Demo site structure: French and English home pages and the standard pages."""

from wagtail.models import Locale, Page, Site

from cms.models import HomePage, StandardPage

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

STANDARD_PAGES = {
    "legal-notice": {"fr": "Mentions légales", "en": "Legal notice"},
    "privacy": {"fr": "Politique de confidentialité", "en": "Privacy policy"},
    "accessibility": {
        "fr": "Déclaration d'accessibilité",
        "en": "Accessibility statement",
    },
    "terms": {"fr": "Conditions d'utilisation", "en": "Terms of use"},
}


def seed(report) -> None:
    """Create the home page per language and the standard pages (idempotent)."""
    locales = {
        code: Locale.objects.get_or_create(language_code=code)[0] for code in HOME
    }
    root = Page.get_first_root_node() or Page.add_root(
        instance=Page(title="Root", slug="root", locale=locales["fr"])
    )
    # Wagtail's placeholder welcome page is replaced by ours.
    Page.objects.filter(
        depth=2, content_type__model="page", content_type__app_label="wagtailcore"
    ).delete()
    home_fr = HomePage.objects.filter(locale=locales["fr"]).first()
    if home_fr is None:
        title, intro = HOME["fr"]
        home_fr = root.add_child(
            instance=HomePage(
                title=title, slug="home", introduction=intro, locale=locales["fr"]
            )
        )
        report.count("page")
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost",
            root_page=home_fr,
            is_default_site=True,
            site_name="CitizenPass",
        )
    elif site.root_page_id != home_fr.pk:
        site.root_page = home_fr
        site.site_name = "CitizenPass"
        site.save()

    home_en = _translation(
        home_fr, locales["en"], report, HOME["en"][0], introduction=HOME["en"][1]
    )
    for slug, titles in STANDARD_PAGES.items():
        page_fr = StandardPage.objects.filter(slug=slug, locale=locales["fr"]).first()
        if page_fr is None:
            page_fr = home_fr.add_child(
                instance=StandardPage(
                    title=titles["fr"], slug=slug, locale=locales["fr"]
                )
            )
            report.count("page")
        _translation(page_fr, locales["en"], report, titles["en"])
    del home_en


def _translation(page: Page, locale: Locale, report, title: str, **fields) -> Page:
    """The page's translation in ``locale``, created and published if missing."""
    translated = page.get_translation_or_none(locale)
    if translated is None:
        translated = page.copy_for_translation(locale, copy_parents=True)
        translated.title = title
        for name, value in fields.items():
            setattr(translated, name, value)
        translated.save_revision().publish()
        report.count("page")
    return translated.specific

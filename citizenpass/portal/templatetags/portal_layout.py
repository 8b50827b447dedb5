"""Template tags of the shared layout: language switcher and standard-page links."""

import hashlib

from django import template
from django.conf import settings
from django.core.cache import cache, caches
from django.urls import translate_url
from django.utils import translation

from citizenpass.page_cache import content_version

register = template.Library()


def layout_state(request) -> tuple:
    """Everything the shared layout shows that can change for a signed-in person: the
    public content (footer, links), their name and role (header) and the header's
    notices. A page cached whole (``citizenpass.rendered_pages``) keys on it."""
    from citizenpass.exports.selectors import has_unseen_ready_export
    from services.requests.selectors import unread_notification_count

    user = request.user
    return (
        content_version(),
        user.get_short_name(),
        user.email,
        user.is_staff,
        unread_notification_count(user),
        has_unseen_ready_export(user=user),
    )


@register.simple_tag(name="content_version")
def content_version_tag() -> int:
    """The version of public content, for fragment caches that show page links."""
    return content_version()


@register.simple_tag(takes_context=True)
def language_links(context) -> list[dict]:
    """One link per language to the same page in that language (cached per path)."""
    request = context.get("request")
    if request is None:
        return _language_links(context)
    path = hashlib.sha256(request.get_full_path().encode()).hexdigest()[:32]
    key = f"language-links:{content_version()}:{translation.get_language()}:{path}"
    return caches["fragments"].get_or_set(
        key, lambda: _language_links(context), timeout=3600
    )


def _language_links(context) -> list[dict]:
    request = context.get("request")
    page = context.get("page")
    current = translation.get_language()
    translations = {}
    if page is not None and hasattr(page, "get_translations"):
        for translated in (
            page.get_translations(inclusive=True).live().select_related("locale")
        ):
            translations[translated.locale.language_code] = translated.get_url(request)
    links = []
    for code, name in settings.LANGUAGES:
        if code in translations:
            url = translations[code]
        elif request is not None:
            url = translate_url(request.get_full_path(), code)
            if url == request.get_full_path() and code != current:
                url = f"/{code}/"
        else:
            url = f"/{code}/"
        links.append(
            {"code": code, "name": name, "url": url, "current": code == current}
        )
    return links


@register.simple_tag(takes_context=True)
def standard_page_url(context, slug: str) -> str:
    """URL of a standard page (legal notice, privacy…) in the current language."""
    language = translation.get_language()
    urls = cache.get_or_set(
        f"standard-page-urls:{content_version()}:{language}",
        lambda: _standard_page_urls(language, context.get("request")),
        timeout=3600,
    )
    return urls.get(slug, f"/{language}/")


def _standard_page_urls(language: str, request) -> dict[str, str]:
    """Slug → URL of the live top-level pages in ``language``, in one query."""
    from wagtail.models import Page

    pages = Page.objects.live().filter(locale__language_code=language, depth=3)
    return {page.slug: page.get_url(request) for page in pages}

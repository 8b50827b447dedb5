"""Template tags of the public pages: alternate-language links and search URLs."""

from django import template
from django.conf import settings
from django.urls import translate_url

register = template.Library()


@register.simple_tag(takes_context=True)
def alternate_links(context) -> list[dict]:
    """Absolute URLs of this page in each language it exists in, for hreflang links."""
    request = context.get("request")
    if request is None:
        return []
    page = context.get("page")
    if page is not None and hasattr(page, "get_translations"):
        translations = (
            page.get_translations(inclusive=True).live().select_related("locale")
        )
        urls = {
            translated.locale.language_code: translated.get_full_url(request)
            for translated in translations
        }
    else:
        here = request.build_absolute_uri()
        urls = {code: translate_url(here, code) for code, _name in settings.LANGUAGES}
    links = [
        {"code": code, "url": urls[code]}
        for code, _name in settings.LANGUAGES
        if urls.get(code)
    ]
    if settings.LANGUAGE_CODE in urls:
        links.append({"code": "x-default", "url": urls[settings.LANGUAGE_CODE]})
    return links

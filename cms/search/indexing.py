"""Keeps ``SearchDocument`` in step with live pages and with the services they present."""

import re
import unicodedata

from django.db import transaction
from django.utils import translation
from django.utils.html import strip_tags
from wagtail.models import Page

from cms.search.models import SearchDocument

_NOT_WORD = re.compile(r"[^0-9a-z]+")


def normalise(text: str) -> str:
    """Lower-case words without accents or punctuation: "Inscrire l'élève" → "inscrire l eleve"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return _NOT_WORD.sub(" ", bare.replace("œ", "oe").replace("æ", "ae")).strip()


def _codes(values) -> str:
    """Comma-wrapped codes, so that ``contains(",code,")`` matches whole codes only."""
    values = sorted({value for value in values if value})
    return f",{','.join(values)}," if values else ""


def _stream_text(stream) -> str:
    return strip_tags(stream.render_as_block()) if stream else ""


def _service_fields(page) -> dict:
    from cms.guides.models import LifeEventPage

    service = page.service
    communes = [commune.insee_code for commune in service.communes.all()]
    if service.owner.kind == "commune":
        communes.append(service.owner.insee_code)
    guide_stages = LifeEventPage.objects.filter(
        service_links__service_page__translation_key=page.translation_key
    ).values_list("life_stage", flat=True)
    words = [
        page.lead,
        service.title,
        service.summary,
        service.owner.name,
        *service.documents_required,
        *(commune.name for commune in service.communes.all()),
        _stream_text(page.body),
    ]
    return {
        "kind": SearchDocument.Kind.SERVICE,
        "summary": page.lead,
        "words": words,
        "communes": communes,
        "themes": service.themes,
        "life_stages": [*service.life_stages, *guide_stages],
    }


def _guide_fields(page) -> dict:
    services = page.related_service_pages()
    return {
        "kind": SearchDocument.Kind.GUIDE,
        "summary": page.introduction,
        "words": [
            page.introduction,
            _stream_text(page.body),
            *(block.value["held"] for block in page.data_held),
            *(service.title for service in services),
        ],
        "communes": [],
        "themes": [theme for service in services for theme in service.service.themes],
        "life_stages": [page.life_stage],
    }


def _news_fields(page) -> dict:
    organisation = page.organisation
    return {
        "kind": SearchDocument.Kind.NEWS,
        "summary": page.introduction,
        "words": [page.introduction, _stream_text(page.body)],
        "communes": [organisation.insee_code] if organisation else [],
        "themes": [],
        "life_stages": [],
    }


def _page_fields(page) -> dict:
    introduction = getattr(page, "introduction", "")
    body = getattr(page, "body", "")
    return {
        "kind": SearchDocument.Kind.PAGE,
        "summary": introduction,
        "words": [introduction, strip_tags(str(body)) if body else ""],
        "communes": [],
        "themes": [],
        "life_stages": [],
    }


def _fields_for(page) -> dict | None:
    from cms.models import (
        HomePage,
        LifeEventPage,
        NewsPage,
        ServicePage,
        StandardPage,
    )

    if isinstance(page, ServicePage):
        return _service_fields(page)
    if isinstance(page, LifeEventPage):
        return _guide_fields(page)
    if isinstance(page, NewsPage):
        return _news_fields(page)
    if isinstance(page, StandardPage | HomePage):
        return _page_fields(page)
    return None


def index_page(page: Page) -> SearchDocument | None:
    """Write (or remove) the search document of one page, in the page's language."""
    page = page.specific
    if not page.live or page.get_view_restrictions().exists():
        SearchDocument.objects.filter(page=page).delete()
        return None
    with translation.override(page.locale.language_code):
        fields = _fields_for(page)
    if fields is None:
        return None
    text = normalise(" ".join([page.title, page.search_description, *fields["words"]]))
    document, _created = SearchDocument.objects.update_or_create(
        page=page,
        defaults={
            "locale_id": page.locale_id,
            "kind": fields["kind"],
            "title": page.title,
            "summary": fields["summary"] or page.search_description,
            "title_key": normalise(page.title)[:255],
            "text": text,
            "communes": _codes(fields["communes"]),
            "themes": _codes(fields["themes"]),
            "life_stages": _codes(fields["life_stages"]),
        },
    )
    return document


def index_published_page(page: Page) -> None:
    """Index a page just published; a guide also changes the stages of its services."""
    from cms.guides.models import LifeEventPage

    page = page.specific
    index_page(page)
    if isinstance(page, LifeEventPage):
        for service_page in page.related_service_pages():
            index_page(service_page)


def remove_page(page: Page) -> None:
    """Drop a page from the search."""
    SearchDocument.objects.filter(page_id=page.pk).delete()


def index_service_pages(service) -> None:
    """Re-index the pages of a service whose definition changed."""
    from cms.catalogue.models import ServicePage

    for page in ServicePage.objects.filter(service=service):
        index_page(page)


@transaction.atomic
def rebuild_search_index() -> int:
    """Index every live page from scratch; returns the number of documents."""
    SearchDocument.objects.all().delete()
    count = 0
    for page in Page.objects.live().specific().iterator():
        count += index_page(page) is not None
    return count

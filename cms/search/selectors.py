"""Public search over pages and services, accent-insensitive on every database.

Documents hold normalised text (see ``indexing.normalise``) and the query is normalised
the same way, so "ecole" and "école" are the same word. On PostgreSQL the match is a
full-text one (``simple`` configuration, every word as a prefix, ranked, titles weigh
more); elsewhere each word must appear in the text, and title matches come first.
"""

from dataclasses import dataclass

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import Case, IntegerField, Q, QuerySet, Value, When

from cms.search.indexing import normalise
from cms.search.models import SearchDocument

MAX_WORDS = 8
_KIND_ORDER = Case(
    *(
        When(kind=kind, then=Value(position))
        for position, kind in enumerate(SearchDocument.Kind.values)
    ),
    output_field=IntegerField(),
)


@dataclass(frozen=True)
class SearchFilters:
    """What the resident asked for: words and optional commune, theme, life stage."""

    text: str = ""
    commune_code: str = ""
    theme: str = ""
    life_stage: str = ""

    @property
    def words(self) -> list[str]:
        return normalise(self.text).split()[:MAX_WORDS]

    @property
    def is_empty(self) -> bool:
        return not (self.words or self.commune_code or self.theme or self.life_stage)


def search_documents(*, locale, filters: SearchFilters) -> QuerySet[SearchDocument]:
    """Documents of one locale matching the words and filters, best first."""
    documents = SearchDocument.objects.filter(locale=locale).select_related("page")
    if filters.commune_code:
        documents = documents.filter(
            Q(communes="") | Q(communes__contains=f",{filters.commune_code},")
        )
    if filters.theme:
        documents = documents.filter(themes__contains=f",{filters.theme},")
    if filters.life_stage:
        documents = documents.filter(life_stages__contains=f",{filters.life_stage},")
    words = filters.words
    if not words:
        return documents.order_by(_KIND_ORDER, "title")
    if connection.vendor == "postgresql":
        vector = SearchVector("title_key", weight="A", config="simple") + SearchVector(
            "text", weight="B", config="simple"
        )
        query = SearchQuery(
            " & ".join(f"{word}:*" for word in words),
            search_type="raw",
            config="simple",
        )
        return (
            documents.annotate(match=vector, rank=SearchRank(vector, query))
            .filter(match=query)
            .order_by("-rank", _KIND_ORDER, "title")
        )
    for word in words:
        documents = documents.filter(text__contains=word)
    title_hit = Case(
        When(title_key__contains=words[0], then=Value(0)),
        default=Value(1),
        output_field=IntegerField(),
    )
    return documents.order_by(title_hit, _KIND_ORDER, "title")

"""Wagtail page types of the public site; each section keeps its models in its package."""

from cms.catalogue.models import ServiceIndexPage, ServicePage
from cms.guides.models import LifeEventIndexPage, LifeEventPage, LifeEventService
from cms.home.models import HomePage
from cms.news.models import NewsIndexPage, NewsPage
from cms.personal.models import ResidentCommune
from cms.search.models import SearchDocument
from cms.standard.models import StandardPage

__all__ = [
    "HomePage",
    "LifeEventIndexPage",
    "LifeEventPage",
    "LifeEventService",
    "NewsIndexPage",
    "NewsPage",
    "ResidentCommune",
    "SearchDocument",
    "ServiceIndexPage",
    "ServicePage",
    "StandardPage",
]

"""One searchable document per live public page, in a form every database can match."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchDocument(models.Model):
    """A page as the public search sees it: normalised text and its filters.

    ``text`` and ``title_key`` are lower-case and free of accents, so that a plain
    substring match (SQLite) or a ``simple`` full-text match (PostgreSQL) ignores
    accents. Filter columns hold comma-wrapped codes (``,69123,69266,``); an empty
    ``communes`` means the page concerns every commune.
    """

    class Kind(models.TextChoices):
        SERVICE = "service", _("Service")
        GUIDE = "guide", _("Life-event guide")
        NEWS = "news", _("News")
        PAGE = "page", _("Page")

    page = models.OneToOneField(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+"
    )
    locale = models.ForeignKey(
        "wagtailcore.Locale", on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    title = models.CharField(max_length=255)
    summary = models.TextField(blank=True)
    title_key = models.CharField(max_length=255)
    text = models.TextField()
    communes = models.TextField(blank=True)
    themes = models.CharField(max_length=255, blank=True)
    life_stages = models.CharField(max_length=255, blank=True)

    class Meta:
        app_label = "cms"
        verbose_name = _("search document")
        indexes = [models.Index(fields=["locale", "kind"])]

    def __str__(self) -> str:
        return self.title

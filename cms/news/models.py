"""News of the metropolis and of the communes."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from cms.blocks import BodyBlock


class NewsIndexPage(Page):
    """A list of news, for the metropolis or for one organisation's section."""

    introduction = models.CharField(_("introduction"), max_length=300, blank=True)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("For an organisation's own news section; its editors write here."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("introduction"),
        FieldPanel("organisation"),
    ]
    parent_page_types = ["cms.HomePage", "cms.NewsIndexPage"]
    subpage_types = ["cms.NewsPage", "cms.NewsIndexPage"]

    class Meta:
        app_label = "cms"
        verbose_name = _("news index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["news"] = (
            NewsPage.objects.descendant_of(self)
            .live()
            .public()
            .order_by("-date", "-pk")[:30]
        )
        context["sections"] = NewsIndexPage.objects.child_of(self).live().public()
        return context


class NewsPage(Page):
    """One piece of news."""

    date = models.DateField(_("date"), default=timezone.localdate)
    introduction = models.CharField(_("introduction"), max_length=300)
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("date"),
        FieldPanel("introduction"),
        FieldPanel("body"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("introduction")]
    parent_page_types = ["cms.NewsIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        app_label = "cms"
        verbose_name = _("news")
        verbose_name_plural = _("news")

    @property
    def organisation(self):
        """The organisation whose news section holds this page, if any."""
        section = (
            NewsIndexPage.objects.ancestor_of(self)
            .filter(organisation__isnull=False)
            .select_related("organisation")
            .order_by("-depth")
            .first()
        )
        return section.organisation if section else None

"""Life-event guides: what to do when life changes, services to use, data the portal holds."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from cms.blocks import BodyBlock, DataDomain, DataHeldBlock
from services.catalogue.models import LifeStage


class LifeEventIndexPage(Page):
    """The list of life-event guides."""

    introduction = models.CharField(_("introduction"), max_length=300, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("introduction")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.LifeEventPage"]
    max_count_per_parent = 1

    class Meta:
        app_label = "cms"
        verbose_name = _("life-event guide index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["guides"] = (
            LifeEventPage.objects.child_of(self).live().public().order_by("path")
        )
        return context


class LifeEventPage(Page):
    """A guide for one life event, with the services to use and the data held for it."""

    life_stage = models.CharField(
        _("life stage"),
        max_length=30,
        choices=LifeStage.choices,
        help_text=_("Puts the guide first for households at this stage."),
    )
    introduction = models.CharField(_("introduction"), max_length=300)
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)
    data_held = StreamField(
        [("data", DataHeldBlock())],
        verbose_name=_("personal data the portal holds"),
        blank=True,
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("life_stage"),
        FieldPanel("introduction"),
        FieldPanel("body"),
        InlinePanel("service_links", label=_("related services")),
        FieldPanel("data_held"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("introduction")]
    parent_page_types = ["cms.LifeEventIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        app_label = "cms"
        verbose_name = _("life-event guide")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["services"] = self.related_service_pages()
        context["data_held"] = self.data_held_by_domain()
        return context

    def data_held_by_domain(self) -> list[dict]:
        """The personal data listed by the guide, with the domains' names."""
        labels = dict(DataDomain.choices)
        return [
            {
                "label": labels.get(block.value["domain"], block.value["domain"]),
                "held": block.value["held"],
                "source": block.value["source"],
            }
            for block in self.data_held
        ]

    def related_service_pages(self) -> list:
        """The live service pages this guide lists, in the active language when translated."""
        pages = []
        for link in self.service_links.select_related("service_page__service__owner"):
            page = link.service_page.localized.specific
            if page.live:
                pages.append(page)
        return pages


class LifeEventService(Orderable):
    """A service a life-event guide points to."""

    guide = ParentalKey(
        LifeEventPage, on_delete=models.CASCADE, related_name="service_links"
    )
    service_page = models.ForeignKey(
        "cms.ServicePage",
        verbose_name=_("service page"),
        on_delete=models.CASCADE,
        related_name="guide_links",
    )

    panels = [FieldPanel("service_page")]

    class Meta(Orderable.Meta):
        app_label = "cms"
        verbose_name = _("related service")

"""The service catalogue: an index by theme and one page per counter service."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from cms.blocks import BodyBlock


class ServiceIndexPage(Page):
    """The list of services, grouped by theme."""

    introduction = models.CharField(_("introduction"), max_length=300, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("introduction")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.ServicePage"]
    max_count_per_parent = 1

    class Meta:
        app_label = "cms"
        verbose_name = _("service index")

    def get_context(self, request, *args, **kwargs):
        from cms.catalogue.selectors import services_by_theme

        context = super().get_context(request, *args, **kwargs)
        context["themes"] = services_by_theme(index=self)
        return context


class ServicePage(Page):
    """The public page of one counter service, and the way into its online request."""

    service = models.ForeignKey(
        "catalogue.Service",
        verbose_name=_("service"),
        on_delete=models.PROTECT,
        related_name="pages",
        help_text=_("The counter service this page presents and opens requests for."),
    )
    summary = models.CharField(
        _("summary"),
        max_length=300,
        blank=True,
        help_text=_("Leave empty to use the service's own summary."),
    )
    popular = models.BooleanField(
        _("among the most used"),
        default=False,
        help_text=_("Shown on the home page among the most used services."),
    )
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("service"),
        FieldPanel("summary"),
        FieldPanel("popular"),
        FieldPanel("body"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("summary")]
    parent_page_types = ["cms.ServiceIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        app_label = "cms"
        verbose_name = _("service page")

    def get_context(self, request, *args, **kwargs):
        from cms.catalogue.selectors import service_commune_names, start_request_url
        from cms.guides.selectors import guides_listing_service

        context = super().get_context(request, *args, **kwargs)
        context["guides"] = guides_listing_service(self)
        context["communes"] = service_commune_names(self.service)
        context["start_url"] = start_request_url(self.service)
        return context

    @property
    def lead(self) -> str:
        """The page's summary, or the service's when the page has none."""
        return self.summary or self.service.summary

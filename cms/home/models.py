"""The home page: search box, most-used services, life events, news, personal touch."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page


class HomePage(Page):
    """The portal's home page, one per language."""

    introduction = models.CharField(_("introduction"), max_length=300, blank=True)
    body = RichTextField(_("body"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("introduction"),
        FieldPanel("body"),
    ]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "cms.ServiceIndexPage",
        "cms.LifeEventIndexPage",
        "cms.NewsIndexPage",
        "cms.StandardPage",
    ]
    max_count_per_parent = 1

    class Meta:
        app_label = "cms"
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        from cms.home.selectors import home_sections

        context = super().get_context(request, *args, **kwargs)
        context.update(home_sections(home=self, user=request.user))
        return context

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

    def serve(self, request, *args, **kwargs):
        """A signed-in resident's home is kept rendered (``citizenpass.rendered_pages``)
        until the public content, their commune, their household's stages or what the
        layout shows changes. Staff get it fresh: Wagtail's user bar shows them the
        page's editing state."""
        user = request.user
        if not user.is_authenticated or user.is_staff:
            return super().serve(request, *args, **kwargs)
        from citizenpass import rendered_pages
        from citizenpass.portal.templatetags.portal_layout import layout_state
        from cms.personal.household import household_life_stages, resident_commune

        request.home_household = (resident_commune(user), household_life_stages(user))
        commune, stages = request.home_household
        return rendered_pages.serve(
            request,
            (
                "home",
                self.pk,
                commune.pk if commune else None,
                *stages,
                *layout_state(request),
            ),
            lambda: super(HomePage, self).serve(request, *args, **kwargs),
        )

    def get_context(self, request, *args, **kwargs):
        from cms.home.selectors import home_sections

        context = super().get_context(request, *args, **kwargs)
        context.update(
            home_sections(
                home=self,
                user=request.user,
                household=getattr(request, "home_household", None),
            )
        )
        return context

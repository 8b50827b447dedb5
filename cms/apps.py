"""Editorial pages managed in Wagtail: home, catalogue, guides, news, standard pages."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    name = "cms"
    label = "cms"
    verbose_name = _("Public content")

    def ready(self):
        from cms.search import signals

        signals.connect()

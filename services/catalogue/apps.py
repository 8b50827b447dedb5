from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogueConfig(AppConfig):
    """Service definitions owned by organisations, with their request forms."""

    name = "services.catalogue"
    label = "catalogue"
    verbose_name = _("Service catalogue")

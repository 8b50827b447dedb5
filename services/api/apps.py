from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    """HTTP API for communes and operators: tokens, bulk push, resident pairing."""

    name = "services.api"
    label = "api"
    verbose_name = _("Commune API")

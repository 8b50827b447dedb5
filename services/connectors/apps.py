from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConnectorsConfig(AppConfig):
    """Pull importers (file drop, HTTP JSON) and outgoing signed webhooks."""

    name = "services.connectors"
    label = "connectors"
    verbose_name = _("Connectors and webhooks")

    def ready(self) -> None:
        from . import receivers  # noqa: F401  (connects the webhook receivers)

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ServiceRequestsConfig(AppConfig):
    """Online requests: status workflow, messages, attachments, notifications."""

    name = "services.requests"
    label = "service_requests"
    verbose_name = _("Online requests")

    def ready(self):
        from . import listing_cache

        listing_cache.connect_signals()

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "citizenpass.portal"
    label = "portal"
    verbose_name = _("Resident portal")

    def ready(self):
        from django.db.models.signals import post_delete
        from wagtail import signals
        from wagtail.models import Page

        from citizenpass.page_cache import bump_content_version

        # Anything that changes what a public page shows invalidates the page cache.
        for signal in (
            signals.page_published,
            signals.page_unpublished,
            signals.page_slug_changed,
            signals.post_page_move,
            signals.published,
            signals.unpublished,
        ):
            signal.connect(
                bump_content_version, dispatch_uid=f"page-cache-{id(signal)}"
            )
        post_delete.connect(
            bump_content_version, sender=Page, dispatch_uid="page-cache-delete"
        )

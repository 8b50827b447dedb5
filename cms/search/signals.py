"""Keep the public search in step with publishing and with service definitions."""

from django.db import transaction
from django.db.models.signals import m2m_changed, post_save
from wagtail.signals import page_published, page_unpublished

from cms.search import indexing


def _published(sender, instance, **kwargs):
    indexing.index_published_page(instance)


def _unpublished(sender, instance, **kwargs):
    indexing.remove_page(instance)


def _service_changed(sender, instance, **kwargs):
    # After the commit, so that the communes saved with the service are seen.
    transaction.on_commit(lambda: indexing.index_service_pages(instance))


def _service_communes_changed(sender, instance, action, **kwargs):
    if action in {"post_add", "post_remove", "post_clear"}:
        _service_changed(sender, instance)


def connect() -> None:
    """Connect the handlers (called once from the app config)."""
    from services.catalogue.models import Service

    page_published.connect(_published, dispatch_uid="cms-search-published")
    page_unpublished.connect(_unpublished, dispatch_uid="cms-search-unpublished")
    post_save.connect(
        _service_changed, sender=Service, dispatch_uid="cms-search-service"
    )
    m2m_changed.connect(
        _service_communes_changed,
        sender=Service.communes.through,
        dispatch_uid="cms-search-service-communes",
    )

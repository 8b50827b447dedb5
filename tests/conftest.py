"""Fixtures shared by the whole suite."""

import functools

import pytest


@pytest.fixture(autouse=True)
def _private_storage(settings, tmp_path):
    """Each test gets its own private storage folder."""
    location = tmp_path / "private"
    settings.PRIVATE_STORAGE_ROOT = location
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(location), "base_url": None},
        },
    }
    from django.core.files.storage import storages

    storages._storages.pop("private", None)
    # File fields given a callable storage (request attachments) call it once, when
    # their model loads: point them at this test's folder too.
    for field in _fields_with_callable_storage():
        field.storage = field._storage_callable()
    yield
    storages._storages.pop("private", None)


@functools.cache
def _fields_with_callable_storage():
    from django.apps import apps
    from django.db.models import FileField

    return [
        field
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if isinstance(field, FileField) and hasattr(field, "_storage_callable")
    ]


@pytest.fixture(autouse=True)
def _empty_caches():
    """Each test starts with empty caches: ids are reused once a test rolls back."""
    from django.core.cache import caches

    for cache in caches.all(initialized_only=True):
        cache.clear()
    yield


@pytest.fixture
def demo_site(db):
    """The demo site structure: organisations, users, home and standard pages."""
    from citizenpass.demo.seeding import seed_all

    return seed_all()

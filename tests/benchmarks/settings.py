"""Benchmark settings: production settings served over plain HTTP on loopback."""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "bench-" + "x" * 60)

from citizenpass.settings.production import *  # noqa: F403

SECURE_SSL_REDIRECT = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ROOT_URLCONF = "tests.benchmarks.urls"
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "root": {"level": "WARNING"},
}

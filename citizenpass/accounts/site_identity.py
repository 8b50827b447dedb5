"""The name and address the account emails sign with.

allauth words its emails (sign-up confirmation, password reset, security notices) with
the Django site's name and domain: "[example.com] …", "Hello from example.com!" unless
the site says otherwise, which reads like phishing. Every ``migrate`` sets the site to
CitizenPass at the public address (``CITIZENPASS_PUBLIC_URL``), so a deployment that
changes its address gets it on its next migration.
"""

from urllib.parse import urlsplit

from django.apps import apps as global_apps
from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, router

SITE_NAME = "CitizenPass"


def name_the_site(sender, apps=global_apps, using=DEFAULT_DB_ALIAS, **kwargs) -> None:
    """``post_migrate`` receiver: the site is CitizenPass at the public address.

    Nothing to do when the migration left the sites table out (``migrate <app>`` of an
    app that does not depend on it)."""
    try:
        Site = apps.get_model("sites", "Site")
    except LookupError:
        return
    if not router.allow_migrate_model(using, Site):
        return
    Site.objects.using(using).update_or_create(
        pk=settings.SITE_ID,
        defaults={
            "name": SITE_NAME,
            "domain": urlsplit(settings.PUBLIC_BASE_URL).netloc,
        },
    )
    from django.contrib.sites.models import Site as CachedSite

    CachedSite.objects.clear_cache()

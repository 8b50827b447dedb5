"""The name and address the account emails sign with.

allauth words its emails (sign-up confirmation, password reset, security notices) with
the Django site's name and domain: "[example.com] …", "Hello from example.com!" unless
the site says otherwise, which reads like phishing. Every ``migrate`` sets the site to
CitizenPass at the public address (``CITIZENPASS_PUBLIC_URL``), so a deployment that
changes its address gets it on its next migration.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS

SITE_NAME = "CitizenPass"


def name_the_site(sender, using=DEFAULT_DB_ALIAS, **kwargs) -> None:
    """``post_migrate`` receiver: the site is CitizenPass at the public address."""
    from django.contrib.sites.models import Site

    Site.objects.using(using).update_or_create(
        pk=settings.SITE_ID,
        defaults={
            "name": SITE_NAME,
            "domain": urlsplit(settings.PUBLIC_BASE_URL).netloc,
        },
    )
    Site.objects.clear_cache()

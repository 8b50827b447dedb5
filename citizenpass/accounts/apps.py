"""Residents' and staff accounts: the user model, sign-in, two-factor, sessions."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "citizenpass.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from django.db.models.signals import post_migrate

        from citizenpass.accounts import checks, signals  # noqa: F401
        from citizenpass.accounts.site_identity import name_the_site

        # Runs before django.contrib.sites' own receiver, which then makes no
        # "example.com" site since one exists.
        post_migrate.connect(name_the_site, sender=self, dispatch_uid="name_the_site")

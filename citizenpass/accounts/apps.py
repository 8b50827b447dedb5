"""Residents' and staff accounts: the user model, sign-in, two-factor, sessions."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "citizenpass.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from citizenpass.accounts import checks, signals  # noqa: F401

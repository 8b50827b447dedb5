from django.apps import AppConfig


class FranceConnectConfig(AppConfig):
    name = "citizenpass.accounts.franceconnect"
    label = "franceconnect"
    verbose_name = "FranceConnect"

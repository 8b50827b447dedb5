from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "citizenpass.demo"
    label = "demo"
    verbose_name = "Demo data"

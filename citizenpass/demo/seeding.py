"""Runs every app's demo seeder, in the order of INSTALLED_APPS.

An app takes part by having a ``demo`` module with ``seed(report)``; ``report`` is a
:class:`SeedReport` it writes logins and counts into. Each seeder is idempotent.
"""

from dataclasses import dataclass, field
from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.db import transaction


@dataclass
class SeedReport:
    """What a seeding run created: demo logins to print and counts per kind."""

    logins: list[tuple[str, str, str]] = field(default_factory=list)
    created: dict[str, int] = field(default_factory=dict)
    options: dict = field(default_factory=dict)

    def login(self, role: str, email: str, password: str) -> None:
        """Remember a demo login so that the demo command can print it."""
        self.logins.append((role, email, password))

    def count(self, kind: str, created: int = 1) -> None:
        """Add to the number of objects of one kind created in this run."""
        self.created[kind] = self.created.get(kind, 0) + created


def demo_seeders():
    """The ``seed`` functions of the installed apps that provide one."""
    for app_config in apps.get_app_configs():
        module_name = f"{app_config.name}.demo"
        if app_config.name == "citizenpass.demo" or not find_spec(module_name):
            continue
        module = import_module(module_name)
        if hasattr(module, "seed"):
            yield app_config.label, module.seed


def seed_all(**options) -> SeedReport:
    """Seed every app's demo data in one transaction."""
    report = SeedReport(options=options)
    with transaction.atomic():
        for _label, seed in demo_seeders():
            seed(report)
    return report

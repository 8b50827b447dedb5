"""``seed_demo`` builds the demo metropolis and can be run again safely."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from citizenpass.accounts.models import User
from citizenpass.organisations.models import Organisation

pytestmark = pytest.mark.django_db


def _snapshot():
    from wagtail.models import Page

    return (
        sorted(Organisation.objects.values_list("slug", "insee_code")),
        sorted(User.objects.values_list("email", "password")),
        sorted(Page.objects.values_list("url_path", "locale__language_code", "live")),
    )


def test_seed_demo_creates_communes_operators_and_demo_logins(settings, capsys):
    settings.DEBUG = True
    call_command("seed_demo")
    output = capsys.readouterr().out
    communes = Organisation.objects.filter(kind=Organisation.Kind.COMMUNE)
    assert communes.count() >= 10
    assert communes.get(insee_code="69123").name == "Lyon"
    assert Organisation.objects.filter(kind=Organisation.Kind.OPERATOR).count() >= 2
    assert Organisation.objects.filter(kind=Organisation.Kind.SCHOOL).exists()
    for role in ("resident", "agent", "editor", "admin"):
        assert role in output
    resident = User.objects.get(email="camille.martin@demo.citizenpass.fr")
    assert resident.check_password("demo-resident-pass")


def test_second_seed_demo_changes_nothing(settings, capsys):
    settings.DEBUG = True
    call_command("seed_demo")
    before = _snapshot()
    call_command("seed_demo")
    assert "nothing new" in capsys.readouterr().out
    assert _snapshot() == before


def test_seed_demo_refuses_without_debug(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("seed_demo")

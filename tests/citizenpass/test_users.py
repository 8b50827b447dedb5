"""Accounts are keyed on a unique email address."""

import pytest
from django.db import IntegrityError

from citizenpass.accounts.models import User

pytestmark = pytest.mark.django_db


def test_email_is_the_login_and_is_stored_lowercase():
    user = User.objects.create_user(email="Jeanne.Dupont@Example.FR", password="x" * 12)
    assert user.email == "jeanne.dupont@example.fr"
    assert User.USERNAME_FIELD == "email"
    assert User.objects.get_by_natural_key("JEANNE.dupont@example.fr") == user


def test_two_accounts_cannot_share_an_email():
    User.objects.create_user(email="a@example.fr", password="x" * 12)
    with pytest.raises(IntegrityError):
        User.objects.create_user(email="a@example.fr", password="y" * 12)


def test_a_commune_needs_its_insee_code():
    from citizenpass.organisations.models import Organisation

    with pytest.raises(IntegrityError):
        Organisation.objects.create(name="Nowhere", slug="nowhere", kind="commune")

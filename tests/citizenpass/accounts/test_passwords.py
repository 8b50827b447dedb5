"""Password rules: at least 12 characters, common ones refused, long ones accepted."""

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from citizenpass.accounts.models import User

pytestmark = pytest.mark.django_db


@pytest.fixture
def user():
    return User(email="camille@example.fr")


def test_eleven_characters_are_refused(user):
    with pytest.raises(ValidationError):
        validate_password("a-short-one", user)


def test_twelve_characters_are_accepted(user):
    validate_password("kettle-moss9", user)


@pytest.mark.parametrize("length", [64, 128])
def test_long_passwords_are_accepted(user, length):
    password = ("correct horse battery staple " * 6)[:length]
    validate_password(password, user)


def test_a_common_password_is_refused(user):
    with pytest.raises(ValidationError):
        validate_password("password1234", user)


def test_signup_with_a_128_character_password_works(client):
    password = ("a sentence that goes on and on " * 5)[:128]
    response = client.post(
        "/fr/account/signup/",
        {
            "email": "long@example.fr",
            "password1": password,
            "password2": password,
            "accept_terms": "on",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(email="long@example.fr")
    assert user.check_password(password)
    assert user.terms_accepted_at is not None


def test_signup_without_accepting_the_terms_creates_nothing(client):
    response = client.post(
        "/fr/account/signup/",
        {
            "email": "noterms@example.fr",
            "password1": "kettle-moss9-river",
            "password2": "kettle-moss9-river",
        },
    )
    assert response.status_code == 200
    assert "accept_terms" in response.context["form"].errors
    assert not User.objects.filter(email="noterms@example.fr").exists()

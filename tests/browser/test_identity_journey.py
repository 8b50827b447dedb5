"""Browser journey of a resident's account: sign-up to deletion, with two-factor."""

import re

import pytest
from django.core import mail
from django_otp.oath import TOTP
from playwright.sync_api import expect

from citizenpass.accounts.models import User

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EMAIL = "nour.haddad@example.fr"
PASSWORD = "a long sentence I remember well"


def _code_from_key(key_text: str, steps_ahead: int = 0) -> str:
    from base64 import b32decode

    key = b32decode(
        key_text.replace(" ", "") + "=" * (-len(key_text.replace(" ", "")) % 8)
    )
    totp = TOTP(key)
    totp.time = totp.time + steps_ahead * 30
    return f"{totp.token():06d}"


def _sign_in(page, password=PASSWORD):
    page.goto("/fr/account/login/?next=/fr/account/security/")
    page.get_by_label("E-mail").fill(EMAIL)
    page.get_by_label("Mot de passe", exact=False).first.fill(password)
    page.get_by_role("button", name="Connexion").click()


def _sign_out(page):
    page.locator(".account-nav").get_by_role(
        "button", name=re.compile("Se déconnecter|Sign out")
    ).click()
    expect(
        page.locator(".account-nav").get_by_role(
            "link", name=re.compile("Se connecter|Sign in")
        )
    ).to_be_visible()


def test_resident_signs_up_enrols_two_factor_signs_in_and_deletes_the_account(
    page, live_server, demo_site
):
    # Sign up, accepting the terms.
    page.goto("/fr/account/signup/")
    page.get_by_label("E-mail").fill(EMAIL)
    page.locator("#id_password1").fill(PASSWORD)
    page.get_by_label("Mot de passe (confirmation)").fill(PASSWORD)
    page.locator("#id_accept_terms").check()
    page.get_by_role("button", name="Créer mon compte").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Vérifiez")

    # The verification link from the email.
    link = re.search(r"https?://\S+/account/confirm-email/\S+/", mail.outbox[-1].body)
    page.goto(link.group(0))
    page.get_by_role("button", name="Confirmer").click()

    # Sign in, then turn two-factor on from the security page.
    _sign_in(page)
    page.screenshot(path="/tmp/identity-after-login.png", full_page=True)
    page.locator(".account-nav").get_by_role("link", name="Sécurité").click()
    page.screenshot(path="/tmp/identity-security.png", full_page=True)
    page.get_by_role("link", name="Activer la double authentification").click()
    page.screenshot(path="/tmp/identity-setup.png", full_page=True)
    key = page.locator("#totp-key").inner_text()
    page.locator("#id_code").fill(_code_from_key(key))
    page.get_by_role("button", name="Activer").click()
    codes = page.locator(".backup-codes code").all_inner_texts()
    assert len(codes) == 10
    page.get_by_role("link", name=re.compile("continuer")).click()

    # Sign out, sign in again with the app.
    _sign_out(page)
    _sign_in(page)
    page.get_by_label(re.compile("Code de votre application")).fill(
        _code_from_key(key, steps_ahead=1)
    )
    page.get_by_role("button", name="Vérifier").click()
    expect(page.locator(".account-nav")).to_contain_text("Sécurité")

    # Sign out, sign in with a backup code.
    _sign_out(page)
    _sign_in(page)
    page.get_by_label(re.compile("Code de votre application")).fill(codes[0])
    page.get_by_role("button", name="Vérifier").click()

    # The sessions page lists this browser.
    page.goto("/fr/account/security/sessions/")
    expect(page.get_by_role("table")).to_contain_text("ce navigateur")
    page.screenshot(path="/tmp/identity-sessions.png", full_page=True)

    # Delete the account (re-authentication first).
    page.get_by_role("link", name="Supprimer mon compte").click()
    if "reauthenticate" in page.url:
        page.get_by_label("Mot de passe").fill(PASSWORD)
        page.get_by_role("button", name="Confirmer").click()
    page.get_by_role("button", name="Supprimer définitivement mon compte").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("supprimé")
    assert not User.objects.filter(email=EMAIL).exists()

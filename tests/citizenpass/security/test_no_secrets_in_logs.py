"""No password, code, token or session key appears in the logs of the account flows."""

import logging
import re

import pytest
from django.core import mail
from django_otp.plugins.otp_totp.models import TOTPDevice

from citizenpass.accounts import two_factor
from citizenpass.accounts.models import User
from tests.citizenpass.accounts.conftest import app_code

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"


def test_account_flows_log_no_secret(client, caplog):
    caplog.set_level(logging.DEBUG)
    secrets = [PASSWORD, "wrong horse battery staple"]

    client.post(
        "/fr/account/signup/",
        {
            "email": "nour@example.fr",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "accept_terms": "on",
        },
    )
    key = re.search(r"/confirm-email/([^/\s]+)/", mail.outbox[-1].body).group(1)
    secrets.append(key)
    client.post(f"/fr/account/confirm-email/{key}/")

    user = User.objects.get(email="nour@example.fr")
    device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    backup_codes = two_factor.new_backup_codes(user)
    secrets += [*backup_codes, device.key]

    client.post("/fr/account/login/", {"login": user.email, "password": secrets[1]})
    client.post("/fr/account/login/", {"login": user.email, "password": PASSWORD})
    code = app_code(device)
    secrets.append(code)
    client.post("/fr/account/two-factor/authenticate/", {"code": code})
    secrets.append(client.session.session_key)
    client.post("/fr/account/logout/")

    client.post("/fr/account/password/reset/", {"email": user.email})
    reset_link = re.search(r"/password/reset/key/(\S+)/", mail.outbox[-1].body)
    secrets.append(reset_link.group(1))
    client.post("/fr/account/login/", {"login": user.email, "password": PASSWORD})
    client.post("/fr/account/two-factor/authenticate/", {"code": backup_codes[0]})

    logged = "\n".join(
        record.getMessage() + " " + repr(record.args) for record in caplog.records
    )
    assert caplog.records, "the flows should have logged something"
    for secret in secrets:
        assert secret not in logged

"""Demo accounts: a resident, a counter agent, an editor and an administrator.

Staff must use two-factor in the back office: each demo staff account gets an
authenticator key derived from its email (demo only), printed with the logins so that a
person trying the demo can type it into an authenticator app.
"""

import hashlib

from django.contrib.auth.models import Group, Permission
from django_otp.plugins.otp_totp.models import TOTPDevice

from citizenpass.accounts.models import User
from citizenpass.accounts.two_factor import key_as_text
from citizenpass.organisations.models import Organisation

COUNTER_AGENTS_GROUP = "Counter agents"

DEMO_USERS = [
    # role, email, password, first name, last name, organisation slug, staff, superuser
    (
        "resident",
        "camille.martin@demo.citizenpass.fr",
        "demo-resident-pass",
        "Camille",
        "Martin",
        None,
        False,
        False,
    ),
    (
        "agent",
        "agent.lyon@demo.citizenpass.fr",
        "demo-agent-pass-lyon",
        "Karim",
        "Benali",
        "lyon",
        True,
        False,
    ),
    (
        "editor",
        "editor@demo.citizenpass.fr",
        "demo-editor-pass-2026",
        "Élise",
        "Roux",
        "metropole-de-lyon",
        True,
        False,
    ),
    (
        "admin",
        "admin@demo.citizenpass.fr",
        "demo-admin-pass-2026",
        "Admin",
        "Métropole",
        "metropole-de-lyon",
        True,
        True,
    ),
]


def _staff_group(name: str) -> Group:
    group, _ = Group.objects.get_or_create(name=name)
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    return group


def seed(report) -> None:
    """Create the demo users and their groups (idempotent)."""
    groups = {
        "agent": _staff_group(COUNTER_AGENTS_GROUP),
        "editor": _staff_group("Editors"),
    }
    for role, email, password, first, last, org_slug, staff, superuser in DEMO_USERS:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(
                email=email,
                password=password,
                first_name=first,
                last_name=last,
                is_staff=staff,
                is_superuser=superuser,
                organisation=Organisation.objects.filter(slug=org_slug).first(),
            )
            report.count("user")
        if role in groups:
            user.groups.add(groups[role])
        _mark_email_verified(user)
        report.login(role, email, password)
        if staff:
            device = _demo_authenticator(user)
            report.login(
                f"{role} 2FA", "authenticator key (demo only)", key_as_text(device)
            )


def _demo_authenticator(user: User) -> TOTPDevice:
    """A confirmed TOTP device with a key derived from the email: demo accounts only."""
    key = hashlib.sha1(f"citizenpass-demo-totp:{user.email}".encode()).hexdigest()  # noqa: S324
    device, _ = TOTPDevice.objects.get_or_create(
        user=user, name="demo authenticator", defaults={"key": key, "confirmed": True}
    )
    return device


def _mark_email_verified(user: User) -> None:
    from allauth.account.models import EmailAddress

    EmailAddress.objects.get_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )

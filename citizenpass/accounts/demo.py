"""Demo accounts: a resident, a counter agent, an editor and an administrator."""

from django.contrib.auth.models import Group, Permission

from citizenpass.accounts.models import User
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


def _mark_email_verified(user: User) -> None:
    from allauth.account.models import EmailAddress

    EmailAddress.objects.get_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )

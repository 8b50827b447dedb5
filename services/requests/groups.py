"""Agent groups, one per organisation: what its counter agents may do in the back office.

Which requests an agent sees is set by ``user.organisation``, never by the group.
"""

from django.contrib.auth.models import Group, Permission

AGENT_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("service_requests", "view_servicerequest"),
    ("service_requests", "change_servicerequest"),
    ("service_requests", "add_servicerequest"),
    ("catalogue", "view_service"),
]
SERVICE_MANAGER_PERMISSIONS = [
    ("catalogue", "add_service"),
    ("catalogue", "change_service"),
    ("catalogue", "edit_service_form"),
]


def _group(name: str, permissions: list[tuple[str, str]]) -> Group:
    group, _ = Group.objects.get_or_create(name=name)
    wanted = Permission.objects.filter(
        content_type__app_label__in={app for app, _ in permissions},
        codename__in={codename for _, codename in permissions},
    )
    group.permissions.add(*wanted)
    return group


def agent_group(organisation) -> Group:
    """The group of ``organisation``'s counter agents (created when missing)."""
    return _group(f"Agents · {organisation.slug}", AGENT_PERMISSIONS)


def service_manager_group(organisation) -> Group:
    """Agents of ``organisation`` who also edit its services and their forms."""
    return _group(
        f"Service managers · {organisation.slug}",
        AGENT_PERMISSIONS + SERVICE_MANAGER_PERMISSIONS,
    )

"""The agents' request list, kept rendered until something it shows changes.

Rendering the list inside the Wagtail admin costs tens of milliseconds (the sidebar's
permission checks, the filter form, the admin's templates), while agents come back to it
after every request they handle. So the rendered page is cached per agent, address and
language (:mod:`citizenpass.rendered_pages`), under two *versions* that the code changing
what it shows increments:

- the list version of the request's organisation (and of "all organisations", which a
  superuser's list shows), incremented once any change to a request commits;
- the back-office version, incremented when what surrounds the rows changes: services
  and organisations (their names), agents (names shown as assignees), groups and
  permissions (the sidebar's menu), admin profiles (language, time zone), locales.

Access checks run before the cache is read (the view's dispatch), every time. A version
missing from the cache starts at the current time in nanoseconds, so a page cached under
an evicted version can never be served again.
"""

import time

from django.core.cache import cache
from django.db import transaction

from citizenpass import rendered_pages

BACKOFFICE_VERSION_KEY = "backoffice:version"
ALL_ORGANISATIONS = "all"
SIDEBAR_COOKIE = "wagtail_sidebar_collapsed"


def _list_version_key(organisation_id) -> str:
    return f"backoffice:requests-version:{organisation_id}"


def _increment(key: str) -> None:
    try:
        cache.incr(key)
    except ValueError:
        cache.add(key, time.time_ns(), timeout=None)


def bump_list_version(organisation_id: int | None) -> None:
    """The requests of ``organisation_id`` changed: once committed, lists re-render."""

    def bump():
        _increment(_list_version_key(ALL_ORGANISATIONS))
        if organisation_id is not None:
            _increment(_list_version_key(organisation_id))

    transaction.on_commit(bump)


def bump_backoffice_version(**kwargs) -> None:
    """What surrounds the rows (names, menus, profiles) changed: every list re-renders."""
    transaction.on_commit(lambda: _increment(BACKOFFICE_VERSION_KEY))


def _versions(user) -> tuple:
    scope = ALL_ORGANISATIONS if user.is_superuser else user.organisation_id
    keys = [_list_version_key(scope), BACKOFFICE_VERSION_KEY]
    found = cache.get_many(keys)
    for key in keys:
        if key not in found:
            cache.add(key, time.time_ns(), timeout=None)
            found[key] = cache.get(key)
    return tuple(found[key] for key in keys)


class CachedListingMixin:
    """For a Wagtail index view: the rendered list, kept until one of its versions moves."""

    def get(self, request, *args, **kwargs):
        return rendered_pages.serve(
            request,
            (
                "requests-list",
                *_versions(request.user),
                # Wagtail draws the sidebar folded or not from this cookie.
                request.COOKIES.get(SIDEBAR_COOKIE, ""),
            ),
            lambda: super(CachedListingMixin, self).get(request, *args, **kwargs),
            any_query=True,  # filters, ordering and page (agents only)
        )


def _request_changed(sender, instance, **kwargs) -> None:
    from .models import RequestStatus

    if instance.status != RequestStatus.DRAFT:  # drafts are not listed
        bump_list_version(instance.organisation_id)


def _user_changed(sender, instance, **kwargs) -> None:
    if instance.is_staff or instance.is_superuser or instance.organisation_id:
        bump_backoffice_version()


def connect_signals() -> None:
    """Increment the versions on every change the list shows (called once, at start)."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.db.models.signals import m2m_changed, post_delete, post_save
    from wagtail.models import GroupCollectionPermission, GroupPagePermission, Locale
    from wagtail.users.models import UserProfile

    from citizenpass.organisations.models import Organisation
    from services.catalogue.models import Service

    from .models import ServiceRequest

    User = get_user_model()
    for signal in (post_save, post_delete):
        signal.connect(
            _request_changed, sender=ServiceRequest, dispatch_uid="listing_request"
        )
        signal.connect(_user_changed, sender=User, dispatch_uid="listing_user")
        for model in (
            Service,
            Organisation,
            Group,
            GroupPagePermission,
            GroupCollectionPermission,
            UserProfile,
            Locale,
        ):
            signal.connect(
                bump_backoffice_version,
                sender=model,
                dispatch_uid=f"listing_{model._meta.label_lower}",
            )
    for through in (
        User.groups.through,
        User.user_permissions.through,
        Group.permissions.through,
    ):
        m2m_changed.connect(
            bump_backoffice_version,
            sender=through,
            dispatch_uid=f"listing_{through._meta.label_lower}",
        )

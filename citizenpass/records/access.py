"""Who may see which resident's data: access checks that answer 404 otherwise.

A viewer sees a resident's data as one of:

- the resident themself (``role`` is ``None``: nothing is logged);
- a guardian of a minor (every domain, until the minor's 18th birthday);
- a helper under a mandate in force (only the mandated domains).

Anyone else, agents included, gets :class:`~django.http.Http404` here: agents look a
resident up in the back office, with a stated reason, through their own code path.
Every read under a grant with a role must be logged in the same transaction:
:meth:`AccessGrant.log_read` does it.
"""

from dataclasses import dataclass

from django.http import Http404

from citizenpass.records.access_log import log_access
from citizenpass.records.models import (
    AccessEvent,
    Domain,
    Mandate,
    PersonalRecord,
    Relationship,
)

# Session key holding the id of the resident a helper or guardian is acting for.
ACTING_FOR_SESSION_KEY = "records_acting_for"


@dataclass(frozen=True)
class AccessGrant:
    """What ``viewer`` may see of ``resident``'s data, and in which role."""

    viewer: object
    resident: object
    role: str | None = None  # an AccessEvent.Role, or None for the resident themself
    domains: frozenset[str] | None = None  # None: every domain

    @property
    def is_self(self) -> bool:
        return self.role is None

    def allows(self, domain: str) -> bool:
        return self.domains is None or domain in self.domains

    def visible_domains(self) -> list[str]:
        """Domain codes the viewer may see, in the order of :class:`Domain`."""
        return [code for code in Domain.values if self.allows(code)]

    def log_read(self, *, what: str, purpose: str) -> AccessEvent | None:
        """Log this read in the caller's transaction (nothing for the resident)."""
        if self.role is None:
            return None
        return log_access(
            resident=self.resident,
            actor=self.viewer,
            role=self.role,
            what=what,
            purpose=purpose,
        )


def find_grant(viewer, resident) -> AccessGrant | None:
    """The grant ``viewer`` holds on ``resident``'s data, or ``None``."""
    if viewer is None or not viewer.is_authenticated or resident is None:
        return None
    if viewer.pk == resident.pk:
        return AccessGrant(viewer, resident)
    if Relationship.objects.in_force().filter(guardian=viewer, minor=resident).exists():
        return AccessGrant(viewer, resident, AccessEvent.Role.GUARDIAN)
    mandated = set()
    for domains in (
        Mandate.objects.in_force()
        .filter(helper=viewer, resident=resident)
        .values_list("domains", flat=True)
    ):
        mandated.update(domains)
    if mandated:
        return AccessGrant(
            viewer, resident, AccessEvent.Role.HELPER, frozenset(mandated)
        )
    return None


def access_resident_data(viewer, resident, domain: str | None = None) -> AccessGrant:
    """The viewer's grant on the resident's data (for ``domain`` if given), else 404."""
    grant = find_grant(viewer, resident)
    if grant is None or (domain is not None and not grant.allows(domain)):
        raise Http404
    return grant


def access_record(viewer, record_id: int) -> tuple[AccessGrant, PersonalRecord]:
    """A record with the grant to see it; 404 for a record the viewer may not see."""
    record = (
        PersonalRecord.objects.select_related(
            "resident", "kind", "source", "source__organisation"
        )
        .filter(pk=record_id)
        .first()
    )
    if record is None:
        raise Http404
    grant = access_resident_data(viewer, record.resident, record.domain)
    return grant, record


def access_granted_mandate(viewer, mandate_id: int) -> Mandate:
    """A mandate the viewer granted (to revoke it), else 404."""
    mandate = Mandate.objects.filter(pk=mandate_id, resident=viewer).first()
    if mandate is None:
        raise Http404
    return mandate


def subject_grant(request) -> AccessGrant:
    """Whose data the signed-in user is looking at: their own, or the one they act for.

    A helper or guardian who lost their grant since they switched goes back to their
    own data.
    """
    from django.contrib.auth import get_user_model

    viewer = request.user
    acting_for = request.session.get(ACTING_FOR_SESSION_KEY)
    if acting_for and acting_for != viewer.pk:
        resident = get_user_model().objects.filter(pk=acting_for).first()
        grant = find_grant(viewer, resident)
        if grant is not None:
            return grant
        request.session.pop(ACTING_FOR_SESSION_KEY, None)
    return AccessGrant(viewer, viewer)

"""Changes to personal data, family links and mandates (keyword-only, atomic)."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from citizenpass.records.freshness import records_changed
from citizenpass.records.life_stages import is_minor
from citizenpass.records.models import (
    INVITATION_LIFETIME,
    CoParentInvitation,
    DataSource,
    Domain,
    Mandate,
    PersonalRecord,
    RecordCorrection,
    RecordKind,
    Relationship,
)

CORRECTABLE_FIELDS = ("occurred_on", "period_end", "title", "value", "unit", "payload")
INVITATION_SALT = "citizenpass.records.co-parent-invitation"
MANDATE_OFFER_SALT = "citizenpass.records.mandate-offer"
# Each invitation (mandate offer, co-parent invitation) emails an address the resident
# typed: a few a day is all a resident needs, and keeps the forms from being used to
# send mail to strangers (cancelled ones count).
INVITATIONS_A_DAY = 5


@dataclass(frozen=True)
class RecordInput:
    """One record as a source sends it."""

    external_id: str
    kind: RecordKind
    occurred_on: datetime.date
    title: str
    value: Decimal | None = None
    unit: str = ""
    payload: dict | None = None
    period_end: datetime.date | None = None


def _snapshot(record: PersonalRecord) -> dict:
    return {
        "occurred_on": record.occurred_on.isoformat(),
        "period_end": record.period_end.isoformat() if record.period_end else None,
        "title": record.title,
        "value": str(record.value) if record.value is not None else None,
        "unit": record.unit,
        "payload": record.payload,
    }


def validate_record_input(*, source: DataSource, data: RecordInput) -> None:
    """Raise ValidationError when the record does not fit its source and kind."""
    if data.kind.source_id != source.pk:
        raise ValidationError({"kind": _("This kind belongs to another source.")})
    errors = data.kind.payload_errors(data.payload or {})
    if errors:
        raise ValidationError({"payload": errors})
    if data.period_end and data.period_end < data.occurred_on:
        raise ValidationError({"period_end": _("The period ends before it starts.")})


@transaction.atomic
def upsert_record(
    *, resident, source: DataSource, data: RecordInput, reason: str = ""
) -> tuple[PersonalRecord, bool]:
    """Create the record, or correct it when ``(source, external_id)`` exists.

    A correction keeps what it replaced in the record's history. Returns the record and
    whether it was created.
    """
    validate_record_input(source=source, data=data)
    fields = {
        "kind": data.kind,
        "occurred_on": data.occurred_on,
        "period_end": data.period_end,
        "title": data.title,
        "value": data.value,
        "unit": data.unit or data.kind.unit,
        "payload": data.payload or {},
    }
    record = (
        PersonalRecord.objects.select_for_update()
        .filter(source=source, external_id=data.external_id)
        .first()
    )
    if record is None:
        record = PersonalRecord(
            resident=resident, source=source, external_id=data.external_id, **fields
        )
        record.save()
        records_changed([resident.pk])
        return record, True
    if record.resident_id != resident.pk:
        raise ValidationError(
            {"external_id": _("This identifier already belongs to another resident.")}
        )
    before = _snapshot(record)
    for name, value in fields.items():
        setattr(record, name, value)
    record.value = (
        Decimal(record.value).quantize(Decimal("0.001"))
        if record.value is not None
        else None
    )
    if _snapshot(record) != before:
        RecordCorrection.objects.create(record=record, previous=before, reason=reason)
        record.updated_at = timezone.now()
        record.save()
        records_changed([record.resident_id])
    return record, False


def _email_after_commit(*, subject: str, message: str, to: str) -> None:
    """Send one email once the current transaction commits (never for a rollback)."""
    transaction.on_commit(
        lambda: send_mail(
            subject=subject, message=message, from_email=None, recipient_list=[to]
        )
    )


def _refuse_past_daily_invitations(sent) -> None:
    """Refuse one more invitation when ``sent`` (a person's invitations of one kind)
    holds ``INVITATIONS_A_DAY`` made in the last 24 hours."""
    since = timezone.now() - datetime.timedelta(days=1)
    if sent.filter(created_at__gt=since).count() >= INVITATIONS_A_DAY:
        raise ValidationError(
            _(
                "You sent %(count)s invitations in the last 24 hours: you can send "
                "another one tomorrow."
            )
            % {"count": INVITATIONS_A_DAY}
        )


@transaction.atomic
def offer_mandate(
    *, resident, helper_email: str, domains: list[str], valid_until: datetime.date
) -> Mandate:
    """Offer the person at ``helper_email`` to see ``domains`` of ``resident``'s data
    until ``valid_until``, and email them the invitation.

    Nothing tells the resident whether the address has an account: the mandate is in
    force only once the account with that address accepts it."""
    email = helper_email.strip().lower()
    if email == resident.email.lower():
        raise ValidationError(
            {"helper_email": _("You cannot give a mandate to yourself.")}
        )
    if not domains or set(domains) - set(Domain.values):
        raise ValidationError({"domains": _("Choose at least one domain.")})
    if valid_until < timezone.localdate():
        raise ValidationError({"valid_until": _("The end date is in the past.")})
    _refuse_past_daily_invitations(Mandate.objects.filter(resident=resident))
    ordered = [code for code in Domain.values if code in set(domains)]
    mandate = Mandate.objects.create(
        resident=resident, helper_email=email, domains=ordered, valid_until=valid_until
    )
    token = signing.dumps(mandate.pk, salt=MANDATE_OFFER_SALT)
    link = settings.PUBLIC_BASE_URL.rstrip("/") + reverse(
        "portal:mandate_offer", args=[token]
    )
    message = render_to_string(
        "records/email/mandate_offer.txt",
        {"mandate": mandate, "resident": resident, "link": link},
    )
    subject = _("%(name)s asks you to help them on CitizenPass") % {
        "name": resident.get_full_name() or resident.email
    }
    _email_after_commit(subject=subject, message=message, to=email)
    return mandate


def _signed_pk(token: str, salt: str) -> int | None:
    """The id an emailed link's token carries, or ``None`` when forged."""
    try:
        return signing.loads(token, salt=salt)
    except signing.BadSignature:
        return None


def find_mandate_offer(token: str) -> Mandate | None:
    """The mandate a token offers, while it can still be accepted, or ``None``."""
    return (
        Mandate.objects.select_related("resident")
        .filter(
            Mandate.objects.offered_condition(),
            pk=_signed_pk(token, MANDATE_OFFER_SALT),
        )
        .first()
    )


@transaction.atomic
def accept_mandate(*, mandate: Mandate, user) -> Mandate:
    """The person invited, signed in with the invited address, becomes the helper;
    the resident is told by email who now sees what."""
    mandate = (
        Mandate.objects.select_for_update(of=("self",))
        .select_related("resident")
        .filter(Mandate.objects.offered_condition(), pk=mandate.pk)
        .first()
    )
    if mandate is None:
        raise ValidationError(_("This invitation is no longer valid."))
    if user.email.lower() != mandate.helper_email or user.pk == mandate.resident_id:
        raise ValidationError(_("This invitation was sent to another email address."))
    mandate.helper = user
    mandate.accepted_at = timezone.now()
    mandate.save(update_fields=["helper", "accepted_at"])
    resident = mandate.resident
    with translation.override(resident.preferred_language):
        message = render_to_string(
            "records/email/mandate_accepted.txt",
            {
                "mandate": mandate,
                "helper": user,
                "mandates_url": settings.PUBLIC_BASE_URL.rstrip("/")
                + reverse("portal:mandates"),
            },
        )
        subject = _("%(name)s accepted your mandate") % {
            "name": user.get_full_name() or user.email
        }
    _email_after_commit(subject=subject, message=message, to=resident.email)
    return mandate


@transaction.atomic
def revoke_mandate(*, mandate: Mandate) -> Mandate:
    """End a mandate now (a second call changes nothing)."""
    if mandate.revoked_at is None:
        mandate.revoked_at = timezone.now()
        mandate.save(update_fields=["revoked_at"])
    return mandate


@transaction.atomic
def link_guardian(
    *, guardian, minor, kind: str = Relationship.Kind.PARENT
) -> Relationship:
    """Record that ``guardian`` is a parent or guardian of ``minor`` (idempotent)."""
    if not is_minor(minor.birth_date, timezone.localdate()):
        raise ValidationError({"minor": _("Only a minor can have a guardian here.")})
    relationship, _created = Relationship.objects.get_or_create(
        guardian=guardian, minor=minor, defaults={"kind": kind}
    )
    return relationship


def invitation_token(invitation: CoParentInvitation) -> str:
    """Signed token carried by the invitation link."""
    return signing.dumps(invitation.pk, salt=INVITATION_SALT)


@transaction.atomic
def invite_co_parent(*, guardian, minor, email: str) -> CoParentInvitation:
    """Invite the other parent, by email, to share ``minor``'s data."""
    if not Relationship.objects.in_force().filter(guardian=guardian, minor=minor):
        raise ValidationError(_("You are not a guardian of this child."))
    _refuse_past_daily_invitations(
        CoParentInvitation.objects.filter(invited_by=guardian)
    )
    invitation = CoParentInvitation.objects.create(
        minor=minor,
        invited_by=guardian,
        email=email.strip().lower(),
        expires_at=timezone.now() + INVITATION_LIFETIME,
    )
    link = settings.PUBLIC_BASE_URL.rstrip("/") + reverse(
        "portal:accept_invitation", args=[invitation_token(invitation)]
    )
    _email_after_commit(
        subject=_("Invitation to follow a child's data on CitizenPass"),
        message=_(
            "%(name)s invites you to follow, as a parent, the data public services "
            "hold about %(child)s.\n\nSign in with this email address and open:\n"
            "%(link)s\n\nThe link is valid for 14 days."
        )
        % {"name": guardian, "child": minor.first_name or minor, "link": link},
        to=invitation.email,
    )
    return invitation


def find_invitation(token: str) -> CoParentInvitation | None:
    """The open invitation a token designates, or ``None``."""
    pk = _signed_pk(token, INVITATION_SALT)
    invitation = (
        CoParentInvitation.objects.select_related("minor", "invited_by")
        .filter(pk=pk)
        .first()
    )
    return invitation if invitation is not None and invitation.is_open else None


@transaction.atomic
def accept_co_parent_invitation(
    *, invitation: CoParentInvitation, user
) -> Relationship:
    """The invited parent, signed in with the invited email, becomes a guardian."""
    invitation = CoParentInvitation.objects.select_for_update().get(pk=invitation.pk)
    if not invitation.is_open:
        raise ValidationError(_("This invitation is no longer valid."))
    if user.email.lower() != invitation.email:
        raise ValidationError(_("This invitation was sent to another email address."))
    relationship = link_guardian(guardian=user, minor=invitation.minor)
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    return relationship

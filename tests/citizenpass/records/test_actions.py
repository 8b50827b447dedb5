import datetime
import re
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from citizenpass.records import actions
from citizenpass.records.access import find_grant
from citizenpass.records.life_stages import add_years
from citizenpass.records.models import (
    INVITATION_LIFETIME,
    CoParentInvitation,
    Mandate,
    PersonalRecord,
    Relationship,
)
from tests.citizenpass.records.factories import (
    MandateFactory,
    RecordKindFactory,
    RelationshipFactory,
    ResidentFactory,
)

pytestmark = pytest.mark.django_db


def _input(kind, **overrides):
    data = {
        "external_id": "R-1",
        "kind": kind,
        "occurred_on": datetime.date(2025, 3, 1),
        "title": "Water used in 03/2025",
        "value": Decimal("8.2"),
        "payload": {"meter": "M-1"},
    }
    data.update(overrides)
    return actions.RecordInput(**data)


def test_a_second_import_with_the_same_external_id_corrects_and_keeps_history():
    resident, kind = ResidentFactory(), RecordKindFactory()
    record, created = actions.upsert_record(
        resident=resident, source=kind.source, data=_input(kind)
    )
    assert created and record.domain == kind.source.domain
    again, created = actions.upsert_record(
        resident=resident, source=kind.source, data=_input(kind)
    )
    assert not created and not again.corrections.exists()
    corrected, _ = actions.upsert_record(
        resident=resident,
        source=kind.source,
        data=_input(kind, value=Decimal("9")),
        reason="Meter misread",
    )
    assert corrected.value == Decimal("9")
    (correction,) = corrected.corrections.all()
    assert correction.previous["value"] == "8.200"
    assert correction.reason == "Meter misread"
    assert PersonalRecord.objects.count() == 1


def test_a_payload_that_breaks_the_schema_is_refused_and_nothing_is_written():
    resident, kind = ResidentFactory(), RecordKindFactory()
    with pytest.raises(ValidationError) as error:
        actions.upsert_record(
            resident=resident,
            source=kind.source,
            data=_input(kind, payload={"meter": 12, "extra": True}),
        )
    assert "payload" in error.value.message_dict
    assert not PersonalRecord.objects.exists()


def test_a_kind_of_another_source_is_refused():
    resident, kind, other = ResidentFactory(), RecordKindFactory(), RecordKindFactory()
    with pytest.raises(ValidationError):
        actions.upsert_record(resident=resident, source=other.source, data=_input(kind))


def test_an_external_id_cannot_move_to_another_resident():
    kind = RecordKindFactory()
    actions.upsert_record(
        resident=ResidentFactory(), source=kind.source, data=_input(kind)
    )
    with pytest.raises(ValidationError):
        actions.upsert_record(
            resident=ResidentFactory(), source=kind.source, data=_input(kind)
        )


def _offer(resident, helper_email, **fields):
    return actions.offer_mandate(
        resident=resident,
        helper_email=helper_email,
        domains=fields.get("domains", ["water"]),
        valid_until=fields.get(
            "valid_until", timezone.localdate() + datetime.timedelta(days=10)
        ),
    )


def test_a_mandate_grants_nothing_until_the_invited_address_accepts_it(
    mailoutbox, django_capture_on_commit_callbacks
):
    resident = ResidentFactory(first_name="Jeanne", last_name="Dupuis")
    helper = ResidentFactory(email="nadia@example.test", preferred_language="en")
    with django_capture_on_commit_callbacks(execute=True):
        mandate = _offer(resident, " Nadia@Example.test ", domains=["social", "water"])
    assert mandate.domains == ["water", "social"]
    assert mandate.helper is None and mandate.helper_email == "nadia@example.test"
    assert find_grant(helper, resident) is None
    (invitation,) = mailoutbox
    assert invitation.to == ["nadia@example.test"]
    assert "Jeanne Dupuis" in invitation.subject
    token = re.search(r"/mandates/invitations/([^/]+)/", invitation.body).group(1)
    assert actions.find_mandate_offer(token) == mandate

    with django_capture_on_commit_callbacks(execute=True):
        actions.accept_mandate(mandate=mandate, user=helper)
    grant = find_grant(helper, resident)
    assert grant.allows("water") and grant.allows("social")
    assert not grant.allows("health")
    # The resident learns who now sees what; the link cannot be used twice.
    told = mailoutbox[1]
    assert told.to == [resident.email]
    assert "nadia@example.test" in told.body
    assert actions.find_mandate_offer(token) is None
    actions.revoke_mandate(mandate=mandate)
    assert find_grant(helper, resident) is None


def test_a_mandate_is_accepted_only_by_the_account_of_the_invited_address():
    resident = ResidentFactory()
    mandate = _offer(resident, "nadia@example.test")
    stranger = ResidentFactory()
    with pytest.raises(ValidationError):
        actions.accept_mandate(mandate=mandate, user=stranger)
    mandate.refresh_from_db()
    assert mandate.helper is None and mandate.accepted_at is None
    assert find_grant(stranger, resident) is None


def test_a_cancelled_or_old_invitation_can_no_longer_be_accepted():
    resident = ResidentFactory()
    helper = ResidentFactory(email="nadia@example.test")
    cancelled = _offer(resident, helper.email)
    actions.revoke_mandate(mandate=cancelled)
    old = _offer(resident, helper.email)
    Mandate.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - INVITATION_LIFETIME - datetime.timedelta(minutes=1)
    )
    for mandate in (cancelled, old):
        with pytest.raises(ValidationError):
            actions.accept_mandate(mandate=mandate, user=helper)
    assert find_grant(helper, resident) is None


def test_a_resident_sends_at_most_five_invitations_a_day(mailoutbox):
    resident = ResidentFactory()
    offers = [_offer(resident, f"helper{n}@example.test") for n in range(5)]
    # Cancelling does not free a place: the form must not become a way to send mail.
    actions.revoke_mandate(mandate=offers[0])
    with pytest.raises(ValidationError):
        _offer(resident, "helper5@example.test")
    Mandate.objects.filter(pk=offers[0].pk).update(
        created_at=timezone.now() - datetime.timedelta(days=1, minutes=1)
    )
    _offer(resident, "helper5@example.test")
    assert Mandate.objects.filter(resident=resident).count() == 6


def test_an_expired_mandate_grants_nothing():
    resident, helper = ResidentFactory(), ResidentFactory()
    MandateFactory(
        resident=resident,
        helper=helper,
        valid_until=timezone.localdate() - datetime.timedelta(days=1),
    )
    assert find_grant(helper, resident) is None


def test_a_mandate_in_the_past_without_domain_or_to_oneself_is_refused():
    resident = ResidentFactory()
    with pytest.raises(ValidationError):
        _offer(
            resident,
            "nadia@example.test",
            valid_until=timezone.localdate() - datetime.timedelta(days=1),
        )
    with pytest.raises(ValidationError):
        _offer(resident, "nadia@example.test", domains=[])
    with pytest.raises(ValidationError):
        _offer(resident, resident.email.upper())
    assert not Mandate.objects.exists()


def test_guardianship_ends_by_itself_at_18():
    today = timezone.localdate()
    link = RelationshipFactory(minor__birth_date=add_years(today, -18))
    assert find_grant(link.guardian, link.minor) is None
    almost = RelationshipFactory(
        minor__birth_date=add_years(today, -18) + datetime.timedelta(days=1)
    )
    assert find_grant(almost.guardian, almost.minor).role == "guardian"
    young = RelationshipFactory(minor__birth_date=add_years(today, -10))
    assert find_grant(young.guardian, young.minor).role == "guardian"


def test_co_parent_invitation_is_accepted_by_the_invited_address_only(
    mailoutbox, django_capture_on_commit_callbacks
):
    link = RelationshipFactory()
    with (
        translation.override("en"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        invitation = actions.invite_co_parent(
            guardian=link.guardian, minor=link.minor, email="Other.Parent@example.test"
        )
    assert len(mailoutbox) == 1
    token = actions.invitation_token(invitation)
    # The link opens the page in the language the email is written in.
    assert "invites you to follow" in mailoutbox[0].body
    assert f"/en/family/invitations/{token}/" in mailoutbox[0].body
    stranger = ResidentFactory()
    with pytest.raises(ValidationError):
        actions.accept_co_parent_invitation(invitation=invitation, user=stranger)
    other_parent = ResidentFactory(email="other.parent@example.test")
    found = actions.find_invitation(token)
    actions.accept_co_parent_invitation(invitation=found, user=other_parent)
    assert Relationship.objects.filter(guardian=other_parent, minor=link.minor).exists()
    assert actions.find_invitation(token) is None
    assert actions.find_invitation("forged-token") is None
    assert CoParentInvitation.objects.get().accepted_by == other_parent


def test_a_guardian_sends_at_most_five_co_parent_invitations_a_day():
    link = RelationshipFactory()
    for n in range(5):
        actions.invite_co_parent(
            guardian=link.guardian, minor=link.minor, email=f"p{n}@example.test"
        )
    with pytest.raises(ValidationError):
        actions.invite_co_parent(
            guardian=link.guardian, minor=link.minor, email="p5@example.test"
        )


def test_only_a_guardian_can_invite():
    link = RelationshipFactory()
    with pytest.raises(ValidationError):
        actions.invite_co_parent(
            guardian=ResidentFactory(), minor=link.minor, email="x@example.test"
        )

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from citizenpass.records import actions
from citizenpass.records.access import find_grant
from citizenpass.records.life_stages import add_years
from citizenpass.records.models import (
    CoParentInvitation,
    Mandate,
    PersonalRecord,
    Relationship,
)
from tests.citizenpass.records.factories import (
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


def test_a_mandate_grants_only_its_domains_until_revoked():
    resident, helper = ResidentFactory(), ResidentFactory()
    mandate = actions.grant_mandate(
        resident=resident,
        helper=helper,
        domains=["social", "water"],
        valid_until=timezone.localdate() + datetime.timedelta(days=10),
    )
    assert mandate.domains == ["water", "social"]
    grant = find_grant(helper, resident)
    assert grant.allows("water") and not grant.allows("health")
    actions.revoke_mandate(mandate=mandate)
    assert find_grant(helper, resident) is None


def test_an_expired_mandate_grants_nothing():
    resident, helper = ResidentFactory(), ResidentFactory()
    Mandate.objects.create(
        resident=resident,
        helper=helper,
        domains=["water"],
        valid_until=timezone.localdate() - datetime.timedelta(days=1),
    )
    assert find_grant(helper, resident) is None


def test_a_mandate_in_the_past_or_without_domain_is_refused():
    resident, helper = ResidentFactory(), ResidentFactory()
    with pytest.raises(ValidationError):
        actions.grant_mandate(
            resident=resident,
            helper=helper,
            domains=["water"],
            valid_until=timezone.localdate() - datetime.timedelta(days=1),
        )
    with pytest.raises(ValidationError):
        actions.grant_mandate(
            resident=resident,
            helper=helper,
            domains=[],
            valid_until=timezone.localdate(),
        )


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
    with django_capture_on_commit_callbacks(execute=True):
        invitation = actions.invite_co_parent(
            guardian=link.guardian, minor=link.minor, email="Other.Parent@example.test"
        )
    assert len(mailoutbox) == 1
    token = actions.invitation_token(invitation)
    assert token in mailoutbox[0].body
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


def test_only_a_guardian_can_invite():
    link = RelationshipFactory()
    with pytest.raises(ValidationError):
        actions.invite_co_parent(
            guardian=ResidentFactory(), minor=link.minor, email="x@example.test"
        )

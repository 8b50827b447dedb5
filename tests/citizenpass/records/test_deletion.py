"""Account deletion: records erased or detached by retention, purge, pseudonymised log."""

import datetime
import importlib

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, transaction
from django.utils import timezone

from citizenpass.accounts.actions import do_delete_account
from citizenpass.records.access_log import actor_pseudonym, log_access, verify_chain
from citizenpass.records.models import (
    AccessEvent,
    CoParentInvitation,
    LegalBasis,
    Mandate,
    PersonalRecord,
    RecordCorrection,
    Relationship,
)
from tests.citizenpass.records.factories import (
    DataSourceFactory,
    MandateFactory,
    PersonalRecordFactory,
    RecordKindFactory,
    RelationshipFactory,
    ResidentFactory,
    log_helper_read,
)

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def _record(resident, *, legal_basis=LegalBasis.PUBLIC_TASK, months=60, on=None):
    source = DataSourceFactory(legal_basis=legal_basis, retention_months=months)
    return PersonalRecordFactory(
        resident=resident,
        kind=RecordKindFactory(source=source),
        occurred_on=on or TODAY - datetime.timedelta(days=40),
    )


@pytest.fixture
def resident():
    return ResidentFactory(
        first_name="Camille", last_name="Martin", email="camille@example.test"
    )


def test_expired_and_consent_records_are_erased_retained_ones_detached(resident):
    expired = _record(resident, months=12, on=TODAY - datetime.timedelta(days=800))
    consent = _record(resident, legal_basis=LegalBasis.CONSENT, months=120)
    retained = _record(resident, months=60)
    RecordCorrection.objects.create(record=expired, previous={"title": "Old"})
    RecordCorrection.objects.create(record=retained, previous={"title": "Kept"})
    other = _record(ResidentFactory(), months=12, on=TODAY - datetime.timedelta(800))

    do_delete_account(user=resident)

    assert not PersonalRecord.objects.filter(pk__in=[expired.pk, consent.pk]).exists()
    assert not RecordCorrection.objects.filter(record_id=expired.pk).exists()
    retained.refresh_from_db()
    assert retained.resident_id is None
    assert retained.detached_at is not None
    assert retained.life_stage is None
    # Corrections stay with the record they belong to until it is purged.
    assert retained.corrections.count() == 1
    # Another resident's records are not touched, even expired ones.
    assert PersonalRecord.objects.filter(pk=other.pk, resident__isnull=False).exists()


def test_detached_records_are_reachable_from_no_account(resident):
    retained = _record(resident)
    do_delete_account(user=resident)
    newcomer = ResidentFactory()
    assert not PersonalRecord.objects.filter(resident=newcomer).exists()
    assert not newcomer.personal_records.exists()
    assert PersonalRecord.objects.filter(resident__isnull=True).get() == retained


def test_purge_command_erases_detached_records_once_retention_is_over(resident, capsys):
    retained = _record(resident, months=12, on=TODAY - datetime.timedelta(days=40))
    RecordCorrection.objects.create(record=retained, previous={"title": "Kept"})
    kept_by_someone = _record(ResidentFactory(), months=1, on=datetime.date(2000, 1, 1))
    do_delete_account(user=resident)
    retained.refresh_from_db()
    last_day = retained.retained_until

    call_command("purge_detached_records", f"--today={last_day.isoformat()}")
    assert PersonalRecord.objects.filter(pk=retained.pk).exists()
    assert "0 detached record(s) erased." in capsys.readouterr().out

    call_command(
        "purge_detached_records",
        f"--today={(last_day + datetime.timedelta(days=1)).isoformat()}",
    )
    assert not PersonalRecord.objects.filter(pk=retained.pk).exists()
    assert not RecordCorrection.objects.exists()
    assert "1 detached record(s) erased." in capsys.readouterr().out
    # Records of accounts that still exist are never purged by this command.
    assert PersonalRecord.objects.filter(pk=kept_by_someone.pk).exists()


def test_family_links_invitations_and_mandates_go_with_the_account(resident):
    minor = ResidentFactory(birth_date=datetime.date(2016, 3, 1))
    RelationshipFactory(guardian=resident, minor=minor)
    MandateFactory(resident=resident)
    MandateFactory(helper=resident)
    soon = timezone.now() + datetime.timedelta(days=3)
    CoParentInvitation.objects.create(
        minor=minor, invited_by=resident, email="other@example.test", expires_at=soon
    )
    parent = ResidentFactory()
    RelationshipFactory(guardian=parent, minor=minor)
    CoParentInvitation.objects.create(
        minor=minor, invited_by=parent, email="CAMILLE@example.test", expires_at=soon
    )

    do_delete_account(user=resident)

    assert not Relationship.objects.filter(guardian_id=resident.pk).exists()
    assert Relationship.objects.filter(guardian=parent).count() == 1
    assert not Mandate.objects.exists()
    assert not CoParentInvitation.objects.exists()


def test_access_log_is_pseudonymised_and_still_verifies(resident, capsys):
    someone = ResidentFactory(first_name="Jeanne", preferred_language="en")
    log_helper_read(someone, resident)
    log_helper_read(resident, someone)
    log_helper_read(someone, resident)
    other_helper = ResidentFactory(first_name="Nadia")
    log_helper_read(someone, other_helper)

    do_delete_account(user=resident)

    events = AccessEvent.objects.order_by("pk")
    assert events.count() == 4
    for event in events:
        for value in (event.actor_label, event.what, event.purpose):
            assert "Camille" not in value and "Martin" not in value
            assert "camille@example.test" not in value
    as_actor = events.filter(actor_ref=resident.pk)
    assert {event.actor_label for event in as_actor} == {
        actor_pseudonym(resident.pk, "en")
    }
    assert actor_pseudonym(resident.pk, "en").startswith("Deleted account #")
    assert all(
        event.actor_id is None and not event.actor_label_salt for event in as_actor
    )
    # The deleted person's own log stays, without the link to their account.
    own = events.get(resident_ref=resident.pk)
    assert own.resident_id is None and own.actor_label == str(someone)
    assert events.get(actor=other_helper).actor_label == str(other_helper)

    call_command("verify_access_log")
    assert "intact: 4 events" in capsys.readouterr().out


def test_pseudonym_is_in_the_language_of_the_log_reader(resident):
    french_reader = ResidentFactory(preferred_language="fr")
    log_helper_read(french_reader, resident)
    do_delete_account(user=resident)
    event = AccessEvent.objects.get(resident=french_reader)
    assert event.actor_label == actor_pseudonym(resident.pk, "fr")
    assert event.actor_label.startswith("Compte supprimé #")


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("actor_label", "Camille Martin"),
        ("actor_label", "Someone else"),
        ("actor_label_digest", "0" * 64),
        ("what", "nothing at all"),
    ],
)
def test_tampering_after_pseudonymisation_is_still_detected(
    resident, capsys, column, value
):
    someone = ResidentFactory()
    log_helper_read(someone, resident)
    tampered = log_helper_read(someone, resident)
    log_helper_read(someone, resident)
    do_delete_account(user=resident)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE records_accessevent SET {column} = %s WHERE id = %s",  # noqa: S608
            [value, tampered.pk],
        )
    with pytest.raises(CommandError):
        call_command("verify_access_log")
    assert f"sequence={tampered.sequence}" in capsys.readouterr().out


def test_an_edited_label_of_a_living_actor_is_detected(capsys):
    resident, helper = ResidentFactory(), ResidentFactory()
    event = log_helper_read(resident, helper)
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE records_accessevent SET actor_label = %s WHERE id = %s",
            ["Someone else", event.pk],
        )
    with pytest.raises(CommandError):
        call_command("verify_access_log")
    assert "actor label does not match its digest" in capsys.readouterr().out


def test_the_pseudonymisation_path_is_the_only_update_allowed(resident):
    event = log_helper_read(ResidentFactory(), resident)
    with pytest.raises(TypeError):
        AccessEvent.objects.filter(pk=event.pk).update(actor_label="x")
    with pytest.raises(TypeError):
        event.save()
    changed = AccessEvent.objects.pseudonymise_actor_label(
        actor_ref=resident.pk, pseudonym=actor_pseudonym(resident.pk, "fr")
    )
    assert changed == 1
    assert list(verify_chain()) == []


def test_reads_of_detached_data_are_logged_nowhere():
    with transaction.atomic():
        assert log_access(resident=None, role="agent", what="x", purpose="y") is None
    assert not AccessEvent.objects.exists()


def _migration():
    return importlib.import_module(
        "citizenpass.records.migrations.0003_reseal_access_log_with_label_digests"
    )


def _seal_as_before(events):
    """Rewrite events as the old rule hashed them (the label itself in the hash)."""
    migration = _migration()
    previous = migration.GENESIS_HASH
    with connection.cursor() as cursor:
        for event in events:
            new_hash = migration._hash(previous, migration._old_content(event))
            cursor.execute(
                "UPDATE records_accessevent SET previous_hash = %s, hash = %s, "
                "actor_label_salt = '', actor_label_digest = '' WHERE id = %s",
                [previous, new_hash, event.pk],
            )
            previous = new_hash


def test_migration_reseals_intact_chains_and_leaves_broken_ones_broken():
    intact_resident, broken_resident, helper = (
        ResidentFactory(),
        ResidentFactory(),
        ResidentFactory(),
    )
    intact = [log_helper_read(intact_resident, helper) for _ in range(3)]
    broken = [log_helper_read(broken_resident, helper) for _ in range(2)]
    _seal_as_before(intact)
    _seal_as_before(broken)
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE records_accessevent SET what = 'edited' WHERE id = %s",
            [broken[1].pk],
        )

    _migration().forwards(apps, None)

    problems = list(verify_chain())
    assert {link.resident_ref for link in problems} == {broken_resident.pk}
    assert all(
        event.actor_label_salt
        for event in AccessEvent.objects.filter(resident=intact_resident)
    )

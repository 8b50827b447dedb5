import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from citizenpass.records.access_log import (
    AccessLogOutsideTransaction,
    log_access,
    verify_chain,
)
from citizenpass.records.models import AccessEvent
from tests.citizenpass.records.factories import ResidentFactory, log_helper_read

pytestmark = pytest.mark.django_db


def test_events_of_a_resident_form_a_chain():
    resident, helper = ResidentFactory(), ResidentFactory()
    first = log_helper_read(resident, helper)
    second = log_helper_read(resident, helper)
    assert (first.sequence, second.sequence) == (1, 2)
    assert second.previous_hash == first.hash
    assert list(verify_chain()) == []


def test_each_resident_has_an_own_chain():
    helper = ResidentFactory()
    one, other = ResidentFactory(), ResidentFactory()
    log_helper_read(one, helper)
    event = log_helper_read(other, helper)
    assert event.sequence == 1


def test_log_access_outside_a_transaction_is_refused(transactional_db):
    resident = ResidentFactory()
    assert not connection.in_atomic_block
    with pytest.raises(AccessLogOutsideTransaction):
        log_access(resident=resident, role="system", what="x", purpose="y")


def test_events_cannot_be_edited_or_deleted_through_the_orm():
    event = log_helper_read(ResidentFactory(), ResidentFactory())
    with pytest.raises(TypeError):
        event.save()
    with pytest.raises(TypeError):
        event.delete()
    with pytest.raises(TypeError):
        AccessEvent.objects.all().delete()
    with pytest.raises(TypeError):
        AccessEvent.objects.update(what="nothing")


def test_verify_access_log_reports_an_edited_row(capsys):
    resident, helper = ResidentFactory(), ResidentFactory()
    log_helper_read(resident, helper)
    tampered = log_helper_read(resident, helper)
    log_helper_read(resident, helper)
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE records_accessevent SET what = %s WHERE id = %s",
            ["nothing at all", tampered.pk],
        )
    with pytest.raises(CommandError):
        call_command("verify_access_log")
    out = capsys.readouterr().out
    assert f"sequence={tampered.sequence}" in out
    assert "content does not match" in out


def test_verify_access_log_reports_a_deleted_row(capsys):
    resident, helper = ResidentFactory(), ResidentFactory()
    log_helper_read(resident, helper)
    removed = log_helper_read(resident, helper)
    log_helper_read(resident, helper)
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM records_accessevent WHERE id = %s", [removed.pk])
    with pytest.raises(CommandError):
        call_command("verify_access_log")
    assert "missing" in capsys.readouterr().out


def test_verify_access_log_passes_on_an_intact_log(capsys):
    log_helper_read(ResidentFactory(), ResidentFactory())
    call_command("verify_access_log")
    assert "intact: 1 events" in capsys.readouterr().out


def test_the_chain_survives_the_deletion_of_the_resident_account():
    resident, helper = ResidentFactory(), ResidentFactory()
    log_helper_read(resident, helper)
    log_helper_read(resident, helper)
    resident.delete()
    assert AccessEvent.objects.filter(resident__isnull=True).count() == 2
    assert list(verify_chain()) == []

"""Account deletion runs every app's handler in one transaction: all or nothing."""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from citizenpass.accounts.actions import do_delete_account
from citizenpass.accounts.models import User
from citizenpass.exports.models import ExportJob
from citizenpass.records.access_log import log_access
from citizenpass.records.models import AccessEvent, PersonalRecord
from tests.citizenpass.accounts.conftest import RESIDENT_PASSWORD
from tests.citizenpass.records.factories import PersonalRecordFactory, ResidentFactory
from tests.support.logins import log_in

pytestmark = pytest.mark.django_db

HANDLERS_THEN_FAILURE = [
    "citizenpass.records.deletion.erase_or_detach_records",
    "citizenpass.records.deletion.pseudonymise_access_log",
    "services.requests.deletion.detach_requests",
    "citizenpass.exports.deletion.delete_exports",
    "services.api.deletion.unpair_resident",
    "tests.citizenpass.accounts.test_account_deletion.failing_handler",
]


def failing_handler(*, user):
    raise RuntimeError("a handler failed")


def test_every_app_registers_its_handler(settings):
    assert HANDLERS_THEN_FAILURE[:-1] == settings.ACCOUNT_DELETION_HANDLERS


def test_nothing_is_left_half_done_when_a_handler_fails(
    settings, django_capture_on_commit_callbacks
):
    resident = ResidentFactory(first_name="Camille")
    record = PersonalRecordFactory(
        resident=resident, occurred_on=timezone.localdate() - datetime.timedelta(40)
    )
    someone = ResidentFactory()
    with transaction.atomic():
        log_access(
            resident=someone, actor=resident, role="helper", what="w", purpose="p"
        )
    name = storages["private"].save("exports/1/x.pdf", ContentFile(b"%PDF"))
    ExportJob.objects.create(
        resident=resident, requested_by=resident, status="ready", file_name=name
    )
    settings.ACCOUNT_DELETION_HANDLERS = HANDLERS_THEN_FAILURE

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError):
        do_delete_account(user=resident)

    assert User.objects.filter(pk=resident.pk).exists()
    record.refresh_from_db()
    assert record.resident_id == resident.pk and record.detached_at is None
    assert AccessEvent.objects.get().actor_label == str(resident)
    assert ExportJob.objects.filter(resident=resident).exists()
    assert storages["private"].exists(name)
    call_command("verify_access_log")


def test_deletion_through_the_page_leaves_a_verifiable_log(
    client, resident, django_capture_on_commit_callbacks
):
    someone = ResidentFactory()
    with transaction.atomic():
        log_access(
            resident=someone, actor=resident, role="helper", what="w", purpose="p"
        )
    PersonalRecordFactory(
        resident=resident, occurred_on=timezone.localdate() - datetime.timedelta(40)
    )
    log_in(client, resident)
    client.post("/fr/account/reauthenticate/", {"password": RESIDENT_PASSWORD})
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/fr/account/delete/", {"confirm": "yes"})
    assert response.status_code == 302
    assert not User.objects.filter(pk=resident.pk).exists()
    assert PersonalRecord.objects.filter(resident__isnull=True).count() == 1
    assert "Camille" not in AccessEvent.objects.get().actor_label
    assert "camille@example.fr" not in AccessEvent.objects.get().actor_label
    call_command("verify_access_log")

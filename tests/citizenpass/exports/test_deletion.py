"""Account deletion removes export jobs and their files from the private storage."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import storages

from citizenpass.accounts.actions import do_delete_account
from citizenpass.exports.models import ExportJob
from tests.citizenpass.records.factories import ResidentFactory

pytestmark = pytest.mark.django_db


def _job(resident, requested_by=None) -> ExportJob:
    name = storages["private"].save(
        f"exports/{resident.pk}/export.pdf", ContentFile(b"%PDF-1.7 export")
    )
    return ExportJob.objects.create(
        resident=resident,
        requested_by=requested_by or resident,
        status=ExportJob.Status.READY,
        file_name=name,
    )


def test_deletion_removes_the_jobs_and_their_files(django_capture_on_commit_callbacks):
    resident, minor = ResidentFactory(), ResidentFactory()
    own = _job(resident)
    for_minor = _job(minor, requested_by=resident)
    minors_own = _job(minor)
    storage = storages["private"]

    with django_capture_on_commit_callbacks(execute=True):
        do_delete_account(user=resident)

    assert not ExportJob.objects.filter(pk__in=[own.pk, for_minor.pk]).exists()
    assert not storage.exists(own.file_name)
    assert not storage.exists(for_minor.file_name)
    assert ExportJob.objects.filter(pk=minors_own.pk).exists()
    assert storage.exists(minors_own.file_name)


def test_files_stay_until_the_deletion_commits(django_capture_on_commit_callbacks):
    resident = ResidentFactory()
    job = _job(resident)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        do_delete_account(user=resident)
    assert storages["private"].exists(job.file_name)
    for callback in callbacks:
        callback()
    assert not storages["private"].exists(job.file_name)

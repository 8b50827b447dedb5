"""Background exports: progress, files in private storage, signed links, faults."""

import datetime
import os
import signal
import time
from contextlib import contextmanager

import orjson
import pytest
from django.core import mail
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from citizenpass.exports.actions import purge_expired_exports
from citizenpass.exports.models import ExportJob
from citizenpass.exports.signing import download_token
from citizenpass.records.models import AccessEvent
from tests.citizenpass.exports.conftest import assert_valid_export
from tests.citizenpass.exports.pdf_checks import inspect_export_pdf
from tests.citizenpass.records.factories import (
    MandateFactory,
    RelationshipFactory,
    ResidentFactory,
)
from tests.support.logins import log_in

pytestmark = pytest.mark.django_db

PAGE = "/fr/my-data/export/"


def _ask(client, captured, **data) -> ExportJob:
    with captured(execute=True):
        response = client.post(PAGE, data)
    assert response.status_code == 302
    return ExportJob.objects.latest("id")


@pytest.fixture
def owner_client(client, resident):
    return log_in(client, resident)


@pytest.fixture
def ready_job(owner_client, records, django_capture_on_commit_callbacks):
    return _ask(owner_client, django_capture_on_commit_callbacks)


def _download(client, job):
    return client.get(reverse("exports:download", args=[download_token(job)]))


def test_asking_for_an_export_builds_a_private_pdf_and_sends_an_email(
    ready_job, owner_client
):
    assert ready_job.status == ExportJob.Status.READY
    assert ready_job.progress == 100
    assert ready_job.page_count >= 3
    assert ready_job.record_count == 48
    assert ready_job.file_name.startswith(f"exports/{ready_job.resident_id}/")
    assert storages["private"].exists(ready_job.file_name)
    assert ready_job.expires_at - ready_job.finished_at == datetime.timedelta(hours=24)
    [email] = mail.outbox
    assert email.to == [ready_job.resident.email]
    assert "/fr/my-data/export/" in email.body
    assert download_token(ready_job) not in email.body
    page = owner_client.get(PAGE).content.decode()
    assert reverse("exports:download", args=[download_token(ready_job)]) in page


@contextmanager
def _failing_after(seconds: int):
    """Raise in this thread after ``seconds`` (a test that would hang fails instead)."""

    def fail(signum, frame):
        raise TimeoutError(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, fail)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def test_an_export_with_domains_of_several_batches_gets_built(
    owner_client, records, django_capture_on_commit_callbacks, monkeypatch
):
    """Progress is written while a domain's records are still coming (on PostgreSQL,
    psycopg holds the export's connection for the whole query)."""
    from citizenpass.exports import document

    monkeypatch.setattr(document, "BATCH_ROWS", 5)
    with _failing_after(120):
        job = _ask(owner_client, django_capture_on_commit_callbacks)
    assert job.status == ExportJob.Status.READY
    assert job.record_count == 48


def test_owner_downloads_the_pdf_without_an_access_log_row(ready_job, owner_client):
    response = _download(owner_client, ready_job)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    found = inspect_export_pdf(b"".join(response.streaming_content))
    assert found["lang"] == "fr"
    assert len(found["json"]["domains"]) == 2
    assert not AccessEvent.objects.filter(resident_ref=ready_job.resident_id).exists()


def test_another_resident_gets_404_on_the_link_and_the_status(ready_job, client):
    log_in(client, ResidentFactory())
    assert _download(client, ready_job).status_code == 404
    status = client.get(reverse("exports:status", args=[ready_job.pk]))
    assert status.status_code == 404


def test_anonymous_visitor_is_sent_to_sign_in(ready_job):
    from django.test import Client

    response = _download(Client(), ready_job)
    assert response.status_code == 302
    assert "/account/login/" in response["Location"]


def test_guardian_download_is_written_to_the_childs_access_log(
    client, records, resident, django_capture_on_commit_callbacks
):
    resident.birth_date = datetime.date(2014, 6, 1)
    resident.save()
    guardian = ResidentFactory()
    RelationshipFactory(guardian=guardian, minor=resident)
    log_in(client, resident)
    job = _ask(client, django_capture_on_commit_callbacks)
    log_in(client, guardian)
    assert _download(client, job).status_code == 200
    event = AccessEvent.objects.get(resident_ref=resident.pk)
    assert event.role == AccessEvent.Role.GUARDIAN
    assert event.actor == guardian
    assert f"#{job.pk}" in event.what


def test_helper_gets_the_file_only_when_the_mandate_covers_its_domains(
    client, records, resident, django_capture_on_commit_callbacks
):
    water_helper, narrow_helper = ResidentFactory(), ResidentFactory()
    MandateFactory(resident=resident, helper=water_helper, domains=["water"])
    MandateFactory(resident=resident, helper=narrow_helper, domains=["energy"])
    log_in(client, resident)
    job = _ask(
        client, django_capture_on_commit_callbacks, **{"export-domains": "water"}
    )
    assert job.domains == ["water"]
    log_in(client, narrow_helper)
    assert _download(client, job).status_code == 404
    assert not AccessEvent.objects.filter(resident_ref=resident.pk).exists()
    log_in(client, water_helper)
    assert _download(client, job).status_code == 200
    assert AccessEvent.objects.get(resident_ref=resident.pk).role == "helper"


def test_expired_link_is_refused_and_purge_removes_the_file(
    ready_job, owner_client, django_capture_on_commit_callbacks
):
    name = ready_job.file_name
    ExportJob.objects.filter(pk=ready_job.pk).update(
        expires_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    stale = ExportJob.objects.get(pk=ready_job.pk)
    response = owner_client.get(
        reverse("exports:download", args=[download_token(stale)])
    )
    assert response.status_code == 410
    # The link made before (with the original expiry) is refused too.
    assert _download(owner_client, ready_job).status_code == 410
    with django_capture_on_commit_callbacks(execute=True):
        call_command("purge_exports", stdout=open(os.devnull, "w"))  # noqa: SIM115
    assert not storages["private"].exists(name)
    stale.refresh_from_db()
    assert stale.status == ExportJob.Status.EXPIRED
    assert stale.file_name == ""


def test_a_forged_link_gets_404(ready_job, owner_client):
    token = download_token(ready_job)
    forged = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    response = owner_client.get(reverse("exports:download", args=[forged]))
    assert response.status_code == 404


def test_at_most_two_exports_in_flight(owner_client, resident, records):
    for _ in range(2):
        ExportJob.objects.create(resident=resident, requested_by=resident)
    response = owner_client.post(PAGE, follow=True)
    assert ExportJob.objects.count() == 2
    assert "2 exports sont déjà en préparation" in response.content.decode()


def test_a_stalled_job_no_longer_counts_as_in_flight(owner_client, resident):
    long_ago = timezone.now() - datetime.timedelta(hours=1)
    for _ in range(2):
        ExportJob.objects.create(
            resident=resident,
            requested_by=resident,
            status=ExportJob.Status.RUNNING,
            updated_at=long_ago,
        )
    assert ExportJob.objects.filter(resident=resident).in_flight().count() == 0


def test_failed_job_leaves_no_file_shows_an_error_and_can_be_retried(
    owner_client, records, django_capture_on_commit_callbacks, monkeypatch
):
    from citizenpass.exports import generation

    def broken(**kwargs):
        kwargs["pdf_path"].write_bytes(b"%PDF-half written")
        raise OSError("disk full")

    monkeypatch.setattr(generation, "write_pdf", broken)
    job = _ask(owner_client, django_capture_on_commit_callbacks)
    assert job.status == ExportJob.Status.FAILED
    assert job.file_name == ""
    storage = storages["private"]
    assert not storage.exists("exports") or storage.listdir("exports") == ([], [])
    page = owner_client.get(PAGE).content.decode()
    assert "pas pu être généré" in page
    assert "/download/" not in page
    monkeypatch.undo()
    with django_capture_on_commit_callbacks(execute=True):
        response = owner_client.post(reverse("exports:retry", args=[job.pk]))
    assert response.status_code == 302
    job.refresh_from_db()
    assert job.status == ExportJob.Status.READY
    assert job.attempts == 2


def test_interrupted_job_has_no_link_and_can_be_retried(
    owner_client, resident, records, django_capture_on_commit_callbacks
):
    job = ExportJob.objects.create(
        resident=resident,
        requested_by=resident,
        domains=["water", "energy"],
        status=ExportJob.Status.RUNNING,
        progress=40,
        updated_at=timezone.now() - datetime.timedelta(hours=1),
    )
    page = owner_client.get(PAGE).content.decode()
    assert "Interrompu. Vous pouvez réessayer." in page
    assert "/download/" not in page
    with django_capture_on_commit_callbacks(execute=True):
        owner_client.post(reverse("exports:retry", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == ExportJob.Status.READY


def test_status_json_reports_progress(owner_client, resident):
    job = ExportJob.objects.create(
        resident=resident, requested_by=resident, status="running", progress=42
    )
    data = owner_client.get(reverse("exports:status", args=[job.pk])).json()
    assert data["progress"] == 42
    assert data["finished"] is False
    assert data["download_url"] is None


def test_purge_removes_leftover_files_nobody_points_to(ready_job):
    storage = storages["private"]
    leftover = storage.save(f"exports/{ready_job.resident_id}/x.pdf", ContentFile(b"x"))
    old = time.time() - 7200
    os.utime(storage.path(leftover), (old, old))
    assert purge_expired_exports() == 1
    assert not storage.exists(leftover)
    assert storage.exists(ready_job.file_name)


def test_json_download_streams_a_valid_document(owner_client, records):
    response = owner_client.get(reverse("exports:json"))
    assert response.status_code == 200
    assert response.streaming
    assert response["Content-Type"] == "application/json"
    document = orjson.loads(b"".join(response.streaming_content))
    assert_valid_export(document)
    assert document["export"]["record_count"] == 48


def test_json_download_by_helper_is_logged(client, resident, records):
    from citizenpass.records.access import ACTING_FOR_SESSION_KEY

    helper = ResidentFactory()
    MandateFactory(resident=resident, helper=helper, domains=["energy"])
    log_in(client, helper)
    session = client.session
    session[ACTING_FOR_SESSION_KEY] = resident.pk
    session.save()
    response = client.get(reverse("exports:json"))
    document = orjson.loads(b"".join(response.streaming_content))
    assert [d["domain"] for d in document["domains"]] == ["energy"]
    assert AccessEvent.objects.get(resident_ref=resident.pk).role == "helper"


def test_schema_is_published_at_a_stable_url(client):
    response = client.get("/schemas/export/v1.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/schema+json"
    schema = response.json()
    assert schema["$id"] == "/schemas/export/v1.json"
    assert "records" in str(schema)


def test_header_shows_a_notice_until_the_ready_export_is_seen(ready_job, owner_client):
    ExportJob.objects.filter(pk=ready_job.pk).update(seen_at=None)
    other_page = owner_client.get(reverse("exports:status", args=[ready_job.pk]))
    assert other_page.status_code == 200
    from django.template import Context, Template
    from django.test import RequestFactory

    request = RequestFactory().get("/")
    request.user = ready_job.resident
    tag = Template(
        "{% load i18n data_exports %}{% language 'en' %}{% exports_account_link %}"
        "{% endlanguage %}"
    )
    assert "ready" in tag.render(Context({"request": request}))
    owner_client.get(PAGE)
    assert "ready" not in tag.render(Context({"request": request}))

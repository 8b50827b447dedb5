"""Account deletion: drafts erased, open requests withdrawn, every request detached."""

import pytest
from django.core import mail
from django.urls import reverse

from citizenpass.accounts.actions import do_delete_account
from services.requests import actions, signals
from services.requests.models import (
    Attachment,
    Notification,
    RequestStatus,
    ServiceRequest,
    StatusChange,
)
from tests.services.requests.test_actions import _pdf_upload
from tests.support.logins import log_in

from .factories import make_agent, make_commune, make_resident, make_service

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    commune = make_commune("lyon")
    return {
        "service": make_service(commune),
        "resident": make_resident(first_name="Camille", last_name="Martin"),
        "agent": make_agent(commune),
    }


def _file(world, *, submit=True) -> ServiceRequest:
    return actions.do_file_request(
        resident=world["resident"],
        service=world["service"],
        data={"last_name": "Martin", "details": "Third floor"},
        uploads=[_pdf_upload()],
        acting_user=world["resident"],
        submit=submit,
    )


def _names(service_request) -> list[str]:
    return [a.file.name for a in Attachment.objects.filter(request=service_request)]


def test_deletion_erases_drafts_withdraws_open_requests_and_detaches_all(
    world, django_capture_on_commit_callbacks
):
    draft = _file(world, submit=False)
    draft_files = _names(draft)
    assert draft_files
    open_request = _file(world)
    open_files = _names(open_request)
    decided = _file(world)
    actions.do_change_status(
        request=decided, to_status=RequestStatus.ACCEPTED, acting_user=world["agent"]
    )
    agent_message = actions.do_post_message(
        request=decided, author=world["agent"], body="Decision", uploads=[_pdf_upload()]
    )
    decided_files = _names(decided)
    assert Notification.objects.filter(user=world["resident"]).exists()
    changes = []

    def receiver(sender, request, from_status, to_status, comment, **kwargs):
        changes.append((request.reference, to_status))

    signals.request_status_changed.connect(receiver)
    mail.outbox.clear()
    try:
        with django_capture_on_commit_callbacks(execute=True):
            do_delete_account(user=world["resident"])
    finally:
        signals.request_status_changed.disconnect(receiver)

    # The field's storage is bound when the model loads (the private storage then).
    storage = Attachment._meta.get_field("file").storage
    assert not ServiceRequest.objects.filter(pk=draft.pk).exists()
    assert not any(storage.exists(name) for name in draft_files)

    open_request.refresh_from_db()
    assert open_request.status == RequestStatus.WITHDRAWN
    assert open_request.resident_id is None and open_request.detached_at
    assert open_request.data == {"details": "Third floor"}
    assert not open_request.attachments.exists()
    assert not any(storage.exists(name) for name in open_files)
    last_step = StatusChange.objects.filter(request=open_request).last()
    assert last_step.to_status == RequestStatus.WITHDRAWN
    assert last_step.acting_user is None and last_step.comment
    assert changes == [(open_request.reference, RequestStatus.WITHDRAWN)]

    decided.refresh_from_db()
    assert decided.status == RequestStatus.ACCEPTED
    assert decided.resident_id is None and "last_name" not in decided.data
    # A decision's documents stay with the service's file.
    assert decided_files
    assert all(storage.exists(name) for name in decided_files)
    assert agent_message.attachments.exists()

    assert not Notification.objects.exists()
    # Only the confirmation of the deletion is emailed; nothing about the requests.
    assert [message.to for message in mail.outbox] == [[world["resident"].email]]


def test_agents_keep_working_on_a_detached_request(world, client):
    service_request = _file(world)
    actions.do_change_status(
        request=service_request,
        to_status=RequestStatus.ACCEPTED,
        acting_user=world["agent"],
    )
    do_delete_account(user=world["resident"])
    service_request.refresh_from_db()
    mail.outbox.clear()

    actions.do_change_status(
        request=service_request,
        to_status=RequestStatus.CLOSED,
        acting_user=world["agent"],
    )
    actions.do_post_message(request=service_request, author=world["agent"], body="Ok")
    assert not Notification.objects.exists()
    assert mail.outbox == []

    log_in(client, world["agent"])
    response = client.get(
        reverse("service_requests_admin:process", args=[service_request.pk])
    )
    assert response.status_code == 200
    assert "Martin" not in response.content.decode()


def test_detached_requests_show_on_nobodys_pages(world):
    _file(world)
    do_delete_account(user=world["resident"])
    newcomer = make_resident()
    assert not ServiceRequest.objects.filter(resident=newcomer).exists()
    assert ServiceRequest.objects.filter(resident__isnull=True).count() == 1

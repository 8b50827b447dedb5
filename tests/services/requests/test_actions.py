"""The request workflow through its actions: references, moves, emails, signals."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from services.requests import actions, signals
from services.requests.models import Notification, RequestStatus, StatusChange

from .factories import PDF_BYTES, make_agent, make_commune, make_resident, make_service

pytestmark = pytest.mark.django_db(transaction=True)


def _pdf_upload():
    return actions.CheckedUpload(
        "proof", SimpleUploadedFile("proof.pdf", PDF_BYTES), "application/pdf"
    )


@pytest.fixture
def world():
    commune = make_commune("lyon")
    return {
        "commune": commune,
        "service": make_service(commune),
        "resident": make_resident(last_name="Martin"),
        "agent": make_agent(commune),
    }


def _file(world, **kwargs):
    return actions.do_file_request(
        resident=world["resident"],
        service=world["service"],
        data={"last_name": "Martin"},
        uploads=[_pdf_upload()],
        acting_user=world["resident"],
        **kwargs,
    )


def test_submitting_gives_a_reference_and_sends_a_confirmation(world):
    service_request = _file(world)
    service_request.refresh_from_db()
    assert service_request.status == RequestStatus.SUBMITTED
    assert (
        service_request.reference
        == f"LYO-{service_request.submitted_at.year}-{service_request.pk:06d}"
    )
    assert len(mail.outbox) == 1
    assert service_request.reference in mail.outbox[0].subject
    assert Notification.objects.filter(user=world["resident"]).count() == 1
    attachment = service_request.attachments.get()
    assert attachment.file.name.startswith(f"requests/{service_request.pk}/")
    assert "proof" not in attachment.file.name


def test_attachments_are_stored_in_the_private_storage(world, settings):
    attachment = _file(world).attachments.get()
    stored = settings.PRIVATE_STORAGE_ROOT / attachment.file.name
    assert stored.read_bytes() == PDF_BYTES


def test_references_are_unique(world):
    first, second = _file(world), _file(world)
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.reference != second.reference


def test_a_draft_has_no_reference_and_sends_nothing(world):
    service_request = _file(world, submit=False)
    assert service_request.reference is None
    assert service_request.status == RequestStatus.DRAFT
    assert mail.outbox == []


def test_agent_moves_follow_the_workflow_and_are_recorded(world):
    service_request = _file(world)
    actions.do_change_status(
        request=service_request,
        to_status=RequestStatus.ACCEPTED,
        comment="Done",
        acting_user=world["agent"],
    )
    step = StatusChange.objects.filter(request=service_request).last()
    assert (step.from_status, step.to_status, step.comment, step.acting_user) == (
        RequestStatus.SUBMITTED,
        RequestStatus.ACCEPTED,
        "Done",
        world["agent"],
    )
    with pytest.raises(ValidationError):
        actions.do_change_status(
            request=service_request,
            to_status=RequestStatus.IN_REVIEW,
            comment="",
            acting_user=world["agent"],
        )
    service_request.refresh_from_db()
    assert service_request.status == RequestStatus.ACCEPTED
    assert len(mail.outbox) == 2


def test_asking_for_information_needs_a_comment(world):
    service_request = _file(world)
    with pytest.raises(ValidationError):
        actions.do_change_status(
            request=service_request,
            to_status=RequestStatus.WAITING_RESIDENT,
            comment=" ",
            acting_user=world["agent"],
        )


def test_the_residents_answer_sends_the_request_back_to_review(world):
    service_request = _file(world)
    actions.do_change_status(
        request=service_request,
        to_status=RequestStatus.WAITING_RESIDENT,
        comment="Send your proof of address",
        acting_user=world["agent"],
    )
    actions.do_post_message(
        request=service_request, author=world["resident"], body="Here it is"
    )
    service_request.refresh_from_db()
    assert service_request.status == RequestStatus.IN_REVIEW


def test_status_change_signal_is_sent_after_commit(world):
    received = []

    def receiver(sender, request, from_status, to_status, comment, **kwargs):
        received.append((request.pk, from_status, to_status, comment))

    signals.request_status_changed.connect(receiver)
    try:
        service_request = _file(world)
        actions.do_take_request(service_request=service_request, agent=world["agent"])
    finally:
        signals.request_status_changed.disconnect(receiver)
    assert received == [
        (service_request.pk, RequestStatus.SUBMITTED, RequestStatus.IN_REVIEW, "")
    ]


def test_resident_withdraws_but_not_after_a_decision(world):
    service_request = _file(world)
    actions.do_withdraw_request(
        service_request=service_request, acting_user=world["resident"]
    )
    service_request.refresh_from_db()
    assert service_request.status == RequestStatus.WITHDRAWN
    other = _file(world)
    actions.do_change_status(
        request=other,
        to_status=RequestStatus.REFUSED,
        comment="No",
        acting_user=world["agent"],
    )
    with pytest.raises(ValidationError):
        actions.do_withdraw_request(
            service_request=other, acting_user=world["resident"]
        )


def test_assisted_filing_records_the_agent_and_channel(world):
    service_request = actions.do_file_request(
        resident=world["resident"],
        service=world["service"],
        data={"last_name": "Martin"},
        acting_user=world["agent"],
        channel="counter",
    )
    assert service_request.filed_by == world["agent"]
    assert service_request.channel == "counter"

"""Every change to a request: filing, submitting, status moves, messages, files.

The API and the back office call these too, so the workflow rules hold everywhere.
Side effects (emails, signals for webhooks) run once the transaction has committed.
"""

import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from citizenpass import per_user_cache
from services.catalogue.models import Service

from . import signals, workflow
from .models import (
    Attachment,
    Channel,
    Message,
    Notification,
    RequestStatus,
    ServiceRequest,
    StatusChange,
)
from .selectors import UNREAD_NOTIFICATIONS

logger = logging.getLogger(__name__)


@dataclass
class CheckedUpload:
    """An uploaded file whose size and type were checked, with its content type."""

    field_name: str
    file: object
    content_type: str


def _store_uploads(
    service_request: ServiceRequest,
    uploads: list[CheckedUpload],
    *,
    acting_user,
    message: Message | None = None,
) -> list[Attachment]:
    stored = []
    for upload in uploads:
        attachment = Attachment(
            request=service_request,
            message=message,
            field_name=upload.field_name,
            original_name=(upload.file.name or "")[-200:],
            content_type=upload.content_type,
            size=upload.file.size,
            uploaded_by=acting_user,
        )
        attachment.file.save("upload", upload.file, save=False)
        try:
            attachment.save()
        except Exception:
            attachment.file.storage.delete(attachment.file.name)
            raise
        stored.append(attachment)
    return stored


def request_url(service_request: ServiceRequest, language: str) -> str:
    """Absolute address of the resident's page for a request."""
    with translation.override(language):
        path = reverse("service_requests:detail", args=[service_request.pk])
    return settings.PUBLIC_BASE_URL.rstrip("/") + path


def _email_resident(service_request: ServiceRequest, template: str, **context) -> None:
    resident = service_request.resident
    if resident is None:  # detached from a deleted account: nobody to write to
        return
    language = resident.preferred_language or settings.LANGUAGE_CODE
    with translation.override(language):
        context = {
            "request": service_request,
            "service": service_request.service,
            "resident": resident,
            "url": request_url(service_request, language),
            **context,
        }
        subject = render_to_string(
            f"service_requests/email/{template}_subject.txt", context
        ).strip()
        body = render_to_string(f"service_requests/email/{template}.txt", context)
    send_mail(subject, body, None, [resident.email])
    logger.info("Sent %s email for request %s", template, service_request.pk)


def _notify(service_request: ServiceRequest, kind: str, status: str = "") -> None:
    if service_request.resident_id is None:  # detached from a deleted account
        return
    Notification.objects.create(
        user_id=service_request.resident_id,
        request=service_request,
        kind=kind,
        status=status,
    )
    per_user_cache.forget(UNREAD_NOTIFICATIONS, service_request.resident_id)


def _lock(service_request: ServiceRequest) -> ServiceRequest:
    return (
        # Only the request's row: its resident may be NULL (a deleted account), and
        # PostgreSQL cannot lock the nullable side of an outer join.
        ServiceRequest.objects.select_for_update(of=("self",))
        .select_related("service", "resident", "organisation")
        .get(pk=service_request.pk)
    )


def _fill_answers(service_request, data: dict, uploads: list[CheckedUpload], user):
    service_request.data = {**service_request.data, **data}
    if uploads:
        names = {upload.field_name for upload in uploads}
        service_request.attachments.filter(field_name__in=names).delete()
        _store_uploads(service_request, uploads, acting_user=user)


@transaction.atomic
def do_file_request(
    *,
    resident,
    service: Service,
    data: dict,
    uploads: list[CheckedUpload] = (),
    acting_user,
    channel: str = Channel.ONLINE,
    submit: bool = True,
) -> ServiceRequest:
    """Create a request (a draft, or submitted at once), online or filed by an agent."""
    if not service.accepts_online_requests:
        raise ValidationError(_("This service does not take online requests."))
    filed_by = acting_user if acting_user.pk != resident.pk else None
    if filed_by is None and channel != Channel.ONLINE:
        raise ValidationError(_("Only an agent can record another channel."))
    service_request = ServiceRequest.objects.create(
        service=service,
        organisation_id=service.owner_id,
        resident=resident,
        channel=channel,
        filed_by=filed_by,
    )
    _fill_answers(service_request, data, list(uploads), acting_user)
    service_request.save(update_fields=["data"])
    if submit:
        do_submit_request(service_request=service_request, acting_user=acting_user)
    return service_request


@transaction.atomic
def do_update_draft(
    *,
    service_request: ServiceRequest,
    data: dict,
    uploads: list[CheckedUpload] = (),
    acting_user,
    submit: bool = False,
) -> ServiceRequest:
    """Change the answers of a draft, and submit it when asked."""
    service_request = _lock(service_request)
    if service_request.status != RequestStatus.DRAFT:
        raise ValidationError(_("Only a draft can be changed."))
    _fill_answers(service_request, data, list(uploads), acting_user)
    service_request.save(update_fields=["data"])
    if submit:
        do_submit_request(service_request=service_request, acting_user=acting_user)
    return service_request


def make_reference(service_request: ServiceRequest) -> str:
    """``LYO-2026-000123``: unique because it carries the row's id; gaps are allowed."""
    prefix = service_request.service.reference_prefix or "REQ"
    year = timezone.localdate(service_request.submitted_at).year
    return f"{prefix}-{year}-{service_request.pk:06d}"


@transaction.atomic
def do_submit_request(
    *, service_request: ServiceRequest, acting_user
) -> ServiceRequest:
    """Submit a draft: give it a reference, record the step, confirm by email."""
    service_request = _lock(service_request)
    if not workflow.resident_can_move(service_request.status, RequestStatus.SUBMITTED):
        raise ValidationError(_("This request was already submitted."))
    now = timezone.now()
    service_request.submitted_at = now
    service_request.status_changed_at = now
    service_request.status = RequestStatus.SUBMITTED
    service_request.reference = make_reference(service_request)
    service_request.save(
        update_fields=["submitted_at", "status_changed_at", "status", "reference"]
    )
    StatusChange.objects.create(
        request=service_request,
        from_status=RequestStatus.DRAFT,
        to_status=RequestStatus.SUBMITTED,
        acting_user=acting_user,
    )
    _notify(service_request, Notification.Kind.SUBMITTED, RequestStatus.SUBMITTED)

    def after_commit():
        _email_resident(service_request, "submitted")
        signals.request_submitted.send(sender=ServiceRequest, request=service_request)

    transaction.on_commit(after_commit)
    return service_request


def _move(service_request, *, to_status: str, comment: str, acting_user) -> None:
    from_status = service_request.status
    service_request.status = to_status
    service_request.status_changed_at = timezone.now()
    service_request.save(update_fields=["status", "status_changed_at"])
    StatusChange.objects.create(
        request=service_request,
        from_status=from_status,
        to_status=to_status,
        comment=comment,
        acting_user=acting_user,
    )

    def after_commit():
        if acting_user is None or acting_user.pk != service_request.resident_id:
            _email_resident(
                service_request, "status_changed", comment=comment, status=to_status
            )
        signals.request_status_changed.send(
            sender=ServiceRequest,
            request=service_request,
            from_status=from_status,
            to_status=to_status,
            comment=comment,
        )

    transaction.on_commit(after_commit)


@transaction.atomic
def do_change_status(
    *, request: ServiceRequest, to_status: str, comment: str = "", acting_user
) -> ServiceRequest:
    """Move a request along the workflow on behalf of its organisation."""
    service_request = _lock(request)
    if not workflow.agent_can_move(service_request.status, to_status):
        raise ValidationError(
            _("A request cannot go from “%(from)s” to “%(to)s”.")
            % {
                "from": service_request.get_status_display(),
                "to": RequestStatus(to_status).label,
            }
        )
    if to_status == RequestStatus.WAITING_RESIDENT and not comment.strip():
        raise ValidationError(_("Say what the resident must send or answer."))
    _move(
        service_request, to_status=to_status, comment=comment, acting_user=acting_user
    )
    _notify(service_request, Notification.Kind.STATUS, to_status)
    return service_request


@transaction.atomic
def do_withdraw_request(
    *, service_request: ServiceRequest, acting_user, comment: str = ""
) -> ServiceRequest:
    """The resident withdraws their request."""
    service_request = _lock(service_request)
    if not workflow.resident_can_move(service_request.status, RequestStatus.WITHDRAWN):
        raise ValidationError(_("This request can no longer be withdrawn."))
    _move(
        service_request,
        to_status=RequestStatus.WITHDRAWN,
        comment=comment,
        acting_user=acting_user,
    )
    return service_request


@transaction.atomic
def do_take_request(*, service_request: ServiceRequest, agent) -> ServiceRequest:
    """An agent takes a request in charge; a submitted one moves to review."""
    service_request = _lock(service_request)
    service_request.assignee = agent
    service_request.save(update_fields=["assignee"])
    if service_request.status == RequestStatus.SUBMITTED:
        _move(
            service_request,
            to_status=RequestStatus.IN_REVIEW,
            comment="",
            acting_user=agent,
        )
        _notify(service_request, Notification.Kind.STATUS, RequestStatus.IN_REVIEW)
    return service_request


@transaction.atomic
def do_post_message(
    *,
    request: ServiceRequest,
    author,
    body: str,
    uploads: list[CheckedUpload] = (),
) -> Message:
    """Add a message (and files) to a request's thread.

    A resident's answer to a request for information sends the request back to review.
    """
    service_request = _lock(request)
    from_agent = author.pk != service_request.resident_id
    if not from_agent and service_request.status not in workflow.RESIDENT_CAN_WRITE:
        raise PermissionDenied(_("This request is closed to new messages."))
    if not body.strip() and not uploads:
        raise ValidationError(_("Write a message or add a file."))
    message = Message.objects.create(
        request=service_request, author=author, from_agent=from_agent, body=body
    )
    _store_uploads(service_request, list(uploads), acting_user=author, message=message)
    if from_agent:
        _notify(service_request, Notification.Kind.MESSAGE)
        transaction.on_commit(
            lambda: _email_resident(service_request, "message", message=message)
        )
    elif service_request.status == RequestStatus.WAITING_RESIDENT:
        _move(
            service_request,
            to_status=RequestStatus.IN_REVIEW,
            comment="",
            acting_user=author,
        )
    transaction.on_commit(
        lambda: signals.message_posted.send(
            sender=ServiceRequest, request=service_request, message=message
        )
    )
    return message


def do_mark_notifications_read(*, user) -> int:
    """Mark every unread notification of a user as read."""
    per_user_cache.forget(UNREAD_NOTIFICATIONS, user.pk)
    return Notification.objects.filter(user=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )

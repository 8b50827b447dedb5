"""What account deletion does to online requests (``ACCOUNT_DELETION_HANDLERS``).

A submitted request is an administrative file of the service that received it, so it
stays with the service, the same way records are detached rather than erased:

- a **draft** never reached the service: it is erased with its files;
- a submitted request still **open** (submitted, in review, waiting for the resident) is
  withdrawn (the history says the account was deleted; nobody could answer the service
  any more), and the webhook of a status change goes out as usual;
- every submitted request is then **detached**: ``resident`` set to ``NULL``,
  ``detached_at`` set, so it shows on no one's pages, and the answers the form
  pre-filled from the profile (first and last name, email, date of birth) are erased
  from its answers;
- the resident's **documents** (files of the form and of their messages) are deleted,
  file and row, unless the service reached a decision on the request (accepted,
  refused, closed): a decision can be appealed, and its documents belong to the
  service's file. Documents agents sent stay;
- the person's **notifications** are deleted.

Files leave the private storage only once the deletion has committed.
"""

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from services.catalogue.models import FormField

from . import signals
from .models import (
    Attachment,
    Notification,
    RequestStatus,
    ServiceRequest,
    StatusChange,
)

OPEN = {
    RequestStatus.SUBMITTED,
    RequestStatus.IN_REVIEW,
    RequestStatus.WAITING_RESIDENT,
}
DECIDED = {RequestStatus.ACCEPTED, RequestStatus.REFUSED, RequestStatus.CLOSED}


def _delete_files(attachments) -> None:
    """Delete these attachments now and their files once the transaction commits."""
    for attachment in list(attachments):
        name, storage = attachment.file.name, attachment.file.storage
        attachment.delete()
        if name:
            transaction.on_commit(
                lambda name=name, storage=storage: storage.delete(name)
            )


def _withdraw(service_request: ServiceRequest) -> None:
    from_status = service_request.status
    service_request.status = RequestStatus.WITHDRAWN
    service_request.status_changed_at = timezone.now()
    service_request.save(update_fields=["status", "status_changed_at"])
    with override(settings.LANGUAGE_CODE):  # read by the service's agents
        comment = _("Withdrawn: the resident deleted their account.")
    StatusChange.objects.create(
        request=service_request,
        from_status=from_status,
        to_status=RequestStatus.WITHDRAWN,
        comment=comment,
        acting_user=None,
    )
    transaction.on_commit(
        lambda: signals.request_status_changed.send(
            sender=ServiceRequest,
            request=service_request,
            from_status=from_status,
            to_status=RequestStatus.WITHDRAWN,
            comment=comment,
        )
    )


def detach_requests(*, user) -> None:
    """Erase drafts, withdraw open requests, detach the rest from the account."""
    requests = ServiceRequest.objects.select_for_update(of=("self",)).filter(
        resident=user
    )
    drafts = requests.filter(status=RequestStatus.DRAFT)
    _delete_files(Attachment.objects.filter(request__in=drafts))
    drafts.delete()

    profile_fields = {}
    for service_request in requests.select_related("service"):
        if service_request.status in OPEN:
            _withdraw(service_request)
        if service_request.status not in DECIDED:
            _delete_files(
                service_request.attachments.filter(
                    Q(message__isnull=True) | Q(message__from_agent=False)
                )
            )
        if service_request.service_id not in profile_fields:
            profile_fields[service_request.service_id] = set(
                FormField.objects.filter(service_id=service_request.service_id)
                .exclude(profile_field="")
                .values_list("name", flat=True)
            )
        copied = profile_fields[service_request.service_id]
        service_request.data = {
            key: value
            for key, value in service_request.data.items()
            if key not in copied
        }
        service_request.resident = None
        service_request.detached_at = timezone.now()
        service_request.save(update_fields=["data", "resident", "detached_at"])
    Notification.objects.filter(user=user).delete()

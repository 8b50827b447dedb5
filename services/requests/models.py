"""Online requests to counter services, their history, messages, files and notices."""

import uuid

from django.conf import settings
from django.core.files.storage import storages
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


def private_storage():
    return storages["private"]


class RequestStatus(models.TextChoices):
    """Where a request stands; the allowed moves are in ``workflow.py``."""

    DRAFT = "draft", pgettext_lazy("request status", "Draft")
    SUBMITTED = "submitted", pgettext_lazy("request status", "Submitted")
    IN_REVIEW = "in_review", pgettext_lazy("request status", "In review")
    WAITING_RESIDENT = (
        "waiting_resident",
        pgettext_lazy("request status", "Waiting for you"),
    )
    ACCEPTED = "accepted", pgettext_lazy("request status", "Accepted")
    REFUSED = "refused", pgettext_lazy("request status", "Refused")
    CLOSED = "closed", pgettext_lazy("request status", "Closed")
    WITHDRAWN = "withdrawn", pgettext_lazy("request status", "Withdrawn")


# The same statuses as agents read them: "Waiting for you" is the resident's wording.
AGENT_STATUS_LABELS = {
    **dict(RequestStatus.choices),
    RequestStatus.WAITING_RESIDENT: pgettext_lazy(
        "request status, as agents read it", "Waiting for the resident"
    ),
}


def agent_status_label(status: str) -> str:
    """How the back office names a status."""
    return AGENT_STATUS_LABELS.get(status, status)


class Channel(models.TextChoices):
    """How a request reached the service."""

    ONLINE = "online", _("Online")
    COUNTER = "counter", _("At the counter")
    PHONE = "phone", _("By phone")
    MAIL = "mail", _("By post")


class ServiceRequest(models.Model):
    """A resident's request to a service, with a reference once submitted."""

    Status = RequestStatus

    service = models.ForeignKey(
        "catalogue.Service",
        verbose_name=_("service"),
        on_delete=models.PROTECT,
        related_name="requests",
    )
    # Copied from the service so that an agent's list is one indexed query.
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="service_requests",
    )
    # NULL once detached from a deleted account (see ``deletion.py``): the service keeps
    # its case, which no longer points to a person.
    resident = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("resident"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="service_requests",
    )
    reference = models.CharField(
        _("reference"), max_length=24, unique=True, null=True, blank=True
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=RequestStatus.choices,
        default=RequestStatus.DRAFT,
    )
    data = models.JSONField(_("answers"), default=dict, blank=True)
    channel = models.CharField(
        _("channel"), max_length=10, choices=Channel.choices, default=Channel.ONLINE
    )
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("filed by agent"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assignee"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_service_requests",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    status_changed_at = models.DateTimeField(_("status changed"), null=True, blank=True)
    detached_at = models.DateTimeField(
        _("detached from a deleted account"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("request")
        verbose_name_plural = _("requests")
        ordering = ["-created_at"]
        constraints = [
            # A request belongs to a resident, or was detached from a deleted account.
            models.CheckConstraint(
                condition=models.Q(resident__isnull=False, detached_at__isnull=True)
                | models.Q(resident__isnull=True, detached_at__isnull=False),
                name="request_resident_or_detached",
            ),
        ]
        indexes = [
            models.Index(
                fields=["organisation", "status", "-submitted_at"],
                name="request_org_status_idx",
            ),
            models.Index(
                fields=["organisation", "-submitted_at"], name="request_org_date_idx"
            ),
            models.Index(
                fields=["resident", "-created_at"], name="request_resident_idx"
            ),
        ]

    def __str__(self) -> str:
        return self.reference or str(_("Draft"))

    @property
    def is_open(self) -> bool:
        return self.status not in {
            RequestStatus.CLOSED,
            RequestStatus.WITHDRAWN,
            RequestStatus.REFUSED,
            RequestStatus.ACCEPTED,
        }


class StatusChange(models.Model):
    """One step of a request's history: who moved it, when, and why."""

    request = models.ForeignKey(
        ServiceRequest, on_delete=models.CASCADE, related_name="status_changes"
    )
    from_status = models.CharField(max_length=20, choices=RequestStatus.choices)
    to_status = models.CharField(max_length=20, choices=RequestStatus.choices)
    comment = models.TextField(_("comment"), blank=True)
    acting_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.from_status} → {self.to_status}"


class Message(models.Model):
    """A message of the thread between the resident and the agents."""

    request = models.ForeignKey(
        ServiceRequest, on_delete=models.CASCADE, related_name="messages"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    from_agent = models.BooleanField(default=False)
    body = models.TextField(_("message"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"#{self.pk}"


def attachment_path(instance, filename: str) -> str:
    # The resident's file name never reaches the disk.
    return f"requests/{instance.request_id}/{uuid.uuid4().hex}"


class Attachment(models.Model):
    """A file a resident or an agent added to a request, kept in private storage."""

    request = models.ForeignKey(
        ServiceRequest, on_delete=models.CASCADE, related_name="attachments"
    )
    message = models.ForeignKey(
        Message,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="attachments",
    )
    field_name = models.CharField(max_length=50, blank=True)
    file = models.FileField(upload_to=attachment_path, storage=private_storage)
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(max_length=50)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.original_name


class Notification(models.Model):
    """A notice in the resident's notification centre."""

    class Kind(models.TextChoices):
        SUBMITTED = "submitted", _("Request submitted")
        STATUS = "status", _("Status changed")
        MESSAGE = "message", _("New message")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    request = models.ForeignKey(
        ServiceRequest,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="notifications",
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    status = models.CharField(max_length=20, choices=RequestStatus.choices, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["user", "read_at"], name="notification_unread_idx")
        ]

    def __str__(self) -> str:
        return self.text

    @property
    def text(self) -> str:
        reference = self.request.reference if self.request_id else ""
        if self.kind == self.Kind.SUBMITTED:
            return _("Your request %(reference)s was received.") % {
                "reference": reference
            }
        if self.kind == self.Kind.MESSAGE:
            return _("New message about your request %(reference)s.") % {
                "reference": reference
            }
        return _("Your request %(reference)s is now: %(status)s.") % {
            "reference": reference,
            "status": self.get_status_display(),
        }

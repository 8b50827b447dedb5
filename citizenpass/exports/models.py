"""Background exports of a resident's data: one row per requested file, with its progress."""

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# How long a finished export (its file and its signed link) stays downloadable.
EXPORT_LIFETIME = datetime.timedelta(hours=24)
# A running job silent for longer than this was interrupted (worker killed, deploy).
STALLED_AFTER = datetime.timedelta(minutes=15)


class ExportJobQuerySet(models.QuerySet):
    def in_flight(self):
        """Jobs waiting or running that have not stalled."""
        return self.filter(
            models.Q(status=ExportJob.Status.QUEUED)
            | models.Q(
                status=ExportJob.Status.RUNNING,
                updated_at__gte=timezone.now() - STALLED_AFTER,
            )
        )


class ExportJob(models.Model):
    """One export of a resident's data asked for by them, a guardian or a helper."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting to start")
        RUNNING = "running", _("Being prepared")
        READY = "ready", _("Ready to download")
        FAILED = "failed", _("Failed")
        EXPIRED = "expired", _("Expired")

    class Format(models.TextChoices):
        PDF = "pdf", _("PDF with the JSON file inside")

    resident = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("resident"),
        on_delete=models.CASCADE,
        related_name="export_jobs",
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.CASCADE,
        related_name="requested_export_jobs",
    )
    format = models.CharField(
        _("format"), max_length=10, choices=Format.choices, default=Format.PDF
    )
    language = models.CharField(_("language"), max_length=8, default="fr")
    domains = models.JSONField(_("domains"), default=list)
    period_start = models.DateField(_("from"), null=True, blank=True)
    period_end = models.DateField(_("to"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    step = models.CharField(_("current step"), max_length=40, blank=True)
    error = models.CharField(_("error"), max_length=300, blank=True)
    # Name in the private storage; empty until the file is complete.
    file_name = models.CharField(_("file"), max_length=200, blank=True)
    file_size = models.PositiveBigIntegerField(_("size (bytes)"), null=True, blank=True)
    page_count = models.PositiveIntegerField(_("pages"), null=True, blank=True)
    record_count = models.PositiveIntegerField(_("records"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    created_at = models.DateTimeField(_("requested"), default=timezone.now)
    updated_at = models.DateTimeField(_("last progress"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True)
    seen_at = models.DateTimeField(_("seen"), null=True, blank=True)

    objects = ExportJobQuerySet.as_manager()

    class Meta:
        verbose_name = _("data export")
        verbose_name_plural = _("data exports")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["resident", "status"], name="export_resident_status"),
            models.Index(fields=["status", "expires_at"], name="export_status_expiry"),
        ]

    def __str__(self) -> str:
        return f"export {self.pk}"

    @property
    def is_stalled(self) -> bool:
        """A running job nobody has moved for a while: its worker died."""
        return (
            self.status == self.Status.RUNNING
            and self.updated_at < timezone.now() - STALLED_AFTER
        )

    @property
    def is_downloadable(self) -> bool:
        return (
            self.status == self.Status.READY
            and bool(self.file_name)
            and self.expires_at is not None
            and self.expires_at > timezone.now()
        )

    @property
    def can_retry(self) -> bool:
        return self.status == self.Status.FAILED or self.is_stalled

    @property
    def is_finished(self) -> bool:
        return self.status in (
            self.Status.READY,
            self.Status.FAILED,
            self.Status.EXPIRED,
        )

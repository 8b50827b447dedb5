"""Changes to data exports: ask for one, retry it, purge expired files."""

import datetime
import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files.storage import storages
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from citizenpass import per_user_cache
from citizenpass.exports.models import ExportJob
from citizenpass.exports.selectors import UNSEEN_READY_EXPORT

logger = logging.getLogger(__name__)

MAX_IN_FLIGHT = 2
# Files under this folder of the private storage that no job points to are leftovers
# of an interrupted save once they are this old.
EXPORTS_FOLDER = "exports"
ORPHAN_AGE = datetime.timedelta(hours=1)


def _check_in_flight(resident) -> None:
    if ExportJob.objects.filter(resident=resident).in_flight().count() >= MAX_IN_FLIGHT:
        raise ValidationError(
            _(
                "%(count)d exports are already being prepared. Wait until one of "
                "them is ready, then ask again."
            )
            % {"count": MAX_IN_FLIGHT},
            code="too_many_exports",
        )


def _enqueue(job_id: int) -> None:
    from citizenpass.exports.tasks import generate_export

    generate_export.enqueue(job_id)


@transaction.atomic
def do_request_export(
    *,
    grant,
    domains: list[str],
    start: datetime.date | None,
    end: datetime.date | None,
    language: str,
) -> ExportJob:
    """Queue the PDF export of ``grant.resident``'s data asked for by ``grant.viewer``.

    At most :data:`MAX_IN_FLIGHT` exports wait or run per resident. A guardian's or a
    helper's request is written to the resident's access log.
    """
    resident = grant.resident
    # Serialises concurrent requests for one resident (the in-flight count below).
    get_user_model().objects.select_for_update().filter(pk=resident.pk).first()
    _check_in_flight(resident)
    allowed = grant.visible_domains()
    chosen = [code for code in allowed if code in domains] if domains else allowed
    if not chosen:
        raise ValidationError(_("Choose at least one domain you may see."))
    if start and end and start > end:
        raise ValidationError(_("The period ends before it starts."))
    job = ExportJob.objects.create(
        resident=resident,
        requested_by=grant.viewer,
        language=language if language in dict(settings.LANGUAGES) else "fr",
        domains=chosen,
        period_start=start,
        period_end=end,
    )
    grant.log_read(
        what=f"Data export #{job.pk} (PDF and JSON)",
        purpose="Download of the resident's data",
    )
    transaction.on_commit(lambda: _enqueue(job.pk))
    return job


@transaction.atomic
def do_retry_export(*, job: ExportJob) -> ExportJob:
    """Queue a failed (or interrupted) export again."""
    job = ExportJob.objects.select_for_update().get(pk=job.pk)
    if not job.can_retry:
        raise ValidationError(_("This export cannot be retried."))
    _check_in_flight(job.resident)
    job.status = ExportJob.Status.QUEUED
    job.progress = 0
    job.step = ""
    job.error = ""
    job.updated_at = timezone.now()
    job.save(update_fields=["status", "progress", "step", "error", "updated_at"])
    transaction.on_commit(lambda: _enqueue(job.pk))
    return job


def do_mark_exports_seen(*, user) -> None:
    """``user`` has seen the exports they asked for: no more notice in the header."""
    per_user_cache.forget(UNSEEN_READY_EXPORT, user.pk)
    ExportJob.objects.filter(
        requested_by=user, status=ExportJob.Status.READY, seen_at__isnull=True
    ).update(seen_at=timezone.now())


def notify_export_ready(job: ExportJob) -> None:
    """Email the person who asked that their export is ready (no link to the file)."""
    recipient = job.requested_by
    with translation.override(job.language):
        page = settings.PUBLIC_BASE_URL.rstrip("/") + reverse("exports:page")
        context = {"job": job, "page_url": page, "user": recipient}
        send_mail(
            subject=_("Your data export is ready"),
            message=render_to_string("exports/email/ready.txt", context),
            from_email=None,
            recipient_list=[recipient.email],
        )


def purge_expired_exports(*, now: datetime.datetime | None = None) -> int:
    """Delete the files of expired exports and leftovers; how many files went."""
    now = now or timezone.now()
    storage = storages["private"]
    removed = 0
    expired = ExportJob.objects.filter(
        status=ExportJob.Status.READY, expires_at__lte=now
    )
    for job in expired.iterator():
        with transaction.atomic():
            ExportJob.objects.filter(pk=job.pk).update(
                status=ExportJob.Status.EXPIRED, file_name=""
            )
            per_user_cache.forget(UNSEEN_READY_EXPORT, job.requested_by_id)
            name = job.file_name
            if name:
                transaction.on_commit(lambda name=name: storage.delete(name))
                removed += 1
    removed += _purge_orphans(storage, now)
    return removed


def _purge_orphans(storage, now: datetime.datetime) -> int:
    """Files no export points to (an interrupted save), older than an hour."""
    referenced = set(
        ExportJob.objects.exclude(file_name="").values_list("file_name", flat=True)
    )
    removed = 0
    if not storage.exists(EXPORTS_FOLDER):
        return 0
    folders, _files = storage.listdir(EXPORTS_FOLDER)
    for folder in folders:
        path = f"{EXPORTS_FOLDER}/{folder}"
        for name in storage.listdir(path)[1]:
            full = f"{path}/{name}"
            if full in referenced:
                continue
            if storage.get_modified_time(full) <= now - ORPHAN_AGE:
                storage.delete(full)
                removed += 1
    return removed

"""Resident pages: ask for an export, follow its progress, download it; the schema."""

from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.files.storage import storages
from django.db import transaction
from django.http import (
    FileResponse,
    Http404,
    HttpResponse,
    JsonResponse,
    StreamingHttpResponse,
)
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET, require_POST

from citizenpass.exports import actions, selectors
from citizenpass.exports.access import access_export_job
from citizenpass.exports.document import ExportBuilder, ExportFilters
from citizenpass.exports.forms import ExportRequestForm
from citizenpass.exports.json_export import render_json
from citizenpass.exports.models import ExportJob
from citizenpass.exports.signing import (
    LinkExpired,
    check_not_expired,
    download_token,
    read_token,
)
from citizenpass.records.access import subject_grant

SCHEMA_FILE = Path(__file__).parent / "schemas" / "export-v1.json"


def _step_label(job: ExportJob) -> str:
    if job.is_stalled:
        return _("Interrupted. You can try again.")
    if job.status == ExportJob.Status.RUNNING:
        return {
            "gathering": _("Gathering your data…"),
            "layout": _("Laying out the PDF…"),
            "saving": _("Saving the file…"),
        }.get(job.step, _("Being prepared…"))
    if job.status == ExportJob.Status.FAILED:
        if job.error == "access_withdrawn":
            return _("Failed: you may no longer see this person's data.")
        return _("Failed: the file could not be generated. You can try again.")
    if job.status == ExportJob.Status.READY and not job.is_downloadable:
        return _("Expired")
    return str(job.get_status_display())


def _job_view(job: ExportJob) -> dict:
    return {
        "job": job,
        "label": _step_label(job),
        "download_url": (
            reverse("exports:download", args=[download_token(job)])
            if job.is_downloadable
            else None
        ),
        "in_progress": not job.is_finished and not job.is_stalled,
    }


@never_cache
@login_required
def export_page(request):
    """Ask for an export, see the ones asked for, download the ready ones."""
    grant = subject_grant(request)
    form = ExportRequestForm(
        request.POST if request.method == "POST" else None,
        domains=grant.visible_domains(),
        prefix="export",
    )
    if request.method == "POST" and form.is_valid():
        try:
            actions.do_request_export(
                grant=grant,
                domains=form.cleaned_data["domains"],
                start=form.cleaned_data["start"],
                end=form.cleaned_data["end"],
                language=translation.get_language(),
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(
                request,
                _("Your export is being prepared. This page shows its progress."),
            )
        return redirect("exports:page")
    jobs = [
        _job_view(job) for job in selectors.recent_export_jobs(resident=grant.resident)
    ]
    actions.do_mark_exports_seen(user=request.user)
    return render(
        request,
        "exports/export_page.html",
        {
            "grant": grant,
            "form": form,
            "jobs": jobs,
            "any_in_progress": any(item["in_progress"] for item in jobs),
            "max_in_flight": actions.MAX_IN_FLIGHT,
        },
    )


@never_cache
@login_required
@require_GET
def export_status(request, pk: int):
    """Progress of one export as JSON, for the live progress bar."""
    _grant, job = access_export_job(request.user, pk)
    view = _job_view(job)
    return JsonResponse(
        {
            "status": job.status,
            "progress": job.progress,
            "label": view["label"],
            "finished": not view["in_progress"],
            "download_url": view["download_url"],
        }
    )


@login_required
@require_POST
def export_retry(request, pk: int):
    """Queue a failed export again."""
    _grant, job = access_export_job(request.user, pk)
    try:
        actions.do_retry_export(job=job)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Your export is being prepared again."))
    return redirect("exports:page")


@never_cache
@login_required
@require_GET
def export_json(request):
    """The JSON document, streamed straight from the database."""
    grant = subject_grant(request)
    form = ExportRequestForm(request.GET or None, domains=grant.visible_domains())
    if request.GET and not form.is_valid():
        raise Http404
    data = form.cleaned_data if request.GET else {}
    filters = ExportFilters(
        domains=tuple(data.get("domains") or ()),
        start=data.get("start"),
        end=data.get("end"),
    )
    with transaction.atomic():
        grant.log_read(
            what="Data export (JSON)", purpose="Download of the resident's data"
        )
    builder = ExportBuilder(
        grant=grant, filters=filters, language=translation.get_language()
    )
    response = StreamingHttpResponse(
        render_json(builder.parts()), content_type="application/json"
    )
    day = timezone.localdate().isoformat()
    response["Content-Disposition"] = (
        f'attachment; filename="citizenpass-export-{day}.json"'
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@never_cache
@login_required
@require_GET
def download(request, token: str):
    """The file of an export, by its signed link: 404 to others, 410 once expired."""
    try:
        job_id, until = read_token(token)
    except signing.BadSignature as error:
        raise Http404 from error
    with transaction.atomic():
        grant, job = access_export_job(request.user, job_id)
        try:
            check_not_expired(job, until)
        except LinkExpired:
            return render(
                request, "exports/link_expired.html", {"grant": grant}, status=410
            )
        grant.log_read(
            what=f"Data export #{job.pk} (PDF and JSON), downloaded",
            purpose="Download of the resident's data",
        )
        try:
            file = storages["private"].open(job.file_name, "rb")
        except FileNotFoundError as error:
            raise Http404 from error
    response = FileResponse(
        file,
        as_attachment=True,
        filename=f"citizenpass-export-{job.finished_at:%Y-%m-%d}.pdf",
        content_type="application/pdf",
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_GET
@cache_control(public=True, max_age=3600)
def schema(request):
    """The published JSON Schema of the export document (version 1)."""
    return HttpResponse(
        SCHEMA_FILE.read_bytes(), content_type="application/schema+json"
    )

"""Generating an export's file in the background, with progress kept on the job.

The file is built in a temporary folder and reaches the private storage only when it is
complete; the job points to it (and a link can exist) only after that. A job that fails
says so and can be retried; one whose worker died stays "running" until it stalls, then
can be retried too. Leftover files are removed by ``manage.py purge_exports``.
"""

import logging
import tempfile
import time
import uuid
from pathlib import Path

from django.core.files import File
from django.core.files.storage import storages
from django.db import DEFAULT_DB_ALIAS, connection, connections, transaction
from django.utils import timezone

from citizenpass import per_user_cache
from citizenpass.exports.actions import EXPORTS_FOLDER, notify_export_ready
from citizenpass.exports.document import ExportBuilder, ExportFilters
from citizenpass.exports.models import EXPORT_LIFETIME, ExportJob
from citizenpass.exports.pdf import render_html, write_json_with_summary, write_pdf
from citizenpass.exports.selectors import UNSEEN_READY_EXPORT
from citizenpass.records.access import find_grant

logger = logging.getLogger(__name__)

# Share of the progress bar each step ends at.
GATHERED, LAID_OUT, SAVED = 60, 90, 99


class ExportError(Exception):
    """A reason the export cannot be made, shown to the resident."""


class _ProgressReporter:
    """Writes the job's progress at most every half second.

    On PostgreSQL it writes on a connection of its own: the document is read in one
    read-only snapshot, and a domain's records stream on the export's connection, which
    can run nothing else meanwhile.
    """

    def __init__(self, job_id: int):
        self.job_id = job_id
        self.last_write = 0.0
        self._connection = None

    def set(self, progress: int, step: str, *, force: bool = False) -> None:
        now = time.monotonic()
        if not force and now - self.last_write < 0.5:
            return
        self.last_write = now
        progress = max(0, min(progress, 100))
        if connection.vendor != "postgresql":
            ExportJob.objects.filter(pk=self.job_id).update(
                progress=progress, step=step, updated_at=timezone.now()
            )
            return
        if self._connection is None:
            self._connection = connections.create_connection(DEFAULT_DB_ALIAS)
        with self._connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {ExportJob._meta.db_table} "  # noqa: S608 (table name only)
                "SET progress = %s, step = %s, updated_at = %s WHERE id = %s",
                [progress, step, timezone.now(), self.job_id],
            )

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None


def _start(job_id: int) -> ExportJob | None:
    with transaction.atomic():
        job = (
            ExportJob.objects.select_for_update()
            .select_related("resident", "requested_by")
            .filter(pk=job_id)
            .first()
        )
        if job is None or not (job.status == ExportJob.Status.QUEUED or job.is_stalled):
            return None
        job.status = ExportJob.Status.RUNNING
        job.attempts += 1
        job.progress = 1
        job.step = "gathering"
        job.updated_at = timezone.now()
        job.save(update_fields=["status", "attempts", "progress", "step", "updated_at"])
        return job


def generate(job_id: int) -> None:
    """Build the PDF (with its JSON) of one queued export and store it privately."""
    job = _start(job_id)
    if job is None:
        return
    storage = storages["private"]
    saved_name = None
    progress = _ProgressReporter(job.pk)
    try:
        grant = find_grant(job.requested_by, job.resident)
        if grant is None:
            raise ExportError("access_withdrawn")
        builder = ExportBuilder(
            grant=grant,
            filters=ExportFilters(
                domains=tuple(job.domains), start=job.period_start, end=job.period_end
            ),
            language=job.language,
        )
        total = max(builder.record_count(), 1)
        seen = 0

        def on_rows(count: int) -> None:
            nonlocal seen
            seen += count
            progress.set(1 + int((GATHERED - 1) * min(seen / total, 1)), "gathering")

        with tempfile.TemporaryDirectory(prefix="export-") as folder:
            json_path = Path(folder) / "export.json"
            pdf_path = Path(folder) / "export.pdf"
            summary = write_json_with_summary(
                builder=builder, json_path=json_path, on_rows=on_rows
            )
            progress.set(GATHERED, "layout", force=True)
            html = render_html(summary, job.language)
            pages = write_pdf(
                html=html,
                json_path=json_path,
                pdf_path=pdf_path,
                language=job.language,
                generated_at=builder.generated_at,
            )
            progress.set(LAID_OUT, "saving", force=True)
            with open(pdf_path, "rb") as pdf_file:
                saved_name = storage.save(
                    f"{EXPORTS_FOLDER}/{job.resident_id}/{uuid.uuid4().hex}.pdf",
                    File(pdf_file),
                )
            size = storage.size(saved_name)
        finished = timezone.now()
        with transaction.atomic():
            ExportJob.objects.filter(pk=job.pk).update(
                status=ExportJob.Status.READY,
                progress=100,
                step="done",
                file_name=saved_name,
                file_size=size,
                page_count=pages,
                record_count=builder.record_count(),
                finished_at=finished,
                expires_at=finished + EXPORT_LIFETIME,
                updated_at=finished,
                seen_at=None,
            )
            job.refresh_from_db()
            per_user_cache.forget(UNSEEN_READY_EXPORT, job.requested_by_id)
            transaction.on_commit(lambda: notify_export_ready(job))
        logger.info("export %s ready: %s pages", job.pk, pages)
    except Exception as error:
        if saved_name:
            storage.delete(saved_name)
        logger.exception("export %s failed", job.pk)
        ExportJob.objects.filter(pk=job.pk).update(
            status=ExportJob.Status.FAILED,
            error=str(error) if isinstance(error, ExportError) else "generation_failed",
            finished_at=timezone.now(),
            updated_at=timezone.now(),
        )
    finally:
        progress.close()

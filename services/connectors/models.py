"""Pull importers configured in the back office, and outgoing webhooks.

- :class:`Connector`: where to fetch records (a folder of CSV files, an HTTP JSON
  endpoint), how to map them, and how often; :class:`ImportReport` says what a run did.
- :class:`WebhookEndpoint`: an organisation's address for events, with its secret;
  :class:`WebhookDelivery` is the delivery log (attempts, answers, next try).
"""

import secrets
import uuid

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .event_types import WebhookEvent


class Connector(models.Model):
    """A pull import into one data source, run by ``run_connector`` or its schedule."""

    class Kind(models.TextChoices):
        CSV_DROP = "csv_drop", _("CSV files dropped in a folder")
        HTTP_JSON = "http_json", _("HTTP endpoint answering JSON")
        WATER_METER = "water_meter", _("Water utility: meter readings (CSV)")

    name = models.SlugField(_("name"), max_length=80, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    source = models.ForeignKey(
        "records.DataSource",
        verbose_name=_("data source"),
        on_delete=models.CASCADE,
        related_name="connectors",
    )
    config = models.JSONField(
        _("configuration"),
        default=dict,
        blank=True,
        help_text=_(
            "CSV: {“folder”: …, “delimiter”: “;”, “columns”: {field: column}, "
            "“kind”: …}. HTTP: {“url”: …, “items”: “key of the list”, "
            "“fields”: {field: key}, “kind”: …, “timeout”: seconds}."
        ),
    )
    every_minutes = models.PositiveIntegerField(
        _("run every (minutes)"),
        null=True,
        blank=True,
        help_text=_("Empty: only when run by hand."),
    )
    next_run_at = models.DateTimeField(_("next run"), null=True, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("connector")
        verbose_name_plural = _("connectors")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ImportReport(models.Model):
    """What one run of a connector did, for agents to read."""

    class Status(models.TextChoices):
        SUCCEEDED = "succeeded", _("Succeeded")
        REJECTED = "rejected", _("Rejected: nothing imported")
        FAILED = "failed", _("Failed: nothing imported")

    connector = models.ForeignKey(
        Connector,
        verbose_name=_("connector"),
        on_delete=models.CASCADE,
        related_name="reports",
    )
    started_at = models.DateTimeField(_("started"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    origin = models.CharField(_("file or address"), max_length=300, blank=True)
    received = models.PositiveIntegerField(_("records received"), default=0)
    created = models.PositiveIntegerField(_("created"), default=0)
    updated = models.PositiveIntegerField(_("updated"), default=0)
    waiting = models.PositiveIntegerField(_("waiting for pairing"), default=0)
    message = models.CharField(_("message"), max_length=500, blank=True)
    errors = models.JSONField(_("bad lines"), default=list, blank=True)

    class Meta:
        verbose_name = _("import report")
        verbose_name_plural = _("import reports")
        ordering = ["-started_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.connector} {self.started_at:%Y-%m-%d %H:%M}"


def new_secret() -> str:
    return secrets.token_urlsafe(32)


class WebhookEndpoint(models.Model):
    """An organisation's address that receives signed events."""

    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="webhook_endpoints",
    )
    url = models.URLField(_("address"), max_length=500)
    # Kept in clear: the signature needs it. Shown to the organisation's agents only.
    secret = models.CharField(_("signing secret"), max_length=100, default=new_secret)
    event_types = models.JSONField(
        _("events"), default=list, help_text=_("Events sent to this address.")
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("webhook endpoint")
        verbose_name_plural = _("webhook endpoints")
        ordering = ["organisation", "url"]

    def __str__(self) -> str:
        return self.url

    def event_labels(self) -> list[str]:
        return [
            WebhookEvent(code).label
            for code in self.event_types
            if code in WebhookEvent.values
        ]


class WebhookDelivery(models.Model):
    """One event for one endpoint: the delivery log, attempt after attempt."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        RETRYING = "retrying", _("Will try again")
        DELIVERED = "delivered", _("Delivered")
        FAILED = "failed", _("Given up")

    endpoint = models.ForeignKey(
        WebhookEndpoint,
        verbose_name=_("endpoint"),
        on_delete=models.CASCADE,
        related_name="deliveries",
    )
    event_id = models.UUIDField(_("event id"), default=uuid.uuid4, editable=False)
    event_type = models.CharField(
        _("event"), max_length=40, choices=WebhookEvent.choices
    )
    payload = models.JSONField(_("payload"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    last_status_code = models.PositiveSmallIntegerField(
        _("last answer"), null=True, blank=True
    )
    last_error = models.CharField(_("last error"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    delivered_at = models.DateTimeField(_("delivered"), null=True, blank=True)

    class Meta:
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "next_attempt_at"], name="delivery_due")
        ]

    def __str__(self) -> str:
        return f"{self.event_type} {self.event_id}"

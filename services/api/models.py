"""API clients and what the API keeps between calls.

- :class:`ApiToken`: a secret an organisation's system sends as ``Bearer``; only its
  SHA-256 is stored, with the scopes it grants.
- :class:`ResidentLink`: a resident paired with the identifier an organisation gives them.
- :class:`PairingCode`: a one-time code that pairs a resident with such an identifier.
- :class:`PendingRecord`: a record pushed for an identifier nobody has paired yet.
- :class:`IdempotencyKey`: the stored answer to a call sent with ``Idempotency-Key``.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Scope(models.TextChoices):
    """What a token lets its holder do."""

    CATALOGUE_WRITE = "catalogue:write", _("Publish and edit services")
    SOURCES_WRITE = "sources:write", _("Declare data sources and record kinds")
    RECORDS_READ = "records:read", _("Read records of the organisation's sources")
    RECORDS_WRITE = (
        "records:write",
        _("Push, read, correct and delete records; pairing"),
    )
    REQUESTS_READ = "requests:read", _("Read requests to the organisation's services")
    REQUESTS_WRITE = "requests:write", _("Change the status of requests")


class ApiTokenQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True)


class ApiToken(models.Model):
    """A secret an organisation's information system uses to call the API."""

    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="api_tokens",
    )
    name = models.CharField(
        _("name"), max_length=100, help_text=_("Which system uses it, e.g. “billing”.")
    )
    # The first characters of the token, shown to tell tokens apart; not secret.
    prefix = models.CharField(_("starts with"), max_length=12, editable=False)
    digest = models.CharField(max_length=64, unique=True, editable=False)
    scopes = models.JSONField(_("scopes"), default=list)
    calls_per_minute = models.PositiveIntegerField(
        _("quota (calls per minute)"), default=600
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["organisation", "-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None

    def scope_labels(self) -> list[str]:
        return [Scope(code).label for code in self.scopes if code in Scope.values]


class ResidentLink(models.Model):
    """A resident paired with the identifier an organisation knows them by."""

    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="resident_links",
    )
    identifier = models.CharField(_("identifier at the organisation"), max_length=64)
    resident = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("resident"),
        on_delete=models.CASCADE,
        related_name="organisation_links",
    )
    paired_at = models.DateTimeField(_("paired"), default=timezone.now)

    class Meta:
        verbose_name = _("paired resident")
        verbose_name_plural = _("paired residents")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "identifier"],
                name="residentlink_unique_identifier",
            ),
            models.UniqueConstraint(
                fields=["organisation", "resident"],
                name="residentlink_one_identifier_per_resident",
            ),
        ]

    def __str__(self) -> str:
        return f"link {self.pk}"


class PairingCode(models.Model):
    """A one-time code an organisation gives a resident (on paper, a bill, a counter)."""

    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="pairing_codes",
    )
    identifier = models.CharField(_("identifier at the organisation"), max_length=64)
    digest = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("issued"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires"))
    used_at = models.DateTimeField(_("used"), null=True, blank=True)

    class Meta:
        verbose_name = _("pairing code")
        verbose_name_plural = _("pairing codes")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"pairing code {self.pk}"


class PendingRecord(models.Model):
    """A record pushed for an identifier no resident has paired yet; it waits."""

    source = models.ForeignKey(
        "records.DataSource", on_delete=models.CASCADE, related_name="+"
    )
    kind = models.ForeignKey(
        "records.RecordKind", on_delete=models.CASCADE, related_name="+"
    )
    identifier = models.CharField(max_length=64)
    external_id = models.CharField(max_length=120)
    occurred_on = models.DateField()
    period_end = models.DateField(null=True, blank=True)
    title = models.CharField(max_length=255)
    value = models.DecimalField(max_digits=14, decimal_places=3, null=True, blank=True)
    unit = models.CharField(max_length=20, blank=True)
    payload = models.JSONField(default=dict, blank=True)
    received_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("record waiting for pairing")
        verbose_name_plural = _("records waiting for pairing")
        constraints = [
            models.UniqueConstraint(
                fields=["source", "external_id"],
                name="pendingrecord_unique_external_id",
            )
        ]
        indexes = [
            models.Index(fields=["source", "identifier"], name="pending_identifier")
        ]

    def __str__(self) -> str:
        return self.external_id


class IdempotencyKey(models.Model):
    """The answer given to a call sent with an ``Idempotency-Key`` header."""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    key = models.CharField(max_length=255)
    request_digest = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now)
    completed_at = models.DateTimeField(null=True, blank=True)
    response_status = models.PositiveSmallIntegerField(null=True, blank=True)
    response_content_type = models.CharField(max_length=100, blank=True)
    response_body = models.BinaryField(default=b"")

    class Meta:
        verbose_name = _("idempotency key")
        verbose_name_plural = _("idempotency keys")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "key"], name="idempotencykey_unique_key"
            )
        ]

    def __str__(self) -> str:
        return self.key

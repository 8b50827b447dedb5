"""Personal data held by public services about residents, and who accessed it.

- :class:`DataSource`: what one organisation publishes about residents (one domain,
  a legal basis, a retention period, plain-language descriptions in French and English).
- :class:`RecordKind`: one kind of fact a source publishes, with the JSON Schema its
  ``payload`` must follow and plain-language help for each payload field.
- :class:`PersonalRecord`: one fact about one resident (``external_id`` unique per source,
  so imports are idempotent); :class:`RecordCorrection` keeps what a correction replaced.
- :class:`Relationship`: a guardian and a minor (ends by itself at 18).
- :class:`Mandate`: a resident lets a helper see chosen domains until a date, once the
  person invited by email has accepted it.
- :class:`AccessEvent`: append-only, hash-chained log of reads by anyone but the resident;
  write it only through :func:`citizenpass.records.access_log.log_access`.
"""

import datetime
from functools import cached_property

import jsonschema
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from citizenpass.records.life_stages import AGE_OF_MAJORITY, add_years, life_stage

# How long an emailed invitation (to follow a child's data, to help under a mandate)
# can be accepted.
INVITATION_LIFETIME = datetime.timedelta(days=14)


class Domain(models.TextChoices):
    """Areas of life a source's data belongs to."""

    EDUCATION = "education", _("Education")
    MOBILITY = "mobility", _("Mobility")
    WATER = "water", _("Water")
    ENERGY = "energy", _("Energy")
    HOUSING = "housing", _("Housing")
    SOCIAL = "social", _("Social support")
    HEALTH = "health", _("Health")
    CIVIL_STATUS = "civil_status", _("Civil status")
    CULTURE = "culture", _("Culture")


class LegalBasis(models.TextChoices):
    """Lawful bases of processing (GDPR art. 6(1))."""

    CONSENT = "consent", _("Your consent")
    CONTRACT = "contract", _("A contract with you (subscription, service)")
    LEGAL_OBLIGATION = "legal_obligation", _("A legal obligation")
    VITAL_INTERESTS = "vital_interests", _("Protection of vital interests")
    PUBLIC_TASK = "public_task", _("A task in the public interest")
    LEGITIMATE_INTERESTS = "legitimate_interests", _("Legitimate interests")


def _in_language(english: str, french: str) -> str:
    """The French text when the active language is French and it exists."""
    if translation.get_language() == "fr" and french:
        return french
    return english


class DataSource(models.Model):
    """What one organisation publishes about residents, in one domain."""

    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="data_sources",
    )
    slug = models.SlugField(_("short name"), max_length=80, unique=True)
    domain = models.CharField(_("domain"), max_length=20, choices=Domain.choices)
    name_en = models.CharField(_("name (English)"), max_length=200)
    name_fr = models.CharField(_("name (French)"), max_length=200)
    description_en = models.TextField(_("plain-language description (English)"))
    description_fr = models.TextField(_("plain-language description (French)"))
    legal_basis = models.CharField(
        _("legal basis"), max_length=30, choices=LegalBasis.choices
    )
    legal_reference = models.CharField(
        _("legal reference"),
        max_length=300,
        blank=True,
        help_text=_("The text that allows the processing, e.g. an article of a code."),
    )
    retention_months = models.PositiveIntegerField(
        _("retention period (months)"),
        help_text=_("How long a record is kept after its date."),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("data source")
        verbose_name_plural = _("data sources")
        ordering = ["domain", "slug"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        """Name in the active language."""
        return _in_language(self.name_en, self.name_fr)

    @property
    def description(self) -> str:
        """Plain-language description in the active language."""
        return _in_language(self.description_en, self.description_fr)

    @property
    def retention_years(self) -> float:
        return self.retention_months / 12


class RecordKind(models.Model):
    """One kind of fact a source publishes, with the JSON Schema of its payload."""

    class Measure(models.TextChoices):
        """What a record's ``value`` measures; charts add up quantities and amounts."""

        NONE = "none", _("No value (an event)")
        QUANTITY = "quantity", _("A quantity consumed or counted")
        BILL = "bill", _("An amount you were billed")
        PAYMENT = "payment", _("An amount paid to you")

    source = models.ForeignKey(
        DataSource,
        verbose_name=_("source"),
        on_delete=models.CASCADE,
        related_name="kinds",
    )
    code = models.SlugField(_("code"), max_length=60)
    label_en = models.CharField(_("label (English)"), max_length=200)
    label_fr = models.CharField(_("label (French)"), max_length=200)
    measure = models.CharField(
        _("measure"), max_length=10, choices=Measure.choices, default=Measure.NONE
    )
    unit = models.CharField(_("unit"), max_length=20, blank=True)
    recurrence_months = models.PositiveSmallIntegerField(
        _("expected every (months)"),
        null=True,
        blank=True,
        help_text=_("Gives the next due date shown on the dashboard."),
    )
    payload_schema = models.JSONField(
        _("payload JSON Schema"),
        default=dict,
        help_text=_("JSON Schema (draft 2020-12) every record's payload must follow."),
    )
    field_help = models.JSONField(
        _("field explanations"),
        default=dict,
        blank=True,
        help_text=_('{"field": {"en": "…", "fr": "…"}}: plain-language explanations.'),
    )

    class Meta:
        verbose_name = _("record kind")
        verbose_name_plural = _("record kinds")
        ordering = ["source", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "code"], name="recordkind_unique_code_per_source"
            )
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return _in_language(self.label_en, self.label_fr)

    def clean(self) -> None:
        try:
            jsonschema.Draft202012Validator.check_schema(self.payload_schema)
        except jsonschema.SchemaError as error:
            raise ValidationError(
                {"payload_schema": _("Not a valid JSON Schema: %(error)s")},
                params={"error": error.message},
            ) from error

    @cached_property
    def payload_validator(self) -> jsonschema.Draft202012Validator:
        return jsonschema.Draft202012Validator(self.payload_schema)

    def payload_errors(self, payload) -> list[str]:
        """Every way ``payload`` breaks this kind's schema ("path: message")."""
        errors = []
        for error in sorted(
            self.payload_validator.iter_errors(payload), key=lambda e: list(e.path)
        ):
            where = "/".join(str(part) for part in error.path) or "payload"
            errors.append(f"{where}: {error.message}")
        return errors

    def explain(self, field: str) -> str:
        """Plain-language explanation of one payload field, in the active language."""
        help_text = self.field_help.get(field) or {}
        return _in_language(help_text.get("en", ""), help_text.get("fr", ""))


class PersonalRecord(models.Model):
    """One fact about one resident from one source (date or period, value, payload)."""

    # NULL once the record is detached from a deleted account (see ``deletion.py``):
    # every query by resident skips it, and ``purge_detached_records`` erases it when
    # its retention period is over.
    resident = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("resident"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="personal_records",
    )
    source = models.ForeignKey(
        DataSource,
        verbose_name=_("source"),
        on_delete=models.PROTECT,
        related_name="records",
    )
    kind = models.ForeignKey(
        RecordKind,
        verbose_name=_("kind"),
        on_delete=models.PROTECT,
        related_name="records",
    )
    # Copied from the source so that a resident's records of one domain are read from
    # one index range.
    domain = models.CharField(
        _("domain"), max_length=20, choices=Domain.choices, editable=False
    )
    occurred_on = models.DateField(
        _("date"), help_text=_("The day of the fact, or the first day of its period.")
    )
    period_end = models.DateField(
        _("end of period"),
        null=True,
        blank=True,
        help_text=_("Last day of the period, for a bill or a monthly count."),
    )
    title = models.CharField(_("title"), max_length=255)
    value = models.DecimalField(
        _("value"), max_digits=14, decimal_places=3, null=True, blank=True
    )
    unit = models.CharField(_("unit"), max_length=20, blank=True)
    payload = models.JSONField(_("details"), default=dict, blank=True)
    external_id = models.CharField(
        _("identifier at the source"),
        max_length=120,
        help_text=_("Unique within the source, so that a second import updates."),
    )
    created_at = models.DateTimeField(_("received"), default=timezone.now)
    updated_at = models.DateTimeField(_("last corrected"), null=True, blank=True)
    detached_at = models.DateTimeField(
        _("detached from a deleted account"),
        null=True,
        blank=True,
        help_text=_("Kept by the source until its retention period is over."),
    )

    class Meta:
        verbose_name = _("personal record")
        verbose_name_plural = _("personal records")
        ordering = ["-occurred_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "external_id"],
                name="personalrecord_unique_external_id_per_source",
            ),
            models.CheckConstraint(
                condition=models.Q(period_end__isnull=True)
                | models.Q(period_end__gte=models.F("occurred_on")),
                name="personalrecord_period_ends_after_start",
            ),
            # A record belongs to a resident, or was detached from a deleted account.
            models.CheckConstraint(
                condition=models.Q(resident__isnull=False, detached_at__isnull=True)
                | models.Q(resident__isnull=True, detached_at__isnull=False),
                name="personalrecord_resident_or_detached",
            ),
        ]
        indexes = [
            models.Index(
                fields=["resident", "occurred_on"], name="record_resident_date"
            ),
            # The id too: the export reads a domain's records in (date, id) order
            # from this index, without sorting them.
            models.Index(
                fields=["resident", "domain", "occurred_on", "id"],
                name="record_resident_domain_date_id",
            ),
            models.Index(
                fields=["resident", "kind", "occurred_on"],
                name="record_resident_kind_date",
            ),
            models.Index(
                fields=["detached_at"],
                name="record_detached",
                condition=models.Q(detached_at__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        self.domain = self.source.domain
        super().save(*args, **kwargs)

    def clean(self) -> None:
        if self.kind_id and self.source_id and self.kind.source_id != self.source_id:
            raise ValidationError({"kind": _("This kind belongs to another source.")})
        if self.kind_id:
            errors = self.kind.payload_errors(self.payload)
            if errors:
                raise ValidationError({"payload": errors})

    @property
    def life_stage(self):
        """Life stage of the resident on the record's date (``None`` once detached)."""
        if self.resident_id is None:
            return None
        return life_stage(self.resident.birth_date, self.occurred_on)

    @property
    def retained_until(self) -> datetime.date:
        """The day after which the source must delete this record."""
        return retention_end(
            self.period_end or self.occurred_on, self.source.retention_months
        )


def retention_end(base: datetime.date, months: int) -> datetime.date:
    """``months`` after ``base`` (day capped at 28): the end of a record's retention."""
    years, extra_months = divmod(base.month - 1 + months, 12)
    return datetime.date(base.year + years, extra_months + 1, min(base.day, 28))


class RecordTally(models.Model):
    """How many records a resident has in a domain from a source, as a running sum.

    Kept by PostgreSQL alone (migration ``records.0006``): after each statement that
    inserts, updates or deletes records, a trigger adds one row per (resident, domain,
    source) the statement changed, ``delta`` saying by how many. Writers only ever add
    rows, so two imports for the same resident never wait on each other; a resident's
    count is the sum of their rows, read in the same snapshot as the records
    (:func:`citizenpass.records.tally.counts_by_source`); ``manage.py
    fold_record_tallies`` (daily) folds them into one row per (domain, source). Records
    detached from a deleted account count for nobody. Empty on SQLite.
    """

    resident_id = models.BigIntegerField(_("resident"))
    domain = models.CharField(_("domain"), max_length=20, choices=Domain.choices)
    source_id = models.BigIntegerField(_("source"))
    delta = models.IntegerField(_("records added or removed"))

    class Meta:
        verbose_name = _("record tally")
        verbose_name_plural = _("record tallies")
        indexes = [models.Index(fields=["resident_id"], name="record_tally_resident")]

    def __str__(self) -> str:
        return f"{self.domain}: {self.delta:+d}"


class RecordCorrection(models.Model):
    """What a correction of a record replaced (its history, oldest first)."""

    record = models.ForeignKey(
        PersonalRecord,
        verbose_name=_("record"),
        on_delete=models.CASCADE,
        related_name="corrections",
    )
    corrected_at = models.DateTimeField(_("corrected"), default=timezone.now)
    previous = models.JSONField(
        _("previous content"),
        help_text=_("The fields as they were before: title, date, value, payload…"),
    )
    reason = models.CharField(_("reason"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("record correction")
        verbose_name_plural = _("record corrections")
        ordering = ["record", "corrected_at", "id"]

    def __str__(self) -> str:
        return f"{self.record_id} @ {self.corrected_at:%Y-%m-%d}"


class RelationshipQuerySet(models.QuerySet):
    def in_force(self, on: datetime.date | None = None):
        """Links whose minor is under 18 on the date (today by default)."""
        on = on or timezone.localdate()
        # Born after this day means under 18 on ``on``.
        adult_if_born_on_or_before = add_years(on, -AGE_OF_MAJORITY)
        return self.filter(minor__birth_date__gt=adult_if_born_on_or_before)


class Relationship(models.Model):
    """A guardian (parent or legal guardian) of a minor; it ends when the minor turns 18."""

    class Kind(models.TextChoices):
        PARENT = "parent", _("Parent")
        LEGAL_GUARDIAN = "legal_guardian", _("Legal guardian")

    guardian = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("guardian"),
        on_delete=models.CASCADE,
        related_name="guardianships",
    )
    minor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("minor"),
        on_delete=models.CASCADE,
        related_name="guardians",
    )
    kind = models.CharField(
        _("kind"), max_length=20, choices=Kind.choices, default=Kind.PARENT
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    objects = RelationshipQuerySet.as_manager()

    class Meta:
        verbose_name = _("family link")
        verbose_name_plural = _("family links")
        constraints = [
            models.UniqueConstraint(
                fields=["guardian", "minor"], name="relationship_unique_pair"
            ),
            models.CheckConstraint(
                condition=~models.Q(guardian=models.F("minor")),
                name="relationship_not_self",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.guardian_id} → {self.minor_id}"

    @property
    def ends_on(self) -> datetime.date | None:
        """The minor's 18th birthday, when the link ends."""
        if self.minor.birth_date is None:
            return None
        return add_years(self.minor.birth_date, AGE_OF_MAJORITY)


class CoParentInvitation(models.Model):
    """A guardian invites the other parent (by email) to share a minor's data."""

    minor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("minor"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        on_delete=models.CASCADE,
        related_name="sent_co_parent_invitations",
    )
    email = models.EmailField(_("email address"))
    created_at = models.DateTimeField(_("sent"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires"))
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("accepted by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("co-parent invitation")
        verbose_name_plural = _("co-parent invitations")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"invitation {self.pk}"

    @property
    def is_open(self) -> bool:
        return self.accepted_at is None and self.expires_at > timezone.now()


class MandateQuerySet(models.QuerySet):
    @staticmethod
    def in_force_condition(on: datetime.date | None = None) -> models.Q:
        """Accepted by their helper, not revoked and not past their end date."""
        return models.Q(
            accepted_at__isnull=False,
            revoked_at__isnull=True,
            valid_until__gte=on or timezone.localdate(),
        )

    @staticmethod
    def offered_condition() -> models.Q:
        """Waiting for the person invited, who may still accept."""
        return models.Q(
            accepted_at__isnull=True,
            revoked_at__isnull=True,
            valid_until__gte=timezone.localdate(),
            created_at__gt=timezone.now() - INVITATION_LIFETIME,
        )

    def in_force(self, on: datetime.date | None = None):
        return self.filter(self.in_force_condition(on))


class Mandate(models.Model):
    """A resident lets a helper see chosen domains of their data until a date.

    It is offered to an email address and is in force only once the account with that
    address has accepted it: typing an address never reveals whether it has an account,
    and a mistyped address gets an invitation, not the data."""

    resident = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("resident"),
        on_delete=models.CASCADE,
        related_name="mandates_granted",
    )
    helper_email = models.EmailField(
        _("email address invited"),
        help_text=_("The mandate is offered to this address, in lower case."),
    )
    helper = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("helper"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="mandates_received",
        help_text=_("The account that accepted the mandate."),
    )
    domains = models.JSONField(
        _("domains"), default=list, help_text=_("Domain codes the helper may see.")
    )
    valid_until = models.DateField(_("valid until (included)"))
    created_at = models.DateTimeField(_("granted"), default=timezone.now)
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    objects = MandateQuerySet.as_manager()

    class Meta:
        verbose_name = _("mandate")
        verbose_name_plural = _("mandates")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(resident=models.F("helper")),
                name="mandate_not_self",
            ),
            models.CheckConstraint(
                condition=models.Q(accepted_at__isnull=True)
                | models.Q(helper__isnull=False),
                name="mandate_accepted_by_a_helper",
            ),
        ]

    def __str__(self) -> str:
        return f"mandate {self.pk}"

    def clean(self) -> None:
        unknown = set(self.domains) - set(Domain.values)
        if unknown or not self.domains:
            raise ValidationError({"domains": _("Choose at least one known domain.")})

    def domain_labels(self) -> list[str]:
        return [Domain(code).label for code in self.domains if code in Domain.values]


class AccessEventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise TypeError("The access log is append-only.")

    def delete(self):
        raise TypeError("The access log is append-only.")

    def pseudonymise_actor_label(self, *, actor_ref: int, pseudonym: str) -> int:
        """The one change the log allows: the shown name of a deleted account.

        Replaces ``actor_label`` of this actor's events that still show a name and
        forgets their salt; the hash covers ``actor_label_digest``, which stays, so the
        chain still verifies. Call it only through
        :func:`citizenpass.records.access_log.pseudonymise_actor`.
        """
        return models.QuerySet.update(
            self.filter(actor_ref=actor_ref).exclude(actor_label_salt=""),
            actor_label=pseudonym,
            actor_label_salt="",
        )


class AccessEvent(models.Model):
    """One read or export of a resident's data by someone else; append-only.

    Each resident's events form a hash chain: ``hash`` covers the event's content and the
    previous event's ``hash`` (``sequence`` numbers them from 1). Deleting or editing a
    row breaks the chain, which ``manage.py verify_access_log`` reports. The ``*_ref``
    columns keep the ids the hash covers even after an account is deleted. The only
    change ever made to a row is the pseudonymisation of ``actor_label`` when the
    actor's account is deleted (see :mod:`citizenpass.records.access_log`).
    """

    class Role(models.TextChoices):
        HELPER = "helper", _("Helper under mandate")
        GUARDIAN = "guardian", _("Parent or guardian")
        AGENT = "agent", _("Agent of a public service")
        API_CLIENT = "api_client", _("Information system of a public service")
        EXPORT = "export", _("Download of your data")
        SYSTEM = "system", _("Automatic processing")

    resident = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("resident"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="access_events",
    )
    resident_ref = models.BigIntegerField(_("resident id"), db_index=False)
    sequence = models.PositiveBigIntegerField(_("position in the resident's log"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="access_events_as_actor",
    )
    actor_ref = models.BigIntegerField(_("actor id"), null=True, blank=True)
    actor_label = models.CharField(_("who (as shown)"), max_length=200, blank=True)
    # The hash covers SHA-256(salt + actor_label), not the label: when the actor's
    # account is deleted, the label becomes a pseudonym and the salt is forgotten, so
    # the digest left in the chain can no longer be matched against a list of names.
    actor_label_salt = models.CharField(max_length=32, blank=True, default="")
    actor_label_digest = models.CharField(max_length=64, blank=True, default="")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    organisation_label = models.CharField(_("organisation"), max_length=200, blank=True)
    api_client_label = models.CharField(_("API client"), max_length=200, blank=True)
    what = models.CharField(_("what"), max_length=300)
    purpose = models.CharField(_("why"), max_length=300)
    created_at = models.DateTimeField(_("when"))
    previous_hash = models.CharField(_("previous hash"), max_length=64)
    hash = models.CharField(_("hash"), max_length=64, unique=True)

    objects = AccessEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("access event")
        verbose_name_plural = _("access events")
        ordering = ["-resident_ref", "-sequence"]
        constraints = [
            models.UniqueConstraint(
                fields=["resident_ref", "sequence"],
                name="accessevent_unique_sequence_per_resident",
            )
        ]
        indexes = [
            models.Index(
                fields=["resident", "-created_at"], name="access_resident_time"
            )
        ]

    def __str__(self) -> str:
        return f"access {self.resident_ref}#{self.sequence}"

    def save(self, *args, **kwargs):
        if self.pk is not None or not self._state.adding:
            raise TypeError("The access log is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise TypeError("The access log is append-only.")

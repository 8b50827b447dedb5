"""Counter services ("démarches") owned by an organisation, and their request forms."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel


def in_active_language(french: str, english: str) -> str:
    """The English text on the English site when there is one, French otherwise."""
    if translation.get_language() == "en" and english:
        return english
    return french


FILE_TYPES = ("pdf", "png", "jpeg")


def parse_file_types(text: str) -> list[str]:
    """``"pdf, PNG"`` → ``["pdf", "png"]``."""
    return [part.strip().lower() for part in text.split(",") if part.strip()]


def validate_file_types(text: str) -> None:
    unknown = [code for code in parse_file_types(text) if code not in FILE_TYPES]
    if unknown:
        raise ValidationError(
            _("Unknown file types: %(types)s. Use pdf, png or jpeg.")
            % {"types": ", ".join(unknown)}
        )


class LifeStage(models.TextChoices):
    """Stages of life a service is meant for."""

    EARLY_CHILDHOOD = "early_childhood", _("Early childhood")
    SCHOOL = "school", _("Childhood and school")
    YOUTH = "youth", _("Young people and students")
    ADULT = "adult", _("Adults and families")
    SENIOR = "senior", _("Seniors")


class Theme(models.TextChoices):
    """What a service is about."""

    EDUCATION = "education", _("Education")
    MOBILITY = "mobility", _("Mobility")
    WATER_ENERGY = "water_energy", _("Water and energy")
    HOUSING = "housing", _("Housing")
    SOCIAL = "social", _("Social support")
    HEALTH = "health", _("Health")
    CIVIL_STATUS = "civil_status", _("Civil status and citizenship")
    ENVIRONMENT = "environment", _("Waste and environment")
    CULTURE = "culture", _("Culture and sport")


class Service(ClusterableModel):
    """A counter service an organisation offers, possibly as an online request."""

    class Mode(models.TextChoices):
        ONLINE_REQUEST = "online_request", _("Online request")
        APPOINTMENT = "appointment", _("Appointment information")
        EXTERNAL_LINK = "external_link", _("External link")

    owner = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("owner organisation"),
        on_delete=models.PROTECT,
        related_name="services",
    )
    slug = models.SlugField(_("short name"), max_length=100, unique=True)
    title_fr = models.CharField(_("title (French)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    summary_fr = models.TextField(_("summary (French)"), blank=True)
    summary_en = models.TextField(_("summary (English)"), blank=True)
    life_stages = models.JSONField(
        _("life stages"),
        default=list,
        blank=True,
        help_text=_("Codes of the life stages the service is meant for."),
    )
    themes = models.JSONField(
        _("themes"),
        default=list,
        blank=True,
        help_text=_("Codes of the themes of the service."),
    )
    communes = models.ManyToManyField(
        "organisations.Organisation",
        verbose_name=_("communes where offered"),
        related_name="offered_services",
        blank=True,
        limit_choices_to={"kind": "commune"},
    )
    mode = models.CharField(
        _("mode"), max_length=20, choices=Mode.choices, default=Mode.ONLINE_REQUEST
    )
    external_url = models.URLField(_("external link"), blank=True)
    processing_days = models.PositiveSmallIntegerField(
        _("expected processing time (days)"), default=15
    )
    documents_required_fr = models.TextField(
        _("documents required (French)"), blank=True, help_text=_("One per line.")
    )
    documents_required_en = models.TextField(
        _("documents required (English)"), blank=True, help_text=_("One per line.")
    )
    reference_prefix = models.CharField(
        _("reference prefix"),
        max_length=5,
        blank=True,
        help_text=_("Starts the reference numbers of requests, e.g. LYO."),
    )
    is_active = models.BooleanField(_("open to residents"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("service")
        verbose_name_plural = _("services")
        ordering = ["title_fr"]
        permissions = [("edit_service_form", "Can edit the request form of a service")]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        if not self.reference_prefix and self.owner_id:
            self.reference_prefix = self.owner.slug.replace("-", "")[:3].upper()
        super().save(*args, **kwargs)

    def clean(self):
        if self.mode == self.Mode.EXTERNAL_LINK and not self.external_url:
            raise ValidationError(
                {"external_url": _("An external service needs its link.")}
            )

    @property
    def title(self) -> str:
        return in_active_language(self.title_fr, self.title_en)

    @property
    def summary(self) -> str:
        return in_active_language(self.summary_fr, self.summary_en)

    @property
    def documents_required(self) -> list[str]:
        text = in_active_language(
            self.documents_required_fr, self.documents_required_en
        )
        return [line.strip() for line in text.splitlines() if line.strip()]

    @property
    def accepts_online_requests(self) -> bool:
        return self.is_active and self.mode == self.Mode.ONLINE_REQUEST

    def get_life_stages_display(self) -> list[str]:
        labels = dict(LifeStage.choices)
        return [str(labels[code]) for code in self.life_stages if code in labels]

    def get_themes_display(self) -> list[str]:
        labels = dict(Theme.choices)
        return [str(labels[code]) for code in self.themes if code in labels]


class FormField(models.Model):
    """One question of a service's request form, edited by authorised agents."""

    class Kind(models.TextChoices):
        TEXT = "text", _("Text")
        LONG_TEXT = "long_text", _("Long text")
        DATE = "date", _("Date")
        NUMBER = "number", _("Number")
        EMAIL = "email", _("Email")
        CHOICE = "choice", _("Choice")
        FILE = "file", _("File")

    class ProfileField(models.TextChoices):
        NONE = "", _("None")
        FIRST_NAME = "first_name", _("First name")
        LAST_NAME = "last_name", _("Last name")
        EMAIL = "email", _("Email address")
        BIRTH_DATE = "birth_date", _("Date of birth")

    service = ParentalKey(Service, on_delete=models.CASCADE, related_name="form_fields")
    sort_order = models.IntegerField(null=True, blank=True, editable=False)
    name = models.SlugField(
        _("key"),
        max_length=50,
        blank=True,
        help_text=_("Identifies the answer; made from the English label when empty."),
    )
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    label_fr = models.CharField(_("label (French)"), max_length=200)
    label_en = models.CharField(_("label (English)"), max_length=200, blank=True)
    help_text_fr = models.CharField(_("help text (French)"), max_length=300, blank=True)
    help_text_en = models.CharField(
        _("help text (English)"), max_length=300, blank=True
    )
    required = models.BooleanField(_("required"), default=True)
    choices = models.TextField(
        _("choices"), blank=True, help_text=_("For a choice: one option per line.")
    )
    profile_field = models.CharField(
        _("pre-filled from the profile"),
        max_length=20,
        choices=ProfileField.choices,
        blank=True,
    )
    allowed_file_types = models.CharField(
        _("allowed file types"),
        max_length=30,
        blank=True,
        validators=[validate_file_types],
        help_text=_("For a file: pdf, png, jpeg separated by commas; all when empty."),
    )
    max_size_mb = models.PositiveSmallIntegerField(
        _("maximum file size (MB)"), default=10
    )

    class Meta:
        verbose_name = _("form field")
        verbose_name_plural = _("form fields")
        ordering = ["sort_order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["service", "name"], name="catalogue_formfield_unique_name"
            )
        ]

    def __str__(self) -> str:
        return self.label

    def save(self, *args, **kwargs):
        if not self.name:
            self.name = slugify(self.label_en or self.label_fr).replace("-", "_")[:50]
        super().save(*args, **kwargs)

    @property
    def label(self) -> str:
        return in_active_language(self.label_fr, self.label_en)

    @property
    def help_text(self) -> str:
        return in_active_language(self.help_text_fr, self.help_text_en)

    @property
    def choice_list(self) -> list[str]:
        return [line.strip() for line in self.choices.splitlines() if line.strip()]

    @property
    def file_types(self) -> list[str]:
        return parse_file_types(self.allowed_file_types) or list(FILE_TYPES)

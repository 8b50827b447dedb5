"""The user model: one account per person, identified by email."""

from django.contrib.auth.base_user import BaseUserManager
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class UserManager(BaseUserManager):
    """Creates users keyed on their normalised email address."""

    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra_fields):
        """Create a resident account."""
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email: str, password: str | None = None, **extra_fields):
        """Create an administrator account."""
        extra_fields["is_staff"] = True
        extra_fields["is_superuser"] = True
        return self._create_user(email, password, **extra_fields)

    def get_by_natural_key(self, username):
        return self.get(email__iexact=username)


class User(AbstractUser):
    """A person with an account: resident, counter agent, editor or administrator."""

    username = None
    email = models.EmailField(_("email address"), unique=True)
    birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="members",
        help_text=_("For agents and editors: the organisation they work for."),
    )
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=8,
        choices=[("fr", "Français"), ("en", "English")],
        default="fr",
    )

    terms_accepted_at = models.DateTimeField(
        _("terms accepted at"), null=True, blank=True, editable=False
    )
    # Set by ``citizenpass.records.freshness`` whenever a record of this person is
    # written: pages summarising the records are cached under this value.
    records_changed_at = models.DateTimeField(
        _("personal records last changed"), null=True, blank=True, editable=False
    )

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.get_full_name() or self.email


class SecurityEvent(models.Model):
    """One entry of a person's security history: sign-ins, failures, 2FA and password changes."""

    class Kind(models.TextChoices):
        SIGNED_IN = "signed_in", _("Signed in")
        SIGNED_IN_NEW_BROWSER = (
            "signed_in_new_browser",
            _("Signed in from a new browser"),
        )
        LOGIN_FAILED = "login_failed", _("Failed sign-in attempt")
        TWO_FACTOR_FAILED = "two_factor_failed", _("Wrong two-factor code")
        TWO_FACTOR_ENABLED = (
            "two_factor_enabled",
            _("Two-factor authentication turned on"),
        )
        TWO_FACTOR_DISABLED = (
            "two_factor_disabled",
            _("Two-factor authentication turned off"),
        )
        BACKUP_CODE_USED = "backup_code_used", _("Backup code used")
        PASSWORD_CHANGED = "password_changed", _("Password changed")
        PASSWORD_RESET = "password_reset", _("Password reset")
        EMAIL_CHANGED = "email_changed", _("Email address changed")
        SIGNED_OUT_EVERYWHERE = "signed_out_everywhere", _("Signed out everywhere")

    user = models.ForeignKey(
        User,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="security_events",
    )
    kind = models.CharField(_("event"), max_length=32, choices=Kind.choices)
    created_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    browser = models.CharField(_("browser"), max_length=120, blank=True)
    place = models.CharField(
        _("approximate place"),
        max_length=64,
        blank=True,
        help_text=_("The network the request came from, never a precise address."),
    )

    class Meta:
        verbose_name = _("security event")
        verbose_name_plural = _("security events")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.created_at:%Y-%m-%d %H:%M})"


class KnownBrowser(models.Model):
    """A browser a person has signed in from before: a new one triggers an email."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="known_browsers"
    )
    fingerprint = models.CharField(max_length=64)
    first_seen = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("known browser")
        verbose_name_plural = _("known browsers")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "fingerprint"], name="known_browser_once_per_user"
            )
        ]

    def __str__(self) -> str:
        return self.fingerprint[:12]

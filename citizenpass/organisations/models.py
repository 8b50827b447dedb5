"""Organisations that hold residents' data and own counter services."""

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class Organisation(models.Model):
    """A public body or operator: the metropolis, a commune, a utility, a school."""

    class Kind(models.TextChoices):
        METROPOLIS = "metropolis", _("Metropolis")
        COMMUNE = "commune", _("Commune")
        OPERATOR = "operator", _("Public-service operator")
        SCHOOL = "school", _("School")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name"), max_length=80, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    insee_code = models.CharField(
        _("INSEE code"),
        max_length=5,
        blank=True,
        validators=[
            RegexValidator(r"^\d[0-9AB]\d{3}$", _("An INSEE code has five characters."))
        ],
        help_text=_("Official code of the commune (communes only)."),
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    website = models.URLField(_("website"), blank=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["insee_code"],
                condition=~models.Q(insee_code=""),
                name="organisation_unique_insee_code",
            ),
            models.CheckConstraint(
                condition=~models.Q(kind="commune") | ~models.Q(insee_code=""),
                name="organisation_commune_has_insee_code",
            ),
        ]

    def __str__(self) -> str:
        return self.name

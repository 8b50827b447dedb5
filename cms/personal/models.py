"""What the public site remembers about a signed-in resident to put their services first."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ResidentCommune(models.Model):
    """The commune a resident told us they live in, used to order services for them."""

    resident = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("resident"),
        on_delete=models.CASCADE,
        related_name="public_commune",
    )
    commune = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("commune"),
        on_delete=models.CASCADE,
        limit_choices_to={"kind": "commune"},
        related_name="+",
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        app_label = "cms"
        verbose_name = _("resident's commune")
        verbose_name_plural = _("residents' communes")

    def __str__(self) -> str:
        return str(self.commune)

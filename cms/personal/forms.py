"""The resident's choice of commune on the home page."""

from django import forms
from django.utils.translation import gettext_lazy as _

from citizenpass.organisations.models import Organisation


class CommuneForm(forms.Form):
    """Which commune the resident lives in."""

    commune = forms.ModelChoiceField(
        label=_("Your commune"),
        queryset=Organisation.objects.filter(kind=Organisation.Kind.COMMUNE).order_by(
            "name"
        ),
        empty_label=_("Choose your commune"),
        to_field_name="slug",
    )

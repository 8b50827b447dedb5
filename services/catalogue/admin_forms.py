"""The back-office form of a service: life stages and themes as checkboxes."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from citizenpass.organisations.models import Organisation

from .models import LifeStage, Theme


class ServiceAdminForm(WagtailAdminModelForm):
    """Edits a service; an agent only gives it to their own organisation."""

    life_stages = forms.MultipleChoiceField(
        label=_("Life stages"),
        choices=LifeStage.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    themes = forms.MultipleChoiceField(
        label=_("Themes"),
        choices=Theme.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        if "owner" in self.fields and for_user and not for_user.is_superuser:
            self.fields["owner"].queryset = Organisation.objects.filter(
                pk=for_user.organisation_id
            )
        if "communes" in self.fields:
            self.fields["communes"].queryset = Organisation.objects.filter(
                kind=Organisation.Kind.COMMUNE
            )

"""The form a resident fills to ask for an export: domains and an optional period."""

from django import forms
from django.utils.translation import gettext_lazy as _

from citizenpass.records.models import Domain


class ExportRequestForm(forms.Form):
    """Which domains and which period go into the export."""

    domains = forms.MultipleChoiceField(
        label=_("Domains"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave every box empty to include every domain."),
    )
    start = forms.DateField(
        label=_("From (included)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    end = forms.DateField(
        label=_("To (included)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def __init__(self, *args, domains: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["domains"].choices = [
            (code, Domain(code).label) for code in domains
        ]

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and start > end:
            raise forms.ValidationError(_("The period ends before it starts."))
        return data

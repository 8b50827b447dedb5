"""Forms of the resident pages: the records filter, mandates, co-parent invitations."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from citizenpass.records.models import Domain
from citizenpass.records.selectors import RecordFilters


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class RecordFilterForm(forms.Form):
    """Filters of a domain's table (GET)."""

    kind = forms.TypedChoiceField(
        label=_("Kind of record"), required=False, coerce=int, empty_value=None
    )
    date_from = forms.DateField(label=_("From"), required=False, widget=DateInput())
    date_to = forms.DateField(label=_("To"), required=False, widget=DateInput())
    text = forms.CharField(label=_("Title contains"), required=False, max_length=100)

    def __init__(self, *args, kinds=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("All kinds"))] + [
            (kind.pk, kind.label) for kind in kinds
        ]

    def clean(self):
        data = super().clean()
        if (
            data.get("date_from")
            and data.get("date_to")
            and data["date_from"] > data["date_to"]
        ):
            raise forms.ValidationError(_("The start date is after the end date."))
        return data

    def filters(self) -> RecordFilters:
        if not self.is_valid():
            return RecordFilters()
        return RecordFilters(
            kind_id=self.cleaned_data["kind"],
            date_from=self.cleaned_data["date_from"],
            date_to=self.cleaned_data["date_to"],
            text=self.cleaned_data["text"].strip(),
        )


class MandateForm(forms.Form):
    """A resident offers a helper, by email, access to chosen domains until a date."""

    helper_email = forms.EmailField(
        label=_("Email address of the person who helps you"),
        help_text=_(
            "We email them an invitation. The mandate takes effect when they accept "
            "it, signed in to CitizenPass with this address."
        ),
    )
    domains = forms.MultipleChoiceField(
        label=_("What they may see"),
        choices=Domain.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    valid_until = forms.DateField(
        label=_("Until (included)"),
        widget=DateInput(),
        help_text=_("At most one year from today."),
    )

    def clean_valid_until(self):
        day = self.cleaned_data["valid_until"]
        today = timezone.localdate()
        if day < today:
            raise forms.ValidationError(_("The end date is in the past."))
        if day > today + datetime.timedelta(days=366):
            raise forms.ValidationError(_("A mandate lasts at most one year."))
        return day


class CoParentInvitationForm(forms.Form):
    """A guardian invites the other parent to follow a child's data."""

    minor = forms.TypedChoiceField(label=_("Child"), coerce=int)
    email = forms.EmailField(label=_("Email address of the other parent"))

    def __init__(self, *args, children=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["minor"].choices = [
            (link.minor.pk, link.minor.get_full_name()) for link in children
        ]

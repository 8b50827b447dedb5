"""Forms of the resident pages and the back office: the request form is built from
the service's form definition."""

from datetime import date
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from services.catalogue.models import FormField

from .actions import CheckedUpload
from .models import Channel, agent_status_label
from .uploads import DEFAULT_MAX_BYTES, check_upload
from .workflow import next_statuses_for_agent


def _answer(value):
    """An answer as JSON can hold it."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def _profile_value(user, profile_field: str):
    value = getattr(user, profile_field, None) if profile_field else None
    return value or None


class ServiceRequestForm(forms.Form):
    """The questions of a service, built from the form definition agents edit.

    ``for_draft`` relaxes required answers; ``existing_files`` names the file questions
    already answered by an earlier draft.
    """

    def __init__(
        self,
        *args,
        service,
        resident,
        answers: dict | None = None,
        existing_files: set[str] = frozenset(),
        for_draft: bool = False,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.service = service
        self.definition = list(service.form_fields.all())
        answers = answers or {}
        for definition in self.definition:
            required = definition.required and not for_draft
            if (
                definition.kind == FormField.Kind.FILE
                and definition.name in existing_files
            ):
                required = False
            field = self._build_field(definition, required)
            initial = answers.get(definition.name)
            if initial is None:
                initial = _profile_value(resident, definition.profile_field)
            field.initial = initial
            self.fields[definition.name] = field

    @staticmethod
    def _build_field(definition: FormField, required: bool) -> forms.Field:
        common = {
            "label": definition.label,
            "help_text": definition.help_text,
            "required": required,
        }
        kind = definition.kind
        if kind == FormField.Kind.LONG_TEXT:
            return forms.CharField(widget=forms.Textarea(attrs={"rows": 5}), **common)
        if kind == FormField.Kind.DATE:
            return forms.DateField(
                widget=forms.DateInput(attrs={"type": "date"}), **common
            )
        if kind == FormField.Kind.NUMBER:
            return forms.DecimalField(**common)
        if kind == FormField.Kind.EMAIL:
            return forms.EmailField(**common)
        if kind == FormField.Kind.CHOICE:
            choices = [("", "—")] + [(c, c) for c in definition.choice_list]
            return forms.ChoiceField(choices=choices, **common)
        if kind == FormField.Kind.FILE:
            accept = ",".join(
                {"pdf": ".pdf", "png": ".png", "jpeg": ".jpg,.jpeg"}[t]
                for t in definition.file_types
            )
            return forms.FileField(
                widget=forms.ClearableFileInput(attrs={"accept": accept}), **common
            )
        return forms.CharField(max_length=2000, **common)

    def clean(self):
        cleaned = super().clean()
        self.uploads: list[CheckedUpload] = []
        for definition in self.definition:
            if definition.kind != FormField.Kind.FILE:
                continue
            uploaded = cleaned.get(definition.name)
            if not uploaded:
                continue
            try:
                content_type = check_upload(
                    uploaded,
                    allowed_types=definition.file_types,
                    max_bytes=min(
                        definition.max_size_mb * 1024 * 1024, DEFAULT_MAX_BYTES
                    )
                    if definition.max_size_mb
                    else DEFAULT_MAX_BYTES,
                )
            except ValidationError as error:
                self.add_error(definition.name, error)
                continue
            self.uploads.append(CheckedUpload(definition.name, uploaded, content_type))
        return cleaned

    def answers(self) -> dict:
        """The answers other than files, ready to be stored."""
        return {
            d.name: _answer(self.cleaned_data.get(d.name))
            for d in self.definition
            if d.kind != FormField.Kind.FILE
            and self.cleaned_data.get(d.name) not in (None, "")
        }


class MessageForm(forms.Form):
    """A message to the other side, with an optional document."""

    body = forms.CharField(
        label=_("Your message"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=5000,
    )
    document = forms.FileField(
        label=_("Add a document (optional)"),
        help_text=_("PDF, PNG or JPEG, 10 MB at most."),
        required=False,
    )

    def clean(self):
        cleaned = super().clean()
        self.uploads: list[CheckedUpload] = []
        document = cleaned.get("document")
        if document:
            try:
                content_type = check_upload(
                    document, allowed_types=["pdf", "png", "jpeg"]
                )
            except ValidationError as error:
                self.add_error("document", error)
                return cleaned
            self.uploads.append(CheckedUpload("", document, content_type))
        if not cleaned.get("body", "").strip() and not document and not self.errors:
            raise ValidationError(_("Write a message or add a document."))
        return cleaned


class StatusChangeForm(forms.Form):
    """An agent moves a request to one of the statuses the workflow allows next."""

    to_status = forms.ChoiceField(label=_("New status"))
    comment = forms.CharField(
        label=_("Comment for the resident"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=5000,
    )

    def __init__(self, *args, service_request, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_status"].choices = [
            (value, agent_status_label(value))
            for value in next_statuses_for_agent(service_request.status)
        ]


class ResidentLookupForm(forms.Form):
    """An agent looks a resident up by email, stating why."""

    email = forms.EmailField(label=_("Resident's email address"))
    reason = forms.CharField(
        label=_("Reason for looking this resident up"),
        min_length=5,
        max_length=300,
        help_text=_("Written to the resident's access log, which they can read."),
    )


class AssistedRequestStartForm(forms.Form):
    """Service and channel of a request an agent files on a resident's behalf."""

    channel = forms.ChoiceField(
        label=_("Channel"),
        choices=[c for c in Channel.choices if c[0] != Channel.ONLINE],
    )

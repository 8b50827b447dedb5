"""Forms of the sign-up and two-factor pages."""

from allauth.account.forms import SignupForm
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from citizenpass.accounts import two_factor


class TermsSignupForm(SignupForm):
    """allauth's sign-up form with the acceptance of the terms and privacy notice."""

    accept_terms = forms.BooleanField(
        label=_("I accept the terms of use and the privacy notice"),
        help_text=_(
            "Both are linked at the bottom of every page. You can delete your account"
            " at any time."
        ),
        required=True,
        error_messages={
            "required": _(
                "To create an account, accept the terms of use and the privacy notice."
            )
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The acceptance comes last, after the fields it is about.
        self.fields["accept_terms"] = self.fields.pop("accept_terms")

    def save(self, request):
        user = super().save(request)
        user.terms_accepted_at = timezone.now()
        user.save(update_fields=["terms_accepted_at"])
        return user


class SecondFactorForm(forms.Form):
    """One field for an authenticator code or a backup code."""

    code = forms.CharField(
        label=_("Code from your authenticator app, or a backup code"),
        help_text=_("Six digits from the app, or one of your ten backup codes."),
        max_length=32,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "autocapitalize": "none",
                "spellcheck": "false",
            }
        ),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.device = None

    def clean_code(self):
        code = self.cleaned_data["code"]
        if two_factor.is_throttled(self.user, code):
            raise forms.ValidationError(
                _("Too many wrong codes. Wait a few seconds, then try again."),
                code="throttled",
            )
        self.device = two_factor.verify_second_factor(self.user, code)
        if self.device is None:
            raise forms.ValidationError(
                _("This code is not valid, or it has already been used."),
                code="invalid",
            )
        return code


class EnrolmentForm(forms.Form):
    """The first code from the authenticator app, which confirms it."""

    code = forms.CharField(
        label=_("Six-digit code shown by the app"),
        max_length=10,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}
        ),
    )

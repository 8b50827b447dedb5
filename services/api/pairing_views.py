"""The resident's page to pair their account with an organisation's file by a code."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache

from . import actions
from .models import ResidentLink


class PairingForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Pairing code"),
        max_length=30,
        help_text=gettext_lazy(
            "12 letters and digits, as printed on your letter or bill (e.g. "
            "ABCD-EFGH-JKMN)."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )


@never_cache
@login_required
def pair(request):
    """Enter a code: the organisation's records about you attach to your account."""
    form = PairingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            link = actions.redeem_pairing_code(
                resident=request.user, code=form.cleaned_data["code"]
            )
        except actions.TooManyAttempts:
            form.add_error(
                "code", _("Too many attempts. Wait 15 minutes before trying again.")
            )
        except ValidationError as error:
            form.add_error("code", error.messages[0])
        else:
            messages.success(
                request,
                _("Your account is now linked to %(name)s.")
                % {"name": link.organisation},
            )
            return redirect("api_pairing:pair")
    links = ResidentLink.objects.filter(resident=request.user).select_related(
        "organisation"
    )
    return render(request, "api/pair.html", {"form": form, "links": links})

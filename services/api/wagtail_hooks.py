"""Back office: the organisation's API tokens (create, shown once; revoke) and pairing
codes for residents at the counter. Part of the "Integration" menu (see connectors)."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail.admin.viewsets.base import ViewSet

from citizenpass.organisations.models import Organisation

from . import actions
from .models import ApiToken, Scope


def _organisation(request) -> Organisation:
    if request.user.organisation_id is None:
        raise PermissionDenied
    return request.user.organisation


class TokenForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Name"), max_length=100)
    scopes = forms.MultipleChoiceField(
        label=gettext_lazy("Scopes"),
        choices=Scope.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    calls_per_minute = forms.IntegerField(
        label=gettext_lazy("Quota (calls per minute)"),
        min_value=1,
        max_value=100_000,
        initial=600,
    )


class PairingCodeForm(forms.Form):
    identifier = forms.CharField(
        label=gettext_lazy("Your identifier for the resident"),
        max_length=64,
        help_text=gettext_lazy("E.g. a file or contract number; never a name."),
    )


def integration(request):
    """Tokens of the agent's organisation and a pairing code to hand to a resident."""
    organisation = _organisation(request)
    token_form = TokenForm(request.POST if "create_token" in request.POST else None)
    code_form = PairingCodeForm(request.POST if "issue_code" in request.POST else None)
    context = {"organisation": organisation, "page_title": _("API and pairing")}
    if token_form.is_bound and token_form.is_valid():
        _token, secret = actions.create_token(
            organisation=organisation,
            name=token_form.cleaned_data["name"],
            scopes=token_form.cleaned_data["scopes"],
            calls_per_minute=token_form.cleaned_data["calls_per_minute"],
            created_by=request.user,
        )
        context["new_secret"] = secret
        token_form = TokenForm()
    if code_form.is_bound and code_form.is_valid():
        try:
            pairing_code, code = actions.issue_pairing_code(
                organisation=organisation,
                identifier=code_form.cleaned_data["identifier"],
            )
        except ValidationError as error:
            code_form.add_error("identifier", error.messages[0])
        else:
            context["new_code"] = code
            context["new_code_expires"] = pairing_code.expires_at
            code_form = PairingCodeForm()
    context.update(
        token_form=token_form,
        code_form=code_form,
        tokens=ApiToken.objects.filter(organisation=organisation),
    )
    response = TemplateResponse(request, "api/admin/integration.html", context)
    # The page may show a secret once: never keep it in a cache.
    response["Cache-Control"] = "no-store"
    return response


@require_POST
def revoke(request, pk: int):
    token = get_object_or_404(
        ApiToken, pk=pk, organisation_id=_organisation(request).pk
    )
    actions.revoke_token(token=token)
    messages.success(request, _("Token %(name)s revoked.") % {"name": token})
    return redirect("api_tokens:index")


class ApiViewSet(ViewSet):
    """API tokens and pairing codes of the agent's organisation."""

    name = "api_tokens"
    url_prefix = "api-tokens"
    icon = "key"
    menu_label = gettext_lazy("API and pairing")
    add_to_admin_menu = False

    def get_urlpatterns(self):
        return [
            path("", integration, name="index"),
            path("<int:pk>/revoke/", revoke, name="revoke"),
        ]

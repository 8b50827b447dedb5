"""The resident tells the home page which commune they live in."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cms.personal.actions import set_resident_commune
from cms.personal.forms import CommuneForm


@require_POST
@login_required
def choose_commune(request):
    """Save the resident's commune and go back to the page they came from."""
    form = CommuneForm(request.POST)
    if form.is_valid():
        commune = form.cleaned_data["commune"]
        set_resident_commune(resident=request.user, commune=commune)
        messages.success(
            request, _("Services of %(commune)s now come first.") % {"commune": commune}
        )
    else:
        messages.error(request, _("Choose a commune from the list."))
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = f"/{get_language()}/"
    return redirect(target)

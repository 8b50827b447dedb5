"""Resident pages: dashboard, my data, timeline, record detail, family, mandates, log.

Views are thin: they check access (``citizenpass.records.access``), call selectors or
actions, log reads made for someone else in the same transaction, and render.
"""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.cache import caches
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from citizenpass import rendered_pages
from citizenpass.portal.charts import bar_chart
from citizenpass.portal.forms import (
    CoParentInvitationForm,
    MandateForm,
    RecordFilterForm,
)
from citizenpass.portal.templatetags.portal_layout import layout_state
from citizenpass.records import actions, selectors
from citizenpass.records.access import (
    ACTING_FOR_SESSION_KEY,
    AccessGrant,
    access_granted_mandate,
    access_record,
    access_resident_data,
    subject_grant,
)
from citizenpass.records.freshness import records_version
from citizenpass.records.life_stages import life_stage
from citizenpass.records.models import AccessEvent, Domain

RECORDS_PER_PAGE = 25
# Cards and charts follow the records' version; the timeout only bounds how long a
# renamed source or kind keeps its old name on them.
RECORDS_FRAGMENT_SECONDS = 15 * 60
ACCESS_EVENTS_PER_PAGE = 30


VERIFIED_EMAIL_SESSION_KEY = "portal_verified_email"


def has_verified_email(request) -> bool:
    """Whether the user's email is verified; remembered in the session per address."""
    from allauth.account.models import EmailAddress

    user = request.user
    if request.session.get(VERIFIED_EMAIL_SESSION_KEY) == user.email:
        return True
    verified = EmailAddress.objects.filter(
        user=user, email__iexact=user.email, verified=True
    ).exists()
    if verified:
        request.session[VERIFIED_EMAIL_SESSION_KEY] = user.email
    return verified


def resident_page(view):
    """Signed-in residents with a verified email only; sets ``request.grant``."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not has_verified_email(request):
            return redirect("portal:verify_email_notice")
        request.grant = subject_grant(request)
        return view(request, *args, **kwargs)

    return wrapper


def _log_read(grant: AccessGrant, describe) -> None:
    """Log a read for someone else; ``describe()`` words it in the resident's language."""
    if grant.is_self:
        return
    with translation.override(getattr(grant.resident, "preferred_language", "fr")):
        what = describe()
        purpose = (
            _("Parental authority over a minor")
            if grant.role == AccessEvent.Role.GUARDIAN
            else _("Help under the mandate you gave")
        )
        grant.log_read(what=str(what), purpose=purpose)


def _domains_text(domains: list[str]) -> str:
    return ", ".join(str(Domain(code).label) for code in domains)


def verify_email_notice(request):
    """Tells a resident to confirm their email address before seeing personal data."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    return render(request, "portal/verify_email_notice.html")


def _records_fragment(resident, name: str, variant: str, render) -> str:
    """HTML drawn from a resident's records, cached until those records change.

    The key holds everything such a fragment depends on: the records' version, the
    variant (the domains a helper may see, the domain shown), the language and the day
    ("expected since", the last 24 months). ``render()`` draws it on a miss.
    """
    key = ":".join(
        [
            name,
            str(resident.pk),
            records_version(resident),
            translation.get_language(),
            timezone.localdate().isoformat(),
            variant,
        ]
    )
    fragments = caches["fragments"]
    html = fragments.get(key)
    if html is None:
        html = render()
        fragments.set(key, html, RECORDS_FRAGMENT_SECONDS)
    return mark_safe(html)


def _dashboard_cards_html(resident, domains: list[str]) -> str:
    return _records_fragment(
        resident,
        "dashboard-cards",
        ",".join(domains),
        lambda: render_to_string(
            "portal/records/includes/dashboard_cards.html",
            {
                "cards": selectors.dashboard_cards(resident, domains=domains),
                "today": timezone.localdate(),
            },
        ),
    )


def _domain_charts_html(resident, domain: str) -> str:
    return _records_fragment(
        resident,
        "domain-charts",
        domain,
        lambda: render_to_string(
            "portal/records/includes/charts.html",
            {
                "charts": [
                    bar_chart(series)
                    for series in selectors.monthly_series(resident, domain=domain)
                ]
            },
        ),
    )


@resident_page
def dashboard(request):
    grant = request.grant
    domains = grant.visible_domains()
    if not grant.is_self:
        # Logged on every view, whether the page below comes from the cache or not.
        with transaction.atomic():
            _log_read(grant, lambda: _("Dashboard: %s") % _domains_text(domains))
    resident = grant.resident
    return rendered_pages.serve(
        request,
        (
            "dashboard",
            resident.pk,
            resident.get_full_name(),
            grant.role,
            *domains,
            records_version(resident),
            timezone.localdate(),  # the cards' "expected since"
            *layout_state(request),
        ),
        lambda: render(
            request,
            "portal/records/dashboard.html",
            {
                "grant": grant,
                "cards_html": _dashboard_cards_html(resident, domains),
                "nav": "dashboard",
            },
        ),
    )


@resident_page
def domain_records(request, domain: str):
    if domain not in Domain.values:
        raise Http404
    grant = access_resident_data(request.user, request.grant.resident, domain)
    form = RecordFilterForm(request.GET or None, kinds=selectors.domain_kinds(domain))
    with transaction.atomic():
        records = selectors.resident_records(
            grant.resident, domains=[domain], filters=form.filters()
        )
        page = Paginator(records, RECORDS_PER_PAGE).get_page(request.GET.get("page"))
        charts_html = _domain_charts_html(grant.resident, domain)
        _log_read(
            grant,
            lambda: (
                _("Records of %(domain)s, page %(page)s")
                % {"domain": Domain(domain).label, "page": page.number}
            ),
        )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "portal/records/domain.html",
        {
            "grant": grant,
            "domain": domain,
            "domain_label": Domain(domain).label,
            "form": form,
            "page": page,
            "charts_html": charts_html,
            "sources": selectors.domain_sources(domain),
            "query": query.urlencode(),
            "nav": "dashboard",
        },
    )


@resident_page
def record_detail(request, record_id: int):
    grant, record = access_record(request.user, record_id)
    with transaction.atomic():
        corrections = list(selectors.record_corrections(record))
        _log_read(
            grant,
            lambda: (
                _("Record “%(kind)s” of %(date)s")
                % {"kind": record.kind.label, "date": record.occurred_on.isoformat()}
            ),
        )
    fields = [
        {"name": name, "value": value, "explanation": record.kind.explain(name)}
        for name, value in record.payload.items()
    ]
    return render(
        request,
        "portal/records/detail.html",
        {
            "grant": grant,
            "record": record,
            "fields": fields,
            "corrections": corrections,
            "stage": life_stage(record.resident.birth_date, record.occurred_on),
            "nav": "dashboard",
        },
    )


@resident_page
def timeline(request):
    grant = request.grant
    domains = grant.visible_domains()
    with transaction.atomic():
        stages = selectors.life_stage_timeline(grant.resident, domains=domains)
        _log_read(grant, lambda: _("Life-stage timeline: %s") % _domains_text(domains))
    rows = [
        {
            "summary": summary,
            "domains": [
                (code, Domain(code).label, summary.counts[code])
                for code in domains
                if code in summary.counts
            ],
        }
        for summary in reversed(stages)
    ]
    return render(
        request,
        "portal/records/timeline.html",
        {"grant": grant, "stages": rows, "nav": "timeline"},
    )


# --- Acting for someone -------------------------------------------------------


@require_POST
@resident_page
def start_acting_for(request):
    from django.contrib.auth import get_user_model

    try:
        resident_id = int(request.POST.get("resident", ""))
    except ValueError:
        raise Http404 from None
    resident = get_user_model().objects.filter(pk=resident_id).first()
    grant = access_resident_data(request.user, resident)
    if grant.is_self:
        request.session.pop(ACTING_FOR_SESSION_KEY, None)
    else:
        request.session[ACTING_FOR_SESSION_KEY] = resident.pk
    return redirect("portal:dashboard")


@require_POST
@resident_page
def stop_acting_for(request):
    request.session.pop(ACTING_FOR_SESSION_KEY, None)
    return redirect("portal:dashboard")


# --- Family ---------------------------------------------------------------------


@resident_page
def family(request):
    me = request.user
    children = list(selectors.children_of(me))
    form = CoParentInvitationForm(request.POST or None, children=children)
    if request.method == "POST" and form.is_valid():
        minor = next(
            link.minor
            for link in children
            if link.minor.pk == form.cleaned_data["minor"]
        )
        try:
            actions.invite_co_parent(
                guardian=me, minor=minor, email=form.cleaned_data["email"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The invitation has been sent."))
            return redirect("portal:family")
    return render(
        request,
        "portal/family.html",
        {
            "children": children,
            "guardians": selectors.guardians_of(me),
            "co_guardians": selectors.co_guardians(me),
            "invitations": selectors.open_invitations_sent(me),
            "form": form,
            "grant": request.grant,
            "nav": "family",
        },
    )


@resident_page
def accept_invitation(request, token: str):
    invitation = actions.find_invitation(token)
    if invitation is None:
        raise Http404
    error = None
    if request.method == "POST":
        try:
            actions.accept_co_parent_invitation(
                invitation=invitation, user=request.user
            )
        except ValidationError as exc:
            error = exc.messages[0]
        else:
            messages.success(request, _("You now follow this child's data."))
            return redirect("portal:family")
    return render(
        request,
        "portal/family_invitation.html",
        {"invitation": invitation, "error": error, "grant": request.grant},
    )


# --- Mandates -------------------------------------------------------------------


@resident_page
def mandates(request):
    me = request.user
    # offer_mandate's refusals (oneself, the daily cap) come back on the form.
    form = MandateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            mandate = actions.offer_mandate(
                resident=me,
                helper_email=form.cleaned_data["helper_email"],
                domains=form.cleaned_data["domains"],
                valid_until=form.cleaned_data["valid_until"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            # The same message whether the address has an account or not.
            messages.success(
                request,
                _(
                    "An invitation was sent to %(email)s. The mandate takes effect "
                    "when this person accepts it."
                )
                % {"email": mandate.helper_email},
            )
            return redirect("portal:mandates")
    return render(
        request,
        "portal/mandates.html",
        {
            "form": form,
            "granted": selectors.mandates_granted(me),
            "received": selectors.mandates_received(me),
            "grant": request.grant,
            "nav": "mandates",
        },
    )


@resident_page
def mandate_offer(request, token: str):
    """The person invited reads what the mandate would let them see, and accepts."""
    mandate = actions.find_mandate_offer(token)
    if mandate is None:
        raise Http404
    error = None
    if request.method == "POST":
        try:
            actions.accept_mandate(mandate=mandate, user=request.user)
        except ValidationError as exc:
            error = exc.messages[0]
        else:
            messages.success(
                request,
                _("You accepted the mandate of %(name)s.")
                % {"name": mandate.resident.get_full_name()},
            )
            return redirect("portal:mandates")
    elif request.user.email.lower() != mandate.helper_email:
        error = _("This invitation was sent to another email address.")
    return render(
        request,
        "portal/mandate_offer.html",
        {"mandate": mandate, "error": error, "grant": request.grant},
    )


@require_POST
@resident_page
def revoke_mandate(request, mandate_id: int):
    mandate = access_granted_mandate(request.user, mandate_id)
    actions.revoke_mandate(mandate=mandate)
    messages.success(
        request,
        _("The mandate is revoked.")
        if mandate.accepted_at
        else _("The invitation is cancelled."),
    )
    return redirect("portal:mandates")


# --- Access log -------------------------------------------------------------------


@resident_page
def access_log(request):
    events = selectors.access_events_for(request.user).select_related("organisation")
    page = Paginator(events, ACCESS_EVENTS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "portal/access_log.html",
        {"page": page, "grant": request.grant, "nav": "access_log"},
    )

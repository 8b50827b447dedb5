"""Back-office screens for agents: the request list, processing a request, assisted
filing at the counter, the dashboard panel. Registered in ``wagtail_hooks.py``."""

import django_filters
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.formats import number_format
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.paginator import WagtailPaginator
from wagtail.admin.ui.components import Component
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet

from services.catalogue.models import Service

from . import actions, selectors
from .access import access_attachment, access_request_for_agent, agent_requests
from .audit import log_agent_read
from .files import attachment_download
from .forms import (
    AssistedRequestStartForm,
    MessageForm,
    ResidentLookupForm,
    ServiceRequestForm,
    StatusChangeForm,
)
from .listing_cache import CachedListingMixin
from .models import RequestStatus, ServiceRequest, agent_status_label

CHANGE_PERMISSION = "service_requests.change_servicerequest"
ADD_PERMISSION = "service_requests.add_servicerequest"


def _agent_services(user):
    services = Service.objects.all()
    if not user.is_superuser:
        services = services.filter(owner_id=user.organisation_id)
    return services


class ServiceRequestFilterSet(WagtailFilterSet):
    """Filters of the agent's list: status, service, submission date, assignee."""

    status = django_filters.ChoiceFilter(
        label=gettext_lazy("Status"),
        choices=[
            (status, agent_status_label(status))
            for status in RequestStatus.values
            if status != RequestStatus.DRAFT
        ],
    )
    service = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Service"), queryset=Service.objects.none()
    )
    submitted_at = django_filters.DateFromToRangeFilter(
        label=gettext_lazy("Submitted between"),
        widget=DateRangePickerWidget,
    )
    assignee = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Assignee"), queryset=get_user_model().objects.none()
    )

    class Meta:
        model = ServiceRequest
        fields = ["status", "service", "submitted_at", "assignee"]

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        user = request.user
        self.filters["service"].queryset = _agent_services(user)
        agents = get_user_model().objects.filter(is_staff=True)
        if not user.is_superuser:
            agents = agents.filter(organisation_id=user.organisation_id)
        self.filters["assignee"].queryset = agents


class CappedCountPaginator(WagtailPaginator):
    """Counts at most ``CAP`` rows: an exact count of 100,000 requests costs more than
    the page itself, and nobody pages past the first forty (filters do better). A
    capped count says so: "more than 1,000 requests"."""

    CAP = 1_000

    @cached_property
    def count(self) -> int:
        return self.object_list[: self.CAP + 1].count()

    @cached_property
    def is_capped(self) -> bool:
        return self.count > self.CAP

    @cached_property
    def items_count_label(self) -> str:
        if self.is_capped:
            return ngettext(
                "more than %(count)s request", "more than %(count)s requests", self.CAP
            ) % {"count": number_format(self.CAP, force_grouping=True)}
        return super().items_count_label


class ServiceRequestIndexView(CachedListingMixin, IndexView):
    """The requests of the agent's organisation; a row opens the processing screen.

    Kept rendered until something it shows changes (:mod:`.listing_cache`)."""

    paginator_class = CappedCountPaginator
    results_template_name = "service_requests/admin/index_results.html"

    def get_base_queryset(self):
        return agent_requests(self.request.user).select_related("service", "assignee")

    def get_edit_url(self, instance):
        return reverse("service_requests_admin:process", args=[instance.pk])

    def get_add_url(self):
        if self.request.user.has_perm(ADD_PERMISSION):
            return reverse("service_requests_admin:assisted_lookup")
        return None

    def get_delete_url(self, instance):
        return None

    def get_copy_url(self, instance):
        return None

    def get_inspect_url(self, instance):
        return None

    def get_list_more_buttons(self, instance):
        return []


def _render(request, template: str, title: str, context: dict):
    return TemplateResponse(
        request,
        f"service_requests/admin/{template}",
        {"page_title": title, "header_title": title, **context},
    )


def process(request, pk: int):
    """One request for the agent: answers, documents, history, thread and actions."""
    with transaction.atomic():
        service_request = access_request_for_agent(request.user, pk)
        log_agent_read(
            agent=request.user,
            resident=service_request.resident,
            what=_("Request %(reference)s") % {"reference": service_request.reference},
            purpose=_("Processing the request"),
        )
        context = {
            "service_request": service_request,
            "answers": selectors.labelled_answers(service_request),
            "timeline": list(selectors.request_timeline(service_request)),
            "thread": list(selectors.request_thread(service_request)),
            "documents": list(service_request.attachments.all()),
            "status_form": StatusChangeForm(service_request=service_request),
            "message_form": MessageForm(),
            "can_change": request.user.has_perm(CHANGE_PERMISSION),
        }
    return _render(request, "process.html", service_request.reference or "", context)


def _changing(request, pk: int) -> ServiceRequest:
    service_request = access_request_for_agent(request.user, pk)
    if not request.user.has_perm(CHANGE_PERMISSION):
        raise PermissionDenied
    return service_request


@require_POST
def take(request, pk: int):
    """The agent takes the request in charge."""
    service_request = _changing(request, pk)
    actions.do_take_request(service_request=service_request, agent=request.user)
    messages.success(request, _("You now handle this request."))
    return redirect("service_requests_admin:process", pk)


@require_POST
def change_status(request, pk: int):
    """Move the request to another status, with a comment for the resident."""
    service_request = _changing(request, pk)
    form = StatusChangeForm(request.POST, service_request=service_request)
    if form.is_valid():
        try:
            actions.do_change_status(
                request=service_request,
                to_status=form.cleaned_data["to_status"],
                comment=form.cleaned_data["comment"],
                acting_user=request.user,
            )
        except ValidationError as error:
            messages.error(request, error.messages[0])
        else:
            messages.success(request, _("The status was changed."))
    else:
        messages.error(request, _("Choose one of the statuses offered."))
    return redirect("service_requests_admin:process", pk)


@require_POST
def post_message(request, pk: int):
    """Write to the resident, possibly with a document."""
    service_request = _changing(request, pk)
    form = MessageForm(request.POST, request.FILES)
    if form.is_valid():
        actions.do_post_message(
            request=service_request,
            author=request.user,
            body=form.cleaned_data["body"],
            uploads=form.uploads,
        )
        messages.success(request, _("Your message was sent."))
    else:
        errors = [e for field_errors in form.errors.values() for e in field_errors]
        messages.error(request, " ".join(errors))
    return redirect("service_requests_admin:process", pk)


def attachment(request, pk: int, attachment_pk: int):
    """Open a document of the request; the opening is written to the access log."""
    with transaction.atomic():
        document = access_attachment(request.user, pk, attachment_pk, as_agent=True)
        log_agent_read(
            agent=request.user,
            resident=document.request.resident,
            what=_("Document of request %(reference)s")
            % {"reference": document.request.reference},
            purpose=_("Processing the request"),
        )
    return attachment_download(document)


def assisted_lookup(request):
    """Find a resident at the counter: email and a stated reason, both logged."""
    if not request.user.has_perm(ADD_PERMISSION):
        raise PermissionDenied
    form = ResidentLookupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        resident = (
            get_user_model()
            .objects.filter(
                email__iexact=form.cleaned_data["email"], is_staff=False, is_active=True
            )
            .first()
        )
        if resident is None:
            form.add_error("email", _("No resident has this email address."))
        else:
            with transaction.atomic():
                log_agent_read(
                    agent=request.user,
                    resident=resident,
                    what=_("Identity, to file a request on their behalf"),
                    purpose=form.cleaned_data["reason"],
                )
            request.session["assisted_resident"] = resident.pk
            return redirect("service_requests_admin:assisted_file")
    return _render(
        request,
        "assisted_lookup.html",
        _("File a request for a resident"),
        {"form": form},
    )


def assisted_file(request):
    """Fill a service's form for the resident looked up, with the channel used."""
    if not request.user.has_perm(ADD_PERMISSION):
        raise PermissionDenied
    resident_pk = request.session.get("assisted_resident")
    if resident_pk is None:
        return redirect("service_requests_admin:assisted_lookup")
    resident = get_object_or_404(get_user_model(), pk=resident_pk)
    services = _agent_services(request.user).filter(
        is_active=True, mode=Service.Mode.ONLINE_REQUEST
    )
    service = None
    if slug := request.GET.get("service") or request.POST.get("service"):
        service = services.filter(slug=slug).first()
        if service is None:
            raise Http404
    start_form = AssistedRequestStartForm(request.POST or None)
    form = None
    if service is not None:
        form = ServiceRequestForm(
            request.POST or None,
            request.FILES or None,
            service=service,
            resident=resident,
        )
        if request.method == "POST" and start_form.is_valid() and form.is_valid():
            service_request = actions.do_file_request(
                resident=resident,
                service=service,
                data=form.answers(),
                uploads=form.uploads,
                acting_user=request.user,
                channel=start_form.cleaned_data["channel"],
            )
            del request.session["assisted_resident"]
            messages.success(
                request,
                _("Request %(reference)s filed for the resident.")
                % {
                    "reference": ServiceRequest.objects.get(
                        pk=service_request.pk
                    ).reference
                },
            )
            return redirect("service_requests_admin:process", service_request.pk)
    return _render(
        request,
        "assisted_file.html",
        _("File a request for a resident"),
        {
            "resident": resident,
            "services": services,
            "service": service,
            "form": form,
            "start_form": start_form,
        },
    )


class ServiceRequestViewSet(ModelViewSet):
    """Agents' list of requests, with the processing screens next to it."""

    model = ServiceRequest
    icon = "form"
    menu_label = gettext_lazy("Requests")
    menu_order = 150
    add_to_admin_menu = True
    url_prefix = "requests"
    name = "service_requests_admin"
    index_view_class = ServiceRequestIndexView
    filterset_class = ServiceRequestFilterSet
    list_display = [
        "reference",
        "service",
        "status",
        "submitted_at",
        "assignee",
    ]
    ordering = ["-submitted_at"]
    # Each cell of Wagtail's listing is a rendered template: 25 rows keep the page quick.
    list_per_page = 25
    copy_view_enabled = False
    form_fields = ["assignee"]

    def register_reference_index(self):
        # Requests hold no references worth indexing, and there are millions of them.
        pass

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("<int:pk>/", process, name="process"),
            path("<int:pk>/take/", take, name="take"),
            path("<int:pk>/status/", change_status, name="change_status"),
            path("<int:pk>/messages/", post_message, name="post_message"),
            path(
                "<int:pk>/documents/<int:attachment_pk>/",
                attachment,
                name="attachment",
            ),
            path("assisted/", assisted_lookup, name="assisted_lookup"),
            path("assisted/file/", assisted_file, name="assisted_file"),
        ]


class RequestsSummaryPanel(Component):
    """Dashboard panel: the organisation's open requests by status and age."""

    name = "service_requests_summary"
    order = 50
    template_name = "service_requests/admin/summary_panel.html"

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context):
        requests = agent_requests(self.request.user)
        return {
            "summary": selectors.backoffice_summary(requests),
            "index_url": reverse("service_requests_admin:index"),
        }

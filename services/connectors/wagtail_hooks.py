"""Back office: connectors (run now), import reports, webhook endpoints (send a test
event) and the delivery log, each limited to the agent's organisation."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail import hooks
from wagtail.admin.views import generic
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import ListingButton

from services.api.wagtail_hooks import ApiViewSet

from . import tasks
from .importers import run_connector
from .models import Connector, ImportReport, WebhookDelivery, WebhookEndpoint

ORGANISATION_PATHS = {
    Connector: "source__organisation_id",
    ImportReport: "connector__source__organisation_id",
    WebhookEndpoint: "organisation_id",
    WebhookDelivery: "endpoint__organisation_id",
}


def scoped(model, user):
    """Objects of ``model`` the agent may see: their organisation's."""
    queryset = model.objects.all()
    if not user.is_superuser:
        queryset = queryset.filter(**{ORGANISATION_PATHS[model]: user.organisation_id})
    return queryset


class _Scoped:
    def get_base_queryset(self):
        return scoped(self.model, self.request.user)

    def get_object(self, queryset=None):
        try:
            return scoped(self.model, self.request.user).get(pk=int(self.kwargs["pk"]))
        except (self.model.DoesNotExist, ValueError):
            raise Http404 from None


def _scoped_views(name: str) -> dict:
    return {
        f"{kind}_view_class": type(f"{name}{kind.title()}View", (_Scoped, base), {})
        for kind, base in {
            "index": generic.IndexView,
            "edit": generic.EditView,
            "delete": generic.DeleteView,
            "inspect": generic.InspectView,
        }.items()
    }


class ConnectorIndexView(_Scoped, generic.IndexView):
    def get_list_more_buttons(self, instance):
        return [
            *super().get_list_more_buttons(instance),
            ListingButton(
                _("Run now"),
                url=reverse("connectors:run", args=[instance.pk]),
                icon_name="resubmit",
                attrs={"data-action": "run"},
                priority=5,
            ),
        ]


class ConnectorViewSet(ModelViewSet):
    """Pull imports into the organisation's data sources."""

    model = Connector
    icon = "download"
    menu_label = gettext_lazy("Connectors")
    url_prefix = "connectors"
    name = "connectors"
    copy_view_enabled = False
    inspect_view_enabled = True
    list_display = [
        "name",
        "kind",
        "source",
        "every_minutes",
        "next_run_at",
        "is_active",
    ]
    list_filter = ["kind", "is_active"]
    form_fields = ["name", "kind", "source", "config", "every_minutes", "is_active"]
    locals().update(_scoped_views("Connector"))
    index_view_class = ConnectorIndexView

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("<int:pk>/run/", run_now, name="run"),
        ]


@require_POST
def run_now(request, pk: int):
    connector = get_object_or_404(scoped(Connector, request.user), pk=pk)
    reports = run_connector(connector)
    for report in reports:
        level = (
            messages.SUCCESS
            if report.status == ImportReport.Status.SUCCEEDED
            else messages.ERROR
        )
        messages.add_message(
            request,
            level,
            _("%(origin)s: %(status)s, %(created)s created, %(waiting)s waiting.")
            % {
                "origin": report.origin or connector.name,
                "status": report.get_status_display(),
                "created": report.created,
                "waiting": report.waiting,
            },
        )
    return redirect("import_reports:index")


class ImportReportViewSet(ModelViewSet):
    """What each run imported, and every bad line of a rejected file."""

    model = ImportReport
    icon = "doc-full"
    menu_label = gettext_lazy("Import reports")
    url_prefix = "import-reports"
    name = "import_reports"
    add_to_admin_menu = False
    copy_view_enabled = False
    inspect_view_enabled = True
    list_display = [
        "connector",
        "started_at",
        "status",
        "origin",
        "received",
        "created",
        "updated",
        "waiting",
    ]
    list_filter = ["status", "connector"]
    inspect_view_fields = [
        "connector",
        "origin",
        "started_at",
        "finished_at",
        "status",
        "received",
        "created",
        "updated",
        "waiting",
        "message",
        "errors",
    ]
    form_fields = ["message"]
    locals().update(_scoped_views("ImportReport"))


class WebhookEndpointIndexView(_Scoped, generic.IndexView):
    def get_list_more_buttons(self, instance):
        return [
            *super().get_list_more_buttons(instance),
            ListingButton(
                _("Send a test event"),
                url=reverse("webhook_endpoints:test", args=[instance.pk]),
                icon_name="mail",
                priority=5,
            ),
        ]


class WebhookEndpointViewSet(ModelViewSet):
    """Addresses of the organisation's systems that receive signed events."""

    model = WebhookEndpoint
    icon = "link-external"
    menu_label = gettext_lazy("Webhooks")
    url_prefix = "webhooks"
    name = "webhook_endpoints"
    copy_view_enabled = False
    inspect_view_enabled = True
    list_display = ["url", "organisation", "is_active", "created_at"]
    form_fields = ["organisation", "url", "event_types", "is_active"]
    inspect_view_fields = ["url", "organisation", "event_types", "secret", "is_active"]
    locals().update(_scoped_views("WebhookEndpoint"))
    index_view_class = WebhookEndpointIndexView

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("<int:pk>/test/", send_test, name="test"),
        ]


@require_POST
def send_test(request, pk: int):
    endpoint = get_object_or_404(scoped(WebhookEndpoint, request.user), pk=pk)
    delivery = tasks.send_test_event(endpoint=endpoint)
    messages.success(
        request,
        _("Test event queued: see its delivery %(id)s in the delivery log.")
        % {"id": delivery.event_id},
    )
    return redirect("webhook_deliveries:index")


class WebhookDeliveryViewSet(ModelViewSet):
    """The delivery log: every event, its attempts and the answers received."""

    model = WebhookDelivery
    icon = "list-ul"
    menu_label = gettext_lazy("Webhook deliveries")
    url_prefix = "webhook-deliveries"
    name = "webhook_deliveries"
    copy_view_enabled = False
    inspect_view_enabled = True
    list_display = [
        "event_type",
        "endpoint",
        "status",
        "attempts",
        "last_status_code",
        "created_at",
        "next_attempt_at",
    ]
    list_filter = ["status", "event_type"]
    form_fields = ["status"]
    inspect_view_fields = [
        "event_id",
        "event_type",
        "endpoint",
        "status",
        "attempts",
        "last_status_code",
        "last_error",
        "created_at",
        "delivered_at",
        "next_attempt_at",
        "payload",
    ]
    locals().update(_scoped_views("WebhookDelivery"))


class IntegrationGroup(ViewSetGroup):
    """The back office's "Integration" menu."""

    menu_label = gettext_lazy("Integration")
    menu_icon = "cogs"
    menu_order = 900
    items = (
        ApiViewSet,
        ConnectorViewSet,
        ImportReportViewSet,
        WebhookEndpointViewSet,
        WebhookDeliveryViewSet,
    )


@hooks.register("register_admin_viewset")
def register_integration_viewsets():
    return IntegrationGroup()

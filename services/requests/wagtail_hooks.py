"""Back office: the requests of the agent's organisation, the dashboard panel and our
fixes to the admin's styles."""

from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks

from .backoffice import RequestsSummaryPanel, ServiceRequestViewSet


@hooks.register("register_admin_viewset")
def register_request_viewset():
    return ServiceRequestViewSet()


@hooks.register("construct_homepage_panels")
def add_requests_summary(request, panels):
    if request.user.is_superuser or request.user.organisation_id:
        panels.append(RequestsSummaryPanel(request))


@hooks.register("insert_global_admin_css")
def add_backoffice_css():
    return format_html(
        '<link rel="stylesheet" href="{}">', static("service_requests/backoffice.css")
    )

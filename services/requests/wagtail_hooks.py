"""Back office: the requests of the agent's organisation and the dashboard panel."""

from wagtail import hooks

from .backoffice import RequestsSummaryPanel, ServiceRequestViewSet


@hooks.register("register_admin_viewset")
def register_request_viewset():
    return ServiceRequestViewSet()


@hooks.register("construct_homepage_panels")
def add_requests_summary(request, panels):
    if request.user.is_superuser or request.user.organisation_id:
        panels.append(RequestsSummaryPanel(request))

"""Back office: services and their request forms, for the agents of their owner."""

from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.admin.views import generic
from wagtail.admin.views.generic import history, usage
from wagtail.admin.viewsets.model import ModelViewSet

from .admin_forms import ServiceAdminForm
from .models import Service


def services_for(user):
    """Services an agent may see in the back office: their organisation's."""
    services = Service.objects.select_related("owner")
    if user.is_superuser:
        return services
    return services.filter(owner_id=user.organisation_id)


class _ScopedToOrganisation:
    """Objects limited to the agent's organisation; 404 for the others."""

    def get_object(self, queryset=None):
        try:
            return services_for(self.request.user).get(pk=int(self.kwargs["pk"]))
        except (Service.DoesNotExist, ValueError):
            raise Http404 from None


class ServiceIndexView(generic.IndexView):
    def get_base_queryset(self):
        return services_for(self.request.user)


class ServiceEditView(_ScopedToOrganisation, generic.EditView):
    pass


class ServiceDeleteView(_ScopedToOrganisation, generic.DeleteView):
    pass


class ServiceHistoryView(_ScopedToOrganisation, history.HistoryView):
    pass


class ServiceUsageView(_ScopedToOrganisation, usage.UsageView):
    pass


class ServiceViewSet(ModelViewSet):
    """Services of the agent's organisation, with the form agents edit without code."""

    model = Service
    icon = "list-ul"
    menu_label = _("Services")
    menu_order = 160
    add_to_admin_menu = True
    url_prefix = "services"
    name = "catalogue_services"
    index_view_class = ServiceIndexView
    edit_view_class = ServiceEditView
    delete_view_class = ServiceDeleteView
    history_view_class = ServiceHistoryView
    usage_view_class = ServiceUsageView
    copy_view_enabled = False
    list_display = ["title_fr", "owner", "mode", "is_active"]
    list_filter = ["mode", "is_active"]
    search_fields = ["title_fr", "title_en", "slug"]
    panels = [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("title_fr"), FieldPanel("title_en")]),
                FieldRowPanel([FieldPanel("summary_fr"), FieldPanel("summary_en")]),
                FieldPanel("slug"),
                FieldPanel("owner"),
                FieldPanel("is_active"),
            ],
            heading=_("Service"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("life_stages"),
                FieldPanel("themes"),
                FieldPanel("communes"),
            ],
            heading=_("Audience"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("mode"),
                FieldPanel("external_url"),
                FieldPanel("processing_days"),
                FieldPanel("reference_prefix"),
                FieldRowPanel(
                    [
                        FieldPanel("documents_required_fr"),
                        FieldPanel("documents_required_en"),
                    ]
                ),
            ],
            heading=_("How it works"),
        ),
        InlinePanel(
            "form_fields",
            heading=_("Request form"),
            label=_("Question"),
            panels=[
                FieldRowPanel([FieldPanel("label_fr"), FieldPanel("label_en")]),
                FieldRowPanel([FieldPanel("help_text_fr"), FieldPanel("help_text_en")]),
                FieldRowPanel(
                    [FieldPanel("kind"), FieldPanel("required"), FieldPanel("name")]
                ),
                FieldPanel("choices"),
                FieldPanel("profile_field"),
                FieldRowPanel(
                    [FieldPanel("allowed_file_types"), FieldPanel("max_size_mb")]
                ),
            ],
        ),
    ]

    def get_edit_handler(self):
        handler = super().get_edit_handler()
        handler.base_form_class = ServiceAdminForm
        return handler


@hooks.register("register_admin_viewset")
def register_service_viewset():
    return ServiceViewSet()

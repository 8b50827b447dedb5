"""Resident pages of the digital counter (mounted under the language prefix)."""

from django.urls import path

from . import views

app_name = "service_requests"

urlpatterns = [
    path("services/online/", views.online_services, name="online_services"),
    path("services/<slug:slug>/apply/", views.apply, name="apply"),
    path("requests/", views.my_requests, name="list"),
    path("requests/<int:pk>/", views.detail, name="detail"),
    path("requests/<int:pk>/draft/", views.edit_draft, name="edit_draft"),
    path("requests/<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path(
        "requests/<int:pk>/documents/<int:attachment_pk>/",
        views.attachment,
        name="attachment",
    ),
    path("notifications/", views.notifications, name="notifications"),
]

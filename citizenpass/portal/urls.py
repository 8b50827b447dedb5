"""Resident pages, under the language prefix (``/fr/my-data/`` …)."""

from django.urls import path

from citizenpass.portal import views

app_name = "portal"

urlpatterns = [
    path("my-data/", views.dashboard, name="dashboard"),
    path(
        "my-data/verify-email/", views.verify_email_notice, name="verify_email_notice"
    ),
    path("my-data/timeline/", views.timeline, name="timeline"),
    path("my-data/records/<int:record_id>/", views.record_detail, name="record_detail"),
    path("my-data/<slug:domain>/", views.domain_records, name="domain_records"),
    path("acting-for/", views.start_acting_for, name="start_acting_for"),
    path("acting-for/stop/", views.stop_acting_for, name="stop_acting_for"),
    path("family/", views.family, name="family"),
    path(
        "family/invitations/<str:token>/",
        views.accept_invitation,
        name="accept_invitation",
    ),
    path("mandates/", views.mandates, name="mandates"),
    path(
        "mandates/invitations/<str:token>/", views.mandate_offer, name="mandate_offer"
    ),
    path(
        "mandates/<int:mandate_id>/revoke/", views.revoke_mandate, name="revoke_mandate"
    ),
    path("access-log/", views.access_log, name="access_log"),
]

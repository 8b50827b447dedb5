"""The resident's security area, under /<lang>/account/ next to allauth's pages."""

from django.urls import path

from citizenpass.accounts import views

urlpatterns = [
    path(
        "two-factor/authenticate/",
        views.authenticate_login_stage,
        name="account_two_factor_authenticate",
    ),
    path(
        "two-factor/verify/",
        views.verify_second_factor,
        name="account_two_factor_verify",
    ),
    path("two-factor/setup/", views.setup_two_factor, name="account_two_factor_setup"),
    path(
        "two-factor/disable/",
        views.disable_two_factor,
        name="account_two_factor_disable",
    ),
    path("security/", views.security_overview, name="account_security"),
    path("security/sessions/", views.active_sessions, name="account_sessions"),
    path("delete/", views.delete_account, name="account_delete"),
    path("deleted/", views.account_deleted, name="account_deleted"),
]

"""Resident pages of the integration module (under the language prefix)."""

from django.urls import path

from . import pairing_views

app_name = "api_pairing"

urlpatterns = [path("account/pairing/", pairing_views.pair, name="pair")]

"""Resident pages of the data download (mounted under the language prefix)."""

from django.urls import path

from citizenpass.exports import views

app_name = "exports"

urlpatterns = [
    path("", views.export_page, name="page"),
    path("json/", views.export_json, name="json"),
    path("<int:pk>/status.json", views.export_status, name="status"),
    path("<int:pk>/retry/", views.export_retry, name="retry"),
    path("download/<str:token>/", views.download, name="download"),
]

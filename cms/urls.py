"""Public-content views that are not Wagtail pages: search, the resident's commune."""

from django.urls import path

from cms.personal.views import choose_commune
from cms.search.views import search

app_name = "cms"
urlpatterns = [
    path("search/", search, name="search"),
    path("my-commune/", choose_commune, name="choose_commune"),
]

"""The URLs an API response is finished with (set as ``request.urlconf``).

Without it, ``LocaleMiddleware`` would turn every API 404 into a redirect to a
language-prefixed path (Wagtail's catch-all makes every such path look valid), and
``CommonMiddleware`` would try the path with a slash: an API client must get its 404.
"""

from django.urls import include, path

urlpatterns = [path("api/v1/", include("services.api.urls"))]

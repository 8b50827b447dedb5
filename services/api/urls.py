"""``/api/v1/``: the API, its OpenAPI document (``openapi.json``) and docs (``docs``)."""

from .endpoints import api

urlpatterns = api.urls[0]
app_name = api.urls_namespace

"""The portal's URLs plus the bare view every page timing is compared with."""

from django.http import HttpResponse
from django.urls import path

from citizenpass.urls import urlpatterns as portal_urlpatterns


def minimal(request):
    """A bare Django view: the baseline of every page benchmark."""
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bench/minimal", minimal), *portal_urlpatterns]

"""The demo seeds services in several communes and requests at each stage, once."""

import pytest

from citizenpass.demo.seeding import seed_all
from services.catalogue.models import Service
from services.requests.models import RequestStatus, ServiceRequest

pytestmark = pytest.mark.django_db


def test_demo_services_and_requests_are_seeded_once():
    seed_all()
    services, requests = Service.objects.count(), ServiceRequest.objects.count()
    seed_all()
    assert Service.objects.count() == services >= 16
    assert ServiceRequest.objects.count() == requests == 4
    assert set(ServiceRequest.objects.values_list("status", flat=True)) == {
        RequestStatus.SUBMITTED,
        RequestStatus.IN_REVIEW,
        RequestStatus.WAITING_RESIDENT,
        RequestStatus.CLOSED,
    }

"""Schemathesis against ``/api/v1/openapi.json``, in-process: zero server errors."""

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings

from citizenpass.records.models import DataSource
from services.api.models import Scope

from .factories import make_commune, make_source, make_token, pair

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())


@pytest.fixture
def keep_test_connection():
    """The WSGI app closes connections after each request; the test's must stay."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def fuzz_token(db, keep_test_connection):
    commune = make_commune()
    source = make_source(commune, slug="water")
    pair(commune, "C-1")
    assert DataSource.objects.filter(slug="water").exists()
    return make_token(
        commune, scopes=list(Scope.values), calls_per_minute=10**6
    ), source


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=15,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
def test_the_api_never_answers_a_server_error(case, fuzz_token):
    secret, _source = fuzz_token
    response = case.call(headers={"Authorization": f"Bearer {secret}"})
    assert response.status_code < 500, (
        f"{case.method} {case.formatted_path} → {response.status_code}: "
        f"{response.text[:500]}"
    )

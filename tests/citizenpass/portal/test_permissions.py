"""Every portal URL with an object id answers 404 to anyone not entitled."""

import pytest
from django.urls import reverse

from citizenpass.records.models import AccessEvent
from tests.support.logins import log_in

pytestmark = pytest.mark.django_db

ROUTES_WITH_IDS = {"record_detail", "revoke_mandate"}


def test_the_matrix_covers_every_portal_route_that_takes_an_id():
    from citizenpass.portal import urls

    with_ids = {
        pattern.name
        for pattern in urls.urlpatterns
        if "<int:" in str(pattern.pattern) or "<str:" in str(pattern.pattern)
    }
    # Invitation tokens are signed: a forged or finished one is a 404, and only the
    # invited address can accept (test_mandates.py).
    assert with_ids - {"accept_invitation", "mandate_offer"} == ROUTES_WITH_IDS


# viewer -> {object: expected status}
RECORD_MATRIX = [
    ("resident", "water_record", 200),
    ("resident", "culture_record", 200),
    ("resident", "minor_record", 404),
    ("other", "water_record", 404),
    ("other", "minor_record", 404),
    ("guardian", "minor_record", 200),
    ("guardian", "water_record", 404),
    ("helper_water", "water_record", 200),
    ("helper_water", "culture_record", 404),
    ("helper_water", "minor_record", 404),
    ("helper_culture_only", "water_record", 404),
    ("helper_culture_only", "culture_record", 200),
    ("agent", "water_record", 404),
    ("agent", "minor_record", 404),
]


@pytest.mark.parametrize(("viewer", "obj", "status"), RECORD_MATRIX)
def test_record_detail_matrix(client, world, viewer, obj, status):
    log_in(client, getattr(world, viewer))
    record = getattr(world, obj)
    response = client.get(reverse("portal:record_detail", args=[record.pk]))
    assert response.status_code == status


def test_a_missing_record_is_404(client, world):
    log_in(client, world.resident)
    assert client.get(reverse("portal:record_detail", args=[999999])).status_code == 404


@pytest.mark.parametrize(
    ("viewer", "status"),
    [
        ("resident", 302),
        ("other", 404),
        ("guardian", 404),
        ("helper_water", 404),
        ("helper_culture_only", 404),
        ("agent", 404),
    ],
)
def test_revoke_mandate_matrix(client, world, viewer, status):
    log_in(client, getattr(world, viewer))
    response = client.post(reverse("portal:revoke_mandate", args=[world.mandate.pk]))
    assert response.status_code == status
    world.mandate.refresh_from_db()
    assert (world.mandate.revoked_at is not None) == (status == 302)


@pytest.mark.parametrize(
    ("viewer", "subject", "status"),
    [
        ("helper_water", "resident", 302),
        ("guardian", "minor", 302),
        ("other", "resident", 404),
        ("agent", "resident", 404),
        ("guardian", "resident", 404),
        ("resident", "minor", 404),
    ],
)
def test_acting_for_matrix(client, world, viewer, subject, status):
    log_in(client, getattr(world, viewer))
    response = client.post(
        reverse("portal:start_acting_for"), {"resident": getattr(world, subject).pk}
    )
    assert response.status_code == status


def test_helper_sees_only_mandated_domains_while_acting(client, world):
    log_in(client, world.helper_water)
    client.post(reverse("portal:start_acting_for"), {"resident": world.resident.pk})
    assert (
        client.get(reverse("portal:domain_records", args=["water"])).status_code == 200
    )
    assert (
        client.get(reverse("portal:domain_records", args=["culture"])).status_code
        == 404
    )
    dashboard = client.get(reverse("portal:dashboard")).content.decode()
    assert "Rose" in dashboard
    assert reverse("portal:domain_records", args=["culture"]) not in dashboard


def test_each_read_by_a_helper_is_in_the_resident_access_log(client, world):
    log_in(client, world.helper_water)
    client.post(reverse("portal:start_acting_for"), {"resident": world.resident.pk})
    client.get(reverse("portal:dashboard"))
    client.get(reverse("portal:domain_records", args=["water"]))
    client.get(reverse("portal:record_detail", args=[world.water_record.pk]))
    events = AccessEvent.objects.filter(resident=world.resident).order_by("sequence")
    assert [e.role for e in events] == ["helper"] * 3
    assert all(e.actor_id == world.helper_water.pk for e in events)
    log_in(client, world.resident)
    page = client.get(reverse("portal:access_log")).content.decode()
    assert "Helper" in page


def test_the_resident_reading_their_own_data_writes_no_access_event(client, world):
    log_in(client, world.resident)
    client.get(reverse("portal:dashboard"))
    client.get(reverse("portal:record_detail", args=[world.water_record.pk]))
    assert not AccessEvent.objects.exists()


def test_a_revoked_mandate_sends_the_helper_back_to_their_own_data(client, world):
    log_in(client, world.helper_water)
    client.post(reverse("portal:start_acting_for"), {"resident": world.resident.pk})
    world.mandate.revoked_at = world.mandate.created_at
    world.mandate.save()
    page = client.get(reverse("portal:dashboard")).content.decode()
    assert "Rose" not in page
    assert (
        client.get(
            reverse("portal:record_detail", args=[world.water_record.pk])
        ).status_code
        == 404
    )


def test_unverified_email_is_sent_to_the_notice(client, world):
    from allauth.account.models import EmailAddress

    log_in(client, world.resident)
    EmailAddress.objects.filter(user=world.resident).update(verified=False)
    response = client.get(reverse("portal:dashboard"))
    assert response.status_code == 302
    assert response["Location"] == reverse("portal:verify_email_notice")
    response = client.get(reverse("portal:record_detail", args=[world.water_record.pk]))
    assert response["Location"] == reverse("portal:verify_email_notice")


def test_anonymous_visitors_are_sent_to_sign_in(client, world):
    response = client.get(reverse("portal:dashboard"))
    assert response.status_code == 302
    assert "/account/login/" in response["Location"]

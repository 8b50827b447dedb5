"""Personal touch: the resident's commune and household stages come first on the home page."""

import datetime

import pytest
from django.utils import timezone

from citizenpass.accounts.models import User
from citizenpass.organisations.models import Organisation
from citizenpass.records.models import Relationship
from cms.models import ResidentCommune
from cms.personal.actions import set_resident_commune
from cms.personal.household import audience_stage, household_life_stages
from tests.support.logins import log_in

pytestmark = pytest.mark.django_db


def _resident(email="resident@example.org", birth_date=None):
    return User.objects.create_user(
        email=email, password="x" * 16, birth_date=birth_date
    )


def _years_ago(years: int) -> datetime.date:
    today = timezone.localdate()
    return today.replace(year=today.year - years) - datetime.timedelta(days=30)


@pytest.mark.parametrize(
    ("age", "stage"),
    [
        (0, "early_childhood"),
        (3, "school"),
        (14, "school"),
        (15, "youth"),
        (26, "adult"),
        (62, "senior"),
    ],
)
def test_audience_stage_follows_age(age, stage):
    today = datetime.date(2026, 11, 23)
    assert audience_stage(datetime.date(2026 - age, 1, 1), today) == stage


def test_anonymous_home_is_the_same_for_everyone(client, public_site):
    response = client.get("/fr/")
    assert response.context["commune"] is None
    assert response.context["commune_form"] is None


def test_resident_sees_the_services_of_their_commune_first(client, public_site):
    resident = _resident()
    set_resident_commune(
        resident=resident, commune=Organisation.objects.get(slug="villeurbanne")
    )
    html = log_in(client, resident).get("/fr/").content.decode()
    assert [p.title for p in client.get("/fr/").context["commune_services"]] == [
        "Place en crèche"
    ]
    assert html.index("Place en crèche") < html.index("Badge de déchèterie")


def test_guides_of_the_household_stages_come_first(client, public_site):
    parent = _resident(birth_date=_years_ago(34))
    baby = _resident("baby@example.org", birth_date=_years_ago(1))
    Relationship.objects.create(guardian=parent, minor=baby)
    assert household_life_stages(parent) == ["early_childhood", "adult"]
    response = log_in(client, parent).get("/fr/")
    first = response.context["guides"][0]
    assert first.title == "Une naissance"
    assert first.for_household
    assert "card--highlight" in response.content.decode()


def test_choosing_a_commune_saves_it_and_goes_back(client, public_site):
    resident = _resident()
    response = log_in(client, resident).post(
        "/fr/my-commune/", {"commune": "lyon", "next": "/fr/demarches/"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/fr/demarches/"
    assert ResidentCommune.objects.get(resident=resident).commune.slug == "lyon"


def test_choosing_an_unknown_commune_changes_nothing(client, public_site):
    resident = _resident()
    response = log_in(client, resident).post(
        "/fr/my-commune/",
        {"commune": "sytral-mobilites", "next": "https://evil.example/"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/fr/"
    assert not ResidentCommune.objects.exists()


def test_anonymous_visitor_cannot_choose_a_commune(client, public_site):
    response = client.post("/fr/my-commune/", {"commune": "lyon"})
    assert response.status_code == 302
    assert "/account/login/" in response["Location"]
    assert not ResidentCommune.objects.exists()


def test_only_a_commune_can_be_a_place_of_residence(public_site):
    with pytest.raises(ValueError):
        set_resident_commune(
            resident=_resident(),
            commune=Organisation.objects.get(slug="eau-du-grand-lyon"),
        )


def test_a_kept_home_shows_a_chosen_commune_and_a_new_child_at_once(
    client, public_site
):
    parent = _resident(birth_date=_years_ago(34))
    log_in(client, parent)
    client.get("/fr/")  # sets the CSRF cookie the kept page is tied to
    page = client.get("/fr/").content.decode()
    kept = client.get("/fr/")
    assert kept.context is None and kept.content.decode() == page  # not rendered

    set_resident_commune(  # chosen in another browser: no message waiting here
        resident=parent, commune=Organisation.objects.get(slug="villeurbanne")
    )
    assert client.get("/fr/").context["commune"].slug == "villeurbanne"

    Relationship.objects.create(
        guardian=parent,
        minor=_resident("baby@example.org", birth_date=_years_ago(1)),
    )
    assert client.get("/fr/").context["guides"][0].title == "Une naissance"

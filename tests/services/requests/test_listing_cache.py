"""The agents' list is kept rendered, and every change it shows is seen at once.

These tests commit for real (``transaction=True``): the versions the cached list depends
on move when a change commits, as in production.
"""

import pytest
from django.contrib import messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.db import connection
from django.http import HttpResponse
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from django.utils.html import escape

from services.requests import actions
from services.requests.models import RequestStatus, agent_status_label
from tests.support.logins import log_in

from .factories import make_agent, make_commune, make_resident, make_service

pytestmark = pytest.mark.django_db(transaction=True)

LIST_URL = "/backoffice/requests/"


def _file(service):
    resident = make_resident()
    service_request = actions.do_file_request(
        resident=resident,
        service=service,
        data={"last_name": "Martin"},
        uploads=[],
        acting_user=resident,
    )
    service_request.refresh_from_db()
    return service_request


@pytest.fixture
def lyon():
    commune = make_commune("lyon")
    service = make_service(commune, slug="parking", with_file=False)
    return {
        "commune": commune,
        "service": service,
        "request": _file(service),
        "agent": make_agent(commune),
    }


def _list(client, **headers) -> tuple[str, int]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(LIST_URL, headers=headers)
    assert response.status_code == 200
    return response.content.decode(), len(queries)


def _warm(client) -> str:
    """Views the list until it is served from the cache (the first view sets the CSRF
    cookie the cached page is tied to); the page as cached."""
    _list(client)
    page, _queries = _list(client)
    return page


def test_an_unchanged_list_is_served_again_without_a_query(client, lyon):
    log_in(client, lyon["agent"])
    page = _warm(client)
    again, queries = _list(client)
    assert queries == 0
    assert again == page
    assert lyon["request"].reference in again


def test_a_status_changed_by_a_colleague_shows_at_once(client, lyon):
    with translation.override("fr"):
        in_review = f"<td>{escape(agent_status_label(RequestStatus.IN_REVIEW))}</td>"
    log_in(client, lyon["agent"])
    assert in_review not in _warm(client)
    actions.do_change_status(
        request=lyon["request"],
        to_status=RequestStatus.IN_REVIEW,
        comment="",
        acting_user=make_agent(lyon["commune"]),
    )
    page, queries = _list(client)
    assert queries > 0
    assert in_review in page


def test_a_new_request_shows_at_once(client, lyon):
    log_in(client, lyon["agent"])
    _warm(client)
    new_request = _file(lyon["service"])
    page, _queries = _list(client)
    assert new_request.reference in page


def test_a_renamed_service_shows_at_once(client, lyon):
    log_in(client, lyon["agent"])
    _warm(client)
    lyon["service"].title_fr = "Stationnement résidentiel"
    lyon["service"].save()
    page, _queries = _list(client)
    assert "Stationnement résidentiel" in page


def test_a_request_of_another_organisation_does_not_change_the_list(client, lyon):
    bron_service = make_service(make_commune("bron"), with_file=False)
    log_in(client, lyon["agent"])
    page = _warm(client)
    _file(bron_service)
    again, queries = _list(client)
    assert (again, queries) == (page, 0)


def test_an_agent_removed_from_their_group_loses_the_list_at_once(client, lyon):
    log_in(client, lyon["agent"])
    _warm(client)
    lyon["agent"].groups.clear()
    response = client.get(LIST_URL)
    assert response.status_code != 200
    assert lyon["request"].reference not in response.content.decode()


def test_each_agent_and_language_has_their_own_page(client, lyon):
    colleague = make_agent(lyon["commune"])
    colleague.first_name, colleague.last_name = "Noor", "Benali"
    colleague.save()
    log_in(client, lyon["agent"])
    _warm(client)
    log_in(client, colleague)
    page = _warm(client)
    assert "Noor" in page  # the sidebar's account menu is the colleague's
    english, _queries = _list(client, accept_language="en")
    assert "Requests of your organisation" not in page
    assert "Requests of your organisation" in english


def test_a_waiting_message_is_shown_not_a_cached_page(client, lyon):
    log_in(client, lyon["agent"])
    _warm(client)
    storage = CookieStorage(RequestFactory().get("/"))
    storage.add(messages.SUCCESS, "Demande clôturée par un collègue.")
    response = HttpResponse()
    storage.update(response)
    client.cookies[storage.cookie_name] = response.cookies[storage.cookie_name].value
    page, queries = _list(client)
    assert "Demande clôturée par un collègue." in page
    assert queries > 0


def test_a_residents_draft_leaves_the_list_as_it_is(client, lyon):
    log_in(client, lyon["agent"])
    page = _warm(client)
    resident = make_resident()
    draft = actions.do_file_request(
        resident=resident,
        service=lyon["service"],
        data={"last_name": "Martin"},
        uploads=[],
        acting_user=resident,
        submit=False,
    )
    actions.do_update_draft(
        service_request=draft,
        data={"last_name": "Martin-Durand"},
        uploads=[],
        acting_user=resident,
    )
    assert _list(client) == (page, 0)
    actions.do_submit_request(service_request=draft, acting_user=resident)
    draft.refresh_from_db()
    assert draft.reference in _list(client)[0]


def test_a_folded_sidebar_is_drawn_folded(client, lyon):
    log_in(client, lyon["agent"])
    _warm(client)
    client.cookies["wagtail_sidebar_collapsed"] = "1"
    page, queries = _list(client)
    assert queries > 0
    assert "sidebar-collapsed" in page

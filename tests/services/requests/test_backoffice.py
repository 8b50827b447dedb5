"""Back office: agents see and handle only their organisation's requests."""

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from citizenpass.records.models import AccessEvent
from services.requests import actions
from services.requests.models import RequestStatus, ServiceRequest
from tests.support.logins import log_in

from .factories import PDF_BYTES, make_agent, make_commune, make_resident, make_service

pytestmark = pytest.mark.django_db


def _file_request(service, resident, with_file=True):
    uploads = []
    if with_file:
        uploads = [
            actions.CheckedUpload(
                "proof", SimpleUploadedFile("proof.pdf", PDF_BYTES), "application/pdf"
            )
        ]
    return actions.do_file_request(
        resident=resident,
        service=service,
        data={"last_name": "Martin"},
        uploads=uploads,
        acting_user=resident,
    )


@pytest.fixture
def world():
    lyon, bron = make_commune("lyon"), make_commune("bron")
    service = make_service(lyon, slug="parking")
    resident = make_resident(last_name="Martin")
    return {
        "lyon": lyon,
        "bron": bron,
        "service": service,
        "resident": resident,
        "request": _file_request(service, resident),
        "agent": make_agent(lyon),
        "other_agent": make_agent(bron),
    }


def test_an_agent_lists_only_their_organisations_requests(client, world):
    bron_request = _file_request(make_service(world["bron"]), world["resident"])
    log_in(client, world["agent"])
    page = client.get(reverse("service_requests_admin:index")).content.decode()
    world["request"].refresh_from_db()
    bron_request.refresh_from_db()
    assert world["request"].reference in page
    assert bron_request.reference not in page


def test_the_list_filters_by_status(client, world):
    other = _file_request(world["service"], world["resident"])
    actions.do_take_request(service_request=other, agent=world["agent"])
    log_in(client, world["agent"])
    page = client.get(
        reverse("service_requests_admin:index"), {"status": "in_review"}
    ).content.decode()
    other.refresh_from_db()
    world["request"].refresh_from_db()
    assert other.reference in page
    assert world["request"].reference not in page


def test_opening_a_request_writes_the_access_log(client, world):
    log_in(client, world["agent"])
    url = reverse("service_requests_admin:process", args=[world["request"].pk])
    assert client.get(url).status_code == 200
    event = AccessEvent.objects.get(resident=world["resident"])
    assert event.actor == world["agent"]
    assert event.role == "agent"


def test_the_agent_reads_the_answers_under_their_questions(client, world):
    service_request = world["request"]
    # An answer to a question the service later removed from its form stays shown.
    service_request.data = {**service_request.data, "old_question": "Oui"}
    service_request.save(update_fields=["data"])
    log_in(client, world["agent"])
    page = client.get(
        reverse("service_requests_admin:process", args=[service_request.pk])
    ).content.decode()
    after_heading = page[page.index("Réponses</h2>") :]
    answers = after_heading[after_heading.index("<dl>") : after_heading.index("</dl>")]
    assert answers == "<dl><dt>Nom</dt><dd>Martin</dd><dt>old_question</dt><dd>Oui</dd>"


def test_the_agent_processes_a_request(
    client, world, django_capture_on_commit_callbacks
):
    service_request = world["request"]
    world["resident"].preferred_language = "en"
    world["resident"].save()
    log_in(client, world["agent"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("service_requests_admin:post_message", args=[service_request.pk]),
            {"body": "Less than three months old, please."},
        )
    client.post(reverse("service_requests_admin:take", args=[service_request.pk]))
    client.post(
        reverse("service_requests_admin:change_status", args=[service_request.pk]),
        {"to_status": "waiting_resident", "comment": "Send a recent proof"},
    )
    service_request.refresh_from_db()
    assert service_request.assignee == world["agent"]
    assert service_request.status == RequestStatus.WAITING_RESIDENT
    assert service_request.messages.get().from_agent
    # The email is in the resident's language and keeps the message in the account.
    service_request.refresh_from_db()
    assert (
        mail.outbox[-1].subject == f"Request {service_request.reference}: new message"
    )
    assert "Less than three months" not in mail.outbox[-1].body


def test_an_agent_downloads_a_document_and_it_is_logged(client, world):
    attachment = world["request"].attachments.get()
    log_in(client, world["agent"])
    response = client.get(
        reverse(
            "service_requests_admin:attachment",
            args=[world["request"].pk, attachment.pk],
        )
    )
    assert response.status_code == 200
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("attachment")
    assert AccessEvent.objects.filter(
        resident=world["resident"], actor=world["agent"]
    ).exists()


def test_assisted_filing_needs_a_reason_that_is_logged(client, world):
    log_in(client, world["agent"])
    lookup = reverse("service_requests_admin:assisted_lookup")
    response = client.post(lookup, {"email": world["resident"].email, "reason": ""})
    assert response.status_code == 200
    assert not AccessEvent.objects.exists()
    client.post(
        lookup,
        {"email": world["resident"].email, "reason": "Resident at the counter"},
    )
    assert AccessEvent.objects.get().purpose == "Resident at the counter"
    response = client.post(
        reverse("service_requests_admin:assisted_file"),
        {
            "service": "parking",
            "channel": "counter",
            "last_name": "Martin",
            "proof": SimpleUploadedFile("scan.pdf", PDF_BYTES),
        },
    )
    assert response.status_code == 302
    filed = world["resident"].service_requests.exclude(pk=world["request"].pk).get()
    assert (filed.channel, filed.filed_by) == ("counter", world["agent"])


def _backoffice_urls(world) -> list[tuple[str, str]]:
    """Every back-office URL that names an object of Lyon, with its method."""
    service_request = world["request"]
    attachment = service_request.attachments.get()
    pk = service_request.pk
    service_pk = world["service"].pk
    return [
        ("get", reverse("service_requests_admin:process", args=[pk])),
        ("post", reverse("service_requests_admin:take", args=[pk])),
        ("post", reverse("service_requests_admin:change_status", args=[pk])),
        ("post", reverse("service_requests_admin:post_message", args=[pk])),
        (
            "get",
            reverse("service_requests_admin:attachment", args=[pk, attachment.pk]),
        ),
        ("get", reverse("catalogue_services:edit", args=[service_pk])),
        ("post", reverse("catalogue_services:edit", args=[service_pk])),
        ("get", reverse("catalogue_services:delete", args=[service_pk])),
        ("post", reverse("catalogue_services:delete", args=[service_pk])),
        ("get", reverse("catalogue_services:history", args=[service_pk])),
        ("get", reverse("catalogue_services:usage", args=[service_pk])),
    ]


def test_every_backoffice_url_is_not_found_for_an_agent_of_another_commune(
    client, world
):
    from services.requests.groups import service_manager_group

    world["other_agent"].groups.add(service_manager_group(world["bron"]))
    log_in(client, world["other_agent"])
    for method, url in _backoffice_urls(world):
        # Outside the language prefix, Django's LocaleMiddleware turns a 404 into a
        # redirect to the prefixed address, which is a 404 too.
        response = getattr(client, method)(url, {"to_status": "accepted"}, follow=True)
        assert response.status_code == 404, (method, url, response.status_code)
    world["request"].refresh_from_db()
    assert world["request"].status == RequestStatus.SUBMITTED
    assert not AccessEvent.objects.exists()


def test_every_backoffice_url_opens_for_an_agent_of_the_commune(client, world):
    from services.requests.groups import service_manager_group

    world["agent"].groups.add(service_manager_group(world["lyon"]))
    log_in(client, world["agent"])
    for method, url in _backoffice_urls(world):
        if method == "get" and "/delete/" not in url:
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)


def test_the_other_communes_lists_do_not_show_lyons_objects(client, world):
    log_in(client, world["other_agent"])
    page = client.get(reverse("service_requests_admin:index")).content.decode()
    world["request"].refresh_from_db()
    assert world["request"].reference not in page
    page = client.get(reverse("catalogue_services:index")).content.decode()
    assert world["service"].title_fr not in page


def _index_queries(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("service_requests_admin:index"))
        assert response.status_code == 200
    return len(queries)


def test_the_backoffice_list_runs_a_constant_number_of_queries(
    client, world, django_capture_on_commit_callbacks
):
    log_in(client, world["agent"])
    _index_queries(client)  # the first request of a session records the session
    few = _index_queries(client)
    other_service = make_service(world["lyon"], with_file=False)
    # Committed changes, so that the list renders again rather than from the cache.
    with django_capture_on_commit_callbacks(execute=True):
        for number in range(10):
            service_request = _file_request(
                other_service if number % 2 else world["service"],
                make_resident(),
                with_file=False,
            )
            actions.do_take_request(
                service_request=service_request, agent=world["agent"]
            )
    assert few > 0
    assert _index_queries(client) == few


def test_the_dashboard_shows_counts(client, world):
    log_in(client, world["agent"])
    page = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Requests of your organisation" in page or "Demandes" in page


def test_a_long_list_says_its_count_is_capped_and_sorts_by_reference(
    client, world, monkeypatch
):
    from services.requests.backoffice import CappedCountPaginator

    monkeypatch.setattr(CappedCountPaginator, "CAP", 30)
    for _number in range(35):
        _file_request(world["service"], world["resident"], with_file=False)
    log_in(client, world["agent"])
    page = client.get(reverse("service_requests_admin:index")).content.decode()
    assert "Plus de 30 demandes" in page

    page = client.get(
        reverse("service_requests_admin:index"), {"ordering": "reference"}
    ).content.decode()
    first = ServiceRequest.objects.order_by("reference").first().reference
    last = ServiceRequest.objects.order_by("reference").last().reference
    assert first in page and last not in page
    assert 'aria-sort="ascending"' in page


def test_agents_read_waiting_for_the_resident_where_residents_read_waiting_for_you(
    client, world
):
    service_request = world["request"]
    actions.do_take_request(service_request=service_request, agent=world["agent"])
    actions.do_change_status(
        request=service_request,
        to_status=RequestStatus.WAITING_RESIDENT,
        comment="Merci d'envoyer un justificatif.",
        acting_user=world["agent"],
    )
    log_in(client, world["agent"])
    listing = client.get(reverse("service_requests_admin:index")).content.decode()
    screen = client.get(
        reverse("service_requests_admin:process", args=[service_request.pk])
    ).content.decode()
    for page in (listing, screen):
        assert "En attente de l&#x27;usager" in page
        assert "En attente de votre réponse" not in page

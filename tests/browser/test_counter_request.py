"""Browser journey of the digital counter: a resident and an agent, two contexts."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from services.requests.models import RequestStatus, ServiceRequest
from tests.services.requests.factories import (
    PDF_BYTES,
    make_agent,
    make_commune,
    make_resident,
    make_service,
)
from tests.support.logins import log_in_browser

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_resident_and_agent_complete_a_request_with_more_information(
    new_browser_page, live_server, tmp_path
):
    lyon = make_commune("lyon")
    service = make_service(
        lyon,
        slug="residents-parking-permit",
        title_fr="Vignette de stationnement résident",
        title_en="Residents' parking permit",
    )
    resident = make_resident(first_name="Léa", last_name="Martin")
    agent = make_agent(lyon)
    proof = tmp_path / "justificatif.pdf"
    proof.write_bytes(PDF_BYTES)
    answer = tmp_path / "quittance.pdf"
    answer.write_bytes(PDF_BYTES)

    # The resident files the request with a document.
    resident_page = new_browser_page()
    log_in_browser(resident_page.context, live_server, resident)
    resident_page.goto(f"/fr/services/{service.slug}/apply/")
    expect(resident_page.locator("#id_last_name")).to_have_value("Martin")
    resident_page.locator("#id_proof").set_input_files(str(proof))
    resident_page.locator("button[name=action][value=submit]").click()
    expect(resident_page).to_have_url(re.compile(r"/fr/requests/\d+/$"))
    service_request = ServiceRequest.objects.get()
    expect(resident_page.get_by_text(service_request.reference).first).to_be_visible()
    assert len(mail.outbox) == 1

    # The agent asks for more information.
    agent_page = new_browser_page()
    log_in_browser(agent_page.context, live_server, agent)
    agent_page.goto("/backoffice/requests/")
    agent_page.get_by_role("link", name=service_request.reference).click()
    expect(agent_page).to_have_url(
        re.compile(rf"/backoffice/requests/{service_request.pk}/$")
    )
    agent_page.locator("form[action$='/take/'] button").click()
    agent_page.locator("#id_to_status").select_option("waiting_resident")
    agent_page.locator("#id_comment").fill(
        "Merci d'envoyer une quittance de loyer récente."
    )
    agent_page.locator("form[action$='/status/'] button").click()
    expect(agent_page.locator("#request-status")).to_have_text("En attente de l'usager")

    # The resident answers with a document.
    resident_page.reload()
    expect(resident_page.get_by_text("quittance de loyer récente")).to_be_visible()
    resident_page.locator("#id_body").fill("Voici ma quittance.")
    resident_page.locator("#id_document").set_input_files(str(answer))
    resident_page.locator("form[enctype] button[type=submit]").click()
    expect(
        resident_page.locator(".thread").get_by_text("Voici ma quittance.")
    ).to_be_visible()
    service_request.refresh_from_db()
    assert service_request.status == RequestStatus.IN_REVIEW

    # The agent accepts.
    agent_page.reload()
    expect(agent_page.get_by_text("Voici ma quittance.")).to_be_visible()
    agent_page.locator("#id_to_status").select_option("accepted")
    agent_page.locator("#id_comment").fill("Votre vignette est prête.")
    agent_page.locator("form[action$='/status/'] button").click()
    expect(agent_page.locator("#request-status")).to_have_text(
        str(RequestStatus.ACCEPTED.label)
    )

    # The resident sees the decision, in the page and in the notification centre.
    resident_page.goto("/fr/requests/")
    resident_page.get_by_role("link", name=service_request.reference).click()
    expect(resident_page.locator("h1 + p .status--accepted")).to_be_visible()
    expect(resident_page.get_by_text("Votre vignette est prête.")).to_be_visible()
    resident_page.goto("/fr/notifications/")
    expect(resident_page.locator(".unread").first).to_be_visible()

    subjects = [message.subject for message in mail.outbox]
    assert all(resident.email in message.to for message in mail.outbox)
    assert (
        subjects[0].startswith(f"Request {service_request.reference}")
        or service_request.reference in subjects[0]
    )
    assert len(mail.outbox) == 4  # received, in review, waiting for you, accepted
    assert "Votre vignette est prête." in mail.outbox[-1].body


def test_agent_in_the_dark_theme_gets_an_accessible_empty_request_list(
    new_browser_page, live_server
):
    # Wagtail follows the system's theme: an agent's computer may well ask for dark.
    agent = make_agent(make_commune("lyon"))
    agent_page = new_browser_page(color_scheme="dark")
    log_in_browser(agent_page.context, live_server, agent)
    agent_page.goto("/backoffice/requests/")
    # Underlined by our admin stylesheet: the back office's CSP let it load.
    expect(agent_page.locator("main p a[href$='/assisted/']")).to_have_css(
        "text-decoration-line", "underline"
    )

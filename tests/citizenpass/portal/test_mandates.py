"""Mandates offered by email: the form reveals nothing about accounts, and only the
account of the invited address can accept."""

import datetime
import html
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from citizenpass.records import actions
from citizenpass.records.access import find_grant
from citizenpass.records.models import CoParentInvitation, Mandate
from tests.citizenpass.records.factories import RelationshipFactory, ResidentFactory
from tests.support.logins import log_in

pytestmark = pytest.mark.django_db


def _offer(client, email: str):
    return client.post(
        reverse("portal:mandates"),
        {
            "helper_email": email,
            "domains": ["water", "energy"],
            "valid_until": (
                timezone.localdate() + datetime.timedelta(days=60)
            ).isoformat(),
        },
        follow=True,
    )


def _text(response) -> str:
    return html.unescape(response.content.decode())


def _link_in(message) -> str:
    return re.search(r"https?://[^/]+(/\S+/mandates/invitations/\S+/)", message.body)[1]


@pytest.fixture
def resident(client):
    person = ResidentFactory(first_name="Jeanne", last_name="Dupuis")
    log_in(client, person)
    return person


def test_the_form_answers_alike_whether_the_address_has_an_account_or_not(
    client, resident, mailoutbox, django_capture_on_commit_callbacks
):
    ResidentFactory(email="has.account@example.test")
    told = []
    for email in ("has.account@example.test", "no.account@example.test"):
        with django_capture_on_commit_callbacks(execute=True):
            response = _offer(client, email)
        assert response.redirect_chain == [(reverse("portal:mandates"), 302)]
        told.append(
            [str(m).replace(email, "ADDRESS") for m in response.context["messages"]]
        )
    # Same message, same row in the list, one invitation each: nothing tells the
    # two apart.
    assert (
        told[0]
        == told[1]
        == [
            "Une invitation a été envoyée à ADDRESS. "
            "Le mandat prend effet quand cette personne l'accepte."
        ]
    )
    rows = {
        email: re.sub(
            r"/mandates/\d+/",
            "/mandates/ID/",
            re.search(rf"<tr>\s*<td>{re.escape(email)}</td>.*?</tr>", page, re.S)[0],
        ).replace(email, "ADDRESS")
        for page in [_text(response)]
        for email in ("has.account@example.test", "no.account@example.test")
    }
    assert rows["has.account@example.test"] == rows["no.account@example.test"]
    assert (
        "Invitation envoyée, en attente d'acceptation"
        in rows["no.account@example.test"]
    )
    assert [m.to for m in mailoutbox] == [
        ["has.account@example.test"],
        ["no.account@example.test"],
    ]
    assert not Mandate.objects.in_force().exists()


def test_the_invited_person_reads_the_offer_and_accepts_it(
    client, resident, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _offer(client, "Nadia@Example.test")
    link = _link_in(mailoutbox[0])
    nadia = ResidentFactory(email="nadia@example.test", first_name="Nadia")
    log_in(client, nadia)

    page = _text(client.get(link))
    assert "Jeanne Dupuis" in page
    assert "Eau, Énergie" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(link, follow=True)
    assert response.redirect_chain == [(reverse("portal:mandates"), 302)]
    assert "Agir pour Jeanne Dupuis" in _text(response)
    assert find_grant(nadia, resident).allows("energy")
    assert mailoutbox[-1].to == [resident.email]
    # Accepted once: the link is spent.
    assert client.get(link).status_code == 404


def test_someone_else_signed_in_is_told_and_gets_nothing(
    client, resident, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _offer(client, "nadia@example.test")
    link = _link_in(mailoutbox[0])
    stranger = ResidentFactory()
    log_in(client, stranger)
    refusal = "Cette invitation a été envoyée à une autre adresse e-mail."
    assert refusal in _text(client.get(link))
    response = client.post(link)
    assert response.status_code == 200
    assert refusal in _text(response)
    assert find_grant(stranger, resident) is None
    assert Mandate.objects.get().accepted_at is None


def test_the_resident_cancels_an_invitation_before_it_is_accepted(
    client, resident, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _offer(client, "nadia@example.test")
    link = _link_in(mailoutbox[0])
    mandate = Mandate.objects.get()
    response = client.post(
        reverse("portal:revoke_mandate", args=[mandate.pk]), follow=True
    )
    page = _text(response)
    assert "L'invitation est annulée." in page
    assert "Révoqué le" in page
    log_in(client, ResidentFactory(email="nadia@example.test"))
    assert client.get(link).status_code == 404


@pytest.mark.parametrize("route", ["portal:mandate_offer", "portal:accept_invitation"])
def test_a_forged_invitation_link_is_404(client, resident, route):
    assert client.get(reverse(route, args=["forged"])).status_code == 404


def test_a_finished_co_parent_invitation_link_is_404(client, resident):
    link = RelationshipFactory(guardian=resident)
    invitation = actions.invite_co_parent(
        guardian=resident, minor=link.minor, email="other.parent@example.test"
    )
    url = reverse(
        "portal:accept_invitation", args=[actions.invitation_token(invitation)]
    )
    CoParentInvitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    log_in(client, ResidentFactory(email="other.parent@example.test"))
    assert client.get(url).status_code == 404


def test_extra_fields_posted_with_an_offer_are_not_applied(client, resident):
    helper = ResidentFactory(email="nadia@example.test")
    client.post(
        reverse("portal:mandates"),
        {
            "helper_email": helper.email,
            "domains": ["water"],
            "valid_until": (
                timezone.localdate() + datetime.timedelta(days=9)
            ).isoformat(),
            "helper": helper.pk,
            "accepted_at": timezone.now().isoformat(),
            "resident": helper.pk,
        },
    )
    mandate = Mandate.objects.get()
    assert (mandate.resident, mandate.helper, mandate.accepted_at) == (
        resident,
        None,
        None,
    )
    assert find_grant(helper, resident) is None


def test_an_offer_to_oneself_is_refused_on_the_address_field(client, resident):
    response = _offer(client, resident.email.upper())
    assert response.status_code == 200
    assert response.context["form"].errors["helper_email"] == [
        "Vous ne pouvez pas vous donner un mandat à vous-même."
    ]
    assert not Mandate.objects.exists()

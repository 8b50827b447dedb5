"""Browser journey: a resident enters the code printed on a water bill; the water
utility's readings that waited for it appear in their account."""

import pytest
from playwright.sync_api import expect

from citizenpass.records.models import PersonalRecord
from services.api import actions
from services.api.ingest import ingest_items
from tests.services.api.factories import line, make_commune, make_resident, make_source
from tests.support.logins import log_in_browser

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_resident_pairs_their_account_with_a_code_from_a_bill(page, live_server):
    water = make_commune()
    source = make_source(water)
    ingest_items(source=source, items=[line(1, resident="EGL-7"), line(2, "EGL-7")])
    _pairing, code = actions.issue_pairing_code(organisation=water, identifier="EGL-7")
    resident = make_resident(first_name="Awa")
    log_in_browser(page.context, live_server, resident)

    page.goto("/fr/account/pairing/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Relier mon compte à un service public"
    )
    page.get_by_label("Code d'appairage").fill("AAAA-BBBB-CCCC")
    page.get_by_role("button", name="Relier mon compte").click()
    expect(page.get_by_role("alert")).to_contain_text("pas valide")

    page.get_by_label("Code d'appairage").fill(code.lower())
    page.get_by_role("button", name="Relier mon compte").click()
    expect(page.get_by_role("status")).to_contain_text(water.name)
    expect(page.get_by_role("listitem").filter(has_text=water.name)).to_be_visible()
    page.screenshot(path="var/screenshot-pairing.png", full_page=True)
    assert PersonalRecord.objects.filter(resident=resident).count() == 2

"""Browser journeys over personal data: a parent, a helper under mandate, the charts."""

import datetime
import re
from decimal import Decimal

import pytest
from django.core import mail
from playwright.sync_api import expect

from citizenpass.records.models import Domain
from tests.citizenpass.records.factories import (
    DataSourceFactory,
    PersonalRecordFactory,
    RecordKindFactory,
    RelationshipFactory,
    ResidentFactory,
)
from tests.support.logins import log_in_browser

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _monthly_water(resident, kind, months=6):
    today = datetime.date.today().replace(day=1)
    for index in range(months):
        month = (today - datetime.timedelta(days=31 * (index + 1))).replace(day=1)
        PersonalRecordFactory(
            resident=resident,
            kind=kind,
            occurred_on=month,
            title=f"Water used in {month:%m/%Y}",
            value=Decimal(7 + index),
        )


def _kinds():
    water = RecordKindFactory(
        source=DataSourceFactory(domain=Domain.WATER, name_en="Water meter"),
        label_en="Water used",
    )
    school = RecordKindFactory(
        source=DataSourceFactory(domain=Domain.EDUCATION, name_en="School catering"),
        label_en="Canteen meals",
        unit="meals",
        payload_schema={"type": "object"},
    )
    culture = RecordKindFactory(
        source=DataSourceFactory(domain=Domain.CULTURE, name_en="Libraries"),
        label_en="Library loans",
        unit="loans",
        payload_schema={"type": "object"},
    )
    return water, school, culture


def test_a_parent_sees_their_own_data_and_their_child_s(page, live_server):
    water, school, _culture = _kinds()
    parent = ResidentFactory(first_name="Camille", last_name="Martin")
    link = RelationshipFactory(
        guardian=parent,
        minor__first_name="Léa",
        minor__last_name="Martin",
        minor__birth_date=datetime.date(2014, 9, 3),
    )
    _monthly_water(parent, water)
    PersonalRecordFactory(
        resident=link.minor,
        kind=school,
        title="Canteen meals 10/2026",
        value=Decimal(15),
        unit="meals",
        payload={},
    )
    log_in_browser(page.context, live_server, parent)

    page.goto("/en/my-data/")
    expect(page.get_by_role("heading", level=1)).to_have_text("My data")
    expect(page.get_by_role("link", name="Water", exact=True)).to_be_visible()
    expect(page.get_by_text("Canteen meals 10/2026")).to_have_count(0)

    page.get_by_role("navigation", name="Personal data").get_by_role(
        "link", name="Family"
    ).click()
    page.get_by_role("button", name="See Léa's data").click()
    expect(page.get_by_role("region", name="Acting for someone else")).to_contain_text(
        "You are acting for Léa Martin"
    )
    expect(page.get_by_role("heading", level=1)).to_have_text("Data of Léa Martin")
    page.get_by_role("link", name="Education").click()
    expect(page.get_by_role("link", name="Canteen meals 10/2026")).to_be_visible()

    page.get_by_role("button", name="Back to my own data").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My data")


def test_a_helper_accepts_a_mandate_sees_only_its_domains_and_the_resident_sees_the_reads(
    new_browser_page, live_server
):
    water, _school, culture = _kinds()
    # The log is worded in the resident's language, whatever the helper's.
    resident = ResidentFactory(
        first_name="Jeanne", last_name="Dupuis", preferred_language="en"
    )
    helper = ResidentFactory(first_name="Nadia", last_name="Haddad")
    _monthly_water(resident, water)
    PersonalRecordFactory(
        resident=resident, kind=culture, title="Library loans", payload={}
    )

    # The resident offers the mandate to an address; nothing is shared yet.
    resident_page = new_browser_page(locale="en-GB")
    log_in_browser(resident_page.context, live_server, resident)
    resident_page.goto("/en/mandates/")
    resident_page.get_by_label("Email address of the person who helps you").fill(
        helper.email
    )
    resident_page.get_by_role("checkbox", name="Water").check()
    resident_page.get_by_label("Until (included)").fill(
        (datetime.date.today() + datetime.timedelta(days=90)).isoformat()
    )
    resident_page.get_by_role("button", name="Send the invitation").click()
    expect(resident_page.get_by_role("status")).to_contain_text(
        f"An invitation was sent to {helper.email}."
    )
    expect(resident_page.locator("tbody")).to_contain_text(
        "Invitation sent, waiting for acceptance"
    )
    (invitation,) = mail.outbox
    link = re.search(r"https?://[^/]+(/en/mandates/invitations/\S+/)", invitation.body)

    # The helper opens the emailed link, reads what they would see and accepts.
    helper_page = new_browser_page(locale="en-GB")
    log_in_browser(helper_page.context, live_server, helper)
    helper_page.goto(link[1])
    expect(helper_page.get_by_role("heading", level=1)).to_have_text(
        "Help someone with their data"
    )
    expect(helper_page.locator("main")).to_contain_text("Water")
    helper_page.get_by_role("button", name="Accept the mandate").click()
    expect(helper_page).to_have_url(re.compile(r"/en/mandates/$"))
    helper_page.get_by_role("button", name="Act for Jeanne Dupuis").click()
    banner = helper_page.get_by_role("region", name="Acting for someone else")
    expect(banner).to_contain_text("You are acting for Jeanne Dupuis")
    expect(banner).to_contain_text("Water")
    cards = helper_page.locator(".cards > li")
    expect(cards).to_have_count(1)
    expect(helper_page.get_by_role("link", name="Culture")).to_have_count(0)
    helper_page.get_by_role("link", name="Water", exact=True).click()
    expect(helper_page).to_have_url(re.compile(r"/en/my-data/water/$"))
    helper_page.get_by_role("link", name=re.compile(r"^Water used in")).first.click()
    expect(
        helper_page.get_by_role("heading", level=2, name=re.compile("Source"))
    ).to_be_visible()

    resident_page.goto("/en/access-log/")
    rows = resident_page.locator("tbody tr")
    expect(rows).to_have_count(3)
    expect(rows.first).to_contain_text("Nadia Haddad")
    expect(rows.first).to_contain_text("Helper under mandate")
    expect(resident_page.locator("tbody")).to_contain_text("Dashboard: Water")
    expect(resident_page.locator("tbody")).to_contain_text("Records of Water")
    expect(resident_page.locator("tbody")).not_to_contain_text("Culture")


def test_charts_are_drawn_with_a_text_alternative_and_a_data_table(page, live_server):
    water, _school, _culture = _kinds()
    resident = ResidentFactory()
    _monthly_water(resident, water, months=8)
    log_in_browser(page.context, live_server, resident)

    page.goto("/en/my-data/water/")
    chart = page.get_by_role(
        "img", name=re.compile("Water: consumption or use by month")
    )
    expect(chart).to_be_visible()
    description_id = chart.get_attribute("aria-labelledby").split()[1]
    expect(page.locator(f"#{description_id}")).to_contain_text("in all; highest month")
    page.get_by_text("Show the data table").first.click()
    table = page.get_by_role("table", name=re.compile("consumption or use by month"))
    expect(table).to_be_visible()
    expect(table.locator("tbody tr")).to_have_count(24)

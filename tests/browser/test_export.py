"""A resident asks for the PDF of their data, follows its progress and downloads it."""

import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from playwright.sync_api import expect

from citizenpass.exports.generation import generate
from citizenpass.exports.models import ExportJob
from citizenpass.exports.signing import download_token
from citizenpass.records.models import Domain
from tests.citizenpass.exports.pdf_checks import inspect_export_pdf
from tests.citizenpass.records.factories import (
    DataSourceFactory,
    PersonalRecordFactory,
    RecordKindFactory,
    ResidentFactory,
)
from tests.support.logins import log_in_browser

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def jobs_wait_for_a_worker(settings):
    """Jobs are queued, not run at once: the test plays the worker."""
    settings.TASKS = {
        "default": {
            "BACKEND": "django_tasks.backends.dummy.DummyBackend",
            "QUEUES": settings.TASK_QUEUES,
        }
    }


def _resident_with_records():
    resident = ResidentFactory(first_name="Camille", last_name="Martin")
    kind = RecordKindFactory(
        source=DataSourceFactory(domain=Domain.WATER, name_en="Water meter"),
        label_en="Water used",
    )
    for index in range(30):
        month = datetime.date(2022 + index // 12, index % 12 + 1, 1)
        PersonalRecordFactory(
            resident=resident,
            kind=kind,
            occurred_on=month,
            title=f"Water used in {month:%m/%Y}",
            value=Decimal(7 + index % 5),
        )
    return resident


def test_resident_asks_for_the_pdf_sees_progress_and_downloads_it(
    new_browser_page, live_server, jobs_wait_for_a_worker
):
    resident = _resident_with_records()
    page = new_browser_page()
    log_in_browser(page.context, live_server, resident)

    page.goto(f"{live_server.url}/fr/my-data/export/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Télécharger mes données")
    page.get_by_role("button", name="Préparer mon PDF").click()

    # Waiting for the worker: a progress bar, updated without reloading the page.
    progress = page.locator("progress")
    expect(progress).to_have_attribute("value", "0")
    job = ExportJob.objects.get(resident=resident)
    ExportJob.objects.filter(pk=job.pk).update(
        status=ExportJob.Status.RUNNING, progress=45, step="layout"
    )
    expect(progress).to_have_attribute("value", "45", timeout=10_000)
    expect(page.get_by_text("Mise en page du PDF…")).to_be_visible()

    # The worker finishes: the page shows the download link by itself.
    ExportJob.objects.filter(pk=job.pk).update(status=ExportJob.Status.QUEUED)
    generate(job.pk)
    link = page.get_by_role("link", name="Télécharger le PDF")
    expect(link).to_be_visible(timeout=15_000)
    with page.expect_download() as download_info:
        link.click()
    pdf = download_info.value
    found = inspect_export_pdf(Path(pdf.path()).read_bytes())
    assert found["lang"] == "fr"
    assert found["json"]["resident"]["email"] == resident.email
    assert found["json"]["domains"][0]["records"][0]["title"] == "Water used in 01/2022"

    # Another resident gets 404 on the same link.
    job.refresh_from_db()
    url = f"{live_server.url}/fr/my-data/export/download/{download_token(job)}/"
    intruder_page = new_browser_page()
    log_in_browser(intruder_page.context, live_server, ResidentFactory())
    assert intruder_page.goto(url).status == 404

    # Once expired, the link is refused, even to its owner.
    ExportJob.objects.filter(pk=job.pk).update(
        expires_at=job.finished_at - datetime.timedelta(seconds=1)
    )
    response = page.goto(url)
    assert response.status == 410
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Ce lien de téléchargement a expiré"
    )


def test_export_page_works_without_javascript(
    browser, live_server, jobs_wait_for_a_worker
):
    resident = _resident_with_records()
    # Not audited: axe-core is a script, and this context runs none. The export page is
    # audited, with JavaScript, in the test above.
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    try:
        log_in_browser(context, live_server, resident)
        page = context.new_page()
        page.goto("/en/my-data/export/")
        page.get_by_role("button", name="Prepare my PDF").click()
        expect(page.locator("progress")).to_be_visible()
        assert page.locator("noscript").count() == 1
        generate(ExportJob.objects.get(resident=resident).pk)
        page.get_by_role("link", name="Refresh this page").click()
        expect(page.get_by_role("link", name="Download the PDF")).to_be_visible()
    finally:
        context.close()

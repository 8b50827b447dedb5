"""The archival PDF: PDF/A-3, tagged, in the resident's language, JSON inside."""

import gc
from pathlib import Path

import pytest
from weasyprint import HTML

from citizenpass.exports.document import ExportBuilder, ExportFilters
from citizenpass.exports.pdf import (
    FetchRefused,
    RefusingURLFetcher,
    render_html,
    write_json_with_summary,
    write_pdf,
)
from citizenpass.records.access import AccessGrant
from tests.citizenpass.exports.pdf_checks import inspect_export_pdf

pytestmark = pytest.mark.django_db


def _render(resident, tmp_path: Path, language: str) -> tuple[bytes, str]:
    builder = ExportBuilder(
        grant=AccessGrant(resident, resident),
        filters=ExportFilters(),
        language=language,
    )
    json_path, pdf_path = tmp_path / "e.json", tmp_path / "e.pdf"
    summary = write_json_with_summary(builder=builder, json_path=json_path)
    html = render_html(summary, language)
    pages = write_pdf(
        html=html,
        json_path=json_path,
        pdf_path=pdf_path,
        language=language,
        generated_at=builder.generated_at,
    )
    assert pages >= 3
    return pdf_path.read_bytes(), html


def test_pdf_is_pdfa3_tagged_with_the_json_inside(resident, records, tmp_path):
    data, html = _render(resident, tmp_path, "fr")
    found = inspect_export_pdf(data)
    assert found["lang"] == "fr"
    assert found["json"]["export"]["record_count"] == 48
    assert "Vos données" in html or "Your data" in html
    # One section per domain, each with its chart and tables.
    assert html.count("<svg") == 2
    assert html.count('<section class="domain">') == 2


def test_pdf_follows_the_language_asked(resident, records, tmp_path):
    data, html = _render(resident, tmp_path, "en")
    assert inspect_export_pdf(data)["lang"] == "en"
    assert '<html lang="en">' in html
    assert "Monthly totals" in html


def test_rendering_leaves_the_garbage_collector_as_it_was(resident, records, tmp_path):
    """The render collects garbage less often; the worker goes back to its settings
    afterwards, even when a render fails."""
    before = gc.get_threshold()
    _render(resident, tmp_path, "fr")
    assert gc.get_threshold() == before
    with pytest.raises(FileNotFoundError):
        write_pdf(
            html="<p>x</p>",
            json_path=tmp_path / "missing.json",
            pdf_path=tmp_path / "x.pdf",
            language="fr",
            generated_at=None,
        )
    assert gc.get_threshold() == before


def test_two_renders_in_a_row_each_get_their_attachment(resident, records, tmp_path):
    first, _html = _render(resident, tmp_path, "fr")
    second, _html = _render(resident, tmp_path, "fr")
    assert inspect_export_pdf(first)["json"]
    assert inspect_export_pdf(second)["json"]


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "FILE:///etc/hostname",
        "http://127.0.0.1:8000/static/x.css",
        "https://example.org/logo.png",
        "ftp://example.org/file",
        "//example.org/x.png",
    ],
)
def test_url_fetcher_refuses_files_and_network(url):
    fetcher = RefusingURLFetcher()
    with pytest.raises((FetchRefused, ValueError)):
        fetcher.fetch(url)


def test_url_fetcher_reads_data_urls():
    response = RefusingURLFetcher().fetch("data:text/plain;base64,aGVsbG8=")
    assert response.read() == b"hello"


def test_rendering_never_reads_files_or_network(tmp_path):
    secret = tmp_path / "secret.css"
    secret.write_text("body { color: red }")
    fetcher = RefusingURLFetcher()
    html = (
        f'<html lang="fr"><head><link rel="stylesheet" href="file://{secret}">'
        '<link rel="stylesheet" href="http://127.0.0.1:1/x.css"></head>'
        '<body><img src="https://example.org/x.png" alt="x"><p>Text</p></body></html>'
    )
    HTML(string=html, url_fetcher=fetcher, base_url=None).write_pdf()
    assert f"file://{secret}" in fetcher.refused
    assert "http://127.0.0.1:1/x.css" in fetcher.refused
    assert "https://example.org/x.png" in fetcher.refused


def test_chart_has_a_title_and_one_bar_per_month():
    from citizenpass.exports.charts import monthly_bar_chart

    svg = monthly_bar_chart(
        {"2025-12": 3.0, "2026-01": 5.0, "2026-02": 0.0}, title="Water <used>"
    )
    assert svg.count("<rect") == 3
    assert "<title>Water &lt;used&gt;</title>" in svg
    assert ">2025<" in svg


def test_the_pdf_lists_the_latest_requests_and_leaves_the_rest_to_the_json(
    resident, tmp_path
):
    """A resident with many requests gets a readable PDF, not one row per request."""
    from citizenpass.exports.pdf import RECENT_REQUESTS
    from services.requests.models import ServiceRequest
    from tests.services.requests.factories import make_commune, make_service

    service = make_service(make_commune(), with_file=False)
    total = RECENT_REQUESTS + 5
    ServiceRequest.objects.bulk_create(
        ServiceRequest(
            service=service,
            organisation=service.owner,
            resident=resident,
            reference=f"CP-2026-{number:06d}",
            status="submitted",
            data={},
        )
        for number in range(1, total + 1)
    )
    builder = ExportBuilder(
        grant=AccessGrant(resident, resident), filters=ExportFilters(), language="fr"
    )
    summary = write_json_with_summary(builder=builder, json_path=tmp_path / "e.json")
    html = render_html(summary, "fr")
    assert summary.request_count == total
    assert f"{total} demandes au total" in html
    assert f"CP-2026-{total:06d}" in html  # the latest one
    assert "CP-2026-000001" not in html  # the oldest ones stay in the JSON only
    assert "CP-2026-000001" in (tmp_path / "e.json").read_text()

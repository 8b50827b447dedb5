"""The archival PDF of the export: PDF/A-3b, tagged, with the JSON document embedded.

The PDF summarises (a cover page, then per domain a chart, monthly totals and the latest
records, then requests and the access log); the complete detail is the JSON file
attached to it as an associated file. WeasyPrint never fetches anything: the HTML carries
its style and its charts inline, and :class:`RefusingURLFetcher` refuses every URL but
``data:``.
"""

import datetime
import gc
import logging
from collections import Counter, defaultdict, deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import orjson
from django.template.loader import render_to_string
from django.utils import translation
from weasyprint import HTML, Attachment
from weasyprint.urls import URLFetcher

from citizenpass.exports.charts import monthly_bar_chart
from citizenpass.exports.document import ExportBuilder, Part
from citizenpass.exports.json_export import render_json

logger = logging.getLogger(__name__)

PDF_VARIANT = "pdf/a-3b"
ATTACHMENT_NAME = "citizenpass-export.json"
RECENT_ROWS = 12
RECENT_EVENTS = 30
RECENT_REQUESTS = 30


class FetchRefused(ValueError):
    """The PDF asked for a resource outside itself."""


class RefusingURLFetcher(URLFetcher):
    """A WeasyPrint URL fetcher that refuses ``file://`` and every network URL.

    Only ``data:`` URLs (resources already inside the document) are read.
    """

    def __init__(self):
        super().__init__(allowed_protocols={"data"}, allow_redirects=False)
        self.refused: list[str] = []

    def fetch(self, url, headers=None):
        if not url.lower().startswith("data:"):
            self.refused.append(url)
            raise FetchRefused(f"refused to fetch a {url.split(':', 1)[0]}: URL")
        return super().fetch(url, headers)


# --- summary ------------------------------------------------------------------


@dataclass
class KindInfo:
    label: str
    measure: str
    unit: str


@dataclass
class MeasuredSeries:
    """Monthly totals of one measured record kind."""

    label: str
    unit: str
    by_month: dict[str, Decimal] = field(default_factory=lambda: defaultdict(Decimal))
    count: int = 0


@dataclass
class DomainSummary:
    """What the PDF shows of one domain: counts, monthly totals, the latest records."""

    code: str
    label: str
    count: int = 0
    first: str | None = None
    last: str | None = None
    months: Counter = field(default_factory=Counter)
    series: dict[tuple[str, str], MeasuredSeries] = field(default_factory=dict)
    recent: deque = field(default_factory=lambda: deque(maxlen=RECENT_ROWS))

    def add(self, record: dict, kinds: dict[tuple[str, str], KindInfo]) -> None:
        self.count += 1
        day = record["occurred_on"]
        self.first = self.first or day
        self.last = day
        month = day[:7]
        self.months[month] += 1
        kind = kinds.get((record["source"], record["kind"]))
        if kind is not None and kind.measure != "none" and record["value"] is not None:
            key = (record["source"], record["kind"])
            series = self.series.get(key)
            if series is None:
                series = self.series[key] = MeasuredSeries(
                    kind.label, record["unit"] or kind.unit
                )
            series.by_month[month] += Decimal(str(record["value"]))
            series.count += 1
        self.recent.append(record)

    def main_series(self) -> list[MeasuredSeries]:
        """The measured kinds with most records, at most three (table columns)."""
        return sorted(self.series.values(), key=lambda s: -s.count)[:3]

    def month_rows(self) -> list[dict]:
        series = self.main_series()
        return [
            {
                "month": month,
                "count": self.months[month],
                "totals": [s.by_month.get(month) for s in series],
            }
            for month in sorted(self.months, reverse=True)
        ]

    def chart_svg(self, title: str) -> str:
        series = self.main_series()
        if series:
            main = series[0]
            values = {m: float(v) for m, v in main.by_month.items()}
            unit = main.unit
            caption = f"{main.label} ({unit})" if unit else main.label
        else:
            values = {m: float(c) for m, c in self.months.items()}
            caption = title
        return monthly_bar_chart(values, title=caption)


@dataclass
class ExportSummary:
    """Reads the parts on their way to the JSON renderer and keeps what the PDF shows."""

    on_rows: Callable[[int], None] | None = None
    header: dict = field(default_factory=dict)
    resident: dict = field(default_factory=dict)
    sources: list = field(default_factory=list)
    kinds: dict = field(default_factory=dict)
    domains: list[DomainSummary] = field(default_factory=list)
    requests: deque = field(default_factory=lambda: deque(maxlen=RECENT_REQUESTS))
    request_count: int = 0
    family_links: list = field(default_factory=list)
    mandates: dict = field(default_factory=dict)
    access_count: int = 0
    access_recent: deque = field(default_factory=lambda: deque(maxlen=RECENT_EVENTS))

    def observe(self, parts: Iterable[Part]) -> Iterator[Part]:
        for part in parts:
            if part.key == "export":
                self.header = part.value
            elif part.key == "resident":
                self.resident = part.value
            elif part.key == "sources":
                self.sources = part.value
                for source in part.value:
                    for kind in source["kinds"]:
                        self.kinds[(source["slug"], kind["code"])] = KindInfo(
                            kind["label"], kind["measure"], kind["unit"]
                        )
            elif part.key == "domain":
                summary = DomainSummary(part.value["domain"], part.value["label"])
                self.domains.append(summary)
                part.batches = self._watch(part.batches, self._add_record(summary))
            elif part.key == "requests":
                part.batches = self._watch(part.batches, self._add_request)
            elif part.key == "family_links":
                self.family_links = part.value
            elif part.key == "mandates":
                self.mandates = part.value
            elif part.key == "access_log":
                part.batches = self._watch(part.batches, self._add_access)
            yield part

    def _watch(self, batches, add) -> Iterator[bytes] | None:
        if batches is None:
            return None

        def watched():
            for batch in batches:
                rows = orjson.loads(b"[" + batch + b"]")
                for row in rows:
                    add(row)
                if self.on_rows is not None:
                    self.on_rows(len(rows))
                yield batch

        return watched()

    def _add_record(self, summary: DomainSummary):
        return lambda record: summary.add(record, self.kinds)

    def _add_request(self, request: dict) -> None:
        self.request_count += 1
        self.requests.append(
            {
                "reference": request["reference"],
                "service_title": request["service_title"],
                "status": request["status"],
                "submitted_at": _parse_time(request["submitted_at"]),
                "history": [
                    {**change, "at": _parse_time(change["at"])}
                    for change in request["history"]
                ],
                "message_count": len(request["messages"]),
            }
        )

    def _add_access(self, event: dict) -> None:
        self.access_count += 1
        self.access_recent.append({**event, "at": _parse_time(event["at"])})


def _parse_time(value: str | None):
    return datetime.datetime.fromisoformat(value) if value else None


# --- rendering ----------------------------------------------------------------


@dataclass
class PdfResult:
    pages: int
    records: int


def write_json_with_summary(
    *, builder: ExportBuilder, json_path: Path, on_rows=None
) -> ExportSummary:
    """Write the JSON document to ``json_path``, keeping the summary the PDF shows."""
    summary = ExportSummary(on_rows=on_rows)
    with open(json_path, "wb") as out:
        for chunk in render_json(summary.observe(builder.parts())):
            out.write(chunk)
    return summary


def render_html(summary: ExportSummary, language: str) -> str:
    """The HTML of the PDF, in ``language``."""
    with translation.override(language):
        from django.utils.translation import gettext as _

        source_names = {source["slug"]: source["name"] for source in summary.sources}
        domains = [
            {
                "summary": domain,
                "chart": domain.chart_svg(
                    _("Number of records per month: %(domain)s")
                    % {"domain": domain.label}
                ),
                "series": domain.main_series(),
                "months": domain.month_rows(),
                "recent": [
                    {
                        **record,
                        "occurred_on": datetime.date.fromisoformat(
                            record["occurred_on"]
                        ),
                        "source_name": source_names.get(
                            record["source"], record["source"]
                        ),
                    }
                    for record in reversed(domain.recent)
                ],
            }
            for domain in summary.domains
        ]
        return render_to_string(
            "exports/pdf/document.html",
            {
                "summary": summary,
                "header": summary.header,
                "generated_at": summary.header["generated_at"],
                "resident": summary.resident,
                "domains": domains,
                "LANGUAGE_CODE": language,
                "attachment_name": ATTACHMENT_NAME,
            },
        )


@contextmanager
def _fewer_garbage_collections():
    """Let Python's cyclic garbage collector run less often for a while.

    A render builds and drops tens of thousands of boxes: at the default thresholds the
    collector runs hundreds of times, each full pass over every object of the process,
    which took a quarter of a family PDF's time. Memory peaks the same (measured)."""
    thresholds = gc.get_threshold()
    gc.set_threshold(100_000, 20, 100)
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)


def write_pdf(
    *, html: str, json_path: Path, pdf_path: Path, language: str, generated_at
) -> int:
    """Render ``html`` to ``pdf_path`` as PDF/A-3b with the JSON attached; page count."""
    with _fewer_garbage_collections():
        return _write_pdf(html, json_path, pdf_path, language, generated_at)


def _write_pdf(html, json_path, pdf_path, language, generated_at) -> int:
    fetcher = RefusingURLFetcher()
    document = HTML(string=html, url_fetcher=fetcher, base_url=None).render(
        pdf_tags=True
    )
    with translation.override(language), open(json_path, "rb") as json_file:
        from django.utils.translation import gettext as _

        # A new Attachment for every render: WeasyPrint consumes it.
        attachment = Attachment(
            file_obj=json_file,
            name=ATTACHMENT_NAME,
            description=str(_("Your complete data, as JSON (schema version 1)")),
            relationship="Data",
            created=generated_at,
            modified=generated_at,
            url_fetcher=fetcher,
        )
        document.write_pdf(
            pdf_path,
            pdf_variant=PDF_VARIANT,
            pdf_tags=True,
            attachments=[attachment],
        )
    return len(document.pages)

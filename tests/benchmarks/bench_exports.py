"""Data export figures, each against a baseline measured in the same run.

- ``export.json_100k.records_per_s``: the JSON download of a resident with 100,000
  records through gunicorn (database → HTTP stream), against
  ``baseline.orjson_100k.records_per_s``: orjson dumping the same rows from memory; each
  the best of three.
- ``export.json.peak_mb_10k`` / ``export.json.peak_mb_100k``: peak resident memory
  (``VmHWM``) of a process streaming the export of 10,000 / 100,000 records; the
  100k figure has the 10k one as baseline (flat memory: ratio ≈ 1).
- ``export.pdf_family.seconds``: the PDF (PDF/A-3b, tagged, JSON attached) of five years
  of a demo family's data, against ``baseline.weasyprint_bare.seconds``: WeasyPrint on a
  bare HTML table with as many rows as the PDF's tables; each the best of two, in turn.
"""

import datetime
import random
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

from tests.benchmarks.harness import ROOT

PEAK_SCRIPT = """
import sys, tracemalloc
import django
django.setup()
from django.contrib.auth import get_user_model
from citizenpass.exports.document import ExportBuilder
from citizenpass.exports.json_export import render_json
from citizenpass.records.access import AccessGrant
resident = get_user_model().objects.get(email=sys.argv[1])
tracemalloc.start()
size = 0
builder = ExportBuilder(grant=AccessGrant(resident, resident), language="fr")
for chunk in render_json(builder.parts()):
    size += len(chunk)
traced = tracemalloc.get_traced_memory()[1]
# VmHWM, not ru_maxrss: Linux keeps ru_maxrss across exec, so a child started by a
# big parent would report the parent's peak.
with open("/proc/self/status") as status:
    peak_kib = next(int(l.split()[1]) for l in status if l.startswith("VmHWM:"))
print(peak_kib / 1024, traced / 2**20, size)
"""


def _bulk_resident(email: str, count: int):
    """A resident with ``count`` records spread over the demo's measured kinds."""
    from django.contrib.auth import get_user_model
    from django.db import connection

    from citizenpass.records.demo import ensure_sources
    from citizenpass.records.models import PersonalRecord, RecordKind

    user, _created = get_user_model().objects.get_or_create(
        email=email,
        defaults={"first_name": "Bench", "last_name": "Export"},
    )
    if PersonalRecord.objects.filter(resident=user).exists():
        return user
    kinds = [
        k for k in ensure_sources().values() if k.measure != RecordKind.Measure.NONE
    ]
    rng = random.Random(count)
    today = datetime.date.today()
    batch = []
    for n in range(count):
        kind = kinds[n % len(kinds)]
        batch.append(
            PersonalRecord(
                resident_id=user.pk,
                source_id=kind.source_id,
                kind_id=kind.pk,
                domain=kind.source.domain,
                occurred_on=today - datetime.timedelta(days=rng.randint(0, 7300)),
                title=kind.label_en,
                value=Decimal(rng.randint(1, 50000)) / 100,
                unit=kind.unit,
                payload={"meter": f"EGL-{n % 97}", "index": n},
                external_id=f"bench-export-{user.pk}-{n}",
            )
        )
        if len(batch) >= 5000:
            PersonalRecord.objects.bulk_create(batch, batch_size=2000)
            batch = []
    PersonalRecord.objects.bulk_create(batch, batch_size=2000)
    # As autovacuum would after a bulk load: the planner needs the new row counts.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return user


def _rows_in_memory(resident) -> list[dict]:
    """The export's record rows as Python objects, as a baseline serialiser gets them."""
    from citizenpass.records.models import PersonalRecord

    return [
        {
            "id": pk,
            "source": source,
            "legal_basis": legal_basis,
            "kind": kind,
            "occurred_on": occurred_on,
            "period_end": period_end,
            "title": title,
            "value": float(value) if value is not None else None,
            "unit": unit,
            "payload": payload,
            "external_id": external_id,
            "received_at": received_at,
            "corrected_at": corrected_at,
        }
        for (
            pk,
            source,
            legal_basis,
            kind,
            occurred_on,
            period_end,
            title,
            value,
            unit,
            payload,
            external_id,
            received_at,
            corrected_at,
        ) in PersonalRecord.objects.filter(resident=resident)
        .order_by("domain", "occurred_on", "id")
        .values_list(
            "id",
            "source__slug",
            "source__legal_basis",
            "kind__code",
            "occurred_on",
            "period_end",
            "title",
            "value",
            "unit",
            "payload",
            "external_id",
            "created_at",
            "updated_at",
        )
    ]


def _peak_mb(bench, email: str) -> tuple[float, float, int]:
    output = subprocess.run(
        [sys.executable, "-c", PEAK_SCRIPT, email],
        cwd=ROOT,
        env=bench.env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    return float(output[-3]), float(output[-2]), int(output[-1])


def _family_resident():
    """Camille Martin of the demo, with five full years of household data."""
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from citizenpass.records import demo
    from citizenpass.records.life_stages import add_years

    local = demo.HOUSEHOLD_PEOPLE["camille"][0]
    camille = get_user_model().objects.get(email=f"{local}@{demo.DEMO_DOMAIN}")
    today = timezone.localdate()
    start = add_years(today.replace(day=1), -5)
    # The demo holds fewer years: complete them with the demo's own generator
    # (records already there are skipped).
    writer = demo.RecordWriter(demo.ensure_sources(), random.Random(5))
    demo._utility_records(writer, camille, "martin", start, today, bike=True)
    writer.save()
    return camille, start


def _bench_pdf(bench) -> None:
    import orjson
    from weasyprint import HTML

    from citizenpass.exports.document import ExportBuilder, ExportFilters
    from citizenpass.exports.pdf import (
        RefusingURLFetcher,
        render_html,
        write_json_with_summary,
        write_pdf,
    )
    from citizenpass.records.access import AccessGrant

    camille, start = _family_resident()

    def export_pdf():
        with tempfile.TemporaryDirectory() as folder:
            json_path, pdf_path = Path(folder) / "e.json", Path(folder) / "e.pdf"
            started = time.perf_counter()
            builder = ExportBuilder(
                grant=AccessGrant(camille, camille),
                filters=ExportFilters(start=start),
                language="fr",
            )
            summary = write_json_with_summary(builder=builder, json_path=json_path)
            html = render_html(summary, "fr")
            pages = write_pdf(
                html=html,
                json_path=json_path,
                pdf_path=pdf_path,
                language="fr",
                generated_at=builder.generated_at,
            )
            seconds = time.perf_counter() - started
            return seconds, pages, html, orjson.loads(json_path.read_bytes())

    def bare_pdf(bare: str):
        started = time.perf_counter()
        bare_document = HTML(string=bare, url_fetcher=RefusingURLFetcher()).render()
        bare_document.write_pdf(Path(tempfile.gettempdir()) / "bench-bare.pdf")
        return time.perf_counter() - started, len(bare_document.pages)

    seconds, pages, html, document = export_pdf()
    records = [r for d in document["domains"] for r in d["records"]]
    table_rows = html.count("<tr")
    # The baseline: a bare table with as many rows as the PDF's tables, 4 columns.
    cells = "".join(
        f"<tr><td>{r['occurred_on']}</td><td>{r['title']}</td>"
        f"<td>{r['value']}</td><td>{r['source']}</td></tr>"
        for r in (records * (table_rows // max(len(records), 1) + 1))[:table_rows]
    )
    bare = f"<html><body><table>{cells}</table></body></html>"
    bare_seconds, bare_pages = bare_pdf(bare)
    # Each once more, in turn, the best of two kept: the first PDF of a process also
    # pays WeasyPrint's first use (fonts), which the baseline after it would not.
    seconds = min(seconds, export_pdf()[0])
    bare_seconds = min(bare_seconds, bare_pdf(bare)[0])
    bench.record(
        "baseline.weasyprint_bare.seconds",
        bare_seconds,
        "s",
        pages=bare_pages,
        table_rows=table_rows,
    )
    bench.record(
        "export.pdf_family.seconds",
        seconds,
        "s",
        baseline="baseline.weasyprint_bare.seconds",
        pages=pages,
        records=len(records),
        table_rows=table_rows,
    )


def run(bench):
    import orjson

    big = _bulk_resident("bench.export.100k@demo.citizenpass.fr", 100_000)
    _bulk_resident("bench.export.10k@demo.citizenpass.fr", 10_000)

    rows = _rows_in_memory(big)
    timings = []
    for _ in range(3):
        started = time.perf_counter()
        orjson.dumps(rows)
        timings.append(time.perf_counter() - started)
    del rows
    bench.record(
        "baseline.orjson_100k.records_per_s",
        100_000 / min(timings),
        "records/s",
    )

    cookie = bench.session_cookie(big)
    bench.get("/fr/my-data/export/json/", cookie=cookie)  # warm the workers
    timings, size = [], 0
    for _ in range(3):
        started = time.perf_counter()
        status, body = bench.get("/fr/my-data/export/json/", cookie=cookie)
        timings.append(time.perf_counter() - started)
        if status != 200:
            raise RuntimeError(f"JSON export answered {status}")
        size = len(body)
    document = orjson.loads(body)
    assert document["export"]["record_count"] == 100_000
    bench.record(
        "export.json_100k.records_per_s",
        100_000 / min(timings),
        "records/s",
        baseline="baseline.orjson_100k.records_per_s",
        bytes=size,
    )

    peak_10k, traced_10k, _size = _peak_mb(
        bench, "bench.export.10k@demo.citizenpass.fr"
    )
    bench.record(
        "export.json.peak_mb_10k", peak_10k, "MiB", traced_peak_mb=round(traced_10k, 2)
    )
    peak_100k, traced_100k, _size = _peak_mb(
        bench, "bench.export.100k@demo.citizenpass.fr"
    )
    bench.record(
        "export.json.peak_mb_100k",
        peak_100k,
        "MiB",
        baseline="export.json.peak_mb_10k",
        traced_peak_mb=round(traced_100k, 2),
    )

    _bench_pdf(bench)

"""``page.dashboard_50k.median_ms``: the dashboard of a resident with 50,000 records.

Also the "My data" water page of the same resident (first page of the table, charts).
Both against ``page.minimal.median_ms`` measured in the same run.
"""

from django.db import connection

RECORDS = 50_000


def run(bench):
    from citizenpass.accounts.models import User
    from citizenpass.demo.seeding import SeedReport
    from citizenpass.records.demo import DEMO_DOMAIN, ensure_sources, seed_scale
    from citizenpass.records.models import PersonalRecord

    with bench.timed() as seeding:
        seed_scale(SeedReport(), ensure_sources(), residents=1, per_resident=RECORDS)
    resident = User.objects.get(email=f"bench.resident0@{DEMO_DOMAIN}")
    count = PersonalRecord.objects.filter(resident=resident).count()
    assert count >= RECORDS, count
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE records_personalrecord")
    print(f"  seeded {count} records in {seeding.seconds:.1f} s", flush=True)
    bench.restart_server()
    cookie = bench.session_cookie(resident)
    bench.record(
        "page.dashboard_50k.median_ms",
        bench.median_ms("/fr/my-data/", cookie=cookie),
        "ms",
        baseline="page.minimal.median_ms",
    )
    bench.record(
        "page.my_data_water_50k.median_ms",
        bench.median_ms("/fr/my-data/water/", requests=100, cookie=cookie),
        "ms",
        baseline="page.minimal.median_ms",
    )

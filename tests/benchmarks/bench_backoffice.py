"""``page.backoffice_requests_100k.median_ms``: an agent's request list over 100,000
requests of their organisation, against a bare Django view.

The list is kept rendered until something it shows changes (``listing_cache``), so the
figure is an agent coming back to it; ``..._rendered`` is the view that renders it (the
first after a change), ``..._filtered`` a filtered list.
"""

import itertools
from datetime import timedelta

TARGET = 100_000
BATCH = 2_000


def _fill(service, resident, count: int) -> None:
    from django.utils import timezone

    from services.requests.models import RequestStatus, ServiceRequest

    statuses = itertools.cycle(
        [
            RequestStatus.SUBMITTED,
            RequestStatus.IN_REVIEW,
            RequestStatus.WAITING_RESIDENT,
            RequestStatus.ACCEPTED,
            RequestStatus.CLOSED,
        ]
    )
    now = timezone.now()
    start = ServiceRequest.objects.count() + 1
    for offset in range(0, count, BATCH):
        rows = [
            ServiceRequest(
                service=service,
                organisation_id=service.owner_id,
                resident=resident,
                reference=f"BEN-{now.year}-{start + offset + index:07d}",
                status=next(statuses),
                data={"last_name": "Bench"},
                submitted_at=now - timedelta(minutes=start + offset + index),
            )
            for index in range(min(BATCH, count - offset))
        ]
        ServiceRequest.objects.bulk_create(rows)


def run(bench):
    from django.db import connection

    from citizenpass.accounts.models import User
    from services.catalogue.models import Service
    from services.requests.models import ServiceRequest

    agent = User.objects.get(email="agent.lyon@demo.citizenpass.fr")
    # Not a demo family member: Camille's export is the PDF benchmark's subject.
    resident, _created = User.objects.get_or_create(
        email="bench.requests@demo.citizenpass.fr",
        defaults={"first_name": "Bench", "last_name": "Requests"},
    )
    service = Service.objects.filter(owner_id=agent.organisation_id).first()
    existing = ServiceRequest.objects.filter(
        organisation_id=agent.organisation_id
    ).count()
    if existing < TARGET:
        _fill(service, resident, TARGET - existing)
        if connection.vendor == "postgresql":
            # As autovacuum would after a bulk load: the planner needs the row counts.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE service_requests_servicerequest")
    cookie = bench.session_cookie(agent)
    bench.record(
        "page.backoffice_requests_100k.median_ms",
        bench.median_ms("/backoffice/requests/", requests=300, cookie=cookie),
        "ms",
        baseline="page.minimal.median_ms",
    )
    bench.record(
        "page.backoffice_requests_100k_rendered.median_ms",
        bench.median_ms(
            "/backoffice/requests/", requests=50, warmup=5, cookie=cookie, distinct=True
        ),
        "ms",
        baseline="page.minimal.median_ms",
    )
    bench.record(
        "page.backoffice_requests_100k_filtered.median_ms",
        bench.median_ms(
            "/backoffice/requests/?status=waiting_resident",
            requests=300,
            cookie=cookie,
        ),
        "ms",
        baseline="page.minimal.median_ms",
    )

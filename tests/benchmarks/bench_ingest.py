"""``ingest.bulk_1m.records_per_s``: records pushed through the bulk API over HTTP.

1,000,000 records (``CITIZENPASS_BENCH_INGEST_RECORDS`` to change it) for paired
residents, sent as NDJSON in 50,000-line calls to the gunicorn server, each line
validated against its kind's JSON Schema and upserted. The baseline loads the same rows
straight into the same table with psycopg ``COPY`` in the same run. Also recorded: the
peak resident memory (VmHWM) of the gunicorn workers that served the calls.
"""

import http.client
import os
from pathlib import Path

import orjson

BATCH = 50_000
RESIDENTS = 2_000


def _total() -> int:
    return int(os.environ.get("CITIZENPASS_BENCH_INGEST_RECORDS", "1000000"))


def _setup():
    from django.contrib.auth import get_user_model

    from citizenpass.organisations.models import Organisation
    from citizenpass.records.models import DataSource, RecordKind
    from services.api.actions import create_token
    from services.api.models import ResidentLink, Scope

    organisation = Organisation.objects.create(
        slug="bench-water", name="Bench water", kind=Organisation.Kind.OPERATOR
    )
    source = DataSource.objects.create(
        organisation=organisation,
        slug="bench-water-readings",
        domain="water",
        name_en="Meter readings",
        name_fr="Relevés",
        description_en="Monthly meter readings.",
        description_fr="Relevés mensuels.",
        legal_basis="contract",
        retention_months=60,
    )
    kind = RecordKind.objects.create(
        source=source,
        code="meter_reading",
        label_en="Meter reading",
        label_fr="Relevé",
        measure="quantity",
        unit="m3",
        payload_schema={
            "type": "object",
            "properties": {
                "index_m3": {"type": "integer", "minimum": 0},
                "meter": {"type": "string", "maxLength": 20},
                "estimated": {"type": "boolean"},
            },
            "required": ["index_m3", "meter"],
            "additionalProperties": False,
        },
    )
    User = get_user_model()
    users = User.objects.bulk_create(
        User(email=f"bench-ingest-{n}@example.org", password="!")
        for n in range(RESIDENTS)
    )
    ResidentLink.objects.bulk_create(
        ResidentLink(organisation=organisation, identifier=f"C-{n}", resident=user)
        for n, user in enumerate(users)
    )
    _token, secret = create_token(
        organisation=organisation,
        name="bench",
        scopes=[Scope.RECORDS_WRITE],
        calls_per_minute=10**6,
    )
    return source, kind, [user.pk for user in users], secret


def _line(n: int) -> dict:
    month = n % 120
    return {
        "external_id": f"REL-{n}",
        "resident": f"C-{n % RESIDENTS}",
        "kind": "meter_reading",
        "occurred_on": f"{2016 + month // 12}-{month % 12 + 1:02d}-28",
        "title": "Relevé de compteur d'eau",
        "value": (n % 37) + 0.5,
        "payload": {"index_m3": n % 100_000, "meter": f"M{n % RESIDENTS:06d}"},
    }


def _ndjson(start: int, stop: int) -> bytes:
    dumps = orjson.dumps
    return b"\n".join(dumps(_line(n)) for n in range(start, stop)) + b"\n"


def _copy_baseline(bench, source, kind, resident_ids, total: int) -> None:
    import datetime

    from django.db import connection

    now = datetime.datetime.now(datetime.UTC)
    with (
        bench.timed() as timer,
        connection.cursor() as cursor,
        cursor.cursor.copy(
            "COPY records_personalrecord (resident_id, source_id, kind_id, domain, "
            "occurred_on, title, value, unit, payload, external_id, created_at) "
            "FROM STDIN"
        ) as copy,
    ):
        for n in range(total):
            line = _line(n)
            copy.write_row(
                (
                    resident_ids[n % RESIDENTS],
                    source.pk,
                    kind.pk,
                    "water",
                    line["occurred_on"],
                    line["title"],
                    line["value"],
                    "m3",
                    orjson.dumps(line["payload"]).decode(),
                    line["external_id"],
                    now,
                )
            )
    bench.record(
        f"baseline.pg_copy_{_label(total)}.records_per_s",
        total / timer.seconds,
        "records/s",
    )
    with connection.cursor() as cursor:
        cursor.execute(
            "DELETE FROM records_personalrecord WHERE source_id = %s", [source.pk]
        )
        cursor.execute("VACUUM ANALYZE records_personalrecord")


def _label(total: int) -> str:
    return "1m" if total == 1_000_000 else f"{total // 1000}k"


def _worker_pids(server_pid: int) -> list[int]:
    pids = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            text = status.read_text()
        except OSError:
            continue
        if f"\nPPid:\t{server_pid}\n" in text:
            pids.append(int(status.parent.name))
    return pids


def _peak_mb(pids: list[int]) -> float:
    peak = 0
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    peak = max(peak, int(line.split()[1]))
        except OSError:
            continue
    return peak / 1024


def run(bench):
    from django.db import connection

    if connection.vendor != "postgresql":
        raise RuntimeError("The ingest benchmark needs DATABASE_URL on PostgreSQL.")
    total = _total()
    label = _label(total)
    source, kind, resident_ids, secret = _setup()
    _copy_baseline(bench, source, kind, resident_ids, total)
    # A 50,000-record call outlives gunicorn's default 30 s worker timeout on a busy
    # machine; fresh workers also make the peak memory this benchmark's own.
    bench.env["GUNICORN_CMD_ARGS"] = "--timeout 600"
    bench.restart_server()
    path = f"/api/v1/sources/{source.slug}/records"
    headers = {
        "Host": "127.0.0.1",
        "Authorization": f"Bearer {secret}",
        "Content-Type": "application/x-ndjson",
    }
    seconds = 0.0
    created = 0
    connection_ = http.client.HTTPConnection("127.0.0.1", bench.port, timeout=600)
    try:
        for start in range(0, total, BATCH):
            body = _ndjson(start, min(start + BATCH, total))
            with bench.timed() as timer:
                connection_.request("POST", path, body=body, headers=headers)
                response = connection_.getresponse()
                answer = response.read()
            seconds += timer.seconds
            print(
                f"    {start + BATCH:>9} records pushed, {timer.seconds:.1f} s",
                flush=True,
            )
            if response.status != 200:
                raise RuntimeError(
                    f"bulk push answered {response.status}: {answer[:300]}"
                )
            created += orjson.loads(answer)["created"]
    finally:
        connection_.close()
    if created != total:
        raise RuntimeError(f"{created} records created out of {total}")
    bench.record(
        f"ingest.bulk_{label}.records_per_s",
        total / seconds,
        "records/s",
        baseline=f"baseline.pg_copy_{label}.records_per_s",
    )
    bench.record(
        f"ingest.bulk_{label}.api_peak_mb",
        _peak_mb(_worker_pids(bench.server.pid)),
        "MiB",
    )

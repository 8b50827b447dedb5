"""Demo integration: a Lyon API token, the water utility's connector with a file to
import, records waiting for a pairing code, and a webhook endpoint (idempotent)."""

import datetime
from pathlib import Path

from django.conf import settings

from citizenpass.organisations.models import Organisation
from citizenpass.records.models import DataSource
from services.api import ingest
from services.api.actions import code_digest
from services.api.models import ApiToken, PairingCode, Scope
from services.api.tokens import digest

from .models import Connector

# Demo-only secrets, printed by ``make demo`` so that docs/api-client/ runs as is.
DEMO_TOKEN = "cp_demo_lyon_0000000000000000000000000000"  # noqa: S105
DEMO_WATER_TOKEN = "cp_demo_eau_00000000000000000000000000000"  # noqa: S105
DEMO_PAIRING_CODE = "DEMO-EAU0-2026"
DEMO_IDENTIFIER = "EGL-000123"
WATER_SOURCE = "eau-du-grand-lyon-meter"

SAMPLE_READINGS = """contrat;releve;compteur;date_releve;index_m3;consommation_m3
EGL-000123;EGL-000123-2026-09;EGL-88-0123;2026-09-30;1204.5;9,5
EGL-000123;EGL-000123-2026-10;EGL-88-0123;2026-10-31;1214.0;9,5
EGL-000456;EGL-000456-2026-10;EGL-88-0456;2026-10-31;560.0;7
"""


def _token(organisation, name: str, secret: str, scopes) -> None:
    ApiToken.objects.update_or_create(
        digest=digest(secret),
        defaults={
            "organisation": organisation,
            "name": name,
            "prefix": secret[:10],
            "scopes": list(scopes),
        },
    )


def seed(report) -> None:
    lyon = Organisation.objects.filter(slug="lyon").first()
    water = Organisation.objects.filter(slug="eau-du-grand-lyon").first()
    if lyon is None or water is None:
        return
    _token(lyon, "Demo: Lyon's information system", DEMO_TOKEN, Scope.values)
    report.login("API token (Lyon, every scope)", "Authorization: Bearer", DEMO_TOKEN)
    source = DataSource.objects.filter(slug=WATER_SOURCE).first()
    if source is None:
        return
    _token(
        water,
        "Demo: water utility",
        DEMO_WATER_TOKEN,
        [Scope.SOURCES_WRITE, Scope.RECORDS_WRITE],
    )
    report.login("API token (water utility)", "Authorization: Bearer", DEMO_WATER_TOKEN)
    root = getattr(settings, "CITIZENPASS_DEMO_IMPORT_ROOT", None)
    folder = Path(root or settings.BASE_DIR / "var" / "imports") / "eau-du-grand-lyon"
    _connector, created = Connector.objects.get_or_create(
        name="eau-releves",
        defaults={
            "kind": Connector.Kind.WATER_METER,
            "source": source,
            "config": {"folder": str(folder)},
            "every_minutes": 24 * 60,
        },
    )
    report.count("connector", int(created))
    folder.mkdir(parents=True, exist_ok=True)
    sample = folder / "releves-2026-10.csv"
    if created and not sample.exists():
        sample.write_text(SAMPLE_READINGS, encoding="utf-8")
    # Records for a contract nobody has paired yet: they wait for the code below.
    ingest.ingest_items(
        source=source,
        items=[
            {
                "external_id": f"{DEMO_IDENTIFIER}-2026-0{month}",
                "resident": DEMO_IDENTIFIER,
                "kind": "meter_reading",
                "occurred_on": f"2026-0{month}-28",
                "title": "Relevé de compteur d'eau",
                "value": 9.0 + month / 10,
                "payload": {"meter": "EGL-88-0123", "index": 1150.0 + month * 9},
            }
            for month in range(1, 8)
        ],
    )
    _pairing_code, created = PairingCode.objects.get_or_create(
        digest=code_digest(DEMO_PAIRING_CODE),
        defaults={
            "organisation": water,
            "identifier": DEMO_IDENTIFIER,
            "expires_at": datetime.datetime(2099, 12, 31, tzinfo=datetime.UTC),
        },
    )
    report.count("pairing code", int(created))
    report.login(
        "pairing code (water contract EGL-000123)",
        "/fr/account/pairing/",
        DEMO_PAIRING_CODE,
    )

"""The demo: tokens the example client uses, the water connector, a pairing code."""

import pytest
from django.core.management import call_command

from citizenpass.records.models import PersonalRecord
from services.api.actions import redeem_pairing_code
from services.api.models import PendingRecord
from services.api.tokens import find_active_token
from services.connectors import demo
from services.connectors.models import ImportReport


@pytest.fixture
def import_root(settings, tmp_path):
    settings.CITIZENPASS_DEMO_IMPORT_ROOT = tmp_path


@pytest.mark.django_db
def test_the_demo_integration_works_end_to_end(import_root, demo_site):
    from citizenpass.accounts.models import User

    assert find_active_token(demo.DEMO_TOKEN).organisation.slug == "lyon"
    assert PendingRecord.objects.filter(identifier=demo.DEMO_IDENTIFIER).count() == 7
    resident = User.objects.filter(is_staff=False).first()
    redeem_pairing_code(resident=resident, code=demo.DEMO_PAIRING_CODE)
    assert (
        PersonalRecord.objects.filter(
            resident=resident, external_id__startswith=demo.DEMO_IDENTIFIER
        ).count()
        == 7
    )
    call_command("run_connector", "eau-releves")
    assert ImportReport.objects.get().status == ImportReport.Status.SUCCEEDED

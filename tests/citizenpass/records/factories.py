"""Factories for personal data: residents, sources, kinds, records, links, mandates."""

import datetime
import itertools
from decimal import Decimal

import factory
from django.utils import timezone

from citizenpass.accounts.models import User
from citizenpass.organisations.models import Organisation
from citizenpass.records.models import (
    AccessEvent,
    DataSource,
    Domain,
    LegalBasis,
    Mandate,
    PersonalRecord,
    RecordKind,
    Relationship,
)

_counter = itertools.count(1)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Operator {n}")
    slug = factory.Sequence(lambda n: f"operator-{n}")
    kind = Organisation.Kind.OPERATOR


class ResidentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User

    email = factory.Sequence(lambda n: f"resident{n}@example.test")
    first_name = factory.Sequence(lambda n: f"Resident{n}")
    last_name = "Test"
    birth_date = datetime.date(1985, 5, 17)
    password = factory.django.Password("resident-pass-1234")


class DataSourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DataSource

    organisation = factory.SubFactory(OrganisationFactory)
    slug = factory.Sequence(lambda n: f"source-{n}")
    domain = Domain.WATER
    name_en = factory.Sequence(lambda n: f"Source {n}")
    name_fr = factory.Sequence(lambda n: f"Source {n} (fr)")
    description_en = "What the source holds."
    description_fr = "Ce que la source détient."
    legal_basis = LegalBasis.PUBLIC_TASK
    retention_months = 60


class RecordKindFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RecordKind

    source = factory.SubFactory(DataSourceFactory)
    code = factory.Sequence(lambda n: f"kind-{n}")
    label_en = "Meter reading"
    label_fr = "Relevé de compteur"
    measure = RecordKind.Measure.QUANTITY
    unit = "m³"
    recurrence_months = 1
    payload_schema = {
        "type": "object",
        "properties": {"meter": {"type": "string"}},
        "additionalProperties": False,
    }
    field_help = {"meter": {"en": "Meter number.", "fr": "Numéro du compteur."}}


class PersonalRecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PersonalRecord

    resident = factory.SubFactory(ResidentFactory)
    kind = factory.SubFactory(RecordKindFactory)
    source = factory.SelfAttribute("kind.source")
    occurred_on = datetime.date(2025, 1, 1)
    title = "Reading"
    value = Decimal("8.5")
    unit = "m³"
    payload = factory.LazyFunction(lambda: {"meter": "M-1"})
    external_id = factory.Sequence(lambda n: f"ext-{n}")


class RelationshipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Relationship

    guardian = factory.SubFactory(ResidentFactory)
    minor = factory.SubFactory(ResidentFactory, birth_date=datetime.date(2016, 3, 1))


class MandateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Mandate

    resident = factory.SubFactory(ResidentFactory)
    helper = factory.SubFactory(ResidentFactory)
    helper_email = factory.LazyAttribute(lambda mandate: mandate.helper.email)
    accepted_at = factory.LazyFunction(timezone.now)
    domains = factory.LazyFunction(lambda: [Domain.WATER.value])
    valid_until = factory.LazyFunction(
        lambda: timezone.localdate() + datetime.timedelta(days=30)
    )


def log_helper_read(resident, actor, what="water records"):
    """One access-log entry: a helper read ``what`` of the resident's data."""
    from django.db import transaction

    from citizenpass.records.access_log import log_access

    with transaction.atomic():
        return log_access(
            resident=resident,
            actor=actor,
            role=AccessEvent.Role.HELPER,
            what=what,
            purpose="Helping with bills",
        )

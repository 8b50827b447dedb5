"""Queries on personal data. No permission checks here: see ``access.py``.

Every selector runs a fixed number of queries whatever the number of records, and
reads a resident's rows through the ``(resident, domain|kind, occurred_on)`` indexes.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import (
    Case,
    CharField,
    Count,
    Max,
    Min,
    OuterRef,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import TruncMonth
from django.utils import timezone

from citizenpass.records.life_stages import LifeStage, StagePeriod, stage_periods
from citizenpass.records.models import (
    AccessEvent,
    CoParentInvitation,
    DataSource,
    Domain,
    Mandate,
    PersonalRecord,
    RecordKind,
    Relationship,
)


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day ``months`` later (clamped to the 28th to stay valid)."""
    years, month_index = divmod(day.month - 1 + months, 12)
    return datetime.date(day.year + years, month_index + 1, min(day.day, 28))


# --- Records -----------------------------------------------------------------


@dataclass(frozen=True)
class RecordFilters:
    """Filters of the "My data" table; every field optional."""

    kind_id: int | None = None
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    text: str = ""


def resident_records(
    resident, *, domains: list[str], filters: RecordFilters | None = None
) -> QuerySet[PersonalRecord]:
    """A resident's records in ``domains``, newest first, with kind and source."""
    records = PersonalRecord.objects.filter(resident=resident)
    records = (
        records.filter(domain=domains[0])
        if len(domains) == 1
        else records.filter(domain__in=domains)
    )
    filters = filters or RecordFilters()
    if filters.kind_id:
        records = records.filter(kind_id=filters.kind_id)
    if filters.date_from:
        records = records.filter(occurred_on__gte=filters.date_from)
    if filters.date_to:
        records = records.filter(occurred_on__lte=filters.date_to)
    if filters.text:
        records = records.filter(title__icontains=filters.text)
    return records.select_related("kind", "source", "source__organisation").order_by(
        "-occurred_on", "-id"
    )


def domain_kinds(domain: str) -> QuerySet[RecordKind]:
    """Kinds of every source of a domain (for the filter of the table)."""
    return (
        RecordKind.objects.filter(source__domain=domain)
        .select_related("source")
        .order_by("label_en")
    )


def domain_sources(domain: str) -> QuerySet[DataSource]:
    """Sources of a domain, with their organisation (for empty states and credits)."""
    return (
        DataSource.objects.filter(domain=domain)
        .select_related("organisation")
        .order_by("slug")
    )


def record_corrections(record: PersonalRecord):
    return record.corrections.order_by("corrected_at", "id")


# --- Dashboard ---------------------------------------------------------------


@dataclass
class DomainCard:
    """One dashboard card: a domain's latest record, its trend and next due date."""

    domain: str
    latest: PersonalRecord | None = None
    previous_value: Decimal | None = None
    sources: list[DataSource] = field(default_factory=list)

    @property
    def label(self) -> str:
        return Domain(self.domain).label

    @property
    def trend(self) -> str | None:
        """``up``, ``down`` or ``steady`` against the previous record of the same kind."""
        if (
            self.latest is None
            or self.latest.value is None
            or self.previous_value is None
        ):
            return None
        if self.latest.value > self.previous_value:
            return "up"
        if self.latest.value < self.previous_value:
            return "down"
        return "steady"

    @property
    def next_due(self) -> datetime.date | None:
        """When the next record of the latest kind is expected."""
        if self.latest is None or not self.latest.kind.recurrence_months:
            return None
        return add_months(self.latest.occurred_on, self.latest.kind.recurrence_months)


def dashboard_cards(resident, *, domains: list[str]) -> list[DomainCard]:
    """One card per domain, in one query whatever the number of records.

    Each kind is annotated with its latest record through correlated subqueries, each an
    index probe on ``(resident, kind, occurred_on)``: a resident with 50,000 records
    costs the same as one with ten. The sources come along through the kinds' join.
    """
    latest_of_kind = PersonalRecord.objects.filter(
        resident=resident, kind=OuterRef("pk")
    ).order_by("-occurred_on", "-id")
    fields = ("id", "occurred_on", "period_end", "title", "value", "unit")
    kinds = (
        RecordKind.objects.filter(source__domain__in=domains)
        .select_related("source", "source__organisation")
        .annotate(
            **{
                f"latest_{name}": Subquery(latest_of_kind.values(name)[:1])
                for name in fields
            },
            previous_value=Subquery(latest_of_kind.values("value")[1:2]),
        )
        .order_by("source__slug", "code")
    )
    cards = {domain: DomainCard(domain) for domain in domains}
    seen_sources = set()
    for kind in kinds:
        card = cards[kind.source.domain]
        if kind.source_id not in seen_sources:
            seen_sources.add(kind.source_id)
            card.sources.append(kind.source)
        if kind.latest_id is None:
            continue
        if card.latest is None or (kind.latest_occurred_on, kind.latest_id) > (
            card.latest.occurred_on,
            card.latest.pk,
        ):
            card.latest = PersonalRecord(
                pk=kind.latest_id,
                resident=resident,
                source=kind.source,
                kind=kind,
                domain=kind.source.domain,
                occurred_on=kind.latest_occurred_on,
                period_end=kind.latest_period_end,
                title=kind.latest_title,
                value=kind.latest_value,
                unit=kind.latest_unit,
            )
            card.previous_value = kind.previous_value
    return list(cards.values())


# --- Charts ------------------------------------------------------------------


@dataclass
class MonthlySeries:
    """Totals per month of one measure of one domain (a chart and its data table)."""

    domain: str
    measure: str
    unit: str
    points: list[tuple[datetime.date, Decimal]]

    @property
    def total(self) -> Decimal:
        return sum((value for _, value in self.points), Decimal(0))


def monthly_series(
    resident, *, domain: str, months: int = 24, today: datetime.date | None = None
) -> list[MonthlySeries]:
    """Monthly totals of the domain's quantities, bills and payments, one query.

    Months without data count as zero so that gaps show on the chart.
    """
    today = today or timezone.localdate()
    first_month = add_months(today.replace(day=1), -(months - 1))
    rows = (
        PersonalRecord.objects.filter(
            resident=resident,
            domain=domain,
            occurred_on__gte=first_month,
            value__isnull=False,
        )
        .exclude(kind__measure=RecordKind.Measure.NONE)
        .annotate(month=TruncMonth("occurred_on"))
        .values("month", "kind__measure", "unit")
        .annotate(total=Sum("value"))
        .order_by()
    )
    totals: dict[tuple[str, str], dict[datetime.date, Decimal]] = {}
    for row in rows:
        month = row["month"]
        if isinstance(month, datetime.datetime):
            month = month.date()
        totals.setdefault((row["kind__measure"], row["unit"]), {})[month] = row["total"]
    month_list = [add_months(first_month, index) for index in range(months)]
    order = [m.value for m in RecordKind.Measure]
    return [
        MonthlySeries(
            domain,
            measure,
            unit,
            [(month, values.get(month, Decimal(0))) for month in month_list],
        )
        for (measure, unit), values in sorted(
            totals.items(), key=lambda item: (order.index(item[0][0]), item[0][1])
        )
    ]


# --- Timeline ----------------------------------------------------------------


@dataclass
class StageSummary:
    """What public services recorded during one stage of a resident's life."""

    period: StagePeriod
    counts: dict[str, int] = field(default_factory=dict)
    first: datetime.date | None = None
    last: datetime.date | None = None

    @property
    def label(self) -> str:
        return LifeStage(self.period.stage).label

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def life_stage_timeline(resident, *, domains: list[str]) -> list[StageSummary]:
    """Counts of records per life stage and domain, in one aggregate query.

    Stages the resident has not reached yet are left out; without a birth date the
    timeline is empty (the page says why).
    """
    if resident.birth_date is None:
        return []
    today = timezone.localdate()
    periods = [
        period
        for period in stage_periods(resident.birth_date)
        if period.start is None or period.start <= today
    ]
    stage_of_row = Case(
        *[
            When(occurred_on__lt=period.end, then=Value(period.stage.value))
            for period in periods
            if period.end is not None
        ],
        default=Value(periods[-1].stage.value),
        output_field=CharField(),
    )
    rows = (
        PersonalRecord.objects.filter(resident=resident, domain__in=domains)
        .annotate(stage=stage_of_row)
        .values("stage", "domain")
        .annotate(count=Count("id"), first=Min("occurred_on"), last=Max("occurred_on"))
        .order_by()
    )
    summaries = {period.stage.value: StageSummary(period) for period in periods}
    for row in rows:
        summary = summaries[row["stage"]]
        summary.counts[row["domain"]] = row["count"]
        summary.first = min(filter(None, [summary.first, row["first"]]))
        summary.last = max(filter(None, [summary.last, row["last"]]))
    return list(summaries.values())


# --- Family, mandates, access log --------------------------------------------


def children_of(guardian) -> QuerySet[Relationship]:
    """Links in force where ``guardian`` looks after a minor."""
    return (
        Relationship.objects.in_force()
        .filter(guardian=guardian)
        .select_related("minor")
        .order_by("minor__birth_date")
    )


def guardians_of(minor) -> QuerySet[Relationship]:
    return (
        Relationship.objects.in_force()
        .filter(minor=minor)
        .select_related("guardian")
        .order_by("guardian__last_name")
    )


def co_guardians(guardian) -> QuerySet[Relationship]:
    """Other guardians of the minors ``guardian`` looks after."""
    minors = Relationship.objects.in_force().filter(guardian=guardian).values("minor")
    return (
        Relationship.objects.in_force()
        .filter(minor__in=minors)
        .exclude(guardian=guardian)
        .select_related("guardian", "minor")
    )


def open_invitations_sent(guardian) -> QuerySet[CoParentInvitation]:
    return CoParentInvitation.objects.filter(
        invited_by=guardian, accepted_at__isnull=True, expires_at__gt=timezone.now()
    ).select_related("minor")


def mandates_granted(resident) -> QuerySet[Mandate]:
    """Every mandate the resident gave: in force first, then those still offered."""
    return (
        Mandate.objects.filter(resident=resident)
        .select_related("helper")
        .annotate(
            standing=Case(
                When(Mandate.objects.in_force_condition(), then=2),
                When(Mandate.objects.offered_condition(), then=1),
                default=0,
            )
        )
        .order_by("-standing", "-created_at")
    )


def mandates_received(helper) -> QuerySet[Mandate]:
    """Mandates in force given to ``helper``."""
    return (
        Mandate.objects.in_force()
        .filter(helper=helper)
        .select_related("resident")
        .order_by("resident__last_name", "resident__first_name")
    )


def access_events_for(resident) -> QuerySet[AccessEvent]:
    """The resident's access log, newest first."""
    return AccessEvent.objects.filter(resident=resident).order_by("-created_at", "-id")

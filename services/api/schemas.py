"""Request and response bodies of the API (extra fields are refused, not ignored)."""

import datetime
from typing import Annotated, Literal

from ninja import Field, Schema
from pydantic import ConfigDict

from citizenpass.records.models import Domain, LegalBasis
from services.catalogue.models import LifeStage, Service, Theme
from services.requests.models import RequestStatus

Slug = Annotated[str, Field(pattern=r"^[-a-z0-9_]+$", min_length=1, max_length=80)]
Text = Annotated[str, Field(max_length=200)]
LongText = Annotated[str, Field(max_length=5000)]


class StrictSchema(Schema):
    model_config = ConfigDict(extra="forbid")


class ServiceIn(StrictSchema):
    slug: Slug
    title_fr: Annotated[str, Field(min_length=1, max_length=200)]
    title_en: Text = ""
    summary_fr: LongText = ""
    summary_en: LongText = ""
    mode: Literal[tuple(Service.Mode.values)] = Service.Mode.ONLINE_REQUEST  # type: ignore[valid-type]
    external_url: Annotated[str, Field(max_length=200)] = ""
    processing_days: Annotated[int, Field(ge=1, le=365)] = 15
    life_stages: list[Literal[tuple(LifeStage.values)]] = []  # type: ignore[valid-type]
    themes: list[Literal[tuple(Theme.values)]] = []  # type: ignore[valid-type]
    is_active: bool = True


class ServicePatch(StrictSchema):
    title_fr: Annotated[str, Field(min_length=1, max_length=200)] | None = None
    title_en: Text | None = None
    summary_fr: LongText | None = None
    summary_en: LongText | None = None
    external_url: Annotated[str, Field(max_length=200)] | None = None
    processing_days: Annotated[int, Field(ge=1, le=365)] | None = None
    is_active: bool | None = None


class ServiceOut(Schema):
    slug: str
    title_fr: str
    title_en: str
    summary_fr: str
    summary_en: str
    mode: str
    external_url: str
    processing_days: int
    life_stages: list[str]
    themes: list[str]
    is_active: bool


class KindIn(StrictSchema):
    label_en: Annotated[str, Field(min_length=1, max_length=200)]
    label_fr: Annotated[str, Field(min_length=1, max_length=200)]
    measure: Literal["none", "quantity", "bill", "payment"] = "none"
    unit: Annotated[str, Field(max_length=20)] = ""
    recurrence_months: Annotated[int, Field(ge=1, le=120)] | None = None
    payload_schema: dict = {}
    field_help: dict[str, dict[str, str]] = {}


class KindOut(Schema):
    code: str
    label_en: str
    label_fr: str
    measure: str
    unit: str
    recurrence_months: int | None
    payload_schema: dict


class SourceIn(StrictSchema):
    slug: Slug
    domain: Literal[tuple(Domain.values)]  # type: ignore[valid-type]
    name_en: Annotated[str, Field(min_length=1, max_length=200)]
    name_fr: Annotated[str, Field(min_length=1, max_length=200)]
    description_en: Annotated[str, Field(min_length=1, max_length=5000)]
    description_fr: Annotated[str, Field(min_length=1, max_length=5000)]
    legal_basis: Literal[tuple(LegalBasis.values)]  # type: ignore[valid-type]
    legal_reference: Annotated[str, Field(max_length=300)] = ""
    retention_months: Annotated[int, Field(ge=1, le=1200)]


class SourceOut(Schema):
    slug: str
    domain: str
    name_en: str
    name_fr: str
    legal_basis: str
    retention_months: int
    kinds: list[KindOut]


class RecordLine(Schema):
    """One record of a bulk push (a line of NDJSON or an item of a JSON array)."""

    external_id: Annotated[str, Field(min_length=1, max_length=120)]
    resident: Annotated[str, Field(min_length=1, max_length=64)] = Field(
        description="The identifier your organisation gives the resident."
    )
    kind: str
    occurred_on: datetime.date
    period_end: datetime.date | None = None
    title: Annotated[str, Field(min_length=1, max_length=255)]
    value: float | None = None
    unit: Annotated[str, Field(max_length=20)] = ""
    payload: dict = {}


class RecordCorrectionIn(StrictSchema):
    kind: Annotated[str, Field(min_length=1, max_length=60)]
    occurred_on: datetime.date
    period_end: datetime.date | None = None
    title: Annotated[str, Field(min_length=1, max_length=255)]
    value: Annotated[float, Field(gt=-1e11, lt=1e11)] | None = None
    unit: Annotated[str, Field(max_length=20)] = ""
    payload: dict = {}
    reason: Annotated[str, Field(max_length=300)] = ""


class RecordOut(Schema):
    external_id: str
    kind: str
    occurred_on: datetime.date
    period_end: datetime.date | None
    title: str
    value: float | None
    unit: str
    payload: dict
    waiting_for_pairing: bool


class IngestOut(Schema):
    received: int
    created: int
    updated: int
    unchanged: int
    waiting_for_pairing: int


class PairingCodeIn(StrictSchema):
    resident: Annotated[str, Field(min_length=1, max_length=64)] = Field(
        description="The identifier your organisation gives the resident."
    )


class PairingCodeOut(Schema):
    code: str
    expires_at: datetime.datetime


class RequestOut(Schema):
    reference: str
    service: str
    status: str
    channel: str
    submitted_at: datetime.datetime | None
    status_changed_at: datetime.datetime | None
    resident: str | None = Field(
        description="Your identifier for the resident when they are paired with you."
    )
    answers: dict


class StatusChangeIn(StrictSchema):
    status: Literal[tuple(RequestStatus.values)]  # type: ignore[valid-type]
    comment: Annotated[str, Field(max_length=5000)] = ""

"""The export document: everything public services hold about a resident, in one place.

:class:`ExportBuilder` is the one builder of the document. It never loads a resident's
data at once: :meth:`ExportBuilder.parts` yields the document's parts in order, and the
long ones (records, requests, the access log) as lazy *batches*, each a comma-separated
run of JSON values already encoded. The records' JSON comes from the database itself
(``json_object`` through a chunked cursor on SQLite; on PostgreSQL, text a trigger keeps
ready, read in pages along an index), so rows never become model instances.

The JSON renderer (:mod:`citizenpass.exports.json_export`) writes the parts out as they
come; the PDF renderer reads the same parts through a summary that keeps monthly totals
and the latest rows only.
"""

import datetime
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import orjson
from django.apps import apps
from django.conf import settings
from django.db import connection, transaction
from django.db.models import Count
from django.utils import timezone, translation

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

EXPORT_VERSION = "1.0"
SCHEMA_PATH = "/schemas/export/v1.json"
# Rows read from the database per round trip, and per batch handed to the renderers.
BATCH_ROWS = 2000

# The top-level keys of the document, in the order the parts come.
SECTIONS = (
    "export",
    "resident",
    "sources",
    "domains",
    "requests",
    "family_links",
    "mandates",
    "access_log",
)


def schema_url() -> str:
    """Where the JSON Schema of the document is published."""
    return settings.PUBLIC_BASE_URL.rstrip("/") + SCHEMA_PATH


@dataclass(frozen=True)
class ExportFilters:
    """Which part of the data goes into the document."""

    domains: tuple[str, ...] = ()  # empty: every domain the viewer may see
    start: datetime.date | None = None
    end: datetime.date | None = None

    def as_json(self, domains: list[str]) -> dict:
        return {
            "domains": domains,
            "period": {
                "start": self.start.isoformat() if self.start else None,
                "end": self.end.isoformat() if self.end else None,
            },
        }


@dataclass
class Part:
    """One part of the document.

    ``key`` is a top-level key, or ``"domain"`` for one entry of ``domains``. A part has
    a ready ``value`` or lazy ``batches`` (the items of an array), or both for a domain:
    its ``value`` then holds the domain's fields and ``batches`` its records.
    """

    key: str
    value: Any = None
    batches: Iterator[bytes] | None = None
    row_count: int | None = None


def _orjson_default(value):
    if isinstance(value, Decimal):
        return float(value)
    raise TypeError


def dumps(value) -> bytes:
    """JSON bytes of ``value`` (dates and datetimes in ISO 8601, decimals as numbers)."""
    return orjson.dumps(value, default=_orjson_default)


def _utc(value: datetime.datetime | None) -> datetime.datetime | None:
    return value.astimezone(datetime.UTC) if value is not None else None


_RECORD_FROM = (
    "FROM {records} r "
    "JOIN {sources} s ON s.id = r.source_id "
    "JOIN {kinds} k ON k.id = r.kind_id "
    "WHERE r.resident_id = %s AND r.domain = %s{period} "
    "ORDER BY r.occurred_on, r.id"
)


# PostgreSQL's JSON of a record: its id, the members of its source and kind (which can
# be renamed: ``{source}`` and ``{kind}``, built beforehand once per source and kind, see
# :func:`_postgresql_record_page`), then the rest, from its date on, which a trigger
# keeps ready in ``export_json_tail`` on every write (migration ``records.0005``):
# building each record's JSON during the download would cap it at a fifth of what
# writing the rows from memory does. The query reads the records' table alone, so that
# the index on (resident, domain, date, id) gives the order without a sort.
_POSTGRESQL_RECORD_JSON = (
    """'{{"id":' || r.id::text || {source} || {kind} || r.export_json_tail"""
)
# One page of a domain's records: those after the (date, id) where the last page ended,
# in the order of the index on (resident, domain, date, id).
_POSTGRESQL_RECORD_PAGE = (
    "SELECT " + _POSTGRESQL_RECORD_JSON + ", r.occurred_on, r.id "
    "FROM {records} r WHERE r.resident_id = %s AND r.domain = %s{period} "
    "AND (r.occurred_on, r.id) > (%s, %s) "
    "ORDER BY r.occurred_on, r.id LIMIT %s"
)
# The members of a source and of a kind in a record's JSON.
_SOURCE_MEMBERS = (
    """',"source":' || to_json(slug)::text"""
    """ || ',"legal_basis":' || to_json(legal_basis)::text"""
)
_KIND_MEMBERS = """',"kind":' || to_json(code)::text"""
# Those of the sources of one domain and of their kinds: one query before the records.
_POSTGRESQL_DOMAIN_MEMBERS = (
    f"SELECT 'source', id, {_SOURCE_MEMBERS} FROM {{sources}} WHERE domain = %s "  # noqa: S608
    f"UNION ALL SELECT 'kind', id, {_KIND_MEMBERS} FROM {{kinds}} "
    "WHERE source_id IN (SELECT id FROM {sources} WHERE domain = %s)"
)
# Those of a source or kind outside the domain's (none, as a record's domain is its
# source's): a subquery, run for such a record only.
_SOURCE_MEMBERS_OF_RECORD = (
    f"(SELECT {_SOURCE_MEMBERS} FROM {{sources}} WHERE id = r.source_id)"  # noqa: S608
)
_KIND_MEMBERS_OF_RECORD = (
    f"(SELECT {_KIND_MEMBERS} FROM {{kinds}} WHERE id = r.kind_id)"  # noqa: S608
)


def _tables() -> dict[str, str]:
    return {
        "records": PersonalRecord._meta.db_table,
        "sources": DataSource._meta.db_table,
        "kinds": RecordKind._meta.db_table,
    }


def _members_case(column: str, members: list, fallback: str) -> tuple[str, list]:
    """``CASE column WHEN id THEN members … ELSE fallback END`` and its parameters."""
    if not members:
        return fallback, []
    whens = " WHEN %s THEN %s" * len(members)
    params = [value for pair in members for value in pair]
    return f"CASE {column}{whens} ELSE {fallback} END", params


def _postgresql_record_page(cursor, domain: str, period: str) -> tuple[str, list]:
    """The page query of :data:`_POSTGRESQL_RECORD_PAGE` for ``domain``.

    Returns the SQL and the parameters of the members it holds (those of the resident,
    the domain and the period follow). Records are read from their table alone: each
    record's source and kind members are picked by a ``CASE`` on its ids among those
    of the domain, built once here.
    """
    tables = _tables()
    cursor.execute(_POSTGRESQL_DOMAIN_MEMBERS.format(**tables), [domain, domain])
    members: dict[str, list] = {"source": [], "kind": []}
    for table, pk, text in cursor.fetchall():
        members[table].append((pk, text))
    source, source_params = _members_case(
        "r.source_id",
        members["source"],
        _SOURCE_MEMBERS_OF_RECORD.format(**tables),
    )
    kind, kind_params = _members_case(
        "r.kind_id",
        members["kind"],
        _KIND_MEMBERS_OF_RECORD.format(**tables),
    )
    sql = _POSTGRESQL_RECORD_PAGE.format(
        **tables, period=period, source=source, kind=kind
    )
    return sql, source_params + kind_params


def _record_json_sql(period: str = "") -> str:
    """SQLite's SQL selecting one JSON object (text) per record of a resident and domain.

    ``period`` adds conditions on ``r.occurred_on`` (with their parameters after the
    resident's and the domain's).

    PostgreSQL's form (:data:`_POSTGRESQL_RECORD_JSON`) gives the same document: same
    keys in the same order, the same values (dates and UTC timestamps to the second as
    ISO 8601 strings, decimals as numbers, the payload as stored).
    """
    # Only table names and fixed fragments are interpolated; values go as parameters.
    from_ = _RECORD_FROM.format(**_tables(), period=period)
    utc = "strftime('%%Y-%%m-%%dT%%H:%%M:%%SZ', {})"
    return (
        "SELECT json_object("
        "'id', r.id, 'source', s.slug, 'legal_basis', s.legal_basis, "
        "'kind', k.code, 'occurred_on', r.occurred_on, "
        "'period_end', r.period_end, 'title', r.title, 'value', r.value, "
        "'unit', r.unit, 'payload', json(r.payload), 'external_id', r.external_id, "
        f"'received_at', {utc.format('r.created_at')}, "
        f"'corrected_at', {utc.format('r.updated_at')}) "
        f"{from_}"
    )


def _sqlite_batches(sql: str, params: list) -> Iterator[bytes]:
    """Run ``sql`` (one text column) and yield its rows joined by commas, per batch."""
    # A chunked cursor, outside any transaction (one would hold the write lock while
    # the download runs).
    with connection.chunked_cursor() as cursor:
        cursor.execute(sql, params)
        while rows := cursor.fetchmany(BATCH_ROWS):
            yield ",".join([row[0] for row in rows]).encode()


def _postgresql_batches(domain: str, period: str, params: list) -> Iterator[bytes]:
    """The records' JSON of one domain from PostgreSQL, ``BATCH_ROWS`` at a time.

    Each batch is one query for the next ``BATCH_ROWS`` records, from where the last
    one ended (a range of the index on (resident, domain, date, id), so each is as
    quick as the first), fetched whole: psycopg builds the rows of a batch in one call,
    where streaming a single query costs a Python step per record. Memory holds one
    batch at a time. The queries share one snapshot (``REPEATABLE READ``), so a record
    changed meanwhile is neither missed nor written twice; inside a caller's
    transaction, they share the caller's.
    """
    own_transaction = not connection.in_atomic_block
    with transaction.atomic(savepoint=False), connection.cursor() as cursor:
        if own_transaction:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        sql, member_params = _postgresql_record_page(cursor, domain, period)
        after = [datetime.date.min, 0]
        while True:
            cursor.execute(sql, [*member_params, *params, *after, BATCH_ROWS])
            rows = cursor.fetchall()
            if rows:
                yield ",".join([row[0] for row in rows]).encode()
            if len(rows) < BATCH_ROWS:
                return
            after = list(rows[-1][1:])


def _orjson_batches(rows: Iterator, to_item) -> Iterator[bytes]:
    """Encode ``to_item(row)`` for each row, yielding comma-joined batches."""
    batch = []
    for row in rows:
        batch.append(dumps(to_item(row)))
        if len(batch) >= BATCH_ROWS:
            yield b",".join(batch)
            batch = []
    if batch:
        yield b",".join(batch)


class ExportBuilder:
    """Builds the export document of ``resident``, as seen through ``grant``.

    ``grant`` is a :class:`citizenpass.records.access.AccessGrant`: a helper under
    mandate only gets the mandated domains and no requests, family links or access log.
    """

    def __init__(self, *, grant, filters: ExportFilters | None = None, language="fr"):
        self.grant = grant
        self.resident = grant.resident
        self.filters = filters or ExportFilters()
        self.language = language
        self.generated_at = timezone.now().replace(microsecond=0)
        visible = grant.visible_domains()
        wanted = [code for code in visible if code in self.filters.domains]
        self.domains = wanted if self.filters.domains else visible
        self._by_source: dict[tuple[str, int], int] | None = None

    # --- what is in it ------------------------------------------------------
    @property
    def includes_personal_sections(self) -> bool:
        """Requests, family links and the access log: the resident and guardians."""
        return self.grant.domains is None

    def _records(self):
        records = PersonalRecord.objects.filter(
            resident=self.resident, domain__in=self.domains
        )
        if self.filters.start:
            records = records.filter(occurred_on__gte=self.filters.start)
        if self.filters.end:
            records = records.filter(occurred_on__lte=self.filters.end)
        return records

    def _counts_by_source(self) -> dict[tuple[str, int], int]:
        """``(domain, source id) → records`` in the document: one read of them all, for
        the domains' counts and the sources listed."""
        if self._by_source is None:
            self._by_source = {
                (domain, source_id): count
                for domain, source_id, count in self._records()
                .order_by()
                .values_list("domain", "source_id")
                .annotate(count=Count("id"))
            }
        return self._by_source

    def record_counts(self) -> dict[str, int]:
        """How many records each domain has in the document (domains with none left out)."""
        counts: dict[str, int] = {}
        for (domain, _source_id), count in self._counts_by_source().items():
            counts[domain] = counts.get(domain, 0) + count
        return {code: counts[code] for code in self.domains if counts.get(code)}

    def record_count(self) -> int:
        return sum(self.record_counts().values())

    # --- the parts ------------------------------------------------------------
    def parts(self) -> Iterator[Part]:
        """The document's parts, in order, each long list read lazily."""
        with translation.override(self.language):
            yield Part("export", self._export_header())
            yield Part("resident", self._resident())
            yield Part("sources", self._sources())
            for domain, count in self.record_counts().items():
                yield Part(
                    "domain",
                    {"domain": domain, "label": str(Domain(domain).label)},
                    batches=self._domain_batches(domain),
                    row_count=count,
                )
            if self.includes_personal_sections:
                yield Part("requests", batches=self._request_batches())
                yield Part("family_links", self._family_links())
                yield Part("mandates", self._mandates())
                yield Part("access_log", batches=self._access_log_batches())
            else:
                yield Part("requests", [])
                yield Part("family_links", [])
                yield Part("mandates", {"granted": [], "received": []})
                yield Part("access_log", [])

    def _export_header(self) -> dict:
        return {
            "schema": schema_url(),
            "version": EXPORT_VERSION,
            "generated_at": self.generated_at.astimezone(datetime.UTC),
            "language": self.language,
            "generated_for": (
                "resident" if self.grant.is_self else str(self.grant.role)
            ),
            "filters": self.filters.as_json(self.domains),
            "record_count": self.record_count(),
        }

    def _resident(self) -> dict:
        user = self.resident
        return {
            "id": user.pk,
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "birth_date": user.birth_date,
            "preferred_language": user.preferred_language,
            "account_created_at": _utc(user.date_joined),
        }

    def _sources(self) -> list[dict]:
        source_ids = {source_id for _domain, source_id in self._counts_by_source()}
        sources = list(
            DataSource.objects.filter(pk__in=source_ids)
            .order_by("domain", "slug")
            .values_list(
                "pk",
                "slug",
                "domain",
                "organisation__name",
                "name_en",
                "name_fr",
                "description_en",
                "description_fr",
                "legal_basis",
                "legal_reference",
                "retention_months",
            )
        )
        kinds: dict[int, list[dict]] = {}
        for source_id, code, label_en, label_fr, measure, unit in (
            RecordKind.objects.filter(source_id__in=[row[0] for row in sources])
            .order_by("source_id", "code")
            .values_list("source_id", "code", "label_en", "label_fr", "measure", "unit")
        ):
            kinds.setdefault(source_id, []).append(
                {
                    "code": code,
                    "label": self._in_language(label_en, label_fr),
                    "measure": measure,
                    "unit": unit,
                }
            )
        return [
            {
                "slug": slug,
                "domain": domain,
                "organisation": organisation,
                "name": self._in_language(name_en, name_fr),
                "description": self._in_language(description_en, description_fr),
                "legal_basis": legal_basis,
                "legal_basis_label": str(LegalBasis(legal_basis).label),
                "legal_reference": legal_reference,
                "retention_months": retention_months,
                "kinds": kinds.get(pk, []),
            }
            for (
                pk,
                slug,
                domain,
                organisation,
                name_en,
                name_fr,
                description_en,
                description_fr,
                legal_basis,
                legal_reference,
                retention_months,
            ) in sources
        ]

    def _in_language(self, english: str, french: str) -> str:
        return french if self.language == "fr" and french else english

    def _domain_batches(self, domain: str) -> Iterator[bytes]:
        period, params = "", [self.resident.pk, domain]
        if self.filters.start:
            period += " AND r.occurred_on >= %s"
            params.append(self.filters.start)
        if self.filters.end:
            period += " AND r.occurred_on <= %s"
            params.append(self.filters.end)
        if connection.vendor == "postgresql":
            return _postgresql_batches(domain, period, params)
        return _sqlite_batches(_record_json_sql(period), params)

    def _period_filter(self, field_name: str) -> dict:
        lookups = {}
        if self.filters.start:
            lookups[f"{field_name}__date__gte"] = self.filters.start
        if self.filters.end:
            lookups[f"{field_name}__date__lte"] = self.filters.end
        return lookups

    def _request_batches(self) -> Iterator[bytes]:
        if not apps.is_installed("services.requests"):
            return
        from services.requests.models import (
            Attachment,
            Message,
            ServiceRequest,
            StatusChange,
        )

        requests = (
            ServiceRequest.objects.filter(
                resident=self.resident, **self._period_filter("created_at")
            )
            .exclude(status="draft")
            .order_by("created_at", "id")
        )
        request_ids = requests.values("id")
        history: dict[int, list] = {}
        for request_id, from_status, to_status, comment, at in (
            StatusChange.objects.filter(request_id__in=request_ids)
            .order_by("created_at", "id")
            .values_list(
                "request_id", "from_status", "to_status", "comment", "created_at"
            )
        ):
            history.setdefault(request_id, []).append(
                {
                    "at": _utc(at),
                    "from_status": from_status,
                    "to_status": to_status,
                    "comment": comment,
                }
            )
        messages: dict[int, list] = {}
        for request_id, from_agent, body, at in (
            Message.objects.filter(request_id__in=request_ids)
            .order_by("created_at", "id")
            .values_list("request_id", "from_agent", "body", "created_at")
        ):
            messages.setdefault(request_id, []).append(
                {
                    "at": _utc(at),
                    "from": "agent" if from_agent else "resident",
                    "body": body,
                }
            )
        attachments: dict[int, list] = {}
        for request_id, name, content_type, size, at in (
            Attachment.objects.filter(request_id__in=request_ids)
            .order_by("created_at", "id")
            .values_list(
                "request_id", "original_name", "content_type", "size", "created_at"
            )
        ):
            attachments.setdefault(request_id, []).append(
                {
                    "name": name,
                    "content_type": content_type,
                    "size": size,
                    "uploaded_at": _utc(at),
                }
            )
        rows = requests.values_list(
            "id",
            "reference",
            "service__slug",
            "service__title_en",
            "service__title_fr",
            "organisation__name",
            "status",
            "channel",
            "data",
            "created_at",
            "submitted_at",
        ).iterator(chunk_size=BATCH_ROWS)

        def to_item(row):
            (pk, reference, slug, title_en, title_fr, organisation, status) = row[:7]
            channel, data, created_at, submitted_at = row[7:]
            return {
                "reference": reference,
                "service": slug,
                "service_title": self._in_language(title_en, title_fr),
                "organisation": organisation,
                "status": status,
                "channel": channel,
                "answers": data,
                "created_at": _utc(created_at),
                "submitted_at": _utc(submitted_at),
                "history": history.get(pk, []),
                "messages": messages.get(pk, []),
                "attachments": attachments.get(pk, []),
            }

        yield from _orjson_batches(rows, to_item)

    def _family_links(self) -> list[dict]:
        links = []
        for kind, first, last, email, birth, created in (
            Relationship.objects.filter(guardian=self.resident)
            .order_by("created_at")
            .values_list(
                "kind",
                "minor__first_name",
                "minor__last_name",
                "minor__email",
                "minor__birth_date",
                "created_at",
            )
        ):
            links.append(
                {
                    "role": "guardian_of",
                    "kind": kind,
                    "person": {"name": f"{first} {last}".strip(), "email": email},
                    "birth_date": birth,
                    "since": _utc(created),
                }
            )
        for kind, first, last, email, created in (
            Relationship.objects.filter(minor=self.resident)
            .order_by("created_at")
            .values_list(
                "kind",
                "guardian__first_name",
                "guardian__last_name",
                "guardian__email",
                "created_at",
            )
        ):
            links.append(
                {
                    "role": "minor_of",
                    "kind": kind,
                    "person": {"name": f"{first} {last}".strip(), "email": email},
                    "birth_date": None,
                    "since": _utc(created),
                }
            )
        return links

    def _mandates(self) -> dict:
        def mandates(filter_on: str, other: str) -> list[dict]:
            return [
                {
                    "person": {"name": f"{first} {last}".strip(), "email": email},
                    "domains": domains,
                    "valid_until": valid_until,
                    "granted_at": _utc(created),
                    "revoked_at": _utc(revoked),
                }
                for first, last, email, domains, valid_until, created, revoked in (
                    Mandate.objects.filter(**{filter_on: self.resident})
                    .order_by("created_at")
                    .values_list(
                        f"{other}__first_name",
                        f"{other}__last_name",
                        f"{other}__email",
                        "domains",
                        "valid_until",
                        "created_at",
                        "revoked_at",
                    )
                )
            ]

        return {
            "granted": mandates("resident", "helper"),
            "received": mandates("helper", "resident"),
        }

    def _access_log_batches(self) -> Iterator[bytes]:
        rows = (
            AccessEvent.objects.filter(
                resident_ref=self.resident.pk, **self._period_filter("created_at")
            )
            .order_by("sequence")
            .values_list(
                "sequence",
                "created_at",
                "role",
                "actor_label",
                "organisation_label",
                "api_client_label",
                "what",
                "purpose",
                "hash",
            )
            .iterator(chunk_size=BATCH_ROWS)
        )
        return _orjson_batches(
            rows,
            lambda row: {
                "sequence": row[0],
                "at": _utc(row[1]),
                "role": row[2],
                "who": row[3],
                "organisation": row[4],
                "api_client": row[5],
                "what": row[6],
                "why": row[7],
                "hash": row[8],
            },
        )

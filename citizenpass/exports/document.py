"""The export document: everything public services hold about a resident, in one place.

:class:`ExportBuilder` is the one builder of the document. It never loads a resident's
data at once: :meth:`ExportBuilder.parts` yields the document's parts in order, and the
long ones (records, requests, the access log) as lazy *batches*, each a comma-separated
run of JSON values already encoded. The records' JSON comes from the database itself
(``json_object`` through a chunked cursor on SQLite; on PostgreSQL, text a trigger keeps
ready, streamed along an index), so rows never become model instances.

The JSON renderer (:mod:`citizenpass.exports.json_export`) writes the parts out as they
come; the PDF renderer reads the same parts through a summary that keeps monthly totals
and the latest rows only.
"""

import datetime
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import orjson
from django.apps import apps
from django.conf import settings
from django.db import connection, transaction
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
from citizenpass.records.tally import counts_by_source

EXPORT_VERSION = "1.1"
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
# be renamed: ``{members}``, built beforehand once per kind of the domain, see
# :func:`_postgresql_records_query`), then the rest, from its date on, which a trigger
# keeps ready in ``export_json_tail`` on every write (migration ``records.0005``):
# building each record's JSON during the download would cap it at a fifth of what
# writing the rows from memory does. The query reads the records' table alone, so that
# the index on (resident, domain, date, id) gives the order without a sort.
_POSTGRESQL_RECORDS = (
    """SELECT '{{"id":' || r.id::text || {members} || r.export_json_tail """
    "FROM {records} r WHERE r.resident_id = %s AND r.domain = %s{period} "
    "ORDER BY r.occurred_on, r.id"
)
# The members of a record's source, then of its kind.
_SOURCE_MEMBERS = (
    """',"source":' || to_json(s.slug)::text"""
    """ || ',"legal_basis":' || to_json(s.legal_basis)::text"""
)
_KIND_MEMBERS = """',"kind":' || to_json(k.code)::text"""
# Those of each kind of the domain's sources, with its source's before: one query
# before the records.
_POSTGRESQL_DOMAIN_MEMBERS = (
    f"SELECT k.id, s.id, {_SOURCE_MEMBERS} || {_KIND_MEMBERS} "  # noqa: S608
    "FROM {kinds} k JOIN {sources} s ON s.id = k.source_id WHERE s.domain = %s"
)
# Those of a record outside its source's domain (none: a record's domain is its
# source's), or whose kind is not its source's (none: ``PersonalRecord.clean``): two
# subqueries, run for such a record only.
_POSTGRESQL_MEMBERS_OF_RECORD = (
    f"((SELECT {_SOURCE_MEMBERS} FROM {{sources}} s WHERE s.id = r.source_id)"  # noqa: S608
    f" || (SELECT {_KIND_MEMBERS} FROM {{kinds}} k WHERE k.id = r.kind_id))"
)


def _tables() -> dict[str, str]:
    return {
        "records": PersonalRecord._meta.db_table,
        "sources": DataSource._meta.db_table,
        "kinds": RecordKind._meta.db_table,
    }


def _postgresql_records_query(cursor, domain: str, period: str) -> tuple[str, list]:
    """The query of :data:`_POSTGRESQL_RECORDS` for ``domain``.

    Returns the SQL and the parameters of the members it holds (those of the resident,
    the domain and the period follow). Records are read from their table alone: each
    record's members are picked by a ``CASE`` on its kind, then its source, among those
    of the domain, built once here; a single piece of text per kind keeps the server's
    work per record to three concatenations.
    """
    tables = _tables()
    fallback = _POSTGRESQL_MEMBERS_OF_RECORD.format(**tables)
    cursor.execute(_POSTGRESQL_DOMAIN_MEMBERS.format(**tables), [domain])
    kinds = cursor.fetchall()
    members, params = fallback, []
    if kinds:
        whens = f" WHEN %s THEN CASE r.source_id WHEN %s THEN %s ELSE {fallback} END"
        members = f"CASE r.kind_id{whens * len(kinds)} ELSE {fallback} END"
        params = [value for kind in kinds for value in kind]
    sql = _POSTGRESQL_RECORDS.format(**tables, period=period, members=members)
    return sql, params


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


# While a domain's records stream, the planner is kept to the index's order: its
# estimate favours reading the whole domain by bitmap then sorting it, which sends no
# row before the last is read and sorts on disk past ``work_mem``; along the index, the
# server reads while the rows already sent are written out. The estimate of a big
# domain also passes ``jit_above_cost``, and compiling the record's expression took
# longer than evaluating it (measured for 100,000 records: 420 ms with the sort, 360 ms
# along the index, 310 ms without the compilation).
_STREAMING_PLAN = {"enable_sort": "off", "enable_bitmapscan": "off", "jit": "off"}


def _postgresql_batches(domain: str, period: str, params: list) -> Iterator[bytes]:
    """The records' JSON of one domain from PostgreSQL, ``BATCH_ROWS`` at a time.

    One query for the whole domain, in the index's order, its rows sent by the server
    in chunks of ``BATCH_ROWS`` as it reads them (libpq's chunked rows mode): the
    server keeps reading while a chunk is written out, and memory holds one chunk. One
    statement sees one snapshot, so a record changed meanwhile is neither missed nor
    written twice. The connection is busy until the domain's last chunk: nothing else
    may use it while the batches are read (the PDF job's progress has its own).
    """
    own_transaction = not connection.in_atomic_block
    with transaction.atomic(savepoint=False), connection.cursor() as cursor:
        sql, member_params = _postgresql_records_query(cursor, domain, period)
        previous = _set_local(cursor, _STREAMING_PLAN)
        batch = []
        for (record,) in cursor.cursor.stream(
            sql, [*member_params, *params], size=BATCH_ROWS
        ):
            batch.append(record)
            if len(batch) >= BATCH_ROWS:
                yield ",".join(batch).encode()
                batch = []
        if batch:
            yield ",".join(batch).encode()
        if not own_transaction:  # the caller's transaction goes on with its own plans
            _set_local(cursor, previous)


def _set_local(cursor, settings: dict[str, str]) -> dict[str, str]:
    """Set ``settings`` until the transaction ends; returns those they replace."""
    names = list(settings)
    cursor.execute(
        "SELECT current_setting(name), set_config(name, value, true) "
        "FROM unnest(%s::text[], %s::text[]) AS given(name, value)",
        [names, [settings[name] for name in names]],
    )
    return dict(zip(names, (row[0] for row in cursor.fetchall()), strict=True))


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


@contextmanager
def _one_snapshot():
    """A read-only ``REPEATABLE READ`` transaction on PostgreSQL, unless one is open.

    Not on SQLite, whose transactions would hold its one write lock for the whole
    download."""
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        yield
        return
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        yield


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

    def _counts_by_source(self) -> dict[tuple[str, int], int]:
        """``(domain, source id) → records`` in the document: read once, for the
        domains' counts and the sources listed."""
        if self._by_source is None:
            self._by_source = counts_by_source(
                self.resident.pk,
                self.domains,
                start=self.filters.start,
                end=self.filters.end,
            )
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
        """The document's parts, in order, each long list read lazily.

        On PostgreSQL they are all read from one snapshot (unless the caller holds a
        transaction: then from the caller's), so that the counts the document opens
        with are those of the records it holds, even while an import runs."""
        with translation.override(self.language), _one_snapshot():
            self._by_source = None  # counted again, within the snapshot
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
                    "person": {
                        "name": f"{first or ''} {last or ''}".strip(),
                        "email": email or invited,
                    },
                    "domains": domains,
                    "valid_until": valid_until,
                    "granted_at": _utc(created),
                    "accepted_at": _utc(accepted),
                    "revoked_at": _utc(revoked),
                }
                for (
                    first,
                    last,
                    email,
                    invited,
                    domains,
                    valid_until,
                    created,
                    accepted,
                    revoked,
                ) in (
                    Mandate.objects.filter(**{filter_on: self.resident})
                    .order_by("created_at")
                    .values_list(
                        f"{other}__first_name",
                        f"{other}__last_name",
                        f"{other}__email",
                        "helper_email",
                        "domains",
                        "valid_until",
                        "created_at",
                        "accepted_at",
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

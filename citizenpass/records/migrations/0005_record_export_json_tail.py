"""PostgreSQL keeps each record's JSON, from its date on, ready for the data download.

Building every record's JSON while a download runs limits it to about a fifth of what
writing the same rows from memory does: the export must go faster than that. So the
records' table gets a column ``export_json_tail`` holding the record's members from
``occurred_on`` to the closing brace, kept by a trigger on every insert and update
(ORM, bulk insert, COPY, bulk update alike), so it can never be out of step with the
row. The export prefixes ``{"id":…`` and the source's and kind's members, which can be
renamed, at read time (``citizenpass.exports.document``).

The column is the database's, not a model field: the ORM never loads it. Dates are
written with ``to_char`` so that the text does not depend on the session's date style.
A change to this format is a new migration that replaces the function and rewrites the
column (``UPDATE … SET id = id``). SQLite builds the whole JSON at read time instead.
"""

from django.db import migrations

TABLE = "records_personalrecord"

_UTC = (
    "coalesce('\"' || to_char({} AT TIME ZONE 'UTC', "
    "'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') || '\"', 'null')"
)

CREATE = f"""
CREATE FUNCTION records_personalrecord_export_json_tail() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    NEW.export_json_tail :=
        ',"occurred_on":"' || to_char(NEW.occurred_on, 'YYYY-MM-DD')
        || '","period_end":'
        || coalesce('"' || to_char(NEW.period_end, 'YYYY-MM-DD') || '"', 'null')
        || ',"title":' || coalesce(to_json(NEW.title)::text, 'null')
        || ',"value":' || coalesce(NEW.value::text, 'null')
        || ',"unit":' || coalesce(to_json(NEW.unit)::text, 'null')
        || ',"payload":' || coalesce(NEW.payload::text, 'null')
        || ',"external_id":' || coalesce(to_json(NEW.external_id)::text, 'null')
        || ',"received_at":' || {_UTC.format("NEW.created_at")}
        || ',"corrected_at":' || {_UTC.format("NEW.updated_at")}
        || '}}';
    RETURN NEW;
END
$$;
ALTER TABLE {TABLE} ADD COLUMN export_json_tail text;
CREATE TRIGGER records_personalrecord_export_json_tail
    BEFORE INSERT OR UPDATE ON {TABLE}
    FOR EACH ROW EXECUTE FUNCTION records_personalrecord_export_json_tail();
UPDATE {TABLE} SET id = id;
ALTER TABLE {TABLE} ALTER COLUMN export_json_tail SET NOT NULL;
"""

DROP = f"""
DROP TRIGGER records_personalrecord_export_json_tail ON {TABLE};
DROP FUNCTION records_personalrecord_export_json_tail();
ALTER TABLE {TABLE} DROP COLUMN export_json_tail;
"""


def _on_postgresql(sql: str):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("records", "0004_record_index_with_id")]

    operations = [
        migrations.RunPython(_on_postgresql(CREATE), _on_postgresql(DROP)),
    ]

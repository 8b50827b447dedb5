"""PostgreSQL keeps each resident's record counts per domain and source as they change.

The data download opens with how many records it holds, per domain, and lists the
sources they come from: counting them among a resident's 100,000 records took a fifth
of the download. Statement triggers on the records' table now add, after every
statement that inserts, updates or deletes records (ORM, bulk insert, COPY, upsert,
bulk update alike), one ``records_recordtally`` row per (resident, domain, source) the
statement changed, with the difference. Only new rows are written, never updated, so
concurrent imports touching the same residents neither wait on each other nor
deadlock. ``citizenpass.records.tally`` reads the sums; ``manage.py fold_record_tallies``
folds the rows together.

Records without a resident (detached from a deleted account) are not counted. The
existing records are counted once here. SQLite keeps no tally: the download counts.
"""

from django.db import migrations, models

RECORDS = "records_personalrecord"
TALLY = "records_recordtally"

CREATE = f"""
CREATE FUNCTION records_personalrecord_tally() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO {TALLY} (resident_id, domain, source_id, delta)
        SELECT resident_id, domain, source_id, count(*) FROM added
        WHERE resident_id IS NOT NULL GROUP BY 1, 2, 3;
    ELSIF TG_OP = 'DELETE' THEN
        INSERT INTO {TALLY} (resident_id, domain, source_id, delta)
        SELECT resident_id, domain, source_id, -count(*) FROM removed
        WHERE resident_id IS NOT NULL GROUP BY 1, 2, 3;
    ELSE
        INSERT INTO {TALLY} (resident_id, domain, source_id, delta)
        SELECT resident_id, domain, source_id, sum(delta) FROM (
            SELECT resident_id, domain, source_id, -1 AS delta FROM removed
            UNION ALL
            SELECT resident_id, domain, source_id, 1 AS delta FROM added
        ) AS moved
        WHERE resident_id IS NOT NULL GROUP BY 1, 2, 3 HAVING sum(delta) <> 0;
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER records_personalrecord_tally_insert
    AFTER INSERT ON {RECORDS} REFERENCING NEW TABLE AS added
    FOR EACH STATEMENT EXECUTE FUNCTION records_personalrecord_tally();
CREATE TRIGGER records_personalrecord_tally_update
    AFTER UPDATE ON {RECORDS} REFERENCING OLD TABLE AS removed NEW TABLE AS added
    FOR EACH STATEMENT EXECUTE FUNCTION records_personalrecord_tally();
CREATE TRIGGER records_personalrecord_tally_delete
    AFTER DELETE ON {RECORDS} REFERENCING OLD TABLE AS removed
    FOR EACH STATEMENT EXECUTE FUNCTION records_personalrecord_tally();
INSERT INTO {TALLY} (resident_id, domain, source_id, delta)
SELECT resident_id, domain, source_id, count(*) FROM {RECORDS}
WHERE resident_id IS NOT NULL GROUP BY 1, 2, 3;
"""

DROP = f"""
DROP TRIGGER records_personalrecord_tally_insert ON {RECORDS};
DROP TRIGGER records_personalrecord_tally_update ON {RECORDS};
DROP TRIGGER records_personalrecord_tally_delete ON {RECORDS};
DROP FUNCTION records_personalrecord_tally();
"""


def _on_postgresql(sql: str):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("records", "0005_record_export_json_tail")]

    operations = [
        migrations.CreateModel(
            name="RecordTally",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True,
                        primary_key=True,
                        serialize=False,
                        verbose_name="ID",
                    ),
                ),
                ("resident_id", models.BigIntegerField(verbose_name="resident")),
                (
                    "domain",
                    models.CharField(
                        choices=[
                            ("education", "Education"),
                            ("mobility", "Mobility"),
                            ("water", "Water"),
                            ("energy", "Energy"),
                            ("housing", "Housing"),
                            ("social", "Social support"),
                            ("health", "Health"),
                            ("civil_status", "Civil status"),
                            ("culture", "Culture"),
                        ],
                        max_length=20,
                        verbose_name="domain",
                    ),
                ),
                ("source_id", models.BigIntegerField(verbose_name="source")),
                (
                    "delta",
                    models.IntegerField(verbose_name="records added or removed"),
                ),
            ],
            options={
                "verbose_name": "record tally",
                "verbose_name_plural": "record tallies",
                "indexes": [
                    models.Index(fields=["resident_id"], name="record_tally_resident")
                ],
            },
        ),
        migrations.RunPython(_on_postgresql(CREATE), _on_postgresql(DROP)),
    ]

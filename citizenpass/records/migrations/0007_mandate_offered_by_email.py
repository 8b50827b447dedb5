import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models
from django.db.models import F, OuterRef, Subquery
from django.db.models.functions import Lower


def mandates_before_now_were_accepted(apps, schema_editor):
    """Mandates given before invitations were named after their helper's account and
    in force at once: they keep that address and count as accepted when given."""
    Mandate = apps.get_model("records", "Mandate")
    User = apps.get_model(*settings.AUTH_USER_MODEL.split("."))
    Mandate.objects.update(
        helper_email=Subquery(
            User.objects.filter(pk=OuterRef("helper_id")).values(
                address=Lower("email")
            )[:1]
        ),
        accepted_at=F("created_at"),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("records", "0006_record_tally"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="mandate",
            name="accepted_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="accepted"),
        ),
        migrations.AddField(
            model_name="mandate",
            name="helper_email",
            field=models.EmailField(
                default="",
                help_text="The mandate is offered to this address, in lower case.",
                max_length=254,
                verbose_name="email address invited",
            ),
            preserve_default=False,
        ),
        migrations.RunPython(
            mandates_before_now_were_accepted, migrations.RunPython.noop
        ),
        migrations.AlterField(
            model_name="mandate",
            name="helper",
            field=models.ForeignKey(
                blank=True,
                help_text="The account that accepted the mandate.",
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="mandates_received",
                to=settings.AUTH_USER_MODEL,
                verbose_name="helper",
            ),
        ),
        migrations.AddConstraint(
            model_name="mandate",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("accepted_at__isnull", True),
                    ("helper__isnull", False),
                    _connector="OR",
                ),
                name="mandate_accepted_by_a_helper",
            ),
        ),
    ]

"""The eligibility rules the service starts with (the ministry changes them on the rules page)."""

from django.db import migrations

DEFAULT_RULES = (
    {"kind": "job_loss_recent", "months": 12},
    {"kind": "age_range", "min_age": 18, "max_age": 60},
    {"kind": "not_in_running_cohort"},
    {"kind": "proof_present"},
)


def seed(apps, schema_editor):  # noqa: ANN001, ANN201
    rule = apps.get_model("service", "EligibilityRule")
    for values in DEFAULT_RULES:
        rule.objects.get_or_create(kind=values["kind"], defaults=values)


class Migration(migrations.Migration):
    dependencies = [("service", "0002_eligibility")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]

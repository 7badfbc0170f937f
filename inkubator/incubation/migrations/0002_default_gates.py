"""The default stage gates: to graduate, an NIB, a business plan and figures for the last three months.

To enter post-incubation, a business plan. The ministry changes these rows, not the code.
"""

from django.db import migrations

DEFAULT_GATES = (
    {"to_stage": "post_incubation", "kind": "milestone", "milestone_kind": "business_plan"},
    {"to_stage": "graduated", "kind": "licence", "licence_kind": "nib"},
    {"to_stage": "graduated", "kind": "milestone", "milestone_kind": "business_plan"},
    {"to_stage": "graduated", "kind": "reports", "months": 3},
)


def add_gates(apps, schema_editor):  # noqa: ANN001, ANN201
    StageGate = apps.get_model("incubation", "StageGate")
    for gate in DEFAULT_GATES:
        StageGate.objects.get_or_create(**gate)


def remove_gates(apps, schema_editor):  # noqa: ANN001, ANN201
    StageGate = apps.get_model("incubation", "StageGate")
    for gate in DEFAULT_GATES:
        StageGate.objects.filter(**gate).delete()


class Migration(migrations.Migration):
    dependencies = [("incubation", "0001_initial")]

    operations = [migrations.RunPython(add_gates, remove_gates)]

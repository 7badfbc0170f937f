import django.db.models.deletion
from django.db import migrations, models

# The two foreign keys' own indexes are dropped, nothing else: letting Django alter the fields would
# also drop and re-add both foreign key constraints, re-checking every enrolment for nothing.
INDEXES = (
    ("training_enrollment_person_id_b448894b", "person_id"),
    ("training_enrollment_batch_id_8a40b6c0", "batch_id"),
)


class Migration(migrations.Migration):
    """Enrolments keep no index twice: (person, batch) and (batch, status) serve the foreign keys."""

    dependencies = [
        ("people", "0002_lean_indexes"),
        ("training", "0002_trainingbatch_venue"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.RunSQL(
                    sql=f'DROP INDEX IF EXISTS "{name}"',
                    reverse_sql=f'CREATE INDEX "{name}" ON "training_enrollment" ("{column}")',
                )
                for name, column in INDEXES
            ],
            state_operations=[
                migrations.AlterField(
                    model_name="enrollment",
                    name="batch",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="enrollments",
                        to="training.trainingbatch",
                        verbose_name="batch",
                    ),
                ),
                migrations.AlterField(
                    model_name="enrollment",
                    name="person",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="enrollments",
                        to="people.person",
                        verbose_name="trainee",
                    ),
                ),
            ],
        )
    ]

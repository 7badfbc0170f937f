# The tenant list's sort key: the person's name copied onto the tenant, indexed with the group name
# (issue 14: the list joined 100,000 tenants to a million people to sort each page).

from django.conf import settings
from django.db import migrations, models


def copy_names(apps, schema_editor):
    """Every tenant's person's name, as ``tenant_create`` writes it from now on."""
    Tenant = apps.get_model("incubation", "Tenant")
    Person = apps.get_model("people", "Person")
    name = Person.objects.filter(pk=models.OuterRef("person_id")).values("name")[:1]
    Tenant.objects.update(person_name=models.Subquery(name))


class Migration(migrations.Migration):
    dependencies = [
        ("centres", "0004_import_notes"),
        ("incubation", "0007_tenant_joined_index"),
        ("people", "0003_partial_village_index"),
        ("regions", "0001_initial"),
        ("venues", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="tenant",
            name="person_name",
            field=models.CharField(blank=True, editable=False, max_length=150, verbose_name="person's name"),
        ),
        migrations.RunPython(copy_names, migrations.RunPython.noop, elidable=True),
        migrations.AddIndex(
            model_name="tenant",
            index=models.Index(fields=["group_name", "person_name"], name="tenant_sort_name"),
        ),
    ]

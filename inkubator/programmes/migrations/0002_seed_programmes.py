"""The ministry's programmes the system steers by (DESIGN.md, "programmes"; PROGRAMME_FACTS.md)."""

from django.db import migrations

# Official programme names are proper names, kept in Indonesian in both languages.
PROGRAMMES = [
    ("blkk", "Pelatihan Vokasi BLK Komunitas", "Vocational training at community training centres (BLKK)."),
    ("incubators", "Inkubator Wirausaha BLK Komunitas", "Centres designated as entrepreneurship incubators."),
    ("tkm", "Tenaga Kerja Mandiri (TKM)", "Grants for new (pemula) and growing (lanjutan) entrepreneurs."),
    (
        "laid_off",
        "Layanan Wirausaha bagi Pekerja Terkena PHK",
        "The free entrepreneurship service for laid-off workers.",
    ),
    ("area_based", "Perluasan Kesempatan Kerja Berbasis Kawasan", "Area-based employment expansion."),
    ("desmigratif", "Desa Migran Produktif (Desmigratif)", "Productive migrant villages."),
    ("community_based", "Perluasan Kesempatan Kerja Berbasis Masyarakat", "Community-based employment expansion."),
]


def seed(apps, schema_editor):
    Programme = apps.get_model("programmes", "Programme")
    for order, (code, name, description) in enumerate(PROGRAMMES):
        Programme.objects.update_or_create(
            code=code, defaults={"name": name, "description": description, "order": order}
        )


def unseed(apps, schema_editor):
    apps.get_model("programmes", "Programme").objects.filter(code__in=[code for code, *_ in PROGRAMMES]).delete()


class Migration(migrations.Migration):
    dependencies = [("programmes", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]

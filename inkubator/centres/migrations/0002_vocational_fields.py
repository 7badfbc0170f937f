"""Seed the master list of vocational fields (kejuruan) with the fields centres really offer.

Source: the fields named in the programme's public material (PROGRAMME_FACTS.md). The list is data:
ministry admins can add fields later; a re-run leaves existing rows alone.
"""

from django.db import migrations

FIELDS = [
    ("otomotif", "Teknik Otomotif (Sepeda Motor)", "Automotive (motorcycle) engineering"),
    ("pendingin", "Teknik Pendingin (Refrigerasi)", "Refrigeration engineering"),
    ("las", "Teknik Las", "Welding"),
    ("furnitur", "Konstruksi Furnitur dan Kriya Kayu", "Furniture construction and woodcraft"),
    ("perkapalan", "Teknik Perkapalan", "Shipbuilding"),
    ("telekomunikasi", "Instalasi Infrastruktur Telekomunikasi", "Telecommunication infrastructure installation"),
    ("elektronika", "Elektronika", "Electronics"),
    ("listrik", "Teknik Listrik", "Electrical engineering"),
    ("tik", "Teknologi Informasi dan Komunikasi", "Information and communication technology"),
    ("robotika", "Robotika", "Robotics"),
    ("multimedia", "Multimedia", "Multimedia"),
    ("dkv", "Desain Komunikasi Visual", "Visual communication design"),
    ("agroindustri", "Pengolahan Hasil Pertanian (Agroindustri)", "Agricultural product processing (agro-industry)"),
    ("perikanan", "Pengolahan Hasil Perikanan", "Fishery product processing"),
    ("menjahit", "Menjahit / Garmen Apparel", "Sewing / garment apparel"),
    ("fesyen", "Fesyen", "Fashion"),
    ("tata-boga", "Tata Boga / Processing", "Culinary / food processing"),
    ("industri-kreatif", "Industri Kreatif", "Creative industry"),
    ("kesenian", "Kesenian", "Arts"),
    ("seni-kriya", "Seni Kriya", "Crafts"),
    ("bahasa", "Bahasa", "Languages"),
    ("hubungan-industrial", "Hubungan Industrial", "Industrial relations"),
    ("bisnis-manajemen", "Bisnis dan Manajemen", "Business and management"),
    ("pariwisata", "Pariwisata", "Tourism"),
    ("tata-kecantikan", "Tata Kecantikan", "Beauty care"),
    ("bangunan", "Bangunan", "Building construction"),
]


def seed(apps, schema_editor):
    VocationalField = apps.get_model("centres", "VocationalField")
    for code, name, name_en in FIELDS:
        VocationalField.objects.get_or_create(code=code, defaults={"name": name, "name_en": name_en})


class Migration(migrations.Migration):
    dependencies = [("centres", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]

"""A loan's bank becomes a partner of the register (issue 13); text that names no partner is kept.

The free text is renamed ``bank_name``; each distinct text is looked up among the partners by name
or short name (case, dots, spacing and a leading "Bank"/"PT" ignored: "bri", "Bank BRI" and
"PT Bank Rakyat Indonesia (Persero) Tbk" all find BRI). A text that finds exactly one partner (a bank
preferred when a non-bank shares the name) becomes the foreign key and the text is cleared; any other
text stays as the name of a lender outside the register. Undone, the partner's name goes back into
the text. Loans are updated by distinct text, one UPDATE each, so a national table takes seconds.
"""

import re

import django.db.models.deletion
from django.db import migrations, models

_PREFIXES = ("pt ", "bank ")


def name_keys(text: str) -> set[str]:
    """The forms under which ``text`` may name a partner (kept here: a migration must not change later)."""
    key = " ".join(re.sub(r"[.,()]", " ", text).casefold().split())
    keys = {key} if key else set()
    for _ in range(2):  # "PT Bank X" → "Bank X" → "X"
        for prefix in _PREFIXES:
            keys |= {k[len(prefix) :] for k in keys if k.startswith(prefix) and len(k) > len(prefix)}
    return keys


def link_lenders(apps, schema_editor) -> None:
    Loan = apps.get_model("incubation", "Loan")
    Partner = apps.get_model("partners", "Partner")
    found: dict[str, set[tuple[bool, int]]] = {}
    for pk, name, short_name, kind in Partner.objects.values_list("pk", "name", "short_name", "kind"):
        for key in name_keys(name) | name_keys(short_name):
            found.setdefault(key, set()).add((kind == "bank", pk))
    texts = Loan.objects.filter(bank__isnull=True).exclude(bank_name="").values_list("bank_name", flat=True)
    for text in set(texts):
        partners: set[tuple[bool, int]] = set()
        for key in name_keys(text):
            partners |= found.get(key, set())
        banks = {pk for is_bank, pk in partners if is_bank}
        chosen = banks if banks else {pk for _, pk in partners}
        if len(chosen) == 1:
            Loan.objects.filter(bank__isnull=True, bank_name=text).update(bank_id=chosen.pop(), bank_name="")


def unlink_lenders(apps, schema_editor) -> None:
    Loan = apps.get_model("incubation", "Loan")
    Partner = apps.get_model("partners", "Partner")
    for pk in Loan.objects.filter(bank__isnull=False).values_list("bank_id", flat=True).distinct():
        name = Partner.objects.get(pk=pk).name[:120]
        Loan.objects.filter(bank_id=pk, bank_name="").update(bank_name=name)


class Migration(migrations.Migration):
    dependencies = [
        ("incubation", "0004_tenant_venue"),
        ("partners", "0002_partner_register_and_agreements"),
    ]

    operations = [
        migrations.RenameField(model_name="loan", old_name="bank", new_name="bank_name"),
        migrations.AlterField(
            model_name="loan",
            name="bank_name",
            field=models.CharField(
                blank=True, help_text="A lender that is not a partner.", max_length=120, verbose_name="other lender"
            ),
        ),
        migrations.AddField(
            model_name="loan",
            name="bank",
            field=models.ForeignKey(
                blank=True,
                help_text="The lender, when it is a partner of the programme.",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="loans",
                to="partners.partner",
                verbose_name="bank",
            ),
        ),
        migrations.RunPython(link_lenders, unlink_lenders, elidable=False),
    ]

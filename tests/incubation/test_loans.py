"""A loan's bank is a partner of the register (issue 13): the form, the profile, the data migration."""

from __future__ import annotations

import datetime
import importlib

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from inkubator.core.roles import Role
from inkubator.incubation import services
from inkubator.incubation.models import Loan
from inkubator.partners.models import Partner
from tests.factories import PartnerFactory, make_user

from .factories import make_incubator, make_tenant

pytestmark = pytest.mark.django_db

migration = importlib.import_module("inkubator.incubation.migrations.0005_loan_bank_partner")
DAY = datetime.date(2026, 2, 1)


@pytest.fixture
def setting() -> dict:
    centre = make_incubator()
    manager = make_user(Role.CENTRE_MANAGER, centres=[centre])
    client = Client()
    client.force_login(manager)
    bri = PartnerFactory(name="PT Bank Rakyat Indonesia (Persero) Tbk", short_name="BRI", kind=Partner.Kind.BANK)
    return {"tenant": make_tenant(incubator=centre), "client": client, "bri": bri}


def test_the_loan_form_offers_partner_banks_and_records_the_partner(setting: dict) -> None:
    PartnerFactory(name="PT Pertamina (Persero)", kind=Partner.Kind.STATE_COMPANY)
    PartnerFactory(name="PT Bank Tutup", kind=Partner.Kind.BANK, active=False)
    url = reverse("incubation:record_create", args=[setting["tenant"].pk, "loan"])
    form = setting["client"].get(url).context["form"]
    assert list(form.fields["bank"].queryset) == [setting["bri"]]  # banks only, active ones
    data = {"scheme": "KUR Mikro", "amount": "25000000", "status": "applied", "applied_on": DAY.isoformat()}
    response = setting["client"].post(url, {**data, "bank": setting["bri"].pk})
    assert response.status_code == 302
    loan = Loan.objects.get()
    assert (loan.bank, loan.bank_name, loan.lender) == (setting["bri"], "", "BRI")
    profile = setting["client"].get(reverse("incubation:tenant_detail", args=[setting["tenant"].pk]))
    assert "KUR Mikro BRI" in profile.content.decode()


def test_a_lender_outside_the_register_is_named_and_one_lender_is_asked(setting: dict) -> None:
    url = reverse("incubation:record_create", args=[setting["tenant"].pk, "loan"])
    data = {"scheme": "KUR", "amount": "5000000", "status": "applied", "applied_on": DAY.isoformat()}
    nobody = setting["client"].post(url, data)
    assert nobody.status_code == 400
    assert nobody.context["form"].errors["bank"] == ["Pilih bank, atau sebutkan pemberi pinjaman jika bukan mitra."]
    both = setting["client"].post(url, {**data, "bank": setting["bri"].pk, "bank_name": "Koperasi"})
    assert both.status_code == 400 and "bank_name" in both.context["form"].errors
    assert setting["client"].post(url, {**data, "bank_name": " Koperasi Maju "}).status_code == 302
    assert Loan.objects.get().lender == "Koperasi Maju"


def test_the_service_refuses_a_loan_without_a_lender(setting: dict) -> None:
    with pytest.raises(ValidationError, match="Choose the bank|Pilih bank"):
        services.loan_create(tenant=setting["tenant"], amount=1_000_000, applied_on=DAY)


def test_name_keys_ignore_case_dots_and_the_pt_and_bank_prefixes() -> None:
    assert migration.name_keys("PT. Bank Rakyat Indonesia (Persero) Tbk") >= {"rakyat indonesia persero tbk"}
    assert migration.name_keys("Bank BRI") == {"bank bri", "bri"}
    assert migration.name_keys("  ") == set()


def test_the_migration_links_loan_text_to_partners_and_keeps_the_rest(setting: dict) -> None:
    """Existing free text: matched by name or short name to exactly one partner (a bank first), else kept."""
    tenant, bri = setting["tenant"], setting["bri"]
    mandiri = PartnerFactory(name="PT Bank Mandiri (Persero) Tbk", short_name="Bank Mandiri", kind=Partner.Kind.BANK)
    # A non-bank sharing a short name with a bank: the bank is chosen.
    PartnerFactory(name="Bina Rakyat Indonesia Foundation", short_name="BRI", kind=Partner.Kind.ASSOCIATION)
    PartnerFactory(name="Koperasi Sejahtera A", short_name="KS", kind=Partner.Kind.OTHER)
    PartnerFactory(name="Koperasi Sejahtera B", short_name="KS", kind=Partner.Kind.OTHER)
    texts = ["bri", "Bank BRI", "PT BANK RAKYAT INDONESIA (PERSERO) TBK", "mandiri", "KS", "Pegadaian", "BRI"]
    loans = [Loan.objects.create(tenant=tenant, bank_name=t, amount=1_000_000, applied_on=DAY) for t in texts]
    Loan.objects.create(tenant=tenant, bank=mandiri, amount=1_000_000, applied_on=DAY)  # already linked
    migration.link_lenders(apps, None)
    got = [(loan.bank_id, loan.bank_name) for loan in Loan.objects.filter(pk__in=[x.pk for x in loans]).order_by("pk")]
    assert got == [
        (bri.pk, ""),
        (bri.pk, ""),
        (bri.pk, ""),
        (mandiri.pk, ""),
        (None, "KS"),  # two partners answer to it: kept as text
        (None, "Pegadaian"),  # no partner: kept as text
        (bri.pk, ""),
    ]
    migration.unlink_lenders(apps, None)
    assert set(Loan.objects.filter(bank=bri).values_list("bank_name", flat=True)) == {bri.name}

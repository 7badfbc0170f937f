"""Data-subject rights (UU 27/2022): export everything about one person, correct it, erase it with the
figures unchanged and the person unfindable; every act recorded with its legal basis; ministry admins only."""

from __future__ import annotations

import datetime
import json
from io import StringIO

import pytest
from auditlog.models import LogEntry
from django.core.management import call_command
from django.db.models import Q
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from inkubator.accounts.services import api_token_create
from inkubator.core.roles import Role
from inkubator.incubation.models import Business, MonthlyReport, Tenant
from inkubator.people.models import Person
from inkubator.people.services import person_update
from inkubator.privacy.models import DataSubjectRequest
from inkubator.programmes.indicators import available_indicators, indicator_total
from inkubator.training.models import Outcome
from tests.factories import CentreFactory, make_user
from tests.incubation.factories import make_tenant, report
from tests.people.factories import PersonFactory
from tests.training.factories import EnrollmentFactory, OutcomeFactory

pytestmark = pytest.mark.django_db
REQUEST = {"basis": "subject_request", "basis_detail": "", "requester": "Yang bersangkutan, surat 3 Maret 2026"}


@pytest.fixture
def subject():  # noqa: ANN201
    """One person who trained (with a tracer outcome) and then became a tenant with an account and figures."""
    person = PersonFactory(name="Rina Marlina Subjek", phone="+6281277776543", address="Jl. Melati 7, Bekasi")
    centre = CentreFactory()
    enrolment = EnrollmentFactory(person=person, batch__centre=centre, status="completed")
    OutcomeFactory(enrollment=enrolment, status="self_employed", business_name="Keripik Rina", wave=3)
    account = make_user(Role.ENTREPRENEUR, username="rina.subjek", first_name="Rina", last_name="Marlina")
    tenant = make_tenant(person=person, entrepreneur=account)
    report(tenant, datetime.date(2026, 1, 1))
    person_update(person=person, phone="+6281277776543")  # an audit entry with a (masked) phone change
    return person


@pytest.fixture
def admin_client(client: Client) -> Client:
    client.force_login(make_user(Role.MINISTRY_ADMIN))
    return client


def test_the_nik_goes_in_a_post_and_the_pages_name_the_record_only(admin_client: Client, subject: Person) -> None:
    response = admin_client.post(reverse("privacy:index"), {"nik": subject.nik})
    assert response.status_code == 302 and subject.nik not in response["Location"]
    page = admin_client.get(response["Location"])
    assert page.status_code == 200 and "no-store" in page["Cache-Control"]
    assert subject.nik not in page.content.decode()
    unknown = admin_client.post(reverse("privacy:index"), {"nik": "3216010101990009"})
    assert unknown.status_code == 400 and "Tidak ada orang" in unknown.content.decode()


def test_export_holds_records_from_every_app_that_holds_person_data(admin_client: Client, subject: Person) -> None:
    response = admin_client.post(reverse("privacy:export", args=[subject.pk]), {**REQUEST, "format": "json"})
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    data = json.loads(response.content)
    assert data["person"]["nik"] == subject.nik
    models = {block["model"]: block["rows"] for block in data["records"]}
    expected = {"training.Enrollment", "training.Outcome", "incubation.Tenant", "incubation.Business",
                "incubation.MonthlyReport"}  # fmt: skip
    assert expected <= set(models)
    # Generic: every model pointing at Person that has a row for this person is in the export.
    from django.apps import apps

    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            about_person = field.is_relation and field.related_model is Person and model is not DataSubjectRequest
            if about_person and model._default_manager.filter(**{field.name: subject}).exists():
                assert model._meta.label in models, model._meta.label
    assert [a["username"] for a in data["accounts"]] == ["rina.subjek"]
    assert "password" not in json.dumps(data["accounts"])
    assert data["audit"]
    request = DataSubjectRequest.objects.get()
    assert (request.kind, request.basis, request.person) == ("access", "subject_request", subject)


def test_export_as_pdf(admin_client: Client, subject: Person) -> None:
    response = admin_client.post(reverse("privacy:export", args=[subject.pk]), {**REQUEST, "format": "pdf"})
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def _totals(user) -> dict[str, int]:  # noqa: ANN001
    return {i.code: indicator_total(i, user=user, year=None) for i in available_indicators()}


def test_erasure_keeps_every_figure_and_leaves_the_person_unfindable(admin_client: Client, subject: Person) -> None:
    admin = make_user(Role.MINISTRY_ADMIN)
    nik, name, phone = subject.nik, subject.name, subject.phone
    account = Tenant.objects.get(person=subject).entrepreneur
    token, key = api_token_create(user=account, name="Skrip")
    before = _totals(admin)
    assert sum(before.values()) > 0
    counts = (Outcome.objects.count(), Tenant.objects.count(), Business.objects.count(), MonthlyReport.objects.count())
    missing_basis = admin_client.post(reverse("privacy:erase", args=[subject.pk]), {**REQUEST, "confirm": "0"})
    assert missing_basis.status_code == 400 and Person.objects.filter(nik=nik).exists()

    response = admin_client.post(reverse("privacy:erase", args=[subject.pk]), {**REQUEST, "confirm": str(subject.pk)})
    assert response.status_code == 302

    assert _totals(admin) == before
    assert counts == (Outcome.objects.count(), Tenant.objects.count(), Business.objects.count(),
                      MonthlyReport.objects.count())  # fmt: skip
    assert not Person.objects.filter(Q(nik=nik) | Q(name__icontains="Rina Marlina") | Q(phone=phone)).exists()
    assert not Person.objects.filter(phone__endswith=phone[-4:]).filter(pk=subject.pk).exists()
    assert not Outcome.objects.filter(business_name__icontains="Rina").exists()
    assert Business.objects.get(tenant__person=subject).address == ""  # registered as personal by incubation
    # The name the tenant list sorts by (people.name_copies) is the anonymous one too.
    assert Tenant.objects.get(person=subject).person_name == Person.objects.get(pk=subject.pk).name != name
    for text in (name, "Rina Marlina", nik, phone[-4:] + "X"):
        assert not LogEntry.objects.filter(Q(object_repr__icontains=text) | Q(changes__icontains=text)).exists(), text
    account.refresh_from_db()
    assert not account.is_active and account.first_name == "" and not account.has_usable_password()
    assert admin_client.get(reverse("api:centre-list"), headers={"Authorization": f"Token {key}"}).status_code == 401
    request = DataSubjectRequest.objects.get(kind="erasure")
    assert request.basis == "subject_request" and request.requester.startswith("Yang bersangkutan")
    assert nik not in request.outcome and name not in request.outcome


def test_correction_is_recorded(admin_client: Client, subject: Person) -> None:
    url = reverse("privacy:correct", args=[subject.pk])
    form = admin_client.get(url)
    assert form.status_code == 200
    data = {**form.context["form"].initial, **REQUEST, "phone": "0812 1111 2222"}
    data["birth_date"] = subject.birth_date.isoformat()
    response = admin_client.post(url, {k: v for k, v in data.items() if v is not None})
    assert response.status_code == 302, response.context["form"].errors if response.context else ""
    subject.refresh_from_db()
    assert subject.phone == "+6281211112222"
    assert DataSubjectRequest.objects.get(kind="correction").outcome.endswith("phone.")


def test_a_corrected_name_reaches_the_tenant_lists_copy(admin_client: Client, subject: Person) -> None:
    url = reverse("privacy:correct", args=[subject.pk])
    data = {**admin_client.get(url).context["form"].initial, **REQUEST, "name": "Rina Marlina Baru"}
    data["birth_date"] = subject.birth_date.isoformat()
    assert admin_client.post(url, {k: v for k, v in data.items() if v is not None}).status_code == 302
    # The tenant list sorts by a copy of the name (people.name_copies): it follows the correction.
    assert Tenant.objects.get(person=subject).person_name == "Rina Marlina Baru"


def test_an_other_basis_must_be_described(admin_client: Client, subject: Person) -> None:
    response = admin_client.post(
        reverse("privacy:export", args=[subject.pk]), {**REQUEST, "basis": "other", "format": "json"}
    )
    assert response.status_code == 400 and not DataSubjectRequest.objects.exists()


@pytest.mark.parametrize(
    ("role", "scope"),
    [(Role.REGIONAL_COORDINATOR, {"provinces": ["32"]}), (Role.CENTRE_MANAGER, "centre"), (Role.ENTREPRENEUR, {})],
)
def test_other_roles_get_404(client: Client, subject: Person, role: str, scope) -> None:  # noqa: ANN001
    if scope == "centre":
        scope = {"centres": [subject.enrollments.get().batch.centre]}
    client.force_login(make_user(role, **scope))
    assert client.get(reverse("privacy:index")).status_code == 404
    assert client.post(reverse("privacy:index"), {"nik": subject.nik}).status_code == 404
    assert client.get(reverse("privacy:requests")).status_code == 404
    for name in ("person", "correct"):
        assert client.get(reverse(f"privacy:{name}", args=[subject.pk])).status_code == 404
    for name in ("export", "erase"):
        body = {**REQUEST, "format": "json", "confirm": str(subject.pk)}
        assert client.post(reverse(f"privacy:{name}", args=[subject.pk]), body).status_code == 404
    assert Person.objects.filter(nik=subject.nik).exists() and not DataSubjectRequest.objects.exists()


def test_retention_anonymises_people_with_no_activity(subject: Person, settings) -> None:  # noqa: ANN001
    settings.PERSONAL_DATA_RETENTION_YEARS = 5
    active = PersonFactory(name="Masih Aktif")
    long_ago = timezone.now() - datetime.timedelta(days=365 * 6)
    for person in (subject, active):
        Person.objects.filter(pk=person.pk).update(updated_at=long_ago)
    # The subject's related records are old too; the other person still has a recent enrolment.
    subject.enrollments.update(created_at=long_ago, updated_at=long_ago)
    Tenant.objects.filter(person=subject).update(created_at=long_ago, updated_at=long_ago)
    EnrollmentFactory(person=active)
    out = StringIO()
    call_command("apply_retention", "--dry-run", stdout=out)
    assert out.getvalue().startswith("1 ")
    call_command("apply_retention", stdout=StringIO())
    subject.refresh_from_db()
    assert subject.nik is None and subject.name == f"Anonim-{subject.pk}"
    assert Person.objects.get(pk=active.pk).name == "Masih Aktif"
    request = DataSubjectRequest.objects.get()
    assert (request.kind, request.basis, request.handled_by) == ("retention", "retention_ended", None)

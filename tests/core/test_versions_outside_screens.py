"""Optimistic concurrency on the edit forms that are not core screens (issue 16.1, the rest).

Every form below edits a row that already exists: a tenant's business details, a month's figures
being corrected, a stage move, the entrepreneur's account link, a loan's status, a trainee's status
and certificate, a tracer answer, a plan centre's focus, an action item's status, a partner, an
agreement, an assessment instrument's draft (many rows on one page), an intake wave (a screen whose
save was its own) and the ministry's decision on a registration. For each, two people load
the form at the same time; the first one's save lands, the second one's — changing the same thing —
answers **409** with the form (or the page) again, the first one's value shown, a clear message, and
nothing overwritten. The threaded race on PostgreSQL for one
of them is in tests/e2e/test_versions_postgresql.py; the screens' own pages in tests/core/test_concurrency.py.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import translation

from inkubator.centres.choices import MentoringFocus
from inkubator.core import concurrency
from inkubator.core.roles import Role
from inkubator.incubation import services as incubation
from inkubator.incubation.choices import LoanStatus, Stage
from inkubator.incubation.models import Loan, MonthlyReport, Tenant
from inkubator.mentoring.choices import ActionStatus
from inkubator.mentoring.models import ActionItem, PlanCentre
from inkubator.partners import services as partners
from inkubator.partners.models import Partner, PartnerAgreement
from inkubator.training.models import CompetencyCertificate, Enrollment, Outcome
from tests.factories import CentreFactory, PartnerFactory, make_user
from tests.incubation.factories import make_tenant, report
from tests.mentoring.factories import make_action, make_plan
from tests.training.factories import EnrollmentFactory, OutcomeFactory

pytestmark = pytest.mark.django_db


class FormReader(HTMLParser):
    """The fields of one form of a page (the one posting to ``action``, or the page's first without
    one) as a browser would post them back unchanged."""

    def __init__(self, action: str | None) -> None:
        super().__init__()
        self.action = action
        self.forms: list[dict[str, Any]] = []
        self.data: dict[str, Any] | None = None
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "form":
            self.data = {"__action__": a.get("action")}
            self.forms.append(self.data)
            return
        if self.data is None:
            return
        name = a.get("name")
        if tag == "input" and name and name != "csrfmiddlewaretoken":
            if a.get("type") in ("checkbox", "radio"):
                if "checked" in a:
                    self.data[name] = a.get("value") or "on"
            elif a.get("type") not in ("submit", "file"):
                self.data[name] = a.get("value") or ""
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select and "selected" in a:
            self.data[self._select] = a.get("value") or ""
        elif tag == "textarea" and name:
            self._textarea = name
            self.data[name] = ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self.data = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data: str) -> None:
        if self._textarea and self.data is not None:
            self.data[self._textarea] += data

    def form(self) -> dict[str, Any]:
        for data in self.forms:
            if data["__action__"] == self.action or (self.action is None and not data["__action__"]):
                return {k: v for k, v in data.items() if k != "__action__"}
        raise AssertionError(f"no form posting to {self.action} on the page")


@dataclass
class Case:
    """One edit form: where it is shown and posted, what two people change, where the value is stored."""

    page: str  # the page showing the form
    post: str  # where it posts
    change: Callable[[dict[str, Any], int], dict[str, Any]]  # the n-th person's change (n = 1, 2)
    stored: Callable[[], Any]  # the value as stored now
    first: Any  # what the first person's change stores
    shown: Any  # how the first person's value reads on the 409 page (a lazy label reads in Indonesian)
    action: str | None = None  # the form's action on the page (None: a form posting to the page itself)


def _tenant_case(kind: str) -> Case:
    tenant = make_tenant()
    url = reverse("incubation:record_create", args=[tenant.pk, kind])
    if kind == "business":
        return Case(
            url,
            url,
            lambda d, n: {**d, "sector": ["Kuliner", "Kerajinan"][n - 1]},
            lambda: Tenant.objects.get(pk=tenant.pk).business.sector,
            "Kuliner",
            "Kuliner",
        )
    accounts = [make_user(Role.ENTREPRENEUR, username=f"pengusaha-{n}-{tenant.pk}") for n in (1, 2)]
    return Case(
        url,
        url,
        lambda d, n: {**d, "username": accounts[n - 1].username},
        lambda: Tenant.objects.get(pk=tenant.pk).entrepreneur_id,
        accounts[0].pk,
        accounts[0].username,
    )


def business() -> Case:
    return _tenant_case("business")


def account() -> Case:
    return _tenant_case("account")


def correction() -> Case:
    tenant = make_tenant()
    month = datetime.date(2025, 3, 1)
    row = report(tenant, month, revenue=4_000_000)
    url = reverse("incubation:report_create", args=[tenant.pk])
    return Case(
        f"{url}?month=2025-03",
        url,
        lambda d, n: {**d, "revenue": str([5_100_000, 6_200_000][n - 1])},
        lambda: MonthlyReport.objects.get(pk=row.pk).revenue,
        5_100_000,
        "5100000",
    )


def move() -> Case:
    tenant = make_tenant()
    url = reverse("incubation:tenant_move", args=[tenant.pk])
    # The first drops the tenant; the second, from the same pre-incubation form, moves it on: refused.
    return Case(
        url,
        url,
        lambda d, n: {**d, "to_stage": ["dropped", "incubation"][n - 1], "reason": f"Alasan {n}"},
        lambda: Tenant.objects.get(pk=tenant.pk).stage,
        "dropped",
        Stage.DROPPED.label,
    )


def loan() -> Case:
    tenant = make_tenant()
    row = incubation.loan_create(
        tenant=tenant, bank_name="BRI", amount=10_000_000, applied_on=datetime.date(2025, 2, 1), status="applied"
    )
    return Case(
        reverse("incubation:tenant_detail", args=[tenant.pk]),
        reverse("incubation:loan_status", args=[tenant.pk, row.pk]),
        lambda d, n: {**d, "status": ["approved", "rejected"][n - 1]},
        lambda: Loan.objects.get(pk=row.pk).status,
        "approved",
        LoanStatus.APPROVED.label,
        action=reverse("incubation:loan_status", args=[tenant.pk, row.pk]),
    )


def enrollment_status() -> Case:
    row = EnrollmentFactory(status="active", attendance=50)
    url = reverse("training:enrollment", args=[row.pk])
    return Case(
        url,
        url,
        lambda d, n: {**d, "form": "status", "attendance": str([70, 90][n - 1])},
        lambda: Enrollment.objects.get(pk=row.pk).attendance,
        70,
        "70",
    )


def certificate() -> Case:
    row = EnrollmentFactory()  # completed, no certificate yet: both people record the first one
    url = reverse("training:enrollment", args=[row.pk])

    def change(d: dict[str, Any], n: int) -> dict[str, Any]:
        number = ["SERT-0001", "SERT-0002"][n - 1]
        # The status form comes first on the page; the certificate form's fields are what is posted.
        return {
            "form": "certificate",
            "number": number,
            "scheme": "Operator Komputer",
            "issued_on": "2025-05-02",
            concurrency.VERSION_FIELD: d["certificate_version"],
        }

    return Case(
        url,
        url,
        change,
        lambda: CompetencyCertificate.objects.get(enrollment=row).number,
        "SERT-0001",
        "SERT-0001",
    )


def outcome() -> Case:
    row = OutcomeFactory(employer="PT Awal")
    url = reverse("training:outcome", args=[row.enrollment.pk, row.wave])
    return Case(
        url,
        url,
        lambda d, n: {**d, "employer": ["PT Satu", "PT Dua"][n - 1]},
        lambda: Outcome.objects.get(pk=row.pk).employer,
        "PT Satu",
        "PT Satu",
        action=url,
    )


def plan_entry() -> Case:
    plan = make_plan([CentreFactory()])
    entry = plan.entries.get()
    url = reverse("mentoring:plan_entry", args=[plan.pk, entry.pk])
    choices = [MentoringFocus.MANAGEMENT, MentoringFocus.INCUBATOR]
    return Case(
        url,
        url,
        lambda d, n: {**d, "focus": choices[n - 1]},
        lambda: PlanCentre.objects.get(pk=entry.pk).focus,
        choices[0],
        str(choices[0].label),
    )


def action_status() -> Case:
    item = make_action(CentreFactory())
    url = reverse("mentoring:action_status", args=[item.centre.code, item.pk])
    return Case(
        reverse("mentoring:centre_progress", args=[item.centre.code]),
        url,
        lambda d, n: {**d, "status": ["done", "dropped"][n - 1]},
        lambda: ActionItem.objects.get(pk=item.pk).status,
        "done",
        ActionStatus.DONE.label,
        action=url,
    )


def partner() -> Case:
    row = PartnerFactory(contact_name="Bu Awal")
    url = reverse("partners:edit", args=[row.pk])
    return Case(
        url,
        url,
        lambda d, n: {**d, "contact_name": ["Bu Satu", "Pak Dua"][n - 1]},
        lambda: Partner.objects.get(pk=row.pk).contact_name,
        "Bu Satu",
        "Bu Satu",
    )


def agreement() -> Case:
    row = partners.partner_agreement_create(
        partner=PartnerFactory(),
        kind="mou",
        number="MOU/1/2025",
        title="Awal",
        signed_on=datetime.date(2025, 1, 2),
        starts_on=datetime.date(2025, 1, 2),
        ends_on=datetime.date(2027, 1, 1),
    )
    url = reverse("partners:agreement_edit", args=[row.pk])
    return Case(
        url,
        url,
        lambda d, n: {**d, "title": ["Judul Satu", "Judul Dua"][n - 1]},
        lambda: PartnerAgreement.objects.get(pk=row.pk).title,
        "Judul Satu",
        "Judul Satu",
    )


def instrument() -> Case:
    from inkubator.assessments import services as assessments
    from inkubator.assessments.models import ClusterLevel

    draft = assessments.instrument_new_version(instrument=assessments.instrument_create_default())
    level = draft.cluster_levels.get(rank=3)
    url = reverse("assessments:instrument_edit", args=[draft.pk])
    return Case(
        url,
        url,
        lambda d, n: {**d, f"lvl-{level.pk}-label": ["Mandiri Satu", "Mandiri Dua"][n - 1]},
        lambda: ClusterLevel.objects.get(pk=level.pk).label,
        "Mandiri Satu",
        "Mandiri Satu",
    )


def wave() -> Case:
    from inkubator.service.models import IntakeWave
    from tests.service.factories import open_wave

    row = open_wave()
    url = reverse("service:wave_update", args=[row.pk])
    return Case(
        url,
        url,
        lambda d, n: {**d, "name": ["Gelombang Satu", "Gelombang Dua"][n - 1]},
        lambda: IntakeWave.objects.get(pk=row.pk).name,
        "Gelombang Satu",
        "Gelombang Satu",
    )


def decision() -> Case:
    from inkubator.service.models import Registration
    from tests.service.factories import open_wave, submit

    row = submit(open_wave()).registration
    url = reverse("service:registration_override", args=[row.pk])
    choices = [("eligible", "Dikonfirmasi lewat telepon"), ("ineligible", "Surat PHK palsu")]
    return Case(
        reverse("service:registration_detail", args=[row.pk]),
        url,
        lambda d, n: {**d, "decision": choices[n - 1][0], "reason": choices[n - 1][1]},
        lambda: Registration.objects.get(pk=row.pk).override_reason,
        "Dikonfirmasi lewat telepon",
        "Dikonfirmasi lewat telepon",
        action=url,
    )


CASES = {
    "tenant business details": business,
    "tenant account link": account,
    "monthly figures correction": correction,
    "tenant stage move": move,
    "loan status": loan,
    "enrolment status and attendance": enrollment_status,
    "competency certificate": certificate,
    "tracer outcome": outcome,
    "plan centre focus": plan_entry,
    "action item status": action_status,
    "partner details": partner,
    "partner agreement": agreement,
    "assessment instrument draft": instrument,
    "intake wave": wave,
    "registration decision": decision,
}


def loaded(client: Client, case: Case) -> dict[str, Any]:
    """The form as the page shows it now, as a browser would post it back unchanged."""
    answer = client.get(case.page)
    assert answer.status_code == 200, answer.status_code
    html = answer.content.decode()
    reader = FormReader(case.action)
    reader.feed(html)
    data = reader.form()
    # The enrolment page has two forms posting to itself: keep the certificate form's version apart.
    certificates = [f for f in reader.forms if f.get("form") == "certificate"]
    if certificates:
        data["certificate_version"] = certificates[0].get(concurrency.VERSION_FIELD)
    return data


@pytest.mark.parametrize("name", list(CASES))
def test_a_stale_save_answers_409_with_the_other_value_and_overwrites_nothing(name: str) -> None:
    case = CASES[name]()
    first, second = Client(), Client()
    first.force_login(make_user(Role.MINISTRY_ADMIN))
    second.force_login(make_user(Role.MINISTRY_ADMIN))
    mine, theirs = loaded(first, case), loaded(second, case)
    assert mine.get(concurrency.VERSION_FIELD) or mine.get("certificate_version"), "the form carries no version"

    landed = first.post(case.post, case.change(mine, 1))
    assert landed.status_code == 302, landed.content.decode()[:2000]
    assert case.stored() == case.first

    stale = second.post(case.post, case.change(theirs, 2))
    assert stale.status_code == 409, stale.status_code
    page = stale.content.decode()
    assert "Orang lain menyimpan data ini saat Anda sedang mengubahnya" in page  # Indonesian, the default
    with translation.override("id"):
        assert str(case.shown) in page  # the other person's value is shown
    assert case.stored() == case.first  # nothing overwritten


def test_the_409_message_reads_in_english_too() -> None:
    case = business()
    first, second = Client(), Client()
    second.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    first.force_login(make_user(Role.MINISTRY_ADMIN))
    second.force_login(make_user(Role.MINISTRY_ADMIN))
    mine, theirs = loaded(first, case), loaded(second, case)
    assert first.post(case.post, case.change(mine, 1)).status_code == 302
    stale = second.post(case.post, case.change(theirs, 2))
    assert stale.status_code == 409
    page = stale.content.decode()
    assert "Someone else saved this record while you were editing it" in page
    assert "Saved meanwhile by someone else: Kuliner" in page


def test_saving_again_after_the_409_keeps_the_second_value() -> None:
    case = partner()
    first, second = Client(), Client()
    first.force_login(make_user(Role.MINISTRY_ADMIN))
    second.force_login(make_user(Role.MINISTRY_ADMIN))
    mine, theirs = loaded(first, case), loaded(second, case)
    assert first.post(case.post, case.change(mine, 1)).status_code == 302
    stale = second.post(case.post, case.change(theirs, 2))
    assert stale.status_code == 409
    again = FormReader(None)
    again.feed(stale.content.decode())
    assert second.post(case.post, again.form()).status_code == 302
    assert case.stored() == "Pak Dua"


def test_different_fields_of_a_business_changed_at_once_are_both_kept() -> None:
    case = business()
    first, second = Client(), Client()
    first.force_login(make_user(Role.MINISTRY_ADMIN))
    second.force_login(make_user(Role.MINISTRY_ADMIN))
    mine, theirs = loaded(first, case), loaded(second, case)
    assert first.post(case.post, {**mine, "sector": "Kuliner"}).status_code == 302
    assert second.post(case.post, {**theirs, "address": "Jl. Baru 2"}).status_code == 302
    tenant = Tenant.objects.filter(business__sector="Kuliner").get()
    assert (tenant.business.sector, tenant.business.address) == ("Kuliner", "Jl. Baru 2")


def _entry(assessor: Any) -> tuple[Any, Any, str]:
    from inkubator.assessments.models import Indicator
    from tests.assessments.factories import assigned, open_round

    assessment = assigned(open_round(), CentreFactory(), assessor)
    indicator = (
        Indicator.objects.filter(dimension__instrument=assessment.round.instrument, kind="scale").order_by("pk").first()
    )
    return assessment, indicator, reverse("assessments:assessment_detail", args=[assessment.pk])


def test_an_assessment_draft_sent_late_answers_409_and_keeps_the_answer_saved_meanwhile() -> None:
    """The entry form (also sent later by an offline draft) carries the answers it was loaded with."""
    from inkubator.assessments.models import Answer

    assessor = make_user(Role.FACILITATOR)
    assessment, indicator, url = _entry(assessor)
    phone, laptop = Client(), Client()
    phone.force_login(assessor)
    laptop.force_login(assessor)
    on_phone, on_laptop = (loaded(c, Case(url, url, None, None, None, "", action=url)) for c in (phone, laptop))  # type: ignore[arg-type]
    assert on_phone[concurrency.VERSION_FIELD]
    key = f"value-{indicator.pk}"
    assert laptop.post(url, {**on_laptop, key: "2"}).status_code == 302
    stale = phone.post(url, {**on_phone, key: "4"})
    assert stale.status_code == 409
    page = stale.content.decode()
    assert "Orang lain menyimpan jawaban penilaian ini" in page and f"{indicator.code}: 2" in page
    assert Answer.objects.get(assessment=assessment, indicator=indicator).value == 2
    # Loaded again, the form shows the answer saved meanwhile (and a new version to save over it).
    again = loaded(phone, Case(url, url, None, None, None, "", action=url))  # type: ignore[arg-type]
    assert again[key] == "2"


def test_answers_saved_one_by_one_then_with_the_whole_form_are_no_conflict() -> None:
    from inkubator.assessments.models import Answer

    assessor = make_user(Role.FACILITATOR)
    assessment, indicator, url = _entry(assessor)
    client = Client()
    client.force_login(assessor)
    form = loaded(client, Case(url, url, None, None, None, "", action=url))  # type: ignore[arg-type]
    key = f"value-{indicator.pk}"
    # The page saves each answer as it is chosen (htmx), then the whole form is sent with the same answer.
    assert (
        client.post(reverse("assessments:answer_save", args=[assessment.pk, indicator.pk]), {key: "3"}).status_code
        == 200
    )
    assert client.post(url, {**form, key: "3"}).status_code == 302
    assert Answer.objects.get(assessment=assessment, indicator=indicator).value == 3


def test_a_round_opened_twice_from_the_same_page_is_not_closed() -> None:
    """The open/close button acts from the status it was shown with: a second click (or a second
    person) on the page showing a draft round answers 409 instead of closing the round just opened."""
    from inkubator.assessments import services as assessments
    from inkubator.assessments.models import Round
    from tests.assessments.factories import default_instrument

    the_round = assessments.round_create(
        name="Putaran Uji",
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2026, 6, 30),
        instrument=default_instrument(),
    )
    page = reverse("assessments:round_detail", args=[the_round.pk])
    url = reverse("assessments:round_advance", args=[the_round.pk])
    case = Case(page, url, lambda d, n: d, lambda: Round.objects.get(pk=the_round.pk).status, "open", "", action=url)
    first, second = Client(), Client()
    first.force_login(make_user(Role.MINISTRY_ADMIN))
    second.force_login(make_user(Role.MINISTRY_ADMIN))
    mine, theirs = loaded(first, case), loaded(second, case)
    assert first.post(url, mine).status_code == 302
    stale = second.post(url, theirs)
    assert stale.status_code == 409
    assert "Orang lain mengubah ini sementara itu" in stale.content.decode()
    assert case.stored() == "open"


def test_a_gate_taken_out_of_force_twice_stays_out() -> None:
    from inkubator.incubation.models import StageGate

    gate = incubation.stage_gate_create(to_stage="incubation", kind="milestone", milestone_kind="business_plan")
    page = reverse("incubation:gates")
    url = reverse("incubation:gate_toggle", args=[gate.pk])
    case = Case(page, url, lambda d, n: d, lambda: StageGate.objects.get(pk=gate.pk).active, False, "", action=url)
    first, second = Client(), Client()
    first.force_login(make_user(Role.MINISTRY_ADMIN))
    second.force_login(make_user(Role.MINISTRY_ADMIN))
    mine, theirs = loaded(first, case), loaded(second, case)
    assert first.post(url, mine).status_code == 302
    assert second.post(url, theirs).status_code == 409
    assert case.stored() is False


def test_an_action_marked_done_twice_keeps_the_first_date() -> None:
    """Marking done is a fact recorded once: a second click (or a second coach on a stale page) answers 409 with
    the page as it is now, and the action keeps the date it was first marked done on."""
    from inkubator.incubation.models import CoachingAction

    tenant = make_tenant()
    coach = make_user(Role.MINISTRY_ADMIN)
    session = incubation.coaching_session_create(
        tenant=tenant,
        coach=coach,
        date=datetime.date(2026, 3, 2),
        topic="Pembukuan",
        actions=[("Catat kas harian", datetime.date(2026, 3, 9))],
    )
    action = CoachingAction.objects.get(session=session)
    url = reverse("incubation:action_done", args=[tenant.pk, action.pk])
    first, second = Client(), Client()
    first.force_login(coach)
    second.force_login(make_user(Role.MINISTRY_ADMIN))
    assert first.post(url, {"on": "2026-03-05"}).status_code == 302
    for data in ({"on": "2026-03-07"}, {"on": "2026-03-07", "back": "followups"}):
        late = second.post(url, data)
        assert late.status_code == 409
        assert "sudah ditandai selesai pada" in late.content.decode()
    assert CoachingAction.objects.get(pk=action.pk).done_on == datetime.date(2026, 3, 5)


def test_a_milestone_achieved_twice_keeps_its_date() -> None:
    from inkubator.incubation.models import Milestone

    tenant = make_tenant()
    milestone = incubation.milestone_create(tenant=tenant, kind="bank_account", title="Rekening usaha")
    Milestone.objects.filter(pk=milestone.pk).update(achieved_on=datetime.date(2026, 2, 1))
    client = Client()
    client.force_login(make_user(Role.MINISTRY_ADMIN))
    late = client.post(reverse("incubation:milestone_achieve", args=[tenant.pk, milestone.pk]))
    assert late.status_code == 409
    assert "sudah dicatat tercapai pada" in late.content.decode()
    assert Milestone.objects.get(pk=milestone.pk).achieved_on == datetime.date(2026, 2, 1)


def test_a_registrant_moved_from_a_stale_page_stays_where_the_first_move_put_them() -> None:
    from inkubator.service.models import EligibilityRule, Registration
    from tests.service.factories import open_wave, submit
    from tests.venues.factories import make_venue

    EligibilityRule.objects.update(active=False)  # eligible: the move is what is tested
    row = submit(open_wave()).registration
    assert row.is_eligible
    bekasi, kupang = make_venue("32.16", capacity_per_wave=3), make_venue("53.71", capacity_per_wave=1)
    page = reverse("service:registration_detail", args=[row.pk])
    url = reverse("service:registration_move", args=[row.pk])
    case = Case(page, url, lambda d, n: {**d, "venue": str([bekasi.pk, kupang.pk][n - 1])}, lambda: None, None, "")
    case.action = url
    first, second = Client(), Client()
    first.force_login(make_user(Role.MINISTRY_ADMIN))
    second.force_login(make_user(Role.MINISTRY_ADMIN))
    mine, theirs = loaded(first, case), loaded(second, case)
    assert mine.get(concurrency.VERSION_FIELD), "the move form carries no version"
    assert first.post(url, case.change(mine, 1)).status_code == 302
    stale = second.post(url, case.change(theirs, 2))
    assert stale.status_code == 409
    assert "Orang lain mengubah ini sementara itu" in stale.content.decode()
    assert Registration.objects.get(pk=row.pk).venue == bekasi


def test_a_stale_publish_does_not_reopen_an_offer_closed_meanwhile() -> None:
    from inkubator.matching.models import Offer
    from tests.matching.factories import make_offer

    offer = make_offer(status="draft")
    page = reverse("matching:offer_detail", args=[offer.pk])
    close, publish = (reverse("matching:offer_status", args=[offer.pk, s]) for s in ("closed", "published"))
    first, second = Client(), Client()
    first.force_login(make_user(Role.MINISTRY_ADMIN))
    second.force_login(make_user(Role.MINISTRY_ADMIN))
    publishing = Case(page, publish, lambda d, n: d, lambda: None, None, "", action=publish)
    theirs = loaded(second, publishing)  # the second person's page shows a draft, with "Publish"
    assert first.post(publish, loaded(first, publishing)).status_code == 302
    closing = Case(page, close, lambda d, n: d, lambda: None, None, "", action=close)
    assert first.post(close, loaded(first, closing)).status_code == 302
    stale = second.post(publish, theirs)
    assert stale.status_code == 409
    assert "Orang lain mengubah ini sementara itu" in stale.content.decode()
    assert Offer.objects.get(pk=offer.pk).status == "closed"

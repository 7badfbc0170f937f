"""The monthly figures form: opens on the month to report, corrects a reported month, stops at the lock."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from inkubator.core.roles import Role
from inkubator.incubation import selectors, services, stages
from inkubator.incubation.models import MonthlyReport, ReportLock
from inkubator.regions.models import Regency
from tests.factories import make_user

from .factories import make_incubator, make_tenant

pytestmark = pytest.mark.django_db

FIGURES = {"revenue": "4500000", "costs": "2000000", "workers": "3", "customers": "30"}


def last_closed(months_back: int = 1) -> datetime.date:
    return stages.add_months(stages.month_start(timezone.localdate()), -months_back)


def report(tenant, month: datetime.date) -> MonthlyReport:  # noqa: ANN001
    return services.report_submit(
        tenant=tenant, month=month, revenue=1_000_000, costs=1, workers=1, customers=1, user=None
    )


def test_the_form_opens_on_the_earliest_closed_month_not_reported(client: Client) -> None:
    user = make_user(Role.ENTREPRENEUR)
    tenant = make_tenant(entrepreneur=user, joined_on=last_closed(3))
    report(tenant, last_closed(3))
    client.force_login(user)
    response = client.get(reverse("incubation:report_create", args=[tenant.pk]))
    assert response.context["form"].initial["month"] == f"{last_closed(2):%Y-%m}"
    this_month = client.post(
        reverse("incubation:report_create", args=[tenant.pk]),
        {"month": f"{stages.month_start(timezone.localdate()):%Y-%m}", **FIGURES},
    )
    assert "setelah bulan itu berakhir" in str(this_month.context["form"].errors["month"])


def test_a_reported_month_opens_to_be_corrected_then_the_lock_stops_it(client: Client) -> None:
    centre = make_incubator()
    entrepreneur = make_user(Role.ENTREPRENEUR)
    tenant = make_tenant(incubator=centre, entrepreneur=entrepreneur, joined_on=last_closed(2))
    month = last_closed(1)
    saved = report(tenant, month)
    url = reverse("incubation:report_create", args=[tenant.pk]) + f"?month={month:%Y-%m}"
    client.force_login(entrepreneur)
    page = client.get(url)
    assert page.context["form"].initial["revenue"] == 1_000_000 and "Koreksi" in page.context["title"]
    # Posting the same month without opening it for correction is still refused: no silent overwrite.
    plain = client.post(reverse("incubation:report_create", args=[tenant.pk]), {"month": f"{month:%Y-%m}", **FIGURES})
    assert plain.status_code == 400
    fixed = client.post(url, {"month": f"{month:%Y-%m}", "correcting": f"{month:%Y-%m}", **FIGURES})
    assert fixed.status_code == 302
    assert MonthlyReport.objects.get(pk=saved.pk).revenue == 4_500_000
    # The entrepreneur cannot lock; the incubator's manager can, and then nobody corrects.
    lock_url = reverse("incubation:report_lock", args=[tenant.pk, saved.pk])
    assert client.post(lock_url).status_code == 404
    client.force_login(make_user(Role.CENTRE_MANAGER, centres=[centre]))
    assert client.post(lock_url).status_code == 302
    assert ReportLock.objects.filter(report=saved).exists()
    client.force_login(entrepreneur)
    locked_page = client.get(url)
    assert locked_page.context["locked"] and b'data-testid="save"' not in locked_page.content
    refused = client.post(url, {"month": f"{month:%Y-%m}", "correcting": f"{month:%Y-%m}", **FIGURES, "revenue": "1"})
    assert refused.status_code == 400
    assert MonthlyReport.objects.get(pk=saved.pk).revenue == 4_500_000
    assert selectors.month_to_report(tenant, today=timezone.localdate()) == last_closed(2)


def test_locking_a_month_of_another_centre_is_a_404(client: Client) -> None:
    tenant = make_tenant(incubator=make_incubator(regency=Regency.objects.get(code="35.78")), joined_on=last_closed(2))
    saved = report(tenant, last_closed(1))
    client.force_login(make_user(Role.CENTRE_MANAGER, centres=[make_incubator()]))
    assert client.post(reverse("incubation:report_lock", args=[tenant.pk, saved.pk])).status_code == 404
    assert not ReportLock.objects.exists()

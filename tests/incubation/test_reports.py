"""Monthly figures: one report per tenant and month, bad values refused by field, late reports flagged."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError

from inkubator.incubation import selectors, services
from inkubator.incubation.models import MonthlyReport

from .factories import make_tenant

MAY = datetime.date(2026, 5, 1)


def submit(tenant, *, month=MAY, now=None, **figures):  # noqa: ANN001, ANN201
    values = {"revenue": 4_000_000, "costs": 2_500_000, "workers": 3, "customers": 25, **figures}
    return services.report_submit(
        tenant=tenant,
        month=month,
        user=None,
        now=now or datetime.datetime(2026, 6, 5, 9, tzinfo=datetime.UTC),
        **values,
    )


@pytest.mark.django_db
def test_one_report_per_tenant_and_month() -> None:
    tenant = make_tenant()
    submit(tenant)
    with pytest.raises(ValidationError, match="Laporan bulan 05/2026 sudah ada") as error:
        submit(tenant)
    assert "05/2026" in error.value.message_dict["month"][0]
    assert MonthlyReport.objects.filter(tenant=tenant).count() == 1
    submit(make_tenant())  # another tenant, same month: fine


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("revenue", -1),
        ("costs", -500),
        ("workers", -2),
        ("customers", -1),
        ("revenue", 10_000_000_001),
        ("costs", 25_000_000_000),
        ("workers", 1001),
        ("customers", 1_000_001),
    ],
)
def test_negative_or_absurd_values_are_refused_naming_the_field(field: str, value: int) -> None:
    tenant = make_tenant()
    with pytest.raises(ValidationError, match=f"'{field}'") as error:
        submit(tenant, **{field: value})
    assert list(error.value.message_dict) == [field]
    assert not MonthlyReport.objects.exists()


@pytest.mark.django_db
def test_the_ceilings_themselves_are_accepted() -> None:
    report = submit(make_tenant(), revenue=10_000_000_000, workers=1000)
    assert report.revenue == 10_000_000_000


@pytest.mark.django_db
def test_a_month_not_begun_or_not_a_first_day_is_refused() -> None:
    tenant = make_tenant()
    with pytest.raises(ValidationError, match="setelah bulan itu berakhir") as error:
        submit(tenant, month=datetime.date(2026, 7, 1))
    assert "month" in error.value.message_dict
    with pytest.raises(ValidationError, match="Bulan harus diisi dengan tanggal 1"):
        submit(tenant, month=datetime.date(2026, 5, 2))


@pytest.mark.django_db
def test_late_after_the_tenth_of_the_next_month() -> None:
    tenant = make_tenant()
    on_time = submit(tenant, now=datetime.datetime(2026, 6, 10, 16, tzinfo=datetime.UTC))
    late = submit(tenant, month=datetime.date(2026, 4, 1), now=datetime.datetime(2026, 5, 11, 9, tzinfo=datetime.UTC))
    assert on_time.late is False
    assert late.late is True


@pytest.mark.django_db
def test_missing_months_past_their_deadline_are_flagged() -> None:
    tenant = make_tenant(joined_on=datetime.date(2026, 2, 20))
    submit(tenant, month=datetime.date(2026, 3, 1))
    flags = selectors.missing_reports(tenant, today=datetime.date(2026, 6, 15))
    # February (joined that month) and April are missing and overdue; May is due by 10 June: overdue too.
    assert [f.month for f in flags] == [datetime.date(2026, 2, 1), datetime.date(2026, 4, 1), MAY]
    flags = selectors.missing_reports(tenant, today=datetime.date(2026, 6, 8))
    assert MAY not in [f.month for f in flags]  # still within its deadline


# The month rules (issue 17.4) ----------------------------------------------------------------------


@pytest.mark.django_db
def test_a_month_is_reported_only_after_it_ends() -> None:
    tenant = make_tenant()
    on_the_fourth = datetime.datetime(2026, 6, 4, 9, tzinfo=datetime.UTC)
    with pytest.raises(ValidationError, match="setelah bulan itu berakhir"):
        submit(tenant, month=datetime.date(2026, 6, 1), now=on_the_fourth)
    assert submit(tenant, month=MAY, now=on_the_fourth).month == MAY


@pytest.mark.django_db
def test_the_month_to_report_is_the_earliest_closed_month_not_reported() -> None:
    tenant = make_tenant(joined_on=datetime.date(2026, 2, 20))
    today = datetime.date(2026, 6, 4)
    submit(tenant, month=datetime.date(2026, 2, 1))
    submit(tenant, month=datetime.date(2026, 4, 1))
    assert selectors.months_to_report(tenant, today=today) == [datetime.date(2026, 3, 1), MAY]
    assert selectors.month_to_report(tenant, today=today) == datetime.date(2026, 3, 1)
    submit(tenant, month=datetime.date(2026, 3, 1))
    submit(tenant, month=MAY)
    assert selectors.month_to_report(tenant, today=today) is None  # June has not ended


@pytest.mark.django_db
def test_a_reported_month_is_corrected_and_audited_until_the_incubator_locks_it() -> None:
    from auditlog.models import LogEntry

    tenant = make_tenant()
    report = submit(tenant)
    corrected = services.report_correct(
        report=report, revenue=4_200_000, costs=2_500_000, workers=4, customers=25, user=None
    )
    assert (corrected.revenue, corrected.workers, corrected.late) == (4_200_000, 4, False)
    changes = LogEntry.objects.get_for_object(report).filter(action=LogEntry.Action.UPDATE).get().changes_dict
    assert set(changes) == {"revenue", "workers"}
    assert "4200000" not in str(changes["revenue"])  # the trail says that the amount changed, not what it is
    lock = services.report_lock(report=report, user=None)
    assert services.report_lock(report=report, user=None) == lock  # locking twice keeps the first lock
    with pytest.raises(ValidationError, match="dikunci oleh inkubator"):
        services.report_correct(report=report, revenue=1, costs=1, workers=1, customers=1, user=None)
    assert MonthlyReport.objects.get(pk=report.pk).revenue == 4_200_000

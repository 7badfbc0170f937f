"""core.screens: the table rows rendered in Python escape what they show and keep the columns' attributes."""

from __future__ import annotations

import django_tables2 as tables
import pytest
from django.test import RequestFactory
from django.utils.html import format_html

from inkubator.core.screens.tables import render_rows


class Row:
    def __init__(self, name: str, number: int) -> None:
        self.name = name
        self.number = number


class SampleTable(tables.Table):
    name = tables.Column(attrs={"td": {"class": "wide"}})
    number = tables.Column(attrs={"td": {"data-n": lambda value: value}})
    marked = tables.Column(empty_values=())

    def render_marked(self, record: Row) -> str:
        return format_html("<b>{}</b>", record.name)

    class Meta:
        empty_text = "Nothing <here>"


def test_cells_are_escaped_unless_safe_and_attributes_kept() -> None:
    table = SampleTable([Row("<script>x</script>", 1), Row("B & C", 2)])
    html = render_rows(table)
    assert "<script>" not in html.replace("<b>", "")
    assert "&lt;script&gt;x&lt;/script&gt;" in html
    assert "<b>B &amp; C</b>" in html
    assert html.count('class="wide"') == 2
    assert 'data-n="1"' in html and 'data-n="2"' in html


def test_empty_text_spans_the_columns() -> None:
    html = render_rows(SampleTable([]))
    assert html == '<tr><td colspan="3">Nothing &lt;here&gt;</td></tr>'


def test_tag_renders_header_rows_and_pagination(rf: RequestFactory) -> None:
    from django.template import Context, Template

    request = rf.get("/list/")
    table = SampleTable([Row(str(n), n) for n in range(30)])
    tables.RequestConfig(request, paginate={"per_page": 25}).configure(table)
    html = Template("{% load screens %}{% screen_table table %}").render(Context({"table": table, "request": request}))
    assert html.count("<tr ") == 25
    assert '<a href="?sort=name">' in html and 'class="pagination' in html


def test_date_columns_format_like_django_tables2_without_a_template() -> None:
    import datetime

    from django.utils import timezone, translation

    from inkubator.core.screens.columns import DateColumn, DateTimeColumn

    class Dated:
        def __init__(self) -> None:
            self.on = datetime.date(2026, 3, 9)
            self.at = datetime.datetime(2026, 3, 9, 1, 30, tzinfo=datetime.UTC)  # 08:30 in Jakarta
            self.never = None

    class DatedTable(tables.Table):
        on = DateColumn(format="d-m-Y")
        at = DateTimeColumn(format="H:i")
        never = DateColumn(default="—")

    with translation.override("en"), timezone.override("Asia/Jakarta"):
        html = render_rows(DatedTable([Dated()]))
    assert ">09-03-2026<" in html and ">08:30<" in html and ">—<" in html
    assert DatedTable([Dated()]).as_values().__next__() == ["On", "At", "Never"]


def test_model_date_fields_get_the_python_date_column() -> None:
    from inkubator.core.screens.columns import DateColumn
    from inkubator.training.models import TrainingBatch

    class BatchDates(tables.Table):
        class Meta:
            model = TrainingBatch
            fields = ("start_date",)

    assert type(BatchDates.base_columns["start_date"]) is DateColumn


def test_no_table_renders_a_template_per_cell() -> None:
    """django-tables2's DateColumn, DateTimeColumn and TemplateColumn render a template per cell (issue 14)."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[2] / "inkubator"
    pattern = re.compile(r"tables\.(DateColumn|DateTimeColumn|TemplateColumn)\(")
    found = [str(path.relative_to(root)) for path in root.rglob("*.py") if pattern.search(path.read_text())]
    assert found == [], f"use inkubator.core.screens.columns instead in {found}"


@pytest.mark.django_db
@pytest.mark.parametrize("sort", ["name", "-name", "-code"])  # unique: ties may come in any order
def test_list_pages_read_keys_first_are_the_same_pages(client, monkeypatch, sort: str) -> None:  # noqa: ANN001
    """A long list reads its page's keys, then its rows (``core.paging``): the same rows, in the same order."""
    from django.urls import reverse

    from inkubator.core import paging
    from inkubator.core.roles import Role
    from tests.centres.factories_extra import centre_with_fields, regency
    from tests.factories import make_user

    for number in range(30):
        centre_with_fields(
            "tik", name=f"BLKK {number % 7} {number}", regency=regency("32.16"), cohort_year=2018 + number % 4
        )
    client.force_login(make_user(Role.MINISTRY_ADMIN))
    shown = {}
    for threshold in (10**9, 0):  # never, always keys first
        monkeypatch.setattr(paging, "KEYS_FIRST_FROM", threshold)
        shown[threshold] = [
            [
                row.record.pk
                for row in client.get(reverse("centres:list"), {"sort": sort, "page": page})
                .context["table"]
                .page.object_list
            ]
            for page in (1, 2)
        ]
    assert shown[0] == shown[10**9]
    assert len(set(shown[0][0] + shown[0][1])) == 30

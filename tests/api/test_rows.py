"""API lists read as ``values()`` rows (``core.api.rows``) answer exactly what their serializers answer.

Every list endpoint of the router, for every demo role, on pages of the small demo: the answer read
as rows and the answer of DRF's way (model instances through the serializer) are the same bytes.
One small demo load for the module (``demo_small``, shared with the demo tests' xdist group).
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from inkubator.accounts.models import User
from inkubator.api.urls import router
from inkubator.core.api.rows import NotReadable, RowReader
from tests.demo.conftest import demo_small  # noqa: F401  (the module's fixture)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_small"), pytest.mark.xdist_group("demo_small")]

# The lists the national benchmark measures (issue 14) must be read as rows, not fall back.
MEASURED = ("centre", "training-batch", "tenant", "facilitator", "assessment")
QUERIES = ({}, {"page_size": 7, "page": 2}, {"page_size": 200})


def _untied(content: bytes) -> Any:
    """The answer with every nested list of objects in a fixed order."""

    def fix(value: Any) -> Any:
        if isinstance(value, dict):
            return {key: fix(item) for key, item in value.items()}
        if isinstance(value, list) and value and all(isinstance(item, dict) for item in value):
            return sorted((fix(item) for item in value), key=lambda item: json.dumps(item, sort_keys=True))
        return value

    answer = json.loads(content)
    return {**answer, "results": [{key: fix(item) for key, item in row.items()} for row in answer["results"]]}


def _lists() -> list[tuple[str, type]]:
    return [(basename, viewset) for _, viewset, basename in router.registry]


@pytest.mark.parametrize("username", ["admin", "korwil", "pengelola", "fasilitator", "wirausaha", "mitra"])
def test_every_list_answers_the_same_bytes_read_as_rows(username: str, monkeypatch: pytest.MonkeyPatch) -> None:
    client = Client()
    client.force_login(User.objects.get(username=username))
    compared = 0
    for basename, viewset in _lists():
        url = reverse(f"api:{basename}-list")
        for query in QUERIES:
            answers = {}
            for by_rows in (True, False):
                monkeypatch.setattr(viewset, "list_by_rows", by_rows)
                response = client.get(url, query)
                answers[by_rows] = (response.status_code, response.content)
            if basename in MEASURED or answers[True] == answers[False]:
                assert answers[True] == answers[False], (basename, query)
            else:
                # A nested list read by DRF keeps the database's order of rows its ordering ties
                # (incubator selection entries without a rank); read as rows, ties go by key.
                assert answers[True][0] == answers[False][0]
                assert _untied(answers[True][1]) == _untied(answers[False][1]), (basename, query)
            compared += answers[True][0] == 200 and b'"results":[]' not in answers[True][1]
    assert compared > 0


@pytest.mark.parametrize("ordering", ["code", "-name", "regency", "-updated_at"])
def test_ordered_and_filtered_centre_pages_are_the_same(ordering: str, monkeypatch: pytest.MonkeyPatch) -> None:
    client = Client()
    client.force_login(User.objects.get(username="admin"))
    viewset = dict(_lists())["centre"]
    for query in ({"ordering": ordering, "page_size": 5, "page": 3}, {"ordering": ordering, "province": "35"}):
        answers = []
        for by_rows in (True, False):
            monkeypatch.setattr(viewset, "list_by_rows", by_rows)
            answers.append(client.get(reverse("api:centre-list"), query).content)
        assert answers[0] == answers[1]


def test_the_measured_lists_are_read_as_rows() -> None:
    client = Client()
    client.force_login(User.objects.get(username="admin"))
    viewsets = dict(_lists())
    for basename in MEASURED:
        assert client.get(reverse(f"api:{basename}-list")).status_code == 200
        assert viewsets[basename].__dict__["_row_reader"] is not None, basename


def test_a_computed_field_needs_a_column_and_a_subclassed_field_writes_its_own_way() -> None:
    from rest_framework import serializers

    from inkubator.mentoring.api import FacilitatorSerializer, FacilitatorViewSet
    from inkubator.mentoring.models import Facilitator

    with pytest.raises(NotReadable, match="skills: not a column"):
        RowReader(FacilitatorSerializer, Facilitator, {})

    class Shouting(serializers.CharField):
        def to_representation(self, value: Any) -> str:
            return str(value).upper()

    class Loud(FacilitatorSerializer):
        name = Shouting(read_only=True)

        class Meta(FacilitatorSerializer.Meta):
            pass

    facilitators = Facilitator.objects.order_by("name", "pk")
    reader = RowReader(Loud, Facilitator, dict(FacilitatorViewSet.list_columns))
    rows = reader.read(facilitators, 1, 4, facilitators.count())
    assert rows == Loud(facilitators[1:4], many=True).data
    assert rows and all(row["name"] == row["name"].upper() for row in rows)

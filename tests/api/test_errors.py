"""The API never answers 500 and always answers errors in JSON (issue 16.3): what fuzzing once found."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from inkubator.api.services import api_token_issue
from inkubator.core.roles import Role
from tests.factories import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin() -> Client:
    token, _ = api_token_issue(user=make_user(Role.MINISTRY_ADMIN))
    return Client(headers={"Authorization": f"Token {token.key}"})


def bad(response, parameter: str) -> None:  # noqa: ANN001
    assert response.status_code == 400, (response.status_code, response.content)
    assert response["Content-Type"] == "application/json"
    assert parameter in response.json()


@pytest.mark.parametrize("year", ["0", "-1", "10000", "1e30", "", "2025.5"])
def test_a_year_out_of_range_is_a_bad_filter(admin: Client, year: str) -> None:
    bad(admin.get("/api/v1/training-batches/", {"year": year}), "year")
    bad(admin.get("/api/v1/centres/", {"cohort_year": year}), "cohort_year")


@pytest.mark.parametrize(
    ("path", "parameter"),
    [
        ("/api/v1/coaching-sessions/", "tenant"),
        ("/api/v1/stage-moves/", "tenant"),
        ("/api/v1/monthly-figures/", "tenant"),
        ("/api/v1/assignments/", "plan"),
        ("/api/v1/assignments/", "facilitator"),
        ("/api/v1/assessments/", "round"),
        ("/api/v1/assessment-results/", "round"),
        ("/api/v1/matches/", "tenant"),
        ("/api/v1/matches/", "offer"),
        ("/api/v1/contributions/", "partner"),
        ("/api/v1/partner-agreements/", "partner"),
    ],
)
@pytest.mark.parametrize("value", ["1e30", "99999999999999999999", "0", "-5", "abc", ""])
def test_an_id_out_of_range_is_a_bad_filter(admin: Client, path: str, parameter: str, value: str) -> None:
    bad(admin.get(path, {parameter: value}), parameter)


def test_no_filter_reads_an_unbounded_number() -> None:
    """A plain ``NumberFilter`` reads ``1e300`` as a number and the database overflows (500): every
    number a filter takes, on a page or in the API, is an ``IdFilter`` or a ``YearFilter``."""
    import importlib

    import django_filters
    from django.apps import apps

    unbounded = []
    for config in apps.get_app_configs():
        if not config.name.startswith("inkubator."):
            continue
        for module_name in ("api", "filters"):
            try:
                module = importlib.import_module(f"{config.name}.{module_name}")
            except ModuleNotFoundError:
                continue
            for value in vars(module).values():
                if isinstance(value, type) and issubclass(value, django_filters.FilterSet):
                    unbounded += [
                        f"{value.__module__}.{value.__name__}.{name}"
                        for name, field in value.base_filters.items()
                        if type(field) is django_filters.NumberFilter
                    ]
    assert unbounded == []


def test_a_valid_id_of_nothing_lists_nothing(admin: Client) -> None:
    # Once ``?round=0`` (and any unknown round) answered 400: an id that matches nothing is an empty list.
    for path, parameter in [("/api/v1/assessments/", "round"), ("/api/v1/coaching-sessions/", "tenant")]:
        answer = admin.get(path, {parameter: "2147483647"})
        assert answer.status_code == 200 and answer.json()["results"] == []


def test_yes_no_filters_take_true_or_false_only(admin: Client) -> None:
    assert admin.get("/api/v1/vocational-fields/", {"active": "true"}).status_code == 200
    assert admin.get("/api/v1/centres/", {"is_incubator": "false"}).status_code == 200
    for value in ("1", "yes", "banana", ""):
        bad(admin.get("/api/v1/vocational-fields/", {"active": value}), "active")


def test_nul_characters_and_overlong_values_are_refused(admin: Client) -> None:
    bad(admin.get("/api/v1/centres/", {"q": "Bekasi\x00"}), "q")
    bad(admin.get("/api/v1/centres/", {"province": "3" * 101}), "province")
    assert admin.get("/api/v1/centres/", {"q": ""}).status_code == 200  # empty text: any


def test_every_error_under_the_api_is_json(admin: Client) -> None:
    for path in ("/api/v1/tenants/1.5/", "/api/v1/no-such-thing/", "/api/", "/api/v1/centres/%00/"):
        answer = admin.get(path)
        assert answer.status_code == 404, path
        assert answer["Content-Type"] == "application/json" and "detail" in answer.json(), path
        assert "no-store" in answer["Cache-Control"]
    refused = admin.post(reverse("api:centre-list"), {})
    assert refused.status_code == 405 and "detail" in refused.json()
    too_long = admin.get("/api/v1/centres/", {"q": "x" * 7000})
    assert too_long.status_code == 414 and too_long["Content-Type"] == "application/json"
    assert "detail" in too_long.json()
    # Web pages keep their HTML error page.
    assert "text/html" in Client().get("/no-such-page/")["Content-Type"]


def test_throttled_answers_are_json(admin: Client, monkeypatch: pytest.MonkeyPatch) -> None:
    # The test settings switch throttling off; here one endpoint gets a tiny rate of its own.
    from rest_framework.throttling import UserRateThrottle

    from inkubator.centres.api import CentreViewSet

    class TwoAMinute(UserRateThrottle):
        rate = "2/minute"

    monkeypatch.setattr(CentreViewSet, "throttle_classes", [TwoAMinute])
    cache.clear()
    try:
        answers = [admin.get("/api/v1/centres/") for _ in range(3)]
    finally:
        cache.clear()
    assert [a.status_code for a in answers] == [200, 200, 429]
    assert "detail" in answers[-1].json() and answers[-1]["Retry-After"]


def test_the_schema_documents_errors_bounds_and_blank_emails(admin: Client) -> None:
    schema = admin.get(reverse("api:schema"), {"format": "json"}).json()
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            assert {"400", "401", "404", "414", "429"} <= set(operation["responses"]), (path, method)
            for parameter in operation.get("parameters", []):
                kind = parameter["schema"].get("type")
                if parameter["in"] == "query" and kind == "string" and "enum" not in parameter["schema"]:
                    assert parameter["schema"]["maxLength"] == 100, (path, parameter)
    centres = {p["name"]: p["schema"] for p in schema["paths"]["/api/v1/centres/"]["get"]["parameters"]}
    assert centres["page_size"] == {"type": "integer", "minimum": 1, "maximum": 200}
    assert centres["cohort_year"] == {"type": "integer", "minimum": 1900, "maximum": 2100}
    sessions = {p["name"]: p["schema"] for p in schema["paths"]["/api/v1/coaching-sessions/"]["get"]["parameters"]}
    assert sessions["tenant"] == {"type": "integer", "minimum": 1, "maximum": 2**31 - 1}
    email = schema["components"]["schemas"]["Centre"]["properties"]["email"]
    assert "format" not in email and {"maxLength": 0} in email["anyOf"]

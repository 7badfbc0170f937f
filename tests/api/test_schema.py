"""The OpenAPI schema of API v1: served to signed-in users, valid, and free of generator warnings."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
import yaml
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from inkubator.api.services import api_token_issue
from inkubator.core.roles import Role
from tests.factories import make_user

pytestmark = pytest.mark.django_db

PATHS = {
    "/api/v1/centres/",
    "/api/v1/centres/{code}/",
    "/api/v1/host-institutions/",
    "/api/v1/host-institutions/{id}/",
    "/api/v1/vocational-fields/",
    "/api/v1/vocational-fields/{code}/",
}


def test_schema_served_as_yaml_and_json(api_client) -> None:
    client = api_client(make_user(Role.ENTREPRENEUR))
    response = client.get(reverse("api:schema"))
    assert response.status_code == 200
    schema = yaml.safe_load(response.content)
    assert schema["openapi"].startswith("3.")
    assert set(schema["paths"]) >= PATHS
    as_json = client.get(reverse("api:schema"), {"format": "json"})
    assert as_json.status_code == 200 and as_json["Content-Type"].startswith("application/vnd.oai.openapi+json")
    assert set(json.loads(as_json.content)["paths"]) >= PATHS


def test_schema_documents_filters_auth_and_errors(client: Client) -> None:
    token, _ = api_token_issue(user=make_user(Role.MINISTRY_ADMIN))
    response = client.get(reverse("api:schema"), {"format": "json"}, headers={"Authorization": f"Token {token.key}"})
    schema = json.loads(response.content)
    centres = schema["paths"]["/api/v1/centres/"]["get"]
    params = {p["name"] for p in centres["parameters"]}
    assert {
        "province", "regency", "host_kind", "cohort_year", "field", "cluster", "is_incubator", "status", "q",
        "page", "page_size", "ordering",
    } <= params  # fmt: skip
    assert {"401", "404", "200"} <= set(centres["responses"])
    assert set(schema["components"]["securitySchemes"]) == {"tokenAuth", "cookieAuth"}
    hosts = {p["name"] for p in schema["paths"]["/api/v1/host-institutions/"]["get"]["parameters"]}
    assert {"kind", "regency", "province", "q"} <= hosts
    fields = {p["name"] for p in schema["paths"]["/api/v1/vocational-fields/"]["get"]["parameters"]}
    assert "active" in fields


def test_schema_has_no_ui_page() -> None:
    from django.urls import NoReverseMatch

    for name in ("api:swagger-ui", "api:redoc"):
        with pytest.raises(NoReverseMatch, match=f"Reverse for '{name.removeprefix('api:')}' not found"):
            reverse(name)


def test_spectacular_validate_fail_on_warn(tmp_path: Path) -> None:
    """Same as ``manage.py spectacular --validate --fail-on-warn``: exits non-zero on any warning."""
    out = tmp_path / "schema.yaml"
    stderr = StringIO()
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(out), stderr=stderr)
    assert out.stat().st_size > 0
    assert "Warning" not in stderr.getvalue() and "Error" not in stderr.getvalue()

"""The register export: exactly the filtered rows in scope, every page, XLSX and CSV, safe cells."""

from __future__ import annotations

import csv
import io

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from inkubator.core.roles import Role
from tests.centres.factories_extra import centre_with_fields, regency
from tests.factories import CentreFactory, HostInstitutionFactory, make_user

pytestmark = pytest.mark.django_db


def read_csv(response) -> list[dict[str, str]]:  # noqa: ANN001
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(body.lstrip("\ufeff"))))


def read_xlsx(response) -> list[dict[str, object]]:  # noqa: ANN001
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True).active
    rows = list(sheet.iter_rows(values_only=True))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def export(client: Client, fmt: str, query: dict | None = None):  # noqa: ANN201
    response = client.get(reverse("centres:export", args=[fmt]), query or {})
    assert response.status_code == 200, response.content
    return response


@pytest.fixture
def centres() -> dict[str, object]:
    return {
        "bekasi": centre_with_fields("tik", "menjahit", name="BLKK Bekasi", regency=regency("32.16")),
        "kota_bekasi": centre_with_fields("otomotif", name="BLKK Kota Bekasi", regency=regency("32.75")),
        "surabaya": CentreFactory(name="BLKK Surabaya", regency=regency("35.78")),
        "kupang": CentreFactory(name="BLKK Kupang", regency=regency("53.71"), status="closed"),
    }


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_export_holds_exactly_the_filtered_rows(client: Client, centres: dict, fmt: str) -> None:
    client.force_login(make_user(Role.MINISTRY_ADMIN))
    client.post(reverse("set_language"), {"language": "en"})
    reader = read_csv if fmt == "csv" else read_xlsx
    rows = reader(export(client, fmt, {"province": "32"}))
    assert sorted(row["Name"] for row in rows) == ["BLKK Bekasi", "BLKK Kota Bekasi"]
    bekasi = next(row for row in rows if row["Name"] == "BLKK Bekasi")
    assert bekasi["Regency/city"] == "Kabupaten Bekasi" and bekasi["Province"] == "Jawa Barat"
    assert "Menjahit" in str(bekasi["Vocational fields"]) or "menjahit" in str(bekasi["Vocational fields"]).lower()
    assert bekasi["Cohort year"] in (2020, "2020")
    rows = reader(export(client, fmt, {"status": "closed"}))
    assert [row["Name"] for row in rows] == ["BLKK Kupang"]


def test_coordinator_of_jawa_timur_exports_only_jawa_timur(client: Client, centres: dict) -> None:
    client.force_login(make_user(Role.REGIONAL_COORDINATOR, provinces=["35"]))
    client.post(reverse("set_language"), {"language": "en"})
    assert [row["Name"] for row in read_csv(export(client, "csv"))] == ["BLKK Surabaya"]
    # Asking for another province gives nothing, not that province's centres.
    assert read_csv(export(client, "csv", {"province": "32"})) == []


def test_manager_of_a_never_exports_b(client: Client, centres: dict) -> None:
    client.force_login(make_user(Role.CENTRE_MANAGER, centres=[centres["bekasi"]]))
    client.post(reverse("set_language"), {"language": "en"})
    for fmt, reader in (("csv", read_csv), ("xlsx", read_xlsx)):
        assert [row["Name"] for row in reader(export(client, fmt))] == ["BLKK Bekasi"]
        assert reader(export(client, fmt, {"q": "Kota Bekasi"})) == []


def test_every_page_is_exported_in_the_list_order(client: Client) -> None:
    for n in range(30):
        CentreFactory(name=f"BLKK {n:02d}", code=f"C-{n:02d}")
    client.force_login(make_user(Role.MINISTRY_ADMIN))
    client.post(reverse("set_language"), {"language": "en"})
    rows = read_csv(export(client, "csv", {"sort": "-name", "page": "2"}))
    assert [row["Name"] for row in rows] == [f"BLKK {n:02d}" for n in range(29, -1, -1)]


def test_headers_are_indonesian_by_default(client: Client, centres: dict) -> None:
    client.force_login(make_user(Role.MINISTRY_ADMIN))
    response = export(client, "csv")
    header = b"".join(response.streaming_content).decode("utf-8").lstrip("\ufeff").splitlines()[0]
    assert "Registration code" not in header and "Name" not in header.split(",")


def test_file_names_types_and_unknown_format(client: Client, centres: dict) -> None:
    client.force_login(make_user(Role.MINISTRY_ADMIN))
    csv_response = export(client, "csv")
    assert csv_response["Content-Type"].startswith("text/csv")
    assert "attachment" in csv_response["Content-Disposition"] and ".csv" in csv_response["Content-Disposition"]
    xlsx_response = export(client, "xlsx")
    assert "spreadsheetml" in xlsx_response["Content-Type"]
    assert ".xlsx" in xlsx_response["Content-Disposition"]
    assert client.get(reverse("centres:export", args=["pdf"])).status_code == 404


def test_invalid_filter_is_refused_not_widened(client: Client, centres: dict) -> None:
    client.force_login(make_user(Role.MINISTRY_ADMIN))
    client.post(reverse("set_language"), {"language": "en"})
    response = client.get(reverse("centres:export", args=["csv"]), {"status": "bogus"})
    assert response.status_code == 400
    assert "Status" in response.content.decode()


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_formula_cells_are_escaped(client: Client, fmt: str) -> None:
    host = HostInstitutionFactory(name='=HYPERLINK("http://x","klik")')
    CentreFactory(name="+BLKK Rumus", host=host, address="@SUM(A1)")
    client.force_login(make_user(Role.MINISTRY_ADMIN))
    client.post(reverse("set_language"), {"language": "en"})
    rows = (read_csv if fmt == "csv" else read_xlsx)(export(client, fmt))
    assert rows[0]["Name"] == "'+BLKK Rumus"
    assert rows[0]["Host institution"] == '\'=HYPERLINK("http://x","klik")'
    assert rows[0]["Address"] == "'@SUM(A1)"


def test_anonymous_is_sent_to_login(client: Client) -> None:
    response = client.get(reverse("centres:export", args=["csv"]))
    assert response.status_code == 302


# session, user, scope (2), the field filter value, session save (3), rows, fields (one query per 1,000 rows)
EXPORT_QUERIES = 10


@pytest.mark.parametrize("count", [5, 60])
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_export_costs_a_fixed_number_of_queries(
    client: Client, django_assert_max_num_queries, count: int, fmt: str
) -> None:
    for _ in range(count):
        centre_with_fields("tik", "menjahit")
    client.force_login(make_user(Role.REGIONAL_COORDINATOR, provinces=["32"]))
    with django_assert_max_num_queries(EXPORT_QUERIES):
        response = client.get(reverse("centres:export", args=[fmt]), {"field": "tik"})
        body = b"".join(response.streaming_content)  # a CSV reads its rows while streaming
    assert body

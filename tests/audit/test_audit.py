"""Every create, update and delete of a domain record is in the trail; ministry admins read it."""

from __future__ import annotations

import pytest
from auditlog.context import set_actor
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import reverse

from inkubator.audit.forms import AuditFilterForm
from inkubator.centres.models import Centre
from inkubator.core.roles import Role
from inkubator.regions.models import Regency
from tests.factories import CentreFactory, PartnerFactory, make_user

pytestmark = pytest.mark.django_db


def entries_for(obj: object) -> list[LogEntry]:
    return list(LogEntry.objects.get_for_object(obj).order_by("timestamp", "pk"))


def test_create_update_delete_are_recorded() -> None:
    centre = CentreFactory(name="BLK Komunitas Lama")
    centre.name = "BLK Komunitas Baru"
    centre.save()
    pk = centre.pk
    centre.delete()
    actions = LogEntry.objects.filter(content_type=ContentType.objects.get_for_model(Centre), object_id=pk)
    assert sorted(actions.values_list("action", flat=True)) == [
        LogEntry.Action.CREATE,
        LogEntry.Action.UPDATE,
        LogEntry.Action.DELETE,
    ]
    update = actions.get(action=LogEntry.Action.UPDATE)
    assert update.changes_dict["name"] == ["BLK Komunitas Lama", "BLK Komunitas Baru"]


def test_role_and_scope_changes_of_users_are_recorded_without_passwords() -> None:
    user = make_user(Role.REGIONAL_COORDINATOR, provinces=["32"])
    create = entries_for(user)[0]
    assert "password" not in create.changes_dict
    assert create.changes_dict["role"][1] == Role.REGIONAL_COORDINATOR


def test_the_actor_is_recorded() -> None:
    # AuditlogMiddleware binds the signed-in user the same way for every request.
    admin = make_user(Role.MINISTRY_ADMIN)
    with set_actor(admin):
        partner = PartnerFactory()
    assert entries_for(partner)[0].actor == admin


def test_admin_reads_the_trail_per_object_and_per_user(client: Client) -> None:
    admin = make_user(Role.MINISTRY_ADMIN)
    centre = CentreFactory(name="BLK Komunitas Jejak")
    client.force_login(admin)
    ct = ContentType.objects.get_for_model(Centre)
    response = client.get(reverse("audit:list"), {"content_type": ct.pk, "object_pk": centre.pk})
    assert response.status_code == 200
    assert "BLK Komunitas Jejak" in response.content.decode()
    response = client.get(reverse("audit:list"), {"actor": admin.pk})
    assert response.status_code == 200
    assert "BLK Komunitas Jejak" not in response.content.decode()  # created by no signed-in actor


@pytest.mark.parametrize("role", [Role.REGIONAL_COORDINATOR, Role.FACILITATOR, Role.ENTREPRENEUR])
def test_other_roles_get_404(client: Client, role: str) -> None:
    scope = {"provinces": ["32"]} if role == Role.REGIONAL_COORDINATOR else {}
    client.force_login(make_user(role, **scope))
    assert client.get(reverse("audit:list")).status_code == 404


def test_trail_shows_labels_choices_and_scope_changes(client: Client) -> None:
    user = make_user(Role.CENTRE_MANAGER, centres=[CentreFactory(code="T-JEJAK")])
    client.force_login(make_user(Role.MINISTRY_ADMIN))
    ct = ContentType.objects.get_for_model(user)
    body = client.get(reverse("audit:list"), {"content_type": ct.pk, "object_pk": user.pk}).content.decode()
    assert "Pengelola BLKK" in body  # the role's name, not its code
    assert "T-JEJAK" in body  # the centre added to the manager's scope


def test_trail_page_costs_a_fixed_number_of_queries(client: Client, django_assert_max_num_queries) -> None:
    for _ in range(20):
        CentreFactory()
    client.force_login(make_user(Role.MINISTRY_ADMIN))
    with django_assert_max_num_queries(10):
        assert client.get(reverse("audit:list")).status_code == 200


def test_the_actor_choices_are_the_accounts_the_reader_may_see() -> None:
    jabar = make_user(Role.CENTRE_MANAGER, centres=[CentreFactory(regency=Regency.objects.get(code="32.16"))])
    jatim = make_user(Role.CENTRE_MANAGER, centres=[CentreFactory(regency=Regency.objects.get(code="35.78"))])
    admin = make_user(Role.MINISTRY_ADMIN)
    assert {jabar, jatim, admin} <= set(AuditFilterForm(user=admin).fields["actor"].queryset)
    # The trail is the ministry's; a form built for a coordinator would still list their region's accounts only.
    coordinator = make_user(Role.REGIONAL_COORDINATOR, provinces=["35"])
    assert list(AuditFilterForm(user=coordinator).fields["actor"].queryset) == [jatim]


def test_trail_queries_and_templates_flat_at_5_and_60_entries(client: Client) -> None:
    from tests.screens import assert_queries_flat

    admin = make_user(Role.MINISTRY_ADMIN)
    client.force_login(admin)
    ct = ContentType.objects.get_for_model(Centre)

    def add(n: int) -> None:
        with set_actor(admin):
            CentreFactory.create_batch(n)

    # Entries of centres only: the factory's hosts and the admin's account leave entries of their own.
    assert_queries_flat(client, reverse("audit:list"), add, params={"content_type": ct.pk})

"""Every choice list of a screen that shows users, centres or partners comes from ``visible_to`` (issue 18.5).

The test opens every page declared in ``tests/security/routes.py`` that a scoped principal may GET (the
regional coordinator of one regency, the facilitator, the centre manager, the partner and venue staff
of the authorization matrix's world, on their own zone's records), takes every form and filter form
the page was rendered with, and checks each choice field over users, centres or partners (a model
choice field, or a filter's): it may offer nothing that ``Model.objects.visible_to(user)`` hides. The
world holds the same records in another regency of the province and in another province (a centre,
its facilitator's account, a tenant's owner, a partner), so a field that lists every row fails here,
naming the page, the form and the field.

A form whose choices come from the view (``partners=`` / ``facilitators=`` / ``centres=``) is checked
as the view builds it: the test reads what the page was rendered with, not the form class alone.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django import forms
from django.db.models import Model
from django.test import Client
from django.test.utils import ContextList
from django.urls import reverse
from django_filters import FilterSet
from pytest_django import DjangoDbBlocker

from inkubator.accounts.models import User
from inkubator.centres.models import Centre
from inkubator.incubation.views_tenant import RECORDS
from inkubator.mentoring.models import Facilitator
from inkubator.partners.models import Partner
from tests.once import built_once
from tests.security.declarations import FAC, KORWIL, MGR, PARTNER, VENUE, Route
from tests.security.routes import ROUTES
from tests.security.world import GLOBAL, World, build_world

pytestmark = pytest.mark.django_db

# Whose lists of people, centres and partners must stay in their scope: every scoped role of the matrix.
PRINCIPALS = (KORWIL, FAC, MGR, PARTNER, VENUE)
# The records a choice list must not show beyond the user's scope (a facilitator is a user's team card).
WATCHED: tuple[type[Model], ...] = (User, Centre, Partner, Facilitator)
# What the walk reached at the time of writing (13 page/form/field triples): fewer means a page lost its
# form or a route is no longer opened, and the walk proves less than it did.
MIN_CHECKED = 13
# Patterns whose URL names which form the page shows: every form, not only the one the matrix declares.
VARIANTS: dict[str, list[dict[str, Any]]] = {
    "incubation:record_create": [{"kind": kind} for kind in RECORDS],
}


def _forms_in(value: Any, seen: set[int]) -> Iterator[tuple[str, forms.BaseForm]]:
    """The forms a context value holds: a form, a filter set's form, or forms in a list or dict."""
    if id(value) in seen:
        return
    seen.add(id(value))
    if isinstance(value, forms.BaseForm):
        yield type(value).__qualname__, value
    elif isinstance(value, FilterSet):
        yield type(value).__qualname__, value.form
    elif isinstance(value, forms.BaseFormSet):
        for form in value.forms:
            yield from _forms_in(form, seen)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _forms_in(item, seen)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _forms_in(item, seen)


def rendered_forms(response: Any) -> list[tuple[str, forms.BaseForm]]:
    """Every form (and filter form) in the contexts the page's templates were rendered with."""
    seen: set[int] = set()
    found: list[tuple[str, forms.BaseForm]] = []
    contexts = response.context
    contexts = contexts if isinstance(contexts, ContextList) else [contexts] if contexts is not None else []
    for context in contexts:
        for layer in context.dicts:
            for value in layer.values():
                found += _forms_in(value, seen)
    return found


def watched_fields(form: forms.BaseForm) -> list[str]:
    """The form's choice fields over users, centres or partners."""
    return [
        name
        for name, field in form.fields.items()
        if isinstance(field, forms.ModelChoiceField) and field.queryset is not None and field.queryset.model in WATCHED
    ]


def out_of_scope_choices(form: forms.BaseForm, user: Any) -> list[str]:
    """The form's choice fields over users, centres or partners that offer a row ``visible_to(user)`` hides."""
    problems = []
    for name in watched_fields(form):
        queryset = form.fields[name].queryset
        model = queryset.model
        offered = set(queryset.values_list("pk", flat=True))
        hidden = offered - set(model.objects.visible_to(user).filter(pk__in=offered).values_list("pk", flat=True))
        if hidden:
            shown = ", ".join(str(row) for row in model._base_manager.filter(pk__in=sorted(hidden)[:3]))
            problems.append(f"{name} offers {len(hidden)} {model._meta.verbose_name_plural} out of scope ({shown})")
    return problems


def _urls(w: World, name: str, route: Route) -> list[str]:
    """The pattern's URL on the principal's own (``in``) record, once per variant."""
    key = route.target_key()
    zone = GLOBAL if key is not None and key in w.objects[GLOBAL] else "in"
    kwargs = route.kwargs(w, zone) if route.kwargs else None
    return [reverse(name, kwargs={**(kwargs or {}), **variant}) for variant in VARIANTS.get(name, [{}])]


@pytest.fixture(scope="module")
def world(django_db_setup: None, django_db_blocker: DjangoDbBlocker) -> Iterator[World]:
    with built_once(django_db_blocker):
        yield build_world()


def test_the_world_has_people_centres_and_partners_out_of_each_scope(world: World) -> None:
    """Without rows out of scope the walk below would prove nothing: every principal has users and
    centres out of scope, and some principal partners (a coordinator sees every partner: they work
    nationally)."""

    def hidden(principal: str, model: type[Model]) -> bool:
        return model.objects.exclude(pk__in=model.objects.visible_to(world.user(principal)).values("pk")).exists()

    for principal in PRINCIPALS:
        assert hidden(principal, User) and hidden(principal, Centre), principal
    assert all(any(hidden(principal, model) for principal in PRINCIPALS) for model in WATCHED)


def test_choice_lists_of_every_page_come_from_visible_to(world: World) -> None:
    problems: list[str] = []
    checked: set[tuple[str, str, str]] = set()  # (page, form, field) triples checked
    for principal in PRINCIPALS:
        user = world.user(principal)
        client = Client()
        client.force_login(user)
        for name, route in ROUTES.items():
            # Lists are checked too (their filter forms); the API and files (exports) have no forms.
            if route.api or "GET" not in route.methods or principal not in (route.get or ()):
                continue
            for url in _urls(world, name, route):
                response = client.get(url)
                if response.status_code != 200 or not response.get("Content-Type", "").startswith("text/html"):
                    continue
                for form_name, form in rendered_forms(response):
                    for problem in out_of_scope_choices(form, user):
                        problems.append(f"{url} ({name}) as {principal}: {form_name}.{problem}")
                    checked.update((name, form_name, field) for field in watched_fields(form))
    assert not problems, "choice lists not from visible_to:\n" + "\n".join(problems)
    # A page that lost its form, or a route no longer opened, makes the walk prove less: say so.
    assert len(checked) >= MIN_CHECKED, f"only {len(checked)} choice fields were checked: {sorted(checked)}"

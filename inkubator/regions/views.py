"""The region search page (what a name resolves to, what lies inside it) and the options of dependent selects."""

from __future__ import annotations

from typing import Any

from django.db.models import Model, QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from inkubator.core.roles import Role
from inkubator.core.scoping import user_scope
from inkubator.core.screens import page

from .choices import Level, level_of, normalize_code
from .forms import RegionSearchForm
from .models import District, Province, Regency, Village
from .selectors import region_children, region_exists, region_lookup, region_point

# The roles that check region names (imports, coordinators' provinces); everyone else gets a 404,
# as for any page outside their role, so the page's existence is not revealed.
SEARCH_ROLES = frozenset({Role.MINISTRY_ADMIN, Role.REGIONAL_COORDINATOR})


@page()
def region_search(request: HttpRequest) -> HttpResponse:
    """Look a region up by name or code; show the match (or the candidates) and its children.

    Regions are public reference data (the Kemendagri list), so no ``visible_to`` scope applies:
    a regional coordinator may look up any region. Only the role decides who sees the page.
    """
    user = request.user
    if not (user.is_superuser or getattr(user, "role", None) in SEARCH_ROLES):
        raise Http404
    form = RegionSearchForm(request.GET or None)
    context: dict[str, object] = {"form": form}
    if form.is_valid() and form.cleaned_data["q"].strip():
        result = region_lookup(name=form.cleaned_data["q"], level=form.cleaned_data["level"] or None)
        context["result"] = result
        if result.match is not None:
            context["children"] = region_children(code=result.match.code)
            context["point"] = region_point(code=result.match.code)
    return render(request, "regions/search.html", context)


# The level below each level, and the parameter a dependent select sends its parent's code under.
CHILD_LEVEL: dict[Level, Level] = {
    Level.PROVINCE: Level.REGENCY,
    Level.REGENCY: Level.DISTRICT,
    Level.DISTRICT: Level.VILLAGE,
}
PARENT_LEVEL: dict[Level, Level] = {child: parent for parent, child in CHILD_LEVEL.items()}
CHILD_MODELS: dict[Level, type[Model]] = {
    Level.PROVINCE: Province,
    Level.REGENCY: Regency,
    Level.DISTRICT: District,
    Level.VILLAGE: Village,
}
PARENT_FIELDS: dict[Level, str] = {
    Level.REGENCY: "province_id",
    Level.DISTRICT: "regency_id",
    Level.VILLAGE: "district_id",
}


def _inside(code: str, area: str) -> bool:
    return code == area or code.startswith(f"{area}.")


def _region_scope(user: Any) -> list[str] | None:
    """The region codes a regional coordinator works in; None for users whose scope is not regional.

    Only coordinators have a regional scope (``core.scoping``); ministry admins see every region and
    the other roles never choose a region for a record, so their options are not narrowed.
    """
    if user.is_superuser or getattr(user, "role", None) != Role.REGIONAL_COORDINATOR:
        return None
    scope = user_scope(user)
    return [*scope.province_codes, *scope.regency_codes]


@page()
def region_options(request: HttpRequest) -> HttpResponse:
    """The ``<option>``s of one level's regions inside a parent, for dependent selects (htmx).

    ``level`` is the level wanted (``regency``, ``district``, ``village``; ``province`` needs no
    parent). The parent's code comes as ``parent`` or under the parent level's name
    (``province=32``), which is what htmx sends when a select includes its parent select. The
    current value (``regency=32.16``) stays selected when it is among the options. Without a
    parent, only the empty option is returned (the select is reset).

    Regions are public reference data, so any signed-in user may read them. With ``scoped=1`` a
    regional coordinator gets only the regions of their scope (the form would refuse the others),
    and a parent outside that scope answers 404 like any out-of-scope object.
    """
    try:
        level = Level(request.GET.get("level", ""))
    except ValueError:
        return HttpResponseBadRequest(_("Unknown level."))
    area = _region_scope(request.user) if request.GET.get("scoped") == "1" else None
    model = CHILD_MODELS[level]
    regions: QuerySet = model.objects.order_by("name")
    if level == Level.PROVINCE:
        if area is not None:
            regions = regions.filter(code__in={code.split(".")[0] for code in area})
    else:
        parent_level = PARENT_LEVEL[level]
        raw_parent = request.GET.get("parent") or request.GET.get(parent_level.value) or ""
        if not raw_parent.strip():
            return HttpResponse(_options([], selected=""))
        parent = normalize_code(raw_parent)
        if parent is None or level_of(parent) != parent_level:
            return HttpResponseBadRequest(_("The parent is not a region code of the level above."))
        if not region_exists(code=parent):
            raise Http404
        regions = regions.filter(**{PARENT_FIELDS[level]: parent})
        if area is not None and not any(_inside(parent, code) for code in area):
            # A parent outside the scope is only usable when it is a province holding some of the
            # coordinator's regencies: then exactly those regencies are offered.
            inner = [code for code in area if _inside(code, parent)]
            if level != Level.REGENCY or not inner:
                raise Http404
            regions = regions.filter(code__in=inner)
    selected = request.GET.get(level.value, "")
    return HttpResponse(_options(regions.values_list("code", "name"), selected=selected))


def _options(rows: Any, *, selected: str) -> str:
    empty = format_html('<option value="">{}</option>', "---------")
    return empty + format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        ((code, mark_safe(" selected") if code == selected else "", name) for code, name in rows),  # noqa: S308
    )

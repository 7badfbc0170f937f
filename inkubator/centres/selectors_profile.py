"""Reads for a centre's page: its tabs, its map, its history, and the objects the mapping forms edit.

Every read starts from ``<Model>.objects.visible_to(user)`` and is narrowed to the centre already
fetched with ``centre_get`` (so a child of another centre under this centre's URL is a 404). Each tab
costs a fixed number of queries whatever the centre's size (tests/centres/test_profile.py).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import Any

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db.models import Field, Max, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from inkubator.audit.selectors import Change, entry_changes
from inkubator.core.masking import mask_identifier
from inkubator.partners.models import Partner
from inkubator.regions.maps import ATTRIBUTION, province_svg
from inkubator.regions.selectors import region_point

from .models import Agreement, Asset, Centre, CentreField, Certificate, Staff
from .permissions import can_map_centre
from .selectors import centre_list, completeness_missing, with_completeness

# A certificate that expires within this many days is flagged so that renewal can be planned.
EXPIRY_WARNING_DAYS = 90
HISTORY_LIMIT = 50


class Tab(StrEnum):
    """The tabs of a centre's page, in the order shown; the value is the ``?tab=`` parameter."""

    PROFILE = "profile"
    FIELDS = "fields"
    STAFF = "staff"
    ASSETS = "assets"
    AGREEMENTS = "agreements"
    HISTORY = "history"


TAB_LABELS: dict[Tab, Promise] = {
    Tab.PROFILE: _("Profile"),
    Tab.FIELDS: _("Fields"),
    Tab.STAFF: _("Staff"),
    Tab.ASSETS: _("Assets"),
    Tab.AGREEMENTS: _("Agreements"),
    Tab.HISTORY: _("History"),
}


def can_read_centre_history(user: Any) -> bool:
    """The history tab is for those who keep the centre's data (mapping roles, ministry admins included)."""
    return can_map_centre(user)


def tabs_for(user: Any) -> list[tuple[Tab, Promise]]:
    """The tabs ``user`` gets on a centre they can see."""
    return [(tab, label) for tab, label in TAB_LABELS.items() if tab != Tab.HISTORY or can_read_centre_history(user)]


def format_rupiah(value: Decimal | int | None) -> str:
    """``Rp 1.500.000``: Indonesian grouping whatever the UI language, as money is written in Indonesia."""
    if value is None:
        return "—"
    return "Rp " + f"{int(value):,}".replace(",", ".")


# A staff member's phone for a role that only reads the centre: the project's one mask (last four digits).
mask_phone = mask_identifier


# The header -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CentreSummary:
    """What the page header shows on every tab: completeness and when staff and assets last changed."""

    completeness: int
    missing: list[str | Promise]
    assets_updated_at: dt.datetime | None
    staff_updated_at: dt.datetime | None
    tenants: int = 0  # tenants naming the centre as their incubator (flagged when it is not designated)


def _latest(model: type, field: str = "updated_at") -> Subquery:
    return Subquery(
        model.objects.filter(centre=OuterRef("pk"))
        .order_by()
        .values("centre")
        .annotate(latest=Max(field))
        .values("latest")[:1]
    )


def centre_summary(*, user: Any, centre: Centre) -> CentreSummary:
    """Completeness (score and what is missing) and last updates of one visible centre, in one query."""
    row = (
        with_completeness(centre_list(user=user).filter(pk=centre.pk))
        .annotate(assets_updated_at=_latest(Asset), staff_updated_at=_latest(Staff))
        .get()
    )
    # Counted through the reverse name incubation gives its foreign key (no import of the app above):
    # a centre that tenants name as their incubator but is not designated is a data problem to show.
    tenants = 0 if row.is_incubator else Centre.objects.filter(pk=centre.pk, tenants__isnull=False).count()
    return CentreSummary(
        completeness=int(row.completeness),
        missing=completeness_missing(row),
        assets_updated_at=row.assets_updated_at,
        staff_updated_at=row.staff_updated_at,
        tenants=tenants,
    )


@dataclass(frozen=True)
class CentreMap:
    """The province map of a centre: the SVG and whether the pin is only the centre's region point."""

    svg: SafeString | None
    approximate: bool
    has_point: bool
    attribution: Promise = ATTRIBUTION


def centre_map(*, centre: Centre) -> CentreMap:
    """The province outline with a pin at the centre, or at its district/regency point (approximate).

    Costs no query when the centre has coordinates, one otherwise; the outline comes from a per-process cache.
    """
    point: tuple[float, float] | None = None
    approximate = False
    if centre.latitude is not None and centre.longitude is not None:
        point = (float(centre.latitude), float(centre.longitude))
    else:
        point = region_point(code=centre.district_id or centre.regency_id)
        approximate = point is not None
    svg = province_svg(province_code=centre.province_id, pin=point, approximate=approximate, title=str(centre.province))
    return CentreMap(svg=svg, approximate=approximate, has_point=point is not None)


# The tabs ----------------------------------------------------------------------------------------


def centre_fields(*, user: Any, centre: Centre) -> QuerySet[CentreField]:
    """The vocational fields the centre offers, with capacity (one query)."""
    return CentreField.objects.visible_to(user).filter(centre=centre).select_related("field")


class Expiry(StrEnum):
    """Where a certificate stands against its expiry date."""

    VALID = "valid"
    EXPIRING = "expiring"
    EXPIRED = "expired"
    UNKNOWN = "unknown"


def certificate_expiry(certificate: Certificate, today: dt.date) -> Expiry:
    """Expired, expiring within ``EXPIRY_WARNING_DAYS``, valid, or unknown (no expiry date recorded)."""
    if certificate.expires_on is None:
        return Expiry.UNKNOWN
    if certificate.expires_on < today:
        return Expiry.EXPIRED
    if certificate.expires_on <= today + dt.timedelta(days=EXPIRY_WARNING_DAYS):
        return Expiry.EXPIRING
    return Expiry.VALID


@dataclass(frozen=True)
class StaffRow:
    """A staff member with their certificates' expiry states and a phone shown as the role allows."""

    staff: Staff
    phone: str
    certificates: list[tuple[Certificate, Expiry]]


def centre_staff(*, user: Any, centre: Centre, today: dt.date | None = None) -> list[StaffRow]:
    """The centre's staff, active first, with certificates (two queries)."""
    today = today or timezone.localdate()
    certificates = Certificate.objects.visible_to(user).order_by("expires_on", "pk")
    staff = (
        Staff.objects.visible_to(user)
        .filter(centre=centre)
        .select_related("field")
        .prefetch_related(Prefetch("certificates", queryset=certificates))
        .order_by("-active", "role", "name")
    )
    # Every role that reaches a centre keeps its data today; the mask is there for any role that
    # later gets to read a centre without mapping it (a partner seeing aggregates, say).
    full_phone = can_map_centre(user)
    return [
        StaffRow(
            staff=member,
            phone=member.phone if full_phone else mask_phone(member.phone),
            certificates=[(c, certificate_expiry(c, today)) for c in member.certificates.all()],
        )
        for member in staff
    ]


def centre_assets(*, user: Any, centre: Centre) -> list[tuple[Asset, str]]:
    """The centre's assets with their estimated value written in Rupiah (one query)."""
    assets = Asset.objects.visible_to(user).filter(centre=centre).select_related("partner")
    return [(asset, format_rupiah(asset.estimated_value)) for asset in assets]


def centre_agreements(*, user: Any, centre: Centre) -> QuerySet[Agreement]:
    """The centre's signed agreements, newest first (one query)."""
    return Agreement.objects.visible_to(user).filter(centre=centre).order_by("-signed_on", "-pk")


# History -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class HistoryRow:
    """One audit entry of the centre or one of its records, ready to show."""

    entry: LogEntry
    kind: str
    changes: list[Change]


def _deleted_ids(content_type: ContentType, key: str, values: list[str]) -> set[int]:
    """Ids of deleted records of ``content_type`` whose delete entry names one of ``values`` under ``key``.

    auditlog writes every field of a deleted record ([value, None]), foreign keys as the key in
    text: that is how records deleted since are still found. Only delete entries are read (records
    that still exist are found by their rows), which keeps the JSON scan to a small part of the trail.
    """
    if not values:
        return set()
    rows = LogEntry.objects.filter(
        content_type=content_type, action=LogEntry.Action.DELETE, **{f"changes__{key}__0__in": values}
    ).values_list("object_id", flat=True)
    return {object_id for object_id in rows if object_id is not None}


def centre_history(*, user: Any, centre: Centre, limit: int = HISTORY_LIMIT) -> list[HistoryRow]:
    """The audit trail of the centre and of its fields, staff, certificates, assets and agreements, newest first.

    What it shows: every entry auditlog wrote for the centre itself and for any child record that
    belongs or belonged to it, deleted ones included (found through their create/delete entries), and
    certificates of its staff (present and deleted). What it cannot show: changes made without
    auditlog (bulk updates, raw SQL, data migrations, bulk imports that skip ``save()``), the host
    institution's entries (a host may run several centres: shown on the host's own page), and
    records that were moved from another centre before this one (their entries name the old centre).

    A fixed number of queries (twelve at most, content types included) whatever the size of the trail.
    Returns nothing for a user who may not read the history.
    """
    if not can_read_centre_history(user):
        return []
    types = ContentType.objects.get_for_models(Centre, Asset, Staff, CentreField, Agreement, Certificate)
    centre_key = [str(centre.pk)]
    ids: dict[type, set[int]] = {}
    for model in (Asset, Staff, CentreField, Agreement):
        present = set(model.objects.visible_to(user).filter(centre=centre).values_list("pk", flat=True))
        ids[model] = present | _deleted_ids(types[model], "centre", centre_key)
    staff_keys = [str(pk) for pk in sorted(ids[Staff])]
    present_certificates = (
        Certificate.objects.visible_to(user).filter(staff__centre=centre).values_list("pk", flat=True)
    )
    ids[Certificate] = set(present_certificates) | _deleted_ids(types[Certificate], "staff", staff_keys)

    wanted = Q(content_type=types[Centre], object_id=centre.pk)
    for model, object_ids in ids.items():
        if object_ids:
            wanted |= Q(content_type=types[model], object_id__in=sorted(object_ids))
    entries = list(
        LogEntry.objects.filter(wanted).select_related("actor", "content_type").order_by("-timestamp", "-pk")[:limit]
    )
    readable = [(entry, _readable_changes(entry)) for entry in entries]
    names = _names_of_related(user, readable)
    rows = []
    for entry, changes in readable:
        # Shown values only, on the in-memory entry: the trail itself is never written to.
        entry.changes = {
            name: [names.get((field.related_model, value), value) if field.is_relation else value for value in values]
            for name, (field, values) in changes.items()
        }
        model = entry.content_type.model_class()
        kind = str(model._meta.verbose_name) if model else entry.content_type.model
        rows.append(HistoryRow(entry=entry, kind=kind.capitalize(), changes=entry_changes(entry)))
    return rows


# Bookkeeping fields and the link to the parent say nothing a reader of the centre's page needs.
HISTORY_HIDDEN_FIELDS = frozenset({"id", "created_at", "updated_at", "centre"})


def _readable_changes(entry: LogEntry) -> dict[str, tuple[Field, list[Any]]]:
    """The entry's changes to concrete, meaningful fields (auditlog also lists reverse relations on create)."""
    model = entry.content_type.model_class()
    if model is None:
        return {}
    concrete = {field.name: field for field in model._meta.concrete_fields}
    changes = {}
    for name, values in entry.changes_dict.items():
        field = concrete.get(name)
        if field is None or name in HISTORY_HIDDEN_FIELDS or not isinstance(values, list):
            continue
        changes[name] = (field, [None if value in (None, "None") else value for value in values])
    return changes


def _names_of_related(
    user: Any, readable: list[tuple[LogEntry, dict[str, tuple[Field, list[Any]]]]]
) -> dict[tuple[type, str], str]:
    """Names for the foreign keys the entries mention, one query per related model (a fixed handful).

    Records the user cannot see, and records deleted since, keep their key.
    """
    wanted: dict[type, set[str]] = {}
    for _entry, changes in readable:
        for field, values in changes.values():
            if field.is_relation:
                wanted.setdefault(field.related_model, set()).update(str(v) for v in values if v is not None)
    names: dict[tuple[type, str], str] = {}
    for model, keys in wanted.items():
        if model is Partner:
            queryset: QuerySet = partner_choices(user=user)
        elif getattr(model, "scope", None) is not None:
            queryset = model.objects.visible_to(user)
        else:  # regions and vocational fields: public reference data
            queryset = model._default_manager.all()
        pk_name = model._meta.pk.name
        for obj in queryset.filter(**{f"{pk_name}__in": sorted(keys)}):
            names[(model, str(obj.pk))] = str(obj)
    return names


# Objects the mapping forms edit ------------------------------------------------------------------


def centre_asset_get(*, user: Any, centre: Centre, pk: int) -> Asset:
    """An asset of this centre within the user's scope; 404 otherwise (another centre's id included)."""
    return get_object_or_404(Asset.objects.visible_to(user).select_related("partner"), pk=pk, centre=centre)


def centre_staff_get(*, user: Any, centre: Centre, pk: int) -> Staff:
    """A staff member of this centre within the user's scope; 404 otherwise."""
    return get_object_or_404(Staff.objects.visible_to(user), pk=pk, centre=centre)


def centre_certificate_get(*, user: Any, centre: Centre, pk: int) -> Certificate:
    """A certificate of a staff member of this centre within the user's scope; 404 otherwise."""
    return get_object_or_404(Certificate.objects.visible_to(user).select_related("staff"), pk=pk, staff__centre=centre)


def centre_field_get(*, user: Any, centre: Centre, pk: int) -> CentreField:
    """A field offered by this centre within the user's scope; 404 otherwise."""
    return get_object_or_404(CentreField.objects.visible_to(user).select_related("field"), pk=pk, centre=centre)


def centre_agreement_get(*, user: Any, centre: Centre, pk: int) -> Agreement:
    """An agreement of this centre within the user's scope; 404 otherwise."""
    return get_object_or_404(Agreement.objects.visible_to(user), pk=pk, centre=centre)


def partner_choices(*, user: Any, current: int | None = None) -> QuerySet[Partner]:
    """Partners a mapper may name as an asset's donor: the register as ``visible_to`` shows it (the
    ministry: all; coordinators, facilitators and centre managers: the active partners it lists to them),
    plus the donor an asset names already (``current``), so that editing the asset never drops it.
    Names only; roles that do not map centres get none.
    """
    if not can_map_centre(user):
        return Partner.objects.none()
    partners = Partner.objects.visible_to(user)
    if current is not None:
        partners = Partner.objects.filter(Q(pk__in=partners.values("pk")) | Q(pk=current))
    return partners.only("pk", "name").order_by("name")

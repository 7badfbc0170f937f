"""Reads of the centre register, always within the user's scope."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Case, Exists, F, IntegerField, OuterRef, Prefetch, Q, QuerySet, Value, When
from django.shortcuts import get_object_or_404
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .choices import StaffRole
from .models import Agreement, Asset, Centre, CentreField, HostInstitution, Staff, VocationalField


@dataclass(frozen=True)
class CompletenessCheck:
    """One thing a complete centre profile has."""

    key: str
    label: str | Promise
    condition: Any  # a Q or a boolean expression on Centre


def _exists(model: type, **filters: Any) -> Exists:
    return Exists(model.objects.filter(centre=OuterRef("pk"), **filters))


COMPLETENESS_CHECKS: tuple[CompletenessCheck, ...] = (
    CompletenessCheck("address", _("Street address"), ~Q(address="")),
    CompletenessCheck("village", _("Village"), Q(village__isnull=False)),
    CompletenessCheck("coordinates", _("Map coordinates"), Q(latitude__isnull=False)),
    CompletenessCheck(
        "contact", _("Contact person with phone or email"), ~Q(contact_person="") & (~Q(phone="") | ~Q(email=""))
    ),
    CompletenessCheck("fields", _("Vocational fields"), _exists(CentreField)),
    CompletenessCheck("manager", _("A manager among the staff"), _exists(Staff, role=StaffRole.MANAGER, active=True)),
    CompletenessCheck(
        "instructor", _("An instructor among the staff"), _exists(Staff, role=StaffRole.INSTRUCTOR, active=True)
    ),
    CompletenessCheck("assets", _("Mapped assets"), _exists(Asset)),
    CompletenessCheck("agreement", _("A signed agreement (PKS)"), _exists(Agreement)),
)


def with_completeness(queryset: QuerySet[Centre]) -> QuerySet[Centre]:
    """Annotate ``has_<check>`` (0/1) for every check and ``completeness`` (0–100), in SQL and sortable."""
    flags = {
        f"has_{check.key}": Case(When(check.condition, then=Value(1)), default=Value(0), output_field=IntegerField())
        for check in COMPLETENESS_CHECKS
    }
    total = sum((F(name) for name in flags), Value(0))
    return queryset.annotate(**flags).annotate(completeness=total * 100 / len(COMPLETENESS_CHECKS))


# What an import may leave empty with the file's text kept (``Centre.import_notes``), by note key.
IMPORT_NOTE_LABELS: dict[str, Promise] = {
    "village": _("Village"),
    "district": _("District"),
    "fields": _("Vocational fields"),
    "religion": _("Religion of the host institution"),
    "host_kind": _("Type of the host institution"),
    "phone": _("Phone"),
    "email": _("E-mail"),
    "coordinates": _("Map coordinates"),
    "status": _("Status"),
}


def completeness_missing(centre: Centre) -> list[str | Promise]:
    """What an annotated centre's profile lacks, by label; then what an import left unmatched, with its text."""
    missing: list[str | Promise] = [
        check.label for check in COMPLETENESS_CHECKS if not getattr(centre, f"has_{check.key}")
    ]
    for key, text in sorted((getattr(centre, "import_notes", None) or {}).items()):
        missing.append(
            _('%(what)s: the import file said "%(text)s", which matched nothing')
            % {"what": IMPORT_NOTE_LABELS.get(key, key), "text": text}
        )
    return missing


def centre_list(*, user: Any) -> QuerySet[Centre]:
    """The centres ``user`` may see, with their regions and host loaded for listing."""
    return Centre.objects.visible_to(user).select_related("province", "regency", "district", "village", "host")


def centre_register_list(*, user: Any) -> QuerySet[Centre]:
    """The register's list and export rows: ``centre_list`` with each centre's field names in bulk."""
    # The fields column reads every row's fields: one prefetch query per page (or export chunk).
    return centre_list(user=user).prefetch_related(Prefetch("fields", queryset=VocationalField.objects.only("name")))


def centre_get(*, user: Any, code: str) -> Centre:
    """One centre by registration code; 404 when it does not exist or lies outside the user's scope."""
    return get_object_or_404(centre_list(user=user), code=code)


def host_institution_list(*, user: Any) -> QuerySet[HostInstitution]:
    """The host institutions ``user`` may see."""
    return HostInstitution.objects.visible_to(user).select_related("regency")


def vocational_field_list() -> QuerySet[VocationalField]:
    """The master list of vocational fields in use (public reference data)."""
    return VocationalField.objects.filter(active=True)


# The API (``api.py``) -------------------------------------------------------------------------------


def centre_api_list(*, user: Any) -> QuerySet[Centre]:
    """The centres ``user`` may see, with host, regions and offered fields loaded (no N+1).

    The fields are prefetched through ``CentreField.objects.visible_to(user)`` too: the same scope
    as their centre, stated again so that no query serving a user reaches a row another way.
    """
    centre_fields = CentreField.objects.visible_to(user).select_related("field").order_by("field__name")
    return centre_list(user=user).prefetch_related(Prefetch("centre_fields", queryset=centre_fields))


def host_institution_api_list(*, user: Any) -> QuerySet[HostInstitution]:
    """The host institutions ``user`` may see, with their regency and province loaded."""
    return host_institution_list(user=user).select_related("regency__province")


def vocational_field_api_list(*, user: Any) -> QuerySet[VocationalField]:
    """The whole master list of vocational fields (in use or retired) for any active signed-in user.

    The list is public reference data (see ``VocationalField``), but the API serves nothing to
    anonymous or inactive users. ``vocational_field_list`` returns the fields in use only; the API
    lets clients filter on ``active`` instead, so it needs retired ones too.
    """
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return VocationalField.objects.none()
    return VocationalField.objects.all()

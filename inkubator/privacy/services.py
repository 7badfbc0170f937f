"""Acts on one person's data (UU 27/2022): export, correction, erasure (anonymisation) and retention.

Each act is one transaction that records a ``DataSubjectRequest`` (kind, legal basis, requester, who
handled it, when, outcome). Erasure keeps every row — enrolments, tenancies, outcomes, figures — so
counts, dashboards and programme indicators do not change; it removes what identifies the person
(NIK, name, phone, address, place of birth, day and month of birth, village, free text that apps
registered, their own user account's names) from the record, every app's rows and the audit trail.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from auditlog.context import disable_auditlog
from auditlog.models import LogEntry
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from inkubator.core.listcache import forget_answers
from inkubator.people.models import Person
from inkubator.people.name_copies import name_copies_refresh
from inkubator.people.names import name_key
from inkubator.people.services import person_update
from inkubator.people.subject_data import person_data_of

from .models import DataSubjectRequest, LegalBasis, RequestKind
from .selectors import ANONYMOUS_PREFIX, SubjectData, audit_entries_about, subject_data

REDACTED = "[dihapus]"
# What a correction may change: the person's own details, never the record's links.
CORRECTABLE = ("name", "sex", "birth_place", "birth_date", "phone", "address", "education")


def _record(
    *, kind: str, basis: str, basis_detail: str, requester: str, person: Person, user: Any, outcome: str
) -> DataSubjectRequest:
    request = DataSubjectRequest(
        kind=kind,
        basis=basis,
        basis_detail=(basis_detail or "").strip(),
        requester=(requester or "").strip(),
        person=person,
        handled_by=user,
        outcome=outcome,
    )
    if basis == LegalBasis.OTHER and not request.basis_detail:
        raise ValidationError({"basis_detail": _("Describe the lawful basis.")})
    request.full_clean()
    request.save()
    return request


@transaction.atomic
def subject_export(*, person: Person, user: Any, basis: str, basis_detail: str, requester: str) -> SubjectData:
    """Everything held about ``person``, for handing to them; the export is recorded and audited."""
    data = subject_data(person)
    _record(
        kind=RequestKind.ACCESS,
        basis=basis,
        basis_detail=basis_detail,
        requester=requester,
        person=person,
        user=user,
        outcome=_("%(rows)s records from %(models)s kinds of record exported.")
        % {"rows": data.row_count, "models": len(data.holdings) + 1},
    )
    LogEntry.objects.log_create(
        person, action=LogEntry.Action.ACCESS, changes={"exported": ["", "data-subject request"]}, actor=user,
        force_log=True,
    )  # fmt: skip
    return data


@transaction.atomic
def subject_correct(
    *, person: Person, user: Any, changes: dict[str, Any], basis: str, basis_detail: str, requester: str
) -> DataSubjectRequest:
    """Correct the person's details (checked like any change, audited), recording the request."""
    changes = {name: value for name, value in changes.items() if name in CORRECTABLE}
    changed = [name for name, value in changes.items() if getattr(person, name) != value]
    if not changed:
        raise ValidationError(_("Nothing was changed."))
    person_update(person=person, **{name: changes[name] for name in changed})
    return _record(
        kind=RequestKind.CORRECTION,
        basis=basis,
        basis_detail=basis_detail,
        requester=requester,
        person=person,
        user=user,
        outcome=_("Corrected: %(fields)s.") % {"fields": ", ".join(changed)},
    )


def _blank(field: models.Field) -> Any:
    return None if field.null else ""


def _redact_audit(data: SubjectData) -> int:
    """Keep the trail's shape (what changed, when, by whom) but not the person's values."""
    entries = list(audit_entries_about(data))
    for entry in entries:
        entry.object_repr = REDACTED
        entry.changes = {
            name: ([REDACTED, REDACTED] if isinstance(values, list) else REDACTED)
            for name, values in (entry.changes or {}).items()
        }
        entry.changes_text = ""
        entry.serialized_data = None
    LogEntry.objects.bulk_update(entries, ["object_repr", "changes", "changes_text", "serialized_data"])
    return len(entries)


@transaction.atomic
def subject_erase(
    *, person: Person, user: Any, basis: str, basis_detail: str, requester: str, kind: str = RequestKind.ERASURE
) -> DataSubjectRequest:
    """Anonymise ``person`` everywhere, keeping every row so that aggregate figures stay the same."""
    person = Person.objects.select_for_update().get(pk=person.pk)
    data = subject_data(person)
    anonymous = f"{ANONYMOUS_PREFIX}{person.pk}"
    blanked = 0
    files = _stored_files(data)
    # The changes themselves would put the old values into the trail: it is redacted instead, below.
    with disable_auditlog():
        for holding in data.holdings:
            fields = [holding.model._meta.get_field(name) for name in person_data_of(holding.model).erase]
            if fields:
                blanked += holding.model._default_manager.filter(pk__in=[r.pk for r in holding.rows]).update(
                    **{f.name: _blank(f) for f in fields}
                )
        Person.objects.filter(pk=person.pk).update(
            nik=None,
            name=anonymous,
            name_key=name_key(anonymous),
            phone="",
            address="",
            birth_place="",
            village=None,
            # The year stays (age groups of the programme's figures); day and month are identifying.
            birth_date=dt.date(person.birth_date.year, 7, 1),
            updated_at=timezone.now(),
        )
        # Copies of the name kept for sorting (people.name_copies) take the anonymous one too.
        name_copies_refresh(person_ids=[person.pk])
        for account in data.accounts:
            _anonymise_account(account)
    redacted = _redact_audit(data)
    _delete_files(files, user=user)
    # Stored list pages may still hold the name (never served again: the writes above made them stale).
    # Robust: the erasure has committed by then; a cache that cannot be emptied is logged, not a 500.
    transaction.on_commit(forget_answers, robust=True)
    outcome = _(
        "Anonymised: the person's record, %(rows)s records in %(models)s kinds of record kept for the "
        "figures (%(blanked)s with text blanked), %(accounts)s user accounts closed, %(entries)s audit "
        "entries redacted."
    ) % {
        "rows": data.row_count - 1 - len(data.accounts),
        "models": len(data.holdings),
        "blanked": blanked,
        "accounts": len(data.accounts),
        "entries": redacted,
    }
    if files:
        # Outside the f-string: makemessages does not read calls inside one.
        deleted = _("%(files)s stored files deleted.") % {"files": len(files)}
        outcome = f"{outcome} {deleted}"
    return _record(
        kind=kind,
        basis=basis,
        basis_detail=basis_detail,
        requester=requester,
        person=person,
        user=user,
        outcome=outcome,
    )


def _stored_files(data: SubjectData) -> list[tuple[models.Model, models.FileField, str]]:
    """The files among what erasure blanks (a proof of job loss, a letter): each row, its field, the file's name."""
    found = []
    for holding in data.holdings:
        for name in person_data_of(holding.model).erase:
            field = holding.model._meta.get_field(name)
            if not isinstance(field, models.FileField):
                continue
            for row in holding.rows:
                stored = getattr(row, field.attname)
                if stored:
                    found.append((row, field, stored.name))
    return found


def _delete_files(files: list[tuple[models.Model, models.FileField, str]], *, user: Any) -> None:
    """Delete the erased rows' files from storage once the erasure commits (a rolled-back erasure keeps
    them), and enter each deletion in the trail: which record and field, never the file's name."""
    for row, field, name in files:
        storage = field.storage
        transaction.on_commit(lambda storage=storage, name=name: storage.delete(name))
        LogEntry.objects.create(
            content_type=ContentType.objects.get_for_model(row),
            object_pk=str(row.pk),
            object_id=row.pk,
            object_repr=REDACTED,
            action=LogEntry.Action.UPDATE,
            changes={field.name: [REDACTED, ""], "file": ["", "deleted from storage"]},
            actor=user if getattr(user, "pk", None) else None,
        )


def _anonymise_account(account: Any) -> None:
    """Close the person's own account: no sign-in, no names, no tokens, no authenticator."""
    user_model = get_user_model()
    account.set_unusable_password()
    user_model.objects.filter(pk=account.pk).update(
        username=f"anonim-{account.pk}",
        first_name="",
        last_name="",
        email="",
        phone="",
        is_active=False,
        password=account.password,
    )
    account.auth_token_set.all().delete()
    from django_otp import devices_for_user

    for device in list(devices_for_user(account, confirmed=None)):
        device.delete()


def retention_apply(*, now: dt.datetime | None = None, dry_run: bool = False) -> int:
    """Anonymise everyone past the retention period (one transaction per person); returns how many."""
    from .selectors import people_past_retention

    count = 0
    for person in people_past_retention(now=now).iterator():
        count += 1
        if not dry_run:
            subject_erase(
                person=person,
                user=None,
                basis=LegalBasis.RETENTION_ENDED,
                basis_detail="PERSONAL_DATA_RETENTION_YEARS",
                requester=_("Retention task"),
                kind=RequestKind.RETENTION,
            )
    return count

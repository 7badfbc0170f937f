"""Optimistic concurrency for edit forms: no save silently overwrites what someone else saved meanwhile.

The problem (issue 16.1): every edit form wrote every field of the row it had read when the request
began, so two people editing one centre at once lost each other's changes (75 of 100 edits in a
four-person test), and two "+1" on an asset's quantity made one.

How it works, with no column added to any table:

1. When an edit form is shown, :func:`version_token` records the values of the form's model fields
   as they are now, signed (so a client cannot forge "nothing changed"), in a hidden field
   (``VERSION_FIELD``). It travels with the form.
2. On save, :func:`merge_edit` runs inside the write's transaction on a fresh copy of the row
   locked with ``SELECT … FOR UPDATE`` (:func:`locked`), so no other save can slip in between the
   check and the write:

   * a field the person did not change takes the row's *current* value, so a change someone else
     saved to it meanwhile is kept rather than overwritten by the form's stale copy;
   * a field the person changed that someone else also changed since the form was loaded is a
     conflict: :class:`EditConflict` lists those fields with their current values. The page answers
     **409** and shows the form again with the other person's values and a new version token, so
     saving again is a deliberate choice;
   * otherwise the person's values are written.

   Counters are the strictest case: two people who both turn a quantity of 10 into 11 conflict
   (the second one sees 11 and decides), so "+1" twice never makes 11.

Values are compared in a normal form (:func:`normal`): a related object by its key, a set of
related objects as sorted keys, decimals without trailing zeros, dates as ISO text.
A form posted without a token (an old page, a script) saves as before, on the locked fresh row.

Edit pages on the core screens (``ObjectEditView``) do all this themselves. A page of another shape —
a function view, a form that edits a row it does not hold as ``instance`` (a tenant's business, a
month's figures being corrected), a form of values kept in several rows — uses the same three steps:
:func:`add_version` when the form is built, :func:`save_versioned` for its one write, and
:func:`show_conflict` to show the form again with **409**::

    form = BusinessForm(request.POST or None, ...)
    concurrency.add_version(form, business)
    if request.method == "POST" and form.is_valid():
        try:
            concurrency.save_versioned(form, business, lambda current: services.business_update(business=current, ...))
        except concurrency.EditConflict as conflict:
            concurrency.show_conflict(form, conflict)
            return render(..., status=409)

``values`` (name → function of the row) versions what is not a field of the row itself — a plan
centre's facilitator set by hand, an enrolment's certificate — the row being what is locked.
``guard`` names fields a form does not carry but acts on: a stage move is refused (409) when the
stage changed since the form was loaded, whatever the move chosen.
"""

from __future__ import annotations

import datetime
import hashlib
import json
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from typing import Any, TypeVar

from django import forms
from django.core import signing
from django.core.exceptions import FieldDoesNotExist
from django.db import models, transaction
from django.forms.models import BaseModelForm, construct_instance
from django.utils.translation import gettext as _

T = TypeVar("T")
Values = Mapping[str, Callable[[Any], Any]]  # name → the value of that name for a row (see the module's note)

VERSION_FIELD = "edit_version"
SALT = "inkubator.core.concurrency"


class EditConflict(Exception):
    """A save based on an old version changed fields that someone else changed meanwhile.

    ``fields`` maps each such field's name to its current value (as stored now); ``kept`` the fields
    the person did not change to theirs; ``current`` is the row as it is now; ``token`` the version
    token of that row, to show the form again with.
    """

    def __init__(
        self, *, fields: Mapping[str, Any], kept: Mapping[str, Any], current: models.Model, token: str
    ) -> None:
        super().__init__(f"Changed meanwhile: {', '.join(fields)}")
        self.fields = dict(fields)
        self.kept = dict(kept)  # the fields this person did not change, as stored now
        self.current = current
        self.token = token


def normal(value: Any) -> Any:
    """``value`` in a form that compares equal exactly when the stored values are equal (JSON-safe)."""
    if value is None:
        return None
    if isinstance(value, models.Model):
        return str(value.pk)
    if isinstance(value, models.Manager):
        value = value.all()
    if isinstance(value, models.QuerySet | list | tuple | set | frozenset):
        return sorted(str(getattr(item, "pk", item)) for item in value)
    if isinstance(value, bool | int | str):
        return value
    if isinstance(value, Decimal):
        return format(value.normalize(), "f") if value.is_finite() else str(value)
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, float):
        return repr(value)
    if hasattr(value, "name") and hasattr(value, "storage"):  # a stored file
        return value.name or ""
    return str(value)


def model_fields(model: type[models.Model], names: Iterable[str]) -> list[str]:
    """Those of ``names`` that are editable fields of ``model`` (columns or many-to-many), not the key."""
    found = []
    for name in names:
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        if getattr(field, "primary_key", False) or field.auto_created or not field.concrete and not field.many_to_many:
            continue
        found.append(name)
    return found


def stored(instance: models.Model, name: str, values: Values | None = None) -> Any:
    """The value of ``name`` for ``instance``: a field (a many-to-many one as a list), or one of ``values``."""
    if values and name in values:
        return values[name](instance)
    if instance._meta.get_field(name).many_to_many:
        return list(getattr(instance, name).all())
    return getattr(instance, name)


def snapshot(instance: models.Model, fields: Iterable[str], values: Values | None = None) -> dict[str, Any]:
    """The normal values of ``fields`` of ``instance`` as it is in memory."""
    return {name: normal(stored(instance, name, values)) for name in fields}


def version_token(instance: models.Model, fields: Iterable[str], values: Values | None = None) -> str:
    """The signed version of ``instance`` for ``fields``: what an edit form carries in ``VERSION_FIELD``."""
    fields = list(fields)
    payload = {"m": instance._meta.label_lower, "pk": str(instance.pk), "v": snapshot(instance, fields, values)}
    return signing.dumps(payload, salt=SALT, compress=True)


def read_token(token: str | None, instance: models.Model) -> dict[str, Any] | None:
    """The values a form was loaded with, or None when the token is missing, forged or of another row."""
    if not token:
        return None
    try:
        payload = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return None
    if payload.get("m") != instance._meta.label_lower or payload.get("pk") != str(instance.pk):
        return None
    return payload.get("v")


def locked(instance: models.Model) -> models.Model:
    """A fresh copy of ``instance``'s row, locked until the transaction ends (call inside ``atomic``).

    SQLite has no row locks; it lets one writer at a time, which is enough for its single server.
    """
    assert transaction.get_connection().in_atomic_block, "locked() needs a transaction"
    return type(instance)._default_manager.select_for_update().get(pk=instance.pk)


def merge_edit(
    *,
    current: models.Model,
    token: str | None,
    submitted: dict[str, Any],
    fields: Iterable[str],
    guard: Iterable[str] = (),
    values: Values | None = None,
    converge: bool = False,
) -> dict[str, Any]:
    """The values to save for ``fields`` given the ``submitted`` ones, the row as it is now (locked)
    and the version the form was loaded with. Raises :class:`EditConflict` (see the module's note).

    ``guard``: names the form does not carry whose change since the version is a conflict all the same
    (the form's choices were made on them). ``converge``: a field changed meanwhile to exactly the
    value submitted is no conflict — for answers saved one by one as they are typed, then sent again
    with the whole form; never for quantities, where two "+1" must conflict. ``submitted`` (a form's
    ``cleaned_data``) is changed in place and returned.
    """
    fields = [name for name in fields if name in submitted]
    original = read_token(token, current)
    if original is None:
        return submitted
    conflicts, kept = {}, {}
    for name in fields:
        if name not in original:
            continue
        now = stored(current, name, values)
        if normal(submitted[name]) == original[name]:
            # Not changed on this form: keep what is stored now (perhaps someone else's change).
            submitted[name] = kept[name] = now
        elif normal(now) != original[name] and not (converge and normal(now) == normal(submitted[name])):
            conflicts[name] = now
    for name in guard:
        if name in original and name not in fields:
            now = stored(current, name, values)
            if normal(now) != original[name]:
                conflicts[name] = now
    if conflicts:
        raise EditConflict(
            fields=conflicts, kept=kept, current=current, token=version_token(current, list(original), values)
        )
    return submitted


# Forms outside the core screens ---------------------------------------------------------------------


def form_fields(form: Any, instance: models.Model) -> list[str]:
    """The form's fields that are fields of ``instance``'s model: what a version covers by default."""
    return model_fields(type(instance), form.fields)


def related_values(related: Callable[[Any], models.Model | None], names: Iterable[str]) -> Values:
    """``values`` read from one row related to the versioned one (None each when there is none yet), e.g.
    an enrolment's certificate: read once per copy of the versioned row (the locked one is a new copy)."""
    key = f"_version_related_{id(related)}"

    def read(instance: Any) -> models.Model | None:
        if key not in instance.__dict__:
            instance.__dict__[key] = related(instance)
        return instance.__dict__[key]

    return {name: (lambda instance, name=name: getattr(read(instance), name, None)) for name in names}


def add_version(
    form: Any,
    instance: models.Model,
    fields: Iterable[str] | None = None,
    *,
    guard: Iterable[str] = (),
    values: Values | None = None,
) -> None:
    """Give ``form`` the hidden ``VERSION_FIELD``; an unbound form gets the version of ``instance`` now.

    ``fields`` defaults to the form's fields that are model fields; ``guard`` and the names of
    ``values`` are versioned too. A template that renders fields one by one must render
    ``form.hidden_fields``.
    """
    names = list(form_fields(form, instance) if fields is None else fields)
    names += [name for name in [*guard, *(values or {})] if name not in names]
    form.fields[VERSION_FIELD] = forms.CharField(widget=forms.HiddenInput, required=False)
    if not form.is_bound:
        form.initial[VERSION_FIELD] = version_token(instance, names, values)


def save_versioned(
    form: Any,
    instance: models.Model,
    write: Callable[[models.Model], T],
    *,
    fields: Iterable[str] | None = None,
    guard: Iterable[str] = (),
    values: Values | None = None,
) -> T:
    """The one write of an edit form about ``instance``: ``write(current)`` on a fresh locked copy of the
    row, with the form's ``cleaned_data`` merged against the version it carried (:func:`merge_edit`).

    Raises :class:`EditConflict`: show it with :func:`show_conflict` and answer 409. A model form's
    ``instance`` becomes the current row with the merged values, so its own ``save()`` writes that.
    """
    token = form.cleaned_data.pop(VERSION_FIELD, None)
    names = list(form_fields(form, instance) if fields is None else fields)
    names += [name for name in (values or {}) if name not in names]
    with transaction.atomic():
        current = locked(instance)
        merge_edit(current=current, token=token, submitted=form.cleaned_data, fields=names, guard=guard, values=values)
        if isinstance(form, BaseModelForm):
            form.instance = construct_instance(form, current)
        elif hasattr(form, "instance"):
            form.instance = current
        return write(current)


def check_guard(form: Any, instance: models.Model, *, guard: Iterable[str], values: Values | None = None) -> None:
    """For a form that did not validate: raise :class:`EditConflict` when a ``guard`` field changed since
    the version it carries — its choices were made on the old value (a move from a stage the tenant
    has left), so the answer is the conflict, not the invalid choice."""
    token = form.data.get(form.add_prefix(VERSION_FIELD))
    original = read_token(token, instance)
    if not original:
        return
    changed = {name: stored(instance, name, values) for name in guard if name in original}
    changed = {name: value for name, value in changed.items() if normal(value) != original[name]}
    if changed:
        raise EditConflict(
            fields=changed, kept={}, current=instance, token=version_token(instance, list(original), values)
        )


def act_versioned(data: Any, instance: models.Model, act: Callable[[models.Model], T], *, guard: Iterable[str]) -> T:
    """A button that acts from the state it was shown (open a round, take a gate out of force): ``act(current)``
    on the locked row when ``guard`` is unchanged since the version posted in ``data``; otherwise
    :class:`EditConflict` (the page answers 409), so a double click or a second person never acts twice."""
    form = forms.Form(data)
    add_version(form, instance, (), guard=guard)
    form.is_valid()
    return save_versioned(form, instance, act, fields=(), guard=guard)


def conflict_message(conflict: EditConflict) -> str:
    """The message of a button's 409: what was saved meanwhile, in words."""
    done = "; ".join(
        f"{_label(conflict.current, name)}: {_shown(conflict.current, name, value)}"
        for name, value in conflict.fields.items()
    )
    return _("Someone else changed this meanwhile (%(what)s): nothing was done. Check the page, then try again.") % {
        "what": done
    }


def show_conflict(form: Any, conflict: EditConflict) -> None:
    """The form again after a conflict: the person's own values, the other person's under the fields
    they both changed, the other's current values in the fields only they changed, a new version."""
    data = form.data.copy()
    data[VERSION_FIELD] = conflict.token
    for name, value in conflict.kept.items():
        _set_data(form, data, name, value)
    form.data = data
    form.add_error(
        None,
        _(
            "Someone else saved this record while you were editing it. Their values are shown under the "
            "fields you both changed: check them, then save again to keep yours."
        ),
    )
    for name, value in conflict.fields.items():
        shown = _shown(conflict.current, name, value)
        if name in form.fields:
            form.add_error(name, _("Saved meanwhile by someone else: %(value)s") % {"value": shown})
        else:
            # A value the form acts on without showing it (a tenant's stage before a move).
            form.add_error(
                None,
                _("%(field)s, saved meanwhile by someone else: %(value)s")
                % {"field": _label(conflict.current, name), "value": shown},
            )


def _label(instance: models.Model, name: str) -> str:
    try:
        return str(instance._meta.get_field(name).verbose_name).capitalize()
    except FieldDoesNotExist:
        return name


def _shown(instance: models.Model, name: str, value: Any) -> str:
    """A stored value as a person reads it: a choice's label, related objects' names, "—" for nothing."""
    if isinstance(value, list | tuple | models.QuerySet):
        return ", ".join(str(item) for item in value) or "—"
    try:
        field = instance._meta.get_field(name)
    except FieldDoesNotExist:
        field = None
    if field is not None and field.choices:
        return str(dict(field.flatchoices).get(value, value)) if value not in (None, "") else "—"
    return "—" if value in (None, "") else str(value)


def _set_data(form: Any, data: Any, name: str, value: Any) -> None:
    """Put the stored ``value`` in the submitted ``data`` of field ``name``, as its widget would post it."""
    if name not in form.fields:
        return
    key = form.add_prefix(name)
    field = form.fields[name]
    if isinstance(field, forms.FileField):
        return  # a file is never sent back to the browser
    if isinstance(field, forms.BooleanField):
        if value:
            data[key] = "on"
        else:
            data.pop(key, None)
    elif isinstance(field, forms.ModelMultipleChoiceField):
        data.setlist(key, [str(item.pk) for item in value])
    elif isinstance(field, forms.MultipleChoiceField):
        data.setlist(key, [str(item) for item in value])
    else:
        prepared = field.prepare_value(getattr(value, "pk", value))
        data[key] = "" if prepared is None else str(prepared)


def etag(data: Any) -> str:
    """A strong ETag of an API answer's data (the same data gives the same tag)."""
    encoded = json.dumps(data, sort_keys=True, default=str, separators=(",", ":")).encode()
    return '"' + hashlib.sha256(encoded).hexdigest()[:32] + '"'

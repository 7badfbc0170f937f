"""Create/edit and delete (or any act confirmed by POST) pages: a form or a question, and one service.

Writes go through one service call in :meth:`ObjectEditView.save` / :meth:`ObjectDeleteView.act`; a
``ValidationError`` from the service is shown on the form, never a 500.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.functional import Promise
from django.views import View

from .. import concurrency
from .base import ScreenMixin, show_service_error


class ObjectEditView(ScreenMixin, View):
    """Show ``form_class``; on a valid POST call ``service`` once and redirect with a message.

    Configure by attributes and a few methods::

        class AssetUpdateView(CentreMappingScreen, ObjectEditView):
            form_class = AssetForm
            service = staticmethod(services.asset_update)    # called as service(**service_kwargs(form))
            object_kwarg = "asset"                           # the edited object's keyword for the service
            title = _("Change an asset")
            success_message = _("The asset was saved.")

            def get_object(self):                            # scoped: 404 outside the user's scope
                return centre_asset_get(user=self.request.user, centre=self.centre, pk=self.kwargs["pk"])

    ``get_object()`` returns None on a create page (the default). ``get_form_kwargs()`` gives the form
    ``data``/``files`` and ``instance`` (the object) — override it for forms of another signature.
    ``get_success_url(saved)`` says where to go (``success_url`` when it does not depend on the row).

    Optimistic concurrency (``core.concurrency``, issue 16.1): an edit form carries the version of the
    object it was loaded with (a hidden ``edit_version``). :meth:`save` — the only place an edit page
    writes — locks a fresh copy of the row, keeps the current value of every field the person did not
    change, and when a field they changed was also changed by someone else meanwhile answers **409**
    with the form again, the other person's values under those fields and a new version. Set
    ``versioned = False`` for a page whose object is not a row (none so far); ``version_guard`` for
    fields the form acts on without carrying them (a move is refused when the stage it starts from
    changed); ``version_values()`` for values kept in other rows (see ``core.concurrency``).
    """

    http_method_names: ClassVar[list[str]] = ["get", "post"]
    form_class: ClassVar[type]
    service: ClassVar[Callable[..., Any] | None] = None  # None: the form's own save() calls the services
    object_kwarg: ClassVar[str] = ""
    template_name: ClassVar[str] = "generic/object_edit.html"
    title: ClassVar[str | Promise] = ""
    success_message: ClassVar[str | Promise] = ""
    success_url: ClassVar[str] = ""
    form_testid: ClassVar[str] = "object-form"  # the form's data-testid (browser tests find it by that)
    invalid_status: ClassVar[int] = 200  # some pages answer 400 to an invalid form (said by their tests)
    versioned: ClassVar[bool] = True
    version_guard: ClassVar[tuple[str, ...]] = ()  # fields the form acts on without carrying (a stage to move from)
    # The page's look in generic/object_edit.html: the trail above the title (label, URL name) ending at
    # the title, a line of explanation under it, the fields two a row, the Save button's words and test id.
    parents: ClassVar[tuple[tuple[str | Promise, str], ...]] = ()
    intro: ClassVar[str | Promise] = ""
    grid: ClassVar[bool] = False
    save_label: ClassVar[str | Promise] = ""
    save_testid: ClassVar[str] = "save"
    # The form's inputs laid out by the page (a table of selects, one per column of a file); the screen
    # keeps the form element, its errors and buttons. Empty: includes/form_fields.html (form_grid.html).
    fields_template: ClassVar[str] = ""
    # The page's other buttons, each a small act of its own beside the form (a token's Revoke on the
    # page that makes tokens): the POST's ``action`` value → the name of the method answering it.
    actions: ClassVar[dict[str, str]] = {}
    object: Any = None
    form: Any = None  # the bound form, once posted (success messages may read its cleaned data)

    def prepare(self, request: HttpRequest, **kwargs: Any) -> None:
        self.object = self.get_object()

    def get_object(self) -> Any | None:
        """The object edited, through a scoped selector (404 outside the scope); None to create."""
        return None

    def get_form_kwargs(self) -> dict[str, Any]:
        request = self.request
        kwargs: dict[str, Any] = {"data": request.POST or None}
        if request.FILES:
            kwargs["files"] = request.FILES
        if self.object is not None:
            kwargs["instance"] = self.object
        return kwargs

    def get_form(self) -> Any:
        form = self.form_class(**self.get_form_kwargs())
        if self.object is not None and self.versioned:
            concurrency.add_version(
                form, self.object, self.version_fields(form), guard=self.version_guard, values=self.version_values()
            )
        return form

    def version_fields(self, form: Any) -> list[str]:
        """The form's fields that are fields of the edited model: those the version covers."""
        return concurrency.form_fields(form, self.object)

    def version_values(self) -> concurrency.Values | None:
        """Values the version covers that are not fields of the row (``core.concurrency``'s ``values``)."""
        return None

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.form = self.get_form()
        return self.render_form(self.form)

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        act = self.actions.get(request.POST.get("action", ""))
        if act is not None:
            return getattr(self, act)()
        form = self.form = self.get_form()
        if form.is_valid() and not self.acts(form):
            return self.render_form(form)  # a preview: the page again, showing what the act would do
        if form.is_valid():
            try:
                saved = self.save(form)
            except concurrency.EditConflict as conflict:
                self.show_conflict(form, conflict)
                return self.render_form(form, status=409)
            except ValidationError as error:
                show_service_error(form, error)
            else:
                return self.saved_response(saved)
        elif self.object is not None and self.versioned and self.version_guard:
            try:
                concurrency.check_guard(form, self.object, guard=self.version_guard, values=self.version_values())
            except concurrency.EditConflict as conflict:
                self.show_conflict(form, conflict)
                return self.render_form(form, status=409)
        return self.invalid_response(form)

    def acts(self, form: Any) -> bool:
        """Whether this valid POST is the page's write; a page that previews first (ranks, then records
        the ranking) answers False for its preview button, and shows the preview in its extra context."""
        return True

    def invalid_response(self, form: Any) -> HttpResponse:
        """After an invalid form or a service's refusal: the form again with its errors."""
        return self.render_form(form, status=self.invalid_status)

    def saved_response(self, saved: Any) -> HttpResponse:
        """After the save: the success message and a redirect (an htmx page may answer a fragment)."""
        message = self.get_success_message(saved)
        if message:
            messages.success(self.request, message)
        return HttpResponseRedirect(self.get_success_url(saved))

    def service_kwargs(self, form: Any) -> dict[str, Any]:
        """The service's keyword arguments: the cleaned data, plus the edited object as ``object_kwarg``."""
        data = dict(form.cleaned_data)
        if self.object is not None and self.object_kwarg:
            data[self.object_kwarg] = self.object
        return data

    def save(self, form: Any) -> Any:
        """The one write of the page: one service call, on the locked current row when editing
        (see the class's note on versions)."""
        if self.object is None or not self.versioned:
            form.cleaned_data.pop(concurrency.VERSION_FIELD, None)
            return self.write(form)

        def write(current: Any) -> Any:
            self.object = current
            return self.write(form)

        return concurrency.save_versioned(
            form,
            self.object,
            write,
            fields=self.version_fields(form),
            guard=self.version_guard,
            values=self.version_values(),
        )

    def write(self, form: Any) -> Any:
        """Call the service (or the form's own ``save``) with the form's data."""
        service = type(self).service
        if service is None:
            return form.save(**self.form_save_kwargs())
        return service(**self.service_kwargs(form))

    def form_save_kwargs(self) -> dict[str, Any]:
        """What a form that calls the services itself (``service = None``) gets in ``save()``."""
        return {}

    def show_conflict(self, form: Any, conflict: concurrency.EditConflict) -> None:
        """The form again after a conflict (``concurrency.show_conflict``), about the row as it is now."""
        self.object = conflict.current
        concurrency.show_conflict(form, conflict)

    def get_title(self) -> str:
        return str(self.title)

    def get_success_message(self, saved: Any) -> str:
        return str(self.success_message)

    def get_success_url(self, saved: Any) -> str:
        return str(self.success_url)  # str(): success_url may be a reverse_lazy

    def get_back_url(self) -> str:
        """Where Cancel goes."""
        return self.get_success_url(self.object)

    def get_breadcrumbs(self) -> list[tuple[str, str]]:
        """The trail above the title: (label, URL) of each page above this one (``parents`` by default)."""
        return [(str(label), reverse(name)) for label, name in self.parents]

    def get_intro(self) -> str:
        """The line under the title (``intro``; a page may say something of the object or the step)."""
        return str(self.intro)

    def get_template_names(self) -> str:
        return self.template_name

    def render_form(self, form: Any, *, status: int = 200) -> HttpResponse:
        context = {
            "form": form,
            "object": self.object,
            "title": self.get_title(),
            "back_url": self.get_back_url(),
            "form_testid": self.form_testid,
            "breadcrumbs": self.get_breadcrumbs(),
            "intro": self.get_intro(),
            "grid": self.grid,
            "save_label": str(self.save_label),
            "save_testid": self.save_testid,
            "fields_template": self.fields_template,
            **self.get_extra_context(self.request),
        }
        return render(self.request, self.get_template_names(), context, status=status)


class ObjectFormView(ObjectEditView):
    """A form that does one thing other than editing one object: ask for a report, merge two records,
    find a person, answer a match — a form and one service, like :class:`ObjectEditView`, unversioned.

    The object (``get_object()``, scoped: 404 outside the scope) is what the act is about, if any; the
    service gets the cleaned data, the object as ``object_kwarg`` and ``service_extra()`` (e.g. the
    acting ``user``)::

        class ReportRequestView(ObjectFormView):
            allowed = staticmethod(sees_reports)
            form_class = ReportRequestForm
            service = staticmethod(report_request)       # report_request(user=..., **cleaned_data)
            form_user = True                             # the form takes user=
            template_name = "reports/list.html"

            def get_success_url(self, job):
                return reverse("reports:job", args=[job.pk])

    No ``edit_version``: the form's fields are not an edit of the object's stored values (a decline
    reason is written once, not merged with a concurrent change). A page where a refused act goes back
    where it came from with a message (the post/redirect/get of a list with one form per row) sets
    ``refusal_redirect`` — the errors are shown as a message there instead of the form again.
    """

    versioned: ClassVar[bool] = False
    form_user: ClassVar[bool] = False  # pass the signed-in user to the form as user=
    refusal_redirect: ClassVar[bool] = False

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        kwargs.pop("instance", None)  # the object is what the act is about, not the form's instance
        if self.form_user:
            kwargs["user"] = self.request.user
        return kwargs

    def service_extra(self) -> dict[str, Any]:
        """Keyword arguments of the service beyond the form's data (by default the acting ``user``)."""
        return {"user": self.request.user}

    def service_kwargs(self, form: Any) -> dict[str, Any]:
        return {**super().service_kwargs(form), **self.service_extra()}

    def invalid_response(self, form: Any) -> HttpResponse:
        if not self.refusal_redirect:
            return super().invalid_response(form)
        messages.error(self.request, refusal_text(form))
        return HttpResponseRedirect(self.get_back_url())


def refusal_text(form: Any) -> str:
    """A form's errors as one message line: "Label: error" for a field's, the others as they are."""
    parts = []
    for name, errors in form.errors.items():
        text = " ".join(str(error) for error in errors)
        parts.append(f"{form.fields[name].label}: {text}" if name in form.fields else text)
    return " ".join(parts)


class ObjectDeleteView(ScreenMixin, View):
    """GET asks ``question``; POST calls ``service`` once (delete, deactivate, remove) and redirects.

    ``get_object()`` is the scoped look-up (404 outside the scope); the service is called as
    ``service(**{object_kwarg: object})``, or override :meth:`act`.
    """

    http_method_names: ClassVar[list[str]] = ["get", "post"]
    service: ClassVar[Callable[..., Any]]
    object_kwarg: ClassVar[str] = ""
    template_name: ClassVar[str] = "generic/object_delete.html"
    title: ClassVar[str | Promise] = ""
    question: ClassVar[str | Promise] = ""  # formatted with question_args(object)
    button: ClassVar[str | Promise] = ""
    success_message: ClassVar[str | Promise] = ""
    success_url: ClassVar[str] = ""
    object: Any = None

    def prepare(self, request: HttpRequest, **kwargs: Any) -> None:
        self.object = self.get_object()

    def get_object(self) -> Any:
        raise NotImplementedError

    def question_args(self, obj: Any) -> dict[str, Any]:
        return {"name": str(obj)}

    def act(self) -> Any:
        """The one write of the page."""
        return type(self).service(**{self.object_kwarg: self.object})

    def get_success_url(self) -> str:
        return self.success_url

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        context = {
            "object": self.object,
            "title": str(self.title),
            "question": str(self.question) % self.question_args(self.object),
            "button": str(self.button),
            "back_url": self.get_success_url(),
            **self.get_extra_context(request),
        }
        return render(request, self.template_name, context)

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.act()
        if self.success_message:
            messages.success(request, str(self.success_message))
        return HttpResponseRedirect(self.get_success_url())

"""The public pages of the service: registration and status (no sign-in; rate-limited per address).

Both pages are light: one small stylesheet inline, no script, no font or library from any host,
so that they open on a cheap phone over a slow line. Indonesian unless the visitor chose English.
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from inkubator.core.masking import mask_identifier
from inkubator.core.screens import show_service_error

from .forms import AccountForm, PublicProofForm, RegistrationForm, StatusForm, blank_form_html
from .kept import kept
from .selectors import open_wave_kept
from .services import (
    participant_account_create,
    registration_lookup,
    registration_proof_add,
    registration_submit,
)
from .throttling import address_hit

# What the services take from the form (the rest — venues, consent, honeypot — is handled apart).
SUBMITTED_FIELDS = (
    "nik", "name", "sex", "birth_date", "phone", "regency", "former_employer", "job_lost_on", "reason",
    "bpjs_status", "business_idea", "field", "email", "proof",
)  # fmt: skip


# Stand-ins rendered into a kept page where each answer puts its own value (see ``_slotted``).
CSRF_SLOT, CODE_SLOT = "slot-csrf-9e1c", "slot-code-9e1c"


def _slotted(request: HttpRequest, name: str, template: str, context: dict[str, Any], values: dict[str, str],
             status: int = 200) -> HttpResponse:  # fmt: skip
    """``template`` rendered once per process and language with stand-ins, then filled in for this answer.

    In a surge every worker opens the blank registration page and most get the same "received" page
    but for their code: rendering them (the page, its frame, the language form) was a tenth of a
    registration's time (issue 12). ``values`` maps each stand-in (``CSRF_SLOT``, ``CODE_SLOT``) to
    this answer's value, escaped here; ``context`` holds only what is the same for every visitor: the
    open wave (its name and closing date are on the page) and what ``kept`` forgets on a change.
    """
    wave = context["wave"]
    identity = (request.path, wave.pk, wave.name, wave.closes_on)

    def build() -> tuple[tuple, str]:
        html = render_to_string(template, {**context, "csrf_token": CSRF_SLOT}, request=request)
        return identity, html

    made, html = kept(f"page:{name}", build, per_language=True)
    if made != identity:  # another wave, or a wave renamed: made again
        made, html = build()
    for slot, value in values.items():
        html = html.replace(slot, escape(value))
    return HttpResponse(html, status=status)


def _too_many(request: HttpRequest) -> HttpResponse:
    return render(request, "service/public_limited.html", status=429)


@require_http_methods(["GET", "POST"])
def register_view(request: HttpRequest) -> HttpResponse:
    """The registration form; on success the registration code, or the registration already made."""
    wave = open_wave_kept()
    if wave is None:
        return render(request, "service/public_closed.html")
    if request.method == "POST":
        if not address_hit(request, action="register", limit=settings.SERVICE_REGISTRATION_LIMIT):
            return _too_many(request)
        form = RegistrationForm(request.POST, request.FILES)
        if form.is_spam:
            # Answer as if received, so that the script learns nothing; nothing is written.
            return render(request, "service/public_received.html", {"wave": wave, "registration": None})
        if form.is_valid():
            values = {name: form.cleaned_data[name] for name in SUBMITTED_FIELDS}
            try:
                submitted = registration_submit(wave=wave, venues=form.cleaned_data["venues"], **values)
            except ValidationError as error:
                show_service_error(form, error)
            else:
                registration = submitted.registration
                if submitted.created:
                    return _slotted(
                        request, "received", "service/public_received.html",
                        {"wave": wave, "registration": SimpleNamespace(code=CODE_SLOT), "created": True},
                        {CSRF_SLOT: get_token(request), CODE_SLOT: registration.code}, status=201,
                    )  # fmt: skip
                context = {
                    "wave": wave,
                    "registration": registration,
                    "created": submitted.created,
                    # A repeat shows where the code went, never the code: whoever knows a NIK is not its owner.
                    "phone_masked": mask_identifier(registration.phone),
                }
                return render(
                    request, "service/public_received.html", context, status=201 if submitted.created else 200
                )
        context = {"form": form, "wave": wave}
    elif not request.GET:
        # The blank page is the same for everyone but its CSRF token (a query string is rendered apart).
        context = {"wave": wave, "blank_fields": blank_form_html()}
        return _slotted(request, "register", "service/public_register.html", context, {CSRF_SLOT: get_token(request)})
    else:
        context = {"wave": wave, "blank_fields": blank_form_html()}
    return render(request, "service/public_register.html", context)


@require_http_methods(["GET", "POST"])
def status_view(request: HttpRequest) -> HttpResponse:
    """A registration's status by NIK and code; a mismatch says only that nothing was found."""
    registration = None
    searched = False
    if request.method == "POST":
        if not address_hit(request, action="status", limit=settings.SERVICE_STATUS_LIMIT):
            return _too_many(request)
        form = StatusForm(request.POST)
        if form.is_valid():
            searched = True
            registration = registration_lookup(nik=form.cleaned_data["nik"], code=form.cleaned_data["code"])
    else:
        form = StatusForm()
    context = {"form": form, "registration": registration, "searched": searched}
    return render(request, "service/public_status.html", context, status=404 if searched and not registration else 200)


@require_http_methods(["GET", "POST"])
def account_view(request: HttpRequest) -> HttpResponse:
    """A participant with a place makes their own account: NIK and code prove who they are.

    Rate-limited with the status page (the same secret is tried); a mismatch says only that nothing
    was found. The username is the registration code.
    """
    form = AccountForm(request.POST or None)
    if request.method == "POST":
        if not address_hit(request, action="status", limit=settings.SERVICE_STATUS_LIMIT):
            return _too_many(request)
        if form.is_valid():
            registration = registration_lookup(nik=form.cleaned_data["nik"], code=form.cleaned_data["code"])
            if registration is None:
                form.add_error(None, _("No registration matches this NIK and code. Check both and try again."))
            else:
                try:
                    user = participant_account_create(
                        registration=registration, password=form.cleaned_data["password1"]
                    )
                except ValidationError as error:
                    show_service_error(form, error)
                else:
                    return render(request, "service/public_account_made.html", {"username": user.username})
    return render(request, "service/public_account.html", {"form": form})


@require_http_methods(["GET", "POST"])
def proof_view(request: HttpRequest) -> HttpResponse:
    """The proof of job loss sent after registering: NIK and code prove who sends it (no account needed).

    Rate-limited with the status page (the same secret is tried); a mismatch says only that nothing
    was found, and nothing is kept of a file sent with a wrong NIK or code.
    """
    form = PublicProofForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        if not address_hit(request, action="status", limit=settings.SERVICE_STATUS_LIMIT):
            return _too_many(request)
        if form.is_valid():
            registration = registration_lookup(nik=form.cleaned_data["nik"], code=form.cleaned_data["code"])
            if registration is None:
                form.add_error(None, _("No registration matches this NIK and code. Check both and try again."))
                status = 404
            else:
                try:
                    registration = registration_proof_add(registration=registration, proof=form.cleaned_data["proof"])
                except ValidationError as error:
                    show_service_error(form, error)
                    status = 400
                else:
                    return render(request, "service/public_proof_received.html", {"registration": registration})
        else:
            status = 400
    return render(request, "service/public_proof.html", {"form": form}, status=status)

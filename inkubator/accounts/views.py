"""Sign in (password, then a second factor for the roles that need one), sign out, account security.

Throttling: django-axes per account, ``throttling`` per address, django-otp per device (see settings).
Every page here sends ``Cache-Control: no-store``: they show secrets, codes and keys.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render, resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_otp import login as otp_login

from inkubator.core.screens import ObjectFormView, ObjectListView

from .filters import UserSecurityFilter
from .forms import CodeForm, LoginForm, ResetForm, TokenForm
from .models import User
from .selectors import (
    api_tokens_of,
    can_manage_security,
    recovery_codes_left,
    totp_device,
    two_factor_required,
    users_security,
)
from .services import (
    api_token_create,
    api_token_revoke,
    recovery_codes_renew,
    two_factor_begin,
    two_factor_confirm,
    two_factor_reset,
    two_factor_verify,
)
from .tables import UserSecurityTable
from .throttling import LIMITED_FLAG
from .two_factor import DEMO_TOTP_SECRET, base32_secret, demo_code, demo_config_qr, qr_svg


class LoginView(auth_views.LoginView):
    """The sign-in page; a signed-in user goes straight to their home."""

    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(limit=settings.AXES_FAILURE_LIMIT, **kwargs)
        if settings.DEBUG:
            # `make run`: the demo accounts' published authenticator secret, so nobody trying the demo is stuck.
            context.update(demo_secret=DEMO_TOTP_SECRET, demo_qr=demo_config_qr())
        return context

    def form_invalid(self, form: LoginForm) -> HttpResponse:
        if getattr(self.request, LIMITED_FLAG, False):
            # Said plainly, and without telling whether the password was right: nothing was checked.
            minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
            form.errors.clear()
            form.add_error(
                None,
                _(
                    "Too many failed sign-ins from your network address. For everyone's security, signing in "
                    "from this address is paused for %(minutes)s minutes. Try again later."
                )
                % {"minutes": minutes},
            )
            return self.render_to_response(self.get_context_data(form=form), status=429)
        return super().form_invalid(form)


class LogoutView(auth_views.LogoutView):
    """Sign out (POST only, as Django requires)."""


# Two-factor sign-in ------------------------------------------------------------------------------


def _next_url(request: HttpRequest) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return resolve_url(settings.LOGIN_REDIRECT_URL)


def _verified(request: HttpRequest, device: Any) -> None:
    """Mark the session as having passed the second factor, under a new session key."""
    otp_login(request, device)
    request.session.cycle_key()


class CodeStep(ObjectFormView):
    """A page asking for a code of the authenticator app (or a recovery code), then on to ``next``."""

    http_method_names: ClassVar[list[str]] = ["get", "post"]
    private = True
    form_class = CodeForm
    fields_template = "accounts/_code_field.html"
    invalid_status = 400  # a wrong code answers 400, as django-otp's own views do

    def get_success_url(self, saved: Any) -> str:
        return _next_url(self.request)

    def get_extra_context(self, request: HttpRequest) -> dict[str, Any]:
        return {"next": _next_url(request)}


class TwoFactorView(CodeStep):
    """Type the code from the authenticator app (or a recovery code) to finish signing in."""

    template_name = "accounts/two_factor.html"
    title = gettext_lazy("Two-factor sign-in")
    save_label = gettext_lazy("Verify")

    def prepare(self, request: HttpRequest, **kwargs: Any) -> None:
        self.device = totp_device(request.user)
        super().prepare(request, **kwargs)

    def answer_instead(self, request: HttpRequest) -> HttpResponse | None:
        if self.device is None:
            return redirect("accounts:two_factor_setup" if two_factor_required(request.user) else _next_url(request))
        if request.user.is_verified():
            return redirect(_next_url(request))
        return None

    def write(self, form: CodeForm) -> Any:
        verified = two_factor_verify(user=self.request.user, code=form.cleaned_data["code"])
        if verified is None:
            raise ValidationError(
                {
                    "code": _(
                        "The code is wrong or has expired. After several wrong codes each new try must wait "
                        "a little longer."
                    )
                }
            )
        _verified(self.request, verified)
        return verified

    def get_extra_context(self, request: HttpRequest) -> dict[str, Any]:
        return {**super().get_extra_context(request), "demo_code": demo_code(self.device)}


class TwoFactorSetupView(CodeStep):
    """Set up the authenticator app: scan the QR code (or type the secret), then type its first code.

    On success the recovery codes are shown, once, in this answer (never stored in clear, never sent again).
    """

    template_name = "accounts/two_factor_setup.html"
    title = gettext_lazy("Set up two-factor sign-in")
    save_label = gettext_lazy("Confirm and continue")

    def answer_instead(self, request: HttpRequest) -> HttpResponse | None:
        if totp_device(request.user) is not None:
            return redirect("accounts:two_factor")
        if not two_factor_required(request.user):
            # Only the roles that must use it set it up: a code is asked of exactly those roles at sign-in.
            return redirect("accounts:security")
        # The device being set up (unconfirmed), begun on the first visit.
        self.device = totp_device(request.user, confirmed=False) or two_factor_begin(user=request.user)
        return None

    def write(self, form: CodeForm) -> list[str]:
        codes = two_factor_confirm(user=self.request.user, device=self.device, code=form.cleaned_data["code"])
        self.device.refresh_from_db()
        _verified(self.request, self.device)
        return codes

    def saved_response(self, saved: list[str]) -> HttpResponse:
        # The recovery codes, in this answer only: no redirect could show them without storing them.
        return render(self.request, "accounts/recovery_codes.html", {"codes": saved, "next": _next_url(self.request)})

    def get_extra_context(self, request: HttpRequest) -> dict[str, Any]:
        return {
            **super().get_extra_context(request),
            "qr": qr_svg(self.device.config_url),
            "secret": base32_secret(self.device),
            "required": True,  # answer_instead sent everyone else away
        }


two_factor_view = TwoFactorView.as_view()
two_factor_setup_view = TwoFactorSetupView.as_view()


# Account security: own tokens and recovery codes ----------------------------------------------------


class SecurityView(ObjectFormView):
    """The signed-in user's two-factor state, recovery codes and API tokens (create, list, revoke).

    The form makes a token, whose key is shown in this answer only; Revoke and new recovery codes are
    the page's other buttons (``actions``).
    """

    private = True
    form_class = TokenForm
    template_name = "accounts/security.html"
    title = gettext_lazy("Account security")
    save_label = gettext_lazy("Create a token")
    grid = True
    invalid_status = 400
    actions: ClassVar[dict[str, str]] = {"revoke": "revoke", "codes": "renew_codes"}
    new_key: str | None = None
    new_token: Any = None
    new_codes: list[str] | None = None

    def get_form_kwargs(self) -> dict[str, Any]:
        post = self.request.POST
        return {"data": post if post.get("action") == "token" else None}

    def write(self, form: TokenForm) -> tuple[Any, str]:
        user = self.request.user
        return api_token_create(user=user, name=form.cleaned_data["name"], days=form.cleaned_data["days"], actor=user)

    def saved_response(self, saved: tuple[Any, str]) -> HttpResponse:
        # The key, in this answer only (only its digest is stored): the page again, not a redirect.
        self.new_token, self.new_key = saved
        return self.render_form(TokenForm())

    def invalid_response(self, form: TokenForm) -> HttpResponse:
        return self.render_form(form, status=400 if form.errors else 200)

    def revoke(self) -> HttpResponse:
        return _revoke(self.request, owner=self.request.user, back=reverse("accounts:security"))

    def renew_codes(self) -> HttpResponse:
        user = self.request.user
        if totp_device(user) is not None and user.is_verified():
            self.new_codes = recovery_codes_renew(user=user)
        return self.render_form(TokenForm())

    def get_extra_context(self, request: HttpRequest) -> dict[str, Any]:
        user = request.user
        return {
            **_security_state(request, owner=user),
            "new_key": self.new_key,
            "new_token": self.new_token,
            "new_codes": self.new_codes,
            "max_days": settings.API_TOKEN_MAX_DAYS,
        }


security_view = SecurityView.as_view()


def _security_state(request: HttpRequest, *, owner: Any) -> dict[str, Any]:
    """What both security pages show of ``owner``: their tokens and two-factor state."""
    return {
        "tokens": api_tokens_of(user=request.user, owner=owner),
        "has_totp": totp_device(owner) is not None,
        "required": two_factor_required(owner),
        "codes_left": recovery_codes_left(owner),
    }


def _revoke(request: HttpRequest, *, owner: Any, back: str) -> HttpResponse:
    """Revoke the token named by the POST among ``owner``'s that the user may see (404 otherwise)."""
    token = get_object_or_404(api_tokens_of(user=request.user, owner=owner), digest=request.POST.get("token", ""))
    api_token_revoke(token=token, actor=request.user)
    messages.success(request, _("The token “%(name)s” is revoked.") % {"name": token.name})
    return redirect(back)


# Ministry admins: everyone's two-factor state and tokens ----------------------------------------------


class UsersSecurityView(ObjectListView):
    """Users with their two-factor state and API tokens, for ministry admins (404 for anyone else)."""

    allowed = staticmethod(can_manage_security)
    private = True
    selector = staticmethod(users_security)
    filterset_class = UserSecurityFilter
    filterset_takes_user = False
    table_class = UserSecurityTable
    per_page = 50
    template_name = "accounts/users_security.html"
    title = gettext_lazy("Sign-in security of users")
    testid = "users"

    def get_extra_context(self, request: HttpRequest) -> dict[str, Any]:
        # The users of the page shown (tests and the template's count read them).
        return {"page": [row.record for row in self.table.page.object_list]}


users_security_view = UsersSecurityView.as_view()


class UserSecurityView(ObjectFormView):
    """One user's two-factor state and tokens: reset the one (with a reason), revoke the others."""

    allowed = staticmethod(can_manage_security)
    private = True
    form_class = ResetForm
    template_name = "accounts/user_security.html"
    parents = ((gettext_lazy("Sign-in security of users"), "accounts:users_security"),)
    save_label = gettext_lazy("Reset two-factor sign-in")
    invalid_status = 400
    actions: ClassVar[dict[str, str]] = {"revoke": "revoke"}

    def get_object(self) -> User:
        return get_object_or_404(User.objects.visible_to(self.request.user), pk=self.kwargs["pk"])

    def get_form_kwargs(self) -> dict[str, Any]:
        post = self.request.POST
        return {"data": post if post.get("action") == "reset" else None}

    def write(self, form: ResetForm) -> User:
        two_factor_reset(user=self.object, actor=self.request.user, reason=form.cleaned_data["reason"])
        return self.object

    def invalid_response(self, form: ResetForm) -> HttpResponse:
        return self.render_form(form, status=400 if form.errors else 200)

    def revoke(self) -> HttpResponse:
        return _revoke(self.request, owner=self.object, back=self.get_success_url(self.object))

    def get_title(self) -> str:
        return str(self.object)

    def get_success_message(self, saved: User) -> str:
        return _("Two-factor sign-in of %(user)s is reset: they set it up again at their next sign-in.") % {
            "user": saved.username
        }

    def get_success_url(self, saved: Any) -> str:
        return reverse("accounts:user_security", args=[self.object.pk])

    def get_extra_context(self, request: HttpRequest) -> dict[str, Any]:
        return {"owner": self.object, **_security_state(request, owner=self.object)}


user_security_view = UserSecurityView.as_view()

"""The sign-in form, the second-factor code, API tokens and two-factor resets."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


class LoginForm(AuthenticationForm):
    """Django's authentication form with labels and autocomplete hints for phones and password managers."""

    error_messages = {
        **AuthenticationForm.error_messages,
        # Django's Indonesian wording repeats the field label; say it plainly, and never which one failed.
        "invalid_login": _("The username or password is wrong. Both are case-sensitive."),
    }

    username = forms.CharField(
        label=_("Username"),
        max_length=150,
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username", "class": "form-control"}),
    )
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password", "class": "form-control"}),
    )


class CodeForm(forms.Form):
    """A code from the authenticator app (6 digits) or a recovery code."""

    code = forms.CharField(
        label=_("Code"),
        max_length=40,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "text",
                "autofocus": True,
                "class": "form-control form-control-lg font-monospace",
                "autocapitalize": "off",
                "spellcheck": "false",
            }
        ),
        help_text=_("The 6 digits your authenticator app shows now, or one of your recovery codes."),
    )

    def add_service_errors(self, error: ValidationError) -> None:
        """Whatever the service refuses is about the code typed (core.screens shows it under the field)."""
        self.add_error(
            "code", error.message_dict.get("code", error.messages) if hasattr(error, "error_dict") else error
        )


class TokenForm(forms.Form):
    """A new API token: what it is for and how long it lasts."""

    DAYS = (30, 90, 180, 365)

    name = forms.CharField(
        label=_("Name"),
        max_length=100,
        widget=forms.TextInput(attrs={"class": "form-control"}),
        help_text=_("What uses the token, e.g. “Provincial dashboard script”."),
    )
    days = forms.TypedChoiceField(
        label=_("Valid for"),
        coerce=int,
        initial=90,
        widget=forms.Select(attrs={"class": "form-select"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["days"].choices = [(d, _("%(days)s days") % {"days": d}) for d in self.DAYS]


class ResetForm(forms.Form):
    """Why a ministry admin resets someone's two-factor sign-in (recorded in the audit trail)."""

    reason = forms.CharField(
        label=_("Reason"),
        max_length=300,
        widget=forms.TextInput(attrs={"class": "form-control"}),
        help_text=_("E.g. “phone lost; identity confirmed by a call to the provincial office”."),
    )

    def add_service_errors(self, error: ValidationError) -> None:
        """A refused reset is said under the reason (core.screens shows it there)."""
        messages = error.message_dict.get("reason", error.messages) if hasattr(error, "error_dict") else error.messages
        self.add_error("reason", messages)

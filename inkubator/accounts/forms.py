"""The sign-in form."""

from __future__ import annotations

from django import forms
from django.contrib.auth.forms import AuthenticationForm
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

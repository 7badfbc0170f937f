"""Password rules beyond Django's own: a mix of character classes."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


class CharacterClassValidator:
    """Require letters and at least one digit or symbol, so that a password is not a single word."""

    def validate(self, password: str, user: object = None) -> None:
        has_letter = re.search(r"[^\W\d_]", password) is not None
        has_other = re.search(r"[\d\W_]", password) is not None
        if not (has_letter and has_other):
            raise ValidationError(
                _("The password must contain letters and at least one digit or symbol."),
                code="password_character_classes",
            )

    def get_help_text(self) -> str:
        return _("Your password must contain letters and at least one digit or symbol.")

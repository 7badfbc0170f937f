"""Phone numbers in every form they are written normalise to +62…; wrong ones name the value."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from inkubator.people.phones import normalise_phone, phone_mask


@pytest.mark.parametrize(
    "value",
    ["081234567890", "+6281234567890", "6281234567890", "0812-3456-7890", "+62 812 3456 7890", "81234567890",
     "'081234567890", "(0812) 3456 7890"],
)  # fmt: skip
def test_forms_of_one_number(value: str) -> None:
    assert normalise_phone(value) == "+6281234567890"


@pytest.mark.parametrize("value", ["12345", "abc", "+1 415 555 0100", "0812345678901234"])
def test_not_indonesian_numbers(value: str) -> None:
    with pytest.raises(ValidationError, match="bukan nomor telepon Indonesia") as error:
        normalise_phone(value)
    assert value in error.value.messages[0]


def test_mask() -> None:
    assert phone_mask("+6281234567890") == "••••••••••7890"

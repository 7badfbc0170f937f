"""The venues and service tests match messages in English (the Indonesian catalogue is tested by pages)."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _english(_language_is_indonesian: None) -> None:
    from django.utils import translation

    translation.activate("en")

"""The demo accounts, one per role (and a second coordinator to show scope). Listed in the README."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.contrib.auth.hashers import check_password, make_password
from django.test.utils import override_settings

from inkubator.core.roles import Role

# Known on purpose: these accounts exist only in demo databases (`manage.py demo_data`).
DEMO_PASSWORD = "Sandi-BLKK-2026"  # noqa: S105
# The roles that sign in with a second factor: their demo accounts are enrolled with the published demo
# secret (accounts.two_factor.DEMO_TOTP_SECRET), whatever the settings, so the demo works everywhere.
TWO_FACTOR_DEMO_ROLES = frozenset({Role.MINISTRY_ADMIN, Role.REGIONAL_COORDINATOR})


@dataclass(frozen=True)
class DemoAccount:
    """One demo user: its role and the scope it is given."""

    username: str
    role: str
    first_name: str
    last_name: str
    provinces: tuple[str, ...] = field(default=())
    centres: int = 0  # how many centres (from the first in its provinces) it is assigned
    centre_province: str = "32"


DEMO_ACCOUNTS: tuple[DemoAccount, ...] = (
    DemoAccount("admin", Role.MINISTRY_ADMIN, "Siti", "Rahmawati"),
    DemoAccount("korwil", Role.REGIONAL_COORDINATOR, "Agus", "Setiawan", provinces=("32", "36")),
    DemoAccount("korwil.ntt", Role.REGIONAL_COORDINATOR, "Yohanes", "Bria", provinces=("53",)),
    DemoAccount("fasilitator", Role.FACILITATOR, "Dewi", "Lestari", centres=5, centre_province="35"),
    DemoAccount("pengelola", Role.CENTRE_MANAGER, "Ahmad", "Fauzi", centres=1, centre_province="32"),
    DemoAccount("wirausaha", Role.ENTREPRENEUR, "Rina", "Marlina"),
    DemoAccount("mitra", Role.PARTNER, "Bambang", "Prasetyo"),
)


FAST_HASHER = "django.contrib.auth.hashers.MD5PasswordHasher"


@contextmanager
def demo_passwords_hashed_once() -> Iterator[None]:
    """Accounts created in the block with the demo password end up sharing one proper hash of it.

    Hashing with the configured hasher (PBKDF2, a deliberate ~0.5 s) once per account was half of
    the small demo's time and ~20 s of the national one. Inside the block accounts are hashed with a
    fast hasher; on leaving, those whose password is the demo password get the one real hash (the
    password is published in the README, so a shared salt gives nothing away). Other accounts, and
    unusable passwords, are left as they are.
    """
    from inkubator.accounts.models import User

    before = set(User.objects.values_list("pk", flat=True))
    shared = make_password(DEMO_PASSWORD)  # with the configured hashers
    with override_settings(PASSWORD_HASHERS=[FAST_HASHER]):
        yield
        fast = [
            pk
            for pk, password in User.objects.exclude(pk__in=before).values_list("pk", "password")
            if password.startswith("md5$") and check_password(DEMO_PASSWORD, password)
        ]
    User.objects.filter(pk__in=fast).update(password=shared)

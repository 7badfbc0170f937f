"""The demo's partner register: the organisations the programme names, then plain companies.

The named partners are the programme's real ones (PROGRAMME_FACTS.md, issue 13): companies that
upgrade workshops and train instructors, a donor, the ministries that sign MoUs, the banks of KUR,
universities. Generated names fill the rest of a national register, always as private companies or
associations: a made-up name is never passed off as a ministry, a bank or a donor.
"""

from __future__ import annotations

import random

from faker import Faker

from inkubator.partners.models import Partner
from inkubator.regions.models import Province

Kind = Partner.Kind

# (name, short name, kind, head office province, provinces of work: empty = nationwide)
NAMED: tuple[tuple[str, str, str, str, tuple[str, ...]], ...] = (
    ("PT Bank Rakyat Indonesia (Persero) Tbk", "BRI", Kind.BANK, "31", ()),
    ("PT Bank Negara Indonesia (Persero) Tbk", "BNI", Kind.BANK, "31", ()),
    ("PT Bank Mandiri (Persero) Tbk", "Bank Mandiri", Kind.BANK, "31", ()),
    ("PT Bank Syariah Indonesia Tbk", "BSI", Kind.BANK, "31", ()),
    ("PT Pertamina (Persero)", "Pertamina", Kind.STATE_COMPANY, "31", ()),
    ("PT HM Sampoerna Tbk", "Sampoerna", Kind.COMPANY, "35", ("35", "33", "32")),
    ("PT Panasonic Gobel Indonesia", "Panasonic", Kind.COMPANY, "31", ("31", "32", "36")),
    ("United States Agency for International Development", "USAID", Kind.DONOR, "31", ()),
    ("Kementerian Desa, Pembangunan Daerah Tertinggal, dan Transmigrasi", "Kemendes PDTT", Kind.MINISTRY, "31", ()),
    ("Kementerian Koperasi dan Usaha Kecil dan Menengah", "KemenKopUKM", Kind.MINISTRY, "31", ()),
    ("IPB University", "IPB", Kind.UNIVERSITY, "32", ("32", "31", "36")),
    ("UIN Sunan Ampel Surabaya", "UIN Sunan Ampel", Kind.UNIVERSITY, "35", ("35",)),
)


# The kinds the register was drawn from before the named partners: drawing from the same list keeps
# the random sequence, and with it every later step of the demo, unchanged.
_DRAWN_KINDS = ("bumn", "company", "bank", "ministry", "local_government", "donor", "university", "other")


def demo_partners(*, rng: random.Random, fake: Faker, count: int) -> tuple[list[Partner], dict[str, list[str]]]:
    """The named partners first (BRI first: the demo partner account's bank), then generated companies.

    Returns the unsaved partners and, by name, the provinces each works in (set once they are saved).
    A generated name is a private company (an association when the draw says "other").
    """
    provinces = list(Province.objects.order_by("code").values_list("code", flat=True))
    names: set[str] = {name for name, *_ in NAMED}
    partners: list[Partner] = []
    works: dict[str, list[str]] = {}
    drawn = 0
    while drawn < count:
        name = fake.company()
        if name in names:
            continue
        names.add(name)
        kind, province = rng.choice(_DRAWN_KINDS), rng.choice(provinces)
        if drawn < len(NAMED):
            name, short, named_kind, office, where = NAMED[drawn]
            partners.append(Partner(name=name, short_name=short, kind=named_kind, province_id=office))
            works[name] = list(where)
        else:
            kind = Kind.ASSOCIATION if kind == "other" else Kind.COMPANY
            partners.append(Partner(name=name, kind=kind, province_id=province))
            works[name] = [province]
        drawn += 1
    return partners, works

"""Demo centres with what the register holds about them: host, fields, staff, assets, agreements.

Shares are taken from the programme's public figures (PROGRAMME_FACTS.md): most hosts are pondok
pesantren, TIK kits are the most common field, a new centre received about Rp300m of equipment and a
Rp500m building, and a PKS was signed in the year of the build aid.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from faker import Faker

from inkubator.centres.choices import (
    AssetCondition,
    AssetKind,
    AssetSource,
    CentreStatus,
    Cluster,
    HostKind,
    Religion,
    StaffRole,
)
from inkubator.centres.models import (
    Agreement,
    Asset,
    Centre,
    CentreField,
    Certificate,
    HostInstitution,
    Staff,
    VocationalField,
)
from inkubator.partners.models import Partner
from inkubator.regions.models import District, Regency, Village

PESANTREN_NAMES = (
    "Al-Hikmah", "Darul Ulum", "Nurul Huda", "Al-Falah", "Miftahul Huda", "Darussalam", "Al-Ikhlas",
    "Raudhatul Jannah", "Al-Amin", "Nurul Iman", "Bahrul Ulum", "Al-Muhajirin", "Sabilul Muttaqin",
    "Roudlotul Qur'an", "Al-Anwar", "Hidayatullah", "Mambaul Ulum", "Al-Hidayah", "Tarbiyatul Islam",
    "Manbaul Hikam", "Darul Falah", "Al-Muttaqin", "Nurul Jadid", "Assalafiyah", "Al-Khoirot",
    "Riyadlul Jannah", "Annuqayah", "Al-Mubarok", "Baitul Hikmah", "Darul Quran", "Al-Istiqomah",
    "Nurul Falah", "Al-Ma'arif", "Sunan Drajat", "Tebuireng", "Al-Barokah", "Al-Kautsar", "Ihyaul Ulum",
)  # fmt: skip
# (kind, religion, name pattern) of the hosts that are not pesantren.
OTHER_HOSTS = (
    (HostKind.RELIGIOUS, Religion.CATHOLIC, "Seminari Santo {}"),
    (HostKind.RELIGIOUS, Religion.PROTESTANT, "Yayasan Gereja Kristen {}"),
    (HostKind.RELIGIOUS, Religion.HINDU, "Pasraman {}"),
    (HostKind.RELIGIOUS, Religion.BUDDHIST, "Dhammasekha {}"),
    (HostKind.UNION, "", "DPC Serikat Pekerja {}"),
    (HostKind.UNION, "", "Federasi Serikat Buruh {}"),
    (HostKind.COMMUNITY, "", "Yayasan Pemberdayaan Masyarakat {}"),
)
HOST_KIND_WEIGHTS = ((HostKind.PESANTREN, 85), (HostKind.RELIGIOUS, 8), (HostKind.UNION, 5), (HostKind.COMMUNITY, 2))
# Field codes of centres and their weight: computer (TIK) kits are the most common choice.
FIELD_WEIGHTS = {
    "tik": 30, "menjahit": 14, "otomotif": 12, "tata-boga": 8, "las": 6, "agroindustri": 6, "multimedia": 5,
    "listrik": 4, "elektronika": 3, "pendingin": 3, "furnitur": 3, "perikanan": 2, "tata-kecantikan": 2,
    "dkv": 2, "bisnis-manajemen": 2, "pariwisata": 1, "bangunan": 1, "seni-kriya": 1, "bahasa": 1,
}  # fmt: skip
UNION_FIELDS = ("hubungan-industrial", "tik", "menjahit")
# Equipment a field's kit holds: (name, units per batch of 16, unit value in Rp).
KITS = {
    "tik": ("Komputer PC", 16, 8_500_000),
    "menjahit": ("Mesin jahit high speed", 16, 4_000_000),
    "otomotif": ("Paket alat servis sepeda motor", 8, 9_000_000),
    "tata-boga": ("Oven dan mixer roti", 4, 12_000_000),
    "las": ("Mesin las listrik", 8, 7_500_000),
    "multimedia": ("Kamera dan laptop editing", 8, 15_000_000),
    "hubungan-industrial": ("Laptop dan proyektor", 8, 9_000_000),
}
DEFAULT_KIT = ("Paket peralatan praktik", 8, 6_000_000)
STATUS_WEIGHTS = ((CentreStatus.ACTIVE, 90), (CentreStatus.INACTIVE, 8), (CentreStatus.CLOSED, 2))
CERTIFIERS = ("BNSP", "LSP Kemnaker", "LSP P1 BLK")
TODAY = date(2026, 11, 1)  # fixed, so the same seed gives the same expiries whenever it runs


@dataclass
class RegisterBatch:
    """Unsaved register rows of the demo, saved in dependency order by :func:`save_register`."""

    hosts: list[HostInstitution] = field(default_factory=list)
    centres: list[Centre] = field(default_factory=list)
    fields: list[tuple[Centre, list[tuple[str, int]]]] = field(default_factory=list)
    staff: list[tuple[Staff, list[Certificate]]] = field(default_factory=list)
    assets: list[Asset] = field(default_factory=list)
    agreements: list[Agreement] = field(default_factory=list)


def _weighted(rng: random.Random, pairs: tuple | list) -> object:
    return rng.choices([p[0] for p in pairs], weights=[p[1] for p in pairs])[0]


def _jitter(rng: random.Random, value: Decimal | None) -> Decimal | None:
    if value is None:
        return None
    return (value + Decimal(rng.uniform(-0.05, 0.05))).quantize(Decimal("0.00001"))


def centre_code_digits(regency: Regency) -> str:
    """The regency part of a registration code: "3216" for Kabupaten Bekasi."""
    return regency.code.replace(".", "")


def _unique(name: str, taken: set[str], suffixes: list[str]) -> str:
    """``name`` or, if its regency already has it, the name with a place (as real names do)."""
    candidate = name
    for suffix in suffixes:
        if candidate.lower() not in taken:
            break
        candidate = f"{name} {suffix}"
    n = 2
    while candidate.lower() in taken:
        candidate, n = f"{name} {n}", n + 1
    taken.add(candidate.lower())
    return candidate


class RegisterGenerator:
    """Draws centres on real regions; one instance per demo load."""

    def __init__(self, *, rng: random.Random, fake: Faker, province_weights: dict[str, int]) -> None:
        self.rng, self.fake = rng, fake
        self.province_weights = province_weights
        self.regencies: dict[str, list[Regency]] = {}
        for regency in Regency.objects.order_by("code"):
            self.regencies.setdefault(regency.province_id, []).append(regency)
        self.districts: dict[str, list[District]] = {}
        for district in District.objects.order_by("code"):
            self.districts.setdefault(district.regency_id, []).append(district)
        self.villages_of: dict[str, list[Village]] = {}
        self.fields = {f.code: f for f in VocationalField.objects.all()}
        self.serial: dict[str, int] = {}
        self.names_in_regency: dict[str, set[str]] = {}
        self.hosts_in_regency: dict[str, set[str]] = {}

    def _villages(self, district: District) -> list[Village]:
        # Fetched per district drawn (a few thousand queries at most), not all 83,762 at once.
        if district.code not in self.villages_of:
            self.villages_of[district.code] = list(Village.objects.filter(district_id=district.code).order_by("code"))
        return self.villages_of[district.code]

    def _host(self, regency: Regency, district: District) -> HostInstitution:
        rng = self.rng
        kind = _weighted(rng, HOST_KIND_WEIGHTS)
        if kind == HostKind.PESANTREN:
            religion, name = Religion.ISLAM, f"Pondok Pesantren {rng.choice(PESANTREN_NAMES)}"
        else:
            _, religion, pattern = rng.choice([h for h in OTHER_HOSTS if h[0] == kind])
            name = pattern.format(self.fake.last_name())
        taken = self.hosts_in_regency.setdefault(regency.code, set())
        name = _unique(name, taken, [district.name.title()])
        return HostInstitution(
            name=name,
            kind=kind,
            religion=religion,
            regency=regency,
            legal_registration=f"AHU-{rng.randint(1000, 99999):05d}.AH.01.04.{rng.randint(2005, 2022)}",
            address=f"{self.fake.street_address()}, {district.name.title()}",
            contact_name=self.fake.name(),
            contact_phone=self.fake.phone_number(),
        )

    def centre(self, batch: RegisterBatch, *, cohort: int) -> Centre:
        """One centre with its host, fields, staff, assets and agreement, appended to ``batch``."""
        rng, fake = self.rng, self.fake
        province = str(_weighted(rng, list(self.province_weights.items())))
        regency = rng.choice(self.regencies[province])
        district = rng.choice(self.districts[regency.code])
        villages = self._villages(district)
        village = rng.choice(villages) if villages else None
        host = self._host(regency, district)
        self.serial[regency.code] = self.serial.get(regency.code, 0) + 1
        lat = district.latitude if district.latitude is not None else regency.latitude
        lon = district.longitude if district.latitude is not None else regency.longitude
        complete = rng.random()  # how well this centre keeps its profile
        name = _unique(f"BLK Komunitas {host.name}", self.names_in_regency.setdefault(regency.code, set()), [])
        centre = Centre(
            code=f"BLKK-{centre_code_digits(regency)}-{self.serial[regency.code]:03d}",
            name=name,
            host=host,
            province_id=province,
            regency=regency,
            district=district,
            village=village if complete > 0.1 else None,
            address=f"{fake.street_address()}, {village.name.title() if village else district.name.title()}",
            latitude=_jitter(rng, lat) if complete > 0.2 else None,
            longitude=_jitter(rng, lon) if complete > 0.2 else None,
            cohort_year=cohort,
            status=_weighted(rng, STATUS_WEIGHTS),
            contact_person=fake.name() if complete > 0.15 else "",
            phone=fake.phone_number() if complete > 0.25 else "",
            email=f"blkk.{self.serial[regency.code]}.{regency.code.replace('.', '')}@gmail.com"
            if complete > 0.4
            else "",
        )
        batch.hosts.append(host)
        batch.centres.append(centre)
        pool = UNION_FIELDS if host.kind == HostKind.UNION else None
        codes = self._field_codes(pool)
        batch.fields.append((centre, [(code, rng.choice((16, 16, 20, 24, 32))) for code in codes]))
        if complete > 0.3:
            self._staff(batch, centre, codes)
        if complete > 0.35:
            self._assets(batch, centre, codes, cohort)
        if complete > 0.25:
            batch.agreements.append(
                Agreement(
                    centre=centre,
                    number=f"{rng.randint(1, 999)}/PKS/BINALAVOTAS/{cohort}",
                    signed_on=date(cohort, rng.randint(2, 11), rng.randint(1, 28)),
                    subject="Bantuan pembangunan BLK Komunitas dan pelatihan angkatan pertama",
                )
            )
        return centre

    def _field_codes(self, pool: tuple[str, ...] | None) -> list[str]:
        if pool:
            return self.rng.sample(pool, k=self.rng.randint(1, 2))
        count = _weighted(self.rng, ((1, 55), (2, 35), (3, 10)))
        codes: list[str] = []
        while len(codes) < count:
            code = str(_weighted(self.rng, list(FIELD_WEIGHTS.items())))
            if code not in codes:
                codes.append(code)
        return codes

    def _staff(self, batch: RegisterBatch, centre: Centre, codes: list[str]) -> None:
        rng, fake = self.rng, self.fake
        batch.staff.append(
            (Staff(centre=centre, name=fake.name(), role=StaffRole.MANAGER, phone=fake.phone_number()), [])
        )
        for code in codes:
            instructor = Staff(
                centre=centre, name=fake.name(), role=StaffRole.INSTRUCTOR, field=self.fields[code],
                phone=fake.phone_number(),
            )  # fmt: skip
            certificates = []
            if rng.random() < 0.7:
                issued = TODAY - timedelta(days=rng.randint(100, 1800))
                certificates.append(
                    Certificate(
                        staff=instructor,
                        name=f"Instruktur {self.fields[code].name}",
                        number=f"{rng.randint(10**8, 10**9 - 1)}",
                        issuer=rng.choice(CERTIFIERS),
                        issued_on=issued,
                        expires_on=issued + timedelta(days=3 * 365),
                    )
                )
            batch.staff.append((instructor, certificates))
        if rng.random() < 0.5:
            batch.staff.append((Staff(centre=centre, name=fake.name(), role=StaffRole.ADMINISTRATOR), []))

    def _assets(self, batch: RegisterBatch, centre: Centre, codes: list[str], cohort: int) -> None:
        rng = self.rng
        batch.assets.append(
            Asset(
                centre=centre, kind=AssetKind.BUILDING, name="Gedung workshop BLK Komunitas", quantity=1,
                condition=_weighted(rng, ((AssetCondition.GOOD, 85), (AssetCondition.LIGHT_DAMAGE, 13),
                                          (AssetCondition.HEAVY_DAMAGE, 2))),
                year_acquired=cohort, source=AssetSource.MINISTRY, estimated_value=Decimal(500_000_000),
            )
        )  # fmt: skip
        for code in codes:
            name, units, value = KITS.get(code, DEFAULT_KIT)
            age = 2026 - cohort
            batch.assets.append(
                Asset(
                    centre=centre, kind=AssetKind.EQUIPMENT, name=name, quantity=units,
                    condition=_weighted(rng, ((AssetCondition.GOOD, max(20, 90 - 8 * age)),
                                              (AssetCondition.LIGHT_DAMAGE, 8 + 3 * age),
                                              (AssetCondition.HEAVY_DAMAGE, 2 + 2 * age))),
                    year_acquired=cohort, source=AssetSource.MINISTRY, estimated_value=Decimal(units * value),
                )
            )  # fmt: skip

    def partner_gifts(self, batch: RegisterBatch, partners: list[Partner]) -> None:
        """Some centres received equipment from a partner (a company's CSR, a bank)."""
        for centre in batch.centres:
            if partners and self.rng.random() < 0.12:
                batch.assets.append(
                    Asset(
                        centre=centre, kind=AssetKind.EQUIPMENT, name="Laptop dan printer (hibah mitra)",
                        quantity=self.rng.randint(2, 10), condition=AssetCondition.GOOD,
                        year_acquired=self.rng.randint(max(centre.cohort_year, 2020), 2026),
                        source=AssetSource.PARTNER, partner=self.rng.choice(partners),
                        estimated_value=Decimal(self.rng.randint(10, 80) * 1_000_000),
                    )
                )  # fmt: skip

    def designate(self, batch: RegisterBatch, *, mentored: int, incubators: int) -> None:
        """The 2022 picture: a few dozen mentored centres in clusters, the best designated incubators."""
        active = [c for c in batch.centres if c.status == CentreStatus.ACTIVE and c.cohort_year <= 2021]
        chosen = self.rng.sample(active, k=min(mentored, len(active)))
        # 9 / 16 / 25 of 50 in 2022 (binaan / berdaya / mandiri).
        for index, centre in enumerate(chosen):
            share = index / max(len(chosen), 1)
            centre.cluster = Cluster.BINAAN if share < 0.18 else Cluster.BERDAYA if share < 0.5 else Cluster.MANDIRI
        for centre in [c for c in chosen if c.cluster == Cluster.MANDIRI][:incubators]:
            centre.is_incubator = True


def save_register(batch: RegisterBatch) -> None:
    """Save the batch with bulk inserts, parents before children.

    Children were built around unsaved parents; Django fills in their foreign keys from the saved
    parents when they are inserted.
    """
    HostInstitution.objects.bulk_create(batch.hosts, batch_size=1000)
    Centre.objects.bulk_create(batch.centres, batch_size=1000)
    fields = {f.code: f for f in VocationalField.objects.all()}
    CentreField.objects.bulk_create(
        [CentreField(centre=c, field=fields[code], capacity=cap) for c, pairs in batch.fields for code, cap in pairs],
        batch_size=2000,
    )
    Staff.objects.bulk_create([s for s, _ in batch.staff], batch_size=2000)
    Certificate.objects.bulk_create([c for _, certs in batch.staff for c in certs], batch_size=2000)
    Asset.objects.bulk_create(batch.assets, batch_size=2000)
    Agreement.objects.bulk_create(batch.agreements, batch_size=2000)

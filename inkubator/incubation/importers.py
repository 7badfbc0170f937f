"""The tenant import: a TKM recipient list (CSV or XLSX) into the incubation pipeline.

A row names a person (NIK, name, sex, birth date, phone), their business (name, sector, KBLI),
where they are incubated (an incubator centre's registration code, or a government venue with its
regency/city code), the source programme, and the grant received. The person is found by NIK (one
person per NIK across programmes) or registered; a tenant already taken in at the same incubator
(or venue) is left unchanged, so a list imported twice writes nothing twice. Every write goes
through ``inkubator.incubation.services`` and ``inkubator.people.services``: validated and audited.

The importing user may only take tenants into centres (and venue regencies) within their scope.

Group rows (issue 12.6): TKM grants go to groups (kelompok). A row with a group name is one member
of that group; the rows of one group name at one incubator make one group tenant. Its chair is the
row whose role says so (Ketua), or the group's first row when none does; the group's business,
programme, date and grant are the chair's row's (a member's row with another grant amount is warned
about, not summed: the grant is the group's). A group already taken in gets the new members of a
later list; members already in it are left unchanged.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from inkubator.centres.models import Centre
from inkubator.core.scoping import sees_everything, user_scope
from inkubator.imports.cells import EXCEL_EPOCH, as_text, choice_parser, text_of_length
from inkubator.imports.mapping import Column, ImportSpec
from inkubator.imports.suggest import Suggester
from inkubator.imports.validation import Action, ParsedRow, RowResult
from inkubator.incubation.choices import SourceProgramme
from inkubator.incubation.models import MAX_GRANT_RUPIAH, Tenant
from inkubator.incubation.services import group_member_add, tenant_register
from inkubator.people.models import Person
from inkubator.people.nik import NikError, clean_nik, district_codes, nik_check
from inkubator.people.phones import normalise_phone
from inkubator.people.words import SEX_LABELS, SEX_WORDS
from inkubator.regions.models import Regency

SOURCE_WORDS = {
    "tkm pemula": SourceProgramme.TKM_PEMULA,
    "pemula": SourceProgramme.TKM_PEMULA,
    "tkm lanjutan": SourceProgramme.TKM_LANJUTAN,
    "lanjutan": SourceProgramme.TKM_LANJUTAN,
    "phk": SourceProgramme.LAID_OFF,
    "korban phk": SourceProgramme.LAID_OFF,
    "layanan kewirausahaan": SourceProgramme.LAID_OFF,
    "lulusan blk": SourceProgramme.GRADUATE,
    "lulusan blkk": SourceProgramme.GRADUATE,
    "alumni": SourceProgramme.GRADUATE,
    "lainnya": SourceProgramme.OTHER,
    **{value: value for value in SourceProgramme.values},
}
_DATE_FORMATS = ("%d-%m-%Y", "%d/%m/%Y", "%Y-%m-%d", "%d.%m.%Y")
_REGENCY_CODE = re.compile(r"^\d{2}\.\d{2}$")

ROLE_WORDS = {
    "ketua": True, "ketua kelompok": True, "chair": True, "k": True,
    "anggota": False, "anggota kelompok": False, "member": False, "a": False,
}  # fmt: skip

parse_sex = choice_parser(SEX_WORDS, what=lambda: _("L (laki-laki) or P (perempuan)"), labels=SEX_LABELS)
parse_source = choice_parser(
    SOURCE_WORDS,
    what=lambda: _("TKM Pemula, TKM Lanjutan, PHK, Lulusan BLK or Lainnya"),
    labels=dict(SourceProgramme.choices),
)
parse_role = choice_parser(ROLE_WORDS, what=lambda: _("Ketua or Anggota"))


def parse_date(value: Any) -> datetime.date:
    """A date from a workbook date, an Excel day number, or text as 31-12-1990, 31/12/1990 or 1990-12-31."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool) and 1 < value < 80000:
        return EXCEL_EPOCH + datetime.timedelta(days=int(value))
    text = as_text(value)
    for fmt in _DATE_FORMATS:
        try:
            return datetime.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValidationError(_('"%(value)s" is not a date: write it as 31-12-1990.') % {"value": text}, code="date")


def parse_rupiah(value: Any) -> int:
    """Whole rupiah from 10000000, "10.000.000", "Rp 10.000.000" or "10,000,000"."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        if float(value).is_integer():
            return int(value)
    else:
        digits = re.sub(r"^rp\.?\s*", "", as_text(value).lower()).replace(".", "").replace(",", "")
        if digits.isdigit():
            return int(digits)
    raise ValidationError(_('"%(value)s" is not an amount in rupiah.') % {"value": as_text(value)}, code="amount")


def parse_nik(value: Any) -> str:
    """The 16 digits of a NIK (see ``people.nik.clean_nik``)."""
    try:
        return clean_nik(value)
    except NikError as error:
        raise ValidationError(error.problem.message, code=error.problem.code) from error


TENANT_SPEC = ImportSpec(
    kind="tenants",
    label=gettext_lazy("Tenants (TKM recipients)"),
    columns=(
        Column("nik", gettext_lazy("NIK"), ("NIK", "No KTP", "Nomor KTP", "NIK KTP"), required=True, parser=parse_nik),
        Column("name", gettext_lazy("Name"), ("Nama", "Nama Lengkap", "Nama Penerima"), required=True,
               parser=text_of_length(150)),
        Column("sex", gettext_lazy("Sex"), ("Jenis Kelamin", "JK", "L/P"), required=True, parser=parse_sex),
        Column("birth_date", gettext_lazy("Date of birth"), ("Tanggal Lahir", "Tgl Lahir", "Tgl. Lahir"),
               required=True, parser=parse_date),
        Column("phone", gettext_lazy("Phone"), ("No HP", "No. HP", "Telepon", "HP", "No Telepon", "WA")),
        Column("business_name", gettext_lazy("Business name"), ("Nama Usaha", "Usaha"), required=True,
               parser=text_of_length(200)),
        Column("sector", gettext_lazy("Sector"), ("Sektor", "Bidang Usaha", "Jenis Usaha", "Sektor Usaha"),
               required=True, parser=text_of_length(150)),
        Column("kbli_code", gettext_lazy("KBLI code"), ("KBLI", "Kode KBLI"), parser=text_of_length(5)),
        Column("incubator", gettext_lazy("Incubator centre code"), ("Kode BLK", "Kode BLKK", "Kode Inkubator",
               "Kode Registrasi"), parser=text_of_length(32)),
        Column("venue_name", gettext_lazy("Government venue"), ("Nama Balai", "BPKK", "Tempat Inkubasi"),
               parser=text_of_length(200)),
        Column("regency", gettext_lazy("Regency/city code"), ("Kode Kabupaten/Kota", "Kode Kab/Kota", "Kode Kab")),
        Column("source_programme", gettext_lazy("Source programme"), ("Program", "Sumber", "Jenis TKM",
               "Program Asal"), required=True, parser=parse_source),
        Column("grant_amount", gettext_lazy("Grant amount (Rp)"), ("Nilai Bantuan", "Bantuan", "Nominal Bantuan",
               "Jumlah Bantuan"), parser=parse_rupiah),
        Column("joined_on", gettext_lazy("Date taken in"), ("Tanggal Masuk", "Tanggal Bantuan", "Tgl Bantuan"),
               parser=parse_date),
        Column("group_name", gettext_lazy("Group name"), ("Nama Kelompok", "Kelompok", "Nama KUB"),
               parser=text_of_length(150)),
        Column("group_role", gettext_lazy("Role in the group"), ("Jabatan", "Peran", "Jabatan dalam Kelompok",
               "Ketua/Anggota"), parser=parse_role),
    ),
)  # fmt: skip


@dataclass
class TenantPlan:
    """What committing one row does."""

    action: str
    person_fields: dict[str, Any]
    tenant_fields: dict[str, Any]
    grant: int | None
    centre_pk: int | None
    regency_code: str
    group: str = ""  # the group's key (name and place) for a group row
    chair: bool | None = None  # the row's role in its group as the file says (None: not said)


class TenantImporter:
    """Validates rows of a TKM recipient list and writes them (see the module docstring)."""

    spec = TENANT_SPEC

    def __init__(self, *, user: Any = None) -> None:
        self.user = user
        self.today = timezone.localdate()
        self.districts = district_codes()
        # Centres the user may take tenants into: their scope (``visible_to``); the system: every one.
        centres = Centre.objects.all() if user is None else Centre.objects.visible_to(user)
        self.centres: dict[str, tuple[int, str]] = {}
        # A centre code the file gets wrong is offered for mapping with the likest codes of the
        # centres in the user's scope (by code or by name: lists often name the centre instead).
        centre_texts: list[tuple[str, str]] = []
        for pk, code, regency, name in centres.values_list("pk", "code", "regency_id", "name"):
            self.centres[code.casefold()] = (pk, regency)
            centre_texts += [(code, code), (code, name)]
        self.centre_suggester = Suggester(centre_texts)
        if user is None or sees_everything(user):
            self.regency_ok = lambda code: True
        else:
            scope = user_scope(user)
            provinces, regencies = set(scope.province_codes), set(scope.regency_codes)
            self.regency_ok = lambda code: code in regencies or code.split(".")[0] in provinces
        self.regencies: set[str] = set()
        regency_texts: list[tuple[str, str]] = []
        for code, name, kind in Regency.objects.values_list("code", "name", "kind"):
            self.regencies.add(code)
            if self.regency_ok(code):
                # "Kab. Bekasi", "Kabupaten Bekasi", "Kota Bekasi": how lists write a regency/city they mean.
                spelled = ("Kota", "Kot") if kind == Regency.Kind.CITY else ("Kabupaten", "Kab")
                regency_texts += [(code, code), (code, name), *((code, f"{word} {name}") for word in spelled)]
        self.regency_suggester = Suggester(regency_texts)
        self._seen: dict[tuple[str, str], int] = {}
        # Groups met in the file so far, by key: the row of their first member, of their chair (if said),
        # and the grant amount of the chair's row.
        self._groups: dict[str, dict[str, Any]] = {}

    def validate_row(self, row: ParsedRow) -> RowResult:
        """Check the person, the place and the money of one row; plan its writes."""
        label = row.get("name", "")
        self._check_nik(row)
        centre_pk, regency_code = self._place(row)
        self._check_values(row)
        if row.errors:
            return RowResult(row.number, Action.ERROR, label=label)
        nik = row.get("nik")
        place_key = f"c{centre_pk}" if centre_pk else f"v{row.get('venue_name').casefold()}"
        group_name = " ".join(row.get("group_name", "").split())
        group_key = f"{place_key}/{group_name.casefold()}" if group_name else ""
        seen_key = (nik, group_key or place_key)
        earlier = self._seen.get(seen_key)
        if earlier is not None:
            row.error("nik", _("This row repeats row %(row)s (same NIK, same incubator).") % {"row": earlier},
                      code="duplicate")  # fmt: skip
            return RowResult(row.number, Action.ERROR, label=label)
        if group_name and not self._check_group(row, group_key):
            return RowResult(row.number, Action.ERROR, label=label)
        self._seen[seen_key] = row.number
        person = Person.objects.filter(nik=nik).values("pk", "name").first()
        if group_name:
            group = self._existing_group(centre_pk, row.get("venue_name", ""), group_name)
            if group is not None and person is not None and group.members.filter(person_id=person["pk"]).exists():
                return RowResult(row.number, Action.UNCHANGED, label=label)
            if group is not None and row.get("group_role") is True:
                row.warn("group_role", _("The group is already taken in with its chair: this member joins it as a "
                                         "member (the chair is changed on the group's page)."))  # fmt: skip
        elif person is not None and self._already_tenant(person["pk"], centre_pk, row.get("venue_name", "")):
            return RowResult(row.number, Action.UNCHANGED, label=label)
        phone = row.get("phone", "")
        plan = TenantPlan(
            action=Action.CREATE,
            person_fields={"nik": nik, "name": row.get("name"), "sex": row.get("sex"),
                           "birth_date": row.get("birth_date"), "phone": phone},
            tenant_fields={
                "business_name": row.get("business_name"),
                "sector": row.get("sector"),
                "source_programme": row.get("source_programme"),
                "joined_on": row.get("joined_on") or self.today,
                "venue_name": "" if centre_pk else row.get("venue_name"),
                "business": {"kbli_code": row.get("kbli_code", "")},
            },
            grant=row.get("grant_amount"),
            centre_pk=centre_pk,
            regency_code=regency_code,
            group=group_key,
            chair=row.get("group_role"),
        )  # fmt: skip
        if group_name:
            plan.tenant_fields["group_name"] = group_name
        return RowResult(row.number, Action.CREATE, plan=plan, label=label)

    def _check_group(self, row: ParsedRow, key: str) -> bool:
        """One chair per group in the file; a member's grant that is not the chair's is warned about."""
        group = self._groups.setdefault(key, {"first": row.number, "chair": None, "grant": None})
        if row.get("group_role") is True:
            if group["chair"] is not None:
                row.error("group_role", _("The group already has its chair on row %(row)s.") % {"row": group["chair"]},
                          code="two_chairs")  # fmt: skip
                return False
            group["chair"], group["grant"] = row.number, row.get("grant_amount")
        elif group["grant"] is not None and row.has("grant_amount") and row.get("grant_amount") != group["grant"]:
            row.warn("grant_amount", _("The group's grant is the chair's row's amount; this one is not counted."))
        return True

    def _existing_group(self, centre_pk: int | None, venue_name: str, group_name: str) -> Tenant | None:
        groups = Tenant.objects.filter(group_name__iexact=group_name)
        if centre_pk:
            return groups.filter(incubator_id=centre_pk).first()
        return groups.filter(incubator__isnull=True, venue_name__iexact=venue_name).first()

    def _check_nik(self, row: ParsedRow) -> None:
        if not row.has("nik"):
            return
        problems = nik_check(
            row.get("nik"), districts=self.districts, birth_date=row.get("birth_date"), sex=row.get("sex")
        )
        for problem in problems:
            row.error("nik", problem.message, code=problem.code)
        if row.has("phone"):
            try:
                row.values["phone"] = normalise_phone(row.get("phone"))
            except ValidationError as error:
                row.error("phone", " ".join(error.messages), code="phone")

    def _place(self, row: ParsedRow) -> tuple[int | None, str]:
        """The incubator centre (by code, in scope) or the venue and its regency/city."""
        if row.has("incubator"):
            if row.has("venue_name"):
                row.error("venue_name", _("Give either the incubator centre code or the government venue, not both."),
                          code="both")  # fmt: skip
            found = self.centres.get(row.get("incubator").casefold())
            if found is None:
                row.error(
                    "incubator",
                    _('"%(code)s" is not the registration code of a centre you may import tenants for.')
                    % {"code": row.get("incubator")},
                    code="unknown_centre",
                )
                row.unresolved("incubator", row.written["incubator"], self.centre_suggester(row.get("incubator")))
                return None, ""
            return found[0], found[1]
        if not row.has("venue_name"):
            row.error(
                "incubator",
                _("Give the incubator centre code, or the government venue and its regency/city code."),
                code="required",
            )
            return None, ""
        code = as_text(row.get("regency", ""))
        if not _REGENCY_CODE.match(code) or code not in self.regencies:
            row.error("regency", _('"%(value)s" is not a regency/city code such as 32.16.') % {"value": code},
                      code="regency")  # fmt: skip
            if code:
                row.unresolved("regency", row.written["regency"], self.regency_suggester(code))
            return None, ""
        if not self.regency_ok(code):
            row.error("regency", _("%(code)s is outside the regions you may import tenants for.") % {"code": code},
                      code="scope")  # fmt: skip
        return None, code

    def _check_values(self, row: ParsedRow) -> None:
        birth = row.get("birth_date")
        if birth is not None and not (
            datetime.date(1930, 1, 1) <= birth <= self.today - datetime.timedelta(days=15 * 365)
        ):
            row.error("birth_date", _("A tenant is at least 15 years old: check the date of birth."), code="age")
        amount = row.get("grant_amount")
        if amount is not None and not 1 <= amount <= MAX_GRANT_RUPIAH:
            row.error("grant_amount", _("A grant is between Rp 1 and Rp 1 billion: check the amount."), code="amount")
        joined = row.get("joined_on")
        if joined is not None and joined > self.today:
            row.error("joined_on", _("This date is in the future."), code="future")
        kbli = row.get("kbli_code")
        if kbli and not re.fullmatch(r"\d{2,5}", kbli):
            row.error("kbli_code", _("A KBLI code has 2 to 5 digits."), code="kbli")

    def _already_tenant(self, person_pk: int, centre_pk: int | None, venue_name: str) -> bool:
        tenants = Tenant.objects.filter(person_id=person_pk)
        if centre_pk:
            return tenants.filter(incubator_id=centre_pk).exists()
        return tenants.filter(incubator__isnull=True, venue_name__iexact=venue_name).exists()

    def commit(self, results: Sequence[RowResult]) -> dict[str, int]:
        """Register people and tenants and their grants (inside the caller's transaction)."""
        plans: list[TenantPlan] = [r.plan for r in results if r.plan is not None]
        counts = {
            Action.CREATE: 0,
            Action.UPDATE: 0,
            Action.UNCHANGED: sum(r.action == Action.UNCHANGED for r in results),
        }
        centres = Centre.objects.in_bulk([p.centre_pk for p in plans if p.centre_pk])
        regencies = Regency.objects.in_bulk({p.regency_code for p in plans})
        groups: dict[str, list[TenantPlan]] = {}
        for plan in plans:
            if plan.group:
                groups.setdefault(plan.group, []).append(plan)
                continue
            tenant_register(
                **plan.person_fields,
                incubator=centres.get(plan.centre_pk),
                regency=regencies[plan.regency_code],
                user=self.user,
                grant_amount=plan.grant,
                **plan.tenant_fields,
            )
            counts[Action.CREATE] += 1
        for rows in groups.values():
            counts[Action.CREATE] += self._commit_group(rows, centres=centres, regencies=regencies)
        return {str(key): value for key, value in counts.items()}

    def _commit_group(self, rows: list[TenantPlan], *, centres: dict, regencies: dict) -> int:
        """Take a group in (its chair's row first) or find it, and add the members of ``rows``; the rows written."""
        written = len(rows)
        first = rows[0]
        fields = first.tenant_fields
        tenant = self._existing_group(first.centre_pk, fields["venue_name"], fields["group_name"])
        if tenant is None:
            chair = next((plan for plan in rows if plan.chair), first)
            rows = [chair, *(plan for plan in rows if plan is not chair)]
            tenant = tenant_register(
                **chair.person_fields,
                incubator=centres.get(chair.centre_pk),
                regency=regencies[chair.regency_code],
                user=self.user,
                grant_amount=chair.grant,
                **chair.tenant_fields,
            )
            rows = rows[1:]
        for plan in rows:
            group_member_add(tenant=tenant, user=self.user, **plan.person_fields)
        return written

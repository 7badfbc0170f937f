"""The authorization matrix's world: the same records in three places, and one user of every role.

Zones (``ZONES``):

* ``in``   — Kabupaten Bekasi (32.16): every principal's own place (centre, tenant, partner, venue);
* ``near`` — Kota Bekasi (32.75): the same province, another regency and centre, another partner,
  venue and owner — out of scope for everyone but the ministry;
* ``far``  — Kota Kupang (53.71): another province.

Every record a URL can name exists once per zone (``World.objects[zone][key]``); records that belong
to no place (instruments, rounds, waves, gates, …) once, under ``GLOBAL``. The names of zone records
carry a marker (``ZQ<zone><key>QZ``) so that a page answered to a user can be searched for records
the user may not see (``World.markers``).

Principals (``PRINCIPALS``): anonymous and one user per role of ``core.roles.Role``, all scoped to the
``in`` zone: the coordinator to the regency 32.16 (so that the near zone, the same province, is out
of their scope), the facilitator and the centre manager to the ``in`` centre, the entrepreneur owns
the ``in`` tenant, the partner user belongs to the ``in`` partner, venue staff to the ``in`` venue.
"""

from __future__ import annotations

import csv
import datetime
import io
from dataclasses import dataclass, field

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models

from inkubator.accounts.models import User
from inkubator.assessments import services as assessment_services
from inkubator.assessments.models import Evidence, Indicator, Selection
from inkubator.centres import services as centre_services
from inkubator.centres.choices import AssetCondition, AssetKind, AssetSource, StaffRole
from inkubator.centres.models import Centre, CentreField
from inkubator.core.roles import Role
from inkubator.imports.services import import_upload
from inkubator.incubation import services as incubation_services
from inkubator.incubation.choices import MilestoneKind
from inkubator.incubation.models import CoachingAction, StageGate, StageMove
from inkubator.matching import services as matching_services
from inkubator.matching.choices import OfferKind, OfferStatus
from inkubator.mentoring import services as mentoring_services
from inkubator.mentoring.models import VisitPhoto
from inkubator.partners import services as partner_services
from inkubator.partners.models import Partner
from inkubator.privacy.models import DataSubjectRequest
from inkubator.programmes.models import Target
from inkubator.regions.models import Regency
from inkubator.reports.models import ReportJob
from inkubator.service.models import EligibilityRule
from inkubator.service.services import wave_allocate, wave_enrol
from tests.assessments.factories import default_instrument, pdf
from tests.factories import CentreFactory, make_user
from tests.incubation.factories import make_tenant, report
from tests.mentoring.factories import FacilitatorFactory, make_active_plan, make_visit
from tests.people.factories import PersonFactory, make_nik
from tests.service.factories import open_wave, png, submit
from tests.training.factories import BatchFactory, EnrollmentFactory, OutcomeFactory
from tests.venues.factories import make_venue

ZONES = ("in", "near", "far")
GLOBAL = "global"
# A URL naming the in zone's parent (a centre's code, a tenant) and the near zone's record under it:
# out of scope for everyone, the ministry included (the record is not the parent's).
MIXED = "mixed"
ANONYMOUS = "anonymous"
# Every role of core.roles.Role, plus anonymous: the matrix's principals (a test checks none is missing).
PRINCIPALS = (ANONYMOUS, *Role.values)
REGENCY = {"in": "32.16", "near": "32.75", "far": "53.71"}
DISTRICT = {"in": "32.16.01", "near": "32.75.01", "far": "53.71.01"}
TODAY = datetime.date(2026, 1, 15)
FREE_ACCOUNT = "matrix.bebas"  # an entrepreneur account linked to no tenant (the linking POST names it)


def marker(zone: str, key: str) -> str:
    """The unique text in the name of ``key``'s record of ``zone`` (searched for in answered bodies)."""
    return f"ZQ{zone}{key.replace('_', '')}QZ"


@dataclass
class World:
    """Primary keys (and codes) of everything built, by zone and key; the principals' user ids."""

    objects: dict[str, dict[str, tuple[type[models.Model], int, str]]] = field(default_factory=dict)
    users: dict[str, int] = field(default_factory=dict)
    # (model, pk, marker) of every record whose name carries a marker
    markers: list[tuple[type[models.Model], int, str]] = field(default_factory=list)
    _users: dict[str, User] = field(default_factory=dict, repr=False)

    def add(self, zone: str, key: str, obj: models.Model, *, code: str = "", marked: bool = True) -> None:
        self.objects.setdefault(zone, {})[key] = (type(obj), obj.pk, code)
        if marked and zone != GLOBAL:
            self.markers.append((type(obj), obj.pk, marker(zone, key)))

    def pk(self, zone: str, key: str) -> int:
        return self.objects[zone if key not in self.objects[GLOBAL] else GLOBAL][key][1]

    def code(self, zone: str, key: str) -> str:
        return self.objects[zone if key not in self.objects[GLOBAL] else GLOBAL][key][2]

    def model(self, key: str) -> type[models.Model]:
        zone = GLOBAL if key in self.objects[GLOBAL] else "in"
        return self.objects[zone][key][0]

    def user(self, principal: str) -> User | None:
        """The principal's user, read once (only its scope is read from it: the requests sign in on their own)."""
        if principal == ANONYMOUS:
            return None
        if principal not in self._users:
            self._users[principal] = User.objects.get(pk=self.users[principal])
        return self._users[principal]


def _csv_upload(zone: str) -> SimpleUploadedFile:
    """A one-row centres list (what the import pages are given)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["Nama BLK", "Nama Lembaga", "Jenis Lembaga", "Kabupaten/Kota", "Provinsi", "Tahun Bantuan"])
    writer.writerow(
        [f"BLK {marker(zone, 'importrow')}", "Pondok Pesantren Uji", "Ponpes", "Kab. Bekasi", "Jabar", "2020"]
    )
    return SimpleUploadedFile(f"{marker(zone, 'importrun')}.csv", out.getvalue().encode(), content_type="text/csv")


def build_world() -> World:
    """Build every record of every zone through the factories and services (once per module)."""
    w = World()
    w.objects[GLOBAL] = {}
    admin = make_user(Role.MINISTRY_ADMIN, username="matrix.admin")
    instrument = default_instrument()
    the_round = assessment_services.round_create(
        name="Putaran Matriks",
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2026, 6, 30),
        instrument=instrument,
    )
    the_round = assessment_services.round_advance(round=the_round)
    w.add(GLOBAL, "instrument", instrument)
    w.add(GLOBAL, "round", the_round)
    w.add(GLOBAL, "indicator", Indicator.objects.filter(dimension__instrument=instrument).order_by("pk").first())
    EligibilityRule.objects.update(active=False)  # every registrant gets a place: participants in every zone
    wave = open_wave("Gelombang Matriks")
    w.add(GLOBAL, "wave", wave)
    w.add(GLOBAL, "rule", EligibilityRule.objects.order_by("pk").first())
    w.add(GLOBAL, "gate", StageGate.objects.order_by("pk").first())
    w.add(GLOBAL, "target", Target.objects.order_by("pk").first() or _target())
    w.add(GLOBAL, "selection", Selection.objects.create(round=the_round, count=1, method="weighted", decided_by=admin))

    for zone in ZONES:
        m = lambda key, zone=zone: marker(zone, key)  # noqa: E731
        regency = Regency.objects.get(code=REGENCY[zone])
        centre = CentreFactory(regency=regency, name=f"BLK Komunitas {m('centre')}", code=f"M-{zone.upper()}")
        Centre.objects.filter(pk=centre.pk).update(is_incubator=True)  # set by assessments, not editable here
        w.add(zone, "centre", centre, code=centre.code)
        w.markers.append((Centre, centre.pk, centre.code)) if zone != "in" else None  # its code is named too
        w.add(zone, "host", centre.host, marked=False)
        staff = centre_services.staff_create(centre=centre, name=f"Staf {m('staff')}", role=StaffRole.MANAGER)
        w.add(zone, "staff", staff)
        w.add(zone, "certificate", centre_services.certificate_create(staff=staff, name=m("certificate"), number="C-1"))
        w.add(
            zone,
            "asset",
            centre_services.asset_create(
                centre=centre,
                kind=AssetKind.EQUIPMENT,
                name=m("asset"),
                quantity=3,
                condition=AssetCondition.GOOD,
                source=AssetSource.MINISTRY,
            ),
        )
        w.add(
            zone,
            "agreement",
            centre_services.agreement_create(
                centre=centre,
                number=f"PKS/{m('agreement')}",
                signed_on=datetime.date(2025, 3, 1),
                subject="Pelatihan",
                document=SimpleUploadedFile("pks.pdf", b"%PDF-1.4\n%pks\n", content_type="application/pdf"),
            ),
        )
        w.add(zone, "centre_field", CentreField.objects.create(centre=centre, field_id=_field_pk()), marked=False)

        person = PersonFactory(
            name=f"Peserta {m('person')}",
            nik=make_nik(district=DISTRICT[zone], birth_date=datetime.date(1995, 2, 1), serial=ZONES.index(zone) + 1),
            regency_id=REGENCY[zone],
        )
        w.add(zone, "person", person)
        batch = BatchFactory(centre=centre, code=f"B-{m('batch')}")
        w.add(zone, "batch", batch)
        enrollment = EnrollmentFactory(batch=batch, person=person)
        w.add(zone, "enrollment", enrollment, marked=False)  # its name is the person's
        w.add(zone, "outcome", OutcomeFactory(enrollment=enrollment, employer=m("outcome")))

        # The owner of the in tenant is the entrepreneur principal (linked below).
        tenant = make_tenant(
            incubator=centre,
            person=PersonFactory(
                name=f"Pemilik {m('tenantperson')}",
                regency_id=REGENCY[zone],
                nik=make_nik(
                    district=DISTRICT[zone], birth_date=datetime.date(1990, 5, 5), serial=ZONES.index(zone) + 11
                ),
            ),
            business_name=f"Usaha {m('tenant')}",
        )
        w.add(zone, "tenant", tenant)
        # A group tenant (kelompok, issue 12.6) with a chair and one member.
        group = make_tenant(
            incubator=centre,
            person=PersonFactory(name=f"Ketua {m('groupchair')}", regency_id=REGENCY[zone]),
            business_name=f"Usaha {m('groupbusiness')}",
            group_name=f"Kelompok {m('group')}",
        )
        w.add(zone, "group", group)
        member = PersonFactory(name=f"Anggota {m('groupmember')}", regency_id=REGENCY[zone])
        w.add(zone, "group_member", group.members.create(person=member))
        w.add(zone, "stage_move", StageMove.objects.filter(tenant=tenant).latest("pk"), marked=False)
        w.add(zone, "report", report(tenant, datetime.date(2025, 11, 1)), marked=False)
        w.add(
            zone,
            "milestone",
            incubation_services.milestone_create(tenant=tenant, kind=MilestoneKind.BUSINESS_PLAN, title=m("milestone")),
        )
        w.add(
            zone,
            "loan",
            incubation_services.loan_create(
                tenant=tenant, bank_name=f"Bank {m('loan')}", amount=10_000_000, applied_on=datetime.date(2025, 6, 1)
            ),
        )
        session = incubation_services.coaching_session_create(
            tenant=tenant,
            coach=admin,
            date=datetime.date(2025, 7, 1),
            topic=m("coaching"),
            actions=[(m("coachingaction"), datetime.date(2025, 8, 1))],
        )
        w.add(zone, "coaching", session)
        w.add(zone, "coaching_action", CoachingAction.objects.get(session=session))

        facilitator = FacilitatorFactory(regency=regency, name=f"Pendamping {m('facilitator')}")
        w.add(zone, "facilitator", facilitator)
        plan = make_active_plan([centre], facilitator, name=f"Rencana {m('plan')}")
        w.add(zone, "plan", plan)
        w.add(zone, "plan_entry", plan.entries.get(), marked=False)
        w.add(zone, "assignment", plan.assignments.get(), marked=False)
        visit = (
            make_visit(centre, facilitator, notes=m("visit")) if _visit_has_notes() else make_visit(centre, facilitator)
        )
        w.add(zone, "visit", visit, marked=_visit_has_notes())
        photo = VisitPhoto.objects.create(visit=visit, image=png("foto.png"))
        w.add(zone, "visit_photo", photo, marked=False)
        w.add(
            zone,
            "action",
            mentoring_services.action_item_create(
                centre=centre, focus="management", title=m("action"), owner="Kepala", due_date=TODAY
            ),
        )

        # The facilitator principal assesses the in centre (their assessment is theirs to fill in).
        assessor = make_user(
            Role.FACILITATOR,
            username="matrix.pendamping" if zone == "in" else f"matrix.assessor.{zone}",
            centres=[centre] if zone == "in" else [],
        )
        assessment_services.round_assign(round=the_round, centres=[centre], assessor=assessor)
        assessment = the_round.assessments.get(centre=centre)
        w.add(zone, "assessment", assessment, marked=False)
        w.users[f"assessor.{zone}"] = assessor.pk
        indicator = Indicator.objects.filter(dimension__instrument=instrument, evidence_required=True).first()
        evidence = assessment_services.evidence_add(
            assessment=assessment, indicator=indicator, file=pdf(), user=assessor
        )
        w.add(
            zone,
            "evidence",
            evidence if isinstance(evidence, Evidence) else Evidence.objects.filter(assessment=assessment).latest("pk"),
            marked=False,
        )

        partner = partner_services.partner_create(name=f"PT {m('partner')}", kind=Partner.Kind.COMPANY)
        w.add(zone, "partner", partner)
        w.add(
            zone,
            "partner_agreement",
            partner_services.partner_agreement_create(
                partner=partner,
                kind="mou",
                number=f"MOU/{m('partneragreement')}",
                title=m("partneragreement"),
                party="centre",
                centre=centre,
                signed_on=datetime.date(2025, 1, 10),
                starts_on=datetime.date(2025, 1, 10),
                ends_on=datetime.date(2027, 1, 10),
            ),
        )
        w.add(
            zone,
            "contribution",
            matching_services.contribution_create(
                partner=partner,
                kind="equipment",
                title=m("contribution"),
                given_on=datetime.date(2025, 2, 1),
                centre=centre,
            ),
        )
        offer = matching_services.offer_create(
            kind=OfferKind.FINANCE,
            partner=partner,
            provinces=(),
            title=m("offer"),
            status=OfferStatus.PUBLISHED,
            scheme="KUR Mikro",
            amount_min=10_000_000,
            amount_max=100_000_000,
        )
        w.add(zone, "offer", offer)
        w.add(zone, "match", matching_services.match_propose(tenant=tenant, offer=offer, user=admin), marked=False)

        venue = make_venue(REGENCY[zone], name=f"BLK {m('venue')}", code=f"V-{zone.upper()}", capacity_per_wave=10)
        w.add(zone, "venue", venue, code=venue.code)
        w.markers.append((type(venue), venue.pk, venue.code)) if zone != "in" else None
        registration = submit(
            wave,
            nik=make_nik(district=DISTRICT[zone], birth_date=datetime.date(1990, 1, 1), serial=ZONES.index(zone) + 21),
            regency=REGENCY[zone],
            name=f"Pekerja {m('registration')}",
            proof=png(),
        ).registration
        w.add(zone, "registration", registration)

        w.add(zone, "import_run", import_upload(user=admin, kind="centres", file=_csv_upload(zone)), marked=False)
        w.add(
            zone, "report_job", ReportJob.objects.create(kind="national", year=2026, requested_by=admin), marked=False
        )
        w.add(
            zone,
            "subject_request",
            DataSubjectRequest.objects.create(kind="export", basis="consent", person=person, handled_by=admin),
            marked=False,
        )

    wave_allocate(wave=wave)
    wave_enrol(wave=wave)
    for zone in ZONES:
        registration = w.model("registration").objects.get(pk=w.pk(zone, "registration"))
        w.add(zone, "participant", registration.participant, marked=False)

    _principals(w, admin)
    return w


def _principals(w: World, admin: User) -> None:
    """One user per role, scoped to the ``in`` zone; each zone's owned records get an owner."""
    get = lambda key, zone="in": w.model(key).objects.get(pk=w.pk(zone, key))  # noqa: E731
    w.users[Role.MINISTRY_ADMIN] = admin.pk
    w.users[Role.REGIONAL_COORDINATOR] = make_user(
        Role.REGIONAL_COORDINATOR, regencies=[REGENCY["in"]], username="matrix.korwil"
    ).pk
    facilitator = User.objects.get(pk=w.users["assessor.in"])
    w.users[Role.FACILITATOR] = facilitator.pk
    mentoring_services.facilitator_update(facilitator=get("facilitator"), user=facilitator)
    w.users[Role.CENTRE_MANAGER] = make_user(
        Role.CENTRE_MANAGER, centres=[get("centre")], username="matrix.pengelola"
    ).pk
    for zone in ZONES:
        owner = make_user(Role.ENTREPRENEUR, username=f"matrix.pemilik.{zone}")
        incubation_services.tenant_link_account(tenant=get("tenant", zone), username=owner.username)
        w.add(zone, "account", owner, marked=False)
        if zone == "in":
            w.users[Role.ENTREPRENEUR] = owner.pk
    make_user(Role.ENTREPRENEUR, username=FREE_ACCOUNT)
    w.users[Role.PARTNER] = make_user(Role.PARTNER, partner=get("partner"), username="matrix.mitra").pk
    w.users[Role.VENUE_STAFF] = make_user(Role.VENUE_STAFF, venues=[get("venue")], username="matrix.staf").pk
    missing = set(Role.values) - set(w.users)
    assert not missing, f"the matrix has no principal for the roles {sorted(missing)}"


def _field_pk() -> int:
    from inkubator.centres.models import VocationalField

    return VocationalField.objects.get(code="menjahit").pk


def _visit_has_notes() -> bool:
    from inkubator.mentoring.models import Visit

    return any(f.name == "notes" for f in Visit._meta.get_fields())


def _target() -> Target:
    from inkubator.programmes.models import Programme

    return Target.objects.create(
        programme=Programme.objects.first(), indicator="trainees_enrolled", year=2026, value=10
    )

"""The laid-off workers' service in the programmes world: registrants, allocation, and participants at
each step of the path, so that the service's indicators are checked against direct counts like the others.

Two venues: BPKK Bekasi (a government venue in Kabupaten Bekasi, no centre) and the Surabaya incubator
(a BLK Komunitas venue, so its registrants count for that centre too). Each registrant lives in the
venue's regency/city, so a registration lies in one place at every level. Everything is dated 2026.
"""

from __future__ import annotations

import datetime

from inkubator.centres.models import Centre
from inkubator.service.models import EligibilityRule, Participant, Registration
from inkubator.service.services import (
    counselling_record,
    offer_record,
    participant_advance,
    participant_start_business,
    registration_override,
    wave_allocate,
    wave_enrol,
)
from inkubator.training.models import Enrollment, TrainingBatch
from tests.service.factories import open_wave, submit
from tests.venues.factories import make_venue

DAY = datetime.date(2026, 3, 2)
# (NIK, birth date, sex, regency): the NIK's district lies in the regency it is registered in.
REGISTRANTS = (
    ("3216010101900001", datetime.date(1990, 1, 1), "M", "32.16"),
    ("3216014101900002", datetime.date(1990, 1, 1), "F", "32.16"),
    ("3216010202900003", datetime.date(1990, 2, 2), "M", "32.16"),
    ("3578010303900004", datetime.date(1990, 3, 3), "M", "35.78"),
    ("3578014404900005", datetime.date(1990, 4, 4), "F", "35.78"),
    ("3578010505900006", datetime.date(1990, 5, 5), "M", "35.78"),
)


def build_service(centres: dict[str, Centre]) -> None:
    """Six registrants, one refused by the ministry; five allocated near home; two walk the whole path
    (one at each venue) and a third stops after counselling."""
    EligibilityRule.objects.update(active=False)
    wave = open_wave("Gelombang Dunia")
    bpkk = make_venue("32.16", code="BPKK-DUNIA", kind="bpkk", capacity_per_wave=10)
    surabaya = make_venue("35.78", code="BLKK-SBY", kind="blkk_incubator", centre=centres["surabaya"],
                          capacity_per_wave=10)  # fmt: skip
    for nik, birth, sex, regency in REGISTRANTS:
        submit(wave, nik=nik, birth=birth, sex=sex, regency=regency, venues=[bpkk if regency == "32.16" else surabaya])
    refused = Registration.objects.get(person__nik=REGISTRANTS[-1][0])
    registration_override(registration=refused, user=None, eligible=False, reason="Bukan korban PHK")
    wave_allocate(wave=wave)
    wave_enrol(wave=wave)
    Registration.objects.update(submitted_at=datetime.datetime(2026, 2, 1, 9, tzinfo=datetime.UTC))
    TrainingBatch.objects.filter(venue__in=[bpkk, surabaya]).update(
        start_date=DAY - datetime.timedelta(days=30), end_date=DAY
    )
    for nik, runs in (("3216010101900001", True), ("3578010303900004", True), ("3216014101900002", False)):
        _walk(Participant.objects.get(registration__person__nik=nik), to_business=runs)


def _walk(participant: Participant, *, to_business: bool) -> None:
    Enrollment.objects.filter(pk=participant.enrollment_id).update(status="completed")
    participant.refresh_from_db()
    participant_advance(participant=participant, stage="counselling", user=None)
    for topic in ("Rencana usaha", "Pembukuan"):  # two sessions, one worker counselled
        counselling_record(participant=participant, user=None, held_on=DAY, counsellor="Ibu Sari", topic=topic,
                           notes="")  # fmt: skip
    if not to_business:
        return
    participant_advance(participant=participant, stage="matching", user=None)
    offer_record(participant=participant, user=None, kind="capital", provider="BRI (KUR)", description="",
                 amount=12_000_000, status="received", offered_on=DAY)  # fmt: skip
    offer_record(participant=participant, user=None, kind="market", provider="Pasar Kita", description="",
                 amount=None, status="offered", offered_on=DAY)  # fmt: skip
    participant_advance(participant=participant, stage="support", user=None)
    participant_start_business(participant=participant, user=None, business_name="Usaha Dunia", sector="Kuliner",
                               joined_on=DAY)  # fmt: skip


def service_rows(code: str) -> list[tuple[str, str, str | None, int]]:
    """(province, regency, centre code, amount) of each row a service indicator counts in 2026, by hand."""
    registrations = list(Registration.objects.select_related("regency", "venue__centre"))

    def place(r: Registration) -> tuple[str, str, str | None]:
        centre = r.venue.centre.code if r.venue and r.venue.centre_id else None
        return (r.regency.province_id, r.regency_id, centre)

    if code == "service_registered":
        return [(*place(r), 1) for r in registrations if r.status != "withdrawn"]
    if code == "service_eligible":
        return [(*place(r), 1) for r in registrations if (r.eligible if r.override is None else r.override)]
    if code == "service_allocated":
        return [(*place(r), 1) for r in registrations if r.status == "allocated"]
    participants = list(
        Participant.objects.select_related(
            "registration__regency", "registration__venue__centre", "enrollment__batch"
        ).prefetch_related("sessions", "offers")
    )
    wanted = {
        "service_trained": lambda p: p.enrollment and p.enrollment.status == "completed",
        "service_counselled": lambda p: any(s.held_on.year == 2026 for s in p.sessions.all()),
        "service_matched": lambda p: any(o.offered_on.year == 2026 for o in p.offers.all()),
        "service_businesses_started": lambda p: p.stage == "running" and p.tenant_id,
    }
    if code in wanted:
        return [(*place(p.registration), 1) for p in participants if wanted[code](p)]
    if code == "service_capital_received":
        return [
            (*place(p.registration), o.amount)
            for p in participants
            for o in p.offers.all()
            if o.kind == "capital" and o.status == "received" and o.offered_on.year == 2026
        ]
    raise KeyError(code)

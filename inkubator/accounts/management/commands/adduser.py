"""``manage.py adduser USERNAME --role ROLE [--province CODE]... [--regency CODE]... [--centre CODE]...``

The password is read from the environment variable ``INKUBATOR_PASSWORD`` so that it never
appears in a shell history or a process list.
"""

from __future__ import annotations

import os
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from inkubator.accounts.services import user_create
from inkubator.centres.models import Centre
from inkubator.core.roles import Role
from inkubator.partners.models import Partner
from inkubator.regions.models import Province, Regency


def _lookup(model: type, codes: list[str], field: str, label: str) -> list:
    found = {getattr(obj, field): obj for obj in model.objects.filter(**{f"{field}__in": codes})}
    missing = [code for code in codes if code not in found]
    if missing:
        raise CommandError(f"Unknown {label}: {', '.join(missing)}")
    return [found[code] for code in codes]


class Command(BaseCommand):
    help = "Create a user with a role and its scope; the password comes from INKUBATOR_PASSWORD."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--role", required=True, choices=Role.values)
        parser.add_argument("--province", action="append", default=[], help="province code, e.g. 32")
        parser.add_argument("--regency", action="append", default=[], help="regency/city code, e.g. 32.16")
        parser.add_argument("--centre", action="append", default=[], help="centre registration code")
        parser.add_argument("--partner", help="partner organisation name (partner role)")
        parser.add_argument("--first-name", default="")
        parser.add_argument("--last-name", default="")
        parser.add_argument("--email", default="")

    def handle(self, *args: Any, **opts: Any) -> None:
        password = os.environ.get("INKUBATOR_PASSWORD")
        if not password:
            raise CommandError("Set the password in the environment variable INKUBATOR_PASSWORD.")
        partner = None
        if opts["partner"]:
            partner = Partner.objects.filter(name=opts["partner"]).first()
            if partner is None:
                raise CommandError(f"Unknown partner: {opts['partner']}")
        try:
            user = user_create(
                username=opts["username"],
                password=password,
                role=opts["role"],
                first_name=opts["first_name"],
                last_name=opts["last_name"],
                email=opts["email"],
                provinces=_lookup(Province, opts["province"], "code", "province"),
                regencies=_lookup(Regency, opts["regency"], "code", "regency/city"),
                centres=_lookup(Centre, opts["centre"], "code", "centre"),
                partner=partner,
            )
        except ValidationError as exc:
            messages = [f"{field}: {' '.join(errs)}" for field, errs in exc.message_dict.items()]
            raise CommandError("; ".join(messages)) from exc
        self.stdout.write(self.style.SUCCESS(f"Created {user.username} ({user.get_role_display()})."))

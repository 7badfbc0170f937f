"""Existing audit entries were masked by django-auditlog's default (the second half visible, e.g.
``********01739876``: the last 8 digits of a NIK, birth date included). Re-mask them with the project's
one mask (the last four characters at most), which can be computed from what is left visible."""

from django.db import migrations

CHUNK = 2000


def _remask(value):
    from inkubator.core.masking import MASK_CHARACTER, SHORTEST_PARTLY_SHOWN, VISIBLE_CHARACTERS

    if not isinstance(value, str) or not value.startswith("*"):
        return value
    tail = value.lstrip("*")
    if len(value) < SHORTEST_PARTLY_SHOWN or len(tail) < VISIBLE_CHARACTERS:
        return MASK_CHARACTER * len(value)
    return MASK_CHARACTER * (len(value) - VISIBLE_CHARACTERS) + tail[-VISIBLE_CHARACTERS:]


def remask(apps, schema_editor):
    # The live registry says which fields each app masks (registered in AppConfig.ready()).
    from auditlog.registry import auditlog

    LogEntry = apps.get_model("auditlog", "LogEntry")
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in auditlog.get_models():
        mask_fields = auditlog.get_model_fields(model)["mask_fields"]
        if not mask_fields:
            continue
        content_type = ContentType.objects.filter(app_label=model._meta.app_label, model=model._meta.model_name).first()
        if content_type is None:
            continue
        changed = []
        for entry in LogEntry.objects.filter(content_type=content_type).only("pk", "changes").iterator(CHUNK):
            changes = entry.changes
            if not isinstance(changes, dict):
                continue
            touched = False
            for name in mask_fields:
                values = changes.get(name)
                if isinstance(values, list):
                    remasked = [_remask(v) for v in values]
                    if remasked != values:
                        changes[name], touched = remasked, True
            if touched:
                changed.append(entry)
            if len(changed) >= CHUNK:
                LogEntry.objects.bulk_update(changed, ["changes"])
                changed = []
        if changed:
            LogEntry.objects.bulk_update(changed, ["changes"])


class Migration(migrations.Migration):
    dependencies = [
        ("auditlog", "0017_add_actor_email"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(remask, migrations.RunPython.noop, elidable=True)]

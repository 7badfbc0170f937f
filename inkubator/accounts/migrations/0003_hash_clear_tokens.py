"""API tokens used to be DRF ``authtoken`` keys stored in clear. Each one becomes an ``ApiToken`` that
stores only the SHA-512 digest of the same key (so scripts keep working until it expires, 90 days from
this migration), and the clear keys are deleted. The ``authtoken_token`` table itself is left empty
(its app is no longer installed, so no migration of ours may drop it)."""

import datetime
import hashlib

from django.db import migrations
from django.utils import timezone

MIGRATED_NAME = "Token lama (dipindahkan)"
DAYS = 90


def hash_clear_tokens(apps, schema_editor):
    connection = schema_editor.connection
    if "authtoken_token" not in connection.introspection.table_names():
        return
    ApiToken = apps.get_model("accounts", "ApiToken")
    expiry = timezone.now() + datetime.timedelta(days=DAYS)
    with connection.cursor() as cursor:
        cursor.execute("SELECT key, user_id, created FROM authtoken_token")
        rows = cursor.fetchall()
        ApiToken.objects.bulk_create(
            [
                ApiToken(
                    # knox's digest: SHA-512 of the key's UTF-8 bytes, hex; the first 15 characters find it.
                    digest=hashlib.sha512(key.encode()).hexdigest(),
                    token_key=key[:15],
                    user_id=user_id,
                    created=created,
                    expiry=expiry,
                    name=MIGRATED_NAME,
                )
                for key, user_id, created in rows
            ]
        )
        cursor.execute("DELETE FROM authtoken_token")


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_api_token")]

    operations = [migrations.RunPython(hash_clear_tokens, migrations.RunPython.noop)]

from django.contrib import admin

from inkubator.core.masking import mask_identifier

from .models import Notification


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    """Delivery problems at a glance; the address masked, the row read-only (it is a record)."""

    list_display = ("created_at", "event", "channel", "masked_address", "status", "attempts", "last_error")
    list_filter = ("channel", "status", "event")
    fields = ("event", "channel", "masked_address", "subject", "body", "status", "attempts", "last_error",
              "send_after", "sent_at", "read_at")  # fmt: skip
    readonly_fields = fields

    @admin.display(description="address")
    def masked_address(self, obj: Notification) -> str:
        return mask_identifier(obj.address) if obj.channel == "sms" else (obj.address[:2] + "…" if obj.address else "")

    def has_add_permission(self, request) -> bool:  # noqa: ANN001
        return False

    def has_change_permission(self, request, obj=None) -> bool:  # noqa: ANN001
        return False

"""REST API v1 (stub until the API work lands)."""

app_name = "api"
urlpatterns: list = []

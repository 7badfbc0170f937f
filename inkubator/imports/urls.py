"""Import pages (stub until the import work lands)."""

app_name = "imports"
urlpatterns: list = []

from django.http import HttpRequest, HttpResponse


def region_search(request: HttpRequest) -> HttpResponse:  # replaced by the regions work
    return HttpResponse("")

"""The error pages (handler400 ... handler500 in config/urls.py)."""

from django.shortcuts import render


def bad_request(request, exception=None):
    return render(request, "400.html", status=400)


def permission_denied(request, exception=None):
    return render(request, "403.html", status=403)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    # Keep this page free of database work: the database may be what failed.
    return render(request, "500.html", status=500)

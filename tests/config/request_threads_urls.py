"""The site's addresses and two more for tests/config/test_request_threads.py: which
thread served a request."""

import threading

from django.http import HttpResponse
from django.urls import path

from config.urls import urlpatterns as site

released = threading.Event()


def thread(request):
    return HttpResponse(str(threading.get_ident()))


def wait(request):
    """Held until the test releases it (at most 10 s)."""
    released.wait(10)
    return HttpResponse(str(threading.get_ident()))


urlpatterns = [path("thread/", thread), path("wait/", wait), *site]

"""The site's addresses and two more for tests/config/test_request_threads.py: which
thread served a request."""

import threading
import time

from django.http import HttpResponse
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

from config.urls import urlpatterns as site

released = threading.Event()


served = {"thread": 0}


def thread(request):
    served["thread"] += 1
    return HttpResponse(str(threading.get_ident()))


@csrf_exempt
def echo(request):
    return HttpResponse(request.body)


def wait(request):
    """Held until the test releases it (at most 10 s)."""
    released.wait(10)
    return HttpResponse(str(threading.get_ident()))


running = {"now": 0, "most": 0}
_count = threading.Lock()


def busy(request):
    """Works for 30 ms, counting how many requests work at once."""
    with _count:
        running["now"] += 1
        running["most"] = max(running["most"], running["now"])
    time.sleep(0.03)
    with _count:
        running["now"] -= 1
    return HttpResponse(str(threading.get_ident()))


urlpatterns = [
    path("thread/", thread),
    path("wait/", wait),
    path("busy/", busy),
    path("echo/", echo),
    *site,
]

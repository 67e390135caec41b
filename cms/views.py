import logging
import uuid

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)


def _check_database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        if cursor.fetchone() != (1,):
            raise RuntimeError("unexpected answer to SELECT 1")


def _check_channel_layer() -> None:
    """Round-trip one message through the configured channel layer."""
    layer = get_channel_layer()
    if layer is None:
        raise RuntimeError("no channel layer configured")
    marker = uuid.uuid4().hex

    async def round_trip():
        channel = await layer.new_channel("healthz.")
        await layer.send(channel, {"type": "healthz.ping", "marker": marker})
        message = await layer.receive(channel)
        if message.get("marker") != marker:
            raise RuntimeError("channel layer returned another message")

    async_to_sync(round_trip)()


@require_safe
@never_cache
def healthz(request):
    """200 when the database and the channel layer both answer, 503 otherwise."""
    checks = {}
    healthy = True
    for name, check in (("database", _check_database), ("channel_layer", _check_channel_layer)):
        try:
            check()
        except Exception:
            logger.exception("health check %s failed", name)
            checks[name] = "error"
            healthy = False
        else:
            checks[name] = "ok"
    return JsonResponse(
        {"status": "ok" if healthy else "error", "checks": checks},
        status=200 if healthy else 503,
    )


def bad_request(request, exception=None):
    return render(request, "400.html", status=400)


def permission_denied(request, exception=None):
    return render(request, "403.html", status=403)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    # Keep this page free of database work: the database may be what failed.
    return render(request, "500.html", status=500)

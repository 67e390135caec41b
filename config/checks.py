"""Deployment checks of our own, shown by ``manage.py check --deploy``."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Tags, Warning, register

LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1", "testserver"}


@register(Tags.security, deploy=True)
def base_url_is_the_public_address(app_configs, **kwargs):
    """Every link in every email is built on BASE_URL (WAGTAILADMIN_BASE_URL): a
    deployment that forgets it sends people links to the server's own loopback."""
    address = urlsplit(settings.WAGTAILADMIN_BASE_URL)
    if address.hostname in LOCAL_HOSTS or address.scheme != "https":
        return [
            Warning(
                f"BASE_URL is {settings.WAGTAILADMIN_BASE_URL!r}: links in emails would "
                "point there.",
                hint="Set BASE_URL to the site's public https address, "
                "e.g. https://campus.example.org.",
                id="rial.W001",
            )
        ]
    return []

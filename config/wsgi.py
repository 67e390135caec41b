"""WSGI entry point, for HTTP-only tooling. The site itself runs on ASGI (Daphne)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")

application = get_wsgi_application()

"""Production settings plus one minimal view, the baseline of ``bench/signed_in_pages.py``.

The view (``/bench/minimal/``) needs a signed-in person and returns a few bytes:
it runs through every middleware the project's pages run through (sessions,
authentication, locale, CSRF, security headers...), so the ratio of a page to it
is what the page itself costs.
"""

from config.settings.production import *  # noqa: F403

ROOT_URLCONF = "bench.signed_in_urls"

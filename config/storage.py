"""The static files' storage of a deployment: WhiteNoise's compressed files with hashed
names (``collectstatic`` writes the manifest), whose address for a name is worked
out once per process.

Every page asks for five to eight static addresses (style sheet, scripts, icons);
Django's manifest storage cleans the name, looks it up in the manifest and joins it
to STATIC_URL on every call, about 25 microseconds each. The manifest does not
change while a process runs (a new ``collectstatic`` comes with a new deployment),
so the address of a name is kept.
"""

from django.conf import settings
from whitenoise.storage import CompressedManifestStaticFilesStorage

# Names asked for by templates and code: a few dozen. A bound all the same.
URLS_KEPT = 2048


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._urls: dict[str, str] = {}

    def url(self, name, force=False):
        if force or settings.DEBUG:  # (DEBUG: the names as they are, not kept)
            return super().url(name, force)
        found = self._urls.get(name)
        if found is None:
            found = super().url(name)  # a name not in the manifest raises, and is not kept
            if len(self._urls) < URLS_KEPT:
                self._urls[name] = found
        return found

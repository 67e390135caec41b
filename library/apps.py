from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LibraryConfig(AppConfig):
    """Publications, legal-instrument repositories and suggestions from members."""

    name = "library"
    verbose_name = _("Documentation centre")

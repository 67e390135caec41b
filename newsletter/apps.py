from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsletterConfig(AppConfig):
    """The fortnightly newsletter: drafts, subscriptions, delivery, archive."""

    name = "newsletter"
    verbose_name = _("Newsletter")

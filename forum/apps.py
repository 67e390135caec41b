from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ForumConfig(AppConfig):
    name = "forum"
    verbose_name = _("Conversation")

    def ready(self):
        # Open chat sockets follow logouts, new passwords, deactivations and
        # access changes made outside forum (forum/receivers.py).
        from forum import receivers

        receivers.connect()

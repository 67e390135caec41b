from django.apps import AppConfig


class ProjectConfig(AppConfig):
    """The project itself, installed as an app for two things that belong to no
    feature: its deployment checks (config/checks.py, ``check --deploy``) and its
    housekeeping jobs (config/tasks.py, found by django-periodic-tasks as every
    app's ``tasks`` module is). It has no models. Nothing imports ``config``.
    It also connects the page cache's purge (config/signal_handlers.py)."""

    name = "config"

    def ready(self):
        from config import (
            checks,  # noqa: F401
            signal_handlers,
        )

        # The page cache forgets what public pages showed when it changes.
        signal_handlers.connect()

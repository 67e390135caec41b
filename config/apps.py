from django.apps import AppConfig


class ProjectConfig(AppConfig):
    """The project itself, installed as an app for two things that belong to no
    feature: its deployment checks (config/checks.py, ``check --deploy``) and its
    housekeeping jobs (config/tasks.py, found by django-periodic-tasks as every
    app's ``tasks`` module is). It has no models. Nothing imports ``config``."""

    name = "config"

    def ready(self):
        from config import checks  # noqa: F401

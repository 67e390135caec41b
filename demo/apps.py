from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo loader (``manage.py load_demo``) and its texts in ``demo/data/``.

    No models and nothing shown in the admin, so no translated name.
    """

    name = "demo"
    label = "demo"

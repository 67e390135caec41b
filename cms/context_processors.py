from django.utils.functional import SimpleLazyObject

from cms.navigation import main_navigation


def site_chrome(request):
    """What the base layout needs on every page, computed only if rendered."""
    return {"main_nav": SimpleLazyObject(lambda: main_navigation(request))}

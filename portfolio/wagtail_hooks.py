from wagtail import hooks

from portfolio import search


@hooks.register("rial_search_providers")
def search_providers():
    return [search.provider()]

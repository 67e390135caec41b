"""Background work of courses: thin tasks, run by ``manage.py db_worker``.

Tasks take ids, never objects, and are safe to run again."""

from django_tasks import task

from courses import search


@task()
def pages_reindex(page_id: int) -> None:
    """A view restriction changed: the page and every page below it, indexed again
    (a course index may hold hundreds of pages: never inside the editor's request)."""
    search.pages_reindex(page_id=page_id)

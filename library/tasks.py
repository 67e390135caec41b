"""Background work of the documentation centre: thin tasks over library/services.py."""

from django_tasks import task

from library import services


@task()
def publication_suggested_notify(publication_id: int) -> int:
    return services.publication_suggested_notify(publication_id=publication_id)

"""Background work of the pilots: thin tasks over services, run by ``manage.py db_worker``."""

from django_tasks import task

from pilots import services


@task()
def milestone_changed_notify(milestone_id: int, actor_id: int | None = None) -> int:
    return services.milestone_changed_notify(milestone_id=milestone_id, actor_id=actor_id)


@task()
def results_reported_notify(pilot_id: int, actor_id: int | None = None) -> int:
    return services.results_reported_notify(pilot_id=pilot_id, actor_id=actor_id)

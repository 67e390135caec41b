"""An approved plan does not change silently: when a record linked to its actions is
deleted elsewhere (an event, a cohort, a space, a cooperation activity, a document),
the link it loses is recorded (``services.action_links_record_deleted``)."""

from django.db.models.signals import pre_delete

# The linked model and the action's field that links it.
LINKED = {
    "events.Event": "events",
    "lms.Cohort": "cohorts",
    "forum.Space": "spaces",
    "cooperation.Proposal": "proposals",
    "library.Publication": "publications",
}


def connect(apps) -> None:
    for label, field in LINKED.items():
        pre_delete.connect(
            _receiver(field),
            sender=apps.get_model(label),
            weak=False,
            dispatch_uid=f"workplan_link_deleted_{field}",
        )


def _receiver(field: str):
    def record(sender, instance, **kwargs):
        from workplan.services import action_links_record_deleted

        action_links_record_deleted(field=field, record_pk=instance.pk)

    return record

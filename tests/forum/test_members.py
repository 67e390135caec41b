"""A coordinator's list of members: checked whole, added by the worker, invited."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied

from forum import services
from forum.models import SpaceMembership
from lms.models import ImportJob, User

# Messages are matched in English here; other tests check the translations.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_flood", "english")]


def test_members_import_adds_invites_and_refuses_bad_lists_whole(
    workshop, django_capture_on_commit_callbacks
):
    existing = workshop["outsider"]
    with pytest.raises(PermissionDenied):
        services.space_members_import(actor=workshop["alice"], space=workshop["space"], text="")
    SpaceMembership.objects.filter(user=workshop["mod"]).update(role="coordinator")
    result = services.space_members_import(
        actor=workshop["mod"], space=workshop["space"], text="nueva@example.org,Nueva\nno-es-correo"
    )
    assert result.errors and result.job is None
    assert not User.objects.filter(email="nueva@example.org").exists()
    text = (
        f"email,name\n{existing.email}\nNUEVA@example.org, Nueva Persona\n{workshop['alice'].email}"
    )
    with django_capture_on_commit_callbacks(execute=True):
        result = services.space_members_import(
            actor=workshop["mod"], space=workshop["space"], text=text
        )
    job = ImportJob.objects.get(pk=result.job.pk)
    assert job.status == ImportJob.Status.DONE
    # Added: the person who had an account and the new one; Alicia was a member.
    assert (job.created_accounts, job.added, job.already) == (1, 2, 1)
    assert (job.invitations_sent, job.error_count, job.done, job.total) == (1, 0, 3, 3)
    members = set(workshop["space"].memberships.values_list("user__email", flat=True))
    assert {existing.email, "nueva@example.org", workshop["alice"].email} <= members
    invited = User.objects.get(email="nueva@example.org")
    assert invited.full_name == "Nueva Persona" and not invited.has_usable_password()
    assert [m.to for m in mail.outbox] == [["nueva@example.org"]]

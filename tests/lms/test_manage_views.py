"""The secretariat's pages for calls, applications and cohorts."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation

from lms.models import (
    Application,
    CohortGroup,
    Enrolment,
    EnrolmentCall,
    ImportJob,
    ModuleRelease,
)
from tests.factories import ProfileFactory
from tests.mfa import mfa_force_login


def url(name, **kwargs):
    with translation.override("es"):
        return reverse(name, kwargs=kwargs)


@pytest.fixture
def admin(client, secretariat):
    mfa_force_login(client, secretariat)
    return client


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["lms:manage", "lms:manage_call_create"])
def test_management_is_for_the_secretariat(client, world, name):
    client.force_login(world.tutor)
    assert client.get(url(name)).status_code == 403


@pytest.mark.django_db
def test_creating_a_call_through_the_form(admin, world):
    start = timezone.localdate() + datetime.timedelta(days=40)
    response = admin.post(
        url("lms:manage_call_create"),
        {
            "course": world.course.pk,
            "title": "Convocatoria 2027",
            "description": "Para inspectores.",
            "opens_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
            "closes_at": (timezone.localtime() + datetime.timedelta(days=20)).strftime(
                "%Y-%m-%dT%H:%M"
            ),
            "seats": "30",
            "starts_on": start.isoformat(),
            "time_zone": "America/Santiago",
            "eligibility": "anyone",
        },
    )
    call = EnrolmentCall.objects.get(title="Convocatoria 2027")
    assert response["Location"] == url("lms:manage_call", call_id=call.pk)
    assert call.cohort.starts_on == start


@pytest.mark.django_db
def test_a_bad_call_form_keeps_what_was_typed(admin, world):
    response = admin.post(
        url("lms:manage_call_create"),
        {"course": world.course.pk, "title": "Sin fechas", "seats": "0", "eligibility": "anyone"},
    )
    assert response.status_code == 200
    assert 'value="Sin fechas"' in response.content.decode()
    assert not EnrolmentCall.objects.exists()


@pytest.mark.django_db
def test_bulk_accept_from_the_call_page(admin, world):
    now = timezone.now()
    call = EnrolmentCall.objects.create(
        course=world.course,
        title="C",
        opens_at=now - datetime.timedelta(days=1),
        closes_at=now + datetime.timedelta(days=1),
        seats=5,
    )
    from lms.models import Cohort

    Cohort.objects.create(course=world.course, call=call, name="N", starts_on=timezone.localdate())
    applications = [
        Application.objects.create(call=call, user=ProfileFactory().user, motivation="x" * 30)
        for _ in range(3)
    ]
    page = url("lms:manage_call", call_id=call.pk)
    assert "x" * 30 in admin.get(page).content.decode()
    admin.post(page, {"application": [a.pk for a in applications[:2]], "decision": "accept"})
    assert Enrolment.objects.filter(cohort=call.cohort).count() == 2
    admin.post(page, {"application": [applications[2].pk], "decision": "reject"})
    assert Application.objects.get(pk=applications[2].pk).status == "rejected"


@pytest.mark.django_db
def test_cohort_page_actions(admin, world):
    page = url("lms:manage_cohort", cohort_id=world.cohort.pk)
    assert admin.get(page).status_code == 200
    admin.post(page, {"action": "group", "name": "B", "tutor": world.tutor.pk})
    group_b = CohortGroup.objects.get(cohort=world.cohort, name="B")
    enrolment = Enrolment.objects.get(user=world.learner)
    admin.post(page, {"action": "move", "enrolment": enrolment.pk, "group": group_b.pk})
    assert Enrolment.objects.get(pk=enrolment.pk).group == group_b
    admin.post(page, {"action": "tutor", "group": group_b.pk, "tutor": ""})
    assert CohortGroup.objects.get(pk=group_b.pk).tutor is None
    admin.post(page, {"action": "open_module", "module": world.module2.pk})
    assert ModuleRelease.objects.filter(cohort=world.cohort, module=world.module2).exists()
    response = admin.post(page, {"action": "group", "name": "b", "tutor": ""})
    assert response.status_code == 200  # duplicate name: the form explains
    assert CohortGroup.objects.filter(cohort=world.cohort).count() == 2


@pytest.mark.django_db
def test_csv_import_page_reports_problems_by_line(admin, world, django_capture_on_commit_callbacks):
    page = url("lms:manage_cohort_import", cohort_id=world.cohort.pk)
    response = admin.post(
        page, {"text": "email,name,country,institution,group\nmal-correo,Nombre,CL,,A\n"}
    )
    assert response.status_code == 200
    assert "mal-correo" in response.content.decode()
    assert not ImportJob.objects.exists()
    upload = SimpleUploadedFile(
        "lista.csv", b"email,name,country,institution,group\nok@example.org,Ok,CL,,A\n"
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = admin.post(page, {"file": upload})
    job = ImportJob.objects.get()
    assert response["Location"] == url("lms:import_job", job_id=job.pk)
    assert Enrolment.objects.filter(user__email="ok@example.org").exists()
    html = admin.get(response["Location"]).content.decode()
    assert 'value="1"' in html and "Personas inscritas" in html
    back = url("lms:manage_cohort", cohort_id=world.cohort.pk)
    assert f'href="{back}"' in html


@pytest.mark.django_db
def test_csv_import_refuses_non_utf8_files(admin, world):
    page = url("lms:manage_cohort_import", cohort_id=world.cohort.pk)
    upload = SimpleUploadedFile("lista.csv", "email,name\nñ@x.org,Ñandú\n".encode("latin-1"))
    response = admin.post(page, {"file": upload})
    assert response.status_code == 200
    assert Enrolment.objects.count() == 1

"""The performance report: who reads it, what it counts (and never shows), its CSV and
PDF in four languages, the foreword, publishing the public summary, flat query counts."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from bodies.models import Body, Member, Seat
from courses.models import Theme
from events.models import Event
from lms.models import (
    Attendance,
    Certificate,
    Enrolment,
    SurveyCompletion,
    SurveyTally,
    VideoRoom,
)
from pilots.models import Milestone, Pilot
from reports import selectors, services
from reports.models import PerformanceReport
from tests.factories import ProfileFactory
from tests.mfa import mfa_force_login
from tests.workplan.builders import make_action, make_event, make_plan, make_proposal

pytestmark = pytest.mark.django_db


def url(name, **kwargs):
    with translation.override("en"):
        return reverse(f"reports:{name}", kwargs=kwargs)


def person(country, constituency="", sex="", institution="Ministerio de Trabajo"):
    return ProfileFactory(
        country=country, constituency=constituency, sex=sex, institution=institution
    ).user


def linked_plan(people, *, approved=True):
    """A plan whose first line has a workshop with ``people`` registered."""
    plan = make_plan(approved=approved)
    action = make_action(plan.lines.first(), title="Taller de Lima", spent=Decimal("250"))
    action.events.add(make_event("lima", days=-20, registrations=people))
    return plan


# --- rights -------------------------------------------------------------------------------------


def test_the_full_report_is_for_the_secretariat_and_the_approving_body(
    client, secretariat, focal, member
):
    plan = linked_plan([member])
    pages = [
        url("report", pk=plan.pk),
        url("csv", pk=plan.pk),
        url("pdf", pk=plan.pk, language="es"),
    ]
    for address in pages:
        assert client.get(address).status_code == 302  # sign in first
    client.force_login(member)
    for address in pages:
        assert client.get(address).status_code == 404  # as for a plan that does not exist
    assert client.get(url("foreword", pk=plan.pk)).status_code == 404
    client.force_login(focal)  # the plan names no body: the focal points approve it
    for address in pages:
        assert client.get(address).status_code == 200
    assert client.get(url("foreword", pk=plan.pk)).status_code == 403
    assert client.post(url("publish", pk=plan.pk), {"public": "1"}).status_code == 403
    mfa_force_login(client, secretariat)
    assert client.get(url("foreword", pk=plan.pk)).status_code == 200
    assert client.get(url("pdf", pk=plan.pk, language="de")).status_code == 404


def test_a_plan_with_an_approving_body_is_reported_to_its_members(client, focal, member):
    body = Body.objects.create(name="Comité", kind=Body.Kind.STEERING_COMMITTEE)
    seat = Seat.objects.create(body=body, country="CL", constituency=Seat.Constituency.GOVERNMENT)
    Member.objects.create(body=body, seat=seat, user=member, role=Member.Role.MEMBER)
    plan = linked_plan([member])
    plan.approving_body = body
    plan.save()
    client.force_login(member)
    assert client.get(url("report", pk=plan.pk)).status_code == 200
    client.force_login(focal)
    assert client.get(url("report", pk=plan.pk)).status_code == 404


def test_the_summary_is_public_once_published_and_only_for_an_approved_plan(
    client, secretariat, member
):
    plan = linked_plan([member])
    summary = url("summary", pk=plan.pk)
    assert client.get(summary).status_code == 404
    mfa_force_login(client, secretariat)
    page = client.get(summary).content.decode()
    assert "This summary is not public yet" in page
    response = client.post(url("publish", pk=plan.pk), {"public": "1"})
    assert response.status_code == 302
    record = PerformanceReport.objects.get(plan=plan)
    assert record.is_public and record.published_by == secretariat and record.published_at
    client.logout()
    page = client.get(summary).content.decode()
    assert "What the network did in 2022-2024" in page and "not public yet" not in page
    assert "Budget" not in page and "Ministerio de Trabajo" not in page  # no institutions
    # The plan's page links the summary for visitors.
    with translation.override("en"):
        plan_page = client.get(reverse("workplan:plan", kwargs={"pk": plan.pk})).content.decode()
    assert summary in plan_page
    mfa_force_login(client, secretariat)
    client.post(url("publish", pk=plan.pk), {"public": "0"})
    client.logout()
    assert client.get(summary).status_code == 404
    record.refresh_from_db()
    assert not record.is_public and record.published_by == secretariat  # who published stays
    mfa_force_login(client, secretariat)
    client.post(url("publish", pk=plan.pk), {"public": "1"})
    kinds = [action.kind for action in selectors.history(selectors.report_of(plan))]
    assert kinds == ["published", "withdrawn", "published"]  # each recorded, none rewritten
    assert "Summary withdrawn" in client.get(url("report", pk=plan.pk)).content.decode()

    draft = make_plan(start=2025, end=2027, title="Borrador")
    with pytest.raises(ValidationError):
        services.report_publish(actor=secretariat, plan=draft)
    with pytest.raises(PermissionDenied):
        services.report_publish(actor=member, plan=plan)


# --- what it counts -----------------------------------------------------------------------------


def test_participants_are_counted_by_country_constituency_and_institution_never_named(
    secretariat,
):
    people = [
        person("CL", "government", "female", "Ministerio del Trabajo de Chile"),
        person("CL", "workers", "male", "  ministerio del trabajo de chile "),
        person("PE", "employers", "female", "Confiep"),
        person("PE"),
    ]
    plan = linked_plan(people[:3])
    action = make_action(plan.lines.last(), title="Diálogo", kind="dialogue")
    dialogue = make_event("dialogo", days=-3, registrations=people[2:])
    Event.objects.filter(pk=dialogue.pk).update(kind=Event.Kind.DIALOGUE)
    action.events.add(dialogue)
    with translation.override("en"):
        report = selectors.report_for(user=secretariat, plan=plan)
    people_seen = report.participation
    assert people_seen.total == 4
    rows = {row.name: row for row in people_seen.countries}
    assert rows["Chile"].total == 2 and rows["Chile"].by_constituency == [1, 1, 0, 0, 0]
    assert rows["Peru"].by_constituency == [0, 0, 1, 0, 1]  # employers, not said
    assert people_seen.countries_reached == 2
    # The same institution typed two ways is one.
    assert people_seen.institutions_total == 3
    assert people_seen.institutions[0] == ("Chile", "Ministerio del Trabajo de Chile", 2)
    # Three said their sex: fewer than five, so not shown at all.
    assert people_seen.sex is None and people_seen.sex_said == 3
    assert [(d.title, d.countries) for d in report.dialogues] == [("Taller dialogo", ["Peru"])]
    assert report.dialogues[0].attended == 0
    # Those who joined its video room are counted (each once, however often they came).
    room = VideoRoom.objects.create(owner_key=f"events.event:{dialogue.pk}", name="Diálogo")
    for someone in [people[2], people[3], people[3]]:
        Attendance.objects.create(room=room, user=someone, left_at=timezone.now(), seconds=600)
    with translation.override("en"):
        report = selectors.report_for(user=secretariat, plan=plan)
    assert report.dialogues[0].attended == 2
    # Statuses per line: the past workshop and the past dialogue are fulfilled.
    assert [n for _code, _label, n in report.counts] == [2, 0, 0]


def test_sex_is_shown_in_totals_once_five_said_it_and_never_a_count_that_points_at_someone(
    secretariat,
):
    people = [person("CL", sex="female") for _n in range(6)]
    people += [person("PE", sex="male") for _n in range(5)] + [person("HT", sex="other")]
    plan = linked_plan(people)
    with translation.override("en"):
        sexes = selectors.report_for(user=secretariat, plan=plan).participation.sex
    # The one "another answer" is hidden, and so is the next smallest count, or the
    # total would give it away.
    assert sexes == [("Female", 6), ("Male", None), ("Another answer", None), ("Not said", 0)]
    assert selectors.suppressed([7, 0, 5]) == [7, 0, 5]
    assert selectors.suppressed([7, 3, 4]) == [7, None, None]
    assert selectors.suppressed([3]) == [None]


def test_hidden_records_count_for_the_secretariat_not_for_visitors(secretariat, member):
    plan = linked_plan([member])
    hidden = make_event("oculto", days=-5, published=False, registrations=[person("HN")])
    plan.lines.first().actions.first().events.add(hidden)
    assert selectors.report_for(user=secretariat, plan=plan).participation.total == 2
    assert selectors.report_for(user=AnonymousUser(), plan=plan).participation.total == 1


def test_training_counts_enrolled_completed_certified_and_the_surveys_mean(world, secretariat):
    plan = make_plan(approved=True)
    make_action(plan.lines.first(), kind="course").cohorts.add(world.cohort)
    enrolment = Enrolment.objects.get(cohort=world.cohort, user=world.learner)
    Enrolment.objects.filter(pk=enrolment.pk).update(status=Enrolment.Status.COMPLETED)
    Certificate.objects.create(
        enrolment=enrolment,
        code="TEST-CODE-0001",
        holder_name="x",
        course_title="x",
        hours=40,
        starts_on=world.cohort.starts_on,
        ends_on=world.cohort.starts_on,
        language="es",
    )
    for value, count in ((5, 3), (4, 1)):
        SurveyTally.objects.create(
            cohort=world.cohort,
            lesson=world.lesson_c,
            block_id="s",
            question=0,
            value=value,
            count=count,
        )
    training = selectors.report_for(user=secretariat, plan=plan).training
    assert (training.enrolled, training.completed, training.certified) == (1, 1, 1)
    # Fewer than three answered: a mean would be someone's own answers.
    assert training.rating is None and training.cohorts[0].rating is None
    enrolments = [enrolment] + [
        Enrolment.objects.create(cohort=world.cohort, user=person("CL"), group=world.group)
        for _n in range(2)
    ]
    for item in enrolments:
        SurveyCompletion.objects.create(enrolment=item, lesson=world.lesson_c, block_id="s")
    training = selectors.report_for(user=secretariat, plan=plan).training
    assert training.respondents == 3 and training.enrolled == 3
    assert training.rating == 4.75 and training.cohorts[0].rating == 4.75


def test_cooperation_shows_its_parties_and_results(secretariat):
    plan = make_plan(approved=True)
    proposal = make_proposal("Inspección móvil")
    proposal.results = "Se creó un programa."
    proposal.results_kinds = "programmes,unknown"
    proposal.save()
    make_action(plan.lines.first(), kind="cooperation").proposals.add(proposal)
    with translation.override("en"):
        (item,) = selectors.report_for(user=secretariat, plan=plan).cooperation
    assert (item.topic, item.providing, item.beneficiaries) == (
        "Inspección móvil",
        "Chile",
        ["Haiti"],
    )
    assert item.results == ["New programmes"] and item.reported


def test_the_pilots_of_the_plans_years_show_with_status_and_funding(client, secretariat):
    plan = make_plan(approved=True)  # 2022-2024
    PerformanceReport.objects.create(plan=plan, is_public=True)
    workshop = make_event("bogota", days=-900)
    theme = Theme.objects.get(code="social-dialogue")

    def pilot(title, starts, ends=None):
        return Pilot.objects.create(
            title=title,
            objective="-",
            origin="workshop",
            event=workshop,
            leading_country="AR",
            theme=theme,
            starts_on=starts,
            ends_on=ends,
            currency="USD",
            funding_sought=Decimal("120000"),
            funding_obtained=Decimal("45000"),
            funding_source="OIT",
        )

    under_way = pilot("Mesas tripartitas", datetime.date(2023, 3, 1))
    under_way.partners.create(country="CL")
    Milestone.objects.create(pilot=under_way, title="Hito", due_on=datetime.date(2023, 6, 1))
    pilot("Antes del plan", datetime.date(2019, 1, 1), datetime.date(2021, 12, 31))
    pilot("Después del plan", datetime.date(2025, 1, 1))
    with translation.override("en"):
        (row,) = selectors.report_for(user=secretariat, plan=plan).pilots
        assert (row.title, row.leading, row.partners, row.status) == (
            "Mesas tripartitas",
            "Argentina",
            ["Chile"],
            "Late",
        )
        assert (row.sought, row.obtained, row.source) == (
            Decimal("120000"),
            Decimal("45000"),
            "OIT",
        )
        # The public summary is not the members' record: no pilots in it.
        assert selectors.report_for(user=AnonymousUser(), plan=plan).pilots == []
    mfa_force_login(client, secretariat)
    page = client.get(url("report", pk=plan.pk)).content.decode()
    assert "Mesas tripartitas" in page and "45,000.00 USD" in page
    assert "Antes del plan" not in page and "Después del plan" not in page
    rows = list(csv.reader(io.StringIO(client.get(url("csv", pk=plan.pk)).content.decode())))
    assert [
        "Mesas tripartitas",
        "Argentina",
        "Chile",
        "Late",
        "USD",
        "120000.00",
        "45000.00",
        "OIT",
    ] in rows
    assert client.get(url("pdf", pk=plan.pk, language="en")).status_code == 200
    client.logout()
    assert "Mesas tripartitas" not in client.get(url("summary", pk=plan.pk)).content.decode()


# --- its pages and files ------------------------------------------------------------------------


def _count(client, address) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(address).status_code == 200
    return len(queries)


def test_report_pages_cost_the_same_for_3_and_30_actions(client, focal):
    plan = make_plan(approved=True, lines=3)
    lines = list(plan.lines.all())
    PerformanceReport.objects.create(plan=plan, is_public=True)

    def add(n):
        action = make_action(lines[n % 3], title=f"Acción {n}")
        action.events.add(
            make_event(f"e-{n}", days=-30, registrations=[person("CL", "government")])
        )
        action.proposals.add(make_proposal(f"Cooperación {n}"))

    for n in range(3):
        add(n)
    client.get(url("summary", pk=plan.pk))  # the site's caches, read once
    public_few = _count(client, url("summary", pk=plan.pk))
    client.force_login(focal)
    client.get(url("summary", pk=plan.pk))
    few = [_count(client, url(name, pk=plan.pk)) for name in ("report", "csv")]
    for n in range(3, 30):
        add(n)
    many = [_count(client, url(name, pk=plan.pk)) for name in ("report", "csv")]
    assert many == few and few[0] <= 40
    client.logout()
    assert _count(client, url("summary", pk=plan.pk)) == public_few <= 30


def test_the_csv_holds_every_table_and_guards_against_formulas(client, focal):
    member = person("CL", "government", institution='=HYPERLINK("http://evil")')
    plan = linked_plan([member])
    client.force_login(focal)
    response = client.get(url("csv", pk=plan.pk))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    titles = [row[0] for row in rows if len(row) == 1]
    assert titles == [
        "Activities per priority line",
        "Actions",
        "Participants by country and constituency",
        "Participants by institution",
        "Officials trained and certified",
        "Ministries in each dialogue",
        "Cooperation activities",
        "Pilot projects",
        "Evaluations",
        "Budget executed",
    ]
    assert ["Chile", '\'=HYPERLINK("http://evil")', "1"] in rows
    assert ["Total of the plan", "1000.00", "250.00", "25"] in rows


@pytest.mark.parametrize("language", ["es", "en", "pt", "fr"])
def test_the_pdf_is_written_in_each_language_with_its_foreword(
    client, secretariat, member, language
):
    plan = linked_plan([member])
    services.report_forewords_set(
        actor=secretariat, plan=plan, texts={language: f"Prólogo **{language}**"}
    )
    mfa_force_login(client, secretariat)
    response = client.get(url("pdf", pk=plan.pk, language=language))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF") and len(response.content) > 5_000
    assert f"performance-report-2022-2024-{language}.pdf" in response["Content-Disposition"]


def test_forewords_are_saved_per_language_checked_first_and_rendered_safely(client, secretariat):
    plan = make_plan(approved=True)
    mfa_force_login(client, secretariat)
    response = client.post(
        url("foreword", pk=plan.pk),
        {"es": "Prólogo <script>alert(1)</script> **claro**", "en": "Foreword", "pt": "", "fr": ""},
    )
    assert response.status_code == 302
    record = selectors.report_of(plan)
    assert {item.language for item in record.forewords.all()} == {"es", "en"}
    spanish = record.foreword_in("es")
    assert "<script" not in spanish.text_html and "<strong>claro</strong>" in spanish.text_html
    assert spanish.updated_by == secretariat
    # Too long in one language: nothing saved, the others neither.
    with pytest.raises(ValidationError):
        services.report_forewords_set(
            actor=secretariat, plan=plan, texts={"en": "New", "fr": "x" * 20_001}
        )
    assert selectors.report_of(plan).foreword_in("en").text == "Foreword"
    # Emptying a language removes its foreword.
    services.report_forewords_set(actor=secretariat, plan=plan, texts={"en": ""})
    assert selectors.report_of(plan).foreword_in("en") is None
    with translation.override("es"):
        spanish_page = reverse("reports:report", kwargs={"pk": plan.pk})
    page = client.get(spanish_page).content.decode()
    assert "<strong>claro</strong>" in page and "<script>alert" not in page


def test_the_profile_asks_constituency_and_sex_as_optional(client, member):
    client.force_login(member)
    with translation.override("en"):
        address = reverse("lms:profile")
    page = client.get(address).content.decode()
    assert 'name="constituency"' in page and 'name="sex"' in page
    data = {
        "full_name": "Camila Fuentes",
        "country": "CL",
        "institution": "",
        "position": "",
        "preferred_language": "en",
        "time_zone": "America/Santiago",
        "constituency": "workers",
        "sex": "",
    }
    assert client.post(address, data).status_code == 302
    member.profile.refresh_from_db()
    assert (member.profile.constituency, member.profile.sex) == ("workers", "")
    data["sex"] = "unknown"
    assert client.post(address, data).status_code == 200  # refused, with the form again
    member.profile.refresh_from_db()
    assert member.profile.sex == ""


def test_a_foreword_in_any_markdown_prints(client, secretariat, member):
    plan = linked_plan([member])
    text = (
        "*cursiva* y ***ambas***, `código → €` y [un enlace](https://example.org)\n\n"
        "```\nbloque — “citas” → 10 €\n```\n\n"
        "| a | b |\n|---|---|\n| 1 | 2 |\n\n- uno\n  - dos\n\n> cita\n\n# Título"
    )
    services.report_forewords_set(actor=secretariat, plan=plan, texts={"es": text})
    mfa_force_login(client, secretariat)
    response = client.get(url("pdf", pk=plan.pk, language="es"))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")

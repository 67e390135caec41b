"""priorities/services.py: a ministry's answer (draft, submit, reopen, refusals), the
sending to every focal point, and the reminders."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from courses.models import Theme
from lms.choices import Role
from lms.models import Notification
from priorities import services
from priorities.models import Answer, Choice, Questionnaire, Reminder, Sending
from tests.factories import ProfileFactory, UserFactory
from tests.priorities.conftest import make_focal, today

pytestmark = pytest.mark.django_db

TEXTS = {"challenges": "Informalidad", "can_offer": "", "needs": "Inspección", "comments": ""}


def _themes(*codes):
    found = {theme.code: theme for theme in Theme.objects.filter(code__in=codes)}
    return [found[code] for code in codes]


def test_a_draft_is_shared_by_the_ministrys_focal_points_then_submitted(questionnaire):
    ana, luis = make_focal("CL"), make_focal("CL")
    draft = services.answer_save(
        actor=ana,
        questionnaire=questionnaire,
        themes=_themes("labour-inspection", "labour-legislation"),
        texts=TEXTS,
    )
    assert draft.status == Answer.Status.DRAFT and draft.updated_by == ana
    again = services.answer_save(
        actor=luis,
        questionnaire=questionnaire,
        themes=_themes("labour-legislation", "skills-training", "labour-inspection"),
        texts={**TEXTS, "comments": "Gracias"},
    )
    assert again.pk == draft.pk  # one answer per ministry
    assert Answer.objects.filter(questionnaire=questionnaire).count() == 1
    assert [c.theme.code for c in again.choices.order_by("rank")] == [
        "labour-legislation",
        "skills-training",
        "labour-inspection",
    ]
    # Ana confirmed what she saw before Luis changed it: refused, nothing submitted.
    with pytest.raises(ValidationError) as changed:
        services.answer_submit(
            actor=ana, questionnaire=questionnaire, version=services.answer_version(draft)
        )
    assert changed.value.code == "changed"
    assert not Answer.objects.get(pk=draft.pk).is_submitted
    seen = services.answer_version(Answer.objects.get(pk=draft.pk))
    submitted = services.answer_submit(actor=ana, questionnaire=questionnaire, version=seen)
    assert submitted.is_submitted and submitted.submitted_by == ana
    # Submitting twice is harmless; changing it afterwards is refused.
    first_at = submitted.submitted_at
    twice = services.answer_submit(actor=luis, questionnaire=questionnaire, version=seen)
    assert twice.submitted_at == first_at
    assert (
        services.answer_save(
            actor=luis,
            questionnaire=questionnaire,
            themes=_themes("working-conditions"),
            texts=TEXTS,
            submit=True,
        ).submitted_by
        == ana
    )
    with pytest.raises(ValidationError):
        services.answer_save(
            actor=luis,
            questionnaire=questionnaire,
            themes=_themes("working-conditions"),
            texts=TEXTS,
        )
    assert Choice.objects.filter(answer=submitted).count() == 3


@pytest.mark.parametrize(
    "codes,field",
    [
        (["labour-inspection"] * 2, "themes"),
        (
            [
                "labour-inspection",
                "working-conditions",
                "employment-policy",
                "pensions",
                "fundamental-rights",
                "labour-legislation",
            ],
            "themes",
        ),
    ],
)
def test_bad_answers_get_field_errors_and_leave_nothing(questionnaire, codes, field):
    ana = make_focal("CL")
    themes = [Theme.objects.get(code=code) for code in codes]
    with pytest.raises(ValidationError) as error:
        services.answer_save(actor=ana, questionnaire=questionnaire, themes=themes, texts=TEXTS)
    assert field in error.value.message_dict
    assert not Answer.objects.exists() and not Choice.objects.exists()


def test_submitting_without_any_theme_is_refused(questionnaire):
    ana = make_focal("CL")
    with pytest.raises(ValidationError) as error:
        services.answer_save(
            actor=ana, questionnaire=questionnaire, themes=[], texts=TEXTS, submit=True
        )
    assert "themes" in error.value.message_dict
    assert not Answer.objects.exists()


def test_after_the_close_answers_are_refused_with_a_clear_message(closed):
    ana = make_focal("CL")
    with pytest.raises(ValidationError) as error:
        services.answer_save(
            actor=ana, questionnaire=closed, themes=_themes("working-conditions"), texts=TEXTS
        )
    assert "closed" in " ".join(error.value.messages) or "cerr" in " ".join(error.value.messages)
    assert not Answer.objects.exists()


def test_the_close_is_the_end_of_the_close_date_in_the_secretariats_zone(questionnaire):
    end = questionnaire.closes_at
    assert questionnaire.is_open(end - datetime.timedelta(seconds=1))
    assert not questionnaire.is_open(end)
    assert end.utcoffset() is not None


def test_only_focal_points_with_a_ministry_answer(questionnaire, secretariat):
    participant = UserFactory()
    ProfileFactory(user=participant, country="CL")
    no_country = UserFactory(roles=[Role.FOCAL_POINT])
    for person in (participant, no_country, secretariat):
        with pytest.raises(PermissionDenied):
            services.answer_save(
                actor=person,
                questionnaire=questionnaire,
                themes=_themes("working-conditions"),
                texts=TEXTS,
            )
    assert not Answer.objects.exists()


def test_the_secretariat_reopens_until_the_close_and_it_is_recorded(questionnaire, secretariat):
    ana = make_focal("CL")
    answer = services.answer_save(
        actor=ana,
        questionnaire=questionnaire,
        themes=_themes("working-conditions"),
        texts=TEXTS,
        submit=True,
    )
    with pytest.raises(PermissionDenied):
        services.answer_reopen(actor=ana, answer=answer)
    reopened = services.answer_reopen(actor=secretariat, answer=answer)
    assert reopened.status == Answer.Status.DRAFT
    assert reopened.reopened_by == secretariat and reopened.reopened_at is not None
    # The ministry may change it again, and submit it again.
    services.answer_save(
        actor=ana,
        questionnaire=questionnaire,
        themes=_themes("employment-policy"),
        texts=TEXTS,
        submit=True,
    )
    Questionnaire.objects.filter(pk=questionnaire.pk).update(
        closes_on=today() - datetime.timedelta(days=1)
    )
    answer.refresh_from_db()
    with pytest.raises(ValidationError):
        services.answer_reopen(actor=secretariat, answer=answer)
    answer.refresh_from_db()
    assert answer.is_submitted


def test_sending_tells_every_focal_point_once(
    questionnaire, secretariat, django_capture_on_commit_callbacks
):
    people = [make_focal(code) for code in ("CL", "CL", "HT", "MX")]
    inactive = make_focal("PE")
    inactive.is_active = False
    inactive.save()
    UserFactory()  # not a focal point
    with django_capture_on_commit_callbacks(execute=True):
        sending = services.sending_start(actor=secretariat, questionnaire=questionnaire)
    sending.refresh_from_db()
    assert sending.status == Sending.Status.DONE
    assert (sending.total, sending.done) == (4, 4)
    told = Notification.objects.filter(kind=services.KIND_INVITATION)
    assert sorted(told.values_list("user_id", flat=True)) == sorted(p.pk for p in people)
    questionnaire.refresh_from_db()
    assert questionnaire.sent_at is not None
    # Sending again (a new focal point since) tells only the new one.
    newcomer = make_focal("UY")
    with django_capture_on_commit_callbacks(execute=True):
        services.sending_start(actor=secretariat, questionnaire=questionnaire)
    assert told.count() == 5 and told.filter(user=newcomer).exists()
    # The same form twice gives back its sending; only the secretariat sends.
    assert (
        services.sending_start(actor=secretariat, questionnaire=questionnaire, token=sending.token)
        == sending
    )
    with pytest.raises(PermissionDenied):
        services.sending_start(actor=people[0], questionnaire=questionnaire)


def test_a_sending_runs_once_and_a_stopped_one_is_replaced(questionnaire, secretariat):
    assert services.sending_run(sending_id=999) is None
    waiting = services.sending_start(actor=secretariat, questionnaire=questionnaire)
    assert services.sending_start(actor=secretariat, questionnaire=questionnaire) == waiting
    # A long run that still moves is given back (not doubled), whenever it began.
    Sending.objects.filter(pk=waiting.pk).update(
        created_at=timezone.now() - Sending.STALE_AFTER * 4
    )
    assert services.sending_start(actor=secretariat, questionnaire=questionnaire) == waiting
    # One that has not moved for a while stopped: replaced.
    Sending.objects.filter(pk=waiting.pk).update(
        progressed_at=timezone.now() - Sending.STALE_AFTER * 2
    )
    fresh = services.sending_start(actor=secretariat, questionnaire=questionnaire)
    assert fresh != waiting
    waiting.refresh_from_db()
    assert waiting.status == Sending.Status.FAILED


def test_reminders_go_once_and_only_to_ministries_that_have_not_submitted(questionnaire):
    chile, haiti, haiti2, mexico = (
        make_focal("CL"),
        make_focal("HT"),
        make_focal("HT"),
        make_focal("MX"),
    )
    services.answer_save(
        actor=chile,
        questionnaire=questionnaire,
        themes=_themes("employment-policy"),
        texts=TEXTS,
        submit=True,
    )
    services.answer_save(
        actor=mexico, questionnaire=questionnaire, themes=_themes("employment-policy"), texts=TEXTS
    )  # a draft: still reminded
    closes = questionnaire.closes_at
    far = closes - datetime.timedelta(days=10)
    assert services.reminders_send(now=far) == 0  # not sent yet: nobody reminded
    Questionnaire.objects.filter(pk=questionnaire.pk).update(sent_at=timezone.now())
    assert services.reminders_send(now=far) == 0  # too early
    week = closes - datetime.timedelta(days=7, hours=2)
    assert services.reminders_send(now=week) == 3
    assert services.reminders_send(now=week) == 0  # once
    reminded = Notification.objects.filter(kind=services.KIND_REMINDER)
    assert set(reminded.values_list("user_id", flat=True)) == {haiti.pk, haiti2.pk, mexico.pk}
    record = Reminder.objects.get(questionnaire=questionnaire, days_before=7)
    assert (record.ministries, record.people) == (2, 3)
    day = closes - datetime.timedelta(hours=12)
    assert services.reminders_send(now=day) == 3
    assert services.reminders_send(now=day) == 0
    assert reminded.count() == 6
    assert not reminded.filter(user=chile).exists()
    # After the close nobody is reminded.
    assert services.reminders_send(now=closes + datetime.timedelta(days=1)) == 0


def test_reminders_stopped_partway_are_sent_whole_by_the_next_run(questionnaire, monkeypatch):
    people = [make_focal(code) for code in ("CL", "HT", "MX")]
    Questionnaire.objects.filter(pk=questionnaire.pk).update(sent_at=timezone.now())
    week = questionnaire.closes_at - datetime.timedelta(days=7, hours=2)
    real = services._reminder

    def failing(questionnaire, days):
        write = real(questionnaire, days)

        def each(person):
            if person == people[1]:
                raise RuntimeError("mail server down")
            return write(person)

        return each

    monkeypatch.setattr("lms.services.notifications.FAN_OUT_BATCH", 1)  # the first one told
    monkeypatch.setattr(services, "_reminder", failing)
    assert services.reminders_send(now=week) == 0
    assert not Reminder.objects.exists()  # not recorded: the next run sends it
    monkeypatch.setattr(services, "_reminder", real)
    assert services.reminders_send(now=week) == 3
    reminded = Notification.objects.filter(kind=services.KIND_REMINDER)
    assert sorted(reminded.values_list("user_id", flat=True)) == sorted(p.pk for p in people)
    assert Reminder.objects.get().people == 3


def test_a_sending_judged_stopped_stays_failed_and_the_reminders_still_follow(
    questionnaire, secretariat, monkeypatch
):
    people = [make_focal(code) for code in ("CL", "HT", "MX")]
    sending = services.sending_start(actor=secretariat, questionnaire=questionnaire)
    real = services.notifications_fan_out
    calls = []

    def slow(**kwargs):
        calls.append(kwargs["people"])
        told = real(**kwargs)
        if len(calls) == 1:  # meanwhile, it is judged stopped and marked failed
            Sending.objects.filter(pk=sending.pk).update(status=Sending.Status.FAILED)
        return told

    monkeypatch.setattr(services, "SEND_BATCH", 1)
    monkeypatch.setattr(services, "notifications_fan_out", slow)
    services.sending_run(sending_id=sending.pk)
    sending.refresh_from_db()
    assert sending.status == Sending.Status.FAILED and len(calls) == 1  # stopped, not "done"
    questionnaire.refresh_from_db()
    assert questionnaire.sent_at is not None  # someone was told: reminders will go
    told = Notification.objects.filter(kind=services.KIND_INVITATION)
    assert told.count() == 1 and len(people) == 3


def test_a_sending_failing_after_its_first_batch_is_still_sent(
    questionnaire, secretariat, monkeypatch
):
    for code in ("CL", "HT"):
        make_focal(code)
    sending = services.sending_start(actor=secretariat, questionnaire=questionnaire)
    real = services.notifications_fan_out

    def failing_second(**kwargs):
        if Notification.objects.filter(kind=services.KIND_INVITATION).exists():
            raise RuntimeError("mail server down")
        return real(**kwargs)

    monkeypatch.setattr(services, "SEND_BATCH", 1)
    monkeypatch.setattr(services, "notifications_fan_out", failing_second)
    with pytest.raises(RuntimeError):
        services.sending_run(sending_id=sending.pk)
    sending.refresh_from_db()
    questionnaire.refresh_from_db()
    assert sending.status == Sending.Status.FAILED and sending.done == 1
    assert questionnaire.sent_at is not None

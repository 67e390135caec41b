"""Reads about priorities questionnaires: who may see what, the ministries' answers,
and the results (response rate, themes ranked by a Borda score).

Who sees what: the Technical Secretariat sees every questionnaire, every answer
and the results; a focal point (a person with the focal-point role and a country
on their profile) sees the questionnaires that have opened, their own ministry's
answer, and the results once the questionnaire has closed. Anyone else sees none.
"""

import csv
import io
from dataclasses import dataclass, field

from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from courses.models import Area, Theme
from lms.choices import Country, Role
from lms.models import User
from lms.selectors.people import person_country
from lms.selectors.reports import csv_safe
from priorities.models import MAX_CHOICES, OPEN_QUESTIONS, Answer, Choice, Questionnaire, Sending


def ministry_of(user: User) -> str:
    """The country whose ministry the person answers for: a focal point's profile
    country; "" for anyone else."""
    if not getattr(user, "is_authenticated", False) or not user.has_role(Role.FOCAL_POINT):
        return ""
    return person_country(user) if person_country(user) in Country.values else ""


def questionnaires_for(*, user: User) -> QuerySet[Questionnaire]:
    """The secretariat: all; a focal point: those that have opened; others: none."""
    items = Questionnaire.objects.all()
    if not getattr(user, "is_authenticated", False):
        return items.none()
    if user.is_secretariat:
        return items
    if ministry_of(user):
        today = timezone.localtime(timezone.now(), _zone()).date()
        return items.filter(opens_on__lte=today)
    return items.none()


def _zone():
    from priorities.models import secretariat_zone

    return secretariat_zone()


def questionnaire_for(*, user: User, pk: int) -> Questionnaire | None:
    """The questionnaire if the person may see it; None when missing or not theirs."""
    return questionnaires_for(user=user).filter(pk=pk).first()


def _answers() -> QuerySet[Answer]:
    return Answer.objects.select_related(
        "submitted_by", "updated_by", "reopened_by"
    ).prefetch_related(
        Prefetch("choices", queryset=Choice.objects.select_related("theme__area").order_by("rank"))
    )


def answer_of(*, questionnaire: Questionnaire, country: str) -> Answer | None:
    """A ministry's answer (draft or submitted) with its choices; None if not begun."""
    if not country:
        return None
    return _answers().filter(questionnaire=questionnaire, country=country).first()


def ministry_answers(*, questionnaires: list[Questionnaire], country: str) -> dict[int, Answer]:
    """The ministry's answers to these questionnaires, by questionnaire id (one query)."""
    if not country:
        return {}
    answers = Answer.objects.filter(questionnaire__in=questionnaires, country=country)
    return {answer.questionnaire_id: answer for answer in answers}


def open_unanswered_for(*, user: User) -> list[Questionnaire]:
    """The open questionnaires the person's ministry has not submitted (for a focal
    point's dashboard); empty for anyone else."""
    country = ministry_of(user)
    if not country:
        return []
    now = timezone.now()
    today = timezone.localtime(now, _zone()).date()
    # One subquery: excluding across the answers relation would drop a questionnaire
    # as soon as any ministry submitted while this one has a draft.
    submitted = Answer.objects.filter(country=country, status=Answer.Status.SUBMITTED)
    candidates = Questionnaire.objects.filter(opens_on__lte=today, closes_on__gte=today).exclude(
        pk__in=submitted.values("questionnaire_id")
    )
    return [item for item in candidates if item.is_open(now)]


def answering_refused(questionnaire: Questionnaire) -> str:
    """Why answers are not accepted now ("" while the questionnaire is open)."""
    if questionnaire.is_open():
        return ""
    if questionnaire.is_closed():
        return _("The questionnaire closed on %(date)s: answers are no longer accepted.") % {
            "date": date_format(questionnaire.closes_on)
        }
    return _("The questionnaire is not open yet.")


def can_see_results(*, user: User, questionnaire: Questionnaire) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_secretariat:
        return True
    return bool(ministry_of(user)) and questionnaire.is_closed()


def can_see_answers(*, user: User, questionnaire: Questionnaire) -> bool:
    """What each ministry wrote is for the secretariat; the ministries see the ranking."""
    return can_see_results(user=user, questionnaire=questionnaire) and user.is_secretariat


def submitted_answers(questionnaire: Questionnaire) -> list[Answer]:
    """Every submitted answer with its choices, by country (4 queries, however many)."""
    return list(_answers().filter(questionnaire=questionnaire, status=Answer.Status.SUBMITTED))


def answers_by_country(questionnaire: Questionnaire) -> dict[str, Answer]:
    """Every answer begun (draft or submitted), by country, for the secretariat."""
    return {
        answer.country: answer
        for answer in Answer.objects.filter(questionnaire=questionnaire).select_related(
            "submitted_by", "reopened_by"
        )
    }


def countries_with_focal_points() -> set[str]:
    return set(
        User.objects.filter(role_grants__role=Role.FOCAL_POINT, is_active=True)
        .exclude(profile__country="")
        .values_list("profile__country", flat=True)
        .distinct()
    ) & set(Country.values)


def focal_points() -> QuerySet[User]:
    """Every active focal point with a ministry (a country), in a stable order."""
    return (
        User.objects.filter(
            role_grants__role=Role.FOCAL_POINT,
            is_active=True,
            profile__country__in=Country.values,
        )
        .distinct()
        .order_by("pk")
    )


@dataclass
class ResponseRate:
    answered: int
    expected: int

    @property
    def percent(self) -> int:
        return round(self.answered * 100 / self.expected) if self.expected else 0


def response_rate(questionnaire: Questionnaire) -> ResponseRate:
    """Ministries that submitted, of those asked: the ministries that have focal
    points today, plus any that answered (a ministry whose focal point left since)."""
    answered = set(
        Answer.objects.filter(
            questionnaire=questionnaire, status=Answer.Status.SUBMITTED
        ).values_list("country", flat=True)
    )
    return ResponseRate(
        answered=len(answered), expected=len(answered | countries_with_focal_points())
    )


@dataclass
class RankedTheme:
    theme: Theme
    score: int = 0  # Borda: the first choice counts MAX_CHOICES points, the last 1
    ministries: int = 0  # how many ministries named it
    first_choices: int = 0
    position: int = 0


@dataclass
class RankedArea:
    area: Area
    score: int = 0
    themes: list[RankedTheme] = field(default_factory=list)


def points(rank: int) -> int:
    """A Borda count: the 1st choice is worth MAX_CHOICES points, the 5th 1 point."""
    return max(MAX_CHOICES + 1 - rank, 0)


def ranked_themes(questionnaire: Questionnaire) -> list[RankedTheme]:
    """The themes the ministries named in their submitted answers, best first: by
    score, then by how many ministries named it, then in the taxonomy's order.
    One query. A work plan reads its priorities from here."""
    ranked: dict[int, RankedTheme] = {}
    choices = Choice.objects.filter(
        answer__questionnaire=questionnaire, answer__status=Answer.Status.SUBMITTED
    ).select_related("theme__area")
    for choice in choices:
        item = ranked.setdefault(choice.theme_id, RankedTheme(theme=choice.theme))
        item.score += points(choice.rank)
        item.ministries += 1
        item.first_choices += choice.rank == 1
    order = sorted(
        ranked.values(),
        key=lambda item: (
            -item.score,
            -item.ministries,
            item.theme.area.sort_order,
            item.theme.sort_order,
            item.theme.code,
        ),
    )
    for position, item in enumerate(order, start=1):
        item.position = position
    return order


def ranked_areas(themes: list[RankedTheme]) -> list[RankedArea]:
    """The ranked themes grouped by area, the areas by their themes' total score."""
    areas: dict[int, RankedArea] = {}
    for item in themes:
        area = item.theme.area
        entry = areas.setdefault(area.pk, RankedArea(area=area))
        entry.score += item.score
        entry.themes.append(item)
    return sorted(areas.values(), key=lambda entry: (-entry.score, entry.area.sort_order))


def sending_latest(questionnaire: Questionnaire) -> Sending | None:
    return questionnaire.sendings.first()


def sending_for(*, user: User, questionnaire: Questionnaire, pk: int) -> Sending | None:
    if not getattr(user, "is_authenticated", False) or not user.is_secretariat:
        return None
    return questionnaire.sendings.filter(pk=pk).first()


def sending_summary(sending: Sending) -> str:
    status = sending.shown_status  # a sending that stopped moving is told as failed
    if status == Sending.Status.QUEUED:
        return _("Waiting for the worker to start.")
    if status == Sending.Status.RUNNING:
        return _("Telling the focal points; the count below follows it.")
    if status == Sending.Status.FAILED:
        return _(
            "The sending stopped because of an unexpected error. Send it again: "
            "nobody already told is told twice."
        )
    return _("Sent: every focal point has been told.")


def sending_counts(sending: Sending) -> str:
    return ngettext(
        "%(done)s of %(total)s focal point told",
        "%(done)s of %(total)s focal points told",
        sending.total,
    ) % {
        "done": sending.done,
        "total": sending.total,
    }


def sending_progress(sending: Sending) -> dict:
    """What the sending's page shows, as JSON for its script."""
    return {
        "status": sending.shown_status,
        "finished": sending.has_stopped,
        "summary": sending_summary(sending),
        "counts": sending_counts(sending),
        "total": sending.total,
        "done": sending.done,
        "percent": sending.percent,
    }


def results_csv(questionnaire: Questionnaire, *, with_answers: bool) -> str:
    """The ranking, preceded (``with_answers``: for the secretariat only) by the
    submitted answers, one line a ministry. The focal points see the ranking, not
    what each other ministry wrote. Starts with a byte-order mark so spreadsheets
    read accents right."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer)
    if with_answers:
        _answer_rows(writer, questionnaire)
    writer.writerow([_("Position"), _("Area"), _("Theme"), _("Score"), _("Ministries")])
    for item in ranked_themes(questionnaire):
        writer.writerow(
            [
                item.position,
                csv_safe(item.theme.area.name),
                csv_safe(item.theme.name),
                item.score,
                item.ministries,
            ]
        )
    return buffer.getvalue()


def _answer_rows(writer, questionnaire: Questionnaire) -> None:
    writer.writerow(
        [
            _("Ministry"),
            _("Submitted"),
            *[_("Priority %(rank)s") % {"rank": rank} for rank in range(1, MAX_CHOICES + 1)],
            *[str(label) for _name, label in OPEN_QUESTIONS],
        ]
    )
    answers = sorted(submitted_answers(questionnaire), key=lambda a: a.get_country_display())
    for answer in answers:
        names = [f"{c.theme.area.name} — {c.theme.name}" for c in answer.choices.all()]
        names += [""] * (MAX_CHOICES - len(names))
        writer.writerow(
            [
                csv_safe(answer.get_country_display()),
                answer.submitted_at.isoformat() if answer.submitted_at else "",
                *[csv_safe(name) for name in names],
                *[csv_safe(getattr(answer, name)) for name, _label in OPEN_QUESTIONS],
            ]
        )
    writer.writerow([])


def open_answers(answers: list[Answer]) -> list[dict]:
    """The open questions' answers, by country (the ministries that wrote something)."""
    rows = []
    for answer in sorted(answers, key=lambda a: a.get_country_display()):
        texts = [(label, getattr(answer, name)) for name, label in OPEN_QUESTIONS]
        texts = [(label, text) for label, text in texts if text.strip()]
        if texts:
            rows.append({"answer": answer, "texts": texts})
    return rows


def answer_states(questionnaire: Questionnaire) -> list[dict]:
    """Every ministry with focal points or an answer, with where its answer is."""
    answers = answers_by_country(questionnaire)
    rows = [
        {"country": code, "name": str(Country(code).label), "answer": answers.get(code)}
        for code in countries_with_focal_points() | set(answers)
    ]
    return sorted(rows, key=lambda row: row["name"])

"""How lms takes part in serving course pages, without courses importing lms.

- ``before_serve_page``: the access gate for modules and lessons (enrolled, and
  the module open for the learner's cohort; tutors and the secretariat pass).
- ``rial_*_context``: what a person sees of their own state on course pages.
"""

from django.template.response import TemplateResponse
from wagtail import hooks

from courses.models import (
    CourseIndexPage,
    CoursePage,
    LessonPage,
    ModulePage,
)
from lms.http import is_offline_copy
from lms.models import Application, Enrolment
from lms.selectors import live_video
from lms.selectors.dashboards import open_calls
from lms.selectors.learning import (
    CURRENT,
    content_access,
    course_enrolment,
    is_course_staff,
    lesson_state,
    open_track,
)
from lms.selectors.schedule import lesson_schedule
from lms.services.learning import lesson_view


@hooks.register("before_serve_page")
def course_content_gate(page, request, serve_args, serve_kwargs):
    if not isinstance(page, (ModulePage, LessonPage)):
        return None
    access = content_access(user=request.user, page=page)
    request.rial_access = access
    if access.allowed:
        if (
            access.enrolment is not None
            and isinstance(page, LessonPage)
            and not is_offline_copy(request)
        ):
            lesson_view(enrolment=access.enrolment, lesson=page)
        return None
    status = 403
    context = {
        "page": page,
        "access": access,
        "course": access.course,
        "module": access.module,
        "calls": open_calls(course=access.course) if access.course else [],
    }
    response = TemplateResponse(request, "lms/content_closed.html", context, status=status)
    response["Cache-Control"] = "private, no-store"
    return response


def _access(page, request):
    access = getattr(request, "rial_access", None)
    if access is None:
        access = content_access(user=request.user, page=page)
    return access


@hooks.register("rial_lesson_context")
def lesson_context(page: LessonPage, request):
    access = _access(page, request)
    context = {"access": access}
    if access.enrolment is not None:
        context["lesson_state"] = lesson_state(enrolment=access.enrolment, lesson=page)
        context["cohort"] = access.enrolment.cohort
        context["cohort_schedule"] = lesson_schedule(cohort=access.enrolment.cohort, lesson=page)
        context["live_video"] = live_video.lesson_video_panels(
            user=request.user, schedule=context["cohort_schedule"], page_url=request.path
        )
    outline = page.tree.outline if page.tree else []
    context["course_outline"] = outline
    context["outline_version"] = page.tree.version if page.tree else None
    if outline:
        flat = [lesson for _module, lessons in outline for lesson in lessons]
        ids = [lesson.pk for lesson in flat]
        if page.pk in ids:
            index = ids.index(page.pk)
            context["previous_lesson"] = flat[index - 1] if index > 0 else None
            context["next_lesson"] = flat[index + 1] if index + 1 < len(flat) else None
    return context


@hooks.register("rial_module_context")
def module_context(page: ModulePage, request):
    access = _access(page, request)
    context = {"access": access}
    if access.enrolment is not None:
        context["done_lessons"] = set(
            access.enrolment.lesson_progress.filter(completed_at__isnull=False).values_list(
                "lesson_id", flat=True
            )
        )
    return context


@hooks.register("rial_course_context")
def course_context(page: CoursePage, request):
    user = request.user
    context = {
        "calls": list(open_calls(course=page)),
        "open_track": open_track(course=page),
        "enrolment": None,
        "applications": {},
        "is_staff": False,
    }
    if user.is_authenticated:
        context["enrolment"] = course_enrolment(user=user, course=page)
        context["applications"] = {
            application.call_id: application
            for application in Application.objects.filter(user=user, call__in=context["calls"])
        }
        context["is_staff"] = is_course_staff(user=user, course=page)
    return context


@hooks.register("rial_course_index_context")
def course_index_context(page: CourseIndexPage, request):
    user = request.user
    context = {"open_calls": list(open_calls())}
    if user.is_authenticated:
        context["my_course_ids"] = set(
            Enrolment.objects.filter(user=user, status__in=CURRENT).values_list(
                "cohort__course_id", flat=True
            )
        )
    return context


@hooks.register("rial_video_owners")
def video_owners():
    """The cohorts' live sessions, for their video rooms."""
    return live_video.video_owners()

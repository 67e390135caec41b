import datetime
import uuid

from django import template
from django.conf import settings
from django.template.defaultfilters import floatformat
from django.template.defaulttags import querystring
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.formats import localize
from django.utils.html import format_html_join
from django.utils.http import urlencode
from django.utils.timesince import timesince
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from lms.forms import AssignmentForm, draft_key
from lms.markup import render_plain

register = template.Library()

LIKERT = [
    (1, _("Strongly disagree")),
    (2, _("Disagree")),
    (3, _("Neither agree nor disagree")),
    (4, _("Agree")),
    (5, _("Strongly agree")),
]


@register.filter
def machine_time(value) -> str:
    """A ``<time datetime>`` value HTML accepts: a moment in UTC to the second
    (``2026-12-05T18:38:52Z``; Django's ``date:'c'`` prints microseconds, which HTML
    does not allow), a day as ``2026-12-05``; empty for anything else."""
    if isinstance(value, datetime.datetime):
        if timezone.is_naive(value):
            value = timezone.make_aware(value)
        return value.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return ""


@register.filter
def user_text(text):
    """Plain text a person typed, through lms.markup (escaped, line breaks kept)."""
    return render_plain(text or "")


@register.filter
def ago(value, unit="minutes"):
    """How long ago a moment was, in words: the one way the campus prints relative times.

    "just now" under a minute (never "0 minutes ago"), else "5 minutes ago",
    "2 days ago". With ``unit="days"`` it counts calendar days in the current
    time zone: "today", "1 day ago", "12 days ago" (never "0 days ago").
    """
    if not value:
        return ""
    now = timezone.now()
    if not isinstance(value, datetime.datetime):
        zone = timezone.get_current_timezone()
        value = datetime.datetime.combine(value, datetime.time(), tzinfo=zone)
    if unit == "days":
        days = (timezone.localdate(now) - timezone.localdate(value)).days
        if days <= 0:
            return gettext("today")
        return ngettext("%(count)s day ago", "%(count)s days ago", days) % {"count": days}
    if now - value < datetime.timedelta(minutes=1):
        return gettext("just now")
    return gettext("%(time)s ago") % {"time": timesince(value, now, depth=1)}


@register.filter
def role_label(code):
    from lms.choices import Role

    return dict(Role.choices).get(code, code)


@register.filter
def get_item(mapping, key):
    if not mapping:
        return None
    if isinstance(mapping, (list, tuple)):
        try:
            return mapping[int(key)]
        except (IndexError, TypeError, ValueError):
            return None
    try:
        return mapping.get(key)
    except AttributeError:
        return None


@register.filter
def contains(collection, item):
    return bool(collection) and item in collection


@register.simple_tag(takes_context=True)
def page_query(context, param, number):
    """``?…`` for the page ``number`` of a list whose page is ``param``, keeping the
    rest of the address's query (another list's page on the same page, filters):
    Django's ``{% querystring %}``, with the parameter's name chosen when rendering."""
    if getattr(context, "request", None) is None:  # what ``querystring`` reads
        return "?" + urlencode({param: number})
    return querystring(context, **{param: number})


@register.simple_tag
def likert_scale():
    return LIKERT


@register.simple_tag
def cohort_forum_url(cohort):
    """The cohort's forum, once the forum app provides one (None until then). Without a
    cohort (the secretariat or a tutor reading the lesson) the template passes ""."""
    if not cohort:
        return None
    try:
        return reverse("forum:cohort_space", kwargs={"cohort_id": cohort.pk})
    except NoReverseMatch:
        return None


@register.simple_tag(takes_context=True)
def session_draft(context, lesson_id, block_id):
    """What the person typed before an error sent them back (kept once)."""
    request = context.get("request")
    if request is None:
        return None
    return request.session.pop(draft_key(lesson_id, block_id), None)


@register.simple_tag(takes_context=True)
def assignment_form(context, lesson_id, block_id, accepts):
    """The assignment's form: empty, or as it was refused just before (kept once),
    with what the person typed and the errors next to their fields."""
    accepts = accepts or "text_or_file"
    request = context.get("request")
    kept = None
    if request is not None:
        kept = request.session.pop(draft_key(lesson_id, block_id), None)
    if isinstance(kept, dict):
        return AssignmentForm.from_kept(kept, block_id=block_id, accepts=accepts)
    return AssignmentForm(block_id=block_id, accepts=accepts)


@register.simple_tag
def new_token() -> str:
    """A fresh token for one form: sending that form twice counts once."""
    return str(uuid.uuid4())


@register.simple_tag
def draft_checked(draft, question, choice) -> str:
    """ " checked" when a kept quiz draft chose this answer of this question."""
    if draft and str(choice) in (draft.get(str(question)) or []):
        return " checked"
    return ""


@register.inclusion_tag("includes/bar_chart.html")
def bar_chart(rows, chart_id, first_label, second_label):
    """A horizontal bar chart drawn as inline SVG (no script, no other host).

    ``rows`` are (label, first value, second value); the numbers also go in a table.
    """
    rows = list(rows)
    row_height, label_width, bar_width = 44, 230, 330
    scale = max([first for _label, first, _second in rows] + [1])
    bars = []
    for index, (label, first, second) in enumerate(rows):
        first_width = round(bar_width * first / scale)
        second_width = round(bar_width * second / scale)
        bars.append(
            {
                "label": label,
                "first": first,
                "second": second,
                "y": index * row_height,
                "first_width": first_width,
                "second_width": second_width,
                "value_x": label_width + max(first_width, second_width) + 8,
            }
        )
    return {
        "rows": rows,
        "bars": bars,
        "chart_id": chart_id,
        "first_label": first_label,
        "second_label": second_label,
        "height": max(len(rows), 1) * row_height,
        "width": label_width + bar_width + 90,
        "label_width": label_width,
    }


def _number(value: int) -> str:
    """``{{ value }}`` for an int, without the cost of localizing it when nothing would change."""
    return localize(value) if settings.USE_THOUSAND_SEPARATOR else str(value)


@register.simple_tag
def progress_cells(modules):
    """The tutor dashboard's "done/total" cells of a learner, one per module: written at once
    rather than by a loop of template nodes (50 rows of them on every page)."""
    return format_html_join(
        "", "<td>{}/{}</td>", ((_number(done), _number(total)) for _module, done, total in modules)
    )


NO_SCORE = "\N{EN DASH}"


@register.simple_tag
def score_cells(quiz_scores):
    """The tutor dashboard's kept quiz scores of a learner (an en dash before any attempt)."""
    return format_html_join(
        "",
        "<td>{}</td>",
        (
            (NO_SCORE,) if score is None else (f"{floatformat(score, 0)}%",)
            for _activity, score in quiz_scores
        ),
    )


@register.inclusion_tag("includes/person_name.html")
def person_name(person):
    """A person's name as others see it, with the badge of the actor type the
    secretariat verified for them (``User.voice``: select the profile along)."""
    return {"name": person.get_full_name() if person else "", **voice_of(person)}


@register.inclusion_tag("includes/voice_badge.html")
def voice_badge(person):
    """Only the badge of a person's verified actor type (nothing when none)."""
    return voice_of(person)


def voice_of(person) -> dict:
    from lms.choices import ACTOR_TYPE_SHORT, ActorType

    code = getattr(person, "voice", "") if person else ""
    if not code:
        return {"voice": ""}
    return {
        "voice": code,
        "voice_label": ActorType(code).label,
        "voice_short": ACTOR_TYPE_SHORT[code],
    }


@register.simple_tag
def responsive_image(image, spec, **attrs):
    """Wagtail's ``srcset_image`` with one candidate per width.

    Wagtail never enlarges a picture: for one narrower than the widest rendition
    asked for, two renditions come out the same width, and a ``srcset`` with two
    candidates of one width is invalid HTML (the browser tests' checker refuses it).
    Same arguments as ``srcset_image``:
    ``{% responsive_image photo "fill-{96x96,192x192}" sizes="96px" alt="" %}``.
    """
    if not image:
        return ""
    from wagtail.images.models import Filter, ResponsiveImage
    from wagtail.images.shortcuts import get_renditions_or_not_found

    filters = [Filter(spec=one) for one in Filter.expand_spec(spec)]
    distinct, widths = {}, set()
    for key, rendition in get_renditions_or_not_found(image, filters).items():
        if rendition.width not in widths:
            widths.add(rendition.width)
            distinct[key] = rendition
    if len(distinct) == 1:
        # One size only: a plain src (Wagtail writes no srcset then; sizes alone is invalid).
        attrs.pop("sizes", None)
    return ResponsiveImage(distinct, attrs)

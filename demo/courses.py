"""The demo course "Gender-based violence at work" in Spanish, with its English,
Portuguese and French translations, and the course catalogue page in the four
languages.

The text is read from demo/data/courses/: ``catalogue.toml``, and one folder per
course (``course.toml``; a folder per module with its ``module.toml``; in it a
folder per lesson with its ``lesson.toml`` and its blocks, one numbered file per
block and language: ``2-quiz.es.toml``, ``1-text.en.md``...). Modules, lessons
and blocks follow the numbers that start their names.
"""

import datetime
from pathlib import Path

from wagtail.models import Locale, Page, Site

from courses.models import CourseIndexPage, CoursePage, LessonPage, ModulePage, Theme
from demo.files import DATA, markdown_html, numbered, read_markdown, read_toml

COURSE_DIR = DATA / "courses" / "violencia-basada-en-genero-en-el-trabajo"
LANGUAGES = ("es", "en", "pt", "fr")
# The languages the Spanish course is translated into (copy_for_translation).
TRANSLATIONS = LANGUAGES[1:]


def _localised(record: dict, code: str) -> dict:
    """What the languages share, with the text of language ``code``."""
    return {k: v for k, v in record.items() if k not in LANGUAGES} | record[code]


def _lesson_blocks(folder: Path, code: str) -> list[tuple[str, object]]:
    """A lesson's blocks in language ``code``: ``(kind, value)`` in their order.

    ``<n>-text.<code>.md`` is rich text; ``assignment`` and ``forum_task`` are
    Markdown instructions under their settings (front matter); the others are TOML.
    """
    blocks = []
    for path in numbered(folder):
        name, _dot, language = path.stem.rpartition(".")
        if language != code:
            continue
        kind = name.split("-", 1)[1]
        if path.suffix == ".md":
            settings, body = read_markdown(path)
            html = markdown_html(body)
            value = html if kind == "text" else {**settings, "instructions": html}
        else:
            value = read_toml(path)
            if kind == "reading_list":
                value = value["reading"]
        blocks.append((kind, value))
    return blocks


def course_read(folder: Path = COURSE_DIR) -> dict[str, dict]:
    """The course in each language, modules and lessons nested, as the pages take it."""
    course = read_toml(folder / "course.toml")
    text = {code: _localised(course, code) | {"modules": []} for code in LANGUAGES}
    for module_dir in numbered(folder):
        module = read_toml(module_dir / "module.toml")
        for code in LANGUAGES:
            text[code]["modules"].append(_localised(module, code) | {"lessons": []})
        for lesson_dir in numbered(module_dir):
            lesson = read_toml(lesson_dir / "lesson.toml")
            bodies = {code: _lesson_blocks(lesson_dir, code) for code in LANGUAGES}
            kinds = {code: [kind for kind, _value in bodies[code]] for code in LANGUAGES}
            if len({tuple(k) for k in kinds.values()}) > 1:
                raise ValueError(f"{lesson_dir}: the languages have different blocks: {kinds}")
            for code in LANGUAGES:
                text[code]["modules"][-1]["lessons"].append(
                    _localised(lesson, code) | {"body": bodies[code]}
                )
    return text


COURSE = course_read()


def _publish(page: Page, fields: dict) -> Page:
    page = page.specific_class.objects.get(pk=page.pk)
    for name, value in fields.items():
        setattr(page, name, value)
    page.save_revision().publish()
    return page.specific_class.objects.get(pk=page.pk)


def _rich_list(items: list[str]) -> str:
    return "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"


def _block(kind: str, value, start: datetime.date):
    if kind == "text":
        return {"type": "text", "value": value}
    if kind == "quiz":
        return {
            "type": "quiz",
            "value": {
                "title": value["title"],
                "introduction": value.get("introduction", ""),
                "mode": value["mode"],
                "final": value["final"],
                "required": value["required"],
                "max_attempts": value["max_attempts"],
                "policy": value["policy"],
                "pass_mark": value["pass_mark"],
                "questions": [
                    {
                        "text": q["text"],
                        "kind": q["kind"],
                        "explanation": q["explanation"],
                        "choices": [
                            {"text": c["text"], "correct": c["correct"], "feedback": c["feedback"]}
                            for c in q["choices"]
                        ],
                    }
                    for q in value["questions"]
                ],
            },
        }
    if kind == "assignment":
        return {
            "type": "assignment",
            "value": {
                "title": value["title"],
                "instructions": value["instructions"],
                "due_week": value["due_week"],
                "accepts": value["accepts"],
                "required": value["required"],
            },
        }
    if kind == "forum_task":
        return {"type": "forum_task", "value": dict(value)}
    if kind == "live_session":
        # Relative to a cohort's start: every cohort gets its own date (lms schedule).
        return {
            "type": "live_session",
            "value": {
                "title": value["title"],
                "week": value["week"],
                "weekday": str(value["weekday"]),
                "date": None,
                "time": value["time"].isoformat(),
                "time_zone": value["time_zone"],
                "minutes": value["minutes"],
                "join_url": value["join_url"],
                "recording_url": "",
                "description": value["description"],
            },
        }
    if kind == "reading_list":
        return {
            "type": "reading_list",
            "value": [
                {
                    "title": r["title"],
                    "author": r["author"],
                    "url": r["url"],
                    "document": None,
                    "note": r["note"],
                }
                for r in value
            ],
        }
    if kind == "survey":
        return {
            "type": "survey",
            "value": {
                "title": value["title"],
                "introduction": value.get("introduction", ""),
                "required": value["required"],
                "questions": [{"text": q["text"], "kind": q["kind"]} for q in value["questions"]],
            },
        }
    raise ValueError(kind)


def _course_fields(text: dict) -> dict:
    return {
        "title": text["title"],
        "slug": text["slug"],
        "summary": text["summary"],
        "objectives": _rich_list(text["objectives"]),
        "audience": text["audience"],
        "duration_weeks": text["duration_weeks"],
        "weekly_hours": text["weekly_hours"],
        "certificate_hours": text["certificate_hours"],
        "min_final_score": text["min_final_score"],
    }


def _module_fields(module: dict) -> dict:
    return {
        "title": module["title"],
        "slug": module["slug"],
        "number": module["number"],
        "introduction": module["intro"],
        "opens_week": module["opens_week"],
        "closes_week": module["closes_week"],
    }


def _lesson_fields(lesson: dict, start: datetime.date) -> dict:
    return {
        "title": lesson["title"],
        "slug": lesson["slug"],
        "minutes": lesson["minutes"],
        "body": [_block(kind, value, start) for kind, value in lesson["body"]],
    }


def ensure_catalogues() -> dict[str, CourseIndexPage]:
    """The course catalogue page under each language's home page."""
    catalogue = read_toml("courses/catalogue.toml")
    site = Site.objects.get(is_default_site=True)
    spanish_home = site.root_page
    indexes = {}
    spanish = CourseIndexPage.objects.filter(locale__language_code="es").first()
    if spanish is None:
        spanish = CourseIndexPage(**catalogue["es"], show_in_menus=False)
        spanish_home.add_child(instance=spanish)
        spanish = _publish(spanish, {})
    indexes["es"] = spanish
    for code in ("en", "pt", "fr"):
        locale = Locale.objects.get(language_code=code)
        existing = spanish.get_translation_or_none(locale)
        if existing is None:
            existing = _publish(spanish.copy_for_translation(locale), catalogue[code])
        indexes[code] = existing.specific
    return indexes


def ensure_course(start: datetime.date) -> dict[str, CoursePage]:
    indexes = ensure_catalogues()
    spanish = CoursePage.objects.filter(
        locale__language_code="es", slug=COURSE["es"]["slug"]
    ).first()
    courses = {}
    if spanish is None:
        spanish = CoursePage(**_course_fields(COURSE["es"]))
        indexes["es"].add_child(instance=spanish)
        spanish.themes.set(Theme.objects.filter(code__in=COURSE["es"]["themes"]))
        spanish = _publish(spanish, {})
        for module in COURSE["es"]["modules"]:
            module_page = ModulePage(**_module_fields(module))
            spanish.add_child(instance=module_page)
            module_page = _publish(module_page, {})
            for lesson in module["lessons"]:
                fields = _lesson_fields(lesson, start)
                lesson_page = LessonPage(**{k: v for k, v in fields.items() if k != "body"})
                module_page.add_child(instance=lesson_page)
                _publish(lesson_page, {"body": fields["body"]})
    courses["es"] = spanish
    for code in TRANSLATIONS:
        courses[code] = _ensure_translation(spanish, code, start)
    return courses


def _ensure_translation(spanish: CoursePage, code: str, start: datetime.date) -> CoursePage:
    """The course in language ``code``: each page copied from its Spanish source
    (``copy_for_translation``, which records the source revision it was made from)
    and given the text of ``code``'s data files."""
    locale = Locale.objects.get(language_code=code)
    translated = spanish.get_translation_or_none(locale)
    if translated is not None:
        return translated.specific
    text = COURSE[code]
    translated = _publish_copy(spanish.copy_for_translation(locale), _course_fields(text))
    for module_page, module in zip(spanish.modules(), text["modules"], strict=True):
        _publish_copy(module_page.copy_for_translation(locale), _module_fields(module))
        for lesson_page, lesson in zip(module_page.lessons(), module["lessons"], strict=True):
            _publish_copy(lesson_page.copy_for_translation(locale), _lesson_fields(lesson, start))
    return CoursePage.objects.get(pk=translated.pk)  # as published (slug, url, live)


def _publish_copy(page: Page, fields: dict) -> Page:
    """A page fresh from ``copy_for_translation`` (specific, saved, a draft), given its
    text and published: no fetch before or after (publishing writes the revision's
    copy of the page: this object keeps the copy's slug and draft state), and no
    second validation of the revision (the page was validated when saved)."""
    for name, value in fields.items():
        setattr(page, name, value)
    page.save_revision(clean=False).publish()
    return page

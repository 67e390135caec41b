"""The demo's data files (demo/data/) and how demo/files.py reads them."""

import re
import tomllib

import pytest

from demo.courses import COURSE, course_read
from demo.files import DATA, markdown_html, markdown_paragraphs, numbered, read_markdown

# What the lesson blocks' rich text allows (courses/blocks.py TEXT_FEATURES).
RICH_TEXT_TAGS = {"h2", "h3", "h4", "p", "strong", "em", "ul", "ol", "li", "a", "blockquote"}


def test_markdown_becomes_wagtail_rich_text_on_one_line():
    text = '## A "section"\n\nA paragraph that\nwraps, **bold**.\n\n- one\n- two\n\n1. first\n'
    assert markdown_html(text) == (
        '<h2>A "section"</h2><p>A paragraph that wraps, <strong>bold</strong>.</p>'
        "<ul><li>one</li><li>two</li></ul><ol><li>first</li></ol>"
    )


def test_raw_html_in_markdown_is_text():
    assert markdown_html("<script>x</script> & more") == (
        "<p>&lt;script&gt;x&lt;/script&gt; &amp; more</p>"
    )


def test_paragraphs_each_on_their_own():
    assert markdown_paragraphs("One\nline.\n\nTwo.") == ["<p>One line.</p>", "<p>Two.</p>"]


def test_front_matter_then_body(tmp_path):
    path = tmp_path / "1-assignment.es.md"
    path.write_text('+++\ntitle = "Tarea"\ndue_week = 6\n+++\n\nHaga esto.\n', encoding="utf-8")
    assert read_markdown(path) == ({"title": "Tarea", "due_week": 6}, "Haga esto.")
    path.write_text("Sin ajustes.\n", encoding="utf-8")
    assert read_markdown(path) == ({}, "Sin ajustes.")
    path.write_text('+++\ntitle = "Tarea"\n', encoding="utf-8")
    with pytest.raises(ValueError, match="front matter"):
        read_markdown(path)


def test_numbered_entries_follow_their_numbers(tmp_path):
    for name in ("10-ten.toml", "2-two.toml", "1-one.toml", "lesson.toml"):
        (tmp_path / name).write_text("", encoding="utf-8")
    assert [path.name for path in numbered(tmp_path)] == ["1-one.toml", "2-two.toml", "10-ten.toml"]


@pytest.mark.parametrize(
    "path", sorted(DATA.rglob("*.toml")), ids=lambda path: str(path.relative_to(DATA))
)
def test_every_toml_file_reads(path):
    with path.open("rb") as fh:
        assert tomllib.load(fh)


@pytest.mark.parametrize(
    "path", sorted(DATA.rglob("*.md")), ids=lambda path: str(path.relative_to(DATA))
)
def test_every_markdown_file_reads(path):
    _settings, body = read_markdown(path)
    assert body


def test_course_has_the_same_shape_in_both_languages():
    spanish, english = course_read()["es"], course_read()["en"]
    assert len(spanish["modules"]) == len(english["modules"])
    for module_es, module_en in zip(spanish["modules"], english["modules"], strict=True):
        assert module_es["opens_week"] == module_en["opens_week"]
        lessons = zip(module_es["lessons"], module_en["lessons"], strict=True)
        for lesson_es, lesson_en in lessons:
            assert [kind for kind, _value in lesson_es["body"]] == [
                kind for kind, _value in lesson_en["body"]
            ]


def test_lesson_text_uses_only_what_the_rich_text_allows():
    for code in ("es", "en"):
        for module in COURSE[code]["modules"]:
            for lesson in module["lessons"]:
                for kind, value in lesson["body"]:
                    if kind not in ("text", "assignment", "forum_task"):
                        continue
                    html = value if kind == "text" else value["instructions"]
                    tags = set(re.findall(r"</?([a-z0-9]+)", html))
                    assert tags <= RICH_TEXT_TAGS, (lesson["slug"], tags - RICH_TEXT_TAGS)

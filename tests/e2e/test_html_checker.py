"""The HTML checker every browser test ends with (tests/html_checker.py) finds errors:
it cannot pass for want of looking."""

import pytest

from tests.html_checker import Document, RecordPagesMiddleware, recorded_in

pytestmark = pytest.mark.e2e

PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>A session</title></head>
<body><p>Starts <time datetime="{when}">on 5 December</time>.</p></body></html>
"""


def test_an_invalid_page_fails_and_a_valid_one_passes(html_checker):
    # Python's isoformat() with microseconds: six digits where HTML allows three.
    wrong = Document("/en/wrong/", PAGE.format(when="2026-12-05T13:38:52.263777-05:00").encode())
    right = Document("/en/right/", PAGE.format(when="2026-12-05T13:38:52-05:00").encode())

    problems = html_checker.problems([wrong, right])

    assert len(problems) == 1, problems
    assert problems[0].startswith("/en/wrong/:3: Bad value")
    assert "A fraction of a second must be one, two, or three digits" in problems[0]
    assert html_checker.problems([right]) == []


def test_a_started_server_keeps_its_pages_and_nothing_else(rf, tmp_path, monkeypatch):
    from django.http import HttpResponse

    monkeypatch.setenv("TEST_RECORD_PAGES_DIR", str(tmp_path))
    answers = {
        "/en/page/": HttpResponse(b"<!DOCTYPE html><p>page"),
        "/en/file.csv": HttpResponse(b"a,b", content_type="text/csv"),
        "/admin/pages/": HttpResponse(b"<!DOCTYPE html><p>Wagtail's"),
        "/en/missing/": HttpResponse(b"<!DOCTYPE html><p>404", status=404),
    }
    middleware = RecordPagesMiddleware(lambda request: answers[request.path])

    for path in answers:
        middleware(rf.get(path, {"q": "x"}))
    middleware(rf.post("/en/page/"))

    assert recorded_in(tmp_path) == [Document("/en/page/?q=x", b"<!DOCTYPE html><p>page")]
    assert recorded_in(tmp_path) == []

"""Every page of the demo course, in each of the four languages, is valid HTML: the
course's texts come from data files (demo/data/courses/) whose headings and lists go
into the pages as they are written, and the browser tests see only the pages they
visit (marked e2e: it needs Java and the checker, as the browser tests do)."""

import pytest
from django.test import Client

from courses.models import CoursePage, LessonPage, ModulePage
from lms.models import User
from tests.html_checker import Document

pytestmark = pytest.mark.e2e


def test_every_page_of_the_course_is_valid_html_in_every_language(demo, html_checker):
    html_checker.start()
    reader = Client()
    reader.force_login(User.objects.get(email="tutor@example.org"))  # reads every lesson
    documents = []
    for model in (CoursePage, ModulePage, LessonPage):
        for page in model.objects.live():
            url = page.get_url()
            response = reader.get(url)
            assert response.status_code == 200, url
            documents.append(Document(url, response.content))
    assert {document.url.split("/")[1] for document in documents} == {"es", "en", "pt", "fr"}
    problems = html_checker.problems(documents)
    assert not problems, "The Nu HTML Checker found errors:\n" + "\n".join(problems)

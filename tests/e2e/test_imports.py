"""The secretariat enrols learners from a CSV file and follows the import live; the
cohort's certificates zipped by the worker are followed on the same kind of page.

Tasks go to the database queue, as in production. The worker is the real
``db_worker`` command, run in this process between two polls of the progress
page: the page's request for the JSON is held (a Playwright route) while the
worker takes one task from the queue, one batch of two lines, and then goes on
to the server. So the bar moves batch by batch, live, without the worker and
the live server ever using the test database at the same time.
"""

import re

from django.core import mail

from lms.choices import Role
from lms.models import Enrolment, ImportJob
from lms.services import jobs
from tests.e2e.conftest import E2E, axe_violations, guarded_context, sign_in
from tests.factories import PASSWORD, ProfileFactory, UserFactory
from tests.mfa import totp_enable

pytestmark = E2E

LINES = 7


def _tab_to(page, condition: str, limit: int = 60) -> None:
    """Press Tab until ``condition`` (JavaScript about document.activeElement) holds."""
    for _step in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"(() => {{ const e = document.activeElement; return {condition}; }})()"):
            return
    raise AssertionError(f"not reachable with Tab: {condition}")


def _secretariat():
    secretariat = UserFactory(full_name="Secretaría Técnica", roles=[Role.SECRETARIAT])
    ProfileFactory(user=secretariat)
    totp_enable(secretariat)
    return secretariat


def _worker_between_polls(page, prefix: str, run_worker):
    """Hold each request of the page for its progress JSON (under ``prefix``) while the
    worker takes one task, once ``advance["on"]``; returns the errors of the page and
    of the worker, the switch, and the polls seen."""
    errors, advance, polls = [], {"on": False}, []
    page.on("pageerror", lambda error: errors.append(str(error)))

    def between_polls(route):
        polls.append(route.request.url)
        if advance["on"]:
            try:
                run_worker(max_tasks=1)
            except Exception as error:  # reported at the end
                errors.append(repr(error))
        route.fallback()

    page.route(re.compile(rf".*{re.escape(prefix)}\d+/progress/.*"), between_polls)
    return errors, advance, polls


def test_the_secretariat_follows_an_enrolment_import_live(
    page, browser, live_server, site_content, database_tasks, monkeypatch, step_clock
):
    from playwright.sync_api import expect

    from tests.course_fixtures import build_course

    run_worker = database_tasks
    monkeypatch.setattr(jobs, "BATCH", 2)
    monkeypatch.setattr(jobs, "BATCHES_PER_TASK", 1)
    world = build_course()
    secretariat = _secretariat()
    run_worker()  # the search and reference index updates of the course's pages
    # One task (one batch of two lines) between two polls, once the worker is on.
    errors, advance, polls = _worker_between_polls(page, "/me/imports/", run_worker)

    sign_in(page, secretariat.email, PASSWORD, clock=step_clock)
    page.goto(f"/es/manage/cohorts/{world.cohort.pk}/")
    # With the keyboard only: the link, the text box, the button.
    _tab_to(page, "e.textContent.trim() === 'Inscribir participantes desde un archivo CSV'")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r".*/import/$"))
    _tab_to(page, "e.id === 'id_text'")
    lines = ["email,name,country,institution,group"] + [
        f"persona{number}@example.org,Persona {number},CL,Ministerio,A" for number in range(LINES)
    ]
    page.keyboard.type("\n".join(lines))
    _tab_to(page, "e.textContent.trim() === 'Verificar e inscribir'")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r".*/me/imports/\d+/$"))
    job = ImportJob.objects.get()
    assert job.status == ImportJob.Status.QUEUED
    bar = page.locator("#import-bar")
    expect(bar).to_have_attribute("max", str(LINES))
    expect(bar).to_have_attribute("value", "0")
    page.evaluate(
        """() => {
            const bar = document.getElementById('import-bar');
            window.seenValues = [];
            new MutationObserver(() => window.seenValues.push(bar.value))
                .observe(bar, {attributes: true, attributeFilter: ['value']});
        }"""
    )
    assert axe_violations(page) == []
    page.wait_for_timeout(2500)
    assert polls  # the page asks for news while the job waits
    assert not Enrolment.objects.filter(user__email__startswith="persona").exists()

    # Without JavaScript the page refreshes itself while the job runs.
    context, foreign = guarded_context(browser, live_server.url, java_script_enabled=False)
    try:
        plain = context.new_page()
        # Signed in again at once: the app's next code, without waiting for it.
        sign_in(plain, secretariat.email, PASSWORD, clock=step_clock)
        plain.goto(page.url)
        expect(plain.locator("#import-bar")).to_have_attribute("value", "0")
        with plain.expect_navigation(url=page.url, timeout=8000):
            pass  # the <noscript> refresh
        assert plain.locator(f'a[href="{page.url.removeprefix(live_server.url)}"]').count() == 1
    finally:
        context.close()
    assert not foreign

    # The worker goes to work: the bar reaches the end, batch by batch, live.
    advance["on"] = True
    expect(bar).to_have_attribute("value", str(LINES), timeout=30_000)
    expect(page.locator('[data-count="added"]')).to_have_text(str(LINES))
    expect(page.locator('[data-count="invitations_sent"]')).to_have_text(str(LINES))
    expect(page.locator('[data-count="created_accounts"]')).to_have_text(str(LINES))
    expect(page.locator("#import-running")).to_be_hidden()
    seen = [int(value) for value in page.evaluate("window.seenValues")]
    assert seen == sorted(seen) and seen[-1] == LINES
    assert len(set(seen) - {0, LINES}) >= 2, seen  # it moved in steps, not at once
    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        f"persona{number}@example.org" for number in range(LINES)
    )
    assert axe_violations(page) == []

    # The summary's link back to the cohort, with the keyboard.
    cohort_path = f"/es/manage/cohorts/{world.cohort.pk}/"
    _tab_to(page, f"e.getAttribute('href') === '{cohort_path}' && !e.closest('nav')")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(rf".*{cohort_path}$"))
    assert Enrolment.objects.filter(cohort=world.cohort).count() == LINES + 1
    assert errors == []


def test_the_secretariat_follows_a_zip_of_certificates_and_downloads_it(
    page, live_server, site_content, database_tasks
):
    """The same progress page for the cohort's certificates: asked for from the
    cohort's page, written by the worker between two polls, then downloaded."""
    from playwright.sync_api import expect

    from lms.models import CertificateArchive
    from lms.services.certificates import certificate_issue
    from tests.course_fixtures import build_course

    run_worker = database_tasks
    world = build_course()
    enrolment = Enrolment.objects.get(user=world.learner)
    enrolment.status = Enrolment.Status.COMPLETED
    enrolment.save()
    certificate_issue(enrolment=enrolment)
    secretariat = _secretariat()
    run_worker()  # the search and reference index updates of the course's pages
    errors, advance, _polls = _worker_between_polls(page, "/certificates/", run_worker)
    sign_in(page, secretariat.email, PASSWORD)
    page.goto(f"/es/manage/cohorts/{world.cohort.pk}/")
    page.locator(
        f'form[action="/es/manage/cohorts/{world.cohort.pk}/certificates/"] button'
    ).click()
    page.wait_for_url(re.compile(r".*/certificates/\d+/$"))
    archive = CertificateArchive.objects.get()
    assert archive.status == CertificateArchive.Status.QUEUED
    expect(page.locator("#archive-ready")).to_be_hidden()
    assert axe_violations(page) == []

    advance["on"] = True
    ready = page.locator("#archive-ready")
    expect(ready).to_be_visible(timeout=30_000)
    expect(page.locator("#archive-bar")).to_have_attribute("value", "1")
    expect(page.locator("#archive-counts")).to_contain_text("1")
    expect(page.locator("#archive-running")).to_be_hidden()
    assert axe_violations(page) == []
    with page.expect_download() as download:
        ready.locator("a").click()
    assert download.value.suggested_filename == f"certificates-cohort-{world.cohort.pk}.zip"
    assert errors == []

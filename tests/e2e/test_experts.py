"""The experts network in Debian's chromium, through the real Daphne server.

An official finds an expert in the directory, asks her a question, and the
expert answers in the question's live chat: the answer reaches the official's
page over the WebSocket, without a reload, and she marks it as the one that
helped. The server is test_chat's: Daphne on a throwaway SQLite database with
the demo content (``load_demo``), so the demo people and experts are there.
"""

import re

import pytest

from tests.e2e.conftest import axe_violations, guarded_context, sign_in
from tests.e2e.test_chat import chat_site  # noqa: F401  (the Daphne server fixture)

pytestmark = pytest.mark.e2e

PASSWORD = "rial-demo-2026"  # the demo's published password
OFFICIAL = "learner@example.org"  # María Fernanda, Costa Rica
EXPERT = "expert@example.org"  # Patrícia Alves de Souza: pt/es/en, fundamental rights
OTHER_EXPERT = "Marie-Claude Tremblay"  # fr/en/es, telework
# Violence and harassment at work is an application of fundamental rights in Annex I.
HARASSMENT = "Aplicación de los derechos fundamentales"


def _signed_in(browser, base_url, email):
    context, foreign = guarded_context(browser, base_url)
    page = context.new_page()
    sign_in(page, email, PASSWORD)
    return context, page, foreign


def _wait_online(page):
    page.wait_for_selector('#chat-status[data-state="online"]')


def _status_tag(page):
    return page.locator(".question .meta .tag").first


def _no_violations(page, where):
    violations = axe_violations(page)
    assert violations == [], f"{where}: {violations}"


def test_official_finds_an_expert_asks_and_marks_the_live_answer_helpful(
    browser,
    chat_site,  # noqa: F811
):
    official_ctx, official, official_foreign = _signed_in(browser, chat_site, OFFICIAL)
    expert_ctx, expert, expert_foreign = _signed_in(browser, chat_site, EXPERT)
    try:
        # The directory lists both experts before filtering.
        official.goto("/es/experts/")
        cards = official.locator(".expert-card")
        cards.filter(has_text=OTHER_EXPERT).wait_for()
        theme = official.locator("select[name=theme]")
        label = theme.locator("option", has_text=HARASSMENT).inner_text().strip()
        assert re.fullmatch(rf".+ — {HARASSMENT}", label), label
        theme.select_option(label=label)
        official.locator("select[name=language]").select_option("pt")
        # Sent with the keyboard: Enter in the search box submits the filters.
        official.locator("main input[name=q]").press("Enter")
        official.wait_for_url(re.compile(r"/es/experts/\?.*language=pt"))
        assert official.locator("select[name=language]").input_value() == "pt"
        patricia = cards.filter(has_text="Patrícia Alves de Souza")
        patricia.wait_for()
        assert cards.filter(has_text=OTHER_EXPERT).count() == 0
        assert cards.count() == 1

        # Her profile, then the ask button ("Ask Patrícia a question").
        patricia.get_by_role("link", name="Patrícia Alves de Souza").click()
        official.wait_for_url(re.compile(r"/es/experts/\d+/$"))
        expert_id = re.search(r"/experts/(\d+)/$", official.url).group(1)
        official.get_by_role("heading", level=1, name="Patrícia Alves de Souza").wait_for()
        ask = official.locator(f'a[href$="/experts/ask/?expert={expert_id}"]')
        assert re.search(r"Patrícia", ask.inner_text()), ask.inner_text()
        ask.click()
        official.wait_for_url(re.compile(rf"/es/experts/ask/\?expert={expert_id}$"))
        assert official.locator("select[name=expert]").input_value() == expert_id
        official.locator("input[name=title]").fill(
            "¿Qué plazo fijar para la primera respuesta a una denuncia de acoso?"
        )
        official.locator("textarea[name=body]").fill(
            "Revisamos el **protocolo** del ministerio y no sabemos si 5 o 10 días hábiles."
        )
        official.locator("form:has(textarea[name=body]) button[type=submit]").click()
        official.wait_for_url(re.compile(r"/es/experts/questions/\d+/$"))
        question_url = official.url
        official.get_by_role("heading", level=1, name="¿Qué plazo fijar").wait_for()
        official.locator(".question .user-text strong", has_text="protocolo").wait_for()
        waiting = _status_tag(official)
        assert "tag--warn" in (waiting.get_attribute("class") or "")
        _wait_online(official)

        # The expert opens the same question and answers in its chat.
        expert.goto(question_url)
        _wait_online(expert)
        expert.locator("#chat-body").fill(
            "Recomiendo **cinco días hábiles** para la primera respuesta."
        )
        expert.locator("#chat-body").press("Enter")

        # The answer reaches the official's page live, with its helpful button.
        answer = official.locator("#chat-log li[data-id]", has_text="cinco días hábiles")
        answer.locator(".chat__body strong", has_text="cinco días hábiles").wait_for()
        assert official.locator("#chat-log li[data-id]").count() == 1
        assert answer.locator(".chat__author").inner_text() == "Patrícia Alves de Souza"
        # The status says "answered" at once, and the waiting notice goes.
        official.locator("#question-status.tag--ok").wait_for()
        assert official.locator("#question-waiting").is_hidden()
        seq = answer.get_attribute("data-id")
        # The expert never gets the button (she is not the asker).
        expert.locator(f"#m-{seq}").wait_for()
        assert expert.locator(".chat__helpful").count() == 0

        answer.locator(".chat__helpful button").click()
        official.wait_for_load_state("load")
        marked = official.locator(f"#m-{seq} .chat__helpful .tag--ok")
        marked.wait_for()
        assert marked.inner_text().strip() in {"This answer helped", "Esta respuesta ayudó"}
        # Marked once: no button left on that message.
        assert official.locator(f"#m-{seq} .chat__helpful button").count() == 0

        # The question now shows as answered.
        status = _status_tag(official)
        assert "tag--ok" in (status.get_attribute("class") or "")
        assert status.inner_text().strip() in {"Respondida", "Answered"}
        _no_violations(official, "question page after marking the answer")
    finally:
        official_ctx.close()
        expert_ctx.close()
    assert not official_foreign and not expert_foreign


def test_expert_pages_pass_axe(browser, chat_site):  # noqa: F811
    context, page, foreign = _signed_in(browser, chat_site, OFFICIAL)
    try:
        # Keyboard: Tab from the search box through the filters to the Find button,
        # Enter submits the form.
        page.goto("/es/experts/")
        _no_violations(page, "/es/experts/")
        page.locator("main input[name=q]").focus()
        page.keyboard.type("Tremblay")
        submit = page.locator("main form[role=search] button[type=submit]")
        submit_text = submit.inner_text().strip()
        for _step in range(10):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.textContent.trim()") == submit_text:
                break
        else:
            raise AssertionError("the directory's submit button is not reachable with Tab")
        page.keyboard.press("Enter")
        page.wait_for_url(re.compile(r"/es/experts/\?q=Tremblay"))
        cards = page.locator(".expert-card")
        cards.filter(has_text=OTHER_EXPERT).wait_for()
        assert cards.count() == 1
        _no_violations(page, "/es/experts/?q=Tremblay")

        # A profile.
        cards.get_by_role("link", name=OTHER_EXPERT).click()
        page.get_by_role("heading", level=1, name=OTHER_EXPERT).wait_for()
        _no_violations(page, page.url)

        # Office hours: the list, the upcoming session, the past one's transcript.
        page.goto("/es/experts/office-hours/")
        _no_violations(page, page.url)
        upcoming = page.locator("section[aria-labelledby=upcoming-title] .session a")
        past = page.locator("section[aria-labelledby=past-title] .session a")
        assert upcoming.count() == 1 and past.count() == 1
        past_url = past.get_attribute("href")
        upcoming.click()
        page.get_by_role("heading", level=1, name="Protocolos para atender").wait_for()
        _no_violations(page, page.url)
        page.goto(past_url)
        page.get_by_role("heading", level=1, name="Teletrabajo").wait_for()
        page.locator("#chat-log li[data-id]").first.wait_for()
        assert page.locator("#chat-log li[data-id]").count() == 4
        _no_violations(page, page.url)

        # The ask page, with and without a chosen expert, and a question page.
        page.goto("/es/experts/ask/")
        _no_violations(page, page.url)
        page.goto("/es/experts/questions/")
        _no_violations(page, page.url)
        page.get_by_role("link", name=re.compile("Convenio 190")).first.click()
        page.wait_for_url(re.compile(r"/es/experts/questions/\d+/$"))
        _wait_online(page)
        _no_violations(page, page.url)
    finally:
        context.close()
    assert not foreign

"""Two people chat in Debian's chromium through a real Daphne server.

pytest-django's live server speaks only HTTP, so this module starts Daphne
itself, as production does, on a throwaway SQLite database holding the demo
content (and on the Redis channel layer when ``REDIS_URL`` is set). Two browser
contexts sign in as two workshop participants. Their WebSocket goes through a
Playwright route, which lets the test do what networks do: drop a frame
(the browser must notice the hole in the ids and fetch it) and cut the
connection while the laptop is offline (it must reconnect, resend what was
written meanwhile, and receive what it missed).
"""

import contextlib
import json
import os
import re
import subprocess

import pytest
from django.utils import translation
from playwright.sync_api import expect

from forum.consumers import ENDINGS
from lms.services.push import vapid_keys_generate
from tests.e2e.conftest import axe_violations, guarded_context, sign_in
from tests.processes import BIN, ROOT, demo_site
from tests.push import BrowserKeys, b64url_decode, running_push_service, vapid_claims

pytestmark = pytest.mark.e2e

PASSWORD = "rial-demo-2026"  # the demo's published password
ROOM = "/es/chat/taller-bogota-2022/"
PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


# Base URL of a demo site -> its server's folder (its SQLite database is there).
SITE_FOLDERS = {}


# Base URL of a demo site -> its VAPID keys (push is on, to a local push service).
SITE_PUSH_KEYS = {}
SITE_PRIVATE_KEYS = {}


@pytest.fixture(scope="module")
def chat_site(tmp_path_factory):
    """Daphne serving the demo site; yields its base URL."""
    workdir = tmp_path_factory.mktemp("chat-site")
    public, private = vapid_keys_generate()
    with demo_site(
        workdir,
        TEST_REDIS_PREFIX=f"riale2e{os.getpid()}",
        WEB_PUSH_VAPID_PUBLIC_KEY=public,
        WEB_PUSH_VAPID_PRIVATE_KEY=private,
        WEB_PUSH_ALLOW_LOCAL_ENDPOINTS="1",
    ) as base_url:
        SITE_PUSH_KEYS[base_url] = public
        SITE_PRIVATE_KEYS[base_url] = private
        SITE_FOLDERS[base_url] = workdir
        yield base_url
        SITE_FOLDERS.pop(base_url, None)
        SITE_PUSH_KEYS.pop(base_url, None)
        SITE_PRIVATE_KEYS.pop(base_url, None)


class FlakyNetwork:
    """Sits between a page and the chat server: can drop frames and go offline."""

    def __init__(self, context):
        self.context = context
        self.offline = False
        self.drop_message_ids: set[int] = set()
        self.dropped: list[int] = []
        self.sockets = []
        self.attempts = 0
        context.route_web_socket(re.compile(r".*/ws/chat/.*"), self._route)

    def _route(self, ws):
        self.attempts += 1
        if self.offline:
            ws.close()
            return
        server = ws.connect_to_server()
        self.sockets.append(ws)

        def from_server(frame):
            match = re.match(r'\{"type":"message","id":(\d+),', frame)
            if match and int(match.group(1)) in self.drop_message_ids:
                self.drop_message_ids.discard(int(match.group(1)))
                self.dropped.append(int(match.group(1)))
                return
            ws.send(frame)

        server.on_message(from_server)

    def go_offline(self):
        self.offline = True
        self.context.set_offline(True)
        for ws in self.sockets:
            ws.close()
        self.sockets.clear()

    def go_online(self):
        self.offline = False
        self.context.set_offline(False)


def _open_room(browser, base_url, email, room=ROOM, **options):
    """``options`` go to the browser context (timezone_id, viewport)."""
    context, foreign = guarded_context(browser, base_url, **options)
    network = FlakyNetwork(context)
    page = context.new_page()
    sign_in(page, email, PASSWORD)
    page.goto(room)
    _wait_online(page)
    return context, page, network, foreign


@contextlib.contextmanager
def _in_room(browser, base_url, email, **options):
    """(context, page, network) of someone in the room; closed after, nothing foreign."""
    context, page, network, foreign = _open_room(browser, base_url, email, **options)
    try:
        yield context, page, network
    finally:
        context.close()
    assert not foreign


def _wait_online(page):
    page.wait_for_selector('#chat-status[data-state="online"]')


def _say(page, text):
    page.get_by_label("Su mensaje").fill(text)
    page.get_by_label("Su mensaje").press("Enter")


def _ids(page):
    return [
        int(i)
        for i in page.locator("#chat-log li[data-id]").evaluate_all(
            "items => items.map(item => item.dataset.id)"
        )
    ]


def _bodies(page):
    return page.locator("#chat-log li[data-id] .chat__body").all_inner_texts()


def test_two_people_chat_and_nothing_is_lost_offline(browser, chat_site):
    diego_ctx, diego, _diego_net, diego_foreign = _open_room(
        browser, chat_site, "learner2@example.org"
    )
    marcelo_ctx, marcelo, marcelo_net, marcelo_foreign = _open_room(
        browser, chat_site, "learner7@example.org"
    )
    try:
        history = _ids(diego)
        assert history == _ids(marcelo) and history, "both see the same history"
        start = history[-1]

        # Presence and live delivery, markdown rendered by the server.
        diego.locator("#chat-present", has_text="Marcelo Duarte Rivas").wait_for()
        _say(diego, "Hola Marcelo, ¿avanzó la **mesa tripartita**?")
        marcelo.locator(f"#m-{start + 1} strong", has_text="mesa tripartita").wait_for()

        # The channel layer may drop a frame: Marcelo's browser sees id n+3 after
        # n+1, asks for the hole and shows all three in order.
        marcelo_net.drop_message_ids.add(start + 2)
        _say(diego, "Segundo mensaje")
        _say(diego, "Tercer mensaje")
        marcelo.locator(f"#m-{start + 3}").wait_for()
        marcelo.locator(f"#m-{start + 2}").wait_for()
        assert marcelo_net.dropped == [start + 2]
        assert _ids(marcelo)[-3:] == [start + 1, start + 2, start + 3]

        # Marcelo's laptop loses the network: the page says so and keeps his words.
        marcelo_net.go_offline()
        marcelo.wait_for_selector('#chat-status[data-state="offline"]')
        _say(diego, "Mensaje mientras Marcelo no está")
        diego.locator(f"#m-{start + 4}").wait_for()
        _say(marcelo, "Escrito sin red, enviado al volver")
        assert marcelo.locator(".chat__message--pending").count() == 1

        # Back online: he reconnects, gets what he missed, and his message goes
        # out once.
        marcelo_net.go_online()
        _wait_online(marcelo)
        marcelo.locator(f"#m-{start + 5}").wait_for()
        diego.locator(f"#m-{start + 5}").wait_for()
        assert marcelo.locator(".chat__message--pending").count() == 0
        expected = [*history, *range(start + 1, start + 6)]
        assert _ids(marcelo) == expected
        assert _ids(diego) == expected
        assert _bodies(diego)[-1] == "Escrito sin red, enviado al volver"
        assert _bodies(marcelo)[-2] == "Mensaje mientras Marcelo no está"

        # What the server kept is the same, once each: reload and compare.
        marcelo.reload()
        _wait_online(marcelo)
        assert _ids(marcelo) == expected
        assert _bodies(marcelo)[-2:] == [
            "Mensaje mientras Marcelo no está",
            "Escrito sin red, enviado al volver",
        ]
    finally:
        diego_ctx.close()
        marcelo_ctx.close()
    assert not diego_foreign and not marcelo_foreign


def test_chat_pages_pass_axe_and_work_with_the_keyboard(browser, chat_site):
    context, page, _network, foreign = _open_room(browser, chat_site, "expert@example.org")
    try:
        assert axe_violations(page) == []
        # From the composer, Tab reaches Send and Enter on it sends.
        page.get_by_label("Su mensaje").focus()
        page.keyboard.type("Respuesta con el teclado")
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.textContent.trim()") == "Enviar"
        page.keyboard.press("Enter")
        page.locator(
            "#chat-log li[data-id] .chat__body", has_text="Respuesta con el teclado"
        ).wait_for()
        # The moderator sees the moderation form; the page still passes axe.
        assert page.get_by_role("button", name="Silenciar").is_visible()
        assert axe_violations(page) == []
        page.goto("/es/chat/")
        page.get_by_role("link", name=re.compile("Conversación del taller")).wait_for()
        assert axe_violations(page) == []
    finally:
        context.close()
    assert not foreign


SPACE = "taller-dialogo-social-bogota-2022"


def test_the_page_follows_a_hold_and_stops_after_a_logout(browser, chat_site):
    with (
        _in_room(browser, chat_site, "learner2@example.org") as (diego_ctx, diego, diego_net),
        _in_room(browser, chat_site, "expert@example.org") as (_ctx, moderator, _net),
    ):
        composer = diego.get_by_label("Su mensaje")
        row = moderator.locator("tr", has_text="Diego Armando Salazar")

        # The workshop's moderator puts Diego on hold: his open page becomes
        # read-only at once and says why, in his language.
        moderator.goto(f"/es/forums/{SPACE}/members/")
        row.get_by_role("button", name=re.compile("Poner en pausa")).click()
        expect(diego.locator("#chat-body")).not_to_be_editable()
        assert diego.locator("#chat-error").inner_text() == (
            "Puede leer esta sala pero no escribir en ella."
        )
        assert diego.get_by_role("button", name="Enviar").is_disabled()

        # Released: he writes again without reloading.
        row.get_by_role("button", name=re.compile("Permitir publicar de nuevo")).click()
        expect(diego.locator("#chat-body")).to_be_editable()
        _say(diego, "Vuelvo a escribir")
        moderator.goto(ROOM)
        moderator.locator("#chat-log .chat__body", has_text="Vuelvo a escribir").wait_for()

        # He signs out in another tab: the chat says so and stops reconnecting.
        other_tab = diego_ctx.new_page()
        other_tab.goto("/es/accounts/logout/")
        other_tab.get_by_role("button", name="Cerrar sesión").click()
        diego.wait_for_selector('#chat-status[data-state="ended"]')
        with translation.override("es"):  # Diego's language
            signed_out = str(ENDINGS["signed_out"][1])
        assert diego.locator("#chat-status").inner_text() == signed_out
        assert composer.evaluate("element => element.readOnly")
        attempts = diego_net.attempts
        diego.wait_for_timeout(3000)
        assert diego_net.attempts == attempts


def test_a_live_message_carries_its_author_s_verified_actor_badge(browser, chat_site):
    """The demo's expert speaks for a ministry (verified in demo/data/voices.toml): her
    message reaches Diego with the badge the script draws from the frame, the same
    the server draws on the next visit."""
    with (
        _in_room(browser, chat_site, "learner2@example.org") as (_diego_ctx, diego, _dn),
        _in_room(browser, chat_site, "expert@example.org") as (_ctx, expert, _net),
    ):
        _say(expert, "Les comparto la nota técnica de la OIT.")
        live = diego.locator("#chat-log .chat__message", has_text="la nota técnica de la OIT")
        live.locator(".voice.voice--ministry abbr", has_text="Ministerio").wait_for()
        assert live.locator(".voice .visually-hidden").inner_text() == "(Ministerio)"
        assert axe_violations(diego) == []
        diego.reload()
        again = diego.locator("#chat-log .chat__message", has_text="la nota técnica de la OIT")
        again.locator(".voice.voice--ministry").wait_for()


# A <time datetime> the HTML standard accepts: UTC, to the second.
MACHINE_TIME = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")


def _time_of(page, seq):
    time = page.locator(f"#m-{seq} time.chat__time")
    return time.inner_text(), time.get_attribute("datetime")


@pytest.mark.parametrize(
    ("language", "label", "shape"),
    [
        # Django's SHORT_DATETIME_FORMAT: "d/m/Y H:i" in Spanish, "m/d/Y P" in English.
        ("es", "Su mensaje", r"^\d\d/\d\d/\d{4} \d\d:\d\d$"),
        ("en", "Your message", r"^\d\d/\d\d/\d{4} (\d{1,2}(:\d\d)? [ap]\.m\.|midnight|noon)$"),
    ],
)
def test_a_message_shows_the_same_time_live_and_after_a_reload(
    browser, chat_site, language, label, shape
):
    """The expert's profile zone is São Paulo, her browser is in Tokyo: live and
    reloaded, her message's time is in São Paulo's zone and the server's format;
    Diego saw her writing, and that stops when her message arrives."""
    room = f"/{language}/chat/taller-bogota-2022/"
    with (
        _in_room(browser, chat_site, "learner2@example.org") as (_diego_ctx, diego, _net),
        _in_room(browser, chat_site, "expert@example.org", timezone_id="Asia/Tokyo") as (
            _ctx,
            expert,
            _expert_net,
        ),
    ):
        expert.goto(room)
        _wait_online(expert)
        assert expert.evaluate("Intl.DateTimeFormat().resolvedOptions().timeZone") == "Asia/Tokyo"
        assert expert.locator("#chat").get_attribute("data-time-zone") == "America/Sao_Paulo"
        start = max(_ids(expert))

        composer = expert.get_by_label(label)
        composer.press_sequentially("Hora de Brasilia")
        expect(diego.locator("#chat-typing")).to_contain_text("Patrícia Alves de Souza")
        composer.press("Enter")
        diego.locator(f"#m-{start + 1}").wait_for()
        # Cleared by the message itself, not by the typing timer (four seconds).
        assert diego.locator("#chat-typing").inner_text() == ""

        expert.locator(f"#m-{start + 1}").wait_for()
        live_text, live_datetime = _time_of(expert, start + 1)
        expert.reload()
        _wait_online(expert)
        reloaded_text, reloaded_datetime = _time_of(expert, start + 1)
        assert live_text == reloaded_text
        assert re.match(shape, live_text), live_text
        assert live_datetime == reloaded_datetime
        assert MACHINE_TIME.match(live_datetime), live_datetime
        # And it is São Paulo's time, not Tokyo's (twelve hours apart).
        expected = expert.evaluate(
            """iso => new Intl.DateTimeFormat("en-GB", {timeZone: "America/Sao_Paulo",
                hour: "2-digit", minute: "2-digit", hourCycle: "h23"}).format(new Date(iso))""",
            live_datetime,
        )
        if language == "es":
            assert live_text.endswith(expected)


def _add_messages(base_url, count):
    """Messages in the room, written through the service by a workshop member."""
    code = (
        "import uuid\n"
        "from forum import services\n"
        "from forum.models import Room\n"
        "from lms.models import User\n"
        "user = User.objects.get(email='learner4@example.org')\n"
        "room = Room.objects.get(slug='taller-bogota-2022')\n"
        f"for n in range({count}):\n"
        "    services.chat_message_send(user=user, room=room, client_id=str(uuid.uuid4()),\n"
        "        body=f'Mensaje número {n} de una conversación larga', publish=False)\n"
    )
    _site_python(base_url, code, CHAT_RATE_COUNT=str(count + 1))


def _in_viewport(page, locator):
    box = locator.bounding_box()
    height = page.viewport_size["height"]
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= height


def test_on_a_phone_the_composer_stays_on_screen(browser, chat_site):
    _add_messages(chat_site, 40)
    with _in_room(
        browser, chat_site, "learner2@example.org", viewport={"width": 390, "height": 844}
    ) as (_ctx, phone, _net):
        assert phone.locator("#chat-log li[data-id]").count() >= 40
        composer = phone.get_by_label("Su mensaje")
        send = phone.get_by_role("button", name="Enviar")
        form = phone.locator("#chat-form")
        # At the top of the page, in the middle of the history, at its end.
        log_end = "document.getElementById('chat-log').getBoundingClientRect().bottom"
        positions = ("0", "document.body.scrollHeight / 3", f"window.scrollY + {log_end} - 400")
        for position in positions:
            phone.evaluate(f"window.scrollTo(0, {position})")
            assert _in_viewport(phone, composer), position
            assert _in_viewport(phone, send), position
        # Away from the end, a button brings back to the latest messages.
        phone.evaluate("window.scrollTo(0, 0)")
        jump = phone.locator("#chat-jump")
        expect(jump).to_be_visible()
        jump.click()
        expect(jump).to_be_hidden()
        assert _in_viewport(phone, phone.locator("#chat-log li[data-id]").last)
        # The keyboard: write, Enter sends, the new message shows above the composer.
        composer.focus()
        phone.keyboard.type("Desde el teléfono")
        phone.keyboard.press("Enter")
        last = phone.locator("#chat-log li[data-id]").last
        expect(last.locator(".chat__body")).to_have_text("Desde el teléfono")
        phone.wait_for_timeout(300)  # smooth scrolling, if any, has ended
        assert _in_viewport(phone, composer)
        box = last.bounding_box()
        assert box["y"] >= 0 and box["y"] + box["height"] <= form.bounding_box()["y"] + 1
        assert axe_violations(phone) == []


def _last_root(page):
    return page.locator("#chat-log > li[data-id]").last


def test_threads_reactions_and_edits_reach_the_other_person_live_and_after_reconnecting(
    browser, chat_site
):
    """Diego on a laptop, Marcelo on a phone: a reaction, an edit, a thread, and an
    edit made while Marcelo is offline, which he gets when he is back."""
    with (
        _in_room(browser, chat_site, "learner2@example.org") as (_d, diego, _dn),
        _in_room(
            browser, chat_site, "learner7@example.org", viewport={"width": 375, "height": 740}
        ) as (_m, marcelo, marcelo_net),
    ):
        _say(diego, "La reunión es el martes")
        mine = _last_root(diego)
        expect(mine.locator(".chat__body")).to_have_text("La reunión es el martes")
        seq = mine.get_attribute("data-id")
        theirs = marcelo.locator(f"#m-{seq}")
        expect(theirs.locator(".chat__body")).to_have_text("La reunión es el martes")

        # Marcelo reacts from his phone; Diego sees the count.
        theirs.locator("summary").click()
        theirs.locator(".chat__reaction-choice", has_text="👍").click()
        expect(mine.locator(".chat__reaction")).to_contain_text("👍 1")
        expect(theirs.locator(".chat__reaction")).to_have_attribute("aria-pressed", "true")

        # Diego edits his message in place (keyboard: Enter on Edit, type, save).
        mine.locator(".chat__edit").click()
        box = mine.locator("textarea")
        expect(box).to_have_value("La reunión es el martes")
        box.fill("La reunión es el **jueves**")
        mine.locator(".chat__edit-form button[type=submit]").click()
        expect(theirs.locator(".chat__body strong")).to_have_text("jueves")
        expect(theirs.locator(".chat__edited")).to_be_visible()

        # Marcelo answers in the thread, full screen on his phone.
        theirs.locator(".chat__replies").click()
        panel = marcelo.locator("#chat-thread")
        expect(panel).to_be_visible()
        width = marcelo.evaluate("document.getElementById('chat-thread').offsetWidth")
        assert width >= 370
        # "@die" suggests Diego; Enter picks him (and does not send yet).
        reply = marcelo.locator("#chat-thread-body")
        reply.press_sequentially("@die")
        option = marcelo.get_by_role("option", name=re.compile("Diego Armando Salazar"))
        expect(option).to_be_visible()
        reply.press("Enter")
        expect(reply).to_have_value("@diego-armando-salazar ")
        reply.press_sequentially("perfecto, el jueves entonces")
        reply.press("Enter")
        expect(panel.locator(".chat__message--reply .chat__body")).to_have_text(
            "@diego-armando-salazar perfecto, el jueves entonces"
        )
        expect(mine.locator(".chat__replies")).to_contain_text("1")
        # The reply is in the thread, not in the room's log.
        expect(diego.locator("#chat-log > li", has_text="perfecto, el jueves")).to_have_count(0)
        assert axe_violations(marcelo) == []
        marcelo.keyboard.press("Escape")
        expect(panel).to_be_hidden()

        # Offline, Marcelo misses an edit; back online, he has it.
        marcelo_net.go_offline()
        marcelo.wait_for_selector('#chat-status[data-state="offline"]')
        mine.locator(".chat__edit").click()
        mine.locator("textarea").fill("La reunión es el jueves a las 10")
        mine.locator(".chat__edit-form button[type=submit]").click()
        expect(mine.locator(".chat__body")).to_have_text("La reunión es el jueves a las 10")
        marcelo_net.go_online()
        _wait_online(marcelo)
        expect(theirs.locator(".chat__body")).to_have_text("La reunión es el jueves a las 10")
        assert axe_violations(diego) == []


def test_a_learner_writes_to_her_tutor_and_the_tutor_answers_live(browser, chat_site):
    """From the course page, one click opens the conversation with the tutor; the
    tutor finds it in Direct messages and answers; both pass axe, on a phone too."""
    learner_ctx, foreign_l = guarded_context(browser, chat_site)
    tutor_ctx, foreign_t = guarded_context(
        browser, chat_site, viewport={"width": 390, "height": 844}
    )
    try:
        learner = learner_ctx.new_page()
        sign_in(learner, "learner@example.org", PASSWORD)
        learner.goto("/es/cursos/violencia-basada-en-genero-en-el-trabajo/")
        learner.get_by_role("button", name=re.compile("Escribir a su tutora o tutor")).click()
        learner.wait_for_url(re.compile(r"/es/messages/dm-\d+-\d+/$"))
        _wait_online(learner)
        # With a file: the message goes over HTTP and comes back through the socket.
        learner.set_input_files(
            "#chat-file",
            files=[{"name": "borrador.pdf", "mimeType": "application/pdf", "buffer": PDF}],
        )
        _say(learner, "Profesor, ¿puedo entregar la tarea el viernes?")
        expect(learner.locator("#chat-log li[data-id] .chat__body").last).to_have_text(
            "Profesor, ¿puedo entregar la tarea el viernes?"
        )
        expect(
            learner.locator("#chat-log li[data-id]").last.get_by_role("link", name="borrador.pdf")
        ).to_be_visible()
        assert axe_violations(learner) == []

        tutor = tutor_ctx.new_page()
        sign_in(tutor, "tutor@example.org", PASSWORD)
        tutor.goto("/es/messages/")
        assert axe_violations(tutor) == []
        tutor.get_by_role("link", name=re.compile("María Fernanda Rojas Solano")).first.click()
        _wait_online(tutor)
        expect(tutor.locator("#chat-log li[data-id] .chat__body").last).to_have_text(
            "Profesor, ¿puedo entregar la tarea el viernes?"
        )
        link = tutor.locator("#chat-log li[data-id]").last.get_by_role("link", name="borrador.pdf")
        response = tutor.request.get(chat_site + link.get_attribute("href"))
        assert response.ok and response.body().startswith(b"%PDF")
        _say(tutor, "Sí, sin problema.")
        expect(learner.locator("#chat-log li[data-id] .chat__body").last).to_have_text(
            "Sí, sin problema."
        )
        assert axe_violations(tutor) == []
    finally:
        learner_ctx.close()
        tutor_ctx.close()
    assert not foreign_l and not foreign_t


def test_the_pages_behind_threads_edits_and_direct_messages_pass_axe(browser, chat_site):
    """Each page the new features add, signed in as who may see it: axe finds nothing
    serious, and the thread page's reply form works with the keyboard."""
    with _in_room(browser, chat_site, "learner2@example.org") as (_ctx, page, _net):
        _say(page, "Un mensaje para abrir su hilo")
        mine = _last_root(page)
        expect(mine.locator(".chat__body")).to_have_text("Un mensaje para abrir su hilo")
        seq = mine.get_attribute("data-id")
        page.goto(f"{ROOM}thread/{seq}/")
        assert axe_violations(page) == []
        page.get_by_label("Su respuesta").fill("Respuesta sin JavaScript de por medio")
        page.get_by_label("Su respuesta").press("Tab")
        page.keyboard.press("Enter")
        page.locator(".chat__message--reply", has_text="Respuesta sin JavaScript").wait_for()
        page.goto(f"{ROOM}m/{seq}/edit/")
        assert axe_violations(page) == []
        for path in (
            "/es/messages/",
            "/es/messages/new/?q=Mar",
            "/es/me/notifications/",
            "/es/me/notifications/preferences/",
        ):
            page.goto(path)
            assert axe_violations(page) == [], path
    with _in_room(browser, chat_site, "expert@example.org") as (_ctx, page, _net):
        first = page.locator("#chat-log > li[data-id]").first
        seq = first.get_attribute("data-id")
        # A moderator pins a message: it shows above the log, live.
        first.locator(".chat__pin").click()
        expect(page.locator("#chat-pins")).to_be_visible()
        expect(page.locator("#chat-pins-list a")).to_have_attribute("href", f"#m-{seq}")
        expect(first.locator(".chat__pinned")).to_be_visible()
        assert axe_violations(page) == []
        page.goto(f"{ROOM}m/{seq}/versions/")
        assert axe_violations(page) == []


def _site_python(base_url, code, **env):
    """Run ``code`` in ``manage.py shell`` on a demo site's database; its output."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": f"sqlite:///{SITE_FOLDERS[base_url]}/demo.sqlite3",
        **env,
    }
    done = subprocess.run(
        [str(BIN / "python"), "manage.py", "shell", "-v", "0", "-c", code],
        cwd=ROOT,
        env=env,
        check=True,
        timeout=120,
        capture_output=True,
        text=True,
    )
    return done.stdout


def test_a_mention_is_pushed_at_once_and_emailed_if_unread_ten_minutes_later(browser, chat_site):
    phone = BrowserKeys()
    with running_push_service() as push_service:
        endpoint = push_service.endpoint()
        # Marcelo turned push on on his phone (its browser's subscription, as the
        # preferences page posts it).
        _site_python(
            chat_site,
            "from lms.models import User\n"
            "from lms.services.push import push_subscription_save\n"
            "push_subscription_save(user=User.objects.get(email='learner7@example.org'),\n"
            f"    endpoint={endpoint!r}, p256dh={phone.p256dh!r}, auth={phone.auth!r})\n",
            WEB_PUSH_VAPID_PUBLIC_KEY=SITE_PUSH_KEYS[chat_site],
            WEB_PUSH_VAPID_PRIVATE_KEY="set",
            WEB_PUSH_ALLOW_LOCAL_ENDPOINTS="1",
        )
        with (
            _in_room(browser, chat_site, "learner2@example.org") as (_context, diego, _network),
            _in_room(browser, chat_site, "learner7@example.org") as (marcelo_ctx, marcelo, _net),
        ):
            badge = marcelo.locator("[data-unread-notifications] .badge")
            before = int(badge.inner_text()) if badge.count() else 0
            # Marcelo also has his dashboard open in another tab: no chat room there,
            # the page's own socket (/ws/me/) brings the count.
            dashboard = marcelo_ctx.new_page()
            heard = []

            def person_socket(ws):
                if not ws.url.endswith("/ws/me/"):
                    return False
                ws.on("framereceived", lambda payload: heard.append(payload))
                return True

            with dashboard.expect_websocket(person_socket):
                dashboard.goto("/es/me/learning/")
            for _tick in range(100):  # its first count: the server has it in its hub
                if heard:
                    break
                dashboard.wait_for_timeout(100)
            assert f'"unread":{before}' in heard[0]
            dashboard_badge = dashboard.locator("[data-unread-notifications] .badge")
            composer = diego.get_by_label("Su mensaje")
            composer.press_sequentially("Hola @Marc")
            diego.get_by_role("option", name=re.compile("Marcelo Duarte")).click()
            composer.press_sequentially("¿nos vemos en la sesión en vivo del jueves 14?")
            composer.press("Enter")
            diego.locator("#chat-log .chat__body", has_text="en vivo del jueves 14").wait_for()
            for _tick in range(100):
                if push_service.received:
                    break
                diego.wait_for_timeout(200)
            # Marcelo, in the room, sees his header's count go up at once; on his
            # dashboard too, said in words to a screen reader.
            expect(badge).to_have_text(str(before + 1))
            expect(dashboard_badge).to_have_text(str(before + 1))
            expect(dashboard.locator("[data-unread-notifications] .visually-hidden")).to_have_text(
                f"{before + 1} notificaciones sin leer" if before else "1 notificación sin leer"
            )
            expect(dashboard.locator("[data-notifications-link]")).to_have_text(
                f"Notificaciones ({before + 1})"
            )
        [push] = push_service.received
    data = phone.read(push)
    assert "en la sesión en vivo del jueves 14" in data["body"]
    assert data["url"].startswith("/") and "/chat/taller-bogota-2022/" in data["url"]
    claims = vapid_claims(push, SITE_PUSH_KEYS[chat_site])
    assert claims["aud"] == push_service.origin

    # The email waits: nothing now; ten minutes later (the clock moved, not waited
    # for), one email listing the mention, in Marcelo's language, with its unsubscribe.
    code = (
        "from datetime import timedelta\n"
        "from django.core import mail\n"
        "from django.utils import timezone\n"
        "from lms.services.notifications import notification_batches_send\n"
        "print(notification_batches_send(now=timezone.now() + timedelta(minutes={minutes})))\n"
        "for email in getattr(mail, 'outbox', []):\n"
        "    print(email.to, email.extra_headers.get('List-Unsubscribe', ''))\n"
        "    print(email.body)\n"
    )
    # (Other tests of this site leave notifications waiting for other people.)
    assert "learner7@example.org" not in _site_python(chat_site, code.format(minutes=0))
    later = _site_python(chat_site, code.format(minutes=11))
    assert "['learner7@example.org'] <http" in later and "en vivo del jueves 14" in later


# Headless chromium has no push service (its subscribe() answers "permission
# denied"): the page's PushManager is replaced by one that returns the
# subscription of a browser whose keys the test holds, pointing at the test's push
# service. Everything else is real: the page's script, the server, the worker's push.
FAKE_PUSH_MANAGER = """
(() => {
    const made = %s;
    // Kept across reloads, as a browser keeps its subscription.
    const subscription = () => ({
        endpoint: made.endpoint,
        toJSON: () => made,
        unsubscribe: () => {
            localStorage.removeItem("pushSubscribed");
            return Promise.resolve(true);
        },
    });
    PushManager.prototype.subscribe = function (options) {
        window.pushOptions = {
            userVisibleOnly: options.userVisibleOnly,
            key: Array.from(new Uint8Array(options.applicationServerKey)),
        };
        localStorage.setItem("pushSubscribed", "1");
        return Promise.resolve(subscription());
    };
    PushManager.prototype.getSubscription = function () {
        return Promise.resolve(localStorage.getItem("pushSubscribed") ? subscription() : null);
    };
})();
"""


def test_the_campus_installs_as_an_app_that_receives_pushes_and_works_offline(browser, chat_site):
    context, foreign = guarded_context(browser, chat_site)
    context.grant_permissions(["notifications"])
    phone = BrowserKeys()
    page = context.new_page()
    try:
        with running_push_service() as push_service:
            endpoint = push_service.endpoint()
            context.add_init_script(FAKE_PUSH_MANAGER % json.dumps(phone.subscription(endpoint)))
            sign_in(page, "learner4@example.org", PASSWORD)
            page.goto("/es/me/notifications/preferences/")
            scope = page.evaluate("navigator.serviceWorker.ready.then(r => r.scope)")
            assert scope == chat_site + "/"
            manifest = page.evaluate(
                "fetch(document.querySelector('link[rel=manifest]').href).then(r => r.json())"
            )
            assert manifest["name"] == "RIAL Campus"
            assert manifest["start_url"] == "/es/me/learning/"

            # Push on, from the preferences page, with the keyboard.
            status = page.locator("[data-push-status]")
            expect(status).to_have_text(
                "Las notificaciones push están desactivadas en este dispositivo."
            )
            turn_on = page.get_by_role(
                "button", name="Activar las notificaciones push en este dispositivo", exact=True
            )
            turn_on.focus()
            page.keyboard.press("Enter")
            expect(status).to_have_text(
                "Las notificaciones push están activadas en este dispositivo."
            )
            options = page.evaluate("window.pushOptions")
            assert options["userVisibleOnly"] is True
            assert bytes(options["key"]) == b64url_decode(SITE_PUSH_KEYS[chat_site])
            page.reload()
            expect(page.locator(".push-devices__list")).to_contain_text("Chrome · Linux")
            assert axe_violations(page) == []

            # A direct message for her is pushed to that browser, readable only with its keys.
            _site_python(
                chat_site,
                "from lms.models import User\n"
                "from lms.services.notifications import notification_create\n"
                "notification_create(user=User.objects.get(email='learner4@example.org'),\n"
                "    kind='direct_message', title='Diego le escribió', url='/es/messages/')\n",
                WEB_PUSH_VAPID_PUBLIC_KEY=SITE_PUSH_KEYS[chat_site],
                WEB_PUSH_VAPID_PRIVATE_KEY=SITE_PRIVATE_KEYS[chat_site],
                WEB_PUSH_ALLOW_LOCAL_ENDPOINTS="1",
            )
            [push] = push_service.received
            assert phone.read(push)["title"] == "Diego le escribió"

            # Push off: the server forgets the device.
            page.get_by_role(
                "button", name="Desactivar las notificaciones push en este dispositivo"
            ).click()
            expect(status).to_have_text(
                "Las notificaciones push están desactivadas en este dispositivo."
            )
            page.reload()
            expect(page.locator(".push-devices__list")).to_have_count(0)

        # No network: a page of the campus it kept no copy of opens as the offline page,
        # in Spanish (her dashboard, say, is kept: see the test below).
        context.set_offline(True)
        page.goto("/es/me/calendar/")
        expect(page.get_by_role("heading", level=1)).to_have_text("Está sin conexión")
        assert axe_violations(page) == []
        context.set_offline(False)
        page.get_by_role("link", name="Intentar de nuevo").click()
        expect(page.get_by_role("heading", level=1)).not_to_have_text("Está sin conexión")
    finally:
        context.close()
    assert not foreign


KEPT = """list => caches.open("rial-person").then(cache => cache.keys()).then(keys => {
    const kept = keys.map(request => new URL(request.url).pathname);
    return list.every(url => kept.includes(url));
})"""


def test_a_person_s_pages_stay_readable_offline_until_she_signs_out(browser, chat_site):
    """Diego's dashboard, the lessons of his current module and his rooms are kept by the
    app: offline they open from that copy, saying so; what he writes in a room waits,
    through a reload, and reaches Marcelo when the connection returns. Once he signs out
    the copies are gone: offline, a lesson is the "You are offline" page."""
    with (
        _in_room(browser, chat_site, "learner2@example.org") as (diego_ctx, diego, network),
        _in_room(browser, chat_site, "learner7@example.org") as (_ctx, marcelo, _net),
    ):
        diego.goto("/es/me/learning/")
        listed = diego.evaluate("fetch('/es/app/offline-pages/').then(r => r.json())")
        kinds = {page["kind"]: page["url"] for page in listed["pages"]}
        assert {"dashboard", "module", "lesson", "room"} <= set(kinds)
        assert ROOM in [page["url"] for page in listed["pages"]]
        urls = [page["url"] for page in listed["pages"]]
        diego.wait_for_function(f"() => ({KEPT})({json.dumps(urls)})")

        # Offline: the lesson and the dashboard open from the copy, and say so.
        network.go_offline()
        banner = diego.locator("[data-offline-banner]")
        for url in (kinds["lesson"], "/es/me/learning/"):
            diego.goto(url)
            expect(banner).to_be_visible()
            expect(banner).to_contain_text(re.compile(r"\d{1,2}:\d{2}"))
        expect(diego.get_by_role("heading", level=1)).not_to_have_text("Está sin conexión")
        assert axe_violations(diego) == []

        # In the room (its copy), a message written offline waits, through a reload.
        diego.goto(ROOM)
        expect(banner).to_be_visible()
        diego.wait_for_selector('#chat-status[data-state="offline"]')
        _say(diego, "Escrito sin conexión")
        queued = diego.locator(".chat__message--queued", has_text="Escrito sin conexión")
        expect(queued).to_have_count(1)
        diego.reload()
        expect(queued).to_have_count(1)

        # Back online: sent once, and Marcelo reads it.
        network.go_online()
        expect(queued).to_have_count(0)
        marcelo.locator("#chat-log .chat__body", has_text="Escrito sin conexión").wait_for()
        expect(
            diego.locator("#chat-log li[data-id] .chat__body", has_text="Escrito sin conexión")
        ).to_have_count(1)
        waiting = "Object.keys(localStorage).filter(key => key.startsWith('rial-chat'))"
        assert diego.evaluate(waiting) == []

        # He signs out: nothing of his is kept; offline, a lesson is not shown.
        diego.goto("/es/accounts/logout/")
        diego.get_by_role("button", name="Cerrar sesión").click()
        diego.wait_for_load_state("load")
        diego.wait_for_function("() => caches.has('rial-person').then(kept => !kept)")
        diego_ctx.set_offline(True)
        diego.goto(kinds["lesson"])
        expect(diego.get_by_role("heading", level=1)).to_have_text("Está sin conexión")
        assert "Escrito sin conexión" not in diego.content()

"""Headers every response carries (config/middleware.py): Content-Security-Policy and
Permissions-Policy on every page, Cache-Control private for signed-in people and on
private files, and nothing of it on static files."""

import re
import uuid
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation

from config.middleware import ContentSecurityPolicyMiddleware, PrivacyHeadersMiddleware
from forum import services as forum_services
from forum.models import Room, Space, SpaceMembership
from forum.services import communities as community_services

# Fixtures shared with the forum tests (used as arguments below).
from tests.forum.forum_fixtures import ask, community_event, no_flood, workshop  # noqa: F401
from tests.mfa import mfa_force_login

pytestmark = pytest.mark.django_db

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
OUR_SOURCES = {"'self'", "'none'", "data:", "ws://testserver"}
PNG_1X1 = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082"
)


def policy(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    directives = {}
    for part in header.split(";"):
        name, *sources = part.split()
        assert name not in directives, f"{name} twice in {header}"
        directives[name] = sources
    return directives


def es(name, **kwargs):
    with translation.override("es"):
        return reverse(name, kwargs=kwargs)


def assert_public_policy(response):
    """The site's policy: our own host only, no inline script or style anywhere."""
    csp = policy(response)
    assert csp["default-src"] == ["'self'"]
    assert "'self'" in csp["script-src"]
    for directive in ("script-src", "style-src"):
        assert "'unsafe-inline'" not in csp[directive], csp[directive]
        assert "'unsafe-eval'" not in csp[directive], csp[directive]
    assert csp["object-src"] == ["'none'"]
    assert csp["base-uri"] == ["'self'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["form-action"] == ["'self'"]
    assert csp["frame-src"] == ["'none'"]  # no third-party embeds
    assert csp["connect-src"] == ["'self'", "ws://testserver"]
    assert "report-uri" not in csp and "report-to" not in csp
    for directive, sources in csp.items():
        for source in sources:
            assert source in OUR_SOURCES or source.startswith("'nonce-"), (directive, source)


def assert_permissions_policy(response):
    features = dict(
        item.strip().split("=", 1) for item in response["Permissions-Policy"].split(",")
    )
    for feature in ("camera", "microphone", "geolocation", "payment", "usb", "display-capture"):
        assert features[feature] == "()", feature
    assert features["fullscreen"] == "(self)"


def assert_private(response):
    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert "private" in cache_control
    assert {"no-cache", "no-store"} & cache_control or "max-age=0" in cache_control
    assert "public" not in cache_control
    assert "Cookie" in response["Vary"]


# --- pages -------------------------------------------------------------------------------------


@pytest.fixture
def chat_space(user):
    space = Space.objects.create(kind="community", name="Red de género", slug="red")
    Room.objects.create(space=space, name="General", slug="red-general")
    SpaceMembership.objects.create(space=space, user=user)
    return space


def test_anonymous_pages_get_the_policies_and_keep_their_caching(client, demo_pages):
    public = ["/es/", es("events:index"), es("lms:certificate_verify_form")]
    # allauth marks its forms never_cache itself.
    forms = [es("account_login"), es("account_signup")]
    for path in public + forms:
        response = client.get(path)
        assert response.status_code == 200, path
        assert_public_policy(response)
        assert_permissions_policy(response)
        if path in public:
            assert "Cache-Control" not in response, path


def test_signed_in_pages_are_private_and_keep_the_policy(
    client,
    user,
    secretariat,
    demo_pages,
    chat_space,
    workshop,  # noqa: F811
):
    from tests.course_fixtures import build_course

    world = build_course(learner=user)
    topic = ask(workshop)
    SpaceMembership.objects.create(space=workshop["space"], user=user)
    client.force_login(user)
    pages = [
        "/es/",
        world.lesson_a.url,
        es("forum:topic", topic_id=topic.pk),
        es("forum:room", slug="red-general"),
        es("forum:experts"),
        es("lms:dashboard"),
        es("lms:profile"),
        es("account_email"),
        es("account_change_password"),
    ]
    for path in pages:
        response = client.get(path)
        assert response.status_code == 200, path
        assert_public_policy(response)
        assert_permissions_policy(response)
        assert_private(response)
    # The secretariat's own pages too, the cohort report with its bars among them.
    mfa_force_login(client, secretariat)
    response = client.get(es("lms:manage_cohort_report", cohort_id=world.cohort.pk))
    assert response.status_code == 200
    assert_public_policy(response)
    assert_private(response)


def test_no_page_of_ours_needs_an_inline_style(client, user, demo_pages):
    """The policy blocks style="" attributes: the bars are <progress> and <meter>."""
    from tests.course_fixtures import build_course

    build_course(learner=user)
    client.force_login(user)
    page = client.get(es("lms:dashboard")).content.decode()
    assert "<progress" in page and "style=" not in page


def test_no_template_has_inline_script_style_or_handlers():
    """What the policy would block, caught before a browser does."""
    offenders = []
    for path in sorted(TEMPLATES.rglob("*.html")):
        text = path.read_text()
        name = str(path.relative_to(TEMPLATES))
        if re.search(r"\sstyle\s*=", text):
            offenders.append((name, "style attribute"))
        for attributes in re.findall(r"<script\b([^>]*)>", text):
            if "src=" not in attributes:
                offenders.append((name, "inline script"))
        for handler in re.findall(r"<[^>]*\s(on[a-z]+)\s*=", text):
            offenders.append((name, handler))
        if "javascript:" in text:
            offenders.append((name, "javascript: URL"))
    assert offenders == []


def test_a_template_that_asks_for_a_nonce_gets_it_in_the_header():
    request = RequestFactory().get("/es/", HTTP_HOST="testserver")
    seen = {}

    def view(request):
        seen["nonce"] = str(request.csp_nonce)
        return HttpResponse(f'<script nonce="{request.csp_nonce}">1</script>')

    response = ContentSecurityPolicyMiddleware(view)(request)
    assert f"'nonce-{seen['nonce']}'" in policy(response)["script-src"]
    # A page that does not ask sends none.
    response = ContentSecurityPolicyMiddleware(lambda request: HttpResponse("x"))(
        RequestFactory().get("/es/")
    )
    assert not [s for s in policy(response)["script-src"] if s.startswith("'nonce-")]


def test_a_secure_request_names_the_secure_socket():
    request = RequestFactory().get("/es/", secure=True)
    response = ContentSecurityPolicyMiddleware(lambda request: HttpResponse("x"))(request)
    assert policy(response)["connect-src"] == ["'self'", "wss://testserver"]


def test_the_wagtail_admin_has_its_own_narrower_exception(client, secretariat, demo_pages):
    mfa_force_login(client, secretariat)
    for path in ["/admin/", "/admin/pages/"]:
        response = client.get(path)
        assert response.status_code == 200, path
        csp = policy(response)
        # Wagtail writes inline script and style; only here are they allowed.
        assert csp["script-src"] == ["'self'", "'unsafe-inline'"]
        assert csp["style-src"] == ["'self'", "'unsafe-inline'"]
        assert csp["frame-ancestors"] == ["'self'"]  # its preview panel
        assert csp["object-src"] == ["'none'"] and csp["base-uri"] == ["'self'"]
        for sources in csp.values():
            for source in sources:
                assert source in OUR_SOURCES | {"'unsafe-inline'", "blob:"}, source
        assert_permissions_policy(response)
        assert_private(response)
    # The same person on the site gets the site's policy.
    assert_public_policy(client.get("/es/"))


def test_a_view_that_says_no_store_keeps_it(rf, user):
    request = rf.get("/es/")
    request.user = user
    request.COOKIES["sessionid"] = "x"

    def strict(request):
        response = HttpResponse("x")
        response["Cache-Control"] = "private, no-store"
        return response

    def public(request):
        response = HttpResponse("x")
        response["Cache-Control"] = "public, max-age=3600"
        response["Expires"] = "Thu, 01 Jan 2099 00:00:00 GMT"
        return response

    assert PrivacyHeadersMiddleware(strict)(request)["Cache-Control"] == "private, no-store"
    loosened = PrivacyHeadersMiddleware(public)(request)
    assert loosened["Cache-Control"] == "private, no-cache"
    assert "Expires" not in loosened


def test_anonymous_pages_are_not_made_to_vary_on_cookies(rf):
    from django.contrib.auth.middleware import AuthenticationMiddleware
    from django.contrib.sessions.middleware import SessionMiddleware

    request = rf.get("/es/")
    SessionMiddleware(lambda r: None).process_request(request)
    AuthenticationMiddleware(lambda r: None).process_request(request)
    response = PrivacyHeadersMiddleware(lambda request: HttpResponse("x"))(request)
    assert "Cache-Control" not in response and "Vary" not in response
    assert not request.session.accessed


# --- static and private files -------------------------------------------------------------------


def test_static_files_keep_their_own_caching(client, user):
    for signed_in in (False, True):
        if signed_in:
            client.force_login(user)
        response = client.get("/static/css/site.css")
        assert response.status_code == 200
        assert "private" not in response.get("Cache-Control", "")
        assert "Content-Security-Policy" not in response
        assert "Permissions-Policy" not in response


def test_forum_attachments_are_private_and_revalidated(client, workshop):  # noqa: F811
    topic = ask(workshop)
    image = SimpleUploadedFile("foto.png", PNG_1X1, content_type="image/png")
    post = forum_services.post_reply(
        user=workshop["bruno"], topic=topic, body="La foto", token=uuid.uuid4(), files=[image]
    ).post
    path = es("forum:attachment", attachment_id=post.attachments.get().pk)
    client.force_login(workshop["alice"])
    response = client.get(path)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PNG_1X1
    assert response["Cache-Control"] == "private, no-cache"
    assert response["Content-Security-Policy"] == "default-src 'none'; img-src 'self'; sandbox"
    # The browser asks again and gets a 304 while the file is the same...
    again = client.get(path, HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304
    assert again["Cache-Control"] == "private, no-cache"
    # ...and someone who may not read the space never does, even with the tag.
    client.force_login(workshop["neighbour"])
    assert client.get(path, HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 404


def test_event_documents_and_exports_are_private(client, user):
    event = community_event(user)
    document = community_services.space_event_document_add(
        actor=user,
        event=event,
        upload=SimpleUploadedFile("acta.pdf", b"%PDF-1.4 acta", content_type="application/pdf"),
    )
    client.force_login(user)
    response = client.get(es("forum:community_document", document_id=document.pk))
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-cache"
    roster = client.get(es("forum:community_roster_csv", slug="red-genero"))
    assert roster.status_code == 200
    assert roster["Cache-Control"] == "private, no-store"


def test_people_data_downloads_are_never_stored(client, secretariat):
    from tests.course_fixtures import build_course

    world = build_course()
    mfa_force_login(client, secretariat)
    response = client.get(
        es("lms:manage_cohort_report_csv", cohort_id=world.cohort.pk, table="learners")
    )
    assert response.status_code == 200, response
    assert_private(response)
    assert "no-store" in response["Cache-Control"]
    from lms.services.certificates import certificate_archive_build, certificate_archive_start

    archive = certificate_archive_start(actor=secretariat, cohort=world.cohort)
    certificate_archive_build(archive_id=archive.pk)
    kwargs = {"cohort_id": world.cohort.pk, "archive_id": archive.pk}
    for name in (
        "lms:manage_certificate_archive_download",
        "lms:manage_certificate_archive_progress",
    ):
        response = client.get(es(name, **kwargs))
        assert response.status_code == 200, name
        assert_private(response)
        assert "no-store" in response["Cache-Control"], name

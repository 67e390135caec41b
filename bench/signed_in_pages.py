"""Signed-in pages against a minimal view through the full middleware, in the same run.

One Daphne process serves RIAL Campus with demo content (production settings
plus ``bench/signed_in_settings.py``'s one extra view) on a throwaway SQLite
database. A learner enrolled in the demo cohort is signed in with a session
cookie; the rounds are interleaved (every target once per round, a few seconds
each) so a slow moment of the machine touches every target alike. Reports
requests per second, p50/p99 and the ratio to the minimal view (goal: >= 0.5x).

Then, in one process, the tutor dashboard with 1,000 learners in the cohort:
the page rendered through the test client, timed in interleaved rounds with the
minimal view (goal: under 50 ms), with its size in KB and its query count.
"""

import subprocess
import tempfile

from bench.common import SESSION_SNIPPET, daphne, interleaved, production_env, shell_json
from bench.http_pages import ROOT, prepare_site, wait_until_up
from tests.processes import free_port

SETTINGS = "bench.signed_in_settings"

# A learner of the demo cohort signed in (``session_key``), with her cohort (``enrolment``),
# the busiest forum topic she may read (``topic``) and a chat room of hers (``room``).
LEARNER_SNIPPET = (
    SESSION_SNIPPET
    + """
import json
from courses.models import LessonPage
from forum.models import Topic
from forum.selectors.chat import readable_rooms
from forum.access import readable_spaces_filter
from lms.models import Enrolment
from lms.selectors.learning import content_access

enrolment = (
    Enrolment.objects.filter(status="active", cohort__name__startswith="Cohorte 2026")
    .select_related("user").order_by("pk").first()
)
user = enrolment.user
session_key = signed_in_session(user)
topic = (
    Topic.objects.filter(readable_spaces_filter(user, "space__"), deleted_at__isnull=True)
    .order_by("-post_count").first()
)
room = readable_rooms(user=user).first()
"""
)

TARGETS_SCRIPT = (
    LEARNER_SNIPPET
    + """
lesson = next(
    lesson for lesson in LessonPage.objects.descendant_of(enrolment.cohort.course).live()
    .order_by("path") if content_access(user=user, page=lesson).allowed
)
from django.urls import reverse
from django.utils import translation
with translation.override("es"):
    print(json.dumps({
        "session": session_key,
        "lesson": lesson.url,
        "topic": reverse("forum:topic", kwargs={"topic_id": topic.pk}),
        "room": reverse("forum:room", kwargs={"slug": room.slug}) if room else None,
        "experts": reverse("forum:experts"),
    }))
"""
)

DASHBOARD_SCRIPT = """
import json, time, statistics
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from lms.models import Cohort, Enrolment, User, Profile

cohort = Cohort.objects.filter(name__startswith="Cohorte 2026").first()
group = cohort.groups.first()
tutor = group.tutor
have = Enrolment.objects.filter(cohort=cohort, group=group).count()
users = User.objects.bulk_create(
    [User(email=f"bench{n}@example.org", full_name=f"Bench Learner {n:04}")
     for n in range(max(0, 1000 - have))]
)
Profile.objects.bulk_create([Profile(user=u) for u in users], ignore_conflicts=True)
Enrolment.objects.bulk_create([Enrolment(cohort=cohort, user=u, group=group) for u in users])
learners = Enrolment.objects.filter(cohort=cohort, group=group).count()
client = Client()
client.force_login(tutor)
page = reverse("lms:tutoring_cohort", kwargs={"cohort_id": cohort.pk})
minimal = "/bench/minimal/"
client.get(page); client.get(minimal)
times = {"dashboard": [], "minimal": []}
for _round in range(15):
    for name, url in (("dashboard", page), ("minimal", minimal)):
        start = time.perf_counter()
        response = client.get(url)
        times[name].append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
with CaptureQueriesContext(connection) as queries:
    response = client.get(page)
print(json.dumps({
    "learners": learners,
    "dashboard_ms": statistics.median(times["dashboard"]),
    "minimal_ms": statistics.median(times["minimal"]),
    "kb": round(len(response.content) / 1024, 1),
    "queries": len(queries.captured_queries),
}))
"""


def measure(connections: int = 16, duration: float = 4.0, rounds: int = 5) -> dict:
    workdir = tempfile.mkdtemp(prefix="rial-bench-")
    # The in-process part uses the test client, whose host is "testserver".
    env = production_env(workdir, ALLOWED_HOSTS="127.0.0.1,localhost,testserver")
    env["DJANGO_SETTINGS_MODULE"] = SETTINGS
    prepare_site(env)
    found = shell_json(env, TARGETS_SCRIPT)
    cookie = f"Cookie: sessionid={found['session']}\r\n"
    port = free_port()
    targets = [
        ("minimal view (baseline)", port, "/bench/minimal/", cookie),
        ("lesson", port, found["lesson"], cookie),
        ("forum topic", port, found["topic"], cookie),
        ("experts directory", port, found["experts"], cookie),
    ]
    if found["room"]:
        targets.append(("chat room", port, found["room"], cookie))
    process = subprocess.Popen(
        daphne(port, "config.asgi:application"),
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_until_up(f"http://127.0.0.1:{port}/healthz")
        rows = interleaved(
            targets, connections=connections, duration=duration, rounds=rounds, ratio_digits=3
        )
    finally:
        process.terminate()
        process.wait(timeout=10)
    return {
        "benchmark": "signed_in_pages",
        "connections": connections,
        "duration_s": duration,
        "rounds": rounds,
        "rows": rows,
        "tutor_dashboard": shell_json(env, DASHBOARD_SCRIPT),
    }


def report(result: dict) -> str:
    lines = [
        f"Signed-in pages, {result['connections']} keep-alive connections, "
        f"{result['rounds']} interleaved rounds of {result['duration_s']}s, one Daphne process",
        f"{'target':<26}{'req/s':>10}{'p50 ms':>10}{'p99 ms':>10}{'errors':>8}{'x minimal':>11}",
    ]
    for row in result["rows"]:
        lines.append(
            f"{row['name']:<26}{row['rps']:>10.1f}{row['p50_ms']:>10.2f}{row['p99_ms']:>10.2f}"
            f"{row['errors']:>8}{row['ratio_to_baseline']:>11.3f}"
        )
    board = result["tutor_dashboard"]
    lines.append(
        f"tutor dashboard, {board['learners']} learners, in process: "
        f"{board['dashboard_ms']:.1f} ms median (minimal view {board['minimal_ms']:.1f} ms), "
        f"{board['kb']} KB, {board['queries']} queries (goal < 50 ms)"
    )
    return "\n".join(lines)

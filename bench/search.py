"""`make bench BENCH=search`: the one search service at 10,000 programmes and 100,000
forum posts, on SQLite and (when DATABASE_URL is a PostgreSQL URL) on PostgreSQL.

Data: bench.portfolio_search.populate (10,000 published programmes, a third
translated) and 100,000 posts in 2,000 topics of 200 spaces (bulk inserts), then
``search.providers.rebuild()`` builds the index. A searcher is a member of 50 spaces.

Each query type runs through the service as the pages call it: the portfolio page
(selector + Paginator: with words, ranked with a capped count, first 20), the forum
search page (ranked, capped count, first 20) and the site-wide page (every provider:
capped count and top 5 from one query).
Baseline, in the same process and interleaved round by round: the LIKE scans they
replaced: portfolio ``icontains`` each word in the name or description of the programme
or a translation (the folded ``search_text`` column it once scanned is gone), newest
first, COUNT of every match; forum ``icontains`` on body or topic title, newest first,
COUNT of every match.
"""

import os
import shutil
import statistics
import tempfile
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from bench.common import manage, production_env, shell_json

ROOT = Path(__file__).resolve().parent.parent
POSTS = 100_000
ROUNDS = 15
BASELINE_EVERY = 3  # the LIKE scans are slow: every third round

QUERIES = {
    "rare": "zorzalito",
    "common": "dialogo",
    "accented": "diálogo",
    "prefix": "inspec",
    "multi-word": "dialogo social",
}

SCRIPT = r"""
import json, random, statistics, time, uuid
from django.core.paginator import Paginator
from django.db import connection, transaction
from django.db.models import Exists, OuterRef, Q
from django.test import RequestFactory
from django.utils import timezone, translation

from bench.portfolio_search import populate
from bench.search import QUERIES, ROUNDS, BASELINE_EVERY, POSTS
from forum.access import readable_spaces_filter
from forum.models import Category, Post, Space, SpaceMembership, Topic
from forum.search import post_search
from lms.models import User
from portfolio import selectors
from portfolio.models import Programme, ProgrammeTranslation
from search.engine import KINDS, OTHER
from search.providers import rebuild
from search.views import groups_for

translation.activate("es")
rng = random.Random(14)
started = time.perf_counter()
populate()
# A few programmes carry the rare word.
for programme in Programme.objects.order_by("?")[:5]:
    programme.description += " zorzalito"
    programme.save(update_fields=["description"])
WORDS = ("trabajo empleo mesa social reunión acta ministerio propuesta taller red consulta "
         "inspección formalización salario jornada convenio sindicato empresa tripartita").split()
author = User.objects.create_user(
    email="bench-author@example.org", password="x", full_name="Autor")
reader = User.objects.create_user(
    email="bench-reader@example.org", password="x", full_name="Lector")
with transaction.atomic():
    spaces = Space.objects.bulk_create(
        [Space(kind="workshop", name=f"Taller {i}", slug=f"taller-{i}") for i in range(200)]
    )
    spaces = list(Space.objects.order_by("pk"))
    categories = {
        s.pk: Category.objects.create(space=s, name="General", slug="general") for s in spaces
    }
    SpaceMembership.objects.bulk_create(SpaceMembership(space=s, user=reader) for s in spaces[:50])
    now = timezone.now()
    topics = Topic.objects.bulk_create([
        Topic(space=spaces[i % 200], category=categories[spaces[i % 200].pk],
              title=" ".join(rng.choices(WORDS, k=5)) + (" diálogo" if rng.random() < 0.2 else ""),
              author=author, created_at=now, last_posted_at=now, last_post_author=author,
              post_count=POSTS // 2000)
        for i in range(2000)
    ])
    topics = list(Topic.objects.order_by("pk"))
    batch = []
    for n in range(POSTS):
        topic = topics[n % 2000]
        words = rng.choices(WORDS, k=rng.randint(20, 60))
        if rng.random() < 0.25:
            words.insert(rng.randrange(len(words)), rng.choice(["diálogo", "dialogo"]))
        if rng.random() < 0.25:
            words.insert(rng.randrange(len(words)), "social")
        if n % 20000 == 7:
            words.append("zorzalito")
        body = " ".join(words)
        batch.append(Post(topic=topic, number=n // 2000 + 1, author=author, body=body,
                          body_html=f"<p>{body}</p>", created_at=now))
        if len(batch) == 5000:
            Post.objects.bulk_create(batch); batch = []
    Post.objects.bulk_create(batch)
data_s = time.perf_counter() - started
started = time.perf_counter()
indexed = rebuild()
index_s = time.perf_counter() - started
if connection.vendor == "postgresql":
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
else:
    with connection.cursor() as cursor:
        for kind in (*KINDS, OTHER):
            cursor.execute(f"INSERT INTO search_fts_{kind}(search_fts_{kind}) VALUES ('optimize')")
        cursor.execute("ANALYZE")

reader = User.objects.get(pk=reader.pk)

def portfolio_new(q):
    page = Paginator(selectors.listing(selectors.Filters(q=q)), 20).get_page(1)
    return page.paginator.count, len(list(page.object_list))

def portfolio_old(q):
    programmes = Programme.objects.filter(status="published")
    for word in q.split()[:8]:
        translated = ProgrammeTranslation.objects.filter(
            Q(name__icontains=word) | Q(description__icontains=word), programme_id=OuterRef("pk"))
        programmes = programmes.filter(
            Q(name__icontains=word) | Q(description__icontains=word) | Q(Exists(translated)))
    page = Paginator(programmes.order_by("-published_at", "-pk"), 20).get_page(1)
    return page.paginator.count, len(list(page.object_list))

def forum_new(q):
    page = Paginator(post_search(user=reader, query=q), 20).get_page(1)
    return page.paginator.count, len(list(page.object_list))

def forum_old(q):
    posts = Post.objects.filter(deleted_at__isnull=True, topic__deleted_at__isnull=True).filter(
        readable_spaces_filter(reader, prefix="topic__space__"))
    for word in q.split():
        posts = posts.filter(Q(body__icontains=word) | Q(topic__title__icontains=word))
    posts = posts.select_related("topic", "topic__space", "author").order_by("-created_at")
    page = Paginator(posts, 20).get_page(1)
    return page.paginator.count, len(list(page.object_list))

def sitewide(q):
    total = sum(len(group.results) for group in groups_for(reader, q))
    return total, total

SURFACES = {"portfolio": (portfolio_new, portfolio_old), "forum": (forum_new, forum_old),
            "site-wide": (sitewide, None)}
times = {}
found = {}
for surface, (new, old) in SURFACES.items():  # warm up
    for kind, q in QUERIES.items():
        found[f"{surface}|{kind}"] = new(q)[0]
        if old:
            found[f"{surface}|{kind}|old"] = old(q)[0]
for round_ in range(ROUNDS):
    for surface, (new, old) in SURFACES.items():
        for kind, q in QUERIES.items():
            baseline = old and round_ % BASELINE_EVERY == 0
            pairs = [("new", new)] + ([("old", old)] if baseline else [])
            if round_ % 2:
                pairs.reverse()
            for label, fn in pairs:
                t = time.perf_counter(); fn(q)
                ms = (time.perf_counter() - t) * 1000
                times.setdefault(f"{surface}|{kind}|{label}", []).append(ms)
print(json.dumps({"vendor": connection.vendor, "data_s": round(data_s, 1),
                  "index_s": round(index_s, 1),
                  "indexed": indexed, "times": times, "found": found,
                  "programmes": Programme.objects.count(), "posts": Post.objects.count()}))
"""


def _p(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def _run(database_url: str) -> dict:
    workdir = tempfile.mkdtemp(prefix="rial-bench-search-")
    try:
        env = production_env(workdir, database_url=database_url)
        manage(env, "migrate", "--noinput", "-v0")
        return shell_json(env, SCRIPT)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def _fresh_postgres(url: str) -> str:
    """A throwaway database next to the one DATABASE_URL names (never that one)."""
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/") + "_bench_search"
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin.replace("postgres://", "postgresql://", 1), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    return urlunsplit(parts._replace(path="/" + name))


def measure() -> dict:
    runs = [_run("")]
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://")):
        runs.append(_run(_fresh_postgres(url)))
    return {"benchmark": "search", "rounds": ROUNDS, "runs": runs}


def report(result: dict) -> str:
    lines = []
    for run in result["runs"]:
        lines += [
            f"Search on {run['vendor']}: {run['programmes']:,} programmes, {run['posts']:,} posts"
            f" (data {run['data_s']}s, index build {run['index_s']}s: {run['indexed']})",
            f"{'surface':<11}{'query':<12}{'results':>9}{'p50 ms':>9}{'p95 ms':>9}"
            f"{'LIKE p50':>10}{'LIKE p95':>10}{'LIKE/new p95':>14}",
        ]
        times = run["times"]
        for key in sorted({k.rsplit("|", 1)[0] for k in times}, key=lambda k: k):
            new, old = times[f"{key}|new"], times.get(f"{key}|old")
            surface, kind = key.split("|")
            row = f"{surface:<11}{kind:<12}{run['found'][key]:>9}"
            row += f"{_p(new, 50):>9.2f}{_p(new, 95):>9.2f}"
            if old:
                row += f"{statistics.median(old):>10.2f}{_p(old, 95):>10.2f}"
                row += f"{_p(old, 95) / max(_p(new, 95), 0.001):>13.1f}x"
            lines.append(row)
        worst = max(_p(v, 95) for k, v in times.items() if k.endswith("|new"))
        lines += [f"worst p95 through the service: {worst:.2f} ms (target < 50 ms)", ""]
    return "\n".join(lines)

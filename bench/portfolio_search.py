"""The portfolio search on 10,000 published programmes, against a bare ASGI hello.

Same setup as ``bench.http_pages``: production settings minus HTTPS, a
throwaway SQLite database with the demo content, one Daphne process for the
site and one for ``bench.asgi_hello`` (the baseline), the same keep-alive
load generator for both, in the same run. On top of the demo it adds
``PROGRAMMES`` published programmes with ``bulk_create``: every member
country, every category, 1-3 themes and 1-2 target populations each, about a
third with a translation, and texts of realistic length. A vocabulary of
``len(KEYWORDS)`` topical words, two per programme, makes a one-word search
match a few hundred programmes (as a real word would), not all or none.

Measured pages (anonymous, Spanish interface): the first page with no filter,
a one-word search, country + category + theme together, a language filter, a
deep page (``?page=200``) and the Table. Before the load, the same pages are
rendered in process with Django's test client, timing them and counting their
queries; the slowest query of each page is kept with its EXPLAIN QUERY PLAN.

Run alone: ``python -c "from bench import portfolio_search as p; print(p.report(p.measure()))"``.
"""

import random
import shutil
import tempfile
import urllib.parse
import urllib.request
from pathlib import Path

from bench.common import interleaved, production_env, shell_json
from bench.http_pages import prepare_site, start, wait_until_up
from tests.processes import free_port

ROOT = Path(__file__).resolve().parent.parent

PROGRAMMES = 10_000
SEARCH_WORD = "inspección"
PROFILE_RUNS = 3  # in-process renders per page (after one warm-up); the median is kept

# Topical words, Spanish and English side by side (a translation carries the
# same topics). Each programme takes two: one in its name, both in its
# description, the second in its objectives.
KEYWORDS = [
    ("inspección", "inspection"),
    ("formalización", "formalisation"),
    ("aprendices", "apprentices"),
    ("teletrabajo", "telework"),
    ("cuidados", "care"),
    ("migrantes", "migrants"),
    ("pensiones", "pensions"),
    ("mediación", "mediation"),
    ("certificación", "certification"),
    ("emprendimiento", "entrepreneurship"),
    ("salarios", "wages"),
    ("acoso", "harassment"),
    ("juventud", "youth"),
    ("discapacidad", "disability"),
    ("agricultura", "agriculture"),
    ("construcción", "construction"),
    ("minería", "mining"),
    ("pesca", "fishing"),
    ("turismo", "tourism"),
    ("plataformas", "platforms"),
    ("negociación", "bargaining"),
    ("sindicatos", "unions"),
    ("intermediación", "placement"),
    ("orientación", "guidance"),
    ("desempleo", "unemployment"),
    ("estadísticas", "statistics"),
    ("observatorio", "observatory"),
    ("digitalización", "digitalisation"),
    ("ventanilla", "one-stop"),
    ("trazabilidad", "traceability"),
    ("riesgos", "hazards"),
    ("ergonomía", "ergonomics"),
    ("accidentes", "accidents"),
    ("enfermedades", "diseases"),
    ("vacaciones", "holidays"),
    ("jornada", "hours"),
    ("maternidad", "maternity"),
    ("paternidad", "paternity"),
    ("conciliación", "conciliation"),
    ("microcrédito", "microcredit"),
    ("cooperativas", "cooperatives"),
    ("artesanos", "artisans"),
    ("domésticas", "domestic"),
    ("rurales", "rural"),
    ("indígenas", "indigenous"),
    ("afrodescendientes", "afro-descendant"),
    ("retorno", "return"),
    ("reinserción", "reintegration"),
    ("competencias", "competencies"),
    ("tutorías", "mentoring"),
    ("pasantías", "internships"),
    ("becas", "scholarships"),
    ("subsidios", "subsidies"),
    ("contratación", "hiring"),
    ("licencias", "leave"),
    ("transparencia", "transparency"),
    ("ciberseguridad", "cybersecurity"),
    ("automatización", "automation"),
    ("transición", "transition"),
    ("verde", "green"),
]


def _words(text: str) -> list[str]:
    return text.split()


FILLER = {
    "es": _words(
        "el la los las de del y en con para por un una que se su sus al como más "
        "programa ministerio trabajo empleo personas trabajadoras trabajadores empresas "
        "instituciones nacional regional local país países región servicio servicios "
        "apoyo atención capacitación formación curso cursos taller talleres diálogo social "
        "política políticas pública públicas gestión calidad acceso derechos protección "
        "cobertura participación desarrollo fortalecimiento mejora mejorar promover "
        "garantizar ampliar reducir brecha brechas año años meses equipo equipos técnico "
        "técnicos oficinas sistema sistemas registro información datos plataforma "
        "herramienta herramientas guía manual proceso procesos resultado resultados "
        "evaluación seguimiento meta metas indicadores alianza alianzas sector sectores "
        "privado empleadores organizaciones comunidad comunidades territorio territorios "
        "municipios provincias departamentos mujeres jóvenes adultos población grupo grupos "
        "vulnerables economía informal productividad ingresos condiciones "
        "dignas decentes oportunidades inclusión igualdad red cooperación "
        "intercambio experiencia experiencias buenas prácticas aprendizaje lecciones"
    ),
    "en": _words(
        "the of and in with for by a an that its their to as more programme ministry "
        "labour employment people workers companies institutions national regional local "
        "country countries region service services support training course courses "
        "workshop workshops social dialogue policy policies public management quality "
        "access rights protection coverage participation development strengthening improve "
        "promote ensure expand reduce gap gaps year years months team teams technical "
        "offices system systems registry information data tool tools guide handbook "
        "process processes result results evaluation monitoring target targets indicators "
        "partnership partnerships sector sectors private employers organisations community "
        "communities territory municipalities provinces women young adults population group "
        "groups vulnerable economy informal productivity income conditions decent "
        "opportunities inclusion equality network cooperation exchange experience good "
        "practices learning lessons"
    ),
}
NAME_HEADS = {
    "es": ["Programa de", "Estrategia de", "Plan nacional de", "Red de", "Sistema de"],
    "en": ["Programme on", "Strategy for", "National plan for", "Network for", "System of"],
}


def _sentences(rng: random.Random, words: list[str], count: int, keywords=()) -> str:
    """``count`` words of filler in sentences of 8-20 words, with ``keywords`` spread in."""
    chosen = rng.choices(words, k=count)
    for keyword in keywords:
        chosen.insert(rng.randrange(len(chosen) + 1), keyword)
    sentences, i = [], 0
    while i < len(chosen):
        size = rng.randint(8, 20)
        part = chosen[i : i + size]
        sentences.append(part[0].capitalize() + " " + " ".join(part[1:]) + ".")
        i += size
    return " ".join(sentences)


def _texts(rng: random.Random, language: str, topics: tuple[int, int]) -> dict:
    side = 0 if language == "es" else 1
    words = FILLER[language]
    first, second = (KEYWORDS[t][side] for t in topics)
    name_words = " ".join(rng.choices(words, k=rng.randint(3, 6)))
    return {
        "name": f"{rng.choice(NAME_HEADS[language])} {first} {name_words}"[:250],
        "needs": _sentences(rng, words, rng.randint(40, 80)),
        "description": _sentences(rng, words, rng.randint(120, 220), (first, second)),
        "objectives": _sentences(rng, words, rng.randint(30, 70), (second,)),
    }


def populate(count: int = PROGRAMMES, seed: int = 2026) -> dict:
    """Add ``count`` published programmes with bulk_create (run inside Django)."""
    import datetime

    from django.db import transaction
    from django.utils import timezone

    from courses.models import Theme
    from lms.choices import Country
    from portfolio.models import (
        Category,
        Programme,
        ProgrammeTarget,
        ProgrammeTranslation,
        Target,
    )

    rng = random.Random(seed)
    countries = dict(Country.choices)
    theme_ids = list(Theme.objects.values_list("pk", flat=True))
    now = timezone.now()
    programmes, topics = [], []
    for i in range(count):
        language = "es" if rng.random() < 0.85 else "en"
        pair = tuple(rng.sample(range(len(KEYWORDS)), 2))
        country = rng.choice(list(countries))
        published = now - datetime.timedelta(hours=2 * (count - i), minutes=rng.randint(0, 59))
        texts = _texts(rng, language, pair)
        filler = FILLER[language]
        programmes.append(
            Programme(
                **texts,
                country=country,
                institution=f"Ministerio de Trabajo · {countries[country]}",
                contact_name="Focal point",
                contact_email=f"focal{i}@example.org",
                category=rng.choice(Category.values),
                start_date=published.date(),
                duration_months=rng.choice([None, 6, 12, 24, 36]),
                coverage=" ".join(rng.choices(filler, k=6)),
                target_population=_sentences(rng, filler, rng.randint(10, 30)),
                institutions=_sentences(rng, filler, rng.randint(10, 30)),
                funding=_sentences(rng, filler, rng.randint(10, 30)),
                achievements=_sentences(rng, filler, rng.randint(30, 60)),
                lessons=_sentences(rng, filler, rng.randint(30, 60)),
                consent_publish=True,
                share_workshops=rng.random() < 0.6,
                share_bilateral=rng.random() < 0.5,
                language=language,
                status=Programme.Status.PUBLISHED,
                created_at=published - datetime.timedelta(days=30),
                updated_at=published,
                published_at=published,
            )
        )
        topics.append(pair)
    through = Programme.themes.through
    with transaction.atomic():
        created = Programme.objects.bulk_create(programmes, batch_size=500)
        if any(p.pk is None for p in created):  # an SQLite without RETURNING
            pks = list(Programme.objects.order_by("-pk").values_list("pk", flat=True)[:count])[::-1]
            for programme, pk in zip(created, pks, strict=True):
                programme.pk = pk
        links, targets, translations = [], [], []
        for programme, pair in zip(created, topics, strict=True):
            for theme_id in rng.sample(theme_ids, rng.randint(1, 3)):
                links.append(through(programme_id=programme.pk, theme_id=theme_id))
            for code in rng.sample(Target.values, rng.randint(1, 2)):
                targets.append(ProgrammeTarget(programme_id=programme.pk, code=code))
            if rng.random() < 1 / 3:
                other = "en" if programme.language == "es" else "es"
                translations.append(
                    ProgrammeTranslation(
                        programme_id=programme.pk, language=other, **_texts(rng, other, pair)
                    )
                )
        through.objects.bulk_create(links, batch_size=2000)
        ProgrammeTarget.objects.bulk_create(targets, batch_size=2000)
        ProgrammeTranslation.objects.bulk_create(translations, batch_size=500)
        # The full-text index the portfolio's word search reads (portfolio/search.py).
        from portfolio.search import rebuild

        rebuild()
    return {
        "programmes": len(created),
        "theme_links": len(links),
        "targets": len(targets),
        "translations": len(translations),
        "published_total": Programme.objects.filter(status=Programme.Status.PUBLISHED).count(),
        "theme_id": Theme.objects.get(code="labour-inspection").pk,
    }


def pages(theme_id: int) -> list[tuple[str, str]]:
    word = urllib.parse.quote(SEARCH_WORD)
    return [
        ("portfolio, first page", "/es/portfolio/"),
        (f"search q={SEARCH_WORD}", f"/es/portfolio/?q={word}"),
        (
            "country+category+theme",
            f"/es/portfolio/?country=PE&category=labour_admin&theme={theme_id}",
        ),
        ("language=en", "/es/portfolio/?language=en"),
        ("deep page ?page=200", "/es/portfolio/?page=200"),
        ("the Table", "/es/portfolio/table/"),
    ]


def profile(theme_id: int) -> list[dict]:
    """Render each page in process: median time, queries, the slowest with its plan."""
    import re
    import statistics
    import time

    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="127.0.0.1")
    rows = []
    for name, path in pages(theme_id):
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        found = re.search(rb'class="meta" role="status">\s*([\d.,\s]+)', response.content)
        timings = []
        for _ in range(PROFILE_RUNS):
            started = time.perf_counter()
            client.get(path)
            timings.append((time.perf_counter() - started) * 1000)
        with CaptureQueriesContext(connection) as captured:
            client.get(path)
        queries = [(float(q["time"]) * 1000, q["sql"]) for q in captured.captured_queries]
        slowest_ms, slowest_sql = max(queries)
        plan = [
            row[3] for row in connection.connection.execute("EXPLAIN QUERY PLAN " + slowest_sql)
        ]
        rows.append(
            {
                "name": name,
                "path": path,
                "results": found.group(1).decode().strip() if found else "",
                "ms_median": round(statistics.median(timings), 2),
                "queries": len(queries),
                "db_ms": round(sum(ms for ms, _sql in queries), 2),
                "slowest_ms": round(slowest_ms, 2),
                "slowest_sql": slowest_sql,
                "slowest_plan": plan,
            }
        )
    return rows


SETUP_SCRIPT = """
import json
from bench.portfolio_search import populate, profile
data = populate()
data["profile"] = profile(data["theme_id"])
print(json.dumps(data))
"""


def measure(connections: int = 16, duration: float = 2.0, rounds: int = 3) -> dict:
    workdir = tempfile.mkdtemp(prefix="rial-bench-")
    env = production_env(workdir)
    prepare_site(env)
    setup = shell_json(env, SETUP_SCRIPT)
    hello_port, site_port = free_port(), free_port()
    processes = [
        start("bench.asgi_hello:application", hello_port, env),
        start("config.asgi:application", site_port, env),
    ]
    try:
        wait_until_up(f"http://127.0.0.1:{hello_port}/")
        wait_until_up(f"http://127.0.0.1:{site_port}/healthz")
        targets = [
            ("asgi hello (baseline)", hello_port, "/", ""),
            ("healthz", site_port, "/healthz", ""),
            *((name, site_port, path, "") for name, path in pages(setup["theme_id"])),
        ]
        for _name, port, path, _headers in targets:
            wait_until_up(f"http://127.0.0.1:{port}{path}")
        rows = interleaved(targets, connections=connections, duration=duration, rounds=rounds)
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(timeout=10)
        shutil.rmtree(workdir, ignore_errors=True)  # 10,000 programmes: about 75 MB
    return {
        "benchmark": "portfolio_search",
        "connections": connections,
        "duration_s": duration,
        "rounds": rounds,
        "data": {key: value for key, value in setup.items() if key != "profile"},
        "rows": rows,
        "in_process": setup["profile"],
    }


def report(result: dict) -> str:
    data = result["data"]
    lines = [
        f"Portfolio search on {data['published_total']:,} published programmes "
        f"({data['translations']:,} translations, {data['theme_links']:,} theme links, "
        f"{data['targets']:,} targets), SQLite",
        f"{result['connections']} keep-alive connections, {result['duration_s']}s each, "
        "one Daphne process per server",
        f"{'target':<24}{'req/s':>10}{'p50 ms':>10}{'p99 ms':>10}{'errors':>8}{'x baseline':>12}",
    ]
    for row in result["rows"]:
        lines.append(
            f"{row['name']:<24}{row['rps']:>10.1f}{row['p50_ms']:>10.2f}{row['p99_ms']:>10.2f}"
            f"{row['errors']:>8}{row['ratio_to_baseline']:>12.4f}"
        )
    lines += [
        "",
        f"In process (Django test client, median of {PROFILE_RUNS}), one request at a time",
        f"{'page':<24}{'results':>9}{'ms':>9}{'queries':>9}{'db ms':>9}{'slowest q ms':>14}",
    ]
    for row in result["in_process"]:
        lines.append(
            f"{row['name']:<24}{row['results']:>9}{row['ms_median']:>9.2f}{row['queries']:>9}"
            f"{row['db_ms']:>9.2f}{row['slowest_ms']:>14.2f}"
        )
    lines.append("Plan of each page's slowest query:")
    for row in result["in_process"]:
        lines.append(f"  {row['name']}: " + " | ".join(row["slowest_plan"]))
    return "\n".join(lines)

"""One search service: accents both ways, translations, indexes in step on every
write, permissions, hostile input, bounded queries, the site-wide page."""

import uuid

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from forum import services as forum_services
from forum.models import Room
from forum.search import message_search, post_search
from portfolio import selectors as portfolio_selectors
from portfolio import services as portfolio_services
from search import engine
from search.models import Entry
from search.providers import providers
from search.services import Document, entries_replace
from tests.forum.forum_fixtures import ask, no_flood, reply, workshop  # noqa: F401
from tests.portfolio.test_portfolio import _programme, _published, people  # noqa: F401

pytestmark = pytest.mark.django_db

HOSTILE = ['"', "*", "NEAR(", "'", ":", "a:b", "(((", "AND OR NOT", "x" * 5000, "'; DROP", "-", "^"]


def _titles(hits):
    return [hit.title for hit in hits]


# --- the engine ---------------------------------------------------------------------------


def test_accents_do_not_matter_either_way():
    entries_replace(kind="t", object_id=1, documents=[Document(title="Diálogo social")])
    entries_replace(kind="t", object_id=2, documents=[Document(title="Dialogo sin tilde")])
    assert {h.object_id for h in engine.ranked(query="dialogo")} == {1, 2}
    assert {h.object_id for h in engine.ranked(query="DIÁLOGO")} == {1, 2}
    assert engine.count(query="diálogo social") == 1


def test_the_last_word_is_a_prefix_and_the_title_ranks_first():
    entries_replace(kind="t", object_id=1, documents=[Document(title="x", body="inspección")])
    entries_replace(kind="t", object_id=2, documents=[Document(title="Inspección", body="y")])
    assert [h.object_id for h in engine.ranked(query="inspe")] == [2, 1]
    assert engine.ranked(query="inspe zzz") == []


@pytest.mark.parametrize("query", HOSTILE)
def test_hostile_queries_give_results_or_none_never_an_error(query, client):
    entries_replace(kind="t", object_id=1, documents=[Document(title="a b near x")])
    engine.ranked(query=query)
    engine.count(query=query)
    assert client.get(reverse("search:search"), {"q": query}).status_code == 200


def test_scopes_and_kinds_narrow_the_search():
    entries_replace(kind="t", object_id=1, documents=[Document(title="mesa", scope="space1")])
    entries_replace(kind="t", object_id=2, documents=[Document(title="mesa", scope="space2")])
    entries_replace(kind="u", object_id=3, documents=[Document(title="mesa", scope="space1")])
    assert {h.object_id for h in engine.ranked(query="mesa", scopes=["space1"])} == {1, 3}
    assert [h.object_id for h in engine.ranked(query="mesa", kinds=["t"], scopes=["space1"])] == [1]
    assert engine.ranked(query="mesa", scopes=[]) == []


def test_counts_stop_at_the_cap():
    for pk in range(1, 8):
        entries_replace(kind="t", object_id=pk, documents=[Document(title="común")])
    assert engine.count(query="comun") == 7
    assert engine.count(query="comun", cap=3) == 4  # "3+"


# --- the portfolio ------------------------------------------------------------------------


def test_a_programme_is_found_in_the_language_of_its_translation(people):  # noqa: F811
    programme = _published(people, data={"name": "Teletrabajo decente"})
    assert not portfolio_selectors.search(portfolio_selectors.Filters(q="telework")).exists()
    portfolio_services.programme_translate(
        actor=people["secretariat"],
        programme=programme,
        language="en",
        name="Decent telework",
        needs="Homes as workplaces.",
        description="Labour inspection of telework.",
        objectives="Rules.",
    )
    found = portfolio_selectors.search(portfolio_selectors.Filters(q="telework"))
    assert list(found) == [programme]
    assert list(portfolio_selectors.search(portfolio_selectors.Filters(q="teletrabajo"))) == [
        programme
    ]
    # Translated again: the old English words are gone.
    portfolio_services.programme_translate(
        actor=people["secretariat"],
        programme=programme,
        language="en",
        name="Remote work",
        needs="Homes.",
        description="Inspection.",
        objectives="Rules.",
    )
    assert not portfolio_selectors.search(portfolio_selectors.Filters(q="telework")).exists()


def test_programme_edits_and_unpublishing_keep_the_index_in_step(people):  # noqa: F811
    programme = _published(people)
    assert list(portfolio_selectors.search(portfolio_selectors.Filters(q="tabletas"))) == [
        programme
    ]
    portfolio_services.programme_save(
        actor=people["peru"],
        programme=programme,
        data={"description": "Inspectores con drones."},
        themes=programme.themes.all(),
        targets=["rural"],
    )
    filters = portfolio_selectors.Filters
    assert not portfolio_selectors.search(filters(q="tabletas")).exists()
    assert portfolio_selectors.search(filters(q="drones")).exists()
    portfolio_services.programme_review(
        actor=people["secretariat"], programme=programme, action="unpublish", comment="Revisar"
    )
    assert not Entry.objects.filter(kind="programme", object_id=programme.pk).exists()
    assert engine.count(query="drones") == 0


def test_drafts_are_found_by_no_one(people, client):  # noqa: F811
    _programme(people, data={"name": "Borrador secreto"})
    assert engine.count(query="secreto") == 0
    assert "Borrador secreto" not in client.get(reverse("search:search"), {"q": "secreto"}).text


def test_the_portfolio_page_ranks_from_the_entries_with_a_capped_count(
    people,  # noqa: F811
    client,
    monkeypatch,
):
    in_title = _published(people, data={"name": "Mesa de diálogo"})
    in_text = _published(people, data={"name": "Otra", "description": "Un diálogo social."})
    _programme(people, data={"name": "Diálogo en borrador"})  # a draft: found by no one
    url = reverse("portfolio:index")
    page = client.get(url, {"q": "dialogo"}).context["page"]
    assert [p.pk for p in page.object_list] == [in_title.pk, in_text.pk]  # the title first
    assert page.paginator.count == 2 and not page.paginator.object_list.capped
    # The other filters narrow the entries' programmes (here, to none).
    assert client.get(url, {"q": "dialogo", "country": "CL"}).context["page"].paginator.count == 0
    assert client.get(url, {"q": "dialogo", "country": "PE"}).context["page"].paginator.count == 2
    # Past the cap, the count says "1+" and the page still lists the best.
    monkeypatch.setattr("search.providers.CAP", 1)
    response = client.get(url, {"q": "dialogo"})
    assert response.context["page"].paginator.object_list.capped
    assert [p.pk for p in response.context["page"].object_list] == [in_title.pk, in_text.pk][:1]
    with translation.override("en"):
        assert "1+ results" in client.get(reverse("portfolio:index"), {"q": "dialogo"}).text


def test_one_candidate_set_gives_the_capped_count_and_the_best(django_assert_num_queries):
    for pk in range(1, 8):
        entries_replace(kind="t", object_id=pk, documents=[Document(title="común", body="x")])
    entries_replace(kind="t", object_id=9, documents=[Document(title="común común")])
    entries_replace(kind="t", object_id=8, documents=[Document(title="otro", body="común")])
    best = engine.ranked(query="comun", kinds=["t"], limit=2)
    with django_assert_num_queries(1):
        assert engine.candidates(query="comun", kinds=["t"], limit=2) == (9, best)
    count, hits = engine.candidates(query="comun", kinds=["t"], limit=3, cap=3)
    assert count == 4 and len(hits) == 3  # "3+"
    assert hits[0].object_id == 9 and 8 not in [h.object_id for h in hits]
    assert engine.candidates(query="comun", kinds=["t"], scopes=[]) == (0, [])
    assert engine.candidates(query="zzz", kinds=["t"]) == (0, [])


def test_only_the_newest_matches_are_ranked_but_all_candidates_are_counted(monkeypatch):
    entries_replace(kind="t", object_id=1, documents=[Document(title="común común común")])
    for pk in range(2, 6):
        entries_replace(kind="t", object_id=pk, documents=[Document(title="x", body="común")])
    monkeypatch.setattr(engine, "RANK_WINDOW", 2)
    count, hits = engine.candidates(query="comun", kinds=["t"], limit=5)
    assert count == 5 and [h.object_id for h in hits] == [5, 4]  # the best (1) is too old


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's GIN indexes")
def test_the_gin_indexes_take_each_entry_at_once():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relname, reloptions FROM pg_class WHERE relname LIKE 'search_entry_document_%'"
        )
        indexes = dict(cursor.fetchall())
    assert len(indexes) == 7 and all("fastupdate=off" in (o or []) for o in indexes.values())


# --- forums and chat ----------------------------------------------------------------------


def test_forum_search_finds_dialogo_for_dialogo_with_accent(workshop, no_flood):  # noqa: F811
    topic = ask(workshop, title="Mesa de diálogo social", body="Convocamos a las partes")
    reply(workshop, topic, "bruno", body="El dialogo avanza")
    found = post_search(user=workshop["alice"], query="dialogo")
    assert found.count() == 2
    assert {p.topic_id for p in found[0:10]} == {topic.pk}
    # The title is in the first post's entry only, not repeated in every reply.
    assert Entry.objects.filter(kind="post", title="Mesa de diálogo social").count() == 1


def test_forum_posts_stay_in_step_on_edit_hide_and_restore(workshop, no_flood):  # noqa: F811
    topic = ask(workshop, title="Mesa", body="Primera")
    post = reply(workshop, topic, "bruno", body="Texto original").post
    alice = workshop["alice"]
    forum_services.post_edit(actor=workshop["bruno"], post=post, body="Texto corregido")
    assert post_search(user=alice, query="original").count() == 0
    assert post_search(user=alice, query="corregido").count() == 1
    forum_services.post_delete(actor=workshop["mod"], post=post)
    assert post_search(user=alice, query="corregido").count() == 0
    forum_services.post_restore(actor=workshop["mod"], post=post)
    assert post_search(user=alice, query="corregido").count() == 1
    # Hiding the first post hides the topic: every post of it leaves the search.
    forum_services.post_delete(actor=workshop["mod"], post=topic.posts.get(number=1))
    assert post_search(user=alice, query="corregido").count() == 0
    assert post_search(user=alice, query="primera").count() == 0


def test_a_private_space_is_hidden_from_who_may_not_read_it(workshop, no_flood):  # noqa: F811
    forum_services.topic_create(
        user=workshop["neighbour"],
        space=workshop["other"],
        category=workshop["other"].categories.get(),
        title="Reglamento secreto",
        body="quórum secreto",
        token=uuid.uuid4(),
    )
    assert post_search(user=workshop["alice"], query="quorum").count() == 0
    assert post_search(user=workshop["neighbour"], query="quorum").count() == 1


def test_chat_history_only_in_rooms_the_person_may_read(workshop):  # noqa: F811
    room = Room.objects.create(space=workshop["space"], name="General", slug="bogota-general")
    other = Room.objects.create(space=workshop["other"], name="Otra", slug="otra-sala")
    forum_services.chat_message_send(
        user=workshop["alice"], room=room, client_id=uuid.uuid4(), body="Inspección laboral"
    )
    sent = forum_services.chat_message_send(
        user=workshop["neighbour"], room=other, client_id=uuid.uuid4(), body="Inspección privada"
    )
    assert message_search(user=workshop["alice"], query="inspeccion").count() == 1
    assert message_search(user=workshop["neighbour"], query="privada").count() == 1
    assert message_search(user=workshop["alice"], query="privada").count() == 0
    assert message_search(user=workshop["alice"], query="laboral", room=room).count() == 1
    assert sent.message.pk
    removed = forum_services.chat_message_send(
        user=workshop["alice"], room=room, client_id=uuid.uuid4(), body="Mensaje borrable"
    )
    assert message_search(user=workshop["alice"], query="borrable").count() == 1
    forum_services.chat_message_delete(actor=workshop["mod"], room=room, seq=removed.message.seq)
    assert message_search(user=workshop["alice"], query="borrable").count() == 0


# --- the site-wide page -------------------------------------------------------------------


def test_the_page_groups_by_kind_and_respects_permissions(
    client,
    people,  # noqa: F811
    workshop,  # noqa: F811
    no_flood,  # noqa: F811
    django_assert_max_num_queries,
):
    _published(people, data={"name": "Diálogo tripartito"})
    ask(workshop, title="Diálogo en la mesa", body="Texto")
    url = reverse("search:search")
    anonymous = client.get(url, {"q": "dialogo"}).text
    assert "Diálogo tripartito" in anonymous and "Diálogo en la mesa" not in anonymous
    client.force_login(workshop["alice"])
    with CaptureQueriesContext(connection) as one:
        signed_in = client.get(url, {"q": "dialogo"}).text
    # As many queries for twelve matches of each kind as for one: per kind one query
    # for its capped count and best five together, and the objects' own (the session
    # and user around them). 17: funding calls are one more kind (one more query).
    for n in range(12):
        _published(people, data={"name": f"Diálogo {n}"})
        ask(workshop, title=f"Diálogo {n}", body="Texto")
    with django_assert_max_num_queries(17), CaptureQueriesContext(connection) as many:
        client.get(url, {"q": "dialogo"})
    assert len(many) <= len(one)  # (the first request also warms a cache)
    # One full-text query per kind (none for chat: Alice reads no room).
    searches = [q for q in many if "search_entry" in q["sql"]]
    assert len(searches) == len(providers()) - 1
    assert "Diálogo tripartito" in signed_in and "Diálogo en la mesa" in signed_in
    assert 'id="results-programme"' in signed_in and 'id="results-post"' in signed_in
    client.force_login(workshop["outsider"])
    assert "Diálogo en la mesa" not in client.get(url, {"q": "dialogo"}).text


def test_the_page_counts_each_kind_up_to_its_cap(client, people, monkeypatch):  # noqa: F811
    for n in range(3):
        _published(people, data={"name": f"Diálogo {n}"})
    monkeypatch.setattr("search.views.CAP", 2)
    with translation.override("en"):
        html = client.get(reverse("search:search"), {"q": "dialogo"}).text
    assert "2+ results" in html and html.count("Diálogo ") == 3  # the count capped, not the list


@pytest.mark.parametrize("language", ["es", "en", "pt", "fr"])
def test_the_page_answers_in_every_language_and_is_in_the_header(client, language):
    with translation.override(language):
        url = reverse("search:search")
    assert url.startswith(f"/{language}/")
    html = client.get(url, {"q": "nada"}).text
    assert 'role="search"' in html and 'id="site-search-box"' in html


def test_rebuild_indexes_everything_again(people, workshop, no_flood):  # noqa: F811
    _published(people, data={"name": "Diálogo tripartito"})
    ask(workshop, title="Diálogo en la mesa", body="Texto")
    Entry.objects.all().delete()
    assert engine.count(query="dialogo") == 0
    call_command("search_rebuild", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert engine.count(query="dialogo") == 2


# --- experts, documents, courses ----------------------------------------------------------


def test_experts_are_found_without_accents_and_hidden_ones_are_not(secretariat):
    from forum.models import ExpertProfile
    from forum.selectors.experts import directory
    from forum.services import expert_profile_update
    from tests.forum.expert_fixtures import make_expert

    user = make_expert(secretariat, "Patrícia Alves", ["working-conditions"], headline="Inspección")
    assert [p.user for p in directory(query="patricia inspeccion")] == [user]
    assert list(directory(query="salarios")) != []  # a theme's name in Spanish
    profile = ExpertProfile.objects.get(user=user)
    expert_profile_update(
        actor=secretariat,
        profile=profile,
        headline="Inspección",
        bio="",
        themes=[],
        workshops=[],
        seminars="",
        availability="",
        accepts_questions=True,
        is_listed=False,
    )
    assert engine.count(query="patricia") == 0


def test_documents_are_found_once_published(secretariat):
    from library import selectors as library_selectors
    from library.models import Publication
    from library.services import publication_decide

    item = Publication.objects.create(
        title="Guía de inspección", kind="study", status=Publication.Status.SUGGESTED
    )
    assert not library_selectors.publications(q="inspeccion").exists()
    publication_decide(actor=secretariat, publication=item, publish=True)
    assert list(library_selectors.publications(q="inspeccion")) == [item]


def test_course_pages_follow_publish_and_unpublish(client):
    from tests.course_fixtures import build_course

    course = build_course().course
    url = reverse("search:search")
    assert "Curso de prueba" in client.get(url, {"q": "prueba"}).text
    course.unpublish()
    assert "Curso de prueba" not in client.get(url, {"q": "prueba"}).text


def test_an_expert_renamed_on_the_lms_side_is_found_by_the_new_name(secretariat):
    from forum.selectors.experts import directory
    from lms.services.people import profile_update
    from tests.forum.expert_fixtures import make_expert

    user = make_expert(secretariat, "Patrícia Alves", ["working-conditions"])
    profile_update(
        actor=user,
        user=user,
        full_name="Patrícia Souza",
        country="BR",
        institution="Ministério do Trabalho",
        position="",
        preferred_language="pt",
        time_zone="America/Sao_Paulo",
        spoken_languages=["pt"],
    )
    assert [p.user for p in directory(query="souza")] == [user]
    assert [p.user for p in directory(query="ministerio trabalho")] == [user]
    assert list(directory(query="alves")) == []
    # The Wagtail admin saves the user itself; a deactivated account is found by no one.
    user.full_name = "Patrícia Lima"
    user.save()
    assert engine.count(query="lima", kinds=["expert"]) == 1
    user.is_active = False
    user.save(update_fields=["is_active"])
    assert engine.count(query="lima", kinds=["expert"]) == 0
    user.save(update_fields=["last_login"])  # a login: nothing to write
    assert engine.count(query="lima", kinds=["expert"]) == 0


def test_a_view_restriction_without_publishing_hides_the_page_and_those_below(
    client, django_capture_on_commit_callbacks
):
    from wagtail.models import PageViewRestriction

    from tests.course_fixtures import build_course

    world = build_course()
    url = reverse("search:search")

    def found(query):
        return client.get(url, {"q": query}).text

    assert "Curso de prueba" in found("prueba") and "Lección A" in found("leccion")
    with django_capture_on_commit_callbacks(execute=True):
        restriction = PageViewRestriction.objects.create(
            page=world.course, restriction_type=PageViewRestriction.LOGIN
        )
    assert engine.count(query="prueba", kinds=["page"]) == 0
    assert engine.count(query="leccion", kinds=["page"]) == 0  # the lessons below it too
    assert "Curso de prueba" not in found("prueba") and "Lección A" not in found("leccion")
    with django_capture_on_commit_callbacks(execute=True):
        restriction.delete()
    assert "Curso de prueba" in found("prueba") and "Lección A" in found("leccion")
    # Even a restriction written around the signals is checked when results are read.
    PageViewRestriction.objects.bulk_create(
        [PageViewRestriction(page=world.module1, restriction_type=PageViewRestriction.LOGIN)]
    )
    assert "Lección A" not in found("leccion") and "Curso de prueba" in found("prueba")


def test_a_room_page_searches_its_own_history(client, workshop):  # noqa: F811
    room = Room.objects.create(space=workshop["space"], name="General", slug="bogota-general")
    forum_services.chat_message_send(
        user=workshop["alice"], room=room, client_id=uuid.uuid4(), body="Acta de la reunión"
    )
    client.force_login(workshop["bruno"])
    with translation.override("es"):
        url = reverse("forum:room", kwargs={"slug": room.slug})
    html = client.get(url, {"q": "reunion"}).text
    assert "1 mensaje encontrado" in html
    assert "Acta de la reunión" in html
    client.force_login(workshop["neighbour"])
    response = client.get(reverse("forum:room", kwargs={"slug": room.slug}), {"q": "reunion"})
    assert response.status_code in (403, 404)

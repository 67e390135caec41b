"""The full-text engine under the one search service, chosen by database vendor.

- SQLite: an FTS5 table ``search_entry_fts`` (external content = ``search_entry``,
  kept in step by triggers; ``unicode61 remove_diacritics 2``; prefix indexes of 2
  and 3 characters), ranked with bm25, title ten times the body.
- PostgreSQL: a generated ``document`` tsvector on ``search_entry`` (the entry's
  language stemmed, title weighted A and body B, plus a ``simple`` vector so a word
  from another language still matches; every configuration passes through
  ``unaccent``), a GIN index, ranked with ts_rank.

User input never reaches either query language: a query is reduced to its words
(letters and digits), each quoted (FTS5) or made a plain lexeme (tsquery); the last
word matches as a prefix. So any input gives results or none, never an error.
"""

import re
from dataclasses import dataclass

from django.db import connection
from django.db.models import BigIntegerField, F, Func
from django.db.models.expressions import RawSQL

MAX_WORDS = 8
LANGUAGES = 4  # entries per object at most (es, en, pt, fr)
RANK_WINDOW = 1000  # how many of the newest matching entries are ranked
MAX_WORD = 40
# PostgreSQL text-search configuration per entry language (made in migration 0001).
CONFIGS = {"es": "rial_spanish", "en": "rial_english", "pt": "rial_portuguese", "fr": "rial_french"}
SCOPE_RE = re.compile(r"[^0-9a-z]")
# Kinds with a full-text table (SQLite) or partial GIN index (PostgreSQL) of their own;
# every other kind shares "other" (migration 0001 makes them).
KINDS = ("programme", "post", "chat", "expert", "document", "page")
OTHER = "other"
# Kinds indexed once per object (not once per language): a capped count reads cap + 1.
ONE_ENTRY = ("post", "chat")


@dataclass(frozen=True)
class Hit:
    kind: str
    object_id: int
    language: str
    title: str


def words_of(query: str) -> list[str]:
    """The words of a query, lower case, at most eight of at most 40 characters."""
    seen = []
    for word in re.findall(r"[^\W_]+", (query or "").casefold()):
        word = word[:MAX_WORD]
        if word not in seen:
            seen.append(word)
    return seen[:MAX_WORDS]


def scope_word(scope: str) -> str:
    """A scope as one index word ("space12"): lower-case letters and digits only."""
    return SCOPE_RE.sub("", str(scope).lower()) or "none"


def _sqlite_match(words) -> str:
    # Every word a quoted FTS5 string (words_of keeps no quote), the last a prefix.
    return " ".join([*(f'"{w}"' for w in words[:-1]), f'"{words[-1]}"*'])


def _sqlite_tables(kinds) -> list[tuple[str, list[str]]]:
    """The FTS5 tables to read for ``kinds`` (every table when none), each with the
    kinds to keep from it: none for a kind's own table, the asked ones from "other"."""
    if not kinds:
        return [(f"search_fts_{kind}", []) for kind in (*KINDS, OTHER)]
    tables = [(f"search_fts_{kind}", []) for kind in KINDS if kind in kinds]
    others = [kind for kind in kinds if kind not in KINDS]
    return tables + ([(f"search_fts_{OTHER}", others)] if others else [])


def _sqlite_filter(kinds, scopes, within=None):
    """Kinds, scopes and ``within`` as a WHERE on the entry row (``e``), not in the MATCH."""
    where, params = [], []
    if kinds:
        where.append("e.kind IN (" + ", ".join(["%s"] * len(kinds)) + ")")
        params += list(kinds)
    if scopes is not None:
        where.append("e.scope IN (" + ", ".join(["%s"] * len(scopes)) + ")")
        params += [scope_word(s) for s in scopes]
    if within is not None:
        where.append(f"e.object_id IN ({within[0]})")
        params += list(within[1])
    return "".join(f" AND {clause}" for clause in where), params


def _per_object(kinds) -> int:
    """At most how many entries an object of ``kinds`` has."""
    return 1 if kinds and set(kinds) <= set(ONE_ENTRY) else LANGUAGES


def _sqlite_matches(words, kinds, scopes, columns, limit, *, newest=True, within=None, since=""):
    """One SELECT per FTS5 table (UNION ALL) of ``columns`` over the matching entries,
    each capped at ``limit`` (the newest first when ``newest``; from rowid ``since``, an
    SQL expression, when given); SQL and parameters."""
    selects, params = [], []
    for table, keep in _sqlite_tables(kinds):
        filters, filter_params = _sqlite_filter(keep, scopes, within)
        join = " CROSS JOIN search_entry e ON e.id = f.rowid" if filters else ""
        order = " ORDER BY f.rowid DESC" if newest else ""
        selects.append(
            f"SELECT * FROM (SELECT {columns.format(table=table)} FROM {table} f{join}"  # noqa: S608 (our constants)
            f" WHERE {table} MATCH %s{' AND f.rowid >= ' + since if since else ''}{filters}"
            f"{order} LIMIT %s)"
        )
        params += [_sqlite_match(words), *filter_params, limit]
    return " UNION ALL ".join(selects), params


def _pg_tsquery(words) -> str:
    return " & ".join([*words[:-1], words[-1] + ":*"])


def _pg_kinds(kinds) -> str:
    """Kinds as a WHERE the planner matches to their partial GIN index (the same
    ``(kind || '')`` predicate, see migration 0001): a kind of our own as a literal
    (ours, never input), any other kind with "not one of ours"."""
    if len(kinds) == 1 and kinds[0] in ONE_ENTRY:
        return f"kind = '{kinds[0]}'"
    if len(kinds) == 1 and kinds[0] in KINDS:
        return f"(kind || '') = '{kinds[0]}'"
    if not set(kinds) & set(KINDS):
        known = ", ".join(f"'{k}'" for k in KINDS)
        return f"kind = ANY(%s) AND (kind || '') NOT IN ({known})"
    return "kind = ANY(%s)"


def _pg_where(words, kinds, scopes, language, within=None):
    config = CONFIGS.get((language or "es")[:2], "rial_spanish")
    query = f"(to_tsquery('rial_simple'::regconfig, %s) || to_tsquery('{config}'::regconfig, %s))"
    text = _pg_tsquery(words)
    where, params = [f"document @@ {query}"], [text, text]
    if kinds:
        clause = _pg_kinds(list(kinds))
        where.append(clause)
        params += [list(kinds)] if "%s" in clause else []
    if scopes is not None:
        where.append("scope = ANY(%s)")
        params.append([scope_word(s) for s in scopes])
    if within is not None:
        where.append(f"object_id IN ({within[0]})")
        params += list(within[1])
    return query, " AND ".join(where), params, [text, text]


def _empty(words, scopes) -> bool:
    return not words or (scopes is not None and not list(scopes))


def _dedupe(rows) -> list[Hit]:
    """Hits from ranked entry rows, each object once (its best language)."""
    hits, seen = [], set()
    for row in rows:
        if (row[0], row[1]) not in seen:
            seen.add((row[0], row[1]))
            hits.append(Hit(*row))
    return hits


def _objects(kinds, pair: str) -> str:
    """What tells objects apart: the id within one kind (cheaper than ``pair``)."""
    return "object_id" if len(kinds) == 1 else pair


def _pg_candidates(words, kinds, scopes, language, entries, wanted, within):
    """One statement: the ``entries`` newest matching entries (the candidate set), how
    many objects they hold, and the best ``wanted`` of the RANK_WINDOW newest of them."""
    tsquery, where, params, rank_params = _pg_where(words, kinds, scopes, language, within)
    sql = (
        "WITH candidates AS MATERIALIZED (SELECT id, kind, object_id FROM search_entry"  # noqa: S608 (our constants; input goes in params)
        f" WHERE {where} ORDER BY id DESC LIMIT %s)"
        f" SELECT (SELECT count(DISTINCT {_objects(kinds, '(kind, object_id)')}) FROM candidates),"
        " e.kind, e.object_id, e.language, e.title"
        " FROM (SELECT id FROM candidates ORDER BY id DESC LIMIT %s) w"
        " JOIN search_entry e ON e.id = w.id"
        f" ORDER BY ts_rank(e.document, {tsquery}) DESC, e.id DESC LIMIT %s"
    )
    return sql, [*params, entries, min(entries, RANK_WINDOW), *rank_params, wanted]


def _sqlite_candidates(words, kinds, scopes, entries, wanted, within):
    """The same as _pg_candidates on FTS5: the newest ``entries`` matches per table,
    counted; then bm25 for the RANK_WINDOW newest of them only (a second MATCH from the
    window's oldest rowid: bm25 for every candidate cost more than the rest together)."""
    window = min(entries, RANK_WINDOW)
    matches, params = _sqlite_matches(words, kinds, scopes, "f.rowid AS id", entries, within=within)
    since = (
        f"(SELECT min(id) FROM (SELECT id FROM candidates ORDER BY id DESC LIMIT {int(window)}))"  # noqa: S608 (a number)
    )
    best, best_params = _sqlite_matches(
        words,
        kinds,
        scopes,
        "f.rowid AS id, bm25({table}, 10.0, 1.0) AS r",
        window,
        newest=False,
        within=within,
        since=since,
    )
    sql = (
        f"WITH candidates AS MATERIALIZED ({matches}),"  # noqa: S608 (our constants; input goes in params)
        " hits AS (SELECT e.kind, e.object_id FROM candidates c"
        " CROSS JOIN search_entry e ON e.id = c.id)"  # candidates first, by id: not every entry
        f" SELECT (SELECT count(DISTINCT {_objects(kinds, "kind || ':' || object_id")}) FROM hits),"
        f" e.kind, e.object_id, e.language, e.title FROM (SELECT id, r FROM ({best})"
        " ORDER BY r LIMIT %s) m JOIN search_entry e ON e.id = m.id ORDER BY m.r, e.id DESC"
    )
    return sql, [*params, *best_params, wanted]


def candidates(
    *, query: str, kinds=(), scopes=None, language="", limit=5, offset=0, cap=1000, within=None
) -> tuple[int, list[Hit]]:
    """One query for a kind's summary: how many objects match (capped as :func:`count`)
    and the best ``limit`` of them (ranked as :func:`ranked`), from one candidate set:
    the (cap + 1) x entries-per-object newest matching entries.

    ``within`` (SQL and parameters selecting object ids, e.g. an app's filtered
    queryset's ``values("pk")``) keeps only those objects."""
    words = words_of(query)
    scopes = None if scopes is None else list(scopes)
    if _empty(words, scopes):
        return 0, []
    entries = (cap + 1) * _per_object(kinds)
    wanted = max(offset + limit, 1) * LANGUAGES  # at least one row: it carries the count
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            sql = _pg_candidates(words, kinds, scopes, language, entries, wanted, within)
        else:
            sql = _sqlite_candidates(words, kinds, scopes, entries, wanted, within)
        cursor.execute(*sql)
        rows = cursor.fetchall()
    if not rows:
        return 0, []
    return min(rows[0][0], cap + 1), _dedupe(row[1:] for row in rows)[offset : offset + limit]


def ranked(*, query: str, kinds=(), scopes=None, language="", limit=20, offset=0) -> list[Hit]:
    """The best entries for a query, one per object (its best language), best first.

    ``scopes`` None means every scope (only for the secretariat's or a rebuild's
    own checks); an empty list finds nothing.
    """
    words = words_of(query)
    scopes = None if scopes is None else list(scopes)
    if _empty(words, scopes):
        return []
    # An object has at most one entry per language: the best LANGUAGES * n entries
    # hold the best n objects, so rank entries with a LIMIT and keep each object's first.
    # Only the RANK_WINDOW newest matching entries are ranked: a rare word's matches
    # all are, a common word's ranking stays cheap (no score for 25,000 posts).
    wanted = (offset + limit) * LANGUAGES
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            tsquery, where, params, rank_params = _pg_where(words, kinds, scopes, language)
            cursor.execute(
                "SELECT kind, object_id, language, title FROM ("  # noqa: S608 (our constants; input goes in params)
                " SELECT id, kind, object_id, language, title, document FROM search_entry"
                f" WHERE {where} ORDER BY id DESC LIMIT %s"
                f") recent ORDER BY ts_rank(document, {tsquery}) DESC, id DESC LIMIT %s",
                [*params, RANK_WINDOW, *rank_params, wanted],
            )
            rows = cursor.fetchall()
        else:
            matches, params = _sqlite_matches(
                words, kinds, scopes, "f.rowid AS id, bm25({table}, 10.0, 1.0) AS r", RANK_WINDOW
            )
            cursor.execute(
                "SELECT e.kind, e.object_id, e.language, e.title FROM ("  # noqa: S608 (our constants; input goes in params)
                f" SELECT id, r FROM ({matches}) ORDER BY r LIMIT %s"
                ") m JOIN search_entry e ON e.id = m.id ORDER BY m.r, e.id DESC",
                [*params, wanted],
            )
            rows = cursor.fetchall()
    return _dedupe(rows)[offset : offset + limit]


def count(*, query: str, kinds=(), scopes=None, language="", cap=1000) -> int:
    """How many objects match, counted up to ``cap`` + 1 (shown as "1,000+").

    Reads at most (cap + 1) * entries per object (LANGUAGES, or 1 for ONE_ENTRY kinds)
    matching entries (the scan stops there) and counts the distinct objects among
    them: exact up to ``cap``, and above it at least ``cap`` + 1."""
    words = words_of(query)
    scopes = None if scopes is None else list(scopes)
    if _empty(words, scopes):
        return 0
    entries = _per_object(kinds)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            _tsquery, where, params, _rank = _pg_where(words, kinds, scopes, language)
            # Posts and messages, the many and the recent, newest first: the planner
            # then walks the primary key backwards and stops at the cap, instead of a
            # sequential scan through every older entry before them.
            newest = " ORDER BY id DESC" if entries == 1 else ""
            cursor.execute(
                "SELECT count(DISTINCT (kind, object_id)) FROM (SELECT kind, object_id"  # noqa: S608 (our constants; input goes in params)
                f" FROM search_entry WHERE {where}{newest} LIMIT %s) capped",
                [*params, (cap + 1) * entries],
            )
        else:
            matches, params = _sqlite_matches(
                words, kinds, scopes, "f.rowid AS id", (cap + 1) * entries, newest=False
            )
            cursor.execute(
                "SELECT count(DISTINCT e.kind || ':' || e.object_id) FROM"  # noqa: S608 (our constants; input goes in params)
                f" ({matches}) m JOIN search_entry e ON e.id = m.id",
                params,
            )
        return min(cursor.fetchone()[0], cap + 1)


def tidy() -> None:
    """After rewriting every entry (a rebuild), leave the index as autovacuum would in a
    while: on PostgreSQL vacuumed (pages marked all-visible, hint bits set: a search no
    longer checks each row's transaction) and analysed; on SQLite each FTS5 table merged
    into one segment and analysed. Not inside a transaction (VACUUM refuses)."""
    if connection.in_atomic_block:
        return
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("VACUUM (ANALYZE) search_entry")
        elif connection.vendor == "sqlite":
            for kind in (*KINDS, OTHER):
                table = f"search_fts_{kind}"
                cursor.execute(f"INSERT INTO {table}({table}) VALUES ('optimize')")  # noqa: S608 (our constants)
            cursor.execute("ANALYZE")


def matching_ids_sql(*, query: str, kind: str, scopes=None, language=""):
    """SQL and parameters selecting the ids of the ``kind`` objects that match, to put
    inside an app's own queryset (``pk__in=RawSQL(...)``) with its filters and order.
    None when the query has no word."""
    words = words_of(query)
    scopes = None if scopes is None else list(scopes)
    if _empty(words, scopes):
        return None
    if connection.vendor == "postgresql":
        _tsquery, where, params, _rank = _pg_where(words, [kind], scopes, language)
        return f"SELECT object_id FROM search_entry WHERE {where}", params  # noqa: S608 (our constants; input goes in params)
    ((table, keep),) = _sqlite_tables([kind])
    filters, params = _sqlite_filter(keep, scopes)
    return (
        # The MATCH as an independent subquery, evaluated once (a join lets SQLite
        # run the full-text query once per entry row instead).
        f"SELECT object_id FROM search_entry e WHERE id IN"  # noqa: S608 (our constants; input goes in params)
        f" (SELECT rowid FROM {table} WHERE {table} MATCH %s){filters}",
        [_sqlite_match(words), *params],
    )


def matching_ids(*, query: str, kind: str, scopes=None, language=""):
    """The ids of the ``kind`` objects matching ``query``, as an expression for an app's
    own queryset (``pk__in=...``), or None when the query has no word."""
    sql = matching_ids_sql(query=query, kind=kind, scopes=scopes, language=language)
    return None if sql is None else RawSQL(*sql)  # noqa: S611 (our SQL; input goes in params)


def narrowed(queryset, *, query: str, kind: str, scopes=None, language=""):
    """``queryset`` narrowed to its ``kind`` objects matching ``query`` (unchanged when
    the query has no word). The id is compared as ``+id``: SQLite then walks the
    queryset's own ordering index and stops at the page, instead of fetching every
    match by id and sorting them all (7,846 programmes for a common word)."""
    ids = matching_ids(query=query, kind=kind, scopes=scopes, language=language)
    if ids is None:
        return queryset
    if connection.vendor != "sqlite":
        # PostgreSQL joins the ids by hash or by key on its own; "+id" would make it
        # read every row of the table for a rare word.
        return queryset.filter(pk__in=ids)
    plus = Func(F("pk"), template="+%(expressions)s", output_field=BigIntegerField())
    return queryset.alias(search_pk=plus).filter(search_pk__in=ids)

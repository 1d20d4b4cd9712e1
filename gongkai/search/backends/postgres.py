"""PostgreSQL full-text backend, for installs that want everything in one database.

The table `search_pg_entry` is created by migration search/0002 on PostgreSQL only. Each row keeps
the normalized title and body, the set of their character bigrams (`grams`, text[] with a GIN index)
and the jieba search-mode words (`words`, text[] with a GIN index).

A term is found by `grams @> <its bigrams>` (the GIN index narrows the candidates) and, unless it is
one bigram, confirmed by `strpos(text, term) > 0` on the stored text: exact substring semantics, no
position limits
(tsvector positions stop at 16,383, which long regulations exceed). Scattered words use
`words @> <query words>`. Facets are computed over the matched set in the same statement.
"""

import datetime as dt
from collections.abc import Iterable

from django.db import connection, transaction

from gongkai.search import text
from gongkai.search.backends import SearchBackend
from gongkai.search.documents import IndexDocument
from gongkai.search.query import (
    FACET_SIZE,
    TIER_EXACT_ID,
    TIER_PHRASE,
    TIER_TITLE_PHRASE,
    TIER_WORDS,
    BackendPage,
    SearchQuery,
)

TABLE = "search_pg_entry"
COLUMNS = ["item_id", "organization_id", "node_ids", "year", "topic", "doc_type", "validity", "published_at",
           "doc_key", "index_key", "title_norm", "body_norm", "grams", "words", "kind"]
# grams and words travel as one string each, split by the server: sending them as arrays costs the
# client more than all the rest of indexing (psycopg writes array literals element by element in
# Python). The separator is a character text.normalize never leaves in text.
_SPLIT = f"string_to_array(%s, chr({ord(text.SEPARATOR_CHAR)}))"
_PLACEHOLDERS = [_SPLIT if column in ("grams", "words") else "%s" for column in COLUMNS]
UPSERT = (
    f"INSERT INTO {TABLE} ({', '.join(COLUMNS)}) VALUES ({', '.join(_PLACEHOLDERS)}) "
    f"ON CONFLICT (item_id) DO UPDATE SET "
    + ", ".join(f"{c} = EXCLUDED.{c}" for c in COLUMNS[1:])
)
_SCALAR_FACETS = {"kind": "kind", "organization": "organization_id", "year": "year", "topic": "topic", "doc_type": "doc_type",
                  "validity": "validity"}


class PostgresBackend(SearchBackend):
    name = "postgres"

    def _check(self) -> None:
        if connection.vendor != "postgresql":
            raise RuntimeError("GONGKAI_SEARCH_BACKEND=postgres needs DATABASE_URL on PostgreSQL")

    @staticmethod
    def _row(doc: IndexDocument) -> list:
        grams = text.gram_set(doc.title_norm) | text.gram_set(doc.body_norm)
        return [doc.id, doc.organization_id, doc.node_ids, doc.year, doc.topic, doc.doc_type, doc.validity,
                doc.published_at, doc.doc_key, doc.index_key, doc.title_norm, doc.body_norm,
                text.SEPARATOR_CHAR.join(grams), text.SEPARATOR_CHAR.join(set(doc.words)), doc.kind]

    def index(self, documents: Iterable[IndexDocument]) -> None:
        self._check()
        rows = [self._row(doc) for doc in documents]
        if rows:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.executemany(UPSERT, rows)

    def remove(self, ids: Iterable[int]) -> None:
        self._check()
        ids = list(ids)
        if ids:
            with connection.cursor() as cursor:
                cursor.execute(f"DELETE FROM {TABLE} WHERE item_id = ANY(%s)", [ids])

    def clear(self) -> None:
        self._check()
        with connection.cursor() as cursor:
            cursor.execute(f"TRUNCATE {TABLE}")

    def count(self) -> int:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT count(*) FROM {TABLE}")
            return cursor.fetchone()[0]

    def is_empty(self) -> bool:
        with connection.cursor() as cursor:  # run_periodic asks every few minutes: no count(*) of the table
            cursor.execute(f"SELECT NOT EXISTS (SELECT 1 FROM {TABLE})")
            return cursor.fetchone()[0]

    # --- searching ---------------------------------------------------------------------------------
    @staticmethod
    def _filters(query: SearchQuery) -> tuple[list[str], list]:
        sql, params = [], []
        if query.scope is not None:
            sql.append("organization_id = ANY(%s)")
            params.append(list(query.scope))
        for value, clause in (
            (query.organization_id, "organization_id = %s"),
            (query.node_id, "node_ids @> ARRAY[%s]::bigint[]"),
            (query.year, "year = %s"),
            (query.topic, "topic = %s"),
            (query.doc_type, "doc_type = %s"),
            (query.validity, "validity = %s"),
            (query.kind, "kind = %s"),
        ):
            if value:
                sql.append(clause)
                params.append(value)
        low, high = query.timestamp_range()
        if low is not None:
            sql.append("published_at >= %s")
            params.append(dt.datetime.fromtimestamp(low, dt.UTC))
        if high is not None:
            sql.append("published_at <= %s")
            params.append(dt.datetime.fromtimestamp(high + 1, dt.UTC) - dt.timedelta(microseconds=1))
        return sql, params

    @staticmethod
    def _branches(query: SearchQuery) -> list[tuple[str, list, str, list]]:
        """The matches as disjoint parts, each (condition, params, tier expression, params), read with
        UNION ALL: the exact 文号/索引号 match, the phrase matches, the scattered-words matches.

        Apart, each part is one index scan whose condition is never re-evaluated on the heap; joined by
        OR, PostgreSQL re-checks the whole OR on every candidate and de-TOASTs its `grams` array
        (measured: 2.3 s instead of 0.3 s for 政务公开 at 100 k documents). A term is found through the
        GIN index on its bigrams; a two-character term is one element of `grams`, so that condition
        alone is exact and the body is never read for it; terms of other lengths are confirmed with
        strpos on the stored text."""
        if not query.has_text:
            return [("TRUE", [], "0", [])]
        exact, exact_params = "(doc_key = %s OR index_key = %s)", [query.doc_key, query.index_key]
        contains = "(strpos(title_norm, %s) > 0 OR strpos(body_norm, %s) > 0)"
        grams = sorted({g for t in query.terms if len(t) > 1 for g in text.term_grams(t)})
        confirmed = [t for t in query.terms if len(t) != 2]
        phrase = " AND ".join((["grams @> %s::text[]"] if grams else []) + [contains] * len(confirmed))
        phrase_params = ([grams] if grams else []) + [p for t in confirmed for p in (t, t)]
        in_title = " AND ".join(["strpos(title_norm, %s) > 0"] * len(query.terms))
        branches = [
            (exact, exact_params, str(TIER_EXACT_ID), []),
            (f"{phrase} AND NOT {exact}", [*phrase_params, *exact_params],
             f"CASE WHEN {in_title} THEN {TIER_TITLE_PHRASE} ELSE {TIER_PHRASE} END", list(query.terms)),
        ]
        if query.words_add_matches:
            anywhere = " AND ".join([contains] * len(query.terms))
            branches.append((f"words @> %s::text[] AND NOT {exact} AND NOT ({anywhere})",
                             [list(query.words), *exact_params, *[p for t in query.terms for p in (t, t)]],
                             str(TIER_WORDS), []))
        return branches

    def search(self, query: SearchQuery) -> BackendPage:
        self._check()
        filters, filter_params = self._filters(query)
        # The total and the five scalar facets in one pass over the matches (grouping sets; the empty
        # set is the total); catalog nodes, an array per row, in a second.
        kind = " ".join(f"WHEN GROUPING({column}) = 0 THEN '{name}'" for name, column in _SCALAR_FACETS.items())
        key = ", ".join(f"{column}::text" for column in _SCALAR_FACETS.values())
        sets = ", ".join(f"({column})" for column in _SCALAR_FACETS.values())
        facet_parts = [
            f"SELECT CASE {kind} ELSE 'count' END, COALESCE({key}, ''), count(*), 0 FROM m"
            f" GROUP BY GROUPING SETS ({sets}, ())",
            f"(SELECT 'node', n::text, count(*), 0 FROM m, unnest(m.node_ids) AS n "
            f"GROUP BY 2 ORDER BY 3 DESC LIMIT {FACET_SIZE})",
        ]
        parts, part_params = [], []
        for condition, condition_params, tier, tier_params in self._branches(query):
            parts.append(f"SELECT item_id, organization_id, node_ids, year, topic, doc_type, validity, kind, published_at,"
                         f" {tier} AS tier FROM {TABLE} WHERE {' AND '.join([*filters, condition])}")
            part_params += [*tier_params, *filter_params, *condition_params]
        sql = (
            f"WITH m AS MATERIALIZED ({' UNION ALL '.join(parts)}) "
            f"(SELECT 'hit', item_id::text, tier, extract(epoch FROM published_at) FROM m"
            f" ORDER BY {'' if query.by_date else 'tier DESC, '}published_at DESC, item_id DESC LIMIT %s OFFSET %s)"
            f" UNION ALL " + " UNION ALL ".join(facet_parts)
        )
        params = [*part_params, query.page_size, query.offset]
        with transaction.atomic(), connection.cursor() as cursor:
            # GIN lookups are cheap; the default cost makes the planner prefer sequential scans that
            # de-TOAST every row (measured in research/search-options.md).
            cursor.execute("SET LOCAL random_page_cost = 1.1")
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        hits, count, facets = [], 0, {name: [] for name in (*_SCALAR_FACETS, "node")}
        for kind, key, value, order in rows:
            if kind == "hit":
                hits.append((int(value), float(order), int(key)))
            elif kind == "count":
                count = int(value)
            elif key != "":
                facets[kind].append((int(key) if kind in ("organization", "node", "year") else key, int(value)))
        hits.sort(key=lambda h: (-h[1], -h[2]) if query.by_date else (-h[0], -h[1], -h[2]))
        for name, values in facets.items():
            facets[name] = sorted(values, key=lambda pair: (-pair[1], str(pair[0])))[:FACET_SIZE]
        return BackendPage(
            count=count, ids=[h[2] for h in hits], tiers={h[2]: h[0] for h in hits}, facets=facets,
        )

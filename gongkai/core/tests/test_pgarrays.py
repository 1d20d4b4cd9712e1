"""The faster list dumper writes exactly what psycopg's own does, and PostgreSQL reads it back."""

import json
import random

import psycopg
import pytest
from django.db import connection
from psycopg.adapt import PyFormat, Transformer
from psycopg.types.array import ListDumper

from gongkai.core.pgarrays import FastListDumper

ALPHABET = ['"', "\\", "{", "}", ",", " ", "a", "公", "开", "'", "\n", "NULL", "null", "\\\"", '\\\\"']


def dumped(dumper_class, value):
    context = psycopg.adapt.AdaptersMap(psycopg.adapters)
    context.register_dumper(list, dumper_class)
    transformer = Transformer(context)
    return bytes(transformer.get_dumper(value, PyFormat.TEXT).dump(value))


def test_same_bytes_as_psycopgs_dumper_on_hostile_text():
    rng = random.Random(5)
    for _ in range(300):
        value = ["".join(rng.choice(ALPHABET) for _ in range(rng.randrange(0, 12))) for _ in range(rng.randrange(1, 6))]
        if rng.random() < 0.2:
            value.append(None)
        assert dumped(FastListDumper, value) == dumped(ListDumper, value)
    nested = [["a\"b", "c\\d"], ["{}", None]]
    assert dumped(FastListDumper, nested) == dumped(ListDumper, nested)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only (CI runs it there)")
@pytest.mark.django_db
def test_postgresql_reads_back_what_the_bulk_insert_sends():
    values = ['{"title": [null, "关于\\"公开\\"的通知"]}', 'back\\slash "quoted"', "{,}", "", "NULL"]
    with connection.cursor() as cursor:
        cursor.execute("SELECT x FROM unnest(%s::text[]) AS x", [values])
        assert [row[0] for row in cursor.fetchall()] == values
        cursor.execute("SELECT x FROM unnest(%s::jsonb[]) AS x", [[json.dumps({"a": 'say "hi" \\ '})]])
        assert cursor.fetchone()[0] == json.dumps({"a": 'say "hi" \\ '})

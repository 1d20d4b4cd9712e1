"""A re-import locks the stored evaluations it may update, not the units they belong to: while a long import
runs, the units' own work (anything writing a row that refers to the unit) is not held up (PostgreSQL)."""

import threading

import pytest
from django.db import OperationalError, connection, connections, transaction

from gongkai.audit.models import AuditEvent
from gongkai.ratings import reimport, services
from gongkai.ratings.tests.test_ratings import GOOD

pytestmark = [pytest.mark.django_db(transaction=True),
              pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks: PostgreSQL only")]


def test_a_reimport_does_not_lock_the_rated_units(keeper, unit, unit2):
    services.import_records(keeper, "a.csv", GOOD.encode())
    records = [(2, {"digest": digest, "rectification": "", "rectified_at": None}) for digest in
               services.Evaluation.objects.values_list("digest", flat=True)]
    outcome = []

    def unit_at_work():
        try:
            with transaction.atomic():
                with connection.cursor() as cursor:
                    cursor.execute("SET LOCAL lock_timeout = '2s'")
                AuditEvent.objects.create(actor_name="李四", action="item.create", object_type="publishing.item",
                                          organization=unit2)
            outcome.append("done")
        except OperationalError:
            outcome.append("blocked")
        finally:
            connections.close_all()

    with transaction.atomic():
        reimport.split_known(records, None)  # the import's lock, held until its transaction ends
        worker = threading.Thread(target=unit_at_work)
        worker.start()
        worker.join(10)
    assert outcome == ["done"]

"""好差评's staff URL kwargs for the permission matrix: an import batch that touched only unit B, whose page
(ratings_staff:batch) unit A must not open."""

import hashlib

from gongkai.ratings.models import ImportBatch


def fillers(unit) -> dict[str, list[int]]:
    digest = hashlib.sha256(f"matrix-{unit.org.pk}".encode()).hexdigest()
    batch = ImportBatch.objects.create(filename=f"{unit.org.name}好差评.xlsx", sha256=digest, rows=1)
    batch.organizations.add(unit.org)
    return {"batch_id": [batch.pk]}

"""Files written inside a transaction go away when it rolls back.

A service writes a letter's PDF, an attachment or a report file into storage and then saves the row
that points to it, in one transaction. The database undoes the row when anything later in the
transaction fails; the file system does not undo the file. `save_file` writes the file at once (the
row needs its name, and the code after it may read it) and registers it with the transaction:

- when the transaction commits, the file is kept (a `transaction.on_commit` callback forgets it);
- when the transaction, or the savepoint the file was written in, rolls back, the file is deleted.

Django has `on_commit` but no rollback hook, so the first file written on a connection wraps that
connection's `rollback` and `savepoint_rollback` (the two calls through which `transaction.atomic`
undoes work) to delete the files of what was undone, with the same savepoint bookkeeping Django uses
to drop `on_commit` callbacks. Outside a transaction there is nothing to undo and nothing is tracked.

What a crash between the write and the commit leaves behind is found by `gongkai clean_files`.
"""

import logging

from django.db import transaction

logger = logging.getLogger(__name__)
_PENDING = "_gongkai_files_written"  # attribute on the connection: [(savepoint ids, storage, name)]


def save_file(field_file, name: str, content, using: str | None = None) -> str:
    """`field_file.save(name, content, save=False)`, deleted again if the transaction rolls back."""
    field_file.save(name, content, save=False)
    delete_on_rollback(field_file.storage, field_file.name, using=using)
    return field_file.name


def delete_on_rollback(storage, name: str, using: str | None = None) -> None:
    connection = transaction.get_connection(using)
    if not connection.in_atomic_block:
        return
    pending = _tracking(connection)
    entry = (frozenset(connection.savepoint_ids), storage, name)
    pending.append(entry)
    transaction.on_commit(lambda: _forget(pending, entry), using=using)


def _forget(pending: list, entry) -> None:
    if entry in pending:
        pending.remove(entry)


def _delete(entries) -> None:
    for _sids, storage, name in entries:
        try:
            storage.delete(name)
        except Exception:  # a rollback must go on; clean_files finds what is left
            logger.warning("could not delete a file of a rolled-back transaction: %s", name, exc_info=True)


def _tracking(connection) -> list:
    pending = connection.__dict__.get(_PENDING)
    if pending is not None:
        return pending
    pending = []
    setattr(connection, _PENDING, pending)
    rollback, savepoint_rollback = connection.rollback, connection.savepoint_rollback

    def rollback_and_delete():
        try:
            rollback()
        finally:
            undone = list(pending)
            pending.clear()
            _delete(undone)

    def savepoint_rollback_and_delete(sid):
        savepoint_rollback(sid)
        undone = [entry for entry in pending if sid in entry[0]]
        pending[:] = [entry for entry in pending if sid not in entry[0]]
        _delete(undone)

    connection.rollback = rollback_and_delete
    connection.savepoint_rollback = savepoint_rollback_and_delete
    return pending

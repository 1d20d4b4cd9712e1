"""Search indexing beside a bulk import, in a second process (docs/interchange.md, bench/README.md).

A bulk import spends about half its CPU on writing the database and half on indexing (jieba words and
character n-grams). With the task queue's default `immediate` backend both halves would run one after
the other on one core. `BackgroundIndexer` forks one child process that runs the indexing task's body
(`index_items_task.call`) for each batch of committed item ids the import hands it, so the two halves
run on two cores. With the `database` task backend the import simply enqueues batches for the
`gongkai db_worker` processes instead (that is the queue's own way to scale), so this is not used.

The child is forked, so it has the parent's settings, including test overrides, and opens its own
database connections (the parent closes its own before forking). It is only used where a second
process can see what the parent commits: not inside an open transaction, not with an in-memory SQLite
database. The queue between the two holds at most MAX_PENDING batches: when the child is behind,
the import waits, so memory never grows with the file. A child that dies or fails is reported, never
hidden; a child whose parent was killed stops by itself; whatever it missed is picked up by
`gongkai run_periodic` (or `gongkai rebuild_index`).
"""

import logging
import multiprocessing
import os
import queue
from dataclasses import dataclass, field

from django.db import connection, connections
from django_tasks.backends.immediate import ImmediateBackend

logger = logging.getLogger(__name__)

MAX_PENDING = 2  # batches waiting for the child; each is at most services.DEFERRED_BATCH ids
POLL_SECONDS = 1.0


@dataclass
class IndexingOutcome:
    """What the indexing of one bulk run did (filled in as batches are done)."""

    in_background: bool = False  # False: the task queue did (or will do) the indexing
    indexed: int = 0
    removed: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return bool(self.errors)


def can_index_in_background() -> bool:
    """True when a forked child can index what this process commits, and the queue would otherwise
    run the indexing in this process."""
    from gongkai.search.tasks import index_items_task

    if not hasattr(multiprocessing, "get_all_start_methods") or "fork" not in multiprocessing.get_all_start_methods():
        return False
    if not isinstance(index_items_task.get_backend(), ImmediateBackend):
        return False
    if connection.in_atomic_block:
        return False  # the child could not see uncommitted rows
    return not (connection.vendor == "sqlite" and connection.is_in_memory_db())


def _child(jobs, results) -> None:
    """The forked indexer: runs the indexing task's body on each batch until it receives None."""
    from gongkai.search import backends
    from gongkai.search.tasks import index_items_task

    backends._backend.cache_clear()  # never reuse the parent's engine handles
    parent = os.getppid()
    with backends.get_backend().bulk():
        while True:
            try:
                ids = jobs.get(timeout=POLL_SECONDS)
            except queue.Empty:
                if os.getppid() != parent:  # the import was killed: stop; run_periodic indexes the rest
                    break
                continue
            if ids is None:
                break
            try:
                done = index_items_task.call(ids)
                results.put(("batch", done["indexed"], done["removed"]))
            except Exception as exc:  # reported to the parent; the next batch is still tried
                logger.exception("background indexing of %d item(s) failed", len(ids))
                results.put(("error", f"{exc.__class__.__name__}: {str(exc)[:200]}"))
    connections.close_all()


class BackgroundIndexer:
    def __init__(self):
        self.outcome = IndexingOutcome(in_background=True)
        context = multiprocessing.get_context("fork")
        self._jobs = context.Queue(maxsize=MAX_PENDING)
        self._results = context.Queue()
        connections.close_all()  # the child must not share this process's database sockets
        self._process = context.Process(target=_child, args=(self._jobs, self._results), daemon=True,
                                        name="gongkai-indexer")
        self._process.start()

    def _collect(self) -> None:
        while True:
            try:
                message = self._results.get_nowait()
            except queue.Empty:
                return
            if message[0] == "batch":
                self.outcome.indexed += message[1]
                self.outcome.removed += message[2]
            else:
                self.outcome.errors.append(message[1])

    def _put(self, message) -> bool:
        while self._process.is_alive():
            try:
                self._jobs.put(message, timeout=POLL_SECONDS)
                return True
            except queue.Full:
                self._collect()
        return False

    def _note_ended(self) -> None:
        """Report a dead child once, however many batches it could no longer take."""
        message = f"indexer process ended (exit code {self._process.exitcode})"
        if message not in self.outcome.errors:
            self.outcome.errors.append(message)

    def submit(self, ids: list[int]) -> None:
        """Hand over committed item ids; waits while the child still has MAX_PENDING batches."""
        self._collect()
        if not self._put(list(ids)):
            self._note_ended()

    def finish(self) -> IndexingOutcome:
        """Wait for the child to index everything handed over, and return what it did."""
        if self._put(None):
            while self._process.is_alive():
                self._process.join(POLL_SECONDS)
                self._collect()
        self._process.join()
        self._collect()
        if self._process.exitcode:
            self._note_ended()
        self._jobs.close()
        self._results.close()
        return self.outcome

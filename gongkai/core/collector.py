"""Pausing Python's cyclic garbage collector around a computation that makes many short-lived objects
and no reference cycles (counting a million requests, a county's due list).

Left running, the collector walks the process's tracked objects each time a few thousand new ones have
been made: at a county's scale that was half of the annual report's Python time (issue #12). Objects are
still freed by reference counting while it is paused; cycles made meanwhile wait for the next collection.
"""

import gc
from contextlib import contextmanager


@contextmanager
def paused():
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()

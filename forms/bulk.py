"""The interpreter's cycle collector paced for a bulk import.

Why: an import keeps what it has seen of the file (its keys, the name + specification pairs)
and makes a few dicts and tuples a row; with the default threshold (a young-generation
collection every 700 new objects) CPython walked those live objects over and over, about a
tenth of a 100,000-row import (measured with ``gc.callbacks``). Collections then come every
``YOUNG`` new objects instead: the objects an import makes are nearly all kept or freed by
their count, not by the collector, so memory does not grow by it, and the default is back as
soon as the last import running ends."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

YOUNG = 20_000  # new objects between young-generation collections during an import

_lock = threading.Lock()
_running = 0
_before: tuple[int, int, int] | None = None


@contextmanager
def fewer_collections() -> Iterator[None]:
    """Within: the young generation collected every ``YOUNG`` new objects. Imports may
    overlap (two worker threads): the threshold is restored when the last one ends."""
    global _running, _before
    with _lock:
        if _running == 0:
            _before = gc.get_threshold()
            gc.set_threshold(max(YOUNG, _before[0]), *_before[1:])
        _running += 1
    try:
        yield
    finally:
        with _lock:
            _running -= 1
            if _running == 0 and _before is not None:
                gc.set_threshold(*_before)
                _before = None

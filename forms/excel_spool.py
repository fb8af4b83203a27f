"""The checked batches of a staged import, waiting for its write pass.

Why not a list: a staged kind's import checks the whole file before it writes anything, so
every checked row (as it will be written, with its audit payload) waits until the check
pass ends. Held in memory, a 100,000-row file would hold them all; pickled to a temporary
file, a small file (the common case) would pay for pickling it never needed. So the first
``KEEP_BATCHES`` batches stay in memory and the rest go to a temporary file: memory stays
bounded whatever the length of the file, and a file of up to ``KEEP_BATCHES`` batches is
never pickled."""

from __future__ import annotations

import pickle
import tempfile
from collections.abc import Iterator
from typing import IO, Any

KEEP_BATCHES = 5  # checked batches held in memory for the write; later ones are spooled
# (a batch of 2,000 items holds ~3 MB: at 100,000 items ten kept batches raised the peak by
# 28 MB over one)

Batch = tuple[list[tuple[int, Any]], Any]  # ((Excel row, key) of each row, prepared rows)


class CheckedBatches:
    """Batches in file order: ``add`` while checking, iterate while writing, ``close``."""

    def __init__(self) -> None:
        self.kept: list[Batch] = []
        self.file: IO[bytes] | None = None
        self.spooled = 0

    def add(self, rows: list[tuple[int, Any]], prepared: Any) -> None:
        if len(self.kept) < KEEP_BATCHES:
            self.kept.append((rows, prepared))
            return
        if self.file is None:
            self.file = tempfile.TemporaryFile(prefix="houqin-import-")  # noqa: SIM115
        pickle.dump((rows, prepared), self.file, protocol=pickle.HIGHEST_PROTOCOL)
        self.spooled += 1

    def __bool__(self) -> bool:
        return bool(self.kept) or self.spooled > 0

    def __iter__(self) -> Iterator[Batch]:
        yield from self.kept
        if self.file is not None:
            self.file.seek(0)
            for _ in range(self.spooled):
                yield pickle.load(self.file)

    def close(self) -> None:
        """The temporary file removed (the import is written or refused)."""
        if self.file is not None:
            self.file.close()
            self.file = None

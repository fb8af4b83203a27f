"""The cycle collector's pace during an import (``forms.bulk``): raised within, the default
back when the last overlapping import ends, also after an error."""

from __future__ import annotations

import gc

import pytest

from forms.bulk import YOUNG, fewer_collections


def test_threshold_raised_within_and_restored_after_overlapping_imports() -> None:
    before = gc.get_threshold()
    with fewer_collections():
        assert gc.get_threshold()[0] >= YOUNG
        with fewer_collections():  # a second import in another worker
            assert gc.get_threshold()[0] >= YOUNG
        assert gc.get_threshold()[0] >= YOUNG  # the first one still runs
    assert gc.get_threshold() == before


def test_threshold_restored_after_an_error() -> None:
    before = gc.get_threshold()
    with pytest.raises(RuntimeError), fewer_collections():
        raise RuntimeError("refused")
    assert gc.get_threshold() == before

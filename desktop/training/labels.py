"""The English of the training domain's words that ``desktop.labels`` does not hold yet:
each domain brings its own labels, added here to the one table the desktop reads
(``desktop.labels.ENGLISH``) when the training package is imported."""

from __future__ import annotations

from desktop import labels
from models.training import ClaimState, LeaveState

ENGLISH = {
    LeaveState: {LeaveState.RETURNED: "Returned"},
    ClaimState: {ClaimState.RETURNED: "Returned"},
}


def install() -> None:
    for enum, words in ENGLISH.items():
        labels.ENGLISH.setdefault(enum, {}).update(words)


install()

"""Running a use case from a button or a dialog's OK, the same way everywhere.

``attempt(parent, use_case, ...)`` calls ``use_case(acknowledged)`` (a function of
``models``, or a small one calling it) and shows what went wrong the one way the desktop
shows it (``desktop.errors``):

- a refusal a dialog can show itself (beside a field, at its top) goes to ``inline``;
- any other refusal, a conflict or a bug goes to the error router, rule ID first; after a
  ``Conflict`` the caller's ``reload`` shows what is true now;
- a ``RuleWarning`` asks "continue?"; yes runs the use case again with the warning's key
  acknowledged (keys accumulate, so a second, different warning asks again);
- another desktop's import holding SQLite's write lock (``WriteBusy`` after a short wait,
  nothing changed) opens the waiting dialog (``desktop.waiting``: who imports what, since
  when, 取消); once the lock is free the use case runs again, after 取消 it does not.

Use cases are quick (one transaction); long work (imports, exports, printing, reports, batch
approval) runs through ``desktop.tasks`` from ``desktop.exporting`` and the pages.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QWidget

from desktop import errors, waiting
from models.db import WriteBusy, busy_timeout

UseCase = Callable[[frozenset[str]], Any]


def attempt(
    parent: QWidget | None,
    use_case: UseCase,
    *,
    done: Callable[[Any], Any] | None = None,
    reload: Callable[[], Any] | None = None,
    inline: Callable[[BaseException], bool] | None = None,
    acknowledged: frozenset[str] = frozenset(),
) -> bool:
    """Run ``use_case(acknowledged)``; ``done(result)`` after it succeeded. ``inline(exc)``
    returns whether it showed the refusal itself. Returns whether the use case finally
    succeeded (after any warnings the user accepted)."""
    try:
        with busy_timeout(waiting.GUI_WAIT_S):
            result = use_case(acknowledged)
    except WriteBusy as exc:  # another desktop's import holds the lock: nothing was changed
        if not waiting.wait_for_lock(parent, exc.holder):
            return False  # 取消: the use case is not run again
        return attempt(
            parent, use_case, done=done, reload=reload, inline=inline, acknowledged=acknowledged
        )
    except Exception as exc:
        if inline is not None and inline(exc):
            return False
        outcome = [False]

        def retry(keys: frozenset[str]) -> None:
            outcome[0] = attempt(
                parent,
                use_case,
                done=done,
                reload=reload,
                inline=inline,
                acknowledged=acknowledged | keys,
            )

        errors.show_error(parent, exc, retry=retry, reload=reload)
        return outcome[0]
    if done is not None:
        done(result)
    return True

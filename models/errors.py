"""The four kinds of error every Houqin front end shows the same way.

- ``RuleViolation``: a regulation (or a role check, or bad input) refuses the action. It names
  the rule ID when there is one, and carries Chinese first, English after.
- ``RuleWarning``: the action is allowed but unusual; the user may accept and re-run it with
  the warning's ``key`` in ``acknowledged`` (Tryton's user warnings).
- ``Conflict``: someone else changed the record between reading and writing it
  (``已被他人处理``); the user reloads.
- ``Cancelled``: the user pressed Cancel during long work; nothing was written.

The desktop and the command line render them with ``str(error)``; nothing else is needed.
"""

from __future__ import annotations


class HouqinError(Exception):
    """Base of every error a user may see. ``zh`` and ``en`` are complete sentences."""

    kind = "error"

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(f"{zh} / {en}")
        self.zh = zh
        self.en = en

    def __str__(self) -> str:
        return f"{self.zh} / {self.en}"


class RuleViolation(HouqinError):
    """A blocking refusal. ``rule`` is the regulation ID (``"F4"``, ``"X1"``) or ``None`` for
    plain input checks; ``field`` names the offending field so a dialog can mark it."""

    kind = "rule"

    def __init__(self, rule: str | None, zh: str, en: str, *, field: str | None = None) -> None:
        self.rule = rule
        self.field = field
        prefix = f"[{rule}] " if rule else ""
        super().__init__(prefix + zh, prefix + en)  # both languages name the rule


class RowsRefused(RuleViolation):
    """A batch refused because of some of its rows. A batch is all or nothing, yet whoever
    sent it (the importer, a dialog saving one record) must learn *every* bad row at once,
    not the first: ``problems`` holds ``(index in the batch, that row's violation)`` in
    order. ``rule`` and ``field`` are the first problem's, so a batch of one reads like the
    single violation it carries."""

    def __init__(self, problems: list[tuple[int, RuleViolation]]) -> None:
        self.problems = sorted(problems, key=lambda p: p[0])
        index, first = self.problems[0]
        n = len(self.problems)
        super().__init__(
            None,
            f"{n} 条记录有错误，均未写入；第 {index + 1} 条：{first.zh}",
            f"{n} records refused, none written; record {index + 1}: {first.en}",
            field=first.field,
        )
        self.rule = first.rule


class RuleWarning(HouqinError):
    """A warning the user may accept. Re-run the use case with ``key`` acknowledged."""

    kind = "warning"

    def __init__(self, key: str, rule: str | None, zh: str, en: str) -> None:
        self.key = key
        self.rule = rule
        prefix = f"[{rule}] " if rule else ""
        super().__init__(prefix + zh, prefix + en)


class Conflict(HouqinError):
    """Optimistic-lock failure: the record changed since the user read it."""

    kind = "conflict"

    def __init__(
        self,
        zh: str = "已被他人处理，请刷新后重试",
        en: str = "changed by someone else, reload and try again",
    ) -> None:
        super().__init__(zh, en)


class Cancelled(HouqinError):
    """The user cancelled long work; the transaction was rolled back."""

    kind = "cancelled"

    def __init__(
        self, zh: str = "操作已取消，未做任何更改", en: str = "cancelled, nothing changed"
    ) -> None:
        super().__init__(zh, en)


class SchemaError(HouqinError):
    """The database cannot be used by this program (too new, unreachable, unsafe)."""

    kind = "database"


def warn_unless(acknowledged: frozenset[str] | set[str] | None, warning: RuleWarning) -> None:
    """Raise ``warning`` unless the user already accepted its key."""
    if not acknowledged or warning.key not in acknowledged:
        raise warning

"""A list tab whose selected request may carry a pending handover (首问负责制, C11): the
投诉 tab and the 来电来访 tab answer it with the same three acts, 接收, 拒收… and 撤回移交,
through the same use cases and dialogs; each tab finds ``handover`` for its selection and
lays out its own buttons."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QDialog, QPushButton

from desktop import errors, ops
from desktop.callbacks import steps
from desktop.callbacks.lists import _ListTab
from desktop.form_dialog import FormDialog
from models import callbacks
from models.callbacks import Handover


class _HandoverTab(_ListTab):
    handover: Handover | None = None  # the selection's pending handover, set by the tab

    def _done(self, _result: Any = None) -> None:
        self.changed()
        self.reload()

    def _filled(self, dialog: FormDialog | None) -> bool:
        """Run ``dialog`` (its OK is the use case); the list follows when it was saved."""
        if dialog is None or dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        self._done()
        return True

    def _show_handover_acts(
        self, accept: QPushButton, decline: QPushButton, withdraw: QPushButton
    ) -> None:
        """接收 and 拒收… for its receiver, 撤回移交 for who offered it."""
        h = self.handover
        accept.setVisible(h is not None and h.to_user_id == self.user.id)
        decline.setVisible(h is not None and h.to_user_id == self.user.id)
        withdraw.setVisible(h is not None and h.from_user_id == self.user.id)

    @Slot()
    def accept_handover(self) -> bool:
        h = self.handover
        return h is not None and ops.attempt(
            self,
            lambda _a: callbacks.accept_handover(self.user, h),
            done=self._done,
            reload=self.reload,
        )

    def decline_dialog(self) -> FormDialog | None:
        h = self.handover
        return None if h is None else steps.decline_dialog(self.user, h, self)

    @Slot()
    def decline_handover(self) -> bool:
        return self._filled(self.decline_dialog())

    @Slot()
    def withdraw_handover(self) -> bool:
        h = self.handover
        if h is None or not errors.confirm(
            self, self.tr("撤回移交"), self.tr("撤回对 %1 的移交？").replace("%1", h.to_user.name)
        ):
            return False
        return ops.attempt(
            self,
            lambda _a: callbacks.withdraw_handover(self.user, h),
            done=self._done,
            reload=self.reload,
        )

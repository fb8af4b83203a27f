"""上报教育局 from the credits tab (T4): pick the county's export profile and the file, then
``forms.training.bureau_export.export_credit_register`` runs in the background
(``desktop.exporting.write_file``); the model records the export and the register shows
已上报 with who and when. The profiles are the built-in 通用格式 and the ones stored for the
office (``models.training.save_profile``), in use (a retired one is not offered); 管理格式…
opens the office's profiles (``desktop.training.profiles``) and the choice follows what is
added or retired there."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.exporting import EXCEL
from forms.training.bureau_export import profile_names
from models.people import User
from models.training import EXPORTERS


class BureauDialog(QDialog):
    """The profile and the file of one export; OK only closes it, the tab runs the export."""

    def __init__(self, parent: QWidget | None, year: str, user: User | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("上报教育局"))
        self.setMinimumWidth(560)
        self.user = user
        self.profile = QComboBox()
        self.load_profiles()
        self.manage = QPushButton(self.tr("管理格式…"))
        self.manage.clicked.connect(lambda _c=False: self.manage_profiles())
        self.manage.setVisible(user is not None and user.has_role(*EXPORTERS))
        choice = QHBoxLayout()
        choice.addWidget(self.profile, 1)
        choice.addWidget(self.manage)
        self.path = QLineEdit(f"{year}学年校本培训学分登记表（上报）.xlsx")
        browse = QPushButton(self.tr("选择…"))
        browse.clicked.connect(self.browse)
        where = QHBoxLayout()
        where.addWidget(self.path, 1)
        where.addWidget(browse)
        form = QFormLayout()
        form.addRow(self.tr("上报格式"), choice)
        form.addRow(self.tr("保存到"), where)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

    def load_profiles(self) -> None:
        """The profiles in use, keeping the one chosen while it still is."""
        keep = self.profile.currentData()
        self.profile.clear()
        for name, title in profile_names():
            self.profile.addItem(title, name)
        self.profile.setCurrentIndex(max(0, self.profile.findData(keep)))

    def manage_profiles(self) -> Any:
        """管理格式…: the office's profiles, opened; the choice reloads on each change."""
        from desktop.training.profiles import show_profiles

        assert self.user is not None
        dialog = show_profiles(self.user, self)
        dialog.changed.connect(self.load_profiles)
        return dialog

    @Slot()
    def browse(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, self.tr("上报教育局"), self.path.text(), EXCEL)
        if name:
            self.path.setText(name)

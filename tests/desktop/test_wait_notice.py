"""A desktop that starts while another one migrates the database says why it waits, then
opens the migrated database by itself (X4)."""

from __future__ import annotations

import sqlite3
import threading

from desktop.app import WaitNotice, open_with_notice
from models import schema
from models.db import close_database, db, open_database
from tests.conftest import sqlite_url


class SeenNotice(WaitNotice):
    """The real notice, remembering what it showed (the window is gone afterwards)."""

    text = ""
    visible = False

    def show(self) -> None:
        super().show()
        assert self.dialog is not None
        self.text, self.visible = self.dialog.labelText(), self.dialog.isVisible()


def test_X4_the_second_desktop_shows_a_notice_while_the_first_one_migrates(app, tmp_path):
    url = sqlite_url(tmp_path)
    open_database(url)
    close_database()
    path = str(tmp_path / "houqin.db")
    con = sqlite3.connect(path)  # this program's newest step not applied yet
    con.execute("DELETE FROM schema_version WHERE version = ?", (schema.latest(),))
    con.commit()
    con.close()

    holding, release = threading.Event(), threading.Event()

    def other_desktop() -> None:  # holds the write lock, as a migrating desktop does
        other = sqlite3.connect(path, timeout=10, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")
        holding.set()
        release.wait(10)
        other.execute("ROLLBACK")
        other.close()

    thread = threading.Thread(target=other_desktop)
    thread.start()
    holding.wait(10)
    threading.Timer(1.5, release.set).start()
    notice = SeenNotice()
    try:
        open_with_notice(url, notice)
        assert schema.current(db.obj) == schema.latest()
    finally:
        release.set()
        thread.join()
        close_database()
    assert notice.visible and notice.text.startswith("另一台电脑正在升级数据库")

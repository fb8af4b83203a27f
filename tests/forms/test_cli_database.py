"""The command line and the database: init then demo, backups, and a password never shown."""

from __future__ import annotations

import sqlite3

import pytest

from desktop.cli import main
from models import people
from models.db import close_database, open_database


@pytest.fixture
def url(tmp_path):
    return f"sqlite:///{tmp_path / 'cli.db'}"


def test_X3_demo_loads_after_init_and_the_administrator_keeps_his_password(url, capsys):
    assert main(["--db", url, "init", "--password", "Admin-pass-1"]) == 0
    capsys.readouterr()
    assert main(["--db", url, "demo"]) == 0
    out = capsys.readouterr().out
    assert "演示数据已写入" in out
    open_database(url)
    try:
        assert people.authenticate("admin", "Admin-pass-1")
        assert people.User.select().count() > 10
    finally:
        close_database()
    # A database with an office's own records is refused, saying what to do.
    assert main(["--db", url, "demo"]) == 1
    err = capsys.readouterr().err
    assert "只能写入新的数据库" in err and "--db sqlite:///" in err
    assert main(["--db", url, "demo", "--if-empty"]) == 0


def test_X3_the_database_password_is_never_printed(tmp_path, capsys, monkeypatch):
    from models import db as dbmod

    opened = []
    monkeypatch.setattr(dbmod, "_create_mysql_database", lambda name, params: opened.append(name))
    monkeypatch.setattr(dbmod, "open_database", _fake_open)
    monkeypatch.setattr(people, "has_users", lambda: True)
    assert main(["--db", "mysql://clerk:S3cret-Pa55@db.office:3306/houqin", "init"]) == 0
    for typo in ("mysq://clerk:S3cret-Pa55@db.office/houqin", "mysql:/clerk:S3cret-Pa55@db/h"):
        assert main(["--db", typo, "init"]) == 1
    out = capsys.readouterr()
    assert "S3cret-Pa55" not in out.out + out.err
    assert "clerk:***@db.office" in out.out and "不支持的数据库地址" in out.err
    assert not list(tmp_path.glob("**/*Pa55*"))  # no file made of a mistyped URL


def _fake_open(url=None, *, migrate=True):
    from models.db import connect_url, resolve_url

    return connect_url(resolve_url(url))


def test_X3_backup_onto_the_live_file_or_a_foreign_file_is_refused(url, tmp_path, capsys):
    assert main(["--db", url, "init", "--password", "Admin-pass-1"]) == 0
    live = tmp_path / "cli.db"
    before = live.read_bytes()
    capsys.readouterr()
    assert main(["--db", url, "backup", str(live)]) == 1
    assert "正在使用的数据库文件本身" in capsys.readouterr().err
    assert live.read_bytes() == before
    report = tmp_path / "report.docx"
    report.write_bytes(b"PK\x03\x04 a document")
    assert main(["--db", url, "backup", str(report)]) == 1
    err = capsys.readouterr().err
    assert "不是数据库文件，未覆盖" in err and "Traceback" not in err
    assert report.read_bytes() == b"PK\x03\x04 a document"
    good = tmp_path / "b.db"
    assert main(["--db", url, "backup", str(good)]) == 0
    with sqlite3.connect(good) as copy:
        assert copy.execute("SELECT COUNT(*) FROM user").fetchone()[0] == 1
    assert main(["--db", url, "backup", str(good)]) == 0  # an older backup is replaced

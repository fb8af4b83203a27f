"""Attachments: files of any record in the shared database, chunked, hashed, never deleted
(X2, X4), on SQLite and MariaDB."""

from __future__ import annotations

import hashlib
import io
import os

import peewee
import pytest

from models import attachments, audit, people, settings
from models.attachments import Attachment, AttachmentChunk, CorruptAttachment
from models.audit import AuditLog
from models.db import db, is_mysql
from models.errors import Cancelled, RuleViolation, RuleWarning

MIB = 1024 * 1024


@pytest.fixture
def record(office):
    """Any record may own files: here a department."""
    return people.add_department(office.admin, "档案室")


def counts() -> tuple[int, int, int]:
    return Attachment.select().count(), AttachmentChunk.select().count(), AuditLog.select().count()


def test_X4_a_file_larger_than_the_packet_limit_round_trips_in_chunks(office, record, tmp_path):
    size = 20 * MIB + 1
    if is_mysql():
        packet = db.execute_sql("SELECT @@max_allowed_packet").fetchone()[0]
        assert size > packet  # one statement with the whole file would close the connection
    settings.put(office.admin, "attachments.max_mb", 21)
    content = os.urandom(size)
    source = tmp_path / "维修报价单.pdf"
    source.write_bytes(content)
    ticks = []

    att = attachments.attach(
        office.clerk, record, None, source, progress=lambda done, total: ticks.append(total)
    )

    assert att.file_name == "维修报价单.pdf" and att.mime_type == "application/pdf"
    assert att.size == size and att.sha256 == hashlib.sha256(content).hexdigest()
    expected_chunks = -(-size // attachments.CHUNK_SIZE)
    assert att.chunk_count == expected_chunks == len(ticks) and set(ticks) == {expected_chunks}
    assert AttachmentChunk.select().where(AttachmentChunk.attachment == att.id).count() == (
        expected_chunks
    )
    largest = AttachmentChunk.select(peewee.fn.MAX(peewee.fn.LENGTH(AttachmentChunk.data)))
    assert largest.scalar() == attachments.CHUNK_SIZE  # MEDIUMBLOB: nothing truncated at 64 KiB

    copy = attachments.write_to(att, tmp_path / "copy.pdf")
    assert copy.stat().st_size == size
    assert hashlib.sha256(copy.read_bytes()).hexdigest() == att.sha256
    assert not list(tmp_path.glob("*.partial"))
    (listed,) = attachments.attachments_of(record)
    assert listed.id == att.id and listed.uploader_name == "张三"


def test_size_limit_is_a_setting_and_a_larger_file_writes_nothing(office, record, tmp_path):
    assert settings.get("attachments.max_mb") == 20
    settings.put(office.admin, "attachments.max_mb", 1)
    big = tmp_path / "照片.jpg"
    big.write_bytes(b"\xff" * (MIB + 1))
    before = counts()
    with pytest.raises(RuleViolation) as by_path:
        attachments.attach(office.clerk, record, None, big)
    assert "1 MB" in by_path.value.zh and "attachments.max_mb" in by_path.value.en
    # A stream of unknown length is cut off while it is read, and its chunks rolled back.
    with pytest.raises(RuleViolation) as refusal:
        attachments.attach(office.clerk, record, "照片.jpg", io.BytesIO(b"\xff" * (MIB + 1)))
    assert refusal.value.rule is None  # a plain input check
    assert counts() == before
    exactly = attachments.attach(office.clerk, record, "照片.jpg", b"\xff" * MIB)
    assert exactly.size == MIB and exactly.mime_type == "image/jpeg"
    with pytest.raises(RuleViolation) as refusal:
        settings.put(office.admin, "attachments.max_mb", 0)
    assert refusal.value.rule is None  # a plain input check


def test_empty_files_and_bad_names_are_refused_and_write_nothing(office, record, tmp_path):
    before = counts()
    empty = tmp_path / "空.txt"
    empty.write_bytes(b"")
    for name, source in (
        (None, empty),
        ("空.txt", io.BytesIO(b"")),
        ("", b"x"),
        ("  ", b"x"),
        ("甲" * 252 + ".pdf", b"x"),
        ("bad\nname.txt", b"x"),
        (None, b"x"),
        (None, tmp_path / "missing.pdf"),
    ):
        with pytest.raises(RuleViolation) as refusal:
            attachments.attach(office.clerk, record, name, source)
        assert refusal.value.rule is None  # a plain input check
    assert counts() == before
    # A path's folders are not part of the name; 255 characters are fine.
    att = attachments.attach(office.clerk, record, "C:\\扫描\\" + "甲" * 251 + ".pdf", b"x")
    assert att.file_name == "甲" * 251 + ".pdf"


def test_X2_attachment_is_voided_never_deleted(office, record):
    att = attachments.attach(office.clerk, record, "报价单.pdf", b"quote")
    kept = attachments.attach(office.clerk, record, "照片.png", b"photo")
    with pytest.raises(RuleViolation) as no_reason:
        attachments.void_attachment(office.clerk, att, "  ")
    assert no_reason.value.rule == "X2"
    attachments.void_attachment(office.clerk, att, "传错了文件")

    assert [a.id for a in attachments.attachments_of(record)] == [kept.id]
    both = attachments.attachments_of(record, include_voided=True)
    assert [a.id for a in both] == [att.id, kept.id]
    row = both[0]
    assert row.is_voided and row.void_reason == "传错了文件" and row.voided_by_id == office.clerk.id
    assert attachments.read_bytes(att) == b"quote"  # the content stays
    assert attachments.count_of(record) == 1
    with pytest.raises(RuleViolation) as twice:
        attachments.void_attachment(office.clerk, att, "again")
    assert twice.value.rule == "X2"
    # Not even a careless query deletes a file or rewrites its content.
    with pytest.raises(peewee.DatabaseError), db.atomic():
        Attachment.delete().where(Attachment.id == att.id).execute()
    with pytest.raises(peewee.DatabaseError), db.atomic():
        AttachmentChunk.update(data=b"forged").execute()
    with pytest.raises(peewee.DatabaseError), db.atomic():
        AttachmentChunk.delete().execute()
    assert attachments.read_bytes(kept) == b"photo"


def test_X1_only_the_uploader_or_an_administrator_voids(office, record):
    att = attachments.attach(office.clerk, record, "报价单.pdf", b"quote")
    for stranger in (office.head, office.leader, office.driver):
        with pytest.raises(RuleViolation) as refused:
            attachments.void_attachment(stranger, att, "不需要")
        assert refused.value.rule == "X1"
    assert not Attachment.get_by_id(att.id).is_voided
    assert not attachments.may_void(office.head, att) and attachments.may_void(office.clerk, att)
    attachments.void_attachment(office.admin, att.id, "管理员清理")
    assert Attachment.get_by_id(att.id).voided_by_id == office.admin.id
    assert not attachments.may_void(office.admin, Attachment.get_by_id(att.id))


def test_X2_attach_and_void_leave_audit_rows(office, record):
    att = attachments.attach(office.clerk, record, "报价单.pdf", b"quote")
    attachments.void_attachment(office.clerk, att, "传错了文件")
    created, voided = audit.history("attachment", att.id)
    assert created.action == "create" and created.actor_name == "张三"
    changes = created.changes_dict()
    assert changes["file_name"] == [None, "报价单.pdf"] and changes["size"] == [None, 5]
    assert changes["owner_type"] == [None, "department"]
    assert changes["owner_id"] == [None, record.id]
    assert changes["sha256"] == [None, hashlib.sha256(b"quote").hexdigest()]
    assert voided.action == "void" and voided.note == "传错了文件"
    assert voided.actor_id == office.clerk.id


def test_X1_a_locked_or_voided_account_is_refused(office, record):
    clerk = office.clerk  # the object a desktop logged in with: stale after the lock
    att = attachments.attach(clerk, record, "报价单.pdf", b"quote")
    people.lock_user(office.admin, people.User.get_by_id(clerk.id))
    before = counts()
    with pytest.raises(RuleViolation) as locked:
        attachments.attach(clerk, record, "照片.png", b"photo")
    assert locked.value.rule == "X1" and "锁定" in locked.value.zh
    with pytest.raises(RuleViolation) as refusal:
        attachments.void_attachment(clerk, att, "传错了")
    assert refusal.value.rule == "X1"
    people.unlock_user(office.admin, people.User.get_by_id(clerk.id))
    people.void_user(office.admin, people.User.get_by_id(clerk.id), "调离")
    with pytest.raises(RuleViolation) as gone:
        attachments.attach(clerk, record, "照片.png", b"photo")
    assert gone.value.rule == "X1" and "作废" in gone.value.zh
    assert counts()[:2] == before[:2]
    assert not Attachment.get_by_id(att.id).is_voided
    attachments.attach(people.SYSTEM, record, "导入.xlsx", b"sheet")  # the command line acts


def test_a_cancelled_upload_writes_nothing(office, record):
    def cancel_after_two(done, total):
        if done == 2:
            raise Cancelled()

    before = counts()
    with pytest.raises(Cancelled):
        attachments.attach(
            office.clerk,
            record,
            "录像.mp4",
            b"v" * (3 * attachments.CHUNK_SIZE),
            progress=cancel_after_two,
        )
    assert counts() == before


def test_the_same_content_twice_on_a_record_is_a_warning(office, record):
    first = attachments.attach(office.clerk, record, "报价单.pdf", b"quote")
    before = counts()
    with pytest.raises(RuleWarning) as twice:
        attachments.attach(office.head, record, "报价单(1).pdf", b"quote")
    assert "报价单.pdf" in twice.value.zh
    assert counts() == before
    again = attachments.attach(
        office.head,
        record,
        "报价单(1).pdf",
        b"quote",
        acknowledged={attachments.DUPLICATE_WARNING},
    )
    assert again.sha256 == first.sha256
    other = people.add_department(office.admin, "资料室")
    attachments.attach(office.clerk, other, "报价单.pdf", b"quote")  # another record: no warning


def test_files_belong_to_their_record_and_a_voided_record_takes_none(office, record):
    other = people.add_department(office.admin, "资料室")
    attachments.attach(office.clerk, record, "a.txt", b"a")
    attachments.attach(office.clerk, other, "b.txt", b"b")
    assert [a.file_name for a in attachments.attachments_of(record)] == ["a.txt"]
    assert [a.file_name for a in attachments.attachments_of(("department", other.id))] == ["b.txt"]
    audit.void(office.admin, other, "撤销")
    with pytest.raises(RuleViolation) as voided:
        attachments.attach(office.clerk, other, "c.txt", b"c")
    assert voided.value.rule == "X2"


def test_a_damaged_file_is_never_handed_out_as_complete(office, record, tmp_path):
    att = attachments.attach(office.clerk, record, "报价单.pdf", b"quote" * 1000)
    Attachment.update(sha256="0" * 64).where(Attachment.id == att.id).execute()
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(CorruptAttachment):
        attachments.write_to(att.id, out / "copy.pdf")
    assert list(out.iterdir()) == []


def test_F2_X1_a_repair_takes_papers_from_its_driver_or_the_fleet_staff_only(office):
    """The quote, photos and invoice of a repair: from the driver who applied, 车管 or 后勤;
    a clerk of another office is refused by the files panel's door too (X1), and its 添加
    button is not offered to him (``may_attach``)."""
    from models import fleet
    from tests.pending_docs import _car

    o = office
    repair = fleet.apply_repair(o.driver, _car(o), "刹车异响")
    for allowed in (o.driver, o.fleet, o.logistics):
        assert attachments.may_attach(allowed, repair)
        attachments.attach(allowed, repair, f"{allowed.username}.jpg", allowed.username.encode())
    assert not attachments.may_attach(o.clerk, repair)
    for owner in (repair, attachments.Owner.of(repair)):
        with pytest.raises(RuleViolation) as err:
            attachments.attach(o.clerk, owner, "假发票.pdf", b"%PDF-1.4 fake")
        assert err.value.rule == "X1" and "报修驾驶员本人或车管" in err.value.zh
    assert attachments.count_of(repair) == 3

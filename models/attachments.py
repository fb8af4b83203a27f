"""Attachments: files kept with any record (a repair's quote and photos, a requisition, later
complaint materials and training records), stored in the shared database so that every
desktop of the office sees them (X4), and never deleted, only voided with a reason (X2).

- A file is an ``Attachment`` row (owner, name, MIME type, size, SHA-256, who and when) and
  its content in ``AttachmentChunk`` rows of ``CHUNK_SIZE`` bytes each. Chunks far below
  MariaDB's ``max_allowed_packet`` (16 MiB by default; a larger packet closes the connection)
  keep every statement small, and a file is read and written one chunk at a time, so memory
  stays flat whatever its size.
- The owner is any record: its table name (``repair``, ``instance``, …) and its id. Nothing
  in the owner's table points back, so a module attaches files without a migration of its own.
- ``attach`` reads the source once, hashing while it reads, inside one transaction: a file
  that turns out empty, too large (setting ``attachments.max_mb``) or cancelled leaves
  nothing behind. ``read``/``write_to`` hand the content back and check the hash.
- Chunks are immutable (database triggers refuse UPDATE and DELETE on ``attachment_chunk``);
  an attachment row refuses DELETE, and changes only when it is voided.

Who may do what: any active user may attach a file to a record and read the files of a record;
the uploader or an administrator may void one. Rules of particular documents (no new files on
a closed repair, only the training office on a teacher's record) belong to those documents and
are not enforced here yet.
"""

from __future__ import annotations

import hashlib
import io
import mimetypes
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import peewee

from models import audit, settings
from models.base import BaseModel, VoidableModel, now
from models.db import db, for_update
from models.errors import HouqinError, RuleViolation, RuleWarning, warn_unless
from models.people import SYSTEM, Actor, Role, User, require_active

CHUNK_SIZE = 256 * 1024  # bytes per chunk: 64 chunks to a 16 MiB packet
MAX_NAME_LENGTH = 255
MIB = 1024 * 1024
FALLBACK_MIME = "application/octet-stream"
DUPLICATE_WARNING = "attachments.duplicate"

Progress = Callable[[int, int | None], Any]  # (chunks done, chunks in all or None)
Source = str | os.PathLike[str] | bytes | IO[bytes]


class ChunkField(peewee.BlobField):
    """A blob column big enough for one chunk: MySQL's ``BLOB`` holds 64 KiB only (and a
    non-strict server truncates silently), ``MEDIUMBLOB`` holds 16 MiB; SQLite takes the
    type name as a plain blob."""

    field_type = "MEDIUMBLOB"


class Attachment(VoidableModel):
    owner_type = peewee.CharField(max_length=64)
    owner_id = peewee.IntegerField()
    file_name = peewee.CharField(max_length=MAX_NAME_LENGTH)
    mime_type = peewee.CharField(max_length=127, default=FALLBACK_MIME)
    size = peewee.BigIntegerField(default=0)
    sha256 = peewee.CharField(max_length=64, default="", index=True)
    chunk_count = peewee.IntegerField(default=0)
    uploaded_by = peewee.ForeignKeyField(User, null=True, backref="attachments")
    uploaded_at = peewee.DateTimeField()
    voided_by = peewee.ForeignKeyField(User, null=True, backref="voided_attachments")

    class Meta:
        indexes = ((("owner_type", "owner_id"), False),)

    @property
    def uploader_name(self) -> str:
        return self.uploaded_by.name if self.uploaded_by_id else SYSTEM.display_name

    def __str__(self) -> str:
        return self.file_name


class AttachmentChunk(BaseModel):
    attachment = peewee.ForeignKeyField(Attachment, backref="chunks")
    number = peewee.IntegerField()  # 0, 1, 2, … in file order
    data = ChunkField()

    class Meta:
        indexes = ((("attachment", "number"), True),)


TABLES = [Attachment, AttachmentChunk]


class CorruptAttachment(HouqinError):
    """The stored content does not match its size or SHA-256 (a damaged database)."""

    kind = "database"

    def __init__(self, attachment: Attachment) -> None:
        super().__init__(
            f"附件「{attachment.file_name}」内容校验失败，文件可能已损坏，请联系系统管理员",
            f"attachment {attachment.file_name} failed its checksum; the stored file may be "
            "damaged, tell the administrator",
        )


@dataclass(frozen=True)
class Owner:
    """A record to which files are attached: its table and id."""

    kind: str
    id: int

    @classmethod
    def of(cls, record: BaseModel | Owner | tuple[str, int]) -> Owner:
        if isinstance(record, Owner):
            return record
        if isinstance(record, tuple):
            kind, record_id = record
            return cls(str(kind), int(record_id))
        record_id = record.get_id()
        if record_id is None:
            raise RuleViolation(
                None, "请先保存记录，再添加附件", "save the record before attaching files"
            )
        return cls(record._meta.table_name, int(record_id))


# --- who may attach ----------------------------------------------------------------------

AttachGuard = Callable[[Actor, Any], None]
_GUARDS: dict[str, tuple[type[BaseModel], AttachGuard]] = {}


def guard_attachments(model: type[BaseModel], guard: AttachGuard) -> None:
    """Declare who may attach files to ``model``'s records: ``guard(actor, row)`` raises a
    ``RuleViolation`` naming the rule for anyone else. Why here and not in each use case: a
    file reaches a record through ``attach`` itself too (the desktop's files panel), so the
    domain's rule must sit behind that one door. A table without a guard takes files from
    any active user; every table the demo office files papers to declares one
    (``tests/models/test_demo.py``)."""
    _GUARDS[model._meta.table_name] = (model, guard)


def may_attach(actor: Actor, owner: BaseModel | Owner | tuple[str, int]) -> bool:
    """Whether ``attach`` would take a file from ``actor`` for ``owner`` as far as who and
    the record's state go (for the desktop's 添加 button; ``attach`` decides)."""
    try:
        require_active(actor)
        key, row = _owner_row(owner)
        _check_attacher(actor, key, row)
    except HouqinError:
        return False
    return not (row is not None and isinstance(row, VoidableModel) and row.is_voided)


def _check_attacher(actor: Actor, key: Owner, row: BaseModel | None) -> None:
    entry = _GUARDS.get(key.kind)
    if entry is None:
        return
    model, guard = entry
    if row is None:
        row = model.get_or_none(model._meta.primary_key == key.id)
        if row is None:
            raise RuleViolation(None, "该记录不存在", "the record does not exist")
    guard(actor, row)


# --- checks ------------------------------------------------------------------------------


def clean_file_name(name: str) -> str:
    """The last part of a path as a user would name the file; refuses what no file system
    keeps (empty, control characters, over ``MAX_NAME_LENGTH`` characters)."""
    base = (name or "").replace("\\", "/").rsplit("/", 1)[-1].strip()
    if not base or base in (".", ".."):
        raise RuleViolation(None, "附件缺少文件名", "the attachment has no file name", field="name")
    if any(ord(c) < 32 or ord(c) == 127 for c in base):
        raise RuleViolation(
            None,
            "文件名含有控制字符",
            "the file name contains control characters",
            field="name",
        )
    if len(base) > MAX_NAME_LENGTH:
        raise RuleViolation(
            None,
            f"文件名过长（{len(base)} 个字符，最多 {MAX_NAME_LENGTH} 个）",
            f"the file name is too long ({len(base)} characters, at most {MAX_NAME_LENGTH})",
            field="name",
        )
    return base


def guess_mime(name: str) -> str:
    return mimetypes.guess_type(name, strict=False)[0] or FALLBACK_MIME


def max_bytes() -> int:
    return int(settings.get("attachments.max_mb")) * MIB


def _too_large(name: str, limit: int) -> RuleViolation:
    mb = limit // MIB
    return RuleViolation(
        None,
        f"附件「{name}」超过大小上限 {mb} MB（系统设置「附件大小上限」）",
        f"attachment {name} is larger than the limit of {mb} MB (setting attachments.max_mb)",
        field="file",
    )


def _owner_row(owner: BaseModel | Owner | tuple[str, int]) -> tuple[Owner, BaseModel | None]:
    """The owner's key, and its row when the caller passed one (read again: it may have been
    voided meanwhile)."""
    key = Owner.of(owner)
    if not isinstance(owner, BaseModel):
        return key, None
    model = type(owner)
    row = model.get_or_none(model._meta.primary_key == owner.get_id())
    if row is None:
        raise RuleViolation(None, "该记录不存在", "the record does not exist")
    return key, row


# --- use cases ---------------------------------------------------------------------------


def attach(
    actor: Actor,
    owner: BaseModel | Owner | tuple[str, int],
    file_name: str | None,
    source: Source,
    *,
    progress: Progress | None = None,
    acknowledged: frozenset[str] | set[str] | None = None,
) -> Attachment:
    """Store a file with ``owner``, streamed in ``CHUNK_SIZE`` chunks and hashed while it is
    read, in one transaction. ``owner`` is best given as the record itself (it is read again
    and checked); an ``Owner`` key is taken as given. ``source`` is a path, the bytes, or a
    binary stream; ``file_name`` defaults to the path's name. ``progress(done, total)`` is
    called after each chunk and may raise ``Cancelled``: nothing is written then.

    Refused: an inactive actor (X1), an actor the owner's domain does not let file there
    (``guard_attachments``, X1), a voided owner (X2), a missing or over-long name, an
    empty file, a file over ``attachments.max_mb``. The same content already attached (not
    voided) to the same record is a warning (``DUPLICATE_WARNING``) the user may accept."""
    if file_name is None:
        if not isinstance(source, str | os.PathLike):
            raise RuleViolation(
                None, "附件缺少文件名", "the attachment has no file name", field="name"
            )
        file_name = Path(source).name
    name = clean_file_name(file_name)
    limit = max_bytes()
    total_chunks: int | None = None
    if isinstance(source, bytes):
        expected = len(source)
    elif isinstance(source, str | os.PathLike):
        try:
            expected = os.stat(source).st_size
        except OSError as exc:
            raise _unreadable(source, exc) from exc
    else:
        expected = None
    if expected is not None:
        if expected > limit:
            raise _too_large(name, limit)
        if expected == 0:
            raise _empty(name)
        total_chunks = -(-expected // CHUNK_SIZE)
    with db.atomic():
        require_active(actor)
        key, row = _owner_row(owner)
        _check_attacher(actor, key, row)  # the domain's rule of who files there (X1)
        if row is not None and isinstance(row, VoidableModel) and row.is_voided:
            raise RuleViolation(
                "X2",
                "该记录已作废，不能再添加附件",
                "the record is voided; no files can be attached to it",
            )
        att = Attachment.create(
            owner_type=key.kind,
            owner_id=key.id,
            file_name=name,
            mime_type=guess_mime(name),
            uploaded_by=actor.id,
            uploaded_at=now(),
        )
        digest = hashlib.sha256()
        size = number = 0
        with _opened(source) as stream:
            while True:
                block = stream.read(CHUNK_SIZE)
                if not block:
                    break
                size += len(block)
                if size > limit:
                    raise _too_large(name, limit)
                digest.update(block)
                AttachmentChunk.create(attachment=att.id, number=number, data=bytes(block))
                number += 1
                if progress is not None:
                    progress(number, total_chunks)
        if size == 0:
            raise _empty(name)
        sha = digest.hexdigest()
        same = Attachment.select(Attachment.file_name).where(
            (Attachment.owner_type == key.kind)
            & (Attachment.owner_id == key.id)
            & (Attachment.sha256 == sha)
            & Attachment.voided_at.is_null()
            & (Attachment.id != att.id)
        )
        twin = same.first()
        if twin is not None:
            warn_unless(
                acknowledged,
                RuleWarning(
                    DUPLICATE_WARNING,
                    None,
                    f"该记录已有内容相同的附件「{twin.file_name}」，仍要再添加「{name}」吗？",
                    f"the record already has a file with the same content ({twin.file_name}); "
                    f"attach {name} again?",
                ),
            )
        Attachment.update(size=size, sha256=sha, chunk_count=number).where(
            Attachment.id == att.id
        ).execute()
        att.size, att.sha256, att.chunk_count = size, sha, number
        audit.record(
            actor,
            Attachment._meta.table_name,
            att.id,
            "create",
            {
                "owner_type": (None, key.kind),
                "owner_id": (None, key.id),
                "file_name": (None, name),
                "mime_type": (None, att.mime_type),
                "size": (None, size),
                "sha256": (None, sha),
            },
        )
    return att


def _empty(name: str) -> RuleViolation:
    return RuleViolation(
        None, f"附件「{name}」是空文件", f"attachment {name} is empty", field="file"
    )


@contextmanager
def _opened(source: Source) -> Iterator[IO[bytes]]:
    """A path is opened (and closed), bytes wrapped, a caller's stream used as it is and left
    open. A file that cannot be opened is a refusal that names it, not a crash."""
    if isinstance(source, bytes):
        yield io.BytesIO(source)
    elif isinstance(source, str | os.PathLike):
        try:
            stream = open(source, "rb")  # noqa: SIM115 - closed below
        except OSError as exc:
            raise _unreadable(source, exc) from exc
        with stream:
            yield stream
    else:
        yield source


def _unreadable(path: str | os.PathLike[str], exc: OSError) -> RuleViolation:
    reason = exc.strerror or str(exc)
    return RuleViolation(
        None,
        f"无法读取文件「{Path(path).name}」：{reason}",
        f"cannot read the file {Path(path).name}: {reason}",
        field="file",
    )


def attachments_of(
    owner: BaseModel | Owner | tuple[str, int], *, include_voided: bool = False
) -> list[Attachment]:
    """The files of a record, oldest first, with their uploader (one query). Voided files
    only when asked for."""
    key = Owner.of(owner)
    query = (
        Attachment.select(Attachment, User)
        .join(User, peewee.JOIN.LEFT_OUTER, on=(Attachment.uploaded_by == User.id))
        .where((Attachment.owner_type == key.kind) & (Attachment.owner_id == key.id))
        .order_by(Attachment.uploaded_at, Attachment.id)
    )
    if not include_voided:
        query = query.where(Attachment.voided_at.is_null())
    return list(query)


def count_of(owner: BaseModel | Owner | tuple[str, int]) -> int:
    """How many files (not voided) a record has: for a tab title or a list column."""
    key = Owner.of(owner)
    return (
        Attachment.select()
        .where(
            (Attachment.owner_type == key.kind)
            & (Attachment.owner_id == key.id)
            & Attachment.voided_at.is_null()
        )
        .count()
    )


def get_attachment(attachment_id: int) -> Attachment:
    att = Attachment.get_or_none(Attachment.id == attachment_id)
    if att is None:
        raise RuleViolation(None, "附件不存在", "no such attachment")
    return att


def read(attachment: Attachment | int, *, progress: Progress | None = None) -> Iterator[bytes]:
    """The content, chunk by chunk (one small query each, so memory stays flat on MySQL,
    whose driver buffers a whole result). After the last chunk the size and SHA-256 are
    checked and ``CorruptAttachment`` raised on a mismatch: a caller that must not keep bad
    content (``write_to``) writes aside and keeps the file only when the loop completes."""
    att = get_attachment(attachment if isinstance(attachment, int) else attachment.id)
    digest = hashlib.sha256()
    size = 0
    for number in range(att.chunk_count):
        data = (
            AttachmentChunk.select(AttachmentChunk.data)
            .where((AttachmentChunk.attachment == att.id) & (AttachmentChunk.number == number))
            .scalar()
        )
        if data is None:
            raise CorruptAttachment(att)
        block = bytes(data)
        digest.update(block)
        size += len(block)
        yield block
        if progress is not None:
            progress(number + 1, att.chunk_count)
    if size != att.size or digest.hexdigest() != att.sha256:
        raise CorruptAttachment(att)


def read_bytes(attachment: Attachment | int) -> bytes:
    """The whole content at once (small files, tests)."""
    return b"".join(read(attachment))


def write_to(
    attachment: Attachment | int,
    path: str | os.PathLike[str],
    *,
    progress: Progress | None = None,
) -> Path:
    """Write the content to ``path``: first to a partial file beside it, renamed over
    ``path`` only once the hash checked out, so a damaged or cancelled copy never looks
    complete."""
    target = Path(path)
    partial = target.with_name(target.name + ".partial")
    try:
        with open(partial, "wb") as out:
            for block in read(attachment, progress=progress):
                out.write(block)
        os.replace(partial, target)
    finally:
        if partial.exists():
            partial.unlink()
    return target


def may_void(actor: Actor, attachment: Attachment) -> bool:
    """The uploader or an administrator (for the desktop's buttons; ``void_attachment``
    decides)."""
    if attachment.is_voided:
        return False
    if actor.has_role(Role.ADMIN):
        return True
    return actor.id is not None and actor.id == attachment.uploaded_by_id


def void_attachment(actor: Actor, attachment: Attachment | int, reason: str) -> Attachment:
    """Void a file with a reason (X2): it disappears from the record's list, stays readable
    in the history, and its content is kept. Only the uploader or an administrator (X1)."""
    attachment_id = attachment if isinstance(attachment, int) else attachment.id
    with db.atomic():
        require_active(actor)
        att = for_update(Attachment.select().where(Attachment.id == attachment_id)).first()
        if att is None:
            raise RuleViolation(None, "附件不存在", "no such attachment")
        if not actor.has_role(Role.ADMIN) and (actor.id is None or actor.id != att.uploaded_by_id):
            raise RuleViolation(
                "X1",
                f"{actor.display_name} 无权作废此附件：只有上传人或管理员可以作废",
                f"{actor.display_name} may not void this attachment; only its uploader or an "
                "administrator may",
            )
        audit.void(actor, att, reason)
        Attachment.update(voided_by=actor.id).where(Attachment.id == att.id).execute()
        att.voided_by = actor.id
    if isinstance(attachment, Attachment):
        attachment.voided_at, attachment.void_reason = att.voided_at, att.void_reason
        attachment.voided_by = actor.id
    return att

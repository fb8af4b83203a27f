"""External training and self-study claims from Excel (T7): the ``external-training`` kind.

A row is one claim: the teacher by 工号 (text), 类别 (自学/学历/非学历), 培训机构, 级别, the
dates, 学时, 证书编号 and 证书扫描件, the path of the certificate's scan (the claim is not
made without it). Each row is ``training.claim_external``, the use case the teacher's own
claim goes through: it goes onto the engine for 教研处's recognition.

Why the certificate number is the key and ``find`` finds nothing: a certificate is credited
once, so a certificate already claimed is refused by the rule (T7, with when it was claimed
and its state), never taken for a record to update; a certificate twice in one file is
refused by the importer as a repeated key. Claims are never changed by a file (update mode
is refused): a returned claim is corrected and sent again by the claimant.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from forms.kinds import Filters, Kind, Values, register_kind, within
from forms.spec import Field, FieldType, FormSpec
from forms.training.staff import staff_no_field, teacher_of_row
from models import training
from models.errors import RuleViolation
from models.training import CLAIM_KINDS, LEVELS, ExternalTraining, Teacher

EXTERNAL = FormSpec(
    name="external-training",
    title="外出培训与自学学分申请",
    title_en="External training and self-study claims",
    key="certificate_no",
    fields=(
        staff_no_field(),
        Field("name", "姓名", width=10, max_length=50, label_en="Name"),
        Field(
            "kind",
            "类别",
            FieldType.CHOICE,
            required=True,
            width=8,
            choices=CLAIM_KINDS,
            label_en="Kind",
        ),
        Field(
            "provider",
            "培训机构",
            required=True,
            width=20,
            max_length=100,
            example="县教师进修学校",
            label_en="Provider",
        ),
        Field(
            "level",
            "级别",
            FieldType.CHOICE,
            required=True,
            width=8,
            choices=LEVELS,
            label_en="Level",
        ),
        Field("from_date", "开始日期", FieldType.DATE, required=True, width=12, label_en="From"),
        Field("to_date", "结束日期", FieldType.DATE, required=True, width=12, label_en="To"),
        Field(
            "hours",
            "学时",
            FieldType.DECIMAL,
            required=True,
            width=8,
            places=1,
            label_en="Hours",
        ),
        Field(
            "certificate_no",
            "证书编号",
            required=True,
            width=18,
            max_length=50,
            help="同一证书只认定一次。",
            label_en="Certificate No.",
            as_text=True,
        ),
        Field(
            "certificate_file",
            "证书扫描件",
            required=True,
            width=36,
            max_length=500,
            help="证书扫描件的完整路径，如 D:\\证书\\00123-2026.pdf。",
            label_en="Certificate scan",
        ),
    ),
    help="每行一项学分申请，导入后送教研处认定。证书编号识别申请，同一证书只认定一次。",
)


def _scan(path_text: str) -> tuple[str, bytes]:
    path = Path(path_text.strip().strip('"'))
    if not path.is_file():
        raise RuleViolation(
            "T7",
            f"找不到证书扫描件：{path_text}",
            f"no certificate scan at {path_text}",
            field="certificate_file",
        )
    return path.name, path.read_bytes()


def _insert(actor: Any, v: Values) -> None:
    teacher = teacher_of_row(v["staff_no"], "T7")
    training.claim_external(
        actor,
        teacher,
        kind=v["kind"],
        provider=v["provider"],
        level=v["level"],
        from_date=v["from_date"],
        to_date=v["to_date"],
        hours=v["hours"],
        certificate_no=v["certificate_no"],
        certificate=_scan(v["certificate_file"]),
    )


def _refuse_update(*_: Any) -> bool:
    raise RuleViolation(
        "T7",
        "学分申请不能通过导入修改；退回的申请由申请人修改后重新提交",
        "a claim is not changed by an import; a returned claim is corrected and resubmitted",
    )


def _query(filters: Filters) -> Any:
    query = ExternalTraining.select(ExternalTraining, Teacher).join(Teacher)
    if filters.get("kind"):
        query = query.where(ExternalTraining.kind == filters["kind"])
    return within(query, ExternalTraining.to_date, filters)


def _rows(filters: Filters) -> Iterator[Values]:
    for c in _query(filters).order_by(ExternalTraining.to_date, ExternalTraining.id).iterator():
        yield {
            "staff_no": c.teacher.staff_no,
            "name": c.teacher.name,
            "kind": c.kind,
            "provider": c.provider,
            "level": c.level,
            "from_date": c.from_date,
            "to_date": c.to_date,
            "hours": c.hours,
            "certificate_no": c.certificate_no,
            "certificate_file": "",  # the scan is attached to the claim, not a path
        }


EXTERNAL_KIND = register_kind(
    Kind(
        spec=EXTERNAL,
        find=lambda key: None,  # a claimed certificate is refused by T7, never updated
        insert=_insert,
        update=_refuse_update,
        rows=_rows,
        count=lambda f: _query(f).count(),
        filters=("kind",),
        period_field="to_date",
    )
)

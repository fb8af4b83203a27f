"""How the 审批中心 and the printed 申请批准单 label the fleet documents' fields."""

from forms.approval import register_doc_fields
from forms.spec import Field, FormSpec

register_doc_fields(
    "fleet_repair",
    FormSpec(
        "fleet_repair_fields",
        "车辆维修",
        (Field("kind", "维修类别", value_labels=(("repair", "一般维修"), ("overhaul", "大修"))),),
    ),
)
register_doc_fields(
    "fleet_supplement",
    FormSpec(
        "fleet_supplement_fields",
        "追加项目",
        (Field("costly", "总成或高价配件（须主要领导同意）"),),
    ),
)
register_doc_fields(
    "fleet_use",
    FormSpec(
        "fleet_use_fields", "用车申请", (Field("needs_leader", "出市或私用（须主要领导同意）"),)
    ),
)

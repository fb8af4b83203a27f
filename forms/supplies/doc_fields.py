"""How the 审批中心 and the printed 申请批准单 label the supplies documents' fields."""

from forms.approval import register_doc_fields
from forms.spec import Field, FieldType, FormSpec

register_doc_fields(
    "supplies_requisition",
    FormSpec("supplies_requisition_fields", "办公用品申请", (Field("lines", "申领项数"),)),
)
register_doc_fields(
    "supplies_plan",
    FormSpec(
        "supplies_plan_fields",
        "办公用品采购计划",
        (
            Field("period", "计划期间"),
            Field("total", "计划金额（元）", FieldType.MONEY),
        ),
    ),
)
register_doc_fields(
    "supplies_stocktake",
    FormSpec(
        "supplies_stocktake_fields",
        "办公用品季度盘点",
        (
            Field("period", "盘点期间"),
            Field("gain", "盘盈数量合计"),
            Field("loss", "盘亏数量合计"),
        ),
    ),
)
register_doc_fields(
    "supplies_stock_return",
    FormSpec(
        "supplies_stock_return_fields",
        "办公用品退库单",
        (
            Field("requisition", "原申请批准单"),
            Field("units", "退库数量合计"),
        ),
    ),
)
